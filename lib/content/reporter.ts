/**
 * The content script's outbox: sends page reports to the background one at a time, keeps each
 * until the background acknowledges it was stored, and retries when the worker is asleep or
 * restarting. Posts whose numbers have not changed since they were last stored are not sent again.
 *
 * Platform-neutral; knows nothing of the DOM.
 */
import type { IngestReply } from '../messaging';
import type { PageReportInput, PostObservationInput } from '../model';

export interface ReporterOptions {
  send: (report: PageReportInput) => Promise<IngestReply>;
  onReply?: (reply: IngestReply, report: PageReportInput) => void;
  /** Delays between attempts when the background does not answer. */
  retryDelaysMs?: number[];
  /** Reports kept waiting at most; beyond it the oldest waiting one is dropped, with a log line. */
  maxQueue?: number;
  /** Identical numbers are not re-sent within this time (the store merges them anyway). */
  resendAfterMs?: number;
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

export function createReporter(options: ReporterOptions): Reporter {
  const retry = options.retryDelaysMs ?? [250, 1000, 3000, 10_000, 30_000];
  const maxQueue = options.maxQueue ?? 200;
  const resendAfter = options.resendAfterMs ?? 30 * 60_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const log = options.log ?? (() => undefined);
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
        if (!reply || typeof reply !== 'object') throw new Error('no reply from the background');
        return reply;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (/context invalidated/i.test(message)) {
          disposed = true; // the extension was updated or removed: this script is an orphan now
          return null;
        }
        if (attempt >= retry.length) {
          log('the background did not answer; the report stays queued', e);
          await sleep(retry[retry.length - 1]);
          continue;
        }
        await sleep(retry[attempt]);
      }
    }
  }

  async function pump() {
    if (running) return;
    running = true;
    try {
      while (queue.length && !disposed) {
        const item = queue[0];
        const part = changedPart(item.report);
        let reply: IngestReply | null = null;
        if (part) {
          reply = await deliver(part);
          if (reply?.ok) remember(part);
          if (reply) options.onReply?.(reply, part);
        }
        queue.shift();
        item.resolve(reply);
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
          log('too many reports waiting for the background; the oldest waiting one was dropped');
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
