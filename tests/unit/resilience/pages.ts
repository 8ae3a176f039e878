/**
 * Every reader fixture (Instagram synthetic and real, VK synthetic and real) as the resilience
 * tests use it: the page parsed as the unit tests parse it, read as the content script reads it,
 * and its expected values in one shape for both sites.
 *
 * Counts are compared as intervals: an exact expected count n, or an abbreviation's [low, high).
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Reading } from '@/lib/content/run-site';
import type { Count } from '@/lib/count';
import { answer } from '@/lib/platforms/vk/main-world';
import { readVkPage } from '@/lib/platforms/vk/reader';
import { FIXTURES, fixtureText } from '../../helpers/fixtures';
import { readerFor } from '../platforms/instagram-helpers';

/** An expected count: exact (low = high) or an abbreviation's interval [low, high); null = unknown. */
export interface Want {
  low: number;
  high: number;
  exact: boolean;
}

export interface WantAccount {
  id: string;
  nativeId: string | null;
  handle: string | null;
  url: string;
  followers: Want | null;
  following: Want | null;
  posts: Want | null;
}

export interface WantPost {
  id: string;
  url: string;
  authorId: string | null;
  authorHandle: string | null;
  publishedAt: string | null;
  likes: Want | null;
  comments: Want | null;
  shares: Want | null;
  views: Want | null;
}

export interface PageCase {
  /** file under tests/fixtures */
  file: string;
  site: 'instagram' | 'vk';
  /** real saved page (true) or written for the tests */
  real: boolean;
  url: string;
  /** VK: the moment the page's relative dates are read at (epoch ms); null for Instagram */
  now: number | null;
  account: WantAccount | null;
  posts: WantPost[];
  /**
   * Instagram: every view count the page's JSON holds per shortcode (play_count, view_count,
   * video_view_count, ig_play_count). The reader takes the first present (docs/instagram-reader.md,
   * Views): when a damaged page lost play_count, view_count is the post's views, not a wrong number.
   */
  altViews: Map<string, number[]>;
  /** The page as the reader first sees it (VK: with the fixture's stand-in for React run). */
  load(): Document;
  /** Read the document as the content script's first scan does. */
  read(doc: Document): Reading;
}

type RawCount = number | { value: number; low: number; high: number; exact?: boolean } | null | undefined;

export function want(c: RawCount): Want | null {
  if (c === null || c === undefined) return null;
  if (typeof c === 'number') return { low: c, high: c, exact: true };
  const exact = c.exact ?? c.low === c.high;
  return exact ? { low: c.value, high: c.value, exact: true } : { low: c.low, high: c.high, exact: false };
}

const listed = (dir: string, ext: string) =>
  readdirSync(resolve(FIXTURES, dir))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => f.slice(0, -ext.length));

interface RawExpected {
  url: string;
  now?: string;
  react?: boolean;
  fixture?: string;
  account: Record<string, unknown> | null;
  posts: Array<Record<string, unknown>>;
}

function wantAccount(a: Record<string, unknown> | null): WantAccount | null {
  if (!a) return null;
  return {
    id: String(a.id),
    nativeId: (a.nativeId as string | null) ?? null,
    handle: (a.handle as string | null) ?? null,
    url: String(a.url),
    followers: want(a.followers as RawCount),
    following: want(a.following as RawCount),
    posts: want(a.posts as RawCount),
  };
}

function wantPosts(posts: Array<Record<string, unknown>>): WantPost[] {
  return posts.map((p) => ({
    id: String(p.id),
    url: String(p.url),
    authorId: (p.authorId as string | null) ?? null,
    authorHandle: (p.authorHandle as string | null) ?? null,
    publishedAt: (p.publishedAt as string | null) ?? null,
    likes: want(p.likes as RawCount),
    comments: want(p.comments as RawCount),
    shares: want(p.shares as RawCount),
    views: want(p.views as RawCount),
  }));
}

/** happy-dom workarounds the VK unit tests use too (tests/unit/platforms/vk/helpers.ts). */
export function vkHtml(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/<iframe\b[\s\S]*?<\/iframe>/gi, '');
}

export const parseHtml = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

/** Run a VK fixture's stand-in for React (what React attaches to nodes), as the page would. */
export function runVkPageScript(doc: Document): void {
  for (const s of doc.querySelectorAll('script:not([src])')) {
    const code = s.textContent ?? '';
    if (!code.includes('__react')) continue;
    try {
      new Function('document', 'window', code)(doc, window);
    } catch {
      // a mutated page's own script may fail: so would the page's
    }
  }
}

const VIEW_KEYS = ['play_count', 'view_count', 'video_view_count', 'ig_play_count'];

/** View counts per shortcode in the page's JSON, found by walking every JSON script (independent of the reader). */
export function jsonViewCounts(html: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const walk = (x: unknown, depth: number): void => {
    if (depth > 200 || x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const v of x) walk(v, depth + 1);
      return;
    }
    const o = x as Record<string, unknown>;
    const code = typeof o.code === 'string' ? o.code : typeof o.shortcode === 'string' ? o.shortcode : null;
    if (code) {
      const counts = VIEW_KEYS.map((k) => o[k]).filter((v): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);
      if (counts.length) out.set(code, [...(out.get(code) ?? []), ...counts]);
    }
    for (const v of Object.values(o)) walk(v, depth + 1);
  };
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const body = m[1]
      .trim()
      .replace(/^window\._sharedData\s*=\s*/, '')
      .replace(/;$/, '');
    if (!body.startsWith('{') && !body.startsWith('[')) continue;
    try {
      walk(JSON.parse(body), 0);
    } catch {
      // not JSON
    }
  }
  return out;
}

function instagramCases(): PageCase[] {
  const pairs: Array<[string, string, boolean]> = [
    ...listed('instagram/synthetic', '.html').map((n): [string, string, boolean] => [
      `instagram/synthetic/${n}.html`,
      `instagram/synthetic/${n}.expected.json`,
      false,
    ]),
    ...listed('instagram/expected', '.expected.json').map((n): [string, string, boolean] => [
      `instagram/${n}.html`,
      `instagram/expected/${n}.expected.json`,
      true,
    ]),
  ];
  return pairs.map(([file, expectedFile, real]) => {
    const e: RawExpected = JSON.parse(fixtureText(expectedFile));
    const html = fixtureText(file);
    return {
      file,
      site: 'instagram',
      real,
      url: e.url,
      now: null,
      account: wantAccount(e.account),
      posts: wantPosts(e.posts),
      altViews: jsonViewCounts(html),
      load: () => parseHtml(html),
      read: (doc) => readerFor(doc).start(doc, e.url).scan(),
    };
  });
}

function vkCases(): PageCase[] {
  return listed('vk', '.expected.json').map((n) => {
    const e: RawExpected = JSON.parse(fixtureText(`vk/${n}.expected.json`));
    const file = `vk/${e.fixture}`;
    const html = vkHtml(fixtureText(file));
    const now = Date.parse(String(e.now));
    return {
      file,
      site: 'vk',
      real: file.includes('loggedin-2021-08'),
      url: e.url,
      now,
      account: wantAccount(e.account),
      posts: wantPosts(e.posts),
      altViews: new Map(),
      load: () => {
        const doc = parseHtml(html);
        if (e.react) runVkPageScript(doc);
        return doc;
      },
      read: (doc) => readVkPage(doc, e.url, { now: () => now, ask: (a) => answer(doc, window, a) }),
    };
  });
}

/** Every fixture with expected values, Instagram first. VK dates need TZ=Europe/Moscow (set by the test files). */
export function allCases(): PageCase[] {
  return [...instagramCases(), ...vkCases()];
}

export type { Count };
