/**
 * The in-page overlay end to end, in Chromium with the built extension, on fixture pages at their
 * real URLs: post badges with hand-computed numbers, the account badge, panels by keyboard, no
 * layout shift, in-app navigation leaving nothing behind, the per-site setting, no request and no
 * console error from the extension. The run saves screenshots of the overlay and the popup in both
 * languages and both themes into docs/screenshots/, and measures the popup's time to numbers.
 *
 * History is prepared by writing account records (built with the store's own functions) into the
 * extension's storage before the visit, as an import would; the visit then adds today's numbers.
 * The fixtures carry no site CSS: tests/e2e/site-styles.ts stands in for it.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { VK_URL as LONG_WALL, vkPage } from '../../bench/pages/vk';
import type { AccountObservation, PostObservation } from '../../lib/model';
import { applyAccount, applyPost, newRecord } from '../../lib/store/history';
import type { AccountRecord } from '../../lib/store/records';
import { type ExtensionHarness, expect, launchExtension, tabIdOf, test, waitForStorage } from './fixtures';
import { INSTAGRAM_CSS, VK_CSS } from './site-styles';

const SHOTS = resolve('docs/screenshots');
mkdirSync(SHOTS, { recursive: true });

const IG_RU = 'https://www.instagram.com/kofeynya_utro/';
const IG_EN = 'https://www.instagram.com/northwind.coffee/';
const IG_PRIVATE = 'https://www.instagram.com/quiet.harbor/';
const IG_FEED = 'https://www.instagram.com/';
const VK_APP = 'https://vk.ru/zerno_ru';
const ROUTES = {
  [IG_RU]: 'instagram/synthetic/instagram-profile-ru-loggedin-2025-06.html',
  [IG_EN]: 'instagram/synthetic/instagram-profile-en-loggedin-2025-06.html',
  [IG_PRIVATE]: 'instagram/synthetic/instagram-profile-private-en-loggedin-2025-06.html',
  [IG_FEED]: 'instagram/synthetic/instagram-feed-en-loggedin-2025-06.html',
  [VK_APP]: 'vk/vk-community-app-2026-07.html',
};

const DAY = 86_400_000;
const exact = (v: number) => ({ value: v, low: v, high: v, exact: true, raw: String(v) });
const sec = (ms: number) => Math.floor(ms / 1000);

function igAccount(followers: number): AccountObservation {
  return {
    platform: 'instagram',
    id: 'kofeynya_utro',
    nativeId: '48211735902',
    handle: 'kofeynya_utro',
    name: 'Кофейня «Утро»',
    url: IG_RU,
    kind: 'user',
    followers: exact(followers),
    following: exact(58),
    posts: exact(342),
    isPrivate: false,
  };
}

/** kofeynya_utro seen 30, 14, 7 and 1 day(s) before today: 93 000, 95 600, 96 500, 97 100 followers. */
function igHistory(now: number): AccountRecord {
  const rec = newRecord('instagram', 'kofeynya_utro', sec(now - 30 * DAY));
  for (const [days, f] of [
    [30, 93_000],
    [14, 95_600],
    [7, 96_500],
    [1, 97_100],
  ])
    applyAccount(rec, igAccount(f), sec(now - days * DAY));
  return rec;
}

function vkAccount(followers: number): AccountObservation {
  return {
    platform: 'vk',
    id: '-220011',
    nativeId: '-220011',
    handle: 'zerno_ru',
    name: 'Зерно — кофе и выпечка',
    url: VK_APP,
    kind: 'community',
    followers: exact(followers),
    following: null,
    posts: exact(321),
    isPrivate: null,
  };
}

/** zerno_ru seen 30, 8 and 1 day(s) ago, with ten earlier posts of exactly 100 reactions each (90 + 6 + 4). */
function vkHistory(now: number): AccountRecord {
  const rec = newRecord('vk', '-220011', sec(now - 30 * DAY));
  for (const [days, f] of [
    [30, 11_800],
    [8, 12_100],
    [1, 12_300],
  ])
    applyAccount(rec, vkAccount(f), sec(now - days * DAY));
  for (let i = 0; i < 10; i++) {
    const published = now - (3 + i * 3) * DAY;
    const post: PostObservation = {
      platform: 'vk',
      id: `-220011_${500 + i}`,
      url: `https://vk.ru/wall-220011_${500 + i}`,
      authorId: '-220011',
      authorHandle: 'zerno_ru',
      authorName: 'Зерно — кофе и выпечка',
      publishedAt: new Date(published).toISOString(),
      kind: 'photo',
      likes: exact(90),
      comments: exact(6),
      shares: exact(4),
      views: exact(2000),
      pinned: false,
      likesHidden: false,
      ad: false,
      caption: null,
      commentsSample: [],
    };
    applyPost(rec, post, sec(published + 2 * DAY));
  }
  return rec;
}

/** Write records as an import would (the index is rebuilt from them). */
async function seed(h: ExtensionHarness, records: AccountRecord[]) {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
  await page.evaluate(async (recs) => {
    const values: Record<string, unknown> = {};
    for (const r of recs) values[`acct:${r.platform}:${r.id}`] = r;
    await chrome.storage.local.set(values);
    await chrome.storage.local.remove('index');
  }, records);
  await page.close();
}

async function setOverlay(h: ExtensionHarness, overlay: { vk: boolean; instagram: boolean }) {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
  await page.evaluate(async (o) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings ?? {}), overlay: o } });
  }, overlay);
  await page.close();
}

/** A tab at `url` with the stand-in site styles, recording the extension's console errors. */
async function open(h: ExtensionHarness, url: string, css: string, errors: string[] = []): Promise<Page> {
  const page = await h.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.addInitScript((text) => {
    document.addEventListener('DOMContentLoaded', () => {
      const s = document.createElement('style');
      s.textContent = text;
      document.head.append(s);
    });
  }, css);
  page.on('console', (m) => {
    const from = m.location().url ?? '';
    if (m.type() === 'error' && (from.startsWith('chrome-extension://') || m.text().includes('SMM Lens'))) errors.push(m.text());
  });
  page.on('pageerror', (e) => {
    if (String(e.stack ?? '').includes('chrome-extension://')) errors.push(e.message);
  });
  await page.goto(url);
  return page;
}

/** post id (from the badge's host) -> badge label. */
async function badges(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const b of document.querySelectorAll('smm-lens-anchor > button[smm-lens-badge]')) {
      const host = b.parentElement?.parentElement;
      if (!host) continue;
      const href = host.localName === 'a' ? host.getAttribute('href') : null;
      const id = host.getAttribute('data-post-id') ?? /\/(?:p|reel)\/([A-Za-z0-9_-]+)/.exec(href ?? '')?.[1] ?? '?';
      out[id] = b.getAttribute('smm-lens-label') ?? '';
    }
    return out;
  });
}

interface CdpNode {
  nodeType: number;
  localName?: string;
  nodeValue?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

/** The text inside the (closed) shadow roots of `tag` elements, read through the DevTools protocol. */
async function shadowText(cdp: CDPSession, tag: string): Promise<string> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const texts: string[] = [];
  const collect = (n: CdpNode) => {
    if (n.localName === 'style') return;
    if (n.nodeType === 3 && n.nodeValue) texts.push(n.nodeValue);
    for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) collect(c);
  };
  const find = (n: CdpNode) => {
    if (n.localName === tag) for (const s of n.shadowRoots ?? []) collect(s);
    for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) find(c);
  };
  find(root);
  // the protocol leaves out whitespace-only text nodes: join with spaces
  return texts.join(' ').replace(/\s+/g, ' ');
}

const added = (page: Page) => page.locator('smm-lens-anchor, smm-lens-panel, smm-lens-account, style[smm-lens-style]').count();

/** Every element of the page (not ours) with its box, to compare with and without the overlay. */
async function boxes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('article, main header, a[href*="/p/"], a[href*="/reel/"], [data-post-id], [data-post-id] *, main *')]
      .filter((el) => !el.closest('smm-lens-anchor'))
      .slice(0, 800)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return `${el.localName}:${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)}x${Math.round(r.height)}`;
      }),
  );
}

test.describe('overlay on Instagram', () => {
  test('post badges with hand-computed numbers, the account badge, keyboard panels, no layout shift', async () => {
    const h = await launchExtension(ROUTES);
    const errors: string[] = [];
    try {
      await seed(h, [igHistory(Date.now())]);
      const page = await open(h, IG_RU, INSTAGRAM_CSS, errors);
      await expect(page.locator('button[smm-lens-badge]')).toHaveCount(9);
      await expect
        .poll(() => badges(page))
        .toMatchObject({
          // followers nearest to publishing (May 2025): the oldest stored visit, 93 000; median reactions 775
          C8kLm2NoP4q: 'ER 5.6 % · 6.7×', // (5120 + 88) / 93 000 = 5.60 %; 5208 / 775 = 6.72
          C8jKl1MnO3p: 'ER 0.83 % · 1×', // 775 / 93 000
          C8dEf5GhI7j: 'ER 0.44 % · 0.53×', // 410 / 93 000; 410 / 775
          C7hQw3ErT5y: 'ER 3.2 % · 3.9× · pinned', // 2997 / 93 000; pinned: not in the sample
          C8iJk0LmN2o: 'Likes hidden',
        });
      // the account badge (closed shadow root: read through the DevTools protocol)
      const cdp = await h.context.newCDPSession(page);
      await expect.poll(() => shadowText(cdp, 'smm-lens-account')).toContain('ER 0.83 %');
      const account = await shadowText(cdp, 'smm-lens-account');
      expect(account).toContain('median of 7 posts');
      expect(account).toContain('Avg. likes 1,713'); // (5120 + 734 + 1203 + 512 + 3377 + 645 + 401) / 7
      expect(account).toContain('Since last visit +0.32 %'); // 97 100 -> 97 412: +312
      expect(account).toContain('30 days +4.7 %'); // 93 000 -> 97 412: +4 412

      // no layout shift: every box of the page is where it is without the overlay
      const withOverlay = await boxes(page);
      await setOverlay(h, { vk: true, instagram: false });
      await expect.poll(() => added(page)).toBe(0);
      expect(await boxes(page)).toEqual(withOverlay);
      await setOverlay(h, { vk: true, instagram: true });
      await expect(page.locator('button[smm-lens-badge]')).toHaveCount(9);
      await expect.poll(() => shadowText(cdp, 'smm-lens-account')).toContain('ER 0.83 %');
      await page.screenshot({ path: `${SHOTS}/overlay-instagram-en-light.png` });

      // a post badge never blocks the page beneath it except where it is drawn
      const tile = page.locator('a[href*="C8jKl1MnO3p"]');
      const badge = tile.locator('button[smm-lens-badge]');
      const tb = await tile.boundingBox();
      const bb = await badge.boundingBox();
      if (!tb || !bb) throw new Error('no boxes');
      expect(bb.x).toBeGreaterThanOrEqual(tb.x);
      expect(bb.y).toBeGreaterThanOrEqual(tb.y);
      const beneath = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x, y)?.closest('a')?.getAttribute('href'),
        [tb.x + tb.width / 2, tb.y + tb.height - 10],
      );
      expect(beneath).toContain('C8jKl1MnO3p');

      // keyboard: the post badge is a button; Enter opens the panel, Escape closes it, focus returns
      await badge.focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('smm-lens-panel')).toHaveCount(1);
      expect(await page.evaluate(() => document.activeElement?.localName)).toBe('smm-lens-panel');
      // 775 / 93 000 = 0.83 %, with its formula
      await expect.poll(() => shadowText(cdp, 'smm-lens-panel')).toContain('Post ER 0.83 %');
      expect(await shadowText(cdp, 'smm-lens-panel')).toContain('(likes + comments) / followers near the publish date × 100 %');
      expect(page.url()).toBe(IG_RU); // the tile's link was not followed
      await page.keyboard.press('Escape');
      await expect(page.locator('smm-lens-panel')).toHaveCount(0);
      expect(await badge.evaluate((b) => b === document.activeElement)).toBe(true);

      // keyboard: Tab reaches the account badge (inside the header), Enter opens the account panel
      await page.locator('header a[href="/kofeynya_utro/following/"]').focus();
      for (let i = 0; i < 12 && (await page.evaluate(() => document.activeElement?.localName)) !== 'smm-lens-account'; i++)
        await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.localName)).toBe('smm-lens-account');
      await page.keyboard.press('Enter');
      await expect(page.locator('smm-lens-panel')).toHaveCount(1);
      const panel = await shadowText(cdp, 'smm-lens-panel');
      expect(panel).toContain('ER by followers (median)');
      expect(panel).toContain('median over 7 posts of (likes + comments) / followers × 100 %');
      expect(panel).toContain('Last 30 days');
      expect(panel).toContain('Where the numbers come from');
      await page.screenshot({ path: `${SHOTS}/overlay-instagram-panel-en-light.png` });
      await page.keyboard.press('Escape');
      await expect(page.locator('smm-lens-panel')).toHaveCount(0);
      expect(await page.evaluate(() => document.activeElement?.localName)).toBe('smm-lens-account');

      expect(h.extensionRequests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await h.close();
    }
  });

  test('in-app navigation leaves nothing behind; the next page gets its own overlay', async () => {
    const h = await launchExtension(ROUTES);
    const errors: string[] = [];
    try {
      await seed(h, [igHistory(Date.now())]);
      const page = await open(h, IG_RU, INSTAGRAM_CSS, errors);
      await expect(page.locator('button[smm-lens-badge]')).toHaveCount(9);
      await page.locator('button[smm-lens-badge]').first().click();
      await expect(page.locator('smm-lens-panel')).toHaveCount(1);
      // as Instagram does it: pushState, then the next page rendered into the document
      const { readFileSync } = await import('node:fs');
      const html = readFileSync(resolve('tests/fixtures', ROUTES[IG_PRIVATE]), 'utf8');
      await page.evaluate(
        ([to, text]) => {
          history.pushState({}, '', to);
          const next = new DOMParser().parseFromString(text, 'text/html');
          const keep = document.querySelector('style:not([smm-lens-style])');
          document.body.replaceWith(document.importNode(next.body, true));
          if (keep) document.head.append(keep);
        },
        [IG_PRIVATE, html],
      );
      await expect(page.locator('smm-lens-panel')).toHaveCount(0);
      await expect(page.locator('button[smm-lens-badge]')).toHaveCount(0);
      // the private account: its own badge, no number it does not have
      const cdp = await h.context.newCDPSession(page);
      await expect.poll(() => shadowText(cdp, 'smm-lens-account'), { timeout: 15_000 }).toContain('ER unknown');
      expect(await shadowText(cdp, 'smm-lens-account')).not.toContain('kofeynya');
      expect(h.extensionRequests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await h.close();
    }
  });

  test('the feed: several authors at once, unknown ER said so, the ad marked', async () => {
    const h = await launchExtension(ROUTES);
    try {
      const page = await open(h, IG_FEED, INSTAGRAM_CSS);
      await expect(page.locator('button[smm-lens-badge]')).toHaveCount(5);
      await expect
        .poll(() => page.locator('button[smm-lens-badge]').evaluateAll((bs) => bs.map((b) => b.getAttribute('smm-lens-label'))))
        .toEqual(['ER ?', 'ER ?', 'Likes hidden', 'Ad · not counted', 'ER ?']);
      expect(await page.locator('button[smm-lens-badge]').first().getAttribute('smm-lens-tip')).toContain('Follower count not seen yet');
      expect(h.extensionRequests).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

test.describe('overlay on VK', () => {
  test('wall posts badged by data-post-id, the community badge, the site setting', async () => {
    const h = await launchExtension(ROUTES);
    const errors: string[] = [];
    try {
      await seed(h, [vkHistory(Date.now())]);
      const page = await open(h, VK_APP, VK_CSS, errors);
      await expect(page.locator('button[smm-lens-badge]')).toHaveCount(4);
      const labels = await badges(page);
      // pinned post of 12 July: 1234 + 56 + 17 = 1307 reactions / 11 800 followers (the visit nearest to it) = 11.1 %;
      // the sample's median is 100 (ten stored posts of 100), so 13.1×, far above the usual (↑)
      expect(labels['-220011_512']).toBe('ER 11.1 % · 13.1× ↑ · pinned');
      expect(Object.keys(labels).sort()).toEqual(['-220011_512', '-220011_513', '-220011_514', '-220011_515']);
      const cdp = await h.context.newCDPSession(page);
      await expect.poll(() => shadowText(cdp, 'smm-lens-account')).toMatch(/ER \d\.\d+ %/);
      // the wall's posts are block boxes: their anchors go into the flow (each its badge's containing
      // block, so the page's layouts need not carry the badges up to the top), and no box of the page moves
      await expect.poll(() => page.locator('[data-post-id] > smm-lens-anchor[smm-lens-flow]').count()).toBe(4);
      const post = page.locator('[data-post-id="-220011_513"]');
      const pb = await post.boundingBox();
      const bb = await post.locator('button[smm-lens-badge]').boundingBox();
      if (!pb || !bb) throw new Error('no boxes');
      expect(bb.x).toBeGreaterThanOrEqual(pb.x);
      expect(bb.y).toBeGreaterThanOrEqual(pb.y);
      expect(bb.x + bb.width).toBeLessThanOrEqual(pb.x + pb.width);
      expect(bb.y + bb.height).toBeLessThanOrEqual(pb.y + pb.height);
      const withOverlay = await boxes(page);
      // turning VK off removes the overlay at once; on brings it back
      await setOverlay(h, { vk: false, instagram: true });
      await expect.poll(() => added(page)).toBe(0);
      expect(await boxes(page)).toEqual(withOverlay);
      await setOverlay(h, { vk: true, instagram: true });
      await expect(page.locator('button[smm-lens-badge]')).toHaveCount(4);
      expect(h.extensionRequests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await h.close();
    }
  });

  test('a long wall scrolled down and back up: badges only within a few screens, made again where the user is', async () => {
    const h = await launchExtension(ROUTES);
    const errors: string[] = [];
    try {
      // the benchmark's wall (bench/pages/vk.ts): 150 posts appended by its own infinite scroll,
      // 10 every 60 ms, each batch scrolled to
      const total = 150;
      await h.context.route(LONG_WALL, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: vkPage(total, 60) }),
      );
      const page = await open(h, LONG_WALL, '', errors);
      await page.waitForFunction(() => (window as unknown as { __benchDone?: unknown }).__benchDone, null, { timeout: 20_000 });
      const ids = await page.evaluate(() =>
        [...document.querySelectorAll('[data-post-id]')].map((p) => p.getAttribute('data-post-id') ?? ''),
      );
      expect(ids).toHaveLength(total);
      const first = ids[0];
      const last = ids[ids.length - 1];
      // at the bottom: the last post badged; the first ones, screens above, not
      await expect.poll(async () => Object.keys(await badges(page)), { timeout: 15_000 }).toContain(last);
      const atBottom = await badges(page);
      const anchors = () => page.locator('smm-lens-anchor > button[smm-lens-badge]').count();
      expect(atBottom[first]).toBeUndefined();
      // the window: a screen and a half above and below the 900 px viewport (posts of about 200 px)
      expect(await anchors()).toBeLessThanOrEqual(30);
      // back to the top: the first post badged again, the bottom ones taken off
      await page.evaluate(() => window.scrollTo(0, 0));
      await expect.poll(async () => Object.keys(await badges(page)), { timeout: 10_000 }).toContain(first);
      await expect.poll(async () => Object.keys(await badges(page))).not.toContain(last);
      expect(await anchors()).toBeLessThanOrEqual(30);
      // every post was read and stored, badged or not
      await waitForStorage(h, (st) => Object.keys((st['acct:vk:-998877'] as { p?: object } | undefined)?.p ?? {}).length === total);
      expect(errors).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

/** Screenshots in both languages and both themes, and the popup's time to numbers. */
for (const locale of ['en-US', 'ru-RU'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    const lang = locale.slice(0, 2);
    test(`screenshots and popup timing: ${lang}, ${scheme}`, async () => {
      const h = await launchExtension(ROUTES, { locale, colorScheme: scheme });
      try {
        const now = Date.now();
        await seed(h, [igHistory(now), vkHistory(now)]);
        const ig = await open(h, IG_RU, INSTAGRAM_CSS);
        await expect(ig.locator('button[smm-lens-badge]')).toHaveCount(9);
        const cdp = await h.context.newCDPSession(ig);
        await expect.poll(() => shadowText(cdp, 'smm-lens-account')).toContain('ER 0');
        await ig.waitForTimeout(800); // the answer after the store's acknowledgement
        if (!(lang === 'en' && scheme === 'light')) await ig.screenshot({ path: `${SHOTS}/overlay-instagram-${lang}-${scheme}.png` });
        await ig.locator('button[smm-lens-badge]').nth(1).click();
        await expect(ig.locator('smm-lens-panel')).toHaveCount(1);
        await ig.waitForTimeout(100);
        await ig.screenshot({ path: `${SHOTS}/overlay-instagram-post-panel-${lang}-${scheme}.png` });

        const vk = await open(h, VK_APP, VK_CSS);
        await expect(vk.locator('button[smm-lens-badge]')).toHaveCount(4);
        const vcdp = await h.context.newCDPSession(vk);
        await expect.poll(() => shadowText(vcdp, 'smm-lens-account')).toContain('ER');
        await vk.waitForTimeout(800);
        await vk.screenshot({ path: `${SHOTS}/overlay-vk-${lang}-${scheme}.png` });

        // the popup for the Instagram tab: open it three times, the first one cold
        const tabId = await tabIdOf(h, ig);
        const times: number[] = [];
        for (let i = 0; i < 3; i++) {
          const popup = await h.context.newPage();
          await popup.setViewportSize({ width: 420, height: 900 });
          await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tab=${tabId}`);
          await expect(popup.getByTestId('popup-headline')).toBeVisible();
          await expect.poll(() => popup.evaluate(() => performance.getEntriesByName('smm-popup-shown').length)).toBe(1);
          times.push(await popup.evaluate(() => performance.getEntriesByName('smm-popup-shown')[0].startTime));
          if (i === 2) {
            await expect(popup.getByTestId('popup-er')).toHaveText(lang === 'ru' ? '0,83 %' : '0.83 %');
            await popup.screenshot({ path: `${SHOTS}/popup-${lang}-${scheme}.png`, fullPage: true });
          }
          await popup.close();
        }
        test.info().annotations.push({ type: 'popup time to numbers (ms)', description: times.map((t) => t.toFixed(0)).join(', ') });
        console.log(`popup time to numbers (${lang}, ${scheme}): ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
        // The target is 150 ms from opening (issue 8). On this shared 2-core machine the figure moves
        // with the load (see docs/overlay.md); the test guards against a regression well past it.
        expect(Math.min(...times)).toBeLessThanOrEqual(300);
        // elsewhere: the recent accounts
        const elsewhere = await h.context.newPage();
        await elsewhere.setViewportSize({ width: 420, height: 600 });
        await elsewhere.goto(`chrome-extension://${h.extensionId}/popup.html?tab=999999`);
        await expect(elsewhere.getByTestId('popup-recent')).toBeVisible();
        await elsewhere.screenshot({ path: `${SHOTS}/popup-recent-${lang}-${scheme}.png`, fullPage: true });
        expect(h.extensionRequests).toEqual([]);
      } finally {
        await h.close();
      }
    });
  }
}

test('what the overlay costs the page: main-thread time with the overlay on and off, alternating', async () => {
  const h = await launchExtension(ROUTES);
  try {
    await seed(h, [igHistory(Date.now())]);
    const runs: Record<'on' | 'off', { task: number; script: number }[]> = { on: [], off: [] };
    for (const mode of ['off', 'on', 'off', 'on', 'off', 'on'] as const) {
      await setOverlay(h, { vk: true, instagram: mode === 'on' });
      const page = await h.context.newPage();
      const cdp = await h.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(IG_RU);
      if (mode === 'on') await expect(page.locator('button[smm-lens-badge]')).toHaveCount(9);
      await page.waitForTimeout(1500);
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const m = (n: string) => (metrics.find((x) => x.name === n)?.value ?? 0) * 1000;
      runs[mode].push({ task: m('TaskDuration'), script: m('ScriptDuration') });
      await page.close();
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const on = { task: med(runs.on.map((r) => r.task)), script: med(runs.on.map((r) => r.script)) };
    const off = { task: med(runs.off.map((r) => r.task)), script: med(runs.off.map((r) => r.script)) };
    const line = `overlay cost on the profile page (median of 3): task ${off.task.toFixed(0)} -> ${on.task.toFixed(0)} ms, script ${off.script.toFixed(0)} -> ${on.script.toFixed(0)} ms`;
    console.log(line);
    test.info().annotations.push({ type: 'overlay cost', description: line });
    // drawing nine badges and the account badge: tens of milliseconds at most, never a long task's worth
    expect(on.script - off.script).toBeLessThan(50);
  } finally {
    await h.close();
  }
});
