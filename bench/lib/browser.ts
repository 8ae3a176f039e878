/**
 * Debian's Chromium with and without the built extension, launched the same way as the e2e tests
 * (tests/e2e/fixtures.ts: same flags, real URLs answered from memory through context.route,
 * everything else aborted). Nothing here downloads a browser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Request, type Route, type Worker } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../tests/e2e/fixtures';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type Responder = (route: Route) => Promise<void> | void;

export interface BenchBrowser {
  context: BrowserContext;
  /** the extension under test is loaded (its runs are the "with" runs) */
  withExtension: boolean;
  /** an extension is loaded: the one under test, or the other build of an A/B run (`--against`) */
  loaded: boolean;
  extensionId: string | null;
  worker: Worker | null;
  /** URL (without hash) -> HTML of the document served there */
  pages: Map<string, string>;
  /** URL prefix -> handler for other requests (the page's own API calls) */
  handlers: Map<string, Responder>;
  /** requests made by the extension itself (must stay empty) */
  extensionRequests: string[];
  /** every request the pages made, by URL (compared with and without the extension) */
  pageRequests: number;
  /** the browser's profile (the extension's storage lives there) */
  userDataDir: string;
  /** `keepProfile`: leave the profile on disk, to launch the browser again on it */
  close(keepProfile?: boolean): Promise<void>;
}

/**
 * `baseline`: the build loaded is the other build of an A/B run; its runs stand where the "without"
 * runs do. `userDataDir`: launch on a profile kept by `close(true)` (the extension's store with it).
 */
export async function launchBench(
  extensionDir: string | null,
  options: { baseline?: boolean; userDataDir?: string } = {},
): Promise<BenchBrowser> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'smm-lens-bench-'));
  const args = [...CHROMIUM_ARGS, '--lang=en-US'];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    args,
  });
  const b: BenchBrowser = {
    context,
    withExtension: Boolean(extensionDir) && !options.baseline,
    loaded: Boolean(extensionDir),
    extensionId: null,
    worker: null,
    pages: new Map(),
    handlers: new Map(),
    extensionRequests: [],
    pageRequests: 0,
    userDataDir,
    async close(keepProfile = false) {
      await context.close();
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = request.url();
    if (url.startsWith('chrome-extension://') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    const html = b.pages.get(url.split('#')[0]);
    if (html !== undefined && request.resourceType() === 'document') {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    }
    for (const [prefix, handler] of b.handlers) if (url.startsWith(prefix)) return handler(route);
    return route.abort();
  });
  context.on('request', (request: Request) => {
    const url = request.url();
    const worker = request.serviceWorker();
    let frameUrl = '';
    try {
      frameUrl = request.frame().url();
    } catch {
      // service worker request: no frame
    }
    const fromExtension = worker?.url().startsWith('chrome-extension://') || frameUrl.startsWith('chrome-extension://');
    if (fromExtension) {
      if (!url.startsWith('chrome-extension://') && !url.startsWith('data:') && !url.startsWith('blob:')) b.extensionRequests.push(url);
    } else if (!url.startsWith('data:')) b.pageRequests++;
  });
  if (extensionDir) {
    let [worker] = context.serviceWorkers();
    if (!worker) worker = await context.waitForEvent('serviceworker');
    b.worker = worker;
    b.extensionId = worker.url().split('/')[2];
  }
  return b;
}

export async function chromiumVersion(b: BenchBrowser): Promise<string> {
  const page = await b.context.newPage();
  try {
    const cdp = await b.context.newCDPSession(page);
    const v = (await cdp.send('Browser.getVersion')) as { product: string };
    return v.product;
  } finally {
    await page.close();
  }
}
