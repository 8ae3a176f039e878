/**
 * The VK reader end to end, in Chromium with the built extension: every fixture in tests/fixtures/vk
 * served at its real vk.com / vk.ru URL, then the stored history, read through the dashboard's JSON
 * export, must hold exactly the expected values of tests/fixtures/vk/*.expected.json, field by
 * field; ads stay marked and apart. Also: the MAIN-world helper in a real page (React props, the
 * vk.ru apiPrefetchCache), infinite scroll and in-app navigation, and no request of the extension.
 *
 * Dates: Chromium runs in Europe/Moscow like the unit tests. Dates the pages write relative to
 * today ("вчера в 18:00", "22 авг" without a year) are computed for the moment of the test from the
 * text the expected file records (`dateText`), with the same parser the unit tests check.
 */
process.env.TZ = 'Europe/Moscow';

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from '@playwright/test';
import type { BackupAccount, BackupPost } from '../../lib/backup/format';
import { parseVkDate } from '../../lib/platforms/vk/dates';
import { type ExtensionHarness, expect, FIXTURES, launchExtension, tabIdOf, test, waitForStorage } from './fixtures';
import { liveWorker } from './resilience-helpers';

type ExpectedCount = number | { value: number; low: number; high: number } | null;
interface ExpectedComment {
  text: string;
  author: string | null;
  at: string | null;
  byOwner: boolean;
}
interface ExpectedPost {
  id: string;
  authorId: string;
  authorHandle: string | null;
  authorName: string | null;
  publishedAt: string | null;
  kind: string | null;
  likes: ExpectedCount;
  comments: ExpectedCount;
  shares: ExpectedCount;
  views: ExpectedCount;
  pinned: boolean;
  ad: boolean;
  caption: string | null;
  commentsSample: ExpectedComment[];
  dateText?: string;
  commentDateTexts?: Array<string | null>;
}
interface Expected {
  fixture: string;
  url: string;
  account: {
    id: string;
    nativeId: string | null;
    handle: string | null;
    name: string | null;
    url: string;
    kind: string | null;
    followers: ExpectedCount;
    following: ExpectedCount;
    posts: ExpectedCount;
  } | null;
  posts: ExpectedPost[];
}

const DIR = join(FIXTURES, 'vk');
const CASES: Expected[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')));
const ROUTES = Object.fromEntries(CASES.map((e) => [e.url, `vk/${e.fixture}`]));

const compact = (c: { value: number; low: number; high: number; exact: boolean } | null): ExpectedCount =>
  c === null ? null : c.exact ? c.value : { value: c.value, low: c.low, high: c.high };

/** The dates a page wrote relative to "now", for a test that ran between `from` and `to`. */
function possibleDates(text: string | undefined | null, fixed: string | null, from: number, to: number): Array<string | null> {
  if (!text) return [fixed];
  return [...new Set([from, to].map((t) => new Date(parseVkDate(text, t) ?? Number.NaN).toISOString()))];
}

async function exportBackup(h: ExtensionHarness): Promise<BackupAccount[]> {
  const dash = await h.context.newPage();
  await dash.goto(`chrome-extension://${h.extensionId}/options.html`);
  const [download] = await Promise.all([
    dash.waitForEvent('download'),
    dash.getByRole('button', { name: /^(Export JSON|Экспорт JSON)$/ }).click(),
  ]);
  const path = test.info().outputPath(`vk-backup-${Date.now()}.json`);
  await download.saveAs(path);
  await dash.close();
  const backup = JSON.parse(readFileSync(path, 'utf8'));
  expect(backup).toMatchObject({ format: 'smm-lens-backup', version: 1 });
  return backup.accounts;
}

/** Requests a content script could have made: fetch/XHR from a page (the fixtures run no such code). */
function watchPageFetches(h: ExtensionHarness): string[] {
  const seen: string[] = [];
  h.context.on('request', (r: Request) => {
    if (['fetch', 'xhr', 'websocket', 'eventsource'].includes(r.resourceType())) seen.push(r.url());
  });
  return seen;
}

async function open(h: ExtensionHarness, url: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(url);
  return page;
}

test('every VK fixture at its real URL: the stored history holds exactly the expected values', async () => {
  test.setTimeout(180_000);
  const h = await launchExtension(ROUTES, { locale: 'ru-RU' });
  const fetches = watchPageFetches(h);
  try {
    const from = Date.now();
    for (const e of CASES) {
      const page = await open(h, e.url);
      expect(await page.evaluate(() => new Date(2021, 0, 1).getTimezoneOffset())).toBe(-180);
      const keys = new Set(e.posts.map((p) => `acct:vk:${p.authorId}`));
      if (e.account) keys.add(`acct:vk:${e.account.id}`);
      await waitForStorage(h, (s) =>
        [...keys].every((k) => {
          const rec = s[k] as { p?: Record<string, unknown> } | undefined;
          return rec && e.posts.filter((p) => `acct:vk:${p.authorId}` === k).every((p) => rec.p && p.id in rec.p);
        }),
      );
      await page.close();
    }
    const to = Date.now();

    const accounts = await exportBackup(h);
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const postsById = new Map<string, { account: BackupAccount; post: BackupPost }[]>();
    for (const a of accounts) for (const p of a.posts) postsById.set(p.id, [...(postsById.get(p.id) ?? []), { account: a, post: p }]);

    for (const e of CASES) {
      await test.step(e.fixture, async () => {
        if (e.account) {
          const a = byId.get(e.account.id);
          expect(a, `account ${e.account.id}`).toBeDefined();
          expect(a).toMatchObject({
            platform: 'vk',
            id: e.account.id,
            nativeId: e.account.nativeId,
            handle: e.account.handle,
            name: e.account.name,
            url: e.account.url,
            kind: e.account.kind,
          });
          const counts = [e.account.followers, e.account.following, e.account.posts];
          if (counts.some((c) => c !== null)) {
            const last = a?.snapshots.at(-1);
            expect([compact(last?.followers ?? null), compact(last?.following ?? null), compact(last?.posts ?? null)]).toEqual(counts);
          } else {
            expect(a?.snapshots).toEqual([]); // nothing shown, nothing recorded
          }
        }
        for (const want of e.posts) {
          const stored = postsById.get(want.id) ?? [];
          // a post is stored once, under the account of the post id's owner (ads too: marked, apart)
          expect(
            stored.map((s) => s.account.id),
            want.id,
          ).toEqual([want.authorId]);
          const { post } = stored[0] as { post: BackupPost };
          const obs = post.observations.at(-1);
          expect(
            {
              id: post.id,
              kind: post.kind,
              pinned: post.pinned,
              ad: post.ad,
              likes: compact(obs?.likes ?? null),
              comments: compact(obs?.comments ?? null),
              shares: compact(obs?.shares ?? null),
              views: compact(obs?.views ?? null),
            },
            want.id,
          ).toEqual({
            id: want.id,
            kind: want.kind,
            pinned: want.pinned,
            ad: want.ad,
            likes: want.likes,
            comments: want.comments,
            shares: want.shares,
            views: want.views,
          });
          expect(possibleDates(want.dateText, want.publishedAt, from, to), `${want.id} published`).toContain(post.publishedAt);
          expect(post.comments.map((c) => ({ text: c.text, author: c.author, byOwner: c.byOwner }))).toEqual(
            want.commentsSample.map((c) => ({ text: c.text, author: c.author, byOwner: c.byOwner })),
          );
          post.comments.forEach((c, i) => {
            expect(
              possibleDates(want.commentDateTexts?.[i], want.commentsSample[i]?.at ?? null, from, to),
              `${want.id} comment ${i}`,
            ).toContain(c.at);
          });
        }
      });
    }

    // ads are kept apart: marked, under their advertiser, and in no other account
    const ads = accounts.flatMap((a) => a.posts.filter((p) => p.ad).map((p) => `${a.id}:${p.id}`));
    expect(ads.sort()).toEqual(['-3003:-3003_120', '-54520471:-54520471_10756', '-707070:-707070_45']);
    // the giveaway post of the group is flagged from its caption
    expect(byId.get('-7654321')?.posts.find((p) => p.id === '-7654321_299')?.giveaway).toBe(true);
    // no request of the extension, and no fetch/XHR from the pages (the fixtures make none)
    expect(h.extensionRequests).toEqual([]);
    expect(fetches).toEqual([]);
  } finally {
    await h.close();
  }
});

test('infinite scroll and in-app navigation: new posts are read, a new page is a new account', async () => {
  const h = await launchExtension(ROUTES, { locale: 'ru-RU' });
  try {
    const page = await open(h, 'https://vk.com/feed');
    await waitForStorage(h, (s) => 'acct:vk:-2513295' in s);

    // The posts were read in the extension's reader document (Chrome's offscreen document), not in
    // the page. Chrome may close it: closed now, the next batch opens it again.
    const worker = await liveWorker(h);
    const readerDocuments = () =>
      worker.evaluate(() =>
        chrome.runtime
          .getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] })
          .then((c) => c.map((x) => x.documentUrl)),
      );
    expect(await readerDocuments()).toEqual([`chrome-extension://${h.extensionId}/reader.html`]);
    await worker.evaluate(() => chrome.offscreen.closeDocument());
    expect(await readerDocuments()).toEqual([]);

    // the feed loads 20 more posts, as infinite scroll does
    await page.evaluate(() => {
      const src = document.querySelector('[data-post-id="-2513295_8964"]')?.closest('.feed_row');
      const rows = document.getElementById('feed_rows');
      if (!src || !rows) throw new Error('fixture changed');
      for (let i = 0; i < 20; i++) {
        const row = src.cloneNode(true) as Element;
        for (const el of [row, ...row.querySelectorAll('[data-post-id]')]) {
          if (el.getAttribute('data-post-id') === '-2513295_8964') el.setAttribute('data-post-id', `-2513295_${20000 + i}`);
        }
        rows.appendChild(row);
      }
    });
    const store = await waitForStorage(h, (s) => {
      const rec = s['acct:vk:-2513295'] as { p: Record<string, unknown> } | undefined;
      return Boolean(rec && Object.keys(rec.p).filter((id) => id.startsWith('-2513295_2')).length === 20);
    });
    const rec = store['acct:vk:-2513295'] as { p: Record<string, { o: unknown[][] }> };
    expect(rec.p['-2513295_20019']?.o.at(-1)?.slice(1)).toEqual([29, 0, 2, [1100, 1050, 1200, '1.1K просмотра']]);
    expect(await readerDocuments()).toHaveLength(1);

    // in-app navigation to a community page (the SPA swaps the content and pushes the URL)
    const community = readFileSync(join(DIR, 'vk-community-public-legacy-2020-11.html'), 'utf8');
    const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(community)?.[1] ?? '';
    await page.evaluate((html) => {
      history.pushState({}, '', '/coffee_zerno');
      document.body.innerHTML = html;
    }, body);
    const after = await waitForStorage(h, (s) => ((s['acct:vk:-123456'] as { s?: unknown[] } | undefined)?.s?.length ?? 0) > 0);
    const zerno = after['acct:vk:-123456'] as { s: unknown[][]; handle: string; p: Record<string, unknown> };
    expect(zerno.handle).toBe('coffee_zerno');
    expect(zerno.s.at(-1)?.slice(1)).toEqual([12345, null, 248]);
    expect(Object.keys(zerno.p).sort()).toEqual(['-123456_201', '-123456_239', '-123456_240', '-123456_246', '-123456_247', '-123456_248']);
    // the feed's community did not get the new page's numbers
    expect((after['acct:vk:-2513295'] as { s: unknown[] }).s).toEqual([]);
    expect(h.extensionRequests).toEqual([]);
  } finally {
    await h.close();
  }
});

test('the popup knows the VK page it is on', async () => {
  const h = await launchExtension(ROUTES, { locale: 'ru-RU' });
  try {
    const page = await open(h, 'https://vk.ru/zerno_ru');
    await waitForStorage(h, (s) => 'acct:vk:-220011' in s);
    const tabId = await tabIdOf(h, page);
    const pageState = () =>
      h.worker.evaluate(async (id) => {
        const reply = await chrome.tabs.sendMessage(id, { id: 1, type: 'getPageState', data: undefined, timestamp: Date.now() });
        return reply?.res ?? null;
      }, tabId);
    // the account is stored with the first reading; the posts come back from the reader document
    // (docs/vk-reader.md) a little later, and the popup counts what has come back so far
    await expect.poll(async () => (await pageState())?.posts, { timeout: 10_000 }).toBe(4);
    const state = await pageState();
    expect(state).toMatchObject({
      platform: 'vk',
      pageKind: 'profile',
      accountKey: 'vk:-220011',
      accountName: 'Зерно — кофе и выпечка',
      status: 'ok',
      posts: 4,
    });
  } finally {
    await h.close();
  }
});
