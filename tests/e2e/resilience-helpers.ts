/**
 * Helpers of tests/e2e/resilience.spec.ts that reach into the browser through the Chrome DevTools
 * Protocol: the content script's isolated world of a tab (to watch its messages from outside, with
 * no test code in the extension), and the service worker (to stop it, and to find the live one).
 */
import type { CDPSession, Page, Worker } from '@playwright/test';
import { readableStore } from '../../lib/store/layout';
import type { ExtensionHarness } from './fixtures';

/** The extension's isolated world in a tab (where its content scripts run), reached over CDP. */
export interface IsolatedWorld {
  cdp: CDPSession;
  evaluate<T>(expression: string): Promise<T>;
}

export async function isolatedWorld(h: ExtensionHarness, page: Page, timeoutMs = 15_000): Promise<IsolatedWorld> {
  const cdp = await h.context.newCDPSession(page);
  const contexts = new Map<number, string>();
  cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; origin: string } }) =>
    contexts.set(e.context.id, e.context.origin),
  );
  cdp.on('Runtime.executionContextDestroyed', (e: { executionContextId: number }) => contexts.delete(e.executionContextId));
  await cdp.send('Runtime.enable');
  const origin = `chrome-extension://${h.extensionId}`;
  const find = () => [...contexts].find(([, o]) => o === origin)?.[0];
  const start = Date.now();
  while (find() === undefined) {
    if (Date.now() - start > timeoutMs) throw new Error(`no content script world in ${page.url()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    cdp,
    async evaluate<T>(expression: string): Promise<T> {
      const contextId = find();
      if (contextId === undefined) throw new Error('the content script world is gone');
      const r = (await cdp.send('Runtime.evaluate', { contextId, expression, returnByValue: true, awaitPromise: true })) as {
        result: { value: T };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value;
    },
  };
}

/**
 * Watch, from outside, what the content script of a tab sends to the background and what comes
 * back: every `ingest` message and the posts (id and numbers) of each one the background
 * acknowledged as stored (reply ok). The extension's messaging looks `runtime.sendMessage` up at
 * call time, so wrapping it in the isolated world sees every message; nothing in the extension is
 * changed for the test.
 */
export const WATCH_INGESTS = `(() => {
  const g = globalThis;
  if (g.__smmIngests) return true;
  const log = (g.__smmIngests = { sent: 0, answered: 0, failed: 0, refused: 0, acked: [], account: [] });
  const wrap = (runtime) => {
    if (!runtime || runtime.__smmWrapped) return;
    const original = runtime.sendMessage;
    runtime.sendMessage = function (...args) {
      const message = args[0];
      const result = original.apply(this, args);
      if (message && message.type === 'ingest' && result && typeof result.then === 'function') {
        log.sent++;
        const posts = (message.data.posts || []).map((p) => [p.id, p.likes && p.likes.value, p.comments && p.comments.value, p.shares && p.shares.value, p.views && p.views.value]);
        const account = message.data.account;
        result.then(
          (reply) => {
            log.answered++;
            const r = reply && reply.res;
            if (r && r.ok) {
              log.acked.push(...posts);
              if (account && account.followers) log.account.push([account.id, account.followers.value]);
            } else log.refused++;
          },
          () => { log.answered++; log.failed++; },
        );
      }
      return result;
    };
    runtime.__smmWrapped = true;
  };
  wrap(g.chrome && g.chrome.runtime);
  if (g.browser && g.browser.runtime !== (g.chrome && g.chrome.runtime)) wrap(g.browser.runtime);
  return true;
})()`;

export interface IngestLog {
  sent: number;
  /** ingest messages answered or failed (sent - answered: in flight) */
  answered: number;
  failed: number;
  refused: number;
  /** [post id, likes, comments, shares, views] of every acknowledged report */
  acked: Array<[string, number | null, number | null, number | null, number | null]>;
  account: Array<[string, number]>;
}

/**
 * Read the extension's storage from one extension page kept open (its manifest.json: a page of
 * the extension's origin that runs none of the extension's code, so reading costs only the read).
 */
export async function storeReader(h: ExtensionHarness): Promise<{ read(): Promise<Record<string, unknown>>; page: Page }> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/manifest.json`);
  // each account as one whole record under acct:<key> (lib/store/layout.ts readableStore)
  return { page, read: async () => readableStore(await page.evaluate(() => chrome.storage.local.get(null))) };
}

/** Stop every service worker of the profile (the extension's included), as Chrome does after 30 s idle. */
export async function stopServiceWorkers(cdp: CDPSession): Promise<void> {
  await cdp.send('ServiceWorker.enable' as never);
  await cdp.send('ServiceWorker.stopAllWorkers' as never);
}

/**
 * The extension's service worker as it is now. After a stop Chrome starts a new one on the next
 * event (a content script's message); Playwright's Worker then evaluates in the new one.
 */
export async function liveWorker(h: ExtensionHarness, timeoutMs = 10_000): Promise<Worker> {
  const start = Date.now();
  for (;;) {
    for (const w of h.context.serviceWorkers().reverse()) {
      if (!w.url().startsWith(`chrome-extension://${h.extensionId}/`)) continue;
      try {
        await w.evaluate(() => 1);
        return w;
      } catch {
        // that one is gone
      }
    }
    if (Date.now() - start > timeoutMs) throw new Error('no live service worker');
    await new Promise((r) => setTimeout(r, 100));
  }
}
