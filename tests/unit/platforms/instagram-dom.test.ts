/**
 * The DOM extractors on variants of Instagram's markup that the fixture pages do not show: other
 * nestings, other languages, older and newer layouts, and the traps that must give unknown.
 */
import { describe, expect, it } from 'vitest';
import { findPostRoots, iconCounts, phraseOf, readPostRoot, readProfileHeader, readTile } from '@/lib/platforms/instagram/dom';
import { createInstagramReader } from '@/lib/platforms/instagram/reader';

const doc = (body: string, lang = 'en') => new DOMParser().parseFromString(`<html lang="${lang}"><body>${body}</body></html>`, 'text/html');
const exact = (value: number) => expect.objectContaining({ value, low: value, high: value, exact: true });
const approx = (value: number, low: number, high: number) => expect.objectContaining({ value, low, high, exact: false });

describe('phrases', () => {
  it.each([
    ['1,234 likes', 1234, 'likes'],
    ['1 234 отметок «Нравится»', 1234, 'отметок "нравится"'],
    ['Нравится: 1 234', 1234, 'нравится'],
    ['Посмотреть все комментарии (553)', 553, 'посмотреть все комментарии'],
    ['View all 553 comments', 553, 'view all comments'],
    ['Gefällt 1.234 Mal', 1234, 'gefällt mal'],
  ])('%s', (text, value, label) => {
    expect(phraseOf(text)).toEqual({ count: exact(value), label });
  });
  it('a text with two numbers is no phrase', () => {
    expect(phraseOf('1,234 likes · 5 d')).toBeNull();
  });
});

describe('profile header variants', () => {
  it('counters in buttons, number and label in separate spans without spaces (2023)', () => {
    const d = doc(`<main><header><section><h2>nasa</h2><ul>
      <li><button><span>4,142</span><span>posts</span></button></li>
      <li><button><a href="/nasa/followers/"><span title="97,412,311">97.4M</span><span>followers</span></a></button></li>
      <li><button><a href="/nasa/following/"><span>79</span><span>following</span></a></button></li></ul></section></header></main>`);
    expect(readProfileHeader(d, 'nasa')).toEqual({
      handle: 'nasa',
      posts: exact(4142),
      followers: exact(97412311),
      following: exact(79),
      isPrivate: null,
    });
  });

  it('a language without words we know: links say which is which, the fixed order does the rest', () => {
    const d = doc(
      `<main><header><section><h2>nasa</h2><ul>
      <li><span><span>4.142</span> 投稿</span></li>
      <li><a href="/nasa/followers/">フォロワー <span title="97.412.311">9741万</span>人</a></li>
      <li><a href="/nasa/following/"><span>79</span>人をフォロー中</a></li></ul></section></header></main>`,
      'ja',
    );
    expect(readProfileHeader(d, 'nasa', 'ja')).toMatchObject({ posts: exact(4142), followers: exact(97412311), following: exact(79) });
  });

  it('an exact title that contradicts the text gives unknown, not either number', () => {
    const d = doc(`<main><header><ul><li><a href="/nasa/followers/"><span title="97,412,311">12.4K</span> followers</a></li>
      <li><a href="/nasa/following/"><span>79</span> following</a></li></ul></header></main>`);
    expect(readProfileHeader(d, 'nasa')).toMatchObject({ followers: null, following: exact(79) });
  });

  it('the header of another account (a previous page) is not read as this one', () => {
    const d = doc(`<main><header><h2>nasa</h2><ul><li>1 post</li><li>2 followers</li><li>3 following</li></ul></header></main>`);
    const reading = createInstagramReader().start(d, 'https://www.instagram.com/esa/').scan();
    expect(reading.account).toBeNull();
  });

  it('"Followed by ... and 12 others" is not a counter', () => {
    const d = doc(`<main><header><h2>nasa</h2><ul><li><a href="/nasa/followers/"><span>1,001</span> followers</a></li></ul>
      <div>Followed by <span>alice</span> and 12 others</div></header></main>`);
    expect(readProfileHeader(d, 'nasa')).toMatchObject({ followers: exact(1001), following: null, posts: null });
  });
});

const article = (inner: string) => `<article>${inner}</article>`;
const header = (user: string, code: string, when = '2025-06-01T10:00:00.000Z') =>
  `<div><a href="/${user}/"><span>${user}</span></a> • <a href="/p/${code}/"><time datetime="${when}">2 d</time></a></div>`;
const bar = (extra = '') =>
  `<section><span><button><svg aria-label="Like"></svg></button></span><span><button><svg aria-label="Comment"></svg></button></span>${extra}<button><svg aria-label="Share Post"></svg></button><button><svg aria-label="Save"></svg></button></section>`;

function readOne(html: string, lang = 'en', pageCode: string | null = null) {
  const d = doc(html, lang);
  const roots = findPostRoots(d, pageCode);
  expect(roots).toHaveLength(1);
  return readPostRoot(roots[0].root, roots[0].code, lang);
}

describe('post variants', () => {
  it('old Russian like line "Нравится: 1 234" and the post time without a link', () => {
    const p = readOne(
      article(`<div><a href="/lesnik/">lesnik</a></div><img src="x"><section><svg aria-label="Нравится"></svg><svg aria-label="Комментировать"></svg></section>
      <section><a href="/p/C1aaaaaaaa/liked_by/">Нравится: <span>1 234</span></a></section><div><time datetime="2025-06-01T10:00:00.000Z">1 июня</time></div>`),
      'ru',
    );
    expect(p).toMatchObject({
      code: 'C1aaaaaaaa',
      author: 'lesnik',
      likes: exact(1234),
      publishedAt: '2025-06-01T10:00:00.000Z',
      kind: 'photo',
    });
  });

  it('hidden likes in Russian: "Нравится alice и другим"', () => {
    const p = readOne(
      article(
        `${header('bob', 'C2bbbbbbbb')}<img src="x">${bar()}<section><span>Нравится <a href="/alice/">alice</a> и <a href="/p/C2bbbbbbbb/liked_by/">другим</a></span></section>`,
      ),
      'ru',
    );
    expect(p).toMatchObject({ likesHidden: true, likes: null });
  });

  it('"Liked by alice and 5 others" is neither hidden nor 5 likes', () => {
    const p = readOne(
      article(
        `${header('bob', 'C3cccccccc')}<img src="x">${bar()}<section>Liked by <a href="/alice/">alice</a> and <a href="/p/C3cccccccc/liked_by/">5 others</a></section>`,
      ),
    );
    expect(p).toMatchObject({ likesHidden: false, likes: null });
  });

  it('"Be the first to like this" is 0 likes', () => {
    const p = readOne(
      article(`${header('bob', 'C4dddddddd')}<img src="x">${bar()}<section><span>Be the first to <b>like this</b></span></section>`),
    );
    expect(p.likes).toEqual(exact(0));
  });

  it('counts beside the icons (2025): each number belongs to the icon before it', () => {
    const p = readOne(
      article(`${header('bob', 'C5eeeeeeee')}<video></video><section><div><span><div role="button"><svg aria-label="Like"></svg></div><span>2,048</span></span>
      <span><div role="button"><svg aria-label="Comment"></svg></div><span>17</span></span><span><div role="button"><svg aria-label="Share"></svg></div></span></div>
      <div><svg aria-label="Save"></svg></div></section>`),
    );
    expect(p).toMatchObject({ likes: exact(2048), comments: exact(17), shares: null, kind: 'reel' });
  });

  it('the like count beside the icon and the likes line agree', () => {
    const p = readOne(
      article(`${header('bob', 'C6ffffffff')}<img src="x">${bar()}<section><a href="/p/C6ffffffff/liked_by/">12,345 likes</a></section>`),
    );
    expect(p.likes).toEqual(exact(12345));
  });

  it('an abbreviated like count next to an agreeing exact one is exact; a contradicting one is unknown', () => {
    const agree = readOne(
      article(
        `${header('bob', 'C7gggggggg')}<img src="x"><section><div><svg aria-label="Like"></svg><span>12.3K</span><svg aria-label="Comment"></svg></div></section><a href="/p/C7gggggggg/liked_by/">12,345 likes</a>`,
      ),
    );
    expect(agree.likes).toEqual(exact(12345));
    const disagree = readOne(
      article(
        `${header('bob', 'C8hhhhhhhh')}<img src="x"><section><div><svg aria-label="Like"></svg><span>9.1K</span><svg aria-label="Comment"></svg></div></section><a href="/p/C8hhhhhhhh/liked_by/">12,345 likes</a>`,
      ),
    );
    expect(disagree.likes).toBeNull();
  });

  it("a comment's own likes are not the post's", () => {
    const p = readOne(
      article(`${header('bob', 'C9iiiiiiii')}<img src="x">${bar()}<ul><li><h3><a href="/carol/">carol</a></h3><span dir="auto">Nice!</span>
      <time datetime="2025-06-02T10:00:00.000Z">1d</time><button>12 likes</button><span><svg aria-label="Like"></svg></span></li></ul>`),
    );
    expect(p).toMatchObject({ likes: null, sample: [{ text: 'Nice!', author: 'carol', at: '2025-06-02T10:00:00.000Z' }] });
  });

  it('a user tagged on the photo is not the author', () => {
    const p = readOne(
      article(`<div><a href="/bob/"><img alt="bob's profile picture"></a><a href="/bob/">bob</a></div>
      <div><img src="x"><a href="/tagged.friend/">tagged.friend</a></div>${bar()}<a href="/p/CAjjjjjjjj/"><time datetime="2025-06-01T10:00:00.000Z">1d</time></a>`),
    );
    expect(p.author).toBe('bob');
  });

  it("a post dialog with an article inside is read once, as the URL's post", () => {
    const d = doc(
      `<div role="dialog"><article>${header('bob', 'CBkkkkkkkk')}<img src="x">${bar()}<a href="/p/CBkkkkkkkk/liked_by/">7 likes</a></article></div>`,
    );
    const roots = findPostRoots(d, 'CBkkkkkkkk');
    expect(roots.map((r) => [r.root.localName, r.code])).toEqual([['article', 'CBkkkkkkkk']]);
  });

  it('an old grid wrapped in an article is no post', () => {
    const d = doc(`<article><a href="/p/CCllllllll/"><img></a><a href="/p/CDmmmmmmmm/"><img></a></article>`);
    expect(findPostRoots(d, null)).toEqual([]);
  });
});

describe('tiles', () => {
  it('labelled overlay icons and a reel view count', () => {
    const d =
      doc(`<a href="/reel/CEnnnnnnnn/"><img src="x"><ul><li><svg aria-label="Like"></svg><span>1,204</span></li><li><svg aria-label="Comment"></svg><span>56</span></li></ul>
      <div><svg aria-label="Play count"></svg><span>48.2K</span></div></a>`);
    expect(readTile(d.querySelector('a') as Element, 'en', true)).toMatchObject({
      code: 'CEnnnnnnnn',
      kind: 'reel',
      likes: exact(1204),
      comments: exact(56),
      views: approx(48200, 48150, 48300),
    });
  });

  it('counts in aria-labels', () => {
    const d = doc(`<a href="/p/CFoooooooo/"><img src="x"><span aria-label="1,204 likes"></span><span aria-label="Carousel"></span></a>`);
    expect(readTile(d.querySelector('a') as Element)).toMatchObject({ likes: exact(1204), comments: null });
  });

  it("a bare number on a posts-grid tile is nobody's", () => {
    const d = doc(`<a href="/p/CGpppppppp/"><img src="x"><span>2024</span></a>`);
    expect(readTile(d.querySelector('a') as Element)).toMatchObject({ likes: null, comments: null, views: null, kind: 'photo' });
  });
});

describe('icon counts', () => {
  it('a number with no icon before it belongs to nobody', () => {
    const d = doc(`<section><span>5</span><svg aria-label="Like"></svg><b>text</b><span>7</span></section>`);
    expect(iconCounts(d.querySelector('section') as Element).size).toBe(0);
  });
});

describe('links written other ways', () => {
  it('followers links without the trailing slash, absolute post links', () => {
    const d =
      doc(`<main><header><h2>nasa</h2><ul><li><a href="https://www.instagram.com/nasa/followers"><span>1,001</span> followers</a></li>
      <li><a href="/nasa/following"><span>5</span> following</a></li></ul></header></main>`);
    expect(readProfileHeader(d, 'nasa')).toMatchObject({ followers: exact(1001), following: exact(5) });
    const t = doc(`<a href="https://www.instagram.com/nasa/p/CHqqqqqqqq/"><img src="x"></a>`);
    expect(readTile(t.querySelector('a') as Element)).toMatchObject({ code: 'CHqqqqqqqq', kind: 'photo' });
  });
});

describe('a feed written another way (structure of a published synthetic 2026 fixture)', () => {
  it('short fake shortcodes, canvas avatars, an ad without time, a reel with a video', () => {
    const d = doc(`<main role="main"><div id="posts">
      <article><div><div><span><div role="button"><canvas></canvas><span role="link"><img alt=""></span></div></span>
        <div><div><a href="/alice_example/" role="link"><span>alice_example</span></a><div><span>•</span><a href="/p/AAA/"><time datetime="2026-10-01T10:00:00.000Z">2 d</time></a></div></div></div>
        <div><div role="button"><svg aria-label="More Options"></svg></div></div></div>
        <div><div><img alt="" style="width:470px"></div></div>
        <div><section><div><span><div role="button"><span><svg aria-label="Like"></svg></span></div></span><span><div role="button"><svg aria-label="Comment"></svg></div></span>
        <div role="button"><svg aria-label="Share"></svg></div></div><div role="button"><div role="button"><svg aria-label="Save"></svg></div></div></section>
        <section><span>Liked by bob_example and others</span></section><div><span>A quiet morning by the lake</span></div></div></div></article>
      <article><div><div><span><div role="button"><canvas></canvas></div></span><div><div><a href="/brand_example/" role="link"><span>brand_example</span></a><svg aria-label="Verified"></svg></div><span><span>Ad</span></span></div></div>
        <div><video></video></div><div><a href="https://www.facebook.com/ads/ig_redirect/?d=1" rel="nofollow">Shop now</a></div></div></article>
      <article><div><div><a href="/dana_example/" role="link"><span>dana_example</span></a><div><a href="/p/CCC/"><time datetime="2026-10-02T10:00:00.000Z">1 d</time></a></div></div>
        <div><video></video><a href="/reels/audio/123/">Original audio</a><a href="/reels/CCC/">Watch</a></div></div></article>
    </div></main>`);
    const reading = createInstagramReader().start(d, 'https://www.instagram.com/').scan();
    expect(reading.account).toBeNull();
    expect(reading.posts.map((p) => [p.id, p.authorId, p.kind, p.publishedAt, p.likesHidden, p.likes, p.comments])).toEqual([
      ['AAA', 'alice_example', 'photo', '2026-10-01T10:00:00.000Z', true, null, null],
      ['CCC', 'dana_example', 'reel', '2026-10-02T10:00:00.000Z', false, null, null],
    ]);
  });
});
