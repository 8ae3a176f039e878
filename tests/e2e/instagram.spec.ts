/**
 * The Instagram reader end to end, in Chromium with the built extension: every fixture page served
 * at its real instagram.com URL, then the stored history, read through the JSON export format,
 * must hold exactly the expected numbers (tests/fixtures/instagram/**.expected.json). Also: in-app
 * navigation between two profiles without mixing, and the responses Instagram's own code receives
 * (fetch and XHR) read by the MAIN-world script. The extension itself makes no request.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Page } from '@playwright/test';
import { recordToBackup } from '../../lib/backup/export';
import type { BackupAccount } from '../../lib/backup/format';
import type { AccountRecord } from '../../lib/store/records';
import { isGiveawayText } from '../../lib/text';
import { type ExtensionHarness, expect, FIXTURES, launchExtension, test, waitForStorage } from './fixtures';

interface ExpectedCount {
  value: number;
  low: number;
  high: number;
  exact: boolean;
}
interface ExpectedPost {
  id: string;
  url: string;
  authorId: string;
  kind: string | null;
  publishedAt: string | null;
  likes: ExpectedCount | null;
  comments: ExpectedCount | null;
  shares: ExpectedCount | null;
  views: ExpectedCount | null;
  pinned: boolean;
  likesHidden: boolean;
  ad: boolean;
  caption: string | null;
  commentsSample: Array<{ text: string; author: string | null; at: string | null; byOwner: boolean }>;
}
interface Expected {
  url: string;
  account: (Record<string, unknown> & { id: string; followers: unknown; following: unknown; posts: unknown }) | null;
  posts: ExpectedPost[];
}

const FIXTURE_PAGES: Array<{ page: string; expected: Expected }> = [
  ...readdirSync(join(FIXTURES, 'instagram/synthetic'))
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => ({
      page: `instagram/synthetic/${f.replace('.expected.json', '.html')}`,
      expected: JSON.parse(readFileSync(join(FIXTURES, 'instagram/synthetic', f), 'utf8')),
    })),
  ...readdirSync(join(FIXTURES, 'instagram/expected'))
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => ({
      page: `instagram/${f.replace('.expected.json', '.html')}`,
      expected: JSON.parse(readFileSync(join(FIXTURES, 'instagram/expected', f), 'utf8')),
    })),
];

const count = (c: ExpectedCount | null) => (c ? { value: c.value, low: c.low, high: c.high, exact: c.exact } : null);
const noRaw = (c: { value: number; low: number; high: number; exact: boolean } | null) => (c ? count(c) : null);

/** The stored history in the export format, by account id. */
function exported(store: Record<string, unknown>): Map<string, BackupAccount> {
  const out = new Map<string, BackupAccount>();
  for (const [k, v] of Object.entries(store))
    if (k.startsWith('acct:instagram:')) out.set(k.slice('acct:instagram:'.length), recordToBackup(v as AccountRecord));
  return out;
}

/** What the export must say for a fixture, in the export's own shape (counts without raw). */
function expectedExport(e: Expected) {
  const accounts: Record<string, unknown> = {};
  if (e.account) {
    const a = e.account;
    accounts[a.id] = {
      id: a.id,
      nativeId: a.nativeId,
      handle: a.handle,
      name: a.name,
      isPrivate: a.isPrivate,
      snapshots: [{ followers: a.followers, following: a.following, posts: a.posts }],
    };
  }
  const posts: Record<string, unknown> = {};
  for (const p of e.posts) {
    posts[`${p.authorId}/${p.id}`] = {
      url: p.url,
      kind: p.kind,
      publishedAt: p.publishedAt,
      pinned: p.pinned,
      likesHidden: p.likesHidden,
      ad: p.ad,
      giveaway: isGiveawayText(p.caption),
      observations: [
        { likes: p.likesHidden ? null : count(p.likes), comments: count(p.comments), shares: count(p.shares), views: count(p.views) },
      ],
      comments: p.commentsSample.map((c) => ({ text: c.text, author: c.author, at: c.at, byOwner: c.byOwner })),
    };
  }
  return { accounts, posts };
}

function actualExport(accounts: Map<string, BackupAccount>) {
  const out: { accounts: Record<string, unknown>; posts: Record<string, unknown> } = { accounts: {}, posts: {} };
  for (const [id, a] of accounts) {
    if (a.snapshots.length)
      out.accounts[id] = {
        id: a.id,
        nativeId: a.nativeId,
        handle: a.handle,
        name: a.name,
        isPrivate: a.isPrivate,
        snapshots: a.snapshots.map((s) => ({ followers: noRaw(s.followers), following: noRaw(s.following), posts: noRaw(s.posts) })),
      };
    for (const p of a.posts)
      out.posts[`${id}/${p.id}`] = {
        url: p.url,
        kind: p.kind,
        publishedAt: p.publishedAt,
        pinned: p.pinned,
        likesHidden: p.likesHidden,
        ad: p.ad,
        giveaway: p.giveaway,
        observations: p.observations.map((o) => ({
          likes: noRaw(o.likes),
          comments: noRaw(o.comments),
          shares: noRaw(o.shares),
          views: noRaw(o.views),
        })),
        comments: p.comments,
      };
  }
  return out;
}

async function clearStore(h: ExtensionHarness) {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
  await page.evaluate(() => chrome.storage.local.clear());
  await page.close();
}

test.describe
  .serial('Instagram fixtures at their real URLs', () => {
    let h: Awaited<ReturnType<typeof launchExtension>>;
    test.beforeAll(async () => {
      h = await launchExtension({});
    });
    test.afterAll(async () => {
      await h?.close();
    });

    for (const { page: file, expected } of FIXTURE_PAGES) {
      test(`${file} -> the export holds exactly the expected numbers`, async () => {
        await clearStore(h);
        h.routes[expected.url] = file; // two real pages share one URL (pluto__travel, 2021 and 2024)
        const page = await h.context.newPage();
        await page.goto(expected.url);
        const want = expectedExport(expected);
        let last: unknown = null;
        try {
          await waitForStorage(
            h,
            (store) => {
              last = actualExport(exported(store));
              return isDeepStrictEqual(last, want);
            },
            15_000,
          );
        } catch {
          // fall through to the assertion, which shows the difference
        }
        expect(last).toEqual(want);
        await page.close();
        expect(h.extensionRequests).toEqual([]);
      });
    }
  });

const EN = 'https://www.instagram.com/northwind.coffee/';
const RU = 'https://www.instagram.com/kofeynya_utro/';

/** In-app navigation as Instagram does it: pushState, then the new page rendered into the document. */
async function navigateInApp(page: Page, url: string, fixture: string) {
  const html = readFileSync(join(FIXTURES, fixture), 'utf8');
  await page.evaluate(
    ([to, text]) => {
      history.pushState({}, '', to);
      const next = new DOMParser().parseFromString(text, 'text/html');
      document.body.replaceWith(document.importNode(next.body, true));
    },
    [url, html],
  );
}

test('in-app navigation between two profiles: the right account each time, nothing mixed', async () => {
  const h = await launchExtension({ [EN]: 'instagram/synthetic/instagram-profile-en-loggedin-2025-06.html' });
  try {
    const page = await h.context.newPage();
    await page.goto(EN);
    await waitForStorage(
      h,
      (s) => 'acct:instagram:northwind.coffee' in s && Object.keys((s['acct:instagram:northwind.coffee'] as AccountRecord).p).length === 9,
    );
    await navigateInApp(page, RU, 'instagram/synthetic/instagram-profile-ru-loggedin-2025-06.html');
    let seen: Record<string, unknown> = {};
    const store = await waitForStorage(h, (s) => {
      seen = s;
      const ru = s['acct:instagram:kofeynya_utro'] as AccountRecord | undefined;
      return Boolean(ru?.s.length && Object.keys(ru.p).length === 9);
    }).catch((e) => {
      throw new Error(
        `${e}: ${JSON.stringify(Object.fromEntries([...exported(seen)].map(([k, a]) => [k, [a.snapshots, a.posts.map((p) => p.id)]])))}`,
      );
    });
    const accounts = exported(store);
    const ru = accounts.get('kofeynya_utro') as BackupAccount;
    const en = accounts.get('northwind.coffee') as BackupAccount;
    // the second page's numbers, never the first page's (stale meta tags, stale title)
    expect(ru.snapshots.map((s) => [s.followers?.value, s.followers?.exact, s.following?.value, s.posts?.value])).toEqual([
      [97412, true, 58, 342],
    ]);
    expect(ru.name).toBe('Кофейня «Утро»');
    expect(en.snapshots.map((s) => [s.followers?.value, s.following?.value, s.posts?.value])).toEqual([[12431, 312, 1208]]);
    const ruExpected: Expected = JSON.parse(
      readFileSync(join(FIXTURES, 'instagram/synthetic/instagram-profile-ru-loggedin-2025-06.expected.json'), 'utf8'),
    );
    const enExpected: Expected = JSON.parse(
      readFileSync(join(FIXTURES, 'instagram/synthetic/instagram-profile-en-loggedin-2025-06.expected.json'), 'utf8'),
    );
    expect(ru.posts.map((p) => p.id).sort()).toEqual(ruExpected.posts.map((p) => p.id).sort());
    expect(en.posts.map((p) => p.id).sort()).toEqual(enExpected.posts.map((p) => p.id).sort());
    const liked = Object.fromEntries(ru.posts.map((p) => [p.id, p.observations.at(-1)?.likes?.value ?? null]));
    expect(liked).toEqual(Object.fromEntries(ruExpected.posts.map((p) => [p.id, p.likes?.value ?? null])));
    expect(h.extensionRequests).toEqual([]);
  } finally {
    await h.close();
  }
});

test('responses Instagram receives while scrolling (fetch and XHR) give exact numbers for posts not yet opened', async () => {
  const h = await launchExtension({ [EN]: 'instagram/synthetic/instagram-profile-en-loggedin-2025-06.html' });
  try {
    const item = (code: string, likes: number, comments: number, extra: Record<string, unknown> = {}) => ({
      code,
      pk: '3611111111111111111',
      taken_at: 1747000000,
      media_type: 1,
      product_type: 'feed',
      like_count: likes,
      comment_count: comments,
      user: { username: 'northwind.coffee', pk: '5566778899', full_name: 'Northwind Coffee' },
      ...extra,
    });
    await h.context.route('https://www.instagram.com/api/v1/feed/user/**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ items: [item('C8aB3cD4eF5', 1284, 37), item('C6Older0001', 402, 11)], more_available: true }),
      }),
    );
    await h.context.route('https://www.instagram.com/graphql/query', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/javascript',
        body: `for (;;);${JSON.stringify({ data: { xdt_api__v1__feed__user_timeline_graphql_connection: { edges: [{ node: item('C6Older0002', 3, 9, { like_and_view_counts_disabled: true }) }] } } })}`,
      }),
    );
    const page = await h.context.newPage();
    await page.goto(EN);
    await waitForStorage(h, (s) => 'acct:instagram:northwind.coffee' in s);
    // Instagram's own code asks for more posts as the person scrolls (here: run in the page's world)
    const pageGot = await page.evaluate(async () => {
      const viaFetch = await (await fetch('/api/v1/feed/user/5566778899/?count=12&max_id=x')).json();
      const viaXhr = await new Promise<string>((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', '/graphql/query');
        xhr.onload = () => resolve(xhr.responseText.slice(0, 9));
        xhr.send('doc_id=1');
      });
      return [viaFetch.items.length, viaXhr];
    });
    expect(pageGot).toEqual([2, 'for (;;);']); // the page got its responses as sent
    const store = await waitForStorage(h, (s) => {
      const rec = s['acct:instagram:northwind.coffee'] as AccountRecord;
      return Boolean(rec?.p.C6Older0001 && rec.p.C6Older0002);
    });
    const en = exported(store).get('northwind.coffee') as BackupAccount;
    const byId = Object.fromEntries(en.posts.map((p) => [p.id, p]));
    expect(byId.C6Older0001.observations.at(-1)).toMatchObject({
      likes: { value: 402, exact: true },
      comments: { value: 11, exact: true },
    });
    expect(byId.C6Older0001.publishedAt).toBe('2025-05-11T21:46:40.000Z');
    expect(byId.C6Older0002).toMatchObject({ likesHidden: true });
    expect(byId.C6Older0002.observations.at(-1)?.likes).toBeNull();
    // the grid tile and the response agree: exact
    expect(byId.C8aB3cD4eF5.observations.at(-1)).toMatchObject({
      likes: { value: 1284, exact: true },
      comments: { value: 37, exact: true },
    });
    expect(h.extensionRequests).toEqual([]);
  } finally {
    await h.close();
  }
});
