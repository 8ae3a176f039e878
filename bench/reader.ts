/**
 * `npm run bench -- --reader`: the VK reader alone, timed in Chromium without the extension. The
 * benchmark's VK wall (bench/pages/vk.ts) grows to N posts; bench/reader-entry.ts, bundled and
 * minified by Vite as the extension's build is, is evaluated in an isolated world of the page (a
 * content script's kind of world: its DOM wrappers cost what the content script's do) and reads
 * every post `reps` times, asking the MAIN-world helper (evaluated in the page's own world) for the
 * views over the extension's bridge. The first read of each page is the reader's code running cold, as on a
 * page just opened; the others are warm. Several fresh pages, medians. Much less noisy than the
 * page-overhead A/B (which measures everything the extension does): for a change to the reader.
 * Writes bench/results/reader-latest.json (no targets).
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
  scriptBytes: number;
}

/** The entry bundled as one IIFE (minified, like the extension's content scripts). */
async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
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
  o: { posts: number; pages: number; reps: number; log: (line: string) => void },
): Promise<ReaderResult> {
  const script = await bundle();
  b.pages.set(VK_URL, vkPage(o.posts, 1));
  const firstMs: number[] = [];
  const warmMs: number[] = [];
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
      const r = await evaluate<{ posts: number; times: number[]; withViews: number }>(`smmReaderBench.vk(${o.reps})`);
      // the views come from the page's data: every post must have them, or the bridge did not work
      if (r.withViews !== r.posts)
        throw new Error(`${r.withViews} of ${r.posts} posts read with their views: the MAIN-world helper did not answer`);
      posts = r.posts;
      firstMs.push(round(r.times[0], 1));
      warmMs.push(round(median(r.times.slice(1)), 1));
      o.log(
        `  page ${i + 1}: ${r.posts} posts; first read ${round(r.times[0], 1)} ms, then ${r.times
          .slice(1)
          .map((t) => Math.round(t))
          .join(' ')} ms`,
      );
    } finally {
      await page.close();
    }
  }
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
  };
}
