/**
 * Background: the big store (bench/lib/generate.ts) written into the extension's real storage
 * through the store's import path, single-ingest latency through the background's own handler,
 * and storage bytes per account per year. Runs in the benchmark's extension page (bench.js, built
 * only with SMM_BENCH=1) of the browser that has the extension.
 */
import type { Page } from '@playwright/test';
import { compactRecord, DEFAULT_HISTORY_OPTIONS } from '../lib/store/history';
import { encodeAccount } from '../lib/store/layout';
import type { BenchBrowser } from './lib/browser';
import { accountSpecs, type GeneratedAccount, generateRecord } from './lib/generate';
import type { GenerateResult, IngestKind, IngestTiming, StorageUsage } from './lib/page-api';
import { median, percentile, round } from './lib/stats';
import { IG_HANDLE, IG_URL } from './pages/instagram';
import { VK_ID, VK_URL } from './pages/vk';

export const FIXED_ACCOUNTS: GeneratedAccount[] = [
  { platform: 'instagram', id: IG_HANDLE, handle: IG_HANDLE, name: 'Northwind Coffee', url: IG_URL },
  { platform: 'vk', id: VK_ID, handle: 'citycafe', name: 'Городское кафе', url: VK_URL },
];

export interface StoreOptions {
  accounts: number;
  days: number;
  ingests: Record<IngestKind, number>;
  log: (line: string) => void;
}

export interface LatencyStats {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  failures: number;
}

export interface StoreResult {
  accounts: number;
  days: number;
  generateMs: number;
  writeMs: number;
  posts: number;
  snapshots: number;
  observations: number;
  comments: number;
  /** UTF-8 JSON bytes of the records */
  recordBytes: { total: number; median: number; mean: number; max: number };
  bytesPerAccountYear: { mean: number; median: number };
  usage: StorageUsage;
  /** chrome.storage.local.getBytesInUse / accounts / years */
  bytesInUsePerAccountYear: number;
  ingest: Record<IngestKind, LatencyStats>;
  /** one ingest's parts, each timed alone (median over several accounts), ms; and bytes */
  breakdown: Record<string, number>;
  whatIf: WhatIf;
}

export interface WhatIf {
  sample: number;
  /** per account per year: the JSON text of the records as the store keeps them (after compaction), before packing */
  plain: number;
  /** ... as stored: heads and chunks packed (lib/store/layout.ts pack) */
  packed: number;
  /** ... as stored, if old and new posts kept no comment samples (not done: S9 needs them) */
  packedNoComments: number;
  /** share of the plain JSON that is posts (vs identity and snapshots) */
  postsShare: number;
}

type BenchWindow = Window & {
  smmBench: {
    ready: boolean;
    clear(): Promise<void>;
    generate(o: unknown): Promise<GenerateResult>;
    prepare(indices: number[], k: IngestKind): Promise<void>;
    breakdown(index: number): Promise<Record<string, number>>;
    ingest(i: number, k: IngestKind): Promise<IngestTiming>;
    usage(): Promise<StorageUsage>;
    settle(): Promise<number>;
  };
};

/** An extension page with bench.js loaded (window.smmBench). */
export async function benchPage(b: BenchBrowser): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/_locales/en/messages.json`);
  await page.addScriptTag({ url: `chrome-extension://${b.extensionId}/bench.js` });
  await page.waitForFunction(() => (window as unknown as BenchWindow).smmBench?.ready === true);
  return page;
}

function stats(xs: IngestTiming[]): LatencyStats {
  const ms = xs.filter((x) => x.ok).map((x) => x.ms);
  return {
    n: ms.length,
    p50: round(percentile(ms, 50), 2),
    p95: round(percentile(ms, 95), 2),
    max: round(Math.max(...ms), 2),
    mean: round(ms.reduce((a, b) => a + b, 0) / ms.length, 2),
    failures: xs.length - ms.length,
  };
}

/** Where the bytes go (computed in Node on a sample of generated accounts, as the store compacts and packs them). */
export function whatIf(days: number, sample = 40): WhatIf {
  const now = Date.now();
  const opts = { accounts: sample, days, now, fixed: [] };
  const specs = accountSpecs(opts);
  let plain = 0;
  let packed = 0;
  let packedNoComments = 0;
  let posts = 0;
  for (let i = 0; i < specs.length; i++) {
    const rec = generateRecord(specs[i], i, opts);
    compactRecord(rec, Math.floor(now / 1000), DEFAULT_HISTORY_OPTIONS);
    plain += JSON.stringify(rec).length;
    posts += JSON.stringify(rec.p).length;
    packed += encodeAccount(rec).bytes;
    for (const p of Object.values(rec.p)) delete p.c;
    packedNoComments += encodeAccount(rec).bytes;
  }
  const years = days / 365;
  const per = (x: number) => Math.round(x / specs.length / years);
  return {
    sample: specs.length,
    plain: per(plain),
    packed: per(packed),
    packedNoComments: per(packedNoComments),
    postsShare: round(posts / plain, 3),
  };
}

export async function measureStore(b: BenchBrowser, o: StoreOptions): Promise<StoreResult> {
  const page = await benchPage(b);
  try {
    await page.evaluate(() => (window as unknown as BenchWindow).smmBench.clear());
    o.log(
      `  generating ${o.accounts} accounts x ${o.days} days with the store's own helpers, writing them through the store's import path ...`,
    );
    const gen = await page.evaluate((args) => (window as unknown as BenchWindow).smmBench.generate(args), {
      accounts: o.accounts,
      days: o.days,
      now: Date.now(),
      fixed: FIXED_ACCOUNTS,
      chunk: 25,
    });
    o.log(`  generated in ${round(gen.generateMs / 1000)} s, written in ${round(gen.writeMs / 1000)} s`);
    const usage = await page.evaluate(() => (window as unknown as BenchWindow).smmBench.usage());
    const years = o.days / 365;
    const rb = gen.recordBytes;
    const ingest = {} as Record<IngestKind, LatencyStats>;
    for (const kind of ['visit', 'account', 'post'] as IngestKind[]) {
      const n = o.ingests[kind];
      if (!n) continue;
      const timings: IngestTiming[] = [];
      // warm-up: the first calls compile the code paths
      for (let i = 0; i < 3; i++)
        await page.evaluate(([idx, k]) => (window as unknown as BenchWindow).smmBench.ingest(idx, k), [400 + i, kind] as [
          number,
          IngestKind,
        ]);
      const indices = Array.from({ length: n }, (_, i) => (i * 37 + (kind === 'visit' ? 0 : kind === 'account' ? 11 : 23)) % o.accounts);
      await page.evaluate(([ids, k]) => (window as unknown as BenchWindow).smmBench.prepare(ids, k), [indices, kind] as [
        number[],
        IngestKind,
      ]);
      for (const index of indices) {
        timings.push(
          await page.evaluate(([idx, k]) => (window as unknown as BenchWindow).smmBench.ingest(idx, k), [index, kind] as [
            number,
            IngestKind,
          ]),
        );
      }
      ingest[kind] = stats(timings);
      const failed = timings.find((t) => !t.ok);
      o.log(
        `  ingest of ${kind === 'visit' ? 'a profile visit (account + newest posts)' : kind === 'account' ? 'an account reading' : 'one post'}: ` +
          `p50 ${ingest[kind].p50} ms, p95 ${ingest[kind].p95} ms, max ${ingest[kind].max} ms (n=${ingest[kind].n})${failed ? `; failed: ${failed.error}` : ''}`,
      );
    }
    const parts: Array<Record<string, number>> = [];
    for (let i = 0; i < 9; i++) {
      parts.push(await page.evaluate((idx) => (window as unknown as BenchWindow).smmBench.breakdown(idx), (i * 53 + 5) % o.accounts));
    }
    const breakdown = Object.fromEntries(Object.keys(parts[0]).map((k) => [k, round(median(parts.map((p) => p[k])), 2)]));
    o.log(
      `  one ingest, step by step (median of ${parts.length} accounts): ${Object.entries(breakdown)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ')}`,
    );
    // the summaries and thinning the background does a few seconds after the ingests (lib/store/store.ts
    // scheduleMaintenance), before the views are measured with this store
    const settled = await page.evaluate(() => (window as unknown as BenchWindow).smmBench.settle());
    const after = await page.evaluate(() => (window as unknown as BenchWindow).smmBench.usage());
    o.log(
      `  after the ingests: ${settled} accounts summarised; listAccounts ${round(after.listMs ?? 0)} ms; ${after.withoutSummary} accounts without a summary`,
    );
    const w = whatIf(o.days);
    return {
      accounts: gen.accounts,
      days: o.days,
      generateMs: round(gen.generateMs),
      writeMs: round(gen.writeMs),
      posts: gen.posts,
      snapshots: gen.snapshots,
      observations: gen.observations,
      comments: gen.comments,
      recordBytes: {
        total: rb.reduce((a, c) => a + c, 0),
        median: median(rb),
        mean: Math.round(rb.reduce((a, c) => a + c, 0) / rb.length),
        max: Math.max(...rb),
      },
      bytesPerAccountYear: { mean: Math.round(rb.reduce((a, c) => a + c, 0) / rb.length / years), median: Math.round(median(rb) / years) },
      usage,
      bytesInUsePerAccountYear: Math.round(usage.bytesInUse / usage.accounts / years),
      ingest,
      breakdown,
      whatIf: w,
    };
  } finally {
    await page.close();
  }
}
