/**
 * Views, with the big store in place: the popup (popup.html?tab=<id> for a tab showing a stored
 * account's profile) from navigation start to the account's numbers on screen, and the dashboard
 * (options.html) from navigation start to the accounts table listing every account.
 *
 * "On screen" is measured inside the page: a MutationObserver installed before the page's own
 * scripts notes performance.now() (ms since navigation start) when the marker appears, then waits
 * for the next animation frame and a task after it (the frame that shows it was produced).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BenchBrowser } from './lib/browser';
import { accountSpecs } from './lib/generate';
import { median, percentile, round, sleep } from './lib/stats';
import { FIXED_ACCOUNTS } from './store';

/**
 * What counts as "the numbers are shown". The first marker found wins; markers are tried in this
 * order, so a redesigned popup can add its own without breaking older ones.
 */
export const POPUP_MARKERS = [
  '[data-testid="popup-numbers"]',
  '[data-count="followers"] dd',
  '[data-count="followers"]',
  '[data-metric="followers"]',
];
export const TABLE_MARKER = '[data-testid="accounts-table"]';

export interface ViewTiming {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  /** DOM time (marker inserted), before the frame */
  domMedian: number;
  marker: string | null;
}

export interface ViewsResult {
  popup: ViewTiming & { account: string };
  /** the popup opened after the service worker was stopped (as Chrome does after 30 s idle); older results lack it */
  popupColdWorker?: ViewTiming;
  dashboard: ViewTiming & { rows: number; firstRowsMedian: number | null; allRowsReached: boolean };
}

/** Installed before the page's scripts: notes when `check` first holds, and the frame after it. */
function observerScript(kind: 'popup' | 'table', markers: string[], expectedRows: number): string {
  return `(() => {
  const out = { dom: null, painted: null, marker: null, rows: 0, firstRows: null };
  window.__benchView = out;
  const markers = ${JSON.stringify(markers)};
  const done = () => {
    if (out.dom !== null) return;
    out.dom = performance.now();
    requestAnimationFrame(() => setTimeout(() => { out.painted = performance.now(); obs.disconnect(); }, 0));
  };
  const check = () => {
    if (out.dom !== null) return;
    if (${JSON.stringify(kind)} === 'popup') {
      for (const m of markers) {
        const el = document.querySelector(m);
        if (el && /\\d/.test(el.textContent || '')) { out.marker = m; done(); return; }
      }
    } else {
      const table = document.querySelector(markers[0]);
      if (!table) return;
      const rows = table.querySelectorAll('tbody tr').length;
      out.rows = rows;
      if (rows > 0 && out.firstRows === null) out.firstRows = performance.now();
      if (rows >= ${expectedRows}) { out.marker = markers[0]; done(); }
    }
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true, characterData: true });
})();`;
}

interface Observed {
  dom: number | null;
  painted: number | null;
  marker: string | null;
  rows: number;
  firstRows: number | null;
}

async function openAndTime(b: BenchBrowser, url: string, script: string, timeoutMs: number): Promise<Observed> {
  const page = await b.context.newPage();
  try {
    await page.addInitScript(script);
    await page.goto(url);
    const start = Date.now();
    for (;;) {
      const o = (await page.evaluate(() => (window as unknown as { __benchView: unknown }).__benchView)) as Observed;
      if (o.painted !== null || Date.now() - start > timeoutMs) return o;
      await sleep(50);
    }
  } finally {
    await page.close();
  }
}

function timing(obs: Observed[]): ViewTiming {
  const ok = obs.filter((o) => o.painted !== null).map((o) => o.painted as number);
  const dom = obs.filter((o) => o.dom !== null).map((o) => o.dom as number);
  return {
    n: ok.length,
    median: round(median(ok)),
    p95: round(percentile(ok, 95)),
    min: round(Math.min(...ok)),
    max: round(Math.max(...ok)),
    domMedian: round(median(dom)),
    marker: obs.find((o) => o.marker)?.marker ?? null,
  };
}

/**
 * Wait until extension storage answers a small read at once (twice): a page closed while it was
 * reading every record (the dashboard's idle scan) leaves the browser busy serving that read, and
 * the next page's reads would wait behind it.
 */
async function storageQuiet(b: BenchBrowser, maxMs = 60_000): Promise<number> {
  const page = await b.context.newPage();
  const t0 = Date.now();
  try {
    await page.goto(`chrome-extension://${b.extensionId}/_locales/en/messages.json`);
    let quick = 0;
    while (quick < 2 && Date.now() - t0 < maxMs) {
      const ms = await page.evaluate(async () => {
        const s = performance.now();
        await chrome.storage.local.get('meta');
        return performance.now() - s;
      });
      quick = ms < 50 ? quick + 1 : 0;
      if (quick < 2) await sleep(200);
    }
  } finally {
    await page.close();
  }
  return Date.now() - t0;
}

/** The tab id of a page, from the content script's answer (as tests/e2e/fixtures.ts tabIdOf). */
async function tabIdOf(b: BenchBrowser, url: string): Promise<number> {
  const worker = b.worker;
  if (!worker) throw new Error('no service worker');
  for (let attempt = 0; attempt < 40; attempt++) {
    const id = await worker.evaluate(async (target) => {
      const tabs = await chrome.tabs.query({});
      for (const tab of tabs) {
        if (tab.id === undefined) continue;
        try {
          const reply = await chrome.tabs.sendMessage(tab.id, { id: 1, type: 'getPageState', data: undefined, timestamp: Date.now() });
          if (reply?.res?.url === target && reply?.res?.accountKey) return tab.id;
        } catch {
          // no content script in that tab
        }
      }
      return -1;
    }, url);
    if (id >= 0) return id;
    await sleep(250);
  }
  throw new Error(`no content script reported an account for ${url}`);
}

export async function measureViews(
  b: BenchBrowser,
  o: { accounts: number; popupRuns: number; dashboardRuns: number; log: (s: string) => void },
): Promise<ViewsResult> {
  // A stored Instagram account (not the overhead page's), its profile open in a tab: the fixture's page with its handle.
  const spec = accountSpecs({ accounts: o.accounts, days: 1, now: Date.now(), fixed: FIXED_ACCOUNTS }).find(
    (s, i) => i >= FIXED_ACCOUNTS.length && s.platform === 'instagram',
  );
  if (!spec) throw new Error('no generated Instagram account');
  const fixture = readFileSync(resolve('tests/fixtures/instagram/synthetic/instagram-profile-en-loggedin-2025-06.html'), 'utf8');
  b.pages.set(spec.url, fixture.replaceAll('northwind.coffee', spec.handle).replaceAll('Northwind Coffee', spec.name));
  const tab = await b.context.newPage();
  await tab.goto(spec.url);
  const tabId = await tabIdOf(b, spec.url);
  const popupObs: Observed[] = [];
  for (let i = 0; i < o.popupRuns; i++) {
    await storageQuiet(b);
    popupObs.push(
      await openAndTime(
        b,
        `chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`,
        observerScript('popup', POPUP_MARKERS, 0),
        15_000,
      ),
    );
  }
  // The same with the worker asleep: Chrome stops an idle extension worker after 30 s, and the
  // popup's question then starts it again (the store's modules load, the account list is read).
  const coldObs: Observed[] = [];
  const cdp = await b.context.newCDPSession(tab);
  await cdp.send('ServiceWorker.enable' as never);
  for (let i = 0; i < Math.max(3, Math.round(o.popupRuns / 3)); i++) {
    await storageQuiet(b);
    await cdp.send('ServiceWorker.stopAllWorkers' as never);
    await sleep(300);
    coldObs.push(
      await openAndTime(
        b,
        `chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`,
        observerScript('popup', POPUP_MARKERS, 0),
        15_000,
      ),
    );
  }
  await cdp.detach().catch(() => undefined);
  await tab.close();
  const popup = { ...timing(popupObs), account: `${spec.platform}:${spec.id}` };
  const popupColdWorker = timing(coldObs);
  o.log(
    `  popup: numbers shown after ${popup.median} ms (median of ${popup.n}; p95 ${popup.p95} ms; marker ${popup.marker ?? 'none found'})`,
  );
  o.log(`  popup, worker stopped first: ${popupColdWorker.median} ms (median of ${popupColdWorker.n}; p95 ${popupColdWorker.p95} ms)`);

  const dashObs: Observed[] = [];
  for (let i = 0; i < o.dashboardRuns; i++) {
    await storageQuiet(b);
    dashObs.push(
      await openAndTime(b, `chrome-extension://${b.extensionId}/options.html`, observerScript('table', [TABLE_MARKER], o.accounts), 60_000),
    );
  }
  const firstRows = dashObs.filter((d) => d.firstRows !== null).map((d) => d.firstRows as number);
  // after the last open, let the dashboard's background reads finish before anything else is measured
  await storageQuiet(b);
  const dashboard = {
    ...timing(dashObs),
    rows: Math.max(...dashObs.map((d) => d.rows)),
    firstRowsMedian: firstRows.length ? round(median(firstRows)) : null,
    allRowsReached: dashObs.every((d) => d.painted !== null),
  };
  o.log(
    `  dashboard: accounts table with ${dashboard.rows} rows after ${dashboard.median} ms (median of ${dashboard.n}; first rows at ${dashboard.firstRowsMedian} ms)`,
  );
  return { popup, popupColdWorker, dashboard };
}
