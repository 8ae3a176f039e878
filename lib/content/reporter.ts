/**
 * The content script's outbox: sends page reports to the background one at a time, keeps each
 * until the background acknowledges it was stored, and retries when the worker is asleep or
 * restarting, or when storage refused to write it (full, or a write or read that failed): then it
 * is sent again later, with what was read meanwhile, until it is stored. Posts whose numbers have
 * not changed since they were last stored are not sent again.
 *
 * Platform-neutral; knows nothing of the DOM.
 */
import type { IngestReply } from '../messaging';
import type { PageReportInput, PostObservationInput } from '../model';

export interface ReporterOptions {
  send: (report: PageReportInput) => Promise<IngestReply>;
  onReply?: (reply: IngestReply, report: PageReportInput) => void;
  /**
   * Delays between attempts when the background does not answer; a report storage refused waits
   * the third, then each later one (3 s, 10 s, 30 s, then every 30 s by default).
   */
  retryDelaysMs?: number[];
  /** Reports kept waiting at most; beyond it the oldest waiting one is dropped, with a log line. */
  maxQueue?: number;
  /** Identical numbers are not re-sent within this time (the store merges them anyway). */
  resendAfterMs?: number;
  /**
   * Least time between two sends (default 0). Reports queued meanwhile (a page's infinite scroll
   * reads a batch every few tens of ms) go as one message: each message costs the page's main
   * thread and the background a store write, whatever its size.
   */
  minIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string, error?: unknown) => void;
}

export interface Reporter {
  /** Queue a report; resolves when it is stored (or dropped as unchanged), rejects never. */
  report(report: PageReportInput): Promise<IngestReply | null>;
  /** Reports waiting to be stored. */
  pending(): number;
  dispose(): void;
}

const countKey = (c: unknown) => (c && typeof c === 'object' ? `${(c as { low: number }).low}-${(c as { high: number }).high}` : '-');

function postFingerprint(p: PostObservationInput): string {
  return [
    countKey(p.likes),
    countKey(p.comments),
    countKey(p.shares),
    countKey(p.views),
    p.pinned,
    p.likesHidden,
    p.ad,
    p.publishedAt ?? '',
    p.commentsSample?.length ?? 0,
    p.authorId ?? '',
    p.kind ?? '',
  ].join('|');
}

function accountFingerprint(r: PageReportInput): string {
  const a = r.account;
  return a
    ? [a.platform, a.id, countKey(a.followers), countKey(a.following), countKey(a.posts), a.name ?? '', a.handle ?? ''].join('|')
    : '';
}

/** Posts in one merged message, at most (MAX_POSTS_PER_REPORT of lib/model.ts; not imported: no zod here). */
const MAX_POSTS = 300;

export function createReporter(options: ReporterOptions): Reporter {
  const retry = options.retryDelaysMs ?? [250, 1000, 3000, 10_000, 30_000];
  const maxQueue = options.maxQueue ?? 200;
  const resendAfter = options.resendAfterMs ?? 30 * 60_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const log = options.log ?? (() => undefined);
  const minInterval = options.minIntervalMs ?? 0;
  let lastSendAt = Number.NEGATIVE_INFINITY;
  const sentPosts = new Map<string, { fp: string; at: number }>();
  const sentAccounts = new Map<string, { fp: string; at: number }>();
  const queue: Array<{ report: PageReportInput; resolve: (r: IngestReply | null) => void }> = [];
  let running = false;
  let disposed = false;

  const fresh = (m: Map<string, { fp: string; at: number }>, key: string, fp: string) => {
    const prev = m.get(key);
    return !prev || prev.fp !== fp || now() - prev.at > resendAfter;
  };

  /** Drop what was already stored unchanged; null when nothing is left to send. */
  function changedPart(report: PageReportInput): PageReportInput | null {
    const posts = report.posts.filter((p) => fresh(sentPosts, `${p.platform}:${p.id}`, postFingerprint(p)));
    const accountChanged = report.account
      ? fresh(sentAccounts, `${report.account.platform}:${report.account.id}`, accountFingerprint(report))
      : false;
    if (!accountChanged && posts.length === 0) return null;
    return { ...report, account: accountChanged ? report.account : null, posts };
  }

  function remember(report: PageReportInput) {
    const t = now();
    for (const p of report.posts) sentPosts.set(`${p.platform}:${p.id}`, { fp: postFingerprint(p), at: t });
    if (report.account) sentAccounts.set(`${report.account.platform}:${report.account.id}`, { fp: accountFingerprint(report), at: t });
  }

  async function deliver(report: PageReportInput): Promise<IngestReply | null> {
    for (let attempt = 0; ; attempt++) {
      if (disposed) return null;
      try {
        const reply = await options.send(report);
        if (!reply || typeof reply !== 'object') throw new Error('no reply');
        return reply;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (/context invalidated/i.test(message)) {
          disposed = true; // the extension was updated or removed: this script is an orphan now
          return null;
        }
        if (attempt >= retry.length) {
          log('no answer from the background: report kept', e);
          await sleep(retry[retry.length - 1]);
          continue;
        }
        await sleep(retry[attempt]);
      }
    }
  }

  /**
   * Queued reports (from the head) that can go as one: same page, at most one reading of the
   * account (or identical ones), and no post read twice with different numbers. Each is reduced
   * to what changed first. Everything read stays in: nothing is dropped by merging.
   */
  function takeGroup(): { items: typeof queue; part: PageReportInput | null } {
    const head = queue[0].report;
    const fps = new Map<string, string>();
    let part = null as PageReportInput | null;
    let n = 0;
    for (; n < queue.length; n++) {
      const r = queue[n].report;
      if (r.url !== head.url || r.pageKind !== head.pageKind) break;
      const next = changedPart(r);
      if (!next) continue;
      if (part?.account && next.account && accountFingerprint(part) !== accountFingerprint(next)) break;
      if (next.posts.some((p) => (fps.get(p.id) ?? postFingerprint(p)) !== postFingerprint(p))) break;
      const posts: PageReportInput['posts'] = part ? part.posts.concat(next.posts.filter((p) => !fps.has(p.id))) : next.posts;
      if (part && posts.length > MAX_POSTS) break;
      for (const p of next.posts) fps.set(p.id, postFingerprint(p));
      part = { ...next, account: part?.account ?? next.account, posts };
    }
    return { items: queue.slice(0, n), part };
  }

  /** storage refusals in a row */
  let refused = 0;

  async function pump() {
    if (running) return;
    running = true;
    try {
      while (queue.length && !disposed) {
        const wait = lastSendAt + minInterval - now();
        if (wait > 0) await new Promise<void>((r) => setTimeout(r, wait));
        if (disposed || !queue.length) break;
        const { items, part } = takeGroup();
        let reply: IngestReply | null = null;
        if (part) {
          lastSendAt = now();
          reply = await deliver(part);
          if (reply?.ok) remember(part);
          if (reply) options.onReply?.(reply, part);
          // Storage refused it (full, a write or read that failed): nothing of it is lost; it stays
          // queued and goes again later, merged with what was read meanwhile. Not a malformed or
          // untrusted report: sending it again would be refused the same way.
          if (reply && !reply.ok && reply.error !== 'invalid' && reply.error !== 'untrusted') {
            await sleep(retry[Math.min(2 + refused++, retry.length - 1)]);
            continue;
          }
          refused = 0;
        }
        // a report dropped meanwhile (over the cap) was resolved already
        for (const item of items) {
          const i = queue.indexOf(item);
          if (i >= 0) queue.splice(i, 1);
          item.resolve(reply);
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    report(report) {
      if (disposed) return Promise.resolve(null);
      return new Promise((resolve) => {
        // Over the cap (the background has not answered for a long time): the oldest waiting
        // report gives way, and the log says so.
        if (queue.length >= maxQueue && queue.length >= 2) {
          const [dropped] = queue.splice(1, 1);
          log('too many reports waiting: the oldest dropped');
          dropped.resolve(null);
        }
        queue.push({ report, resolve });
        void pump();
      });
    },
    pending: () => queue.length,
    dispose() {
      disposed = true;
      for (const q of queue.splice(0)) q.resolve(null);
    },
  };
}
