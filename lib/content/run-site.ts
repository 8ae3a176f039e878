/**
 * The content-script loop shared by both sites: read the page when it loads and after each in-app
 * navigation, read what scrolling adds, send each reading to the background, and answer the
 * popup's "what is this page?". The site-specific reading lives in lib/platforms/<site>/.
 *
 * Never throws into the page: every call into a reader is guarded, and a failing part logs once.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { accountKey } from '../keys';
import { type IngestReply, onMessage, type PageState, sendMessage } from '../messaging';
import type { AccountObservationInput, PageKind, Platform, PostObservationInput } from '../model';
import type { PageInfo } from '../platforms/page';
import { emit } from './bus';
import { createReporter } from './reporter';
import { watchDom } from './watch';

export interface Reading {
  account: AccountObservationInput | null;
  posts: PostObservationInput[];
}

/** One page view: created on load and after every in-app navigation. */
export interface PageSession {
  /** Read the whole page (first time, and when too much changed at once). */
  scan(): Reading;
  /** Read only what was added (infinite scroll, a header rendered late). */
  added(elements: Element[]): Reading;
  dispose?(): void;
}

export interface SiteReader {
  platform: Platform;
  /**
   * `push` sends a reading that did not come from a DOM change (data the page received, handed
   * over by a MAIN-world script); it does nothing once this session has ended.
   */
  start(doc: Document, url: string, push?: (reading: Reading) => void): PageSession;
}

const TAG = '[SMM Lens]';
const logged = new Set<string>();
export function logOnce(part: string, error?: unknown): void {
  if (logged.has(part)) return;
  logged.add(part);
  console.debug(`${TAG} ${part}`, error ?? '');
}

/** How long after a page opens an empty reading counts as "page not readable". */
const UNREADABLE_AFTER_MS = 8000;
/**
 * Least time between two readings of what the page added (lib/content/watch.ts minGapMs), and
 * between two reports to the background (lib/content/reporter.ts). Each reading, report and the
 * overlay's question that follows it cost the page something whatever their size (the account read
 * again, a message each way, the overlay's reply): an infinite scroll that adds posts every few tens
 * of ms has them read and sent once a second (bench: about 70 ms less per 1000 VK posts than at
 * 200 / 400 ms). What a page shows when it opens is read at once; the numbers reach the popup and
 * the badges at most a second later.
 */
const WATCH_GAP_MS = 1000;
const REPORT_INTERVAL_MS = 1000;

/**
 * `detect` is the reader's site's page detection (lib/platforms/<site>/url.ts): passed in, so the
 * content script does not ship the other site's URL rules.
 */
export function runSite(ctx: ContentScriptContext, reader: SiteReader, detect: (url: string) => PageInfo): void {
  let lastReply: IngestReply | null = null;
  let lastReportAt: number | null = null;
  // The overlay (lib/overlay) learns of sessions, added elements, readings and stored readings (./bus.ts).
  let sessionId = 0;
  const reporter = createReporter({
    send: (report) => sendMessage('ingest', report),
    onReply: (reply) => {
      lastReply = reply;
      lastReportAt = Date.now();
      if (!reply.ok) logOnce(`store answered ${reply.error}: ${reply.message}`);
      else emit({ type: 'stored', sessionId, accounts: reply.accounts });
    },
    log: (m, e) => logOnce(m, e),
    // an infinite scroll reads a batch every few tens of ms: what is read meanwhile goes as one message
    minIntervalMs: REPORT_INTERVAL_MS,
  });
  ctx.onInvalidated(() => reporter.dispose());

  let session: PageSession | null = null;
  let watcher: ReturnType<typeof watchDom> | null = null;
  let url = location.href;
  let pageKind: PageKind = 'other';
  let account: AccountObservationInput | null = null;
  let postsRead = new Set<string>();
  let startedAt = Date.now();

  const send = (reading: Reading | null) => {
    if (!reading) return;
    if (reading.account && (reading.account.followers || reading.account.following || reading.account.posts || !account)) {
      account = reading.account;
    }
    for (const p of reading.posts) postsRead.add(p.id);
    if (!reading.account && reading.posts.length === 0) return;
    emit({ type: 'reading', sessionId, account: reading.account, posts: reading.posts });
    const id = sessionId;
    void reporter
      .report({
        url,
        pageKind,
        observedAt: new Date().toISOString(),
        account: reading.account,
        posts: reading.posts,
      })
      .then((reply) => {
        // nothing new to store (numbers already sent): the overlay need not wait for an acknowledgement
        if (reply === null && reporter.pending() === 0) emit({ type: 'stored', sessionId: id, accounts: [] });
      });
  };

  const guarded = (part: string, fn: () => Reading): Reading | null => {
    try {
      return fn();
    } catch (e) {
      logOnce(`${reader.platform} reader failed in ${part}`, e);
      return null;
    }
  };

  const start = (next?: string) => {
    session?.dispose?.();
    watcher?.stop();
    url = next ?? location.href;
    pageKind = detect(url).kind;
    account = null;
    postsRead = new Set();
    startedAt = Date.now();
    emit({ type: 'session', session: { id: ++sessionId, platform: reader.platform, url, pageKind } });
    try {
      let current: PageSession | null = null;
      const push = (reading: Reading) => {
        if (current && session === current) send(reading);
      };
      current = reader.start(document, url, push);
      session = current;
    } catch (e) {
      logOnce(`${reader.platform} reader failed to start`, e);
      session = null;
      return;
    }
    const s = session;
    send(guarded('scan', () => s.scan()));
    watcher = watchDom({
      root: document,
      onAdded: (els) => {
        emit({ type: 'added', sessionId, scope: els });
        send(guarded('added', () => s.added(els)));
      },
      onRescan: () => {
        emit({ type: 'added', sessionId, scope: [document] });
        send(guarded('scan', () => s.scan()));
      },
      onError: (e) => logOnce('watcher failed', e),
      onChange: () => emit({ type: 'mutated', sessionId }),
      minGapMs: WATCH_GAP_MS,
    });
  };

  // With the Navigation API, WXT reports the change from the `navigate` event, before location.href
  // is updated: the event's newUrl is the page being opened.
  ctx.addEventListener(window, 'wxt:locationchange', (e) => start((e as Event & { newUrl?: URL }).newUrl?.href));
  ctx.onInvalidated(() => {
    watcher?.stop();
    session?.dispose?.();
  });

  try {
    onMessage('getPageState', (): PageState => {
      const expectsNumbers = pageKind === 'profile' || pageKind === 'reels' || pageKind === 'post';
      const hasNumbers = Boolean(account && (account.followers || account.following || account.posts)) || postsRead.size > 0;
      return {
        platform: reader.platform,
        url,
        pageKind,
        accountKey: account ? accountKey(account.platform, account.id) : null,
        accountName: account?.name ?? account?.handle ?? null,
        status: hasNumbers ? 'ok' : expectsNumbers && Date.now() - startedAt > UNREADABLE_AFTER_MS ? 'unreadable' : 'reading',
        posts: postsRead.size,
        lastReportAt,
        lastReply: lastReply ? (lastReply.ok ? { ok: true } : { ok: false, error: lastReply.error, message: lastReply.message }) : null,
      };
    });
  } catch (e) {
    logOnce('could not listen for the popup', e);
  }

  start();
}
