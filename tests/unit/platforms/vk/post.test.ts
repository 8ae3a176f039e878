process.env.TZ = 'Europe/Moscow';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCount } from '@/lib/numbers';
import { textCount, withQueryCache } from '@/lib/platforms/vk/dom';
import { emptyPageData } from '@/lib/platforms/vk/page-data';
import { type PostContext, postIdOf, readPost } from '@/lib/platforms/vk/post';
import { any, COMMENT, NOT_OWN } from '@/lib/platforms/vk/selectors';

const NOW = Date.parse('2023-05-20T12:00:00+03:00');
const ctx = (over: Partial<PostContext> = {}): PostContext => ({
  now: NOW,
  host: 'vk.com',
  pageKind: 'feed',
  account: null,
  data: emptyPageData(),
  locale: 'ru',
  ...over,
});

function post(inner: string, attrs = 'class="_post post" data-post-id="-1_2"') {
  const doc = new DOMParser().parseFromString(`<div id="wrap"><div ${attrs}>${inner}</div></div>`, 'text/html');
  return doc.querySelector('#wrap > div') as Element;
}

const share = (a: string, inner = '', cls = '') =>
  `<div class="PostBottomAction share ${cls}" data-like-button-type="share" ${a}><span class="PostBottomAction__count">${inner}</span></div>`;
const comment = (a: string, inner = '') =>
  `<div class="PostBottomAction comment" data-like-button-type="comment" ${a}><span class="PostBottomAction__count">${inner}</span></div>`;

describe('VK post: counts, precedence and unknowns', () => {
  it('an exact data-count wins over the abbreviated text that agrees with it', () => {
    const p = readPost(post(share('data-count="1234" aria-label="1234 поделились"', '1.2K')), ctx());
    expect(p?.shares).toMatchObject({ value: 1234, exact: true });
  });

  it('exact sources that disagree are unknown', () => {
    expect(readPost(post(comment('data-count="12" aria-label="13 комментариев"', '12')), ctx())?.comments).toBeNull();
    expect(readPost(post(share('data-count="40"', '41')), ctx())?.shares).toBeNull();
  });

  it('an abbreviation that contradicts the exact count is unknown', () => {
    expect(readPost(post(share('data-count="5000"', '1.2K')), ctx())?.shares).toBeNull();
  });

  it('an empty count is 0 only when VK marks the button empty or writes data-count="0"', () => {
    expect(readPost(post(share('', '', 'empty')), ctx())?.shares).toMatchObject({ value: 0, exact: true });
    expect(readPost(post(share('data-count="0"')), ctx())?.shares).toMatchObject({ value: 0, exact: true });
    expect(readPost(post(share('')), ctx())?.shares).toBeNull();
    // 2026 app: a footer button without a number says nothing
    expect(
      readPost(post('<button data-testid="post_footer_action_like" aria-label="Отправить реакцию «Лайк»"><svg></svg></button>'), ctx())
        ?.likes,
    ).toBeNull();
  });

  it('likes: the sum of data-reaction-counts, checked against the preview total and its label', () => {
    const html = (counts: string, total: string, label: string) =>
      `<div class="ReactionsPreview" data-section-ref="reactions-preview-items" aria-label="${label}"><div class="ReactionsPreview__count" data-section-ref="like-button-count">${total}</div></div>
       <div class="PostBottomAction PostButtonReactions" data-reaction-counts="${counts}" aria-label="Отправить реакцию «Нравится»"></div>`;
    expect(readPost(post(html('[61,2,2,2,2]', '69', 'Оценили 69 человек')), ctx())?.likes).toMatchObject({ value: 69, exact: true });
    expect(readPost(post(html('[1180,12,3]', '1.2K', 'Оценили 1195 человек')), ctx())?.likes).toMatchObject({ value: 1195, exact: true });
    expect(readPost(post(html('[10]', '11', 'Оценили 11 человек')), ctx())?.likes).toBeNull();
    expect(readPost(post(html('[]', '', '')), ctx())?.likes).toMatchObject({ value: 0, exact: true });
  });

  it('labels that name part of the total are not taken ("Вы и ещё 5 человек")', () => {
    const p = readPost(
      post('<div class="ReactionsPreview" data-section-ref="reactions-preview-items" aria-label="Вы и ещё 5 человек"></div>'),
      ctx(),
    );
    expect(p?.likes).toBeNull();
    const q = readPost(post(share('aria-label="You and 5 others shared this"')), ctx());
    expect(q?.shares).toBeNull();
  });

  it('malformed reaction counts, negative and huge numbers are no reading', () => {
    for (const counts of ['[1,', '[-1]', '[1.5]', '["3"]', '{"a":1}', '[1e20]']) {
      expect(readPost(post(`<div data-reaction-counts='${counts}'></div>`), ctx())?.likes).toBeNull();
    }
  });

  it("views: title and text; the view count of a video attachment is not the post's", () => {
    const p = readPost(
      post(
        '<div class="post_video_views_count">137<span class="num_delim"> </span>797 просмотров</div><div class="like_views" title="336 просмотров">336</div>',
      ),
      ctx(),
    );
    expect(p?.views).toMatchObject({ value: 336, exact: true });
    expect(
      readPost(post('<div class="post_video_views_count">3 456 просмотров</div><div class="like_views"></div>'), ctx())?.views,
    ).toBeNull();
  });

  it('closed comments: no comment button, the count is unknown (not 0)', () => {
    const p = readPost(post(share('data-count="3"', '3'), 'class="_post post closed_comments" data-post-id="-1_2"'), ctx());
    expect(p?.comments).toBeNull();
    expect(p?.shares).toMatchObject({ value: 3 });
  });

  it("counts of a reposted original and of comments are not the post's", () => {
    const p = readPost(
      post(`<div class="copy_quote">${share('data-count="99"', '99')}<div class="like_views" title="5 000 просмотров">5K</div></div>
        <div class="replies"><div class="reply _post" data-post-id="-1_3"><a class="like_btn like" data-count="7"></a></div></div>
        ${share('data-count="2"', '2')}`),
      ctx(),
    );
    expect(p?.shares).toMatchObject({ value: 2 });
    expect(p?.views).toBeNull();
    expect(p?.likes).toBeNull();
  });
});

describe('VK post: ids, authors, flags', () => {
  it('takes the id from data-post-id, else its own /wall link, else the element id', () => {
    expect(postIdOf(post('', 'class="post" data-post-id="-02513295_08964"'))).toBe('-2513295_8964');
    expect(postIdOf(post('<div class="post_date"><a class="post_link" href="https://vk.com/wall-1_5">x</a></div>', 'class="post"'))).toBe(
      '-1_5',
    );
    expect(postIdOf(post('', 'class="post" id="post-7_8"'))).toBe('-7_8');
    expect(postIdOf(post('', 'class="post" data-post-id="abc"'))).toBeNull();
    expect(postIdOf(post('', 'class="post" data-post-id="0_5"'))).toBeNull();
  });

  it("the author is the owner of the post id; a friend's post on a wall keeps the wall owner, without a name", () => {
    const own = readPost(
      post('<h5 class="post_author"><a class="author" href="/anna" data-from-id="5">Anna</a></h5>', 'class="post" data-post-id="5_1"'),
      ctx(),
    );
    expect(own).toMatchObject({ authorId: '5', authorHandle: 'anna', authorName: 'Anna' });
    const friend = readPost(
      post('<h5 class="post_author"><a class="author" href="/ivan" data-from-id="7">Ivan</a></h5>', 'class="post" data-post-id="5_2"'),
      ctx(),
    );
    expect(friend).toMatchObject({ authorId: '5', authorHandle: null, authorName: null });
  });

  it("without ids in the markup, a wall trusts a header link only when it is the wall's own screen name", () => {
    const html = '<h3 data-testid="post-header-title"><a href="https://vk.ru/ivan">Ivan</a></h3>';
    const root = () => post(html, 'data-testid="post" data-post-id="5_2"');
    expect(readPost(root(), ctx({ pageKind: 'profile', account: { id: '5', handle: 'anna' } }))).toMatchObject({
      authorHandle: null,
      authorName: null,
    });
    expect(readPost(root(), ctx({ pageKind: 'profile', account: { id: '5', handle: 'ivan' } }))).toMatchObject({
      authorHandle: 'ivan',
      authorName: 'Ivan',
    });
    expect(readPost(root(), ctx({ pageKind: 'feed' }))).toMatchObject({ authorHandle: 'ivan', authorName: 'Ivan' });
  });

  it('a promoted post is an ad; "Реклама" in the post text is not', () => {
    expect(readPost(post('', 'class="post _ads_block_data_w" data-post-id="-1_2"'), ctx())?.ad).toBe(true);
    expect(readPost(post('<div class="post_date"><a class="post_link">Реклама · 18+</a></div>'), ctx())?.ad).toBe(true);
    expect(
      readPost(post('<div class="wall_post_text">Реклама</div><div class="post_date"><a class="post_link">вчера в 18:00</a></div>'), ctx())
        ?.ad,
    ).toBe(false);
  });

  it('pinned: the root class or a label in the header, never the hidden .wall_fixed_label of feed posts', () => {
    expect(readPost(post('', 'class="post post_fixed" data-post-id="-1_2"'), ctx())?.pinned).toBe(true);
    expect(
      readPost(
        post('<div class="post_header"><span class="explain"><span class="wall_fixed_label">запись закреплена</span></span></div>'),
        ctx(),
      )?.pinned,
    ).toBe(false);
    expect(readPost(post('<div class="PostHeader"><span role="img" aria-label="Запись закреплена"></span></div>'), ctx())?.pinned).toBe(
      true,
    );
  });

  it('the caption skips "Показать полностью", keeps emoji and line breaks, and is bounded', () => {
    const p = readPost(
      post(
        `<div class="wall_post_text">Привет <img class="emoji" alt="👋"><br>мир <a class="wall_post_more">Показать полностью…</a><span style="display:none">${'а'.repeat(3000)}</span></div>`,
      ),
      ctx(),
    );
    expect(p?.caption?.startsWith('Привет 👋\nмир а')).toBe(true);
    expect(p?.caption?.length).toBe(1000);
  });
});

describe('VK post: comments', () => {
  const reply = (id: string, from: string, href: string, name: string, text: string, date: string, cls = '') =>
    `<div class="reply _post ${cls}" data-post-id="${id}"><div class="reply_author"><a class="author" href="${href}" data-from-id="${from}">${name}</a></div>
     <div class="wall_reply_text">${text}</div><div class="reply_date"><span class="rel_date">${date}</span></div></div>`;

  it('reads text, author, time and whether the page itself replied; deleted ones are skipped', () => {
    const root = post(
      `<div class="replies"><div class="replies_list">
        ${reply('-1_3', '9', '/id9', 'Мария', 'Привет', 'вчера в 20:40')}
        ${reply('-1_4', '-1', '/club1', 'Сообщество', 'Здравствуйте!', 'вчера в 20:50')}
        ${reply('-1_5', '8', '/id8', 'X', 'Комментарий удалён', 'вчера в 21:00', 'reply_deleted')}
      </div></div>`,
    );
    expect(readPost(root, ctx())?.commentsSample).toEqual([
      { text: 'Привет', author: 'Мария', at: '2023-05-19T17:40:00.000Z', byOwner: false },
      { text: 'Здравствуйте!', author: 'Сообщество', at: '2023-05-19T17:50:00.000Z', byOwner: true },
    ]);
  });

  it('keeps at most 30 comments', () => {
    const many = Array.from({ length: 45 }, (_, i) => reply(`-1_${i + 3}`, '9', '/id9', 'М', `c${i}`, 'вчера в 20:40')).join('');
    const p = readPost(post(`<div class="replies">${many}</div>`), ctx());
    expect(p?.commentsSample).toHaveLength(30);
    expect(p?.commentsSample?.[29]?.text).toBe('c29');
  });
});

describe('VK post: the lookups skipped while they are remembered', () => {
  // ./post.ts skips the queries for comments and reposts when the post holds nothing that is not
  // its own: right only while every COMMENT selector (and REPOST_MARK, a part of NOT_OWN) is among
  // NOT_OWN's. An element made from each COMMENT selector must match NOT_OWN.
  const fromSelector = (doc: Document, selector: string): Element => {
    const m = /^([a-z]*)((?:\.[\w-]+|\[[\w-]+(?:="[^"]*")?\])*)$/.exec(selector);
    if (!m) throw new Error(`not a simple selector, make the element by hand: ${selector}`);
    const el = doc.createElement(m[1] || 'div');
    for (const [, cls, attr, value] of m[2].matchAll(/\.([\w-]+)|\[([\w-]+)(?:="([^"]*)")?\]/g)) {
      if (cls) el.classList.add(cls);
      else el.setAttribute(attr, value ?? '');
    }
    return el;
  };
  it('every COMMENT selector is one of NOT_OWN', () => {
    const doc = new DOMParser().parseFromString('<div></div>', 'text/html');
    for (const s of COMMENT) {
      const el = fromSelector(doc, s);
      expect(el.matches(s), s).toBe(true);
      expect(el.matches(any(NOT_OWN)), s).toBe(true);
    }
  });
  it('a post read with the lookups remembered reads as without them (comments, reposts, plain)', () => {
    const replies = `<div class="replies"><div class="reply _post" data-post-id="-1_3"><div class="reply_author"><a class="author" href="/id9" data-from-id="9">М</a></div><div class="wall_reply_text">Привет</div></div></div>`;
    const repost = `<div class="copy_quote"><div class="wall_post_text">оригинал</div><div class="PostBottomAction share" data-like-button-type="share" data-count="70"></div></div>`;
    const own = `<div class="wall_post_text">текст</div><div class="PostBottomAction share" data-like-button-type="share" data-count="7"></div>`;
    for (const inner of [own, own + replies, own + repost, own + repost + replies]) {
      const root = post(inner);
      const plain = readPost(root, ctx());
      expect(withQueryCache(() => readPost(root, ctx()))).toEqual(plain);
    }
    expect(withQueryCache(() => readPost(post(own + repost + replies), ctx()))).toMatchObject({ kind: 'other', shares: { value: 7 } });
    expect(withQueryCache(() => readPost(post(own + replies), ctx()))?.commentsSample).toHaveLength(1);
  });
});

describe('VK counts: plain digits', () => {
  it('a count of plain digits reads as parseCount reads it (the fast path skips its regular expressions)', () => {
    const doc = new DOMParser().parseFromString('<span></span>', 'text/html');
    const el = doc.querySelector('span') as Element;
    const pad = fc.constantFrom('', ' ', '\n  ', '\u00a0', '\t');
    const digits = fc.oneof(fc.stringMatching(/^\d{1,15}$/), fc.constantFrom('0', '007', '9999999999999', '10000000000000'));
    fc.assert(
      fc.property(pad, digits, pad, (a, d, b) => {
        el.textContent = `${a}${d}${b}`;
        expect(textCount(el, { locale: 'ru' })).toEqual(parseCount(el.textContent, { locale: 'ru' }));
      }),
      { numRuns: 2000 },
    );
  });
});
