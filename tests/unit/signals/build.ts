/**
 * Small builders of AccountHistory for the metrics and signals tests: plain objects in the decoded
 * shape (lib/store/records.ts), times in ms.
 */
import { type Count, exactCount } from '@/lib/count';
import type { Platform } from '@/lib/model';
import { parseCount } from '@/lib/numbers';
import type { AccountHistory, CommentSample, PostHistory, PostObservationPoint, Snapshot } from '@/lib/store/records';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const T0 = Date.UTC(2026, 0, 1, 12);

/** A count: a number is exact, a string is parsed as a page shows it ("1.2K"). */
export function c(v: number | string | null): Count | null {
  if (v === null) return null;
  return typeof v === 'number' ? exactCount(v) : parseCount(v);
}

export interface PostSpec {
  id?: string;
  /** days after T0 (may be negative) */
  day: number;
  likes: number | string | null;
  comments?: number | string | null;
  shares?: number | string | null;
  views?: number | string | null;
  /** when the numbers were read, days after T0 (default: 3 days after publishing) */
  seenDay?: number;
  pinned?: boolean;
  likesHidden?: boolean;
  ad?: boolean;
  giveaway?: boolean;
  kind?: PostHistory['kind'];
  comments_?: Array<Pick<CommentSample, 'text'> & Partial<CommentSample>>;
  /** extra observations [seenDay, likes] (earlier ones) */
  earlier?: Array<[number, number | string]>;
  /** published date unknown */
  undated?: boolean;
}

export function post(p: PostSpec, i = 0): PostHistory {
  const id = p.id ?? `p${i}`;
  const publishedAt = T0 + p.day * DAY;
  const obs = (at: number, likes: number | string | null): PostObservationPoint => ({
    at,
    likes: p.likesHidden ? null : c(likes),
    comments: c(p.comments ?? null),
    shares: c(p.shares ?? null),
    views: c(p.views ?? null),
  });
  const observations = [...(p.earlier ?? []).map(([d, l]) => obs(T0 + d * DAY, l)), obs(T0 + (p.seenDay ?? p.day + 3) * DAY, p.likes)];
  return {
    id,
    url: `https://www.instagram.com/p/${id}/`,
    kind: p.kind ?? 'photo',
    publishedAt: p.undated ? null : publishedAt,
    pinned: p.pinned ?? false,
    likesHidden: p.likesHidden ?? false,
    ad: p.ad ?? false,
    giveaway: p.giveaway ?? false,
    observations,
    comments: (p.comments_ ?? []).map((x) => ({ text: x.text, author: x.author ?? null, at: x.at ?? null, byOwner: x.byOwner ?? false })),
  };
}

export interface SnapSpec {
  day: number;
  followers: number | string | null;
  following?: number | string | null;
  posts?: number | string | null;
}

export function snap(s: SnapSpec): Snapshot {
  return { at: T0 + s.day * DAY, followers: c(s.followers), following: c(s.following ?? null), posts: c(s.posts ?? null) };
}

export function history(opts: {
  platform?: Platform;
  snapshots?: SnapSpec[];
  posts?: PostSpec[];
  kind?: AccountHistory['kind'];
  lastSeen?: number;
}): AccountHistory {
  const platform = opts.platform ?? 'instagram';
  const snapshots = (opts.snapshots ?? []).map(snap).sort((a, b) => a.at - b.at);
  const posts = (opts.posts ?? [])
    .map(post)
    .sort((a, b) => (b.publishedAt ?? Number.NEGATIVE_INFINITY) - (a.publishedAt ?? Number.NEGATIVE_INFINITY));
  const times = [...snapshots.map((s) => s.at), ...posts.flatMap((p) => p.observations.map((o) => o.at))];
  const lastSeen = opts.lastSeen ?? (times.length ? Math.max(...times) : T0);
  return {
    key: `${platform}:test`,
    platform,
    id: 'test',
    nativeId: null,
    handle: 'test',
    name: 'Test',
    url: platform === 'vk' ? 'https://vk.com/test' : 'https://www.instagram.com/test/',
    kind: opts.kind ?? (platform === 'vk' ? 'community' : 'user'),
    isPrivate: false,
    firstSeen: times.length ? Math.min(...times) : T0,
    lastSeen,
    snapshots,
    posts,
  };
}

/** Posts published every `every` days ending at `lastDay`, likes from `likes(i)`. */
export function posts(n: number, f: (i: number) => Omit<PostSpec, 'day'> & { day?: number }, lastDay = 0, every = 1): PostSpec[] {
  return Array.from({ length: n }, (_, i) => ({ day: lastDay - i * every, ...f(i), id: f(i).id ?? `p${i}` }));
}

/** A deterministic pseudo-random generator for test data. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
