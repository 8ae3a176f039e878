/**
 * Playwright fixtures: Debian's Chromium with the built extension loaded, real VK / Instagram URLs
 * answered from tests/fixtures, and helpers to reach the extension's storage, popup and dashboard.
 * Nothing here downloads a browser: CHROMIUM_PATH (default /usr/bin/chromium) is used as is.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, chromium, type Page, type Request, type Worker } from '@playwright/test';

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
  /** Requests made by the extension itself (service worker or extension pages). */
  extensionRequests: string[];
  routes: Routes;
}

export async function launchExtension(
  routes: Routes = {},
  opts: { locale?: string; colorScheme?: 'light' | 'dark' } = {},
): Promise<ExtensionHarness & { close(): Promise<void> }> {
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
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker');
  const extensionId = worker.url().split('/')[2];
  Object.assign(harness, { context, extensionId, worker, extensionRequests });
  return {
    ...harness,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Read the extension's local storage (through an extension page, so it works after worker restarts). */
export async function storageDump(h: ExtensionHarness): Promise<Record<string, unknown>> {
  const page = await h.context.newPage();
  try {
    await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
    return await page.evaluate(() => chrome.storage.local.get(null));
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
      const store = await page.evaluate(() => chrome.storage.local.get(null));
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
