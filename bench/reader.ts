/**
 * `npm run bench -- --reader`: the VK reader alone, timed in Chromium without the extension. The
 * benchmark's VK wall (bench/pages/vk.ts) grows to N posts; bench/reader-entry.ts, bundled and
 * minified by Vite as the extension's build is, is evaluated in an isolated world of the page (a
 * content script's kind of world: its DOM wrappers cost what the content script's do) and reads
 * every post `reps` times, asking the MAIN-world helper (evaluated in the page's own world) for the
 * views over the extension's bridge. The first read of each page is the reader's code running cold, as on a
 * page just opened; the others are warm. Several fresh pages, medians. Much less noisy than the
 * page-overhead A/B (which measures everything the extension does): for a change to the reader.
 * Writes bench/results/reader-latest.json (no targets). `--profile`: the bundle unminified and the
 * first read of each page sampled (50 µs), printed by function; its times are the profiled ones.
 */
import { resolve } from 'node:path';
import { build } from 'vite';
import type { BenchBrowser } from './lib/browser';
import { median, round } from './lib/stats';
import { VK_URL, vkPage } from './pages/vk';

export interface ReaderResult {
  posts: number;
  pages: number;
  reps: number;
  /** per page: the first read (cold), ms */
  firstMs: number[];
  /** per page: the median of the later reads (warm), ms */
  warmMs: number[];
  firstMedianMs: number;
  warmMedianMs: number;
  /** µs a post, from the medians */
  firstUsPerPost: number;
  warmUsPerPost: number;
  /** the wall's account read from the whole page, after the posts: first and later reads (medians over the pages), ms */
  accountFirstMs: number;
  accountWarmMs: number;
  scriptBytes: number;
}

/** The entry bundled as one IIFE (minified, like the extension's content scripts; not with `profile`). */
async function bundle(minify: boolean): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify,
      lib: { entry: resolve('bench/reader-entry.ts'), formats: ['iife'], name: 'smmReaderBench', fileName: 'reader' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Array<{ output?: Array<{ type: string; code?: string }> }>;
  const chunk = outputs.flatMap((o) => o.output ?? []).find((c) => c.type === 'chunk');
  if (!chunk?.code) throw new Error('bench/reader-entry.ts: no bundle');
  return chunk.code;
}

export async function measureReader(
  b: BenchBrowser,
  o: { posts: number; pages: number; reps: number; profile?: boolean; log: (line: string) => void },
): Promise<ReaderResult> {
  const script = await bundle(!o.profile);
  const profiles: CpuProfile[] = [];
  b.pages.set(VK_URL, vkPage(o.posts, 1));
  const firstMs: number[] = [];
  const warmMs: number[] = [];
  const accountFirst: number[] = [];
  const accountWarm: number[] = [];
  let posts = 0;
  for (let i = 0; i < o.pages; i++) {
    const page = await b.context.newPage();
    try {
      await page.goto(VK_URL, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as unknown as { __benchDone?: unknown }).__benchDone, null, {
        polling: 100,
        timeout: 120_000,
      });
      const cdp = await b.context.newCDPSession(page);
      const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
      const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
        frameId: frameTree.frame.id,
        worldName: 'smm-lens-reader-bench',
      })) as { executionContextId: number };
      const evaluate = async <T>(expression: string): Promise<T> => {
        const r = (await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true })) as {
          result: { value?: T };
          exceptionDetails?: { text: string; exception?: { description?: string } };
        };
        if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
        return r.result.value as T;
      };
      // the MAIN-world helper in the page's world, the reader in the isolated one
      await page.evaluate(`${script};smmReaderBench.installMain()`);
      await evaluate(script);
      if (o.profile) {
        // the first read, sampled every 50 µs (the later reads are not profiled)
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
        await cdp.send('Profiler.start');
      }
      const first = await evaluate<{ posts: number; times: number[]; withViews: number }>('smmReaderBench.vk(1)');
      if (o.profile) profiles.push(((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile);
      const later = await evaluate<{ posts: number; times: number[]; withViews: number }>(`smmReaderBench.vk(${o.reps - 1})`);
      const r = { posts: first.posts, withViews: Math.min(first.withViews, later.withViews), times: [...first.times, ...later.times] };
      // the views come from the page's data: every post must have them, or the bridge did not work
      if (r.withViews !== r.posts)
        throw new Error(`${r.withViews} of ${r.posts} posts read with their views: the MAIN-world helper did not answer`);
      posts = r.posts;
      const acc = await evaluate<{ found: boolean; times: number[] }>(`smmReaderBench.account(${o.reps})`);
      if (!acc.found) throw new Error("the wall's account was read without its followers");
      accountFirst.push(round(acc.times[0], 2));
      accountWarm.push(round(median(acc.times.slice(1)), 2));
      firstMs.push(round(r.times[0], 1));
      warmMs.push(round(median(r.times.slice(1)), 1));
      o.log(
        `  page ${i + 1}: ${r.posts} posts, first read ${round(r.times[0], 1)} ms, then ${r.times
          .slice(1)
          .map((t) => Math.round(t))
          .join(' ')} ms; the account ${round(acc.times[0], 1)} ms, then ${round(median(acc.times.slice(1)), 1)} ms`,
      );
    } finally {
      await page.close();
    }
  }
  if (profiles.length) o.log(profileTable(profiles));
  const firstMedianMs = round(median(firstMs), 1);
  const warmMedianMs = round(median(warmMs), 1);
  return {
    posts,
    pages: o.pages,
    reps: o.reps,
    firstMs,
    warmMs,
    firstMedianMs,
    warmMedianMs,
    firstUsPerPost: round((1000 * firstMedianMs) / Math.max(1, posts), 1),
    warmUsPerPost: round((1000 * warmMedianMs) / Math.max(1, posts), 1),
    scriptBytes: script.length,
    accountFirstMs: round(median(accountFirst), 2),
    accountWarmMs: round(median(accountWarm), 2),
  };
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** `--profile`: the first reads' samples by function, self and inclusive (unminified bundle: real names). */
function profileTable(profiles: CpuProfile[]): string {
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const name = (id: number) => {
      const f = byId.get(id)?.callFrame;
      return f ? `${f.functionName || '(anonymous)'}:${f.lineNumber + 1}` : '?';
    };
    for (const s of p.samples) {
      const top = name(s);
      if (top.startsWith('(idle)') || top.startsWith('(program)') || top.startsWith('(root)')) continue;
      total++;
      self.set(top, (self.get(top) ?? 0) + 1);
      const seen = new Set<string>();
      for (let id: number | undefined = s; id !== undefined; id = parent.get(id)) {
        const k = name(id);
        if (!seen.has(k)) incl.set(k, (incl.get(k) ?? 0) + 1);
        seen.add(k);
      }
    }
  }
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([k, v]) => `    ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  return `  the first reads' samples (${total}), by function on the stack (inclusive):\n${top(incl)}\n  by leaf frame:\n${top(self)}`;
}
