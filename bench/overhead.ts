/**
 * Page overhead: the synthetic VK wall and Instagram profile (bench/pages) grow to N posts by their
 * own infinite-scroll script, in Chromium with the built extension and in Chromium without it,
 * alternating, several rounds. Each run traces the page (Tracing: toplevel, devtools.timeline and
 * the V8 sampling profiler) and reads the page's Performance metrics (thread CPU time) before and
 * after; see bench/lib/trace.ts for what counts as the extension's time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { CDPSession } from '@playwright/test';
import type { BenchBrowser } from './lib/browser';
import { median, round, sleep } from './lib/stats';
import { summarizeTrace, type TraceEvent, type TraceSummary } from './lib/trace';
import { IG_BATCH, IG_GRAPHQL, IG_URL, igBatchJson, igMedia, instagramPage } from './pages/instagram';
import { VK_URL, vkPage } from './pages/vk';

export type Site = 'vk' | 'instagram';

export interface OverheadOptions {
  sizes: number[];
  rounds: number;
  intervalMs: number;
  settleMs: number;
  sites: Site[];
  log: (line: string) => void;
  /** the number of the first round (rounds after the two browsers were launched again) */
  firstRound?: number;
}

export interface RunResult {
  site: Site;
  size: number;
  extension: boolean;
  round: number;
  posts: number;
  /** the overlay's anchors (post and account badges) on the page at the end */
  badges: number;
  wallMs: number;
  /** how long the background still worked on the page's reports after the page was done (ms) */
  drainMs: number;
  /** Performance.getMetrics deltas over the run (thread time), ms */
  metrics: Record<string, number>;
  trace: TraceSummary;
  requests: number;
}

const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
].join(',');

const SITES: Record<Site, { url: string; blank: string; html: (n: number, interval: number) => string }> = {
  vk: { url: VK_URL, blank: 'https://vk.com/feed', html: vkPage },
  instagram: { url: IG_URL, blank: 'https://www.instagram.com/explore/', html: instagramPage },
};

async function readMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

async function stopTracing(cdp: CDPSession): Promise<TraceEvent[]> {
  const complete = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  if (!stream) throw new Error('no trace stream');
  const parts: string[] = [];
  for (;;) {
    const r = (await cdp.send('IO.read', { handle: stream, size: 4 << 20 })) as { data: string; eof: boolean; base64Encoded?: boolean };
    parts.push(r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data);
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(parts.join('')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/** Serve the Instagram page's `/graphql/query` batches (the page's own infinite scroll). */
export function installInstagramApi(b: BenchBrowser, maxPosts: number): void {
  const media = igMedia(maxPosts);
  b.handlers.set(IG_GRAPHQL, async (route) => {
    const body = route.request().postData() ?? '';
    const vars = /variables=([^&]*)/.exec(body);
    let from = 0;
    try {
      from = Number(/^c(\d+)$/.exec(JSON.parse(decodeURIComponent(vars?.[1] ?? '{}')).after ?? '')?.[1] ?? 0);
    } catch {
      from = 0;
    }
    await route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: igBatchJson(media, from) });
  });
}

/** Wait until the extension's store lock is neither held nor waited for, twice 300 ms apart. Returns the time waited. */
export async function waitForBackground(b: BenchBrowser, maxMs: number): Promise<number> {
  const t0 = Date.now();
  let quiet = 0;
  while (Date.now() - t0 < maxMs) {
    const worker = b.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${b.extensionId}/`));
    let busy = true;
    try {
      busy = worker
        ? await worker.evaluate(async () => {
            const q = await navigator.locks.query();
            return (q.held?.length ?? 0) + (q.pending?.length ?? 0) > 0;
          })
        : false;
    } catch {
      busy = false; // the worker is being restarted
    }
    quiet = busy ? 0 : quiet + 1;
    if (quiet >= 2) break;
    await sleep(300);
  }
  return Date.now() - t0;
}

export async function runPage(b: BenchBrowser, site: Site, size: number, roundNo: number, o: OverheadOptions): Promise<RunResult> {
  const s = SITES[site];
  b.pages.set(s.url, s.html(size, o.intervalMs));
  b.pages.set(s.blank, '<!doctype html><html><head><title>blank</title></head><body></body></html>');
  const requestsBefore = b.pageRequests;
  const page = await b.context.newPage();
  try {
    // A same-site page first, so the measured page gets the renderer whose metrics we read.
    await page.goto(s.blank);
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await sleep(300);
    const before = await readMetrics(cdp);
    await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReturnAsStream' });
    const t0 = Date.now();
    await page.goto(s.url, { waitUntil: 'load' });
    const expectedMs = (size / (site === 'vk' ? 10 : IG_BATCH)) * o.intervalMs;
    await page.waitForFunction(() => (window as unknown as { __benchDone?: unknown }).__benchDone, null, {
      polling: 500,
      timeout: Math.max(60_000, expectedMs * 4),
    });
    const wallMs = Date.now() - t0;
    // With the extension: wait until the background has stored every report (its store lock is
    // free twice in a row), so the page's handling of the replies is measured too.
    const drainMs = b.loaded ? await waitForBackground(b, 120_000) : 0;
    await sleep(o.settleMs);
    const posts = await page.evaluate(() => (window as unknown as { __benchPosts: () => number }).__benchPosts());
    const badges = await page.evaluate(() => document.querySelectorAll('smm-lens-anchor').length);
    const after = await readMetrics(cdp);
    const events = await stopTracing(cdp);
    // SMM_BENCH_TRACE_DIR: keep each run's raw trace (for looking into a figure by hand)
    const traceDir = process.env.SMM_BENCH_TRACE_DIR;
    if (traceDir) {
      mkdirSync(traceDir, { recursive: true });
      writeFileSync(
        `${traceDir}/${site}-${size}-${b.withExtension ? 'with' : b.loaded ? 'against' : 'without'}-${roundNo}.json`,
        JSON.stringify(events),
      );
    }
    const metrics: Record<string, number> = {};
    for (const k of Object.keys(after)) {
      if (/Duration$|^ProcessTime$|^ThreadTime$/.test(k)) metrics[k] = round((after[k] - (before[k] ?? 0)) * 1000, 2);
    }
    metrics.JSHeapUsedSizeMB = round(after.JSHeapUsedSize / 1048576, 1);
    // What stays on the page's JS heap (the page's world and the extension's isolated world share
    // it): two full garbage collections after the trace ended (not measured as the page's time).
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    metrics.JSHeapAfterGcMB = round(heap.usedSize / 1048576, 2);
    metrics.Nodes = after.Nodes;
    const trace = summarizeTrace(events, s.url, b.extensionId);
    return {
      site,
      size,
      extension: b.withExtension,
      round: roundNo,
      posts,
      badges,
      wallMs,
      drainMs,
      metrics,
      trace,
      requests: b.pageRequests - requestsBefore,
    };
  } finally {
    await page.close();
  }
}

export interface OverheadCase {
  site: Site;
  size: number;
  runs: number;
  /** medians, ms (CPU = thread time from the trace; metric = Performance.getMetrics TaskDuration in thread time) */
  withCpuMs: number;
  withoutCpuMs: number;
  cpuRatio: number;
  /** withCpuMs - withoutCpuMs: all the main-thread time the extension adds (its scripts, the rendering of what it adds, GC, messages) */
  overheadCpuMs: number;
  /** median of the per-round ratios (each round's runs are back to back) */
  pairedCpuRatio: number;
  /** each round's main-thread CPU, ms: [with, without] */
  roundCpuMs: Array<[number, number]>;
  withWallMs: number;
  withoutWallMs: number;
  wallRatio: number;
  withMetricTaskMs: number;
  withoutMetricTaskMs: number;
  metricRatio: number;
  withScriptMs: number;
  withoutScriptMs: number;
  /** the extension's own time on the page's main thread (median per run): wall (events or samples) and thread CPU */
  extMs: number;
  extCpuMs: number;
  /** extCpuMs / withCpuMs */
  extShare: number;
  /** where the extension's time goes (sampled, summed over the runs with the extension, per run) */
  hotFunctions: Array<[string, number]>;
  extByScript: Record<string, number>;
  /** worst over all runs */
  maxExtInTaskMs: number;
  maxExtCpuInTaskMs: number;
  longTasksByExtension: number;
  longTasksWith: number;
  longTasksWithout: number;
  longestTaskWithExtMs: number;
  extTailMs: number;
  postsShown: number;
  /** median time the background needed after the page was done */
  drainMs: number;
  /** the page's JS heap after two full garbage collections at the end of a run, median, MB (with / without) */
  heapWithMB: number;
  heapWithoutMB: number;
  /** what the page's main thread did (ms thread CPU, median per run), by trace event right under the tasks */
  breakdownWith: Record<string, number>;
  breakdownWithout: Record<string, number>;
  requestsWith: number;
  requestsWithout: number;
}

function medianBreakdown(runs: RunResult[]): Record<string, number> {
  const keys = new Set(runs.flatMap((r) => Object.keys(r.trace.breakdown ?? {})));
  const out = [...keys].map((k) => [k, round(median(runs.map((r) => r.trace.breakdown?.[k] ?? 0)))] as [string, number]);
  return Object.fromEntries(out.sort((a, b) => b[1] - a[1]));
}

export function summarizeRuns(runs: RunResult[]): OverheadCase[] {
  const keys = [...new Set(runs.map((r) => `${r.site}:${r.size}`))];
  return keys.map((key) => {
    const [site, sizeText] = key.split(':');
    const size = Number(sizeText);
    const mine = runs.filter((r) => r.site === site && r.size === size);
    const w = mine.filter((r) => r.extension);
    const wo = mine.filter((r) => !r.extension);
    const m = (xs: RunResult[], f: (r: RunResult) => number) => median(xs.map(f));
    const cpu = (r: RunResult) => r.trace.taskCpuMs;
    const paired: number[] = [];
    const roundCpuMs: Array<[number, number]> = [];
    for (const r of w) {
      const other = wo.find((x) => x.round === r.round);
      if (other && cpu(other) > 0) {
        paired.push(cpu(r) / cpu(other));
        roundCpuMs.push([round(cpu(r)), round(cpu(other))]);
      }
    }
    const scripts = new Set(w.flatMap((r) => Object.keys(r.trace.extByScript)));
    const withCpuMs = m(w, cpu);
    const withoutCpuMs = m(wo, cpu);
    const extMs = m(w, (r) => r.trace.extMs);
    const extCpuMs = m(w, (r) => r.trace.extCpuMs);
    const hot = new Map<string, number>();
    for (const r of w) for (const [f, v] of r.trace.hotExt) hot.set(f, (hot.get(f) ?? 0) + v / w.length);
    return {
      site: site as Site,
      size,
      runs: w.length,
      withCpuMs: round(withCpuMs),
      withoutCpuMs: round(withoutCpuMs),
      cpuRatio: round(withCpuMs / withoutCpuMs, 3),
      overheadCpuMs: round(withCpuMs - withoutCpuMs),
      pairedCpuRatio: round(median(paired), 3),
      roundCpuMs,
      withWallMs: round(m(w, (r) => r.trace.taskMs)),
      withoutWallMs: round(m(wo, (r) => r.trace.taskMs)),
      wallRatio: round(m(w, (r) => r.trace.taskMs) / m(wo, (r) => r.trace.taskMs), 3),
      withMetricTaskMs: round(m(w, (r) => r.metrics.TaskDuration)),
      withoutMetricTaskMs: round(m(wo, (r) => r.metrics.TaskDuration)),
      metricRatio: round(m(w, (r) => r.metrics.TaskDuration) / m(wo, (r) => r.metrics.TaskDuration), 3),
      withScriptMs: round(m(w, (r) => r.metrics.ScriptDuration)),
      withoutScriptMs: round(m(wo, (r) => r.metrics.ScriptDuration)),
      extMs: round(extMs),
      extCpuMs: round(extCpuMs),
      extShare: round(extCpuMs / withCpuMs, 3),
      hotFunctions: [...hot]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([f, v]) => [f, round(v)]),
      extByScript: Object.fromEntries([...scripts].map((s) => [s, round(m(w, (r) => r.trace.extByScript[s] ?? 0))])),
      maxExtInTaskMs: round(Math.max(0, ...w.map((r) => r.trace.maxExtInTaskMs))),
      maxExtCpuInTaskMs: round(Math.max(0, ...w.map((r) => r.trace.maxExtCpuInTaskMs))),
      longTasksByExtension: w.reduce((n, r) => n + r.trace.longTasksByExtension, 0),
      longTasksWith: w.reduce((n, r) => n + r.trace.longTasks, 0),
      longTasksWithout: wo.reduce((n, r) => n + r.trace.longTasks, 0),
      longestTaskWithExtMs: round(Math.max(0, ...w.map((r) => r.trace.longestTaskWithExtMs))),
      extTailMs: round(Math.max(0, ...w.map((r) => r.trace.extTailMs))),
      postsShown: Math.min(...mine.map((r) => r.posts)),
      drainMs: round(m(w, (r) => r.drainMs)),
      heapWithMB: round(
        m(w, (r) => r.metrics.JSHeapAfterGcMB ?? 0),
        2,
      ),
      heapWithoutMB: round(
        m(wo, (r) => r.metrics.JSHeapAfterGcMB ?? 0),
        2,
      ),
      breakdownWith: medianBreakdown(w),
      breakdownWithout: medianBreakdown(wo),
      requestsWith: Math.max(0, ...w.map((r) => r.requests)),
      requestsWithout: Math.max(0, ...wo.map((r) => r.requests)),
    };
  });
}

/** All runs: per round, per site and size, with and without the extension in alternating order. */
export async function measureOverhead(withExt: BenchBrowser, without: BenchBrowser, o: OverheadOptions): Promise<RunResult[]> {
  const maxSize = Math.max(...o.sizes);
  installInstagramApi(withExt, maxSize);
  installInstagramApi(without, maxSize);
  const runs: RunResult[] = [];
  let flip = false;
  const first = o.firstRound ?? 0;
  for (let roundNo = first; roundNo < first + o.rounds; roundNo++) {
    for (const site of o.sites) {
      for (const size of o.sizes) {
        const order = flip ? [without, withExt] : [withExt, without];
        flip = !flip;
        for (const b of order) {
          const r = await runPage(b, site, size, roundNo, o);
          runs.push(r);
          o.log(
            `  ${site} ${size} posts ${b.withExtension ? 'with   ' : b.loaded ? 'against' : 'without'} ext, round ${roundNo + 1}: main thread ${round1(r.trace.taskCpuMs)} ms CPU ` +
              `(${round1(r.trace.taskMs)} ms wall, TaskDuration ${round1(r.metrics.TaskDuration)} ms), extension ${round1(r.trace.extCpuMs)} ms CPU, ` +
              `longest extension part of a task ${round1(r.trace.maxExtCpuInTaskMs)} ms CPU (${round1(r.trace.maxExtInTaskMs)} wall), ${r.posts} posts` +
              (b.loaded ? `, ${r.badges} badges on the page at the end` : '') +
              (r.drainMs > 1000 ? `, background busy ${round1(r.drainMs / 1000)} s more` : ''),
          );
          // a long extension part: what ran in that task (events by name, the extension's functions)
          const m = r.trace.maxTask;
          if (m && m.extCpuMs >= 30)
            o.log(
              `    that task (${m.cpuMs} ms CPU): ${m.events.map(([n, ms]) => `${n} ${ms}`).join(', ')}; extension functions: ${m.frames.map(([n, ms]) => `${n} ${ms}`).join(', ')}`,
            );
        }
      }
    }
  }
  return runs;
}

const round1 = (x: number) => round(x, 1);
