import { exactCount } from '@/lib/count';
import type { AccountObservation, PageReport, PostObservation } from '@/lib/model';
import { parseCount } from '@/lib/numbers';

export const n = (v: number) => exactCount(v);
export const abbr = (text: string) => parseCount(text);

export function igAccount(id: string, followers: number | null, extra: Partial<AccountObservation> = {}): AccountObservation {
  return {
    platform: 'instagram',
    id,
    nativeId: null,
    handle: id,
    name: id.toUpperCase(),
    url: `https://www.instagram.com/${id}/`,
    kind: 'user',
    followers: followers === null ? null : n(followers),
    following: n(10),
    posts: n(5),
    isPrivate: false,
    ...extra,
  };
}

export function vkAccount(id: string, handle: string | null, followers: number): AccountObservation {
  return {
    platform: 'vk',
    id,
    nativeId: /^-?\d+$/.test(id) ? id : null,
    handle,
    name: `VK ${id}`,
    url: `https://vk.com/${handle ?? id}`,
    kind: 'community',
    followers: n(followers),
    following: null,
    posts: null,
    isPrivate: null,
  };
}

export function igPost(id: string, likes: number | null, extra: Partial<PostObservation> = {}): PostObservation {
  return {
    platform: 'instagram',
    id,
    url: `https://www.instagram.com/p/${id}/`,
    authorId: null,
    authorHandle: null,
    authorName: null,
    publishedAt: '2026-10-01T10:00:00.000Z',
    kind: 'photo',
    likes: likes === null ? null : n(likes),
    comments: n(3),
    shares: null,
    views: null,
    pinned: false,
    likesHidden: false,
    ad: false,
    caption: null,
    commentsSample: [],
    ...extra,
  };
}

export function report(
  account: AccountObservation | null,
  posts: PostObservation[],
  at: string | number,
  pageKind: PageReport['pageKind'] = 'profile',
): PageReport {
  return {
    url: account?.url ?? 'https://www.instagram.com/',
    pageKind,
    observedAt: typeof at === 'number' ? new Date(at).toISOString() : at,
    account,
    posts,
  };
}
