/**
 * Hostile pages, in the unit-test DOM (the parts that need a real browser are in
 * tests/e2e/resilience.spec.ts):
 * - numbers like "9e999", "-5", "NaN", "Infinity" and 40-digit strings, everywhere a fixture
 *   writes a number (text, attributes, the page's JSON): no throw, no wrong number;
 * - the same junk in the page data the MAIN-world helpers hand over;
 * - markup and scripts in names, captions and comments: read as text, exactly, and nothing is
 *   added to the page;
 * - no HTML sink anywhere in the extension's code;
 * - the Instagram observer's fetch/XHR wrappers when the page breaks Function.prototype.apply;
 * - the bugs the mutated-pages property found, each pinned by a small case.
 */
process.env.TZ = 'Europe/Moscow';

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonCount, parseCount } from '@/lib/numbers';
import { findPostRoots, readPostRoot } from '@/lib/platforms/instagram/dom';
import { cleanIgData } from '@/lib/platforms/instagram/json';
import { parseProfileCounters } from '@/lib/platforms/instagram/meta';
import { installNetworkObserver } from '@/lib/platforms/instagram/network';
import { labelledCount } from '@/lib/platforms/vk/account';
import { readVkPage } from '@/lib/platforms/vk/reader';
import { fixtureText } from '../../helpers/fixtures';
import { readerFor } from '../platforms/instagram-helpers';
import { replaceNumbers } from './mutate';
import { countProblem, problems } from './oracle';
import { allCases, parseHtml, vkHtml } from './pages';

const CASES = allCases();
const FORTY_DIGITS = '1234567890'.repeat(4);
const HOSTILE_NUMBERS = ['9e999', '-5', 'NaN', FORTY_DIGITS];

/** Every number the page writes (see ./mutate.ts numberTokens) replaced by `junk`, in text and in attributes. */
function everyNumber(doc: Document, junk: string): number {
  let replaced = 0;
  const swap = (v: string) => {
    const r = replaceNumbers(v, junk);
    replaced += r.replaced;
    return r.text;
  };
  const walker = doc.createTreeWalker(doc.documentElement, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    const next = swap(t.data);
    if (next !== t.data) t.data = next;
  }
  for (const el of doc.querySelectorAll('*'))
    for (const name of el.getAttributeNames()) {
      const v = el.getAttribute(name) ?? '';
      const next = swap(v);
      if (next !== v) el.setAttribute(name, next);
    }
  return replaced;
}

describe('every number of every fixture replaced by junk', () => {
  it.each(CASES.flatMap((c) => HOSTILE_NUMBERS.map((junk) => [c.file, junk, c] as const)))('%s, every number "%s"', (_f, junk, c) => {
    const doc = c.load();
    expect(everyNumber(doc, junk)).toBeGreaterThan(0);
    const reading = c.read(doc);
    expect(problems(c, reading)).toEqual([]);
    // and nothing the junk could be read as: no count above 10^13, none negative
    for (const n of [reading.account?.followers, ...reading.posts.flatMap((p) => [p.likes, p.comments, p.shares, p.views])])
      if (n) expect(n.low >= 0 && n.high <= 1e13).toBe(true);
  });
});

describe('junk numbers in words and in JSON', () => {
  it.each([
    '9e999',
    '9e999 likes',
    '-5',
    '-5 likes',
    '−5 подписчиков',
    'NaN',
    'NaN followers',
    'Infinity',
    FORTY_DIGITS,
    `${FORTY_DIGITS} views`,
    '1,2x4',
    '12..3',
    '--5',
    '1,x2K',
    '--4 444',
    '4x4 444',
    '0x1F',
    '12e3',
    '1/2',
    '½',
    '١٢٣ likes',
    '12,,34',
  ])('"%s" is no count', (text) => {
    expect(parseCount(text)).toBeNull();
  });

  it.each([Number.POSITIVE_INFINITY, Number.NaN, -5, 1e40, 1.5, '9e999', '-5', 'NaN', FORTY_DIGITS, '12e3', '0x10', ' 12', null, {}])(
    'JSON %s is no count',
    (value) => {
      expect(jsonCount(value)).toBeNull();
    },
  );

  it('what crosses the Instagram page bridge with junk numbers is unknown', () => {
    const data = cleanIgData({
      media: [
        {
          code: 'C8aB3cD4eF5',
          likes: 1e40,
          comments: -5,
          views: [Number.NaN, '9e999', Number.POSITIVE_INFINITY],
          takenAt: Number('9e999'),
        },
      ],
      users: [{ username: 'northwind.coffee', followers: FORTY_DIGITS, following: -1, posts: '12e3' }],
    });
    expect(data.media[0]).toMatchObject({ likes: null, comments: null, views: [], takenAt: null });
    expect(data.users[0]).toMatchObject({ followers: null, following: null, posts: null });
  });

  it('what the VK MAIN-world helper answers with junk numbers is unknown, the markup still read', () => {
    const c = CASES.find((x) => x.file === 'vk/vk-community-redesign-2025-03.html');
    if (!c) throw new Error('fixture missing');
    const doc = c.load();
    for (const junk of [Number.POSITIVE_INFINITY, -5, Number.NaN, 1e40, '9e999', FORTY_DIGITS, '-5', { count: 1e40 }]) {
      const reading = readVkPage(doc, c.url, {
        now: () => c.now ?? Date.now(),
        ask: (a) => ({
          posts: a.ids.map((id) => ({ id, views: junk, likes: junk, comments: junk, reposts: junk, date: junk })),
          prefetch: null,
        }),
      });
      expect(problems(c, reading)).toEqual([]);
      expect(reading.posts.length).toBeGreaterThan(0);
      expect(reading.posts.every((p) => p.views === null)).toBe(true);
    }
  });
});

const NAME = `<img src=x onerror="window.__smmPwned=1"> & "Кофе"`;
const CAPTION = `<script>window.__smmPwned=2</script><b>жирный</b>`;
const COMMENT = `<svg/onload=window.__smmPwned=3>`;
const html = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const jsonInScript = (t: string) => JSON.stringify(t).slice(1, -1).replace(/</g, '\\u003c');

function edited(file: string, pairs: Array<[string, string]>, forVk = false): Document {
  let page = fixtureText(file);
  for (const [from, to] of pairs) {
    expect(page).toContain(from);
    page = page.split(from).join(to);
  }
  return parseHtml(forVk ? vkHtml(page) : page);
}

function markupCount(doc: Document): number {
  return doc.querySelectorAll('*').length;
}

describe('markup and scripts in the page text are read as text', () => {
  it('VK: a name and a caption that look like HTML are the text the page shows, and nothing is added to the page', () => {
    const doc = edited(
      'vk/vk-community-app-2026-07.html',
      [
        ['Зерно &mdash; кофе и выпечка', jsonInScript(NAME)],
        ['Зерно — кофе и выпечка', html(NAME)],
        ['Мы переехали! Теперь нас можно найти на Садовой, 5.', html(CAPTION)],
      ],
      true,
    );
    const before = markupCount(doc);
    const reading = readVkPage(doc, 'https://vk.ru/zerno_ru', { now: () => Date.parse('2026-07-16T12:00:00Z'), ask: () => null });
    expect(reading.account?.name).toBe(NAME);
    expect(reading.posts.find((p) => p.id === '-220011_512')?.caption).toContain(CAPTION);
    expect(markupCount(doc)).toBe(before);
    expect((window as unknown as { __smmPwned?: unknown }).__smmPwned).toBeUndefined();
  });

  it('Instagram: a caption and a comment that look like HTML are the text the page shows', () => {
    const doc = edited('instagram/synthetic/instagram-post-en-loggedin-2025-06.html', [
      ['Sunrise over the ridge after a 4 a.m. start. Worth every step. #hiking #alps', html(CAPTION)],
      ['Unreal colours!', html(COMMENT)],
    ]);
    const before = markupCount(doc);
    const post = readerFor(doc).start(doc, 'https://www.instagram.com/p/C8qR7tYuI3o/').scan().posts[0];
    expect(post.caption).toBe(CAPTION);
    expect(post.commentsSample?.map((s) => s.text)).toContain(COMMENT);
    expect(markupCount(doc)).toBe(before);
  });
});

describe('no HTML sink in the extension', () => {
  // lib/platforms/vk/batch.ts parses copies of VK posts (sent by the content script) into XML
  // documents that are only read: DOMParser's documents run no script and load nothing.
  const BATCH = resolve('lib/platforms/vk/batch.ts');
  const SINK =
    /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|createContextualFragment|\bnew Function\b|\beval\(|srcdoc|parseFromString/;
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
    });
  it('lib/, components/ and entrypoints/ never turn text into markup or code', () => {
    const all = ['lib', 'components', 'entrypoints'].flatMap((d) => files(resolve(d)));
    expect(all.length).toBeGreaterThan(50);
    const found = all.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          SINK.test(line) && !/^\s*(\/\/|\*)/.test(line) && !(f === BATCH && /parseFromString\(/.test(line))
            ? [`${f}:${i + 1}: ${line.trim()}`]
            : [],
        ),
    );
    expect(found).toEqual([]);
  });

  it('the one parser of page markup (VK posts read elsewhere) builds inert XML documents and never puts their nodes anywhere', () => {
    const src = readFileSync(BATCH, 'utf8');
    const calls = src.match(/parseFromString\([^;]*?;/gs) ?? [];
    expect(calls).toHaveLength(2);
    for (const c of calls) expect(c).toContain("'application/xhtml+xml'");
    expect(src).not.toMatch(/importNode|adoptNode|\.append\(|appendChild|insertBefore|replaceWith|\.before\(|\.after\(/);
  });
});

describe('the Instagram observer when the page breaks its built-ins', () => {
  it('fetch and XHR keep working for the page after it breaks Function.prototype.apply and call', () => {
    const calls: unknown[][] = [];
    const response = { marker: 'the page gets this very object' };
    class FakeXhr {
      opened: unknown[] = [];
      sent: unknown[] = [];
      open(...args: unknown[]) {
        this.opened = args;
      }
      send(...args: unknown[]) {
        this.sent = args;
      }
      addEventListener() {}
    }
    const win = {
      location: { href: 'https://www.instagram.com/' },
      fetch: (...args: unknown[]) => {
        calls.push(args);
        return response;
      },
      XMLHttpRequest: FakeXhr,
      addEventListener() {},
      setTimeout,
      document,
    } as unknown as Window;
    installNetworkObserver(win);
    const proto = Function.prototype as unknown as Record<'apply' | 'call', unknown>;
    const saved = { apply: proto.apply, call: proto.call };
    let got: unknown;
    const xhr = new (win as unknown as { XMLHttpRequest: typeof FakeXhr }).XMLHttpRequest();
    try {
      const broken = () => {
        throw new TypeError('the page broke it');
      };
      proto.apply = broken;
      proto.call = broken;
      got = (win.fetch as unknown as (u: string) => unknown)('/p/abc/');
      xhr.open('GET', '/graphql/query');
      xhr.send('q=1');
    } finally {
      proto.apply = saved.apply;
      proto.call = saved.call;
    }
    expect(got).toBe(response);
    expect(calls).toEqual([['/p/abc/']]);
    expect(xhr.opened).toEqual(['GET', '/graphql/query']);
    expect(xhr.sent).toEqual(['q=1']);
  });
});

describe('found by the mutated-pages property (regressions)', () => {
  it('Instagram feed: a post whose header is missing is not filed under the person in "Liked by"', () => {
    const c = CASES.find((x) => x.file.includes('instagram-feed-en'));
    if (!c) throw new Error('fixture missing');
    const doc = c.load();
    const article = [...doc.querySelectorAll('article')].find((a) => a.innerHTML.includes('C9iJ0kL1mN2'));
    article?.querySelector('a[href="/clara.paints/"]')?.closest('div')?.parentElement?.parentElement?.parentElement?.remove();
    const post = c.read(doc).posts.find((p) => p.id === 'C9iJ0kL1mN2');
    expect(post?.authorId ?? null).not.toBe('alice.bakes');
    expect(problems(c, c.read(doc))).toEqual([]);
  });

  it('Instagram: "View 1" (a comments link that lost its last word) is not one view', () => {
    const d = parseHtml(
      '<html lang="en"><body><article><a href="/p/CAbcdefghij/"><time datetime="2025-06-01T10:00:00.000Z">1 d</time></a><img src="a.jpg"><div><a href="/p/CAbcdefghij/comments/"><span>View <span>1</span></span></a></div></article></body></html>',
    );
    const [root] = findPostRoots(d, null);
    expect(readPostRoot(root.root, root.code, 'en').views).toBeNull();
  });

  it("Instagram post page: a 'More posts' tile that lost its href does not make the post a reel", () => {
    const c = CASES.find((x) => x.file.includes('instagram-post-en-loggedin'));
    if (!c) throw new Error('fixture missing');
    const doc = c.load();
    doc.querySelector('a[href="/reel/C8kL1nSoC7i/"]')?.removeAttribute('href');
    const post = c.read(doc).posts.find((p) => p.id === 'C8qR7tYuI3o');
    expect(post).toMatchObject({ kind: 'photo', url: 'https://www.instagram.com/p/C8qR7tYuI3o/' });
  });

  it('a number with the rest of a damaged number around it is no count', () => {
    expect(parseCount('1,x2K')).toBeNull(); // was 1
    expect(parseCount('--4 444')).toBeNull(); // was 444
    expect(parseCount('4 444')?.value).toBe(4444);
  });

  it('Instagram meta: "1 2x34 подписчиков" is not 1 follower', () => {
    expect(parseProfileCounters('1 2x34 подписчиков, 5 подписок, 7 публикаций', 'ru')?.followers ?? null).toBeNull();
    expect(parseProfileCounters('1 234 подписчиков, 5 подписок, 7 публикаций', 'ru')?.followers?.value).toBe(1234);
  });

  it('VK: a counter label with junk glued on ("УчастникиNaN 444") is no label', () => {
    expect(labelledCount('УчастникиNaN 444', { locale: 'ru' })).toBeNull();
    expect(labelledCount('Участники4 444', { locale: 'ru' })?.count.value).toBe(4444);
  });

  it('VK: a header counter holding other text than the count ("Infinity 345") is unknown', () => {
    const c = CASES.find((x) => x.file.includes('public-legacy'));
    if (!c) throw new Error('fixture missing');
    const doc = c.load();
    const counter = doc.querySelector('#public_followers .header_count');
    if (!counter?.firstChild) throw new Error('no counter');
    counter.firstChild.nodeValue = 'Infinity';
    expect(c.read(doc).account?.followers ?? null).toBeNull();
  });

  it('VK: a header link whose %-escape is no UTF-8 does not stop the reader', () => {
    const c = CASES.find((x) => x.file.includes('group-hybrid'));
    if (!c) throw new Error('fixture missing');
    const doc = c.load();
    const link = doc.querySelector('a[href*="c%5Bgroup%5D"]');
    link?.setAttribute('href', '/search?c%9e999Bsection%5D=people');
    expect(() => c.read(doc)).not.toThrow();
    expect(problems(c, c.read(doc))).toEqual([]);
  });

  it('the oracle itself: a wrong count is caught, an agreeing abbreviation is not', () => {
    const exact = (v: number) => ({ value: v, low: v, high: v, exact: true, raw: '' });
    expect(countProblem('x', exact(444), { low: 4444, high: 4444, exact: true })).not.toBeNull();
    expect(
      countProblem('x', { value: 1200, low: 1150, high: 1300, exact: false, raw: '1.2K' }, { low: 1234, high: 1234, exact: true }),
    ).toBeNull();
    expect(countProblem('x', exact(5), null)).not.toBeNull();
  });
});
