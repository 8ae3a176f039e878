/**
 * Every fixture page, read by the Instagram reader, against its expected-values file: every field of
 * the account and of every post. Synthetic logged-in pages: instagram/synthetic (see the README
 * there); real saved pages: instagram/*.html with instagram/expected/*.expected.json.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reading } from '@/lib/content/run-site';
import { FIXTURES, fixtureText } from '../../helpers/fixtures';
import { readerFor } from './instagram-helpers';

interface Expected {
  url: string;
  account: Record<string, unknown> | null;
  posts: Array<Record<string, unknown>>;
}

const listed = (dir: string, ext: string) =>
  readdirSync(resolve(FIXTURES, dir))
    .filter((f) => f.endsWith(ext))
    .map((f) => f.slice(0, -ext.length));

/** [page file, expected file] pairs */
const INSTAGRAM_FIXTURES: Array<[string, string]> = [
  ...listed('instagram/synthetic', '.html').map((n): [string, string] => [
    `instagram/synthetic/${n}.html`,
    `instagram/synthetic/${n}.expected.json`,
  ]),
  ...listed('instagram/expected', '.expected.json').map((n): [string, string] => [
    `instagram/${n}.html`,
    `instagram/expected/${n}.expected.json`,
  ]),
];

function load(page: string, stripClasses: boolean): Document {
  const doc = new DOMParser().parseFromString(fixtureText(page), 'text/html');
  if (stripClasses) for (const el of doc.querySelectorAll('[class]')) el.removeAttribute('class');
  return doc;
}

/** Counts without their raw text (raw is what the page wrote; the numbers are what is checked). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === 'raw' ? undefined : v)));
}

function readFixture(doc: Document, url: string): Reading {
  return readerFor(doc).start(doc, url).scan();
}

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.id).localeCompare(String(b.id));

describe.each([false, true])('Instagram pages (class attributes stripped: %s)', (strip) => {
  it.each(INSTAGRAM_FIXTURES)('%s: every field of the account and of every post', (page, expectedFile) => {
    const expected: Expected = JSON.parse(fixtureText(expectedFile));
    const reading = readFixture(load(page, strip), expected.url);
    expect(plain(reading.account)).toEqual(expected.account);
    expect(plain(reading.posts as Array<Record<string, unknown>>).sort(byId)).toEqual([...expected.posts].sort(byId));
  });
});

it('has a fixture of every kind the issue lists, and the real pages', () => {
  const names = INSTAGRAM_FIXTURES.map(([p]) => p).join(' ');
  for (const kind of [
    'profile-en',
    'profile-ru',
    'reels',
    'post-en',
    'post-modal',
    'feed',
    'private',
    'hidden-likes',
    'empty',
    'loggedout',
    'ssr-2021',
  ])
    expect(names).toContain(kind);
});
