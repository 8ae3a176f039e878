process.env.TZ = 'Europe/Moscow';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readVkBatch, type VkPostBatch } from '@/lib/platforms/vk/batch';
import type { Ask } from '@/lib/platforms/vk/channel';
import { answer } from '@/lib/platforms/vk/main-world';
import {
  ACCOUNT_EVERY,
  ELSEWHERE_RETRY_MS,
  MAX_POSTS_PER_READING,
  READING_BUDGET_MS,
  type ReadElsewhere,
  readVkPage,
  startVkSession,
} from '@/lib/platforms/vk/reader';
import { VkPostBatchSchema } from '@/lib/protocol';
import { vkDocument } from './helpers';

const NOW = () => Date.parse('2021-08-28T19:53:47+03:00');
const FEED = 'vk/vk-feed-loggedin-2021-08.html';

/** A copy of the feed's community post -2513295_8964 under a new id (as infinite scroll adds them). */
function feedRow(doc: Document, n: number): Element {
  const src = doc.querySelector('[data-post-id="-2513295_8964"]')?.closest('.feed_row');
  if (!src) throw new Error('fixture changed');
  const row = src.cloneNode(true) as Element;
  for (const el of [row, ...row.querySelectorAll('[data-post-id]')]) {
    if (el.getAttribute('data-post-id') === '-2513295_8964') el.setAttribute('data-post-id', `-2513295_${10000 + n}`);
  }
  return row;
}

describe('VK reader: incremental reading', () => {
  it('reads each new post once, and nothing for unrelated additions', () => {
    const doc = vkDocument(FEED);
    const s = startVkSession(doc, 'https://vk.com/feed', { now: NOW, ask: () => null });
    expect(s.scan().posts).toHaveLength(4);
    const parsed = s.stats.postsParsed;

    const rows = doc.querySelector('#feed_rows') as Element;
    const added = Array.from({ length: 50 }, (_, i) => rows.appendChild(feedRow(doc, i)));
    const reading = s.added(added);
    expect(reading.posts.map((p) => p.id)).toEqual(Array.from({ length: 50 }, (_, i) => `-2513295_${10000 + i}`));
    expect(s.stats.postsParsed - parsed).toBe(50);

    // unrelated nodes: no post parsed
    const before = s.stats.postsParsed;
    const banner = doc.body.appendChild(doc.createElement('div'));
    banner.innerHTML = '<span>реклама справа</span>';
    expect(s.added([banner]).posts).toEqual([]);
    // a post moved (virtualised lists re-insert nodes): not parsed again
    rows.appendChild(added[0]);
    expect(s.added([added[0]]).posts).toEqual([]);
    expect(s.stats.postsParsed).toBe(before);
  });

  it('something added inside a post re-reads that post only (a comment shown, a counter rendered late)', () => {
    const doc = vkDocument(FEED);
    const s = startVkSession(doc, 'https://vk.com/feed', { now: NOW, ask: () => null });
    s.scan();
    const before = s.stats.postsParsed;
    const list = doc.getElementById('replies-2513295_8964') as Element;
    const wrap = doc.createElement('div');
    wrap.innerHTML = `<div class="reply reply_dived _post" data-post-id="-2513295_8999"><div class="reply_author"><a class="author" href="/id1" data-from-id="1">Павел</a></div>
      <div class="wall_reply_text">Отличный праздник</div><div class="reply_date"><span class="rel_date">сегодня в 19:00</span></div></div>`;
    const reply = list.appendChild(wrap.firstElementChild as Element);
    const reading = s.added([reply]);
    expect(s.stats.postsParsed - before).toBe(1);
    expect(reading.posts.map((p) => p.id)).toEqual(['-2513295_8964']); // the reply is a comment, not a post
    expect(reading.posts[0]?.commentsSample).toEqual([
      { text: 'Отличный праздник', author: 'Павел', at: '2021-08-28T16:00:00.000Z', byOwner: false },
    ]);
  });

  it('a skeleton without an id is read once it gets one', () => {
    const doc = vkDocument('vk/vk-feed-app-2026-07.html');
    const s = startVkSession(doc, 'https://vk.ru/feed', { now: () => Date.parse('2026-07-15T12:00:00+03:00'), ask: () => null });
    s.scan();
    const feed = doc.querySelector('[role="feed"]') as Element;
    const skeleton = feed.appendChild(doc.createElement('article'));
    skeleton.setAttribute('data-testid', 'post');
    expect(s.added([skeleton]).posts).toEqual([]);
    const filled = (doc.querySelector('[data-post-id="606060_12"]') as Element).cloneNode(true) as Element;
    filled.setAttribute('data-post-id', '606060_20');
    skeleton.replaceWith(filled);
    expect(s.added([filled]).posts.map((p) => p.id)).toEqual(['606060_20']);
  });

  it(`a reading carries at most ${MAX_POSTS_PER_READING} posts; the rest come with the next readings`, () => {
    const doc = vkDocument(FEED);
    const rows = doc.querySelector('#feed_rows') as Element;
    for (let i = 0; i < 150; i++) rows.appendChild(feedRow(doc, i));
    const s = startVkSession(doc, 'https://vk.com/feed', { now: NOW, ask: () => null });
    const sizes = [s.scan().posts.length, s.added([]).posts.length, s.added([]).posts.length];
    expect(sizes).toEqual([100, 54, 0]);
    expect(s.stats.postsParsed).toBe(154);
  });

  it('readVkPage (tests, tools) reads every post of a long page, not only the first reading', () => {
    const doc = vkDocument(FEED);
    const rows = doc.querySelector('#feed_rows') as Element;
    for (let i = 0; i < 250; i++) rows.appendChild(feedRow(doc, i));
    const ids = readVkPage(doc, 'https://vk.com/feed', { now: NOW, ask: () => null }).posts.map((p) => p.id);
    expect(ids).toHaveLength(254);
    expect(new Set(ids).size).toBe(254);
  });

  it('a long page is read in chunks between tasks, without waiting for the page to change', async () => {
    const doc = vkDocument(FEED);
    const rows = doc.querySelector('#feed_rows') as Element;
    for (let i = 0; i < 250; i++) rows.appendChild(feedRow(doc, i));
    const pushed: number[] = [];
    // a clock that stands still: only MAX_POSTS_PER_READING cuts the readings
    const clock = vi.spyOn(performance, 'now').mockReturnValue(0);
    try {
      const s = startVkSession(doc, 'https://vk.com/feed', { now: NOW, ask: () => null, push: (r) => pushed.push(r.posts.length) });
      expect(s.scan().posts).toHaveLength(100);
      await vi.waitFor(() => expect(pushed).toEqual([100, 54]), { timeout: 30_000 });
      s.dispose?.();
    } finally {
      clock.mockRestore();
    }
  });

  it(`a reading of a live page stops after ${READING_BUDGET_MS} ms; the posts left over come in the next chunks, each read once`, async () => {
    const doc = vkDocument(FEED);
    const rows = doc.querySelector('#feed_rows') as Element;
    for (let i = 0; i < 10; i++) rows.appendChild(feedRow(doc, i));
    let t = 0;
    // 5 ms a look at the clock: the budget is past after the 4th post of a reading
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (t += 5));
    try {
      const pushed: string[][] = [];
      const s = startVkSession(doc, 'https://vk.com/feed', {
        now: NOW,
        ask: () => null,
        push: (r) => pushed.push(r.posts.map((p) => p.id)),
      });
      const first = s.scan().posts.map((p) => p.id);
      expect(first).toHaveLength(4);
      await vi.waitFor(() => expect(pushed.map((p) => p.length)).toEqual([4, 4, 2]), { timeout: 30_000 });
      const all = [...first, ...pushed.flat()];
      expect(new Set(all).size).toBe(14);
      expect(s.stats.postsParsed).toBe(14);
      // without push (readVkPage, tests), the same clock cuts nothing
      expect(readVkPage(doc, 'https://vk.com/feed', { now: NOW, ask: () => null }).posts).toHaveLength(14);
      s.dispose?.();
    } finally {
      clock.mockRestore();
    }
  });

  it(`the account's reading counts against the ${READING_BUDGET_MS} ms of a reading: after a slow one, the posts wait for the next chunks`, async () => {
    const doc = vkDocument(FEED);
    const rows = doc.querySelector('#feed_rows') as Element;
    for (let i = 0; i < 10; i++) rows.appendChild(feedRow(doc, i));
    let t = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => t);
    let looks = 0;
    // a profile's URL: the session reads the account first (its context's clock is the first look
    // at `now`); that reading takes 20 ms, past the budget
    const now = () => {
      if (looks++ === 0) t += 20;
      return NOW();
    };
    try {
      const pushed: number[] = [];
      const s = startVkSession(doc, 'https://vk.com/club1', { now, ask: () => null, push: (r) => pushed.push(r.posts.length) });
      expect(s.scan().posts).toHaveLength(1);
      expect(s.stats.accountReads).toBeGreaterThan(0);
      await vi.waitFor(() => expect(pushed).toEqual([13]), { timeout: 30_000 });
      expect(s.stats.postsParsed).toBe(14);
      s.dispose?.();
    } finally {
      clock.mockRestore();
    }
  });

  it('the account is read again when something outside the posts comes, not for every post an infinite scroll adds', () => {
    // a post page: the owner's numeric id is known, the followers are not shown (the account is not settled)
    const doc = vkDocument('vk/vk-post-hybrid-2022-11.html');
    const s = startVkSession(doc, 'https://vk.com/wall-445566_777', { now: NOW, ask: () => null });
    const first = s.scan();
    expect(first.account?.nativeId).toBe('-445566');
    expect(first.account?.followers).toBeNull();
    const settled = s.stats.accountReads;
    expect(settled).toBeGreaterThan(0);
    const post = doc.querySelector('[data-post-id="-445566_777"]') as Element;
    for (let i = 1; i < ACCOUNT_EVERY; i++) {
      const next = post.cloneNode(true) as Element;
      next.setAttribute('data-post-id', `-445566_${900 + i}`);
      // as a wall's infinite scroll adds them: a post in a wrapper of the page's
      const wrapper = doc.createElement('div');
      wrapper.append(next);
      post.parentElement?.append(wrapper);
      expect(s.added([wrapper]).posts.map((p) => p.id)).toEqual([`-445566_${900 + i}`]);
    }
    expect(s.stats.accountReads).toBe(settled);
    // every ACCOUNT_EVERY-th reading of posts only, it is read again all the same (a wrapper could hold a late header)
    const last = post.cloneNode(true) as Element;
    last.setAttribute('data-post-id', '-445566_999');
    post.parentElement?.append(last);
    s.added([last]);
    expect(s.stats.accountReads).toBe(settled + 1);
    // a module of the page's header rendered late: the account is read again at once
    const module = doc.body.appendChild(doc.createElement('div'));
    module.textContent = 'Подписчики 4 444';
    s.added([module]);
    expect(s.stats.accountReads).toBe(settled + 2);
  });

  it('a session that ended pushes nothing more', async () => {
    const doc = vkDocument(FEED);
    const rows = doc.querySelector('#feed_rows') as Element;
    for (let i = 0; i < 110; i++) rows.appendChild(feedRow(doc, i));
    const push = vi.fn();
    const s = startVkSession(doc, 'https://vk.com/feed', { now: NOW, ask: () => null, push });
    s.scan();
    s.dispose?.();
    await new Promise((r) => setTimeout(r, 200));
    expect(push).not.toHaveBeenCalled();
  });
});

describe('VK reader: sessions and page data', () => {
  it('asks the MAIN world for the apiPrefetchCache on the first page of the document only', () => {
    const doc = vkDocument('vk/vk-community-app-2026-07.html');
    const ask = vi.fn((a: Ask) => answer(doc, window, a));
    const now = () => Date.parse('2026-07-15T10:00:00+03:00');
    const first = startVkSession(doc, 'https://vk.ru/zerno_ru', { now, ask });
    expect(first.scan().account?.followers).toMatchObject({ value: 12345, exact: true });
    expect(ask.mock.calls.some(([a]) => a.prefetch)).toBe(true);

    // in-app navigation: same document, a new session; the embedded data describes the first page
    ask.mockClear();
    const second = startVkSession(doc, 'https://vk.ru/zerno_ru', { now, ask });
    const reading = second.scan();
    expect(ask.mock.calls.some(([a]) => a.prefetch)).toBe(false);
    // without it, the header's "12,3K подписчиков" is what the page shows: an interval, not 12345
    expect(reading.account?.followers).toMatchObject({ value: 12300, low: 12250, high: 12400, exact: false });
    expect(reading.account?.posts).toBeNull();
  });

  it('asks only for posts whose markup lacks a number, in one round trip per batch', () => {
    const doc = vkDocument('vk/vk-community-redesign-2025-03.html');
    const ask = vi.fn((_a: Ask): unknown => null);
    const s = startVkSession(doc, 'https://vk.com/citycafe', { now: () => Date.parse('2025-03-04T12:00:00+03:00'), ask });
    s.scan();
    const postAsks = ask.mock.calls.map(([a]) => a).filter((a) => a.ids.length);
    expect(postAsks).toHaveLength(1);
    expect(postAsks[0]?.ids).toEqual(['-998877_1500', '-998877_1499', '-998877_1498', '-998877_1497']);

    const legacy = vkDocument('vk/vk-community-public-legacy-2020-11.html');
    const ask2 = vi.fn((_a: Ask): unknown => null);
    startVkSession(legacy, 'https://vk.com/coffee_zerno', { now: () => Date.parse('2020-11-18T18:00:00+03:00'), ask: ask2 }).scan();
    expect(ask2.mock.calls.map(([a]) => a).filter((a) => a.ids.length)).toEqual([]); // every number is in the markup
  });

  it('page data is checked: the answer for a post not asked about, or with bad numbers, is not taken', () => {
    const doc = vkDocument('vk/vk-community-redesign-2025-03.html');
    const s = startVkSession(doc, 'https://vk.com/citycafe', {
      now: () => Date.parse('2025-03-04T12:00:00+03:00'),
      ask: (a) =>
        a.ids.length
          ? {
              posts: [
                { id: '-998877_1500', views: -1, likes: '12abc', date: 'yesterday' },
                { id: '-998877_1499', views: 1e21 },
                { id: '-1_1', views: 5 },
                { id: '-998877_1498', views: '777' },
              ],
            }
          : null,
    });
    const byId = Object.fromEntries(s.scan().posts.map((p) => [p.id, p]));
    expect(byId['-998877_1500']?.views).toBeNull();
    expect(byId['-998877_1500']?.likes).toMatchObject({ value: 215 });
    expect(byId['-998877_1499']?.views).toBeNull();
    expect(byId['-998877_1498']?.views).toMatchObject({ value: 777, exact: true });
    expect(byId['-1_1']).toBeUndefined();
  });

  it('a post whose markup lacks a number is parsed once: the page data is combined with the readings already made', () => {
    const doc = vkDocument('vk/vk-community-redesign-2025-03.html');
    const s = startVkSession(doc, 'https://vk.com/citycafe', {
      now: () => Date.parse('2025-03-04T12:00:00+03:00'),
      ask: (a) => (a.ids.length ? { posts: a.ids.map((id, i) => ({ id, views: 1000 + i })) } : null),
    });
    const posts = s.scan().posts;
    expect(posts.length).toBeGreaterThan(0);
    expect(s.stats.postsParsed).toBe(posts.length);
    expect(posts.map((p) => p.views?.value)).toEqual(posts.map((_p, i) => 1000 + i));
  });

  it("learns the account's numeric id from the wall when its posts arrive after the header", () => {
    const doc = vkDocument('vk/vk-community-public-legacy-2020-11.html');
    const wall = doc.getElementById('page_wall_posts') as Element;
    const posts = [...wall.children];
    for (const p of posts) p.remove();
    for (const a of doc.querySelectorAll('#public_followers a, #wall_tabs a, #page_avatar a')) a.removeAttribute('href');
    const s = startVkSession(doc, 'https://vk.com/coffee_zerno', { now: () => Date.parse('2020-11-18T18:00:00+03:00'), ask: () => null });
    expect(s.scan().account).toMatchObject({ id: 'coffee_zerno', nativeId: null, followers: { value: 12345 } });
    for (const p of posts) wall.appendChild(p);
    const reading = s.added(posts);
    expect(reading.account).toMatchObject({ id: '-123456', nativeId: '-123456', handle: 'coffee_zerno' });
    expect(reading.posts).toHaveLength(posts.length);
  });

  it("after in-app navigation, the previous page's markup is never read as the new account", () => {
    const doc = vkDocument('vk/vk-community-public-legacy-2020-11.html');
    const now = () => Date.parse('2020-11-18T18:00:00+03:00');
    startVkSession(doc, 'https://vk.com/coffee_zerno', { now, ask: () => null }).scan();
    // the URL is the group's already, the markup is still the page's: nothing about the group yet
    for (const url of ['https://vk.com/hodkonem', 'https://vk.com/club7654321']) {
      const s = startVkSession(doc, url, { now, ask: () => null });
      const r = s.scan();
      expect(r.account).toBeNull();
      expect(r.posts.every((p) => p.authorId === '-123456')).toBe(true); // posts carry their own ids
    }
    // the content arrives
    const s = startVkSession(doc, 'https://vk.com/club7654321', { now, ask: () => null });
    s.scan();
    const group = vkDocument('vk/vk-community-group-hybrid-2023-05.html');
    doc.body.replaceWith(doc.importNode(group.body, true));
    const reading = s.added([doc.body]);
    expect(reading.account).toMatchObject({ id: '-7654321', handle: 'hodkonem', followers: { value: 4444 }, posts: { value: 1302 } });
  });

  it('never throws on broken markup, and reads nothing from it', () => {
    const doc = new DOMParser().parseFromString(
      `<div class="post" data-post-id="abc"><div data-reaction-counts="[1,"></div></div>
       <div class="post" data-post-id="-1_2"><a class="like_btn like" data-count="-5"></a><div class="like_views" title="{}[]">?</div>
         <div class="post_date"><span class="rel_date" time="NaN">31 фев в 25:61</span></div></div>
       <article data-testid="post" data-post-id="1_1" data-post-nesting-lvl="x"></article>`,
      'text/html',
    );
    const r = readVkPage(doc, 'https://vk.com/feed', { now: NOW, ask: () => ({ posts: 'nope', prefetch: 5 }) });
    expect(r.posts.map((p) => [p.id, p.likes, p.views, p.publishedAt])).toEqual([['-1_2', null, null, null]]);
  });

  it('the feed has no account; `var vk = {id}` (the viewer) is never read as one', () => {
    expect(readVkPage(vkDocument(FEED), 'https://vk.com/feed', { now: NOW, ask: () => null }).account).toBeNull();
  });
});

describe('VK reader: posts read elsewhere (the content script: lib/platforms/vk/batch.ts)', () => {
  // a clock that stands still: the reading's time budget cuts no batch (happy-dom's serializer is slow)
  let clock: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    clock = vi.spyOn(performance, 'now').mockReturnValue(0);
  });
  afterEach(() => clock.mockRestore());

  /**
   * A session of the real 2021 feed reading elsewhere, scanned once, through a double that reads
   * each batch with batch.ts (as JSON, as a message carries it) when told to answer.
   */
  function elsewhereSession(o: { ask?: (a: Ask) => unknown; lang?: string } = {}) {
    const doc = vkDocument(FEED);
    if (o.lang) doc.documentElement.setAttribute('lang', o.lang);
    const rows = doc.querySelector('#feed_rows') as Element;
    const batches: VkPostBatch[] = [];
    const waiting: Array<{ batch: VkPostBatch; answer: () => void; fail: () => void }> = [];
    const elsewhere: ReadElsewhere = (batch) => {
      batches.push(batch);
      return new Promise((resolve, reject) => {
        waiting.push({
          batch,
          answer: () => resolve(readVkBatch(JSON.parse(JSON.stringify(batch)), new DOMParser())),
          fail: () => reject(new Error('no answer')),
        });
      });
    };
    const next = async () => {
      await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0), { timeout: 10_000 });
      return waiting.shift() as (typeof waiting)[number];
    };
    const pushed: string[][] = [];
    const s = startVkSession(doc, 'https://vk.com/feed', {
      now: NOW,
      ask: o.ask ?? (() => null),
      push: (r) => pushed.push(r.posts.map((p) => p.id)),
      elsewhere,
    });
    const scanned = s.scan();
    return { doc, rows, s, scanned, pushed, batches, next };
  }

  it('sends the new posts as one batch of copies (the page asked for their data first) and delivers them when read; none is sent twice', async () => {
    const ask = vi.fn(() => null);
    const { doc, rows, s, scanned, pushed, ...e } = elsewhereSession({ ask });
    expect(scanned.posts).toEqual([]);
    (await e.next()).answer();
    await vi.waitFor(() => expect(pushed).toHaveLength(1));
    expect(pushed[0]).toEqual(['375915107_2549', '-2513295_8964', '-54520471_10756', '-2513295_8957']);
    expect(e.batches[0].posts[0]).toMatch(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml"/);
    expect(ask).toHaveBeenCalledWith({ ids: expect.arrayContaining(pushed[0]), prefetch: false });

    const added = Array.from({ length: 3 }, (_, i) => rows.appendChild(feedRow(doc, i)));
    s.added(added);
    (await e.next()).answer();
    await vi.waitFor(() => expect(pushed).toHaveLength(2));
    expect(pushed[1]).toEqual(['-2513295_10000', '-2513295_10001', '-2513295_10002']);
    // read ones moved by the page (a virtualised list) or an unrelated node: nothing sent
    rows.appendChild(added[0]);
    s.added([added[0], doc.body.appendChild(doc.createElement('div'))]);
    await new Promise((r) => setTimeout(r, 100));
    expect(e.batches).toHaveLength(2);
    s.dispose?.();
  });

  it('one batch at a time: what comes while one is unanswered waits for its answer, then goes in the next', async () => {
    const { doc, rows, s, pushed, ...e } = elsewhereSession();
    const first = await e.next();
    s.added([rows.appendChild(feedRow(doc, 1))]);
    s.added([rows.appendChild(feedRow(doc, 2))]);
    await new Promise((r) => setTimeout(r, 100));
    expect(e.batches).toHaveLength(1);
    first.answer();
    (await e.next()).answer();
    await vi.waitFor(() => expect(pushed).toHaveLength(2));
    expect(pushed[1]).toEqual(['-2513295_10001', '-2513295_10002']);
    s.dispose?.();
  });

  it(`a batch that gets no answer (the worker stopped) is sent again ${ELSEWHERE_RETRY_MS.join(', ')} ms later, the last again and again`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { s, pushed, ...e } = elsewhereSession();
      const waits = [...ELSEWHERE_RETRY_MS, 30_000, 30_000];
      for (const wait of waits) {
        (await e.next()).fail();
        const sent = e.batches.length;
        await vi.advanceTimersByTimeAsync(wait - 10);
        expect(e.batches).toHaveLength(sent);
        await vi.advanceTimersByTimeAsync(10);
        expect(e.batches).toHaveLength(sent + 1);
      }
      expect(s.stats.failedBatches).toBe(waits.length);
      // every try sent the same posts; the one answered delivers them
      expect(new Set(e.batches.map((b) => b.posts.join()))).toHaveProperty('size', 1);
      (await e.next()).answer();
      await vi.advanceTimersByTimeAsync(0);
      expect(pushed).toEqual([['375915107_2549', '-2513295_8964', '-54520471_10756', '-2513295_8957']]);
      s.dispose?.();
    } finally {
      vi.useRealTimers();
    }
  });

  it('every batch passes the background’s check, also on a page with an odd lang attribute', async () => {
    const { s, ...e } = elsewhereSession({ lang: 'ru-'.repeat(40) });
    const { batch } = await e.next();
    const checked = VkPostBatchSchema.safeParse(JSON.parse(JSON.stringify(batch)));
    expect(checked.success, checked.error?.message).toBe(true);
    s.dispose?.();
  });

  it('a skeleton (no post id yet) is not sent; it is, once filled in', async () => {
    const { doc, rows, s, pushed, ...e } = elsewhereSession();
    (await e.next()).answer();
    const row = feedRow(doc, 5);
    const post = row.querySelector('[data-post-id]') as Element;
    post.removeAttribute('data-post-id');
    for (const a of row.querySelectorAll('a[href*="wall"]')) a.removeAttribute('href');
    const id = post.id;
    post.removeAttribute('id');
    rows.appendChild(row);
    s.added([row]);
    await new Promise((r) => setTimeout(r, 100));
    expect(e.batches).toHaveLength(1);
    post.setAttribute('data-post-id', '-2513295_10005');
    if (id) post.id = id;
    s.added([post.appendChild(doc.createElement('span'))]);
    (await e.next()).answer();
    await vi.waitFor(() => expect(pushed[1]).toEqual(['-2513295_10005']));
    s.dispose?.();
  });
});
