/**
 * `npm run bench`: builds the extension into .output-bench/, then measures, in Debian's Chromium,
 * 1. page overhead (bench/overhead.ts), 2. bundle sizes (bench/bundle.ts), 3. ingest latency and
 * storage (bench/store.ts), 4. popup and dashboard (bench/views.ts); prints the figures and writes
 * bench/results/<date>.json, bench/results/latest.json and docs/PERFORMANCE.md.
 *
 * `--quick`: fewer rounds, results in bench/results/quick-latest.json only. See docs/PERFORMANCE.md.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { type BundleSizes, measureBundles } from './bundle';
import { type BenchBrowser, CHROMIUM, launchBench } from './lib/browser';
import { type MachineInfo, machineInfo } from './lib/machine';
import { evaluateTargets, type Target } from './lib/targets';
import {
  measureOverhead,
  type OverheadCase,
  type OverheadOptions,
  type RunResult,
  type Site,
  summarizeRuns,
  waitForBackground,
} from './overhead';
import { measureReader } from './reader';
import { renderMarkdown } from './report';
import { measureStore, type StoreResult } from './store';
import { measureViews, type ViewsResult } from './views';

export interface BenchResults {
  date: string;
  mode: 'full' | 'quick' | 'diag';
  machine: MachineInfo;
  build: { dir: string; identicalToUserBuild: boolean; note: string };
  options: Record<string, unknown>;
  overhead?: { options: Omit<OverheadOptions, 'log'>; cases: OverheadCase[]; runs: RunResult[] };
  bundle?: BundleSizes;
  store?: StoreResult;
  views?: ViewsResult;
  extensionRequests: string[];
  targets: Target[];
  findings: string[];
  durationS: number;
}

type Part = 'page' | 'bundle' | 'store' | 'views';

function args() {
  const a = process.argv.slice(2);
  const get = (name: string) => a.find((x) => x.startsWith(`--${name}=`))?.split('=')[1];
  const quick = a.includes('--quick');
  const diag = a.includes('--diag');
  const only = (get('only')?.split(',') ?? ['page', 'bundle', 'store', 'views']) as Part[];
  return {
    quick,
    diag,
    noBuild: a.includes('--no-build'),
    only,
    rounds: Number(get('rounds') ?? (quick ? 2 : 5)),
    sizes: (get('sizes') ?? '1000,2000').split(',').map(Number),
    sites: (get('sites') ?? 'vk,instagram').split(',') as Site[],
    intervalMs: Number(get('interval') ?? 50),
    settleMs: Number(get('settle') ?? 2500),
    accounts: Number(get('accounts') ?? 500),
    days: Number(get('days') ?? 730),
    /** another build of the extension (a folder with its manifest.json): page overhead of this build against it */
    against: get('against') ?? null,
    /** `--overlay=off`: the page overhead with the in-page overlay turned off in the settings (the reader alone) */
    overlayOff: get('overlay') === 'off',
    /**
     * Some of the run only (parts, sites, sizes, rounds, store, pace other than the defaults above):
     * its few figures must not take the place of the last full run's in docs/PERFORMANCE.md.
     */
    partial: ['only', 'sites', 'sizes', 'rounds', 'accounts', 'days', 'interval', 'settle'].some((n) => get(n) !== undefined),
  };
}

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

function build(outDir: string, bench: boolean, config?: string) {
  const env = { ...process.env, SMM_OUT_DIR: outDir, ...(bench ? { SMM_BENCH: '1' } : {}) };
  const cli = resolve('node_modules/.bin/wxt');
  execFileSync(cli, ['build', ...(config ? ['-c', config] : [])], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** The bench build must be the users' build plus bench.js, byte for byte. */
function compareBuilds(user: string, bench: string): { identical: boolean; note: string } {
  const a = listFiles(user);
  const b = listFiles(bench).filter((f) => f !== 'bench.js');
  const differ = [...new Set([...a, ...b])].filter(
    (f) => !a.includes(f) || !b.includes(f) || !readFileSync(join(user, f)).equals(readFileSync(join(bench, f))),
  );
  return differ.length
    ? { identical: false, note: `differs from the normal build in: ${differ.join(', ')}` }
    : { identical: true, note: 'byte-identical to the normal build (`npm run build`) except the added bench.js' };
}

/** `--render`: docs/PERFORMANCE.md again from bench/results/latest.json (after a change to the report's code). */
function renderOnly() {
  const results = JSON.parse(readFileSync(resolve('bench/results/latest.json'), 'utf8')) as BenchResults;
  if (results.overhead) results.overhead.cases = summarizeRuns(results.overhead.runs);
  results.targets = evaluateTargets({
    overhead: results.overhead?.cases,
    bundle: results.bundle,
    store: results.store,
    views: results.views,
    extensionRequests: results.extensionRequests.length,
  });
  writeFileSync(resolve('docs/PERFORMANCE.md'), renderMarkdown(results));
  log('wrote docs/PERFORMANCE.md from bench/results/latest.json');
}

/**
 * `--reader`: the VK reader alone in an isolated world of the benchmark's wall (bench/reader.ts);
 * no extension build. `--posts=N` (1000), `--pages=N` fresh pages (5), `--reps=N` reads a page (8),
 * `--profile` (unminified; the first reads sampled and printed by function).
 */
async function readerOnly() {
  const a = process.argv.slice(2);
  const get = (name: string) => a.find((x) => x.startsWith(`--${name}=`))?.split('=')[1];
  const o = {
    posts: Number(get('posts') ?? 1000),
    pages: Number(get('pages') ?? 5),
    reps: Number(get('reps') ?? 8),
    profile: a.includes('--profile'),
  };
  const machine = machineInfo(CHROMIUM);
  log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.chromium}, Node ${machine.node}`);
  log(`the VK reader alone: the bench's VK wall of ${o.posts} posts, ${o.pages} fresh pages, ${o.reps} reads each (isolated world)`);
  const b = await launchBench(null);
  try {
    const r = await measureReader(b, { ...o, log });
    log(
      `  first read (cold): median ${r.firstMedianMs} ms (${r.firstUsPerPost} µs a post); later reads (warm): median ${r.warmMedianMs} ms (${r.warmUsPerPost} µs a post)`,
    );
    log(`  the account, read from the whole page of ${r.posts} posts: first ${r.accountFirstMs} ms, later ${r.accountWarmMs} ms`);
    const dir = resolve('bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'reader-latest.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, ...r }, null, 1)}\n`);
    log('wrote bench/results/reader-latest.json (no targets; docs/PERFORMANCE.md and latest.json are left as they are)');
  } finally {
    await b.close();
  }
}

async function main() {
  if (process.argv.includes('--render')) return renderOnly();
  if (process.argv.includes('--reader')) return readerOnly();
  const o = args();
  if (o.against) {
    if (o.only.join() !== 'page') throw new Error('--against compares the page overhead only: use it with --only=page');
    if (!existsSync(join(resolve(o.against), 'manifest.json')))
      throw new Error(
        `--against=${o.against}: no manifest.json there (give a built extension's folder, e.g. another checkout's .output/chrome-mv3)`,
      );
  }
  if (o.overlayOff && o.only.join() !== 'page') throw new Error('--overlay=off measures the page overhead only: use it with --only=page');
  const started = Date.now();
  // SMM_BENCH_OUT_DIR: another folder, for benchmarks run side by side
  const outRoot = resolve(process.env.SMM_BENCH_OUT_DIR ?? '.output-bench');
  const userDir = join(outRoot, 'user', 'chrome-mv3');
  const benchDir = join(outRoot, o.diag ? 'diag' : 'bench', 'chrome-mv3');
  let cmp = { identical: false, note: 'DIAGNOSTIC build (not minified): figures are not the users\u2019' };
  for (let attempt = 1; ; attempt++) {
    if (!o.noBuild) {
      log('building the extension (normal build and the bench build) into .output-bench/ ...');
      build(join(outRoot, 'user'), false);
      build(join(outRoot, o.diag ? 'diag' : 'bench'), true, o.diag ? 'bench/wxt.diag.config.ts' : undefined);
    }
    if (!existsSync(join(benchDir, 'bench.js'))) throw new Error(`${benchDir}/bench.js missing: run without --no-build`);
    if (o.diag) break;
    cmp = compareBuilds(userDir, benchDir);
    // a source file changed between the two builds (someone is editing): build both again
    if (cmp.identical || o.noBuild || attempt >= 3) break;
    log(`  the two builds differ (${cmp.note}); building again`);
  }
  log(`extension: ${relative('.', benchDir)} (${cmp.note})`);
  const machine = machineInfo(CHROMIUM);
  log(
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, ${machine.chromium}, Node ${machine.node}`,
  );

  const results: BenchResults = {
    date: new Date().toISOString(),
    mode: o.diag ? 'diag' : o.quick ? 'quick' : 'full',
    machine,
    build: { dir: relative('.', benchDir), identicalToUserBuild: cmp.identical, note: cmp.note },
    options: o,
    extensionRequests: [],
    targets: [],
    findings: [],
    durationS: 0,
  };

  if (o.only.includes('bundle')) {
    log('\n2. bundle sizes');
    results.bundle = measureBundles(existsSync(userDir) ? userDir : benchDir);
    for (const cs of results.bundle.contentScripts)
      log(`  ${cs.file}: ${cs.gzip.toLocaleString('en-US')} B gzipped (${cs.bytes.toLocaleString('en-US')} B)`);
    for (const p of results.bundle.pages)
      log(`  ${p.page}: JS ${p.js.gzip.toLocaleString('en-US')} B + CSS ${p.css.gzip.toLocaleString('en-US')} B gzipped`);
  }

  let withExt: BenchBrowser | null = null;
  let without: BenchBrowser | null = null;
  try {
    if (o.only.some((p) => p !== 'bundle')) withExt = await launchBench(benchDir);
    if (o.only.includes('store') || o.only.includes('views')) {
      log(`\n3. background: ${o.accounts} accounts x ${o.days} days`);
      results.store = await measureStore(withExt as BenchBrowser, {
        accounts: o.accounts,
        days: o.days,
        ingests: o.quick ? { visit: 40, account: 20, post: 20 } : { visit: 150, account: 60, post: 60 },
        log,
      });
      log(
        `  storage: ${(results.store.bytesPerAccountYear.mean / 1024).toFixed(1)} KiB per account per year (records); ` +
          `getBytesInUse ${(results.store.usage.bytesInUse / 2 ** 20).toFixed(1)} MiB`,
      );
    }
    if (o.only.includes('page')) {
      if (o.overlayOff && withExt) {
        // as a user who turned the badges off (Settings): the readers and the store work as ever
        // lib/settings.ts SETTINGS_KEY (that module needs an extension to load); the other fields
        // take their defaults, as the settings schema fills a stored value field by field
        await (withExt.worker as NonNullable<BenchBrowser['worker']>).evaluate(() =>
          chrome.storage.local.set({ settings: { overlay: { vk: false, instagram: false } } }),
        );
        log('\nthe in-page overlay is turned off in the settings (--overlay=off)');
      }
      // the browser without the extension, or with the other build of an A/B run
      const launchOther = () => launchBench(o.against ? resolve(o.against) : null, { baseline: Boolean(o.against) });
      without = await launchOther();
      log(
        o.against
          ? `\n1. page overhead, A/B: ${o.sites.join(', ')} x ${o.sizes.join('/')} posts x ${o.rounds} rounds, this build ("with") against ${o.against} ("against")`
          : `\n1. page overhead: ${o.sites.join(', ')} x ${o.sizes.join('/')} posts x ${o.rounds} rounds, with and without the extension`,
      );
      const opts: OverheadOptions = {
        sizes: o.sizes,
        rounds: o.rounds,
        intervalMs: o.intervalMs,
        settleMs: o.settleMs,
        sites: o.sites,
        log,
      };
      // In A/A runs (the same build in both browsers) the browser launched first ran its pages a
      // little faster (paired 0.963-0.987). So half the rounds run as launched, then both browsers
      // are launched again the other way round (this build's on the profile it had: its store
      // stays) for the other half.
      const half = o.rounds >= 2 ? Math.ceil(o.rounds / 2) : o.rounds;
      const runs = await measureOverhead(withExt as BenchBrowser, without, { ...opts, rounds: half });
      if (half < o.rounds && withExt) {
        log(`  rounds ${half + 1}-${o.rounds}: the two browsers launched again, the other first`);
        const earlier = withExt.extensionRequests;
        const profile = withExt.userDataDir;
        await withExt.close(true);
        await without.close();
        without = await launchOther();
        withExt = await launchBench(benchDir, { userDataDir: profile });
        withExt.extensionRequests.unshift(...earlier);
        runs.push(...(await measureOverhead(withExt, without, { ...opts, rounds: o.rounds - half, firstRound: half })));
      }
      const { log: _log, ...plain } = opts;
      results.overhead = { options: plain, cases: summarizeRuns(runs), runs };
      for (const c of results.overhead.cases) {
        if (o.against) {
          const pairs = c.roundCpuMs.map(([a, b]) => `${Math.round(a)}/${Math.round(b)}`);
          log(
            `  ${c.site} ${c.size}: this build / the other: ${c.cpuRatio.toFixed(3)}x main-thread CPU (${c.withCpuMs} vs ${c.withoutCpuMs} ms, ` +
              `${c.overheadCpuMs > 0 ? '+' : ''}${c.overheadCpuMs} ms), paired ${c.pairedCpuRatio.toFixed(3)}x; per round (this/other): ${pairs.join(', ')}`,
          );
          continue;
        }
        log(
          `  ${c.site} ${c.size}: ${c.cpuRatio.toFixed(2)}x main-thread CPU (${c.withCpuMs} vs ${c.withoutCpuMs} ms), extension ${c.extCpuMs} ms, ` +
            `longest extension part of a task ${c.maxExtCpuInTaskMs} ms CPU`,
        );
      }
    }
    if (o.only.includes('views')) {
      log('\n4. views');
      // the background may still be storing the last page's reports
      if (withExt) await waitForBackground(withExt, 120_000);
      results.views = await measureViews(withExt as BenchBrowser, {
        accounts: o.accounts,
        popupRuns: o.quick ? 5 : 15,
        dashboardRuns: o.quick ? 2 : 5,
        log,
      });
    }
    results.extensionRequests = withExt?.extensionRequests ?? [];
  } finally {
    await withExt?.close();
    await without?.close();
  }

  if (o.against || o.overlayOff) {
    // An A/B run measures a change, the overlay off a variant (not the product as installed): no
    // targets; their figures go to a file of their own (an A/B with the overlay off too: its "with"
    // side has the badges off, the other build's on).
    const name = o.against ? 'ab-latest.json' : 'overlay-off-latest.json';
    const dir = resolve('bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), `${JSON.stringify(results, null, 1)}\n`);
    log(
      `\nwrote bench/results/${name} (${o.against ? 'A/B run' : 'overlay off'}: no targets; docs/PERFORMANCE.md and latest.json are left as they are)`,
    );
    return;
  }
  results.targets = evaluateTargets({
    overhead: results.overhead?.cases,
    bundle: results.bundle,
    store: results.store,
    views: results.views,
    extensionRequests: withExt ? results.extensionRequests.length : undefined,
  });
  results.durationS = Math.round((Date.now() - started) / 1000);
  results.machine.loadAverageEnd = loadavg().map((x) => Math.round(x * 100) / 100);
  log('\ntargets:');
  for (const t of results.targets)
    log(`  ${t.met === null ? '      ' : t.met ? 'met   ' : 'MISSED'} ${t.what}: ${t.value} (target ${t.target})`);

  if (o.diag) {
    const { profileTotals } = await import('./lib/trace');
    const top = (m: Map<string, number>) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 70)
        .map(([f, n]) => `    ${((100 * n) / profileTotals.samples).toFixed(1).padStart(5)} %  ${f}`)
        .join('\n');
    log(`\nextension samples: ${profileTotals.samples}; by function on the stack (inclusive):\n${top(profileTotals.inclusive)}`);
    log(`\nby leaf frame:\n${top(profileTotals.leaf)}`);
    log(`\nby leaf frame, in the innermost extension function:\n${top(profileTotals.leafIn)}`);
    log('\n--diag: figures not written');
    return;
  }
  const dir = resolve('bench/results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 1)}\n`;
  if (o.quick) {
    writeFileSync(join(dir, 'quick-latest.json'), json);
    log('\nwrote bench/results/quick-latest.json (quick mode: docs/PERFORMANCE.md and latest.json are left as they are)');
  } else if (o.partial) {
    writeFileSync(join(dir, 'partial-latest.json'), json);
    log('\nwrote bench/results/partial-latest.json (not a run of everything: docs/PERFORMANCE.md and latest.json are left as they are)');
  } else {
    const stamp = results.date.slice(0, 16).replace(/:/g, '-');
    writeFileSync(join(dir, `${stamp}.json`), json);
    writeFileSync(join(dir, 'latest.json'), json);
    writeFileSync(resolve('docs/PERFORMANCE.md'), renderMarkdown(results));
    log(`\nwrote bench/results/${stamp}.json, bench/results/latest.json and docs/PERFORMANCE.md (${results.durationS} s)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
