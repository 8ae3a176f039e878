// Wall-clock dates on the pages are read in the runtime's time zone: pin it before any Date is made.
process.env.TZ = 'Europe/Moscow';

import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Reading } from '@/lib/content/run-site';
import type { Count } from '@/lib/count';
import { readVkBatch } from '@/lib/platforms/vk/batch';
import { forgetListHeads, listHead } from '@/lib/platforms/vk/dom';
import { answer } from '@/lib/platforms/vk/main-world';
import { readVkPage, startVkSession } from '@/lib/platforms/vk/reader';
import { COMMENT_BUTTON, DATE_TEXT, HEADER, SHARE_BUTTON } from '@/lib/platforms/vk/selectors';
import { FIXTURES, fixtureText } from '../../../helpers/fixtures';
import { vkDocument } from './helpers';

/** A count as the expected files write it: n (exact), {value, low, high} (abbreviated), null. */
type ExpectedCount = number | { value: number; low: number; high: number } | null;
interface Expected {
  fixture: string;
  url: string;
  now: string;
  timeZone: string;
  /** the fixture has a script standing in for the page's React: run it */
  react: boolean;
  account: Record<string, unknown> | null;
  posts: Array<Record<string, unknown>>;
  /** per post id, what changes when the page's own data (React props) is not there */
  withoutPageScript?: Record<string, Record<string, unknown>>;
}

const DIR = resolve(FIXTURES, 'vk');
const CASES: Expected[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(resolve(DIR, f), 'utf8')));

const compact = (c: Count | null | undefined): ExpectedCount =>
  c == null ? null : c.exact ? c.value : { value: c.value, low: c.low, high: c.high };

/** The reading in the shape of the expected files (every field of the observation). */
function normalise(r: Reading) {
  const a = r.account;
  return {
    account: a && {
      id: a.id,
      nativeId: a.nativeId,
      handle: a.handle,
      name: a.name,
      url: a.url,
      kind: a.kind,
      followers: compact(a.followers),
      following: compact(a.following),
      posts: compact(a.posts),
    },
    posts: r.posts.map((p) => ({
      id: p.id,
      url: p.url,
      authorId: p.authorId,
      authorHandle: p.authorHandle,
      authorName: p.authorName,
      publishedAt: p.publishedAt,
      kind: p.kind,
      likes: compact(p.likes),
      comments: compact(p.comments),
      shares: compact(p.shares),
      views: compact(p.views),
      pinned: p.pinned,
      likesHidden: p.likesHidden,
      ad: p.ad,
      caption: p.caption,
      commentsSample: p.commentsSample,
    })),
  };
}

/** The expected files also carry hints for the e2e test (date texts); they are not fields. */
function fieldsOf(e: Expected) {
  return {
    account: e.account,
    posts: e.posts.map(({ dateText: _d, commentDateTexts: _c, ...p }) => p),
  };
}

/** Run the fixture's stand-in for React (what React attaches to the nodes), as the page would. */
function runPageScript(doc: Document): void {
  for (const s of doc.querySelectorAll('script:not([src])')) {
    const code = s.textContent ?? '';
    if (code.includes('__react')) new Function('document', 'window', code)(doc, window);
  }
}

function read(e: Expected, transform?: (html: string) => string, pageScript = e.react): Reading {
  const doc = vkDocument(`vk/${e.fixture}`, transform);
  if (pageScript) runPageScript(doc);
  return readVkPage(doc, e.url, { now: () => Date.parse(e.now), ask: (a) => answer(doc, window, a) });
}

/**
 * As the content script reads: the account here, the posts elsewhere (each post's element copied
 * out with XMLSerializer, rebuilt with DOMParser and read there: lib/platforms/vk/batch.ts).
 */
async function readElsewhere(e: Expected, transform?: (html: string) => string): Promise<Reading> {
  const doc = vkDocument(`vk/${e.fixture}`, transform);
  if (e.react) runPageScript(doc);
  const posts: Reading['posts'] = [];
  let answered: Promise<unknown> = Promise.resolve();
  // a clock that stands still: the reading's time budget cuts nothing (every fixture has under 100 posts)
  const clock = vi.spyOn(performance, 'now').mockReturnValue(0);
  try {
    const s = startVkSession(doc, e.url, {
      firstPage: true,
      now: () => Date.parse(e.now),
      ask: (a) => answer(doc, window, a),
      push: (r) => posts.push(...r.posts),
      elsewhere: (batch) => {
        const read = Promise.resolve(readVkBatch(JSON.parse(JSON.stringify(batch)), new DOMParser()));
        answered = read.then(() => undefined);
        return read;
      },
    });
    const reading = s.scan();
    expect(reading.posts).toEqual([]);
    await answered;
    await Promise.resolve();
    expect(s.stats.batches).toBeLessThanOrEqual(1);
    return { account: reading.account, posts };
  } finally {
    clock.mockRestore();
  }
}

/** Remove generated class names: vkit-XXXXXX (2026) and VKUI's (hashed since 2025). */
const stripGenerated = (html: string) =>
  html.replace(/\sclass="([^"]*)"/g, (_m, v: string) => {
    const kept = v.split(/\s+/).filter((c) => c && !/^vkit-/.test(c) && !/^vkui/.test(c));
    return kept.length ? ` class="${kept.join(' ')}"` : '';
  });
/** Remove every class attribute. */
const stripAllClasses = (html: string) => html.replace(/\sclass="[^"]*"/g, '');

describe('VK fixtures: every field of every observation', () => {
  it('the fixture set covers every kind of page the issue names', () => {
    const names = CASES.map((e) => e.fixture).join(' ');
    for (const kind of ['community', 'profile', 'post', 'feed', 'app', 'legacy', 'hybrid', 'redesign']) expect(names).toContain(kind);
    const posts = CASES.flatMap((e) => e.posts);
    expect(posts.some((p) => p.ad)).toBe(true);
    expect(posts.some((p) => p.pinned)).toBe(true);
    expect(posts.some((p) => p.comments === null && !p.ad)).toBe(true); // closed comments
    expect(posts.some((p) => p.kind === 'other' && p.caption !== null)).toBe(true); // a repost
    expect(posts.some((p) => (p.commentsSample as Array<{ byOwner: boolean }>).some((c) => c.byOwner))).toBe(true);
    expect(posts.some((p) => p.likes === 0)).toBe(true); // zero counts
  });

  for (const e of CASES) {
    describe(e.fixture, () => {
      it('reads the account and every post as expected', () => {
        expect(process.env.TZ).toBe(e.timeZone);
        expect(normalise(read(e))).toEqual(fieldsOf(e));
      });

      it("reads the same with the posts read elsewhere (their markup copied out as XML and rebuilt: the content script's way)", async () => {
        expect(normalise(await readElsewhere(e))).toEqual(fieldsOf(e));
      });

      it('reads the same with generated class names (vkit-*, vkui*) removed', () => {
        const html = fixtureText(`vk/${e.fixture}`);
        if (/class="[^"]*\b(?:vkit-|vkui)/.test(html)) expect(stripGenerated(html)).not.toMatch(/class="[^"]*\b(?:vkit-|vkui)/);
        expect(normalise(read(e, stripGenerated))).toEqual(fieldsOf(e));
      });

      if (e.url.startsWith('https://vk.ru/')) {
        it('reads the same with every class name removed (the 2026 app is read from data-testid and page data)', () => {
          expect(stripAllClasses(fixtureText(`vk/${e.fixture}`))).not.toMatch(/\sclass="/);
          expect(normalise(read(e, stripAllClasses))).toEqual(fieldsOf(e));
        });
      }

      if (e.react) {
        it('without the page data React holds, the numbers only React has are unknown, the rest unchanged', () => {
          const want = fieldsOf(e);
          const overrides = e.withoutPageScript ?? {};
          expect(Object.keys(overrides).length).toBeGreaterThan(0);
          want.posts = want.posts.map((p) => ({ ...p, ...(overrides[p.id as string] ?? {}) }));
          expect(normalise(read(e, undefined, false))).toEqual(want);
        });
      }
    });
  }
});

describe('VK fixtures: the real 2021 feed (values listed in shared/real-pages/SOURCES.md)', () => {
  it('reads the numbers SOURCES.md lists', () => {
    const e = CASES.find((c) => c.fixture === 'vk-feed-loggedin-2021-08.html');
    if (!e) throw new Error('the real feed fixture is missing');
    const byId = Object.fromEntries(normalise(read(e)).posts.map((p) => [p.id, p]));
    expect(Object.keys(byId)).toEqual(['375915107_2549', '-2513295_8964', '-54520471_10756', '-2513295_8957']);
    expect(byId['375915107_2549']).toMatchObject({ likes: 8, shares: 0, views: 336, comments: null });
    expect(byId['-2513295_8964']).toMatchObject({ likes: 29, comments: 0, shares: 2, views: { value: 1100, low: 1050, high: 1200 } });
    expect(byId['-54520471_10756']).toMatchObject({ likes: 69, shares: 40, views: null, ad: true, publishedAt: null });
    expect(byId['-2513295_8957']).toMatchObject({ likes: 24, comments: 2, shares: 12, views: { value: 2900, low: 2850, high: 3000 } });
    // the replies -2513295_8958/8959 are comments, never posts; the community's own reply is byOwner
    expect(byId['-2513295_8957']?.commentsSample?.map((c) => [c.author, c.byOwner])).toEqual([
      ['Good Ness', false],
      ['Профком студентов КубГТУ', true],
    ]);
    // `var vk = {id: 344677973}` is the viewer: no account is read from the feed
    expect(e.account).toBeNull();
  });
});

describe('VK fixtures: what the reader learns of a page changes no answer (lib/platforms/vk/dom.ts, list heads)', () => {
  it('a wall of the 2025 redesign is read with the head of each list, not the whole list', () => {
    forgetListHeads();
    const e = CASES.find((c) => c.fixture === 'vk-community-redesign-2025-03.html');
    if (!e) throw new Error('the redesign fixture is missing');
    expect(listHead(DATE_TEXT)).toBeUndefined();
    expect(normalise(read(e))).toEqual(fieldsOf(e));
    // the fallbacks below these ranks are queried only for a post whose head finds nothing
    expect(listHead(DATE_TEXT)).toBe(DATE_TEXT.indexOf('[class*="PostDateBlock__root"] a'));
    expect(listHead(COMMENT_BUTTON)).toBe(0);
    expect(listHead(SHARE_BUTTON)).toBe(0);
    expect(listHead(HEADER)).toBe(HEADER.indexOf('[class*="PostHeader"]'));
  });

  for (const e of CASES) {
    it(`${e.fixture}: read the same after any other fixture taught the reader its lists' heads`, () => {
      forgetListHeads();
      const fresh = normalise(read(e));
      for (const other of CASES) {
        if (other === e) continue;
        forgetListHeads();
        read(other);
        expect(normalise(read(e)), `after ${other.fixture}`).toEqual(fresh);
      }
      // and after all of them (each list's head as far down as any fixture takes it)
      for (const other of CASES) read(other);
      expect(normalise(read(e))).toEqual(fresh);
    });
  }
});
