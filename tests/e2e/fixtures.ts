/**
 * Playwright fixtures: Debian's Chromium with the built extension loaded, real VK / Instagram URLs
 * answered from tests/fixtures, and helpers to reach the extension's storage, popup and dashboard.
 * Nothing here downloads a browser: CHROMIUM_PATH (default /usr/bin/chromium) is used as is.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, chromium, expect, type Page, type Request, type Worker } from '@playwright/test';
import { readableStore } from '../../lib/store/layout';

export const EXTENSION_DIR = resolve(process.env.SMM_OUT_DIR ?? '.output', 'chrome-mv3');
export const FIXTURES = resolve('tests/fixtures');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

/** Which fixture answers which URL: exact URL (without hash) -> file under tests/fixtures. */
export type Routes = Record<string, string>;

export interface ExtensionHarness {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /**
   * Requests made by the extension itself: by the service worker or extension pages, and by
   * content scripts (a page request whose initiating stack holds only chrome-extension:// code).
   */
  extensionRequests: string[];
  /**
   * Errors from the extension seen so far: console errors of extension pages, of the service
   * worker and of code at chrome-extension:// URLs in site pages (content scripts), uncaught
   * exceptions and rejections with the extension's code on their stack (pages and the worker), and
   * anything that names SMM Lens. `close()` fails the test when this or extensionRequests is not empty.
   */
  extensionErrors: string[];
  routes: Routes;
}

export interface LaunchOptions {
  locale?: string;
  colorScheme?: 'light' | 'dark';
  /** Extension errors a test provokes on purpose (matched against the collected text); the rest still fail it. */
  allowErrors?: RegExp[];
}

export interface LaunchedExtension extends ExtensionHarness {
  /** Fail the test (a soft assertion: the test's own failure stays the one reported) on any extension error or request so far. */
  assertClean(): void;
  /** Close the browser; then, unless `check: false`, assertClean(). */
  close(opts?: { check?: boolean }): Promise<void>;
}

const isExtensionUrl = (url: string | undefined | null) => Boolean(url?.startsWith('chrome-extension://'));

interface CdpStack {
  callFrames: Array<{ url: string }>;
  parent?: CdpStack;
}

/**
 * Did only the extension's code start this request: every frame of the initiating stack (async
 * parents included) at a chrome-extension:// URL? A page calling fetch through the Instagram
 * observer's wrapper has its own frames below the wrapper's (evaluated code has an empty URL):
 * that is the page's request.
 */
function initiatedByExtension(initiator: { type?: string; url?: string; stack?: CdpStack } | undefined): boolean {
  if (!initiator) return false;
  const urls: string[] = [];
  for (let s = initiator.stack; s; s = s.parent) for (const f of s.callFrames) urls.push(f.url);
  if (initiator.url) urls.push(initiator.url);
  return urls.length > 0 && urls.every(isExtensionUrl);
}

export async function launchExtension(routes: Routes = {}, opts: LaunchOptions = {}): Promise<LaunchedExtension> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'smm-lens-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: opts.locale ?? 'en-US',
    colorScheme: opts.colorScheme ?? 'light',
    args: [
      ...CHROMIUM_ARGS,
      `--lang=${opts.locale ?? 'en-US'}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  const extensionRequests: string[] = [];
  const extensionErrors: string[] = [];
  const allowed = opts.allowErrors ?? [];
  const noteError = (what: string) => {
    if (!allowed.some((r) => r.test(what))) extensionErrors.push(what.slice(0, 2000));
  };
  const harness = { routes } as ExtensionHarness;
  // Every page request is answered here: fixtures for the sites, nothing for anything else.
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = request.url();
    if (url.startsWith('chrome-extension://') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    const key = url.split('#')[0];
    const file = harness.routes[key];
    if (file && request.resourceType() === 'document') {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(join(FIXTURES, file)) });
    }
    return route.abort();
  });
  context.on('request', (request: Request) => {
    const worker = request.serviceWorker();
    const frame = (() => {
      try {
        return request.frame();
      } catch {
        return null;
      }
    })();
    const fromExtension = worker?.url().startsWith('chrome-extension://') || frame?.url().startsWith('chrome-extension://');
    const url = request.url();
    if (fromExtension && !url.startsWith('chrome-extension://') && !url.startsWith('blob:') && !url.startsWith('data:'))
      extensionRequests.push(url);
  });
  // Errors: console errors (pages, content scripts and the service worker all report here).
  context.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url;
    const pageUrl = msg.page()?.url();
    const workerUrl = msg.worker()?.url();
    const text = msg.text();
    if (isExtensionUrl(where) || isExtensionUrl(pageUrl) || isExtensionUrl(workerUrl) || /SMM Lens/i.test(text))
      noteError(`console error in ${workerUrl ?? pageUrl ?? '?'} (${where || 'no location'}): ${text}`);
  });
  // Uncaught exceptions and rejections in pages, content scripts included (their stacks hold chrome-extension:// URLs).
  context.on('weberror', (e) => {
    const err = e.error();
    const pageUrl = e.page()?.url();
    if (isExtensionUrl(pageUrl) || (err.stack ?? '').includes('chrome-extension://') || /SMM Lens/i.test(err.message))
      noteError(`uncaught in ${pageUrl ?? '?'}: ${err.stack ?? err.message}`);
  });
  // Requests started by content scripts carry the page's frame: tell them by the initiating stack.
  const watched = new WeakSet<Page>();
  const watchPage = async (page: Page) => {
    if (watched.has(page)) return;
    watched.add(page);
    try {
      const cdp = await context.newCDPSession(page);
      cdp.on('Network.requestWillBeSent', (e: { request: { url: string }; initiator?: Parameters<typeof initiatedByExtension>[0] }) => {
        const url = e.request.url;
        if (isExtensionUrl(url) || url.startsWith('data:') || url.startsWith('blob:')) return;
        if (!isExtensionUrl(page.url()) && initiatedByExtension(e.initiator)) extensionRequests.push(url);
      });
      await cdp.send('Network.enable');
    } catch {
      // the page closed meanwhile
    }
  };
  context.on('page', (page) => void watchPage(page));
  const newPage = context.newPage.bind(context);
  context.newPage = async () => {
    const page = await newPage();
    await watchPage(page);
    return page;
  };
  // The service worker's uncaught errors reach no Playwright event: report them to its console.
  const watchWorker = (w: Worker) => {
    if (!isExtensionUrl(w.url())) return;
    void w
      .evaluate(() => {
        const g = self as unknown as { __smmLensErrorsWatched?: boolean };
        if (g.__smmLensErrorsWatched) return;
        g.__smmLensErrorsWatched = true;
        self.addEventListener('error', (e) => console.error(`[uncaught in the service worker] ${(e as ErrorEvent).message}`));
        self.addEventListener('unhandledrejection', (e) =>
          console.error(
            `[unhandled rejection in the service worker] ${String((e as PromiseRejectionEvent).reason?.stack ?? (e as PromiseRejectionEvent).reason)}`,
          ),
        );
      })
      .catch(() => undefined);
  };
  context.on('serviceworker', watchWorker);

  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker');
  watchWorker(worker);
  const extensionId = worker.url().split('/')[2];
  Object.assign(harness, { context, extensionId, worker, extensionRequests, extensionErrors });
  const assertClean = () => {
    expect.soft(extensionErrors, 'errors from the extension (console, uncaught)').toEqual([]);
    expect.soft(extensionRequests, 'network requests made by the extension').toEqual([]);
  };
  return {
    ...harness,
    assertClean,
    async close({ check = true } = {}) {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
      if (check) assertClean();
    },
  };
}

/**
 * Read the extension's local storage (through an extension page, so it works after worker
 * restarts), each account as one whole record under acct:<key> (lib/store/layout.ts readableStore).
 */
export async function storageDump(h: ExtensionHarness): Promise<Record<string, unknown>> {
  const page = await h.context.newPage();
  try {
    await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
    return readableStore(await page.evaluate(() => chrome.storage.local.get(null)));
  } finally {
    await page.close();
  }
}

/** Poll storage until `predicate` holds. */
export async function waitForStorage(
  h: ExtensionHarness,
  predicate: (store: Record<string, unknown>) => boolean,
  timeoutMs = 20_000,
): Promise<Record<string, unknown>> {
  const page = await h.context.newPage();
  try {
    await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
    const start = Date.now();
    for (;;) {
      const store = readableStore(await page.evaluate(() => chrome.storage.local.get(null)));
      if (predicate(store)) return store;
      if (Date.now() - start > timeoutMs)
        throw new Error(`storage did not reach the expected state: ${JSON.stringify(Object.keys(store))}`);
      await page.waitForTimeout(200);
    }
  } finally {
    await page.close();
  }
}

/** The browser tab id of a page (asks each tab's content script which URL it is on). */
export async function tabIdOf(h: ExtensionHarness, page: Page): Promise<number> {
  const url = page.url();
  const id = await h.worker.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      try {
        const reply = await chrome.tabs.sendMessage(tab.id, { id: 1, type: 'getPageState', data: undefined, timestamp: Date.now() });
        if (reply?.res?.url === target) return tab.id;
      } catch {
        // no content script in that tab
      }
    }
    return -1;
  }, url);
  if (id < 0) throw new Error(`no content script answered for ${url}`);
  return id;
}

export const test = base;
export { expect } from '@playwright/test';
