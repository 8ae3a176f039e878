import { describe, expect, it } from 'vitest';
import { detectPage, platformOfUrl } from '@/lib/platforms';
import { detectInstagramPage } from '@/lib/platforms/instagram/url';
import { detectVkPage, numericIdFromSlug } from '@/lib/platforms/vk/url';

type Row = [url: string, kind: string, accountId: string | null, postId?: string | null];

describe('VK page detection', () => {
  const rows: Row[] = [
    ['https://vk.com/club123', 'profile', '-123'],
    ['https://vk.com/public2513295', 'profile', '-2513295'],
    ['https://vk.com/event77', 'profile', '-77'],
    ['https://vk.com/id1', 'profile', '1'],
    ['https://vk.com/id0', 'other', null],
    ['https://vk.com/durov', 'profile', 'durov'],
    ['https://vk.com/Durov', 'profile', 'durov'],
    ['https://vk.com/prfkm', 'profile', 'prfkm'],
    ['https://vk.com/wall-1_2', 'post', '-1', '-1_2'],
    ['https://vk.com/wall1_45', 'post', '1', '1_45'],
    ['https://vk.com/wall-2513295_8964?reply=5', 'post', '-2513295', '-2513295_8964'],
    ['https://vk.com/durov?w=wall1_2', 'post', '1', '1_2'],
    ['https://vk.com/feed?w=wall-54520471_10756', 'post', '-54520471', '-54520471_10756'],
    ['https://vk.com/wall-123', 'profile', '-123'],
    ['https://vk.com/feed', 'feed', null],
    ['https://vk.com/feed?section=recommended', 'feed', null],
    ['https://vk.com/', 'other', null],
    ['https://vk.com/im', 'other', null],
    ['https://vk.com/friends', 'other', null],
    ['https://vk.com/groups', 'other', null],
    ['https://vk.com/search?c[q]=x', 'other', null],
    ['https://vk.com/video', 'other', null],
    ['https://vk.com/photo-1_456239017', 'other', null],
    ['https://vk.com/video-1_456239017', 'other', null],
    ['https://vk.com/album-1_0', 'other', null],
    ['https://vk.com/away.php?to=x', 'other', null],
    ['https://vk.com/share.php?url=x', 'other', null],
    ['https://vk.com/al_feed.php', 'other', null],
    ['https://vk.com/services', 'other', null],
    ['https://vk.com/settings', 'other', null],
    ['https://vk.com/durov/friends', 'other', null],
    ['https://vk.ru/club123', 'profile', '-123'],
    ['https://vk.ru/wall-227142522_3275', 'post', '-227142522', '-227142522_3275'],
    ['https://m.vk.com/public1', 'profile', '-1'],
    ['https://m.vk.ru/feed', 'feed', null],
    ['https://www.vk.com/id5', 'profile', '5'],
    ['https://www.vk.ru/durov', 'profile', 'durov'],
    ['https://vk.com.evil.example/club1', 'other', null],
    ['https://example.com/club1', 'other', null],
    ['not a url', 'other', null],
    ['javascript:alert(1)', 'other', null],
  ];
  it.each(rows)('%s -> %s %s', (url, kind, accountId, postId) => {
    const page = detectVkPage(url);
    expect(page.kind).toBe(kind);
    expect(page.account?.id ?? null).toBe(accountId);
    if (postId !== undefined) expect(page.postId).toBe(postId);
  });

  it('numeric ids from slugs', () => {
    expect(numericIdFromSlug('club007')).toBe('-7');
    expect(numericIdFromSlug('id42')).toBe('42');
    expect(numericIdFromSlug('durov')).toBeNull();
  });
});

describe('Instagram page detection', () => {
  const rows: Row[] = [
    ['https://www.instagram.com/', 'feed', null],
    ['https://www.instagram.com/nasa/', 'profile', 'nasa'],
    ['https://www.instagram.com/nasa', 'profile', 'nasa'],
    ['https://www.instagram.com/NASA/?hl=ru', 'profile', 'nasa'],
    ['https://www.instagram.com/pluto__travel/', 'profile', 'pluto__travel'],
    ['https://www.instagram.com/nat.geo/', 'profile', 'nat.geo'],
    ['https://www.instagram.com/nasa/reels/', 'reels', 'nasa'],
    ['https://www.instagram.com/nasa/tagged/', 'profile', 'nasa'],
    ['https://www.instagram.com/nasa/followers/', 'profile', 'nasa'],
    ['https://www.instagram.com/p/CPeC-Eenc8l/', 'post', null, 'CPeC-Eenc8l'],
    ['https://www.instagram.com/p/COn3M4TnRi1/?img_index=1', 'post', null, 'COn3M4TnRi1'],
    ['https://www.instagram.com/reel/CN2VQ1yI_MA/', 'post', null, 'CN2VQ1yI_MA'],
    ['https://www.instagram.com/reels/CN2VQ1yI_MA/', 'post', null, 'CN2VQ1yI_MA'],
    ['https://www.instagram.com/tv/CN2VQ1yI_MA/', 'post', null, 'CN2VQ1yI_MA'],
    ['https://www.instagram.com/willyrex/p/CPeC-Eenc8l/', 'post', 'willyrex', 'CPeC-Eenc8l'],
    ['https://www.instagram.com/reels/', 'feed', null],
    ['https://www.instagram.com/explore/', 'other', null],
    ['https://www.instagram.com/explore/tags/travel/', 'other', null],
    ['https://www.instagram.com/accounts/edit/', 'other', null],
    ['https://www.instagram.com/accounts/login/?next=/nasa/', 'other', null],
    ['https://www.instagram.com/direct/inbox/', 'other', null],
    ['https://www.instagram.com/stories/jaimelorentelo/2591639087680304855/', 'other', null],
    ['https://www.instagram.com/p/', 'other', null],
    ['https://www.instagram.com/.hidden/', 'other', null],
    ['https://www.instagram.com/a..b/', 'other', null],
    ['https://www.instagram.com/nasa/unknown-tab/', 'other', null],
    ['https://instagram.com/nasa/', 'profile', 'nasa'],
    ['https://www.instagram.com.evil.example/nasa/', 'other', null],
  ];
  it.each(rows)('%s -> %s %s', (url, kind, accountId, postId) => {
    const page = detectInstagramPage(url);
    expect(page.kind).toBe(kind);
    expect(page.account?.id ?? null).toBe(accountId);
    if (postId !== undefined) expect(page.postId).toBe(postId);
  });
});

describe('platform registry', () => {
  it('tells the platform of a URL', () => {
    expect(platformOfUrl('https://vk.ru/feed')).toBe('vk');
    expect(platformOfUrl('https://www.instagram.com/nasa/')).toBe('instagram');
    expect(platformOfUrl('https://example.com/')).toBeNull();
    expect(detectPage('https://m.vk.com/club1')).toMatchObject({ platform: 'vk', kind: 'profile' });
  });
});
