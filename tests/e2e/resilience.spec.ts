/**
 * Resilience end to end, in Chromium with the built extension (docs/resilience.md):
 * - the service worker stopped (Chrome DevTools Protocol) again and again in the middle of about
 *   1000 ingests from four tabs: every observation the background acknowledged is in the store at
 *   every moment, and in the end everything the pages showed is stored with its numbers;
 * - storage full, a store an older version wrote (migrated after the update), a corrupted record,
 *   a backup of 50 MB;
 * - hostile pages: page text with markup and scripts in names, captions and comments, shown as text
 *   in the popup, the dashboard and the overlay; a page that breaks JavaScript's built-ins in its
 *   own world.
 * Every test ends with the harness's check: no error from the extension, no request made by it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import type { BackupAccount, BackupInput } from '../../lib/backup/format';
import { readableStore } from '../../lib/store/layout';
import { type ExtensionHarness, expect, FIXTURES, launchExtension, tabIdOf, test } from './fixtures';
import { type IngestLog, isolatedWorld, liveWorker, stopServiceWorkers, storeReader, WATCH_INGESTS } from './resilience-helpers';

type Rec = { p: Record<string, { o: Array<[number, unknown, unknown, unknown, unknown]> }>; s: unknown[][] };

/** The numbers the stress page (tests/fixtures/resilience/vk-stress-wall.html) shows for post i of community N. */
const stressNumbers = (owner: number, i: number) => [1000 + 7 * i + (owner % 100), i % 50, i % 13, 5000 + 11 * i];

test.describe('service worker stopped in the middle of 1000 ingests', () => {
  test('every acknowledged observation is stored, at every stop and at the end', async () => {
    test.setTimeout(180_000);
    const TABS = [9001, 9002, 9003, 9004];
    const POSTS = 250;
    const url = (owner: number) => `https://vk.com/club${owner}?posts=${POSTS}&every=20&start=1500`;
    const h = await launchExtension(Object.fromEntries(TABS.map((o) => [url(o), 'resilience/vk-stress-wall.html'])), { locale: 'ru-RU' });
    try {
      const reader = await storeReader(h);
      const tabs: Array<{ owner: number; page: Page; world: Awaited<ReturnType<typeof isolatedWorld>> }> = [];
      for (const owner of TABS) {
        const page = await h.context.newPage();
        await page.goto(url(owner));
        const world = await isolatedWorld(h, page);
        await world.evaluate(WATCH_INGESTS);
        tabs.push({ owner, page, world });
      }
      const logs = () => Promise.all(tabs.map((t) => t.world.evaluate<IngestLog>('globalThis.__smmIngests')));

      /** Every acknowledged post is in the store with the numbers acknowledged. */
      const checkAcked = async (when: string) => {
        const acked = await logs();
        const store = await reader.read();
        let n = 0;
        const missing: string[] = [];
        for (const [k, log] of acked.entries()) {
          const rec = store[`acct:vk:-${TABS[k]}`] as Rec | undefined;
          for (const [id, ...numbers] of log.acked) {
            n++;
            const obs = rec?.p[id]?.o;
            if (!obs?.some((o) => JSON.stringify(o.slice(1)) === JSON.stringify(numbers)))
              missing.push(`${id} acknowledged with ${JSON.stringify(numbers)}, stored ${JSON.stringify(obs ?? null)}`);
          }
        }
        // (one assertion, not one per post: Playwright records every expect as a step)
        expect(missing, `${when}: acknowledged observations missing from the store`).toEqual([]);
        return n;
      };

      // Stop the worker every 400 ms while the pages add posts and the content scripts report them
      // (an ingest takes a few ms: the more stops, the more of them cut one off).
      const stops: Array<{ at: number; acked: number; pending: boolean }> = [];
      const started = Date.now();
      for (let round = 0; round < 15; round++) {
        await tabs[0].page.waitForTimeout(400);
        const before = await logs();
        const sent = before.reduce((a, l) => a + l.sent, 0);
        const done = await Promise.all(tabs.map((t) => t.page.locator('#stress_status[data-done]').count()));
        // The outboxes send what they read together, one message a second per tab: stop while one
        // is in flight (when one comes within a second), so that some ingests are cut off.
        await expect
          .poll(async () => (await logs()).some((l) => l.sent > l.answered), { timeout: 1000, intervals: [5] })
          .toBe(true)
          .catch(() => undefined);
        await stopServiceWorkers(tabs[round % tabs.length].world.cdp);
        const acked = await checkAcked(`stop ${round + 1}`);
        stops.push({ at: Date.now() - started, acked, pending: sent > 0 && done.some((d) => d === 0) });
      }
      expect(stops.filter((s) => s.pending).length, 'stops that came while the pages were still adding posts').toBeGreaterThanOrEqual(5);

      // Then let the outboxes drain: every post every page showed gets acknowledged and stored.
      await expect
        .poll(async () => (await logs()).map((l) => new Set(l.acked.map((a) => a[0])).size), { timeout: 90_000, intervals: [1000] })
        .toEqual(TABS.map(() => POSTS));
      const final = await logs();
      const acked = await checkAcked('the end');
      const store = await reader.read();
      const wrong: string[] = [];
      for (const owner of TABS) {
        const rec = store[`acct:vk:-${owner}`] as Rec;
        if (Object.keys(rec.p).length !== POSTS) wrong.push(`club${owner}: ${Object.keys(rec.p).length} posts stored`);
        for (let i = 1; i <= POSTS; i++) {
          const got = rec.p[`-${owner}_${i}`]?.o.at(-1)?.slice(1);
          if (JSON.stringify(got) !== JSON.stringify(stressNumbers(owner, i))) wrong.push(`-${owner}_${i}: ${JSON.stringify(got)}`);
        }
        if (rec.s.at(-1)?.[1] !== 1000) wrong.push(`followers of club${owner}: ${JSON.stringify(rec.s.at(-1))}`);
      }
      expect(wrong, 'what the pages showed, as stored').toEqual([]);
      const sent = final.reduce((a, l) => a + l.sent, 0);
      const failed = final.reduce((a, l) => a + l.failed, 0);
      console.log(
        `service worker test: ${sent} ingest messages (${failed} failed and were retried), ${acked} acknowledged posts checked, ` +
          `${stops.length} stops (${stops.filter((s) => s.pending).length} while posts were coming), ${Date.now() - started} ms`,
      );
      // The content scripts report what they read together in one message (at most one a second per
      // tab, lib/content/run-site.ts REPORT_INTERVAL_MS): 1000 posts over 5 to 10 seconds in 4 tabs.
      expect(sent, 'ingest messages sent').toBeGreaterThanOrEqual(20);
      expect(failed, 'ingests the stops cut off (then retried by the content scripts)').toBeGreaterThanOrEqual(1);
    } finally {
      await h.close();
    }
  });
});

// ---- storage ----------------------------------------------------------------------------------------

const IG_PROFILE = 'https://www.instagram.com/pluto__travel/';
const IG_PROFILE_FILE = 'instagram/instagram-profile-loggedout-2024-12.html';
const stressUrl = (owner: number, posts = 3) => `https://vk.com/club${owner}?posts=${posts}&every=30&start=0`;

/** Local storage without what the extension keeps for the view (the index is derived data). */
const records = (store: Record<string, unknown>) => Object.fromEntries(Object.entries(store).filter(([k]) => k.startsWith('acct:')));

async function badgeText(h: ExtensionHarness): Promise<string> {
  const w = await liveWorker(h);
  return w.evaluate(() => chrome.action.getBadgeText({}));
}

test.describe('storage', () => {
  test('storage full: the "!" badge and a clear message, stored data intact, recovery once there is space', async () => {
    test.setTimeout(150_000);
    const h = await launchExtension({
      [IG_PROFILE]: IG_PROFILE_FILE,
      [stressUrl(9101)]: 'resilience/vk-stress-wall.html',
      [stressUrl(9102)]: 'resilience/vk-stress-wall.html',
    });
    try {
      const reader = await storeReader(h);
      const page = await h.context.newPage();
      await page.goto(IG_PROFILE);
      await expect.poll(async () => Object.keys(await reader.read())).toContain('acct:instagram:pluto__travel');
      const before = records(await reader.read());

      // Storage refuses every write, as Chrome does when the quota is used up.
      await (await liveWorker(h)).evaluate(() => {
        const g = self as unknown as { chrome: typeof chrome; browser?: typeof chrome };
        const area = g.chrome.storage.local as unknown as Record<string, unknown>;
        const full = () => Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
        area.set = full;
        const other = g.browser?.storage?.local as unknown as Record<string, unknown> | undefined;
        if (other && other !== area) other.set = full;
      });
      const vk = await h.context.newPage();
      await vk.goto(stressUrl(9101));
      await expect.poll(() => badgeText(h), { message: 'the toolbar badge' }).toBe('!');
      const tab = await tabIdOf(h, vk);
      const popup = await h.context.newPage();
      await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tab=${tab}`);
      const popupAlert = popup.getByRole('alert').filter({ hasText: 'Storage problem' });
      await expect(popupAlert).toContainText('Storage problem: Storage is full: QUOTA_BYTES quota exceeded.');
      await expect(popupAlert).toContainText('Data already stored is safe; new numbers are not being saved.');
      const dash = await h.context.newPage();
      await dash.goto(`chrome-extension://${h.extensionId}/options.html`);
      await expect(dash.getByRole('alert').filter({ hasText: 'Storage problem' })).toContainText('QUOTA_BYTES quota exceeded');
      await expect(dash.getByTestId('accounts-table')).toContainText('Pluto');
      expect(records(await reader.read()), 'stored data after refused writes').toEqual(before);
      // every reading of the page has been sent, and refused, before there is space again: the
      // page adds its posts in its first 100 ms; readings and reports go at most once a second
      await vk.waitForTimeout(2500);
      expect(records(await reader.read()), 'stored data after refused writes').toEqual(before);

      // Space is freed, and meanwhile the worker was stopped (as after 30 s idle; the stop also
      // takes the test's wrapper away). What the open page showed while storage was full was kept
      // by its content script and is sent again (3, 10, 30 s after the refusal): stored without
      // the page being read again.
      await stopServiceWorkers(await h.context.newCDPSession(vk));
      await expect
        .poll(async () => Object.keys(await reader.read()), { timeout: 45_000, message: 'the refused reading, sent again' })
        .toContain('acct:vk:-9101');
      expect(vk.url(), 'the same page view').toBe(stressUrl(9101));
      // the next reading is stored too, the badge and the messages go
      await vk.goto(stressUrl(9102));
      await expect.poll(async () => Object.keys(await reader.read()), { timeout: 20_000 }).toContain('acct:vk:-9102');
      await expect.poll(() => badgeText(h), { message: 'the badge after recovery' }).toBe('');
      await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tab=${await tabIdOf(h, vk)}`);
      await expect(popup.getByTestId('popup-account')).toBeVisible();
      await expect(popup.getByRole('alert').filter({ hasText: 'Storage problem' })).toHaveCount(0);
      await dash.reload();
      await expect(dash.getByTestId('accounts-table')).toContainText('Stress 9102');
      await expect(dash.getByRole('alert').filter({ hasText: 'Storage problem' })).toHaveCount(0);
      const after = records(await reader.read());
      expect(after['acct:instagram:pluto__travel']).toEqual(before['acct:instagram:pluto__travel']);
    } finally {
      await h.close();
    }
  });

  test('a store the previous version wrote (schema 4) is migrated when the worker starts after the update: nothing lost', async () => {
    const h = await launchExtension({});
    try {
      const reader = await storeReader(h);
      const storage = () => reader.page.evaluate(() => chrome.storage.local.get(null));
      // the fresh install has written its own empty store first
      await expect.poll(async () => (await storage()).meta, { message: 'the fresh store' }).toEqual({ version: 5 });
      // What the previous version left in storage (tests/fixtures/store/store-v4.json, written by the
      // schema-4 store's own functions), then the update: the service worker stops and starts again.
      const v4 = JSON.parse(readFileSync(join(FIXTURES, 'store/store-v4.json'), 'utf8')) as Record<string, unknown>;
      await reader.page.evaluate(async (store) => {
        await chrome.storage.local.clear();
        await chrome.storage.local.set(store);
      }, v4);
      const before = records(await reader.read());
      expect(Object.keys(before).sort()).toEqual(['acct:instagram:atlas', 'acct:instagram:quiet', 'acct:vk:-202']);
      for (const r of Object.values(before)) expect(r).toMatchObject({ v: 4 });
      await stopServiceWorkers(await h.context.newCDPSession(reader.page));
      // The dashboard reads the store itself and reads schema 4 as it is (it sends the worker no
      // message); the popup's question starts the worker, which migrates every account
      // (entrypoints/background.ts), as the update's own start of the worker does.
      const dash = await h.context.newPage();
      await dash.goto(`chrome-extension://${h.extensionId}/options.html`);
      const table = dash.getByTestId('accounts-table');
      for (const name of ['ATLAS', 'QUIET', 'VK -202']) await expect(table).toContainText(name);
      const popup = await h.context.newPage();
      await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
      await expect.poll(async () => (await storage()).meta, { timeout: 20_000, message: 'the migrated store' }).toEqual({ version: 5 });
      const raw = await storage();
      const after = records(await reader.read());
      // every account whole, at schema 5: the same snapshots and posts, with every observation
      const unversioned = (recs: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(recs).map(([k, r]) => [k, { ...(r as object), v: null }]));
      expect(unversioned(after)).toEqual(unversioned(before));
      for (const r of Object.values(after)) expect(r).toMatchObject({ v: 5 });
      // schema 5's layout: the newest posts of a long history in a recent chunk
      expect(Object.keys(raw).filter((k) => k.startsWith('posts:instagram:atlas:'))).toContain('posts:instagram:atlas:r');
      expect(Object.keys(raw).filter((k) => k.startsWith('quarantine:'))).toEqual([]);
      await dash.reload();
      for (const name of ['ATLAS', 'QUIET', 'VK -202']) await expect(table).toContainText(name);
      await expect(dash.getByRole('alert')).toHaveCount(0);
    } finally {
      await h.close();
    }
  });

  test('a corrupted record is set aside, listed on the dashboard, and the other accounts work', async () => {
    const h = await launchExtension({ [IG_PROFILE]: IG_PROFILE_FILE, [stressUrl(9201)]: 'resilience/vk-stress-wall.html' });
    try {
      const reader = await storeReader(h);
      const page = await h.context.newPage();
      await page.goto(IG_PROFILE);
      await page.goto(stressUrl(9201));
      await expect
        .poll(async () => Object.keys(await reader.read()))
        .toEqual(expect.arrayContaining(['acct:instagram:pluto__travel', 'acct:vk:-9201']));
      await expect.poll(async () => Object.keys(((await reader.read())['acct:vk:-9201'] as Rec).p).length).toBe(3);
      const vkBefore = (await reader.read())['acct:vk:-9201'];
      // A damaged record, as a disk error or a bad update could leave it.
      const damaged = { v: 2, platform: 'instagram', id: 'pluto__travel', s: 'not snapshots', p: { x: 1 } };
      await reader.page.evaluate((d) => chrome.storage.local.set({ 'acct:instagram:pluto__travel': d }), damaged);

      const dash = await h.context.newPage();
      await dash.goto(`chrome-extension://${h.extensionId}/options.html#data`);
      await expect(dash.getByTestId('quarantine-table')).toContainText('instagram:pluto__travel');
      await dash.goto(`chrome-extension://${h.extensionId}/options.html#accounts`);
      await expect(dash.getByText(/Records that could not be read were set aside, not deleted: .*instagram:pluto__travel/)).toBeVisible();
      await expect(dash.getByTestId('accounts-table')).toContainText('Stress 9201');

      // The account is visited again: the damaged record is kept aside untouched, a fresh one starts.
      await page.goto(IG_PROFILE);
      await expect
        .poll(async () => Object.keys(await reader.read()).filter((k) => k.startsWith('quarantine:instagram:pluto__travel:')))
        .toHaveLength(1);
      const store = await reader.read();
      const qKey = Object.keys(store).find((k) => k.startsWith('quarantine:')) as string;
      expect((store[qKey] as { value: unknown }).value).toEqual(damaged);
      expect((store['acct:instagram:pluto__travel'] as { s: unknown[][] }).s[0].slice(1)).toEqual([2362, 136, 224]);
      expect(store['acct:vk:-9201']).toEqual(vkBefore);
      const tab = await tabIdOf(h, page);
      const popup = await h.context.newPage();
      await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tab=${tab}`);
      await expect(popup.locator('[data-count="followers"] dd')).toHaveText('2,362');
      await dash.goto(`chrome-extension://${h.extensionId}/options.html#data`);
      await expect(dash.getByTestId('quarantine-table')).toContainText('instagram:pluto__travel');
    } finally {
      await h.close();
    }
  });

  test('a backup of 50 MB imports with a clear result, and nothing stored is lost', async () => {
    test.setTimeout(180_000);
    const t0 = Date.now();
    const file = test.info().outputPath('backup-50mb.json');
    const { bytes, accounts } = writeLargeBackup(file, 50 * 1024 * 1024);
    const made = Date.now() - t0;
    const h = await launchExtension({ [IG_PROFILE]: IG_PROFILE_FILE });
    try {
      const reader = await storeReader(h);
      // one account as a whole record: its head and its post chunks (lib/store/layout.ts)
      const whole = async (key: string) =>
        readableStore(
          await reader.page.evaluate(async (k) => {
            const keys = (await chrome.storage.local.getKeys()).filter((x) => x === `acct:${k}` || x.startsWith(`posts:${k}:`));
            return chrome.storage.local.get(keys);
          }, key),
        )[`acct:${key}`];
      const recordKeys = () =>
        reader.page.evaluate(async () => (await chrome.storage.local.getKeys()).filter((k) => k.startsWith('acct:')));
      const page = await h.context.newPage();
      await page.goto(IG_PROFILE);
      await expect.poll(recordKeys).toContain('acct:instagram:pluto__travel');
      const pluto = await whole('instagram:pluto__travel');

      const dash = await h.context.newPage();
      await dash.goto(`chrome-extension://${h.extensionId}/options.html`);
      const started = Date.now();
      await dash.getByTestId('import-input').setInputFiles(file);
      const handed = Date.now() - started;
      await expect(dash.getByTestId('import-result')).toContainText(`Imported: ${accounts} new accounts, 0 merged with stored ones.`, {
        timeout: 150_000,
      });
      const took = Date.now() - started;
      const keys = await recordKeys();
      const { bytes: used } = await reader.page.evaluate(async () => ({ bytes: await chrome.storage.local.getBytesInUse(null) }));
      console.log(
        `50 MB backup: ${(bytes / 1024 / 1024).toFixed(1)} MB, ${accounts} accounts (written in ${made} ms); import: file handed over in ` +
          `${handed} ms, result shown after ${took} ms; ${keys.length} records, ${(used / 1024 / 1024).toFixed(1)} MB of storage in use`,
      );
      test.info().annotations.push({ type: '50 MB backup import (ms)', description: String(took) });
      expect(took, 'import time of a 50 MB backup').toBeLessThan(120_000);
      expect(keys).toHaveLength(accounts + 1);
      expect(await whole('instagram:pluto__travel')).toEqual(pluto);
      const sample = (await whole('vk:-300007')) as Rec;
      expect(sample.s).toHaveLength(730);
      expect(Object.keys(sample.p)).toHaveLength(150);
      await expect(dash.getByTestId('accounts-table')).toContainText('Pluto');
    } finally {
      await h.close();
    }
  });
});

/**
 * A backup in the export format (docs/export-format.md) of about `target` bytes: VK communities
 * with two years of daily snapshots and 150 posts of 4 observations each.
 */
function writeLargeBackup(path: string, target: number): { bytes: number; accounts: number } {
  const DAY = 86_400_000;
  const end = Date.UTC(2026, 5, 1);
  const iso = (ms: number) => new Date(ms).toISOString();
  const exact = (n: number) => ({ value: n, low: n, high: n, exact: true, raw: String(n) });
  const account = (n: number): BackupAccount => {
    const id = String(-(300_000 + n));
    return {
      platform: 'vk',
      id,
      nativeId: id,
      handle: `club_${n}`,
      name: `Сообщество ${n}`,
      url: `https://vk.com/club${300_000 + n}`,
      kind: 'community',
      isPrivate: null,
      snapshots: Array.from({ length: 730 }, (_, d) => ({
        at: iso(end - (730 - d) * DAY),
        followers: exact(10_000 + n * 10 + d),
        following: null,
        posts: exact(500 + Math.floor(d / 5)),
      })),
      posts: Array.from({ length: 150 }, (_, i) => {
        const at = end - (150 - i) * 4 * DAY;
        return {
          id: `${id}_${i + 1}`,
          url: `https://vk.com/wall${id}_${i + 1}`,
          publishedAt: iso(at),
          kind: 'photo' as const,
          pinned: false,
          likesHidden: false,
          ad: false,
          giveaway: false,
          observations: [1, 2, 3, 4].map((k) => ({
            at: iso(at + k * DAY),
            likes: exact(100 + i + k),
            comments: exact(5 + k),
            shares: exact(k),
            views: exact(2000 + 10 * i + k),
          })),
          comments: [],
        };
      }),
    };
  };
  const one = JSON.stringify(account(0)).length;
  const accounts = Math.ceil(target / one);
  const backup: BackupInput = {
    format: 'smm-lens-backup',
    version: 1,
    exportedAt: iso(end),
    accounts: Array.from({ length: accounts }, (_, n) => account(n)),
  };
  const text = JSON.stringify(backup);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return { bytes: text.length, accounts };
}

// ---- hostile pages ------------------------------------------------------------------------------

const NAME = `<img src=x onerror="window.__smmPwned='name'"> & "Кофе"`;
const CAPTION = `<script>window.__smmPwned='caption'</script><b>жирный</b>`;
const COMMENT = `<svg/onload=window.__smmPwned='comment'>`;

/** Text as HTML writes it (in text and in attribute values). */
const html = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Text inside a JSON string inside a <script> (no "</" can end the script early). */
const jsonInScript = (t: string) => JSON.stringify(t).slice(1, -1).replace(/</g, '\\u003c');

/** Serve a fixture with some of its texts replaced (a route added after launch wins over the harness's). */
async function serve(h: ExtensionHarness, url: string, file: string, edit: (page: string) => string): Promise<void> {
  const body = edit(readFileSync(join(FIXTURES, file), 'utf8'));
  await h.context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
}

function replaceAll(page: string, pairs: Array<[string, string]>): string {
  let out = page;
  for (const [from, to] of pairs) {
    if (!out.includes(from)) throw new Error(`the fixture no longer contains ${JSON.stringify(from)}`);
    out = out.split(from).join(to);
  }
  return out;
}

interface CdpNode {
  nodeType: number;
  nodeName: string;
  localName?: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

/**
 * Nothing of the page's text became markup: in the extension's own nodes (the whole document of an
 * extension page; the shadow roots and elements of the overlay in a site page) no element carries
 * an event handler attribute, no img/svg/script came from text; the page's text is there as text;
 * and nothing ran (window.__smmPwned unset).
 */
async function assertInert(page: Page, cdp: CDPSession, opts: { extensionPage: boolean; mustShow?: string[] }): Promise<void> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const bad: string[] = [];
  const texts: string[] = [];
  const walk = (n: CdpNode, ours: boolean) => {
    const mine = ours || (n.localName ?? '').startsWith('smm-lens');
    if (mine && n.nodeType === 1) {
      const attrs = n.attributes ?? [];
      for (let i = 0; i < attrs.length; i += 2) if (/^on/i.test(attrs[i])) bad.push(`<${n.localName} ${attrs[i]}="${attrs[i + 1]}">`);
      if (n.localName === 'script' && !attrs.includes('src')) bad.push('an inline <script>');
      if (n.localName === 'img' && attrs[attrs.indexOf('src') + 1] === 'x') bad.push('<img src=x>');
    }
    if (mine && n.nodeType === 3 && n.nodeValue) texts.push(n.nodeValue);
    for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c, mine);
  };
  walk(root, opts.extensionPage);
  expect(bad, `markup made from page text in ${page.url()}`).toEqual([]);
  const text = texts.join('');
  for (const t of opts.mustShow ?? []) expect(text, `${page.url()} shows the page's text literally`).toContain(t);
  expect(await page.evaluate(() => (window as unknown as { __smmPwned?: unknown }).__smmPwned)).toBeUndefined();
}

test.describe('hostile pages', () => {
  test('markup and scripts in names, captions and comments are kept and shown as text', async () => {
    test.setTimeout(90_000);
    const VK = 'https://vk.ru/zerno_ru';
    const IG_PROFILE_EN = 'https://www.instagram.com/northwind.coffee/';
    const IG_POST = 'https://www.instagram.com/p/C8qR7tYuI3o/';
    const h = await launchExtension({});
    try {
      await serve(h, VK, 'vk/vk-community-app-2026-07.html', (p) =>
        replaceAll(p, [
          ['Зерно &mdash; кофе и выпечка', jsonInScript(NAME)],
          ['Зерно — кофе и выпечка', html(NAME)],
          ['Мы переехали! Теперь нас можно найти на Садовой, 5.', html(CAPTION)],
        ]),
      );
      await serve(h, IG_PROFILE_EN, 'instagram/synthetic/instagram-profile-en-loggedin-2025-06.html', (p) =>
        replaceAll(p, [['Northwind Coffee', html(NAME)]]),
      );
      await serve(h, IG_POST, 'instagram/synthetic/instagram-post-en-loggedin-2025-06.html', (p) =>
        replaceAll(p, [
          ['Sunrise over the ridge after a 4 a.m. start. Worth every step. #hiking #alps', html(CAPTION)],
          ['Unreal colours!', html(COMMENT)],
        ]),
      );
      const reader = await storeReader(h);
      const pages: Page[] = [];
      for (const url of [VK, IG_PROFILE_EN, IG_POST]) {
        const page = await h.context.newPage();
        await page.goto(url);
        pages.push(page);
      }
      // Stored as the page wrote it: text, whole.
      await expect
        .poll(async () => {
          const s = await reader.read();
          const vk = s['acct:vk:-220011'] as { name: string; p: Record<string, { c?: unknown[] }> } | undefined;
          const ig = s['acct:instagram:northwind.coffee'] as { name: string } | undefined;
          const trails = s['acct:instagram:mountain.trails'] as { p: Record<string, { c?: Array<[string]> }> } | undefined;
          return [vk?.name, ig?.name, trails?.p.C8qR7tYuI3o?.c?.some((c) => c[0] === COMMENT)];
        })
        .toEqual([NAME, NAME, true]);

      // The overlay on the page itself: a post's panel names the account.
      const vkPage = pages[0];
      const vkCdp = await h.context.newCDPSession(vkPage);
      await vkPage.bringToFront();
      await expect(vkPage.locator('smm-lens-account')).toHaveCount(1, { timeout: 20_000 });
      await vkPage.locator('button[smm-lens-badge]').first().click();
      await expect(vkPage.locator('smm-lens-panel')).toHaveCount(1);
      await assertInert(vkPage, vkCdp, { extensionPage: false, mustShow: [NAME] });
      for (const page of pages.slice(1)) await assertInert(page, await h.context.newCDPSession(page), { extensionPage: false });

      // The popup, for the VK tab.
      const popup = await h.context.newPage();
      await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tab=${await tabIdOf(h, vkPage)}`);
      await expect(popup.getByTestId('popup-account')).toContainText(NAME);
      await assertInert(popup, await h.context.newCDPSession(popup), { extensionPage: true, mustShow: [NAME] });

      // The dashboard: the accounts table, and each account's page.
      const dash = await h.context.newPage();
      const dashCdp = await h.context.newCDPSession(dash);
      await dash.goto(`chrome-extension://${h.extensionId}/options.html#accounts`);
      await expect(dash.getByTestId('accounts-table')).toContainText(NAME);
      await assertInert(dash, dashCdp, { extensionPage: true, mustShow: [NAME] });
      for (const key of ['vk:-220011', 'instagram:northwind.coffee', 'instagram:mountain.trails']) {
        await dash.goto(`chrome-extension://${h.extensionId}/options.html#accounts/${encodeURIComponent(key)}`);
        await expect(dash.getByRole('heading', { level: 2 }).first()).toBeVisible();
        await assertInert(dash, dashCdp, { extensionPage: true, mustShow: key === 'instagram:mountain.trails' ? [] : [NAME] });
      }
    } finally {
      await h.close();
    }
  });
});

// ---- a page that breaks JavaScript's built-ins ----------------------------------------------------

type RawCount = number | { value: number; low: number; high: number; exact?: boolean } | null | undefined;
type PackedCount = number | [number, number, number, string] | null;

/** Is a stored count right for the page's true value (or unknown)? Intervals: [low, high). */
function storedCountProblem(what: string, got: PackedCount | undefined, want: RawCount): string | null {
  if (got === null || got === undefined) return null;
  const [gl, gh, gExact] = typeof got === 'number' ? [got, got, true] : [got[1], got[2], false];
  if (want === null || want === undefined) return `${what}: ${JSON.stringify(got)} where the page's value is unknown`;
  const w = typeof want === 'number' ? { low: want, high: want, exact: true } : { ...want, exact: want.exact ?? want.low === want.high };
  const [wl, wh] = w.exact && typeof want !== 'number' ? [want.value, want.value] : [w.low, w.high];
  const ok = gExact ? (w.exact ? gl === wl : gl >= wl && gl < wh) : w.exact ? wl >= gl && wl < gh : gl < wh && wl < gh;
  return ok ? null : `${what}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`;
}

interface ExpectedPage {
  url: string;
  account: { id: string; followers: RawCount; following: RawCount; posts: RawCount } | null;
  posts: Array<{ id: string; authorId: string; likes: RawCount; comments: RawCount; shares: RawCount; views: RawCount }>;
}

/** Everything stored for the accounts of a fixture is one of its values or unknown, and no post is foreign. */
function wrongNumbers(store: Record<string, unknown>, platform: 'vk' | 'instagram', e: ExpectedPage): string[] {
  const out: string[] = [];
  const push = (p: string | null) => p && out.push(p);
  type Stored = { s: Array<[number, PackedCount, PackedCount, PackedCount]>; p: Record<string, { o: Array<[number, ...PackedCount[]]> }> };
  const rec = (id: string) => store[`acct:${platform}:${id}`] as Stored | undefined;
  if (e.account) {
    for (const s of rec(e.account.id)?.s ?? []) {
      push(storedCountProblem('followers', s[1], e.account.followers));
      push(storedCountProblem('following', s[2], e.account.following));
      push(storedCountProblem('posts', s[3], e.account.posts));
    }
  }
  const expected = new Map(e.posts.map((p) => [p.id, p]));
  const owners = new Set([...e.posts.map((p) => p.authorId), ...(e.account ? [e.account.id] : [])]);
  for (const owner of owners) {
    for (const [id, post] of Object.entries(rec(owner)?.p ?? {})) {
      const w = expected.get(id);
      if (!w) {
        out.push(`post ${id} is not on the page`);
        continue;
      }
      for (const o of post.o) {
        push(storedCountProblem(`${id} likes`, o[1], w.likes));
        push(storedCountProblem(`${id} comments`, o[2], w.comments));
        push(storedCountProblem(`${id} shares`, o[3], w.shares));
        push(storedCountProblem(`${id} views`, o[4], w.views));
      }
    }
  }
  return out;
}

const SABOTAGED = [
  { name: 'VK 2025 redesign (views from React props)', platform: 'vk', file: 'vk/vk-community-redesign-2025-03', api: false },
  { name: 'vk.ru 2026 app (apiPrefetchCache)', platform: 'vk', file: 'vk/vk-community-app-2026-07', api: false },
  {
    name: 'Instagram profile (page JSON, the page loading more)',
    platform: 'instagram',
    file: 'instagram/synthetic/instagram-profile-ru-loggedin-2025-06',
    api: true,
  },
] as const;

for (const mode of ['throwing', 'lying'] as const) {
  test(`a page whose built-ins are ${mode === 'throwing' ? 'broken (they throw)' : 'redefined to give wrong answers'}: no error, no wrong number, the page keeps working`, async () => {
    test.setTimeout(90_000);
    const sabotage = readFileSync(join(FIXTURES, `hostile/sabotage-${mode}.js`), 'utf8');
    const h = await launchExtension({});
    try {
      const API = 'https://www.instagram.com/api/v1/feed/user/48211735902/?count=12';
      await h.context.route('https://www.instagram.com/api/v1/feed/user/**', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: '{"items":[{"id":"a"},{"id":"b"}],"more_available":false}' }),
      );
      const reader = await storeReader(h);
      for (const s of SABOTAGED) {
        const expected: ExpectedPage = JSON.parse(readFileSync(join(FIXTURES, `${s.file}.expected.json`), 'utf8'));
        await serve(h, expected.url, `${s.file}.html`, (p) => {
          const withApi = s.api ? p.replace('<html', `<html data-page-api="${API}"`) : p;
          return withApi.replace('</body>', `<script>${sabotage}</script></body>`);
        });
        const page = await h.context.newPage();
        await page.goto(expected.url);
        // The page's own code still works: what it loaded after breaking its built-ins is in the document.
        await expect(page.locator('html')).toHaveAttribute('data-page-check', s.api ? 'fetch 2 xhr 2' : 'ok');
        const key = `acct:${s.platform}:${expected.account?.id}`;
        await expect.poll(async () => Object.keys(await reader.read()), { message: `${s.name}: the account is stored` }).toContain(key);
        await page.waitForTimeout(600); // readings the helper's answers may add
        expect(wrongNumbers(await reader.read(), s.platform, expected), `${s.name}: stored numbers right or unknown`).toEqual([]);
        await page.close();
      }
    } finally {
      await h.close();
    }
  });
}

// ---- the checks themselves ------------------------------------------------------------------------

test('the checks can fail: errors, requests and markup from the extension are caught', async () => {
  const h = await launchExtension({ [stressUrl(9301)]: 'resilience/vk-stress-wall.html' });
  try {
    const page = await h.context.newPage();
    await page.goto(stressUrl(9301));
    // Code that runs as the content script does (its script URL is the extension's).
    const world = await isolatedWorld(h, page);
    const asContentScript = (code: string) =>
      world.evaluate(`${code}\n//# sourceURL=chrome-extension://${h.extensionId}/content-scripts/probe.js`);
    await asContentScript(`console.error('probe: an error of the content script')`);
    await asContentScript(`setTimeout(() => { throw new Error('probe: uncaught in the content script'); }, 0)`);
    await asContentScript(`fetch('https://example.com/from-content-script').catch(() => 0)`);
    await (await liveWorker(h)).evaluate(() => {
      console.error('probe: an error of the service worker');
      setTimeout(() => {
        throw new Error('probe: uncaught in the service worker');
      }, 0);
      fetch('https://example.com/from-worker').catch(() => 0);
    });
    await expect
      .poll(() => h.extensionErrors.join('\n'))
      .toMatch(
        /an error of the content script[\s\S]*uncaught in the content script|uncaught in the content script[\s\S]*an error of the content script/,
      );
    await expect.poll(() => h.extensionErrors.join('\n')).toContain('an error of the service worker');
    await expect.poll(() => h.extensionErrors.join('\n')).toContain('uncaught in the service worker');
    await expect
      .poll(() => [...h.extensionRequests].sort())
      .toEqual(['https://example.com/from-content-script', 'https://example.com/from-worker']);
    // The page's own errors and requests are not the extension's.
    await page.evaluate(() => {
      console.error('the page itself');
      fetch('https://example.com/from-the-page').catch(() => 0);
    });
    await page.waitForTimeout(300);
    expect(h.extensionErrors.join('\n')).not.toContain('the page itself');
    expect(h.extensionRequests).not.toContain('https://example.com/from-the-page');

    // assertInert sees markup made from text.
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
    await popup.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { src: 'x' })));
    let caught = '';
    await assertInert(popup, await h.context.newCDPSession(popup), { extensionPage: true }).catch((e: Error) => {
      caught = e.message;
    });
    expect(caught).toContain('<img src=x>');
  } finally {
    await h.close({ check: false });
  }
});
