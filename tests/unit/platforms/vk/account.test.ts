process.env.TZ = 'Europe/Moscow';

import { describe, expect, it } from 'vitest';
import { type AccountContext, labelKind, labelledCount, readVkAccount } from '@/lib/platforms/vk/account';
import { emptyPageData } from '@/lib/platforms/vk/page-data';
import { vkDocument } from './helpers';

const ctx = (over: Partial<AccountContext> = {}): AccountContext => ({
  now: Date.parse('2020-11-18T18:00:00+03:00'),
  host: 'vk.com',
  data: emptyPageData(),
  firstPage: true,
  locale: 'ru',
  ...over,
});
const doc = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('VK account: labels of counters', () => {
  it.each([
    ['Подписчики', 'followers'],
    ['подписчика', 'followers'],
    ['Участники', 'followers'],
    ['участников', 'followers'],
    ['followers', 'followers'],
    ['Members', 'followers'],
    ['Интересные страницы', 'following'],
    ['Подписки', 'following'],
    ['Following', 'following'],
    ['записи', 'posts'],
    ['Все записи', 'posts'],
    ['Записи сообщества', 'posts'],
    ['posts', 'posts'],
    ['друзей', null],
    ['Фотографии', null],
    ['общих друзей', null],
  ])('%s -> %s', (label, kind) => {
    expect(labelKind(label)).toBe(kind);
  });

  it.each([
    ['Подписчики 4 444', 'followers', 4444, true],
    ['Подписчики4\u00a0444', 'followers', 4444, true],
    ['Участники · 12K', 'followers', 12000, false],
    ['12,3 тыс. подписчиков', 'followers', 12300, false],
    ['1,2 млн участников', 'followers', 1200000, false],
    ['1,234 followers', 'followers', 1234, true],
    ['Интересные страницы 56', 'following', 56, true],
    ['1 302 записи', 'posts', 1302, true],
  ])('%s', (text, kind, value, exact) => {
    expect(labelledCount(text, { locale: 'ru' })).toMatchObject({ kind, count: { value, exact } });
  });

  it.each([
    '12 общих друзей',
    'Подписчики',
    'Подписаться',
    '2 комментария',
    'Подписчики 4 444 и 5 друзей',
    '5 000 000 000 000 000 подписчиков',
  ])('%s -> nothing', (text) => {
    expect(labelledCount(text, { locale: 'ru' })).toBeNull();
  });
});

describe('VK account: which account, which id', () => {
  it('the numeric id in the URL wins; the handle comes from the page', () => {
    const a = readVkAccount(vkDocument('vk/vk-community-group-hybrid-2023-05.html'), 'https://vk.com/club7654321', ctx());
    expect(a).toMatchObject({ id: '-7654321', nativeId: '-7654321', handle: 'hodkonem', kind: 'community' });
  });

  it("after in-app navigation (not the first page) meta tags are not trusted; the wall's own posts still tell the handle", () => {
    const a = readVkAccount(
      vkDocument('vk/vk-community-group-hybrid-2023-05.html'),
      'https://vk.com/club7654321',
      ctx({ firstPage: false }),
    );
    expect(a).toMatchObject({ id: '-7654321', handle: 'hodkonem', name: 'Ход конём — настольные игры' });
  });

  it("a screen-name page without posts: the id from the header modules' links, else the screen name", () => {
    const withLink = doc(
      `<div id="public_followers"><a href="/search?c%5Bsection%5D=people&amp;c%5Bgroup%5D=42"><div class="header_top"><span class="header_count">1<span class="num_delim"> </span>000</span></div></a></div>`,
    );
    expect(readVkAccount(withLink, 'https://vk.com/somepage', ctx())).toMatchObject({
      id: '-42',
      nativeId: '-42',
      handle: 'somepage',
      kind: 'community',
      followers: { value: 1000 },
    });
    const bare = doc('<h1 class="page_name">Some page</h1>');
    expect(readVkAccount(bare, 'https://vk.com/SomePage', ctx())).toMatchObject({
      id: 'somepage',
      nativeId: null,
      handle: 'somepage',
      name: 'Some page',
      kind: null,
    });
  });

  it('ids that disagree on the page are not used: the account stays under its screen name', () => {
    const page = doc(
      `<div id="page_wall_posts"><div class="post" data-post-id="-1_5"></div><div class="post" data-post-id="-2_6"></div></div>`,
    );
    expect(readVkAccount(page, 'https://vk.com/mixed', ctx())).toMatchObject({ id: 'mixed', nativeId: null });
  });

  it("a post opened over its owner's page is read with the page's counters", () => {
    const a = readVkAccount(
      vkDocument('vk/vk-community-public-legacy-2020-11.html'),
      'https://vk.com/coffee_zerno?w=wall-123456_240',
      ctx(),
    );
    expect(a).toMatchObject({ id: '-123456', followers: { value: 12345 }, posts: { value: 248 } });
  });

  it("a post opened over another page: the post's owner, without counters", () => {
    const a = readVkAccount(
      vkDocument('vk/vk-community-public-legacy-2020-11.html'),
      'https://vk.com/coffee_zerno?w=wall-777000_55',
      ctx(),
    );
    expect(a).toEqual({
      platform: 'vk',
      id: '-777000',
      nativeId: '-777000',
      handle: null,
      name: null,
      url: 'https://vk.com/club777000',
      kind: 'community',
      followers: null,
      following: null,
      posts: null,
    });
  });

  it('the 2023-24 redesigned profile: name from .OwnerPageName, followers from the ProfileGroup heading', () => {
    const page =
      doc(`<div id="profile_redesigned"><div class="ProfileHeader"><h1 class="OwnerPageName">Павел Дуров<span class="OwnerPageName__verified" aria-label="Подтверждённая страница"></span></h1></div>
      <section class="ProfileGroup"><h2 class="ProfileGroupHeader"><span>Подписчики</span> <span class="Header__counter">8<span class="num_delim"> </span>123<span class="num_delim"> </span>456</span></h2></section>
      <section class="ProfileGroup"><h2 class="ProfileGroupHeader">Друзья 312</h2></section>
      <div id="page_wall_posts"><div class="post" data-post-id="1_100"><h5 class="post_author"><a class="author" href="/durov" data-from-id="1">Павел Дуров</a></h5></div></div></div>`);
    expect(readVkAccount(page, 'https://vk.com/durov', ctx())).toMatchObject({
      id: '1',
      nativeId: '1',
      handle: 'durov',
      name: 'Павел Дуров',
      kind: 'user',
      followers: { value: 8123456, exact: true },
      following: null,
    });
  });

  it('counters written as short texts in the page header are read; the same text elsewhere is not', () => {
    const page = doc(`<main><section data-testid="group-header"><h1 data-testid="group-name">Кофейня</h1>
        <div><span>Кафе</span> · <span>12 345 подписчиков</span></div></section>
      <aside><div class="card"><span>Кофе Хаус</span><span>5 678 подписчиков</span></div></aside>
      <div role="feed"><article data-testid="post" data-post-id="-9_1"><div data-testid="post-header"><a data-testid="post-header-avatar" href="/kofe"></a><span>77 подписчиков</span></div></article></div></main>`);
    expect(readVkAccount(page, 'https://vk.ru/kofe', ctx())).toMatchObject({
      id: '-9',
      name: 'Кофейня',
      followers: { value: 12345, exact: true },
    });
    const noHeader = doc(
      '<aside><span>5 678 подписчиков</span></aside><article data-testid="post" data-post-id="-9_1"><a data-testid="post-header-avatar" href="/kofe"></a></article>',
    );
    expect(readVkAccount(noHeader, 'https://vk.ru/kofe', ctx())?.followers).toBeNull();
  });

  it('no account on the feed and on pages of no account', () => {
    const d = vkDocument('vk/vk-feed-loggedin-2021-08.html');
    for (const url of ['https://vk.com/feed', 'https://vk.com/im', 'https://vk.com/']) expect(readVkAccount(d, url, ctx())).toBeNull();
  });
});
