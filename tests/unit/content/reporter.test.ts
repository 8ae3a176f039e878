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

  it('a refused report is not remembered as stored', async () => {
    const send = vi.fn(async (): Promise<IngestReply> => ({ ok: false, error: 'quota', message: 'full' }));
    const onReply = vi.fn();
    const reporter = createReporter({ send, sleep: noSleep, onReply });
    await reporter.report(report(igAccount('a', 1), [], 0));
    await reporter.report(report(igAccount('a', 1), [], 0));
    expect(send).toHaveBeenCalledTimes(2);
    expect(onReply).toHaveBeenCalledWith(expect.objectContaining({ ok: false, error: 'quota' }), expect.anything());
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
