import { describe, expect, it, vi } from 'vitest';
import { createReporter } from '@/lib/content/reporter';
import type { IngestReply } from '@/lib/messaging';
import type { PageReportInput } from '@/lib/model';
import { igAccount, igPost, report } from '../../helpers/reports';

const ok: IngestReply = { ok: true, accounts: [], posts: 0 };
const noSleep = () => Promise.resolve();

describe('content-script outbox', () => {
  it('sends reports one at a time, in order', async () => {
    const seen: string[] = [];
    let inFlight = 0;
    const send = vi.fn(async (r) => {
      inFlight++;
      expect(inFlight).toBe(1);
      await new Promise((res) => setTimeout(res, 1));
      seen.push(r.account?.id ?? '');
      inFlight--;
      return ok;
    });
    const reporter = createReporter({ send, sleep: noSleep });
    await Promise.all(['a', 'b', 'c'].map((id) => reporter.report(report(igAccount(id, 1), [], 0))));
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('retries until the background answers (worker asleep or restarting), then resolves', async () => {
    let calls = 0;
    const send = vi.fn(async () => {
      calls++;
      if (calls < 4) throw new Error('Could not establish connection. Receiving end does not exist.');
      return ok;
    });
    const reporter = createReporter({ send, sleep: noSleep });
    await expect(reporter.report(report(igAccount('a', 1), [], 0))).resolves.toEqual(ok);
    expect(send).toHaveBeenCalledTimes(4);
    expect(reporter.pending()).toBe(0);
  });

  it('keeps retrying past the schedule rather than dropping the report', async () => {
    let calls = 0;
    const log = vi.fn();
    const send = vi.fn(async () => {
      calls++;
      if (calls < 12) throw new Error('no reply');
      return ok;
    });
    const reporter = createReporter({ send, sleep: noSleep, log });
    await expect(reporter.report(report(igAccount('a', 1), [], 0))).resolves.toEqual(ok);
    expect(calls).toBe(12);
    expect(log).toHaveBeenCalled();
  });

  it('does not resend posts and accounts whose numbers did not change', async () => {
    const send = vi.fn(async (_r: PageReportInput) => ok);
    const reporter = createReporter({ send, sleep: noSleep });
    await reporter.report(report(igAccount('a', 1), [igPost('AAAAA', 1), igPost('BBBBB', 2)], 0));
    await reporter.report(report(igAccount('a', 1), [igPost('AAAAA', 1), igPost('BBBBB', 3), igPost('CCCCC', 1)], 0));
    expect(send).toHaveBeenCalledTimes(2);
    const second = send.mock.calls[1][0];
    expect(second.account).toBeNull();
    expect(second.posts.map((p) => p.id)).toEqual(['BBBBB', 'CCCCC']);
    await reporter.report(report(igAccount('a', 1), [igPost('AAAAA', 1)], 0));
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('a report storage refused (full) is kept and sent again later, with what was read meanwhile, until stored', async () => {
    const replies: IngestReply[] = [
      { ok: false, error: 'quota', message: 'full' },
      { ok: false, error: 'write', message: 'disk' },
      { ok: false, error: 'quota', message: 'full' },
      { ok: false, error: 'read', message: 'io' },
      ok,
    ];
    const sent: PageReportInput[] = [];
    const send = vi.fn(async (r: PageReportInput) => {
      sent.push(r);
      return replies.shift() ?? ok;
    });
    const onReply = vi.fn();
    const slept: number[] = [];
    let reporter: ReturnType<typeof createReporter> | null = null;
    let later: Promise<unknown> | null = null;
    const sleep = async (ms: number) => {
      slept.push(ms);
      // a reading that comes while the refused report waits joins it
      if (!later) later = reporter?.report(report(igAccount('a', 1), [igPost('BBBBB', 2)], 0)) ?? null;
    };
    reporter = createReporter({ send, sleep, onReply });
    const first = reporter.report(report(igAccount('a', 1), [igPost('AAAAA', 1)], 0));
    await expect(first).resolves.toEqual(ok);
    await expect(later).resolves.toEqual(ok);
    // waits 3 s, 10 s, 30 s, then every 30 s (the later delays of the schedule)
    expect(slept).toEqual([3000, 10_000, 30_000, 30_000]);
    expect(send).toHaveBeenCalledTimes(5);
    expect(sent[0].posts.map((p) => p.id)).toEqual(['AAAAA']);
    expect(sent[4].posts.map((p) => p.id)).toEqual(['AAAAA', 'BBBBB']);
    expect(sent[4].account?.id).toBe('a');
    // each refusal reached the page state (the popup says storage is full meanwhile)
    expect(onReply.mock.calls.map(([r]) => (r as IngestReply).ok)).toEqual([false, false, false, false, true]);
    expect(reporter.pending()).toBe(0);
    // stored now: the same numbers are not sent again
    await reporter.report(report(igAccount('a', 1), [igPost('AAAAA', 1), igPost('BBBBB', 2)], 0));
    expect(send).toHaveBeenCalledTimes(5);
  });

  it('after a stored report, the next refusal waits the first delay again', async () => {
    const replies: IngestReply[] = [{ ok: false, error: 'quota', message: 'full' }, ok, { ok: false, error: 'quota', message: 'full' }, ok];
    const send = vi.fn(async () => replies.shift() ?? ok);
    const slept: number[] = [];
    const reporter = createReporter({ send, sleep: async (ms) => void slept.push(ms) });
    await reporter.report(report(igAccount('a', 1), [], 0));
    await reporter.report(report(igAccount('a', 2), [], 0));
    expect(slept).toEqual([3000, 3000]);
    expect(send).toHaveBeenCalledTimes(4);
  });

  it('a report refused as invalid or untrusted is not sent again (it would be refused the same way)', async () => {
    for (const error of ['invalid', 'untrusted'] as const) {
      const refusal: IngestReply = { ok: false, error, message: 'no' };
      const send = vi.fn(async (): Promise<IngestReply> => refusal);
      const onReply = vi.fn();
      const reporter = createReporter({ send, sleep: noSleep, onReply });
      await expect(reporter.report(report(igAccount('a', 1), [], 0))).resolves.toEqual(refusal);
      expect(send).toHaveBeenCalledTimes(1);
      expect(onReply).toHaveBeenCalledWith(refusal, expect.anything());
      expect(reporter.pending()).toBe(0);
      // not remembered as stored: a later reading of it is sent
      await reporter.report(report(igAccount('a', 1), [], 0));
      expect(send).toHaveBeenCalledTimes(2);
    }
  });

  it('a refused report waiting to be sent again ends with the content script', async () => {
    const send = vi.fn(async (): Promise<IngestReply> => ({ ok: false, error: 'quota', message: 'full' }));
    let reporter: ReturnType<typeof createReporter> | null = null;
    const sleep = vi.fn(async () => reporter?.dispose());
    reporter = createReporter({ send, sleep });
    await expect(reporter.report(report(igAccount('a', 1), [], 0))).resolves.toBeNull();
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('stops quietly when the extension context is gone', async () => {
    const send = vi.fn(async () => {
      throw new Error('Extension context invalidated.');
    });
    const reporter = createReporter({ send, sleep: noSleep });
    await expect(reporter.report(report(igAccount('a', 1), [], 0))).resolves.toBeNull();
    await expect(reporter.report(report(igAccount('b', 1), [], 0))).resolves.toBeNull();
    expect(send).toHaveBeenCalledTimes(1);
  });
  it('with a least interval, what an infinite scroll reads meanwhile goes as one message', async () => {
    let t = 0;
    const sent: PageReportInput[] = [];
    const send = vi.fn(async (r: PageReportInput) => {
      sent.push(r);
      return ok;
    });
    const reporter = createReporter({ send, sleep: noSleep, minIntervalMs: 5, now: () => t });
    const acc = igAccount('a', 1);
    const onPage = (account: typeof acc | null, posts: ReturnType<typeof igPost>[]) => ({ ...report(account, posts, 0), url: acc.url });
    const first = reporter.report(onPage(acc, [igPost('AAAAA', 1)]));
    // sent at once; the next batches wait for the interval and go together
    const rest = [
      reporter.report(onPage(null, [igPost('BBBBB', 2)])),
      reporter.report(onPage(null, [igPost('CCCCC', 3), igPost('BBBBB', 2)])),
      reporter.report(onPage(acc, [igPost('DDDDD', 4)])),
    ];
    t = 10;
    await Promise.all([first, ...rest]);
    expect(send).toHaveBeenCalledTimes(2);
    expect(sent[0].posts.map((p) => p.id)).toEqual(['AAAAA']);
    expect(sent[1].account).toBeNull(); // unchanged since the first message
    expect(sent[1].posts.map((p) => p.id)).toEqual(['BBBBB', 'CCCCC', 'DDDDD']);
  });

  it('never merges two different readings of the same post or account: each is stored', async () => {
    const sent: PageReportInput[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const send = vi.fn(async (r: PageReportInput) => {
      sent.push(r);
      if (sent.length === 1) await gate;
      return ok;
    });
    const reporter = createReporter({ send, sleep: noSleep });
    const acc = igAccount('a', 1);
    const onPage = (account: typeof acc | null, posts: ReturnType<typeof igPost>[]) => ({ ...report(account, posts, 0), url: acc.url });
    const all = [
      reporter.report(onPage(acc, [])),
      reporter.report(onPage(null, [igPost('AAAAA', 1)])),
      reporter.report(onPage(null, [igPost('AAAAA', 2)])),
      reporter.report(onPage(igAccount('a', 2), [])),
      reporter.report(onPage(igAccount('a', 3), [])),
    ];
    release();
    await Promise.all(all);
    expect(sent.map((r) => [r.account?.followers?.value ?? null, r.posts.map((p) => p.likes?.value)])).toEqual([
      [1, []],
      [null, [1]],
      [2, [2]],
      [3, []],
    ]);
  });
  it('a merged message stays within the posts a report may carry', async () => {
    const sent: PageReportInput[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const send = vi.fn(async (r: PageReportInput) => {
      sent.push(r);
      if (sent.length === 1) await gate;
      return ok;
    });
    const reporter = createReporter({ send, sleep: noSleep });
    const acc = igAccount('a', 1);
    const batch = (from: number) => ({
      ...report(
        null,
        Array.from({ length: 100 }, (_, i) => igPost(`P${String(from + i).padStart(5, '0')}`, 1)),
        0,
      ),
      url: acc.url,
    });
    const all = [reporter.report({ ...report(acc, [], 0), url: acc.url })];
    for (let b = 0; b < 5; b++) all.push(reporter.report(batch(b * 100)));
    release();
    await Promise.all(all);
    expect(sent.map((r) => r.posts.length)).toEqual([0, 300, 200]);
  });
});
