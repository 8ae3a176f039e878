import type { BundleSizes } from '../bundle';
import type { OverheadCase } from '../overhead';
import type { StoreResult } from '../store';
import type { ViewsResult } from '../views';

export interface Target {
  area: 'page' | 'bundle' | 'background' | 'views' | 'privacy';
  what: string;
  target: string;
  value: string;
  /** null: not measured in this run */
  met: boolean | null;
  note?: string;
}

const KIB = 1024;
const kb = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`;
const ms = (x: number) => `${x} ms`;

export function evaluateTargets(r: {
  overhead?: OverheadCase[];
  bundle?: BundleSizes;
  store?: StoreResult;
  views?: ViewsResult;
  extensionRequests?: number;
}): Target[] {
  const out: Target[] = [];
  if (r.overhead?.length) {
    for (const c of r.overhead) {
      out.push({
        area: 'page',
        what: `${c.site}, ${c.size} posts: main-thread time with / without the extension`,
        target: '<= 1.05x',
        value: `${c.cpuRatio.toFixed(2)}x CPU (${c.withCpuMs} / ${c.withoutCpuMs} ms); wall ${c.wallRatio.toFixed(2)}x; TaskDuration ${c.metricRatio.toFixed(2)}x`,
        met: c.cpuRatio <= 1.05,
        note: `added by the extension: ${c.overheadCpuMs} ms of main-thread CPU (${(c.overheadCpuMs / c.size).toFixed(2)} ms a post), of which its scripts ${c.extCpuMs} ms (${(c.extShare * 100).toFixed(0)} % of the page's time with it)`,
      });
    }
    const sites = [...new Set(r.overhead.map((c) => c.site))];
    for (const site of sites) {
      const cases = r.overhead.filter((c) => c.site === site);
      const worstCpu = Math.max(...cases.map((c) => c.maxExtCpuInTaskMs));
      const worstWall = Math.max(...cases.map((c) => c.maxExtInTaskMs));
      const byExt = cases.reduce((n, c) => n + c.longTasksByExtension, 0);
      const withLong = cases.reduce((n, c) => n + c.longTasksWith, 0);
      const withoutLong = cases.reduce((n, c) => n + c.longTasksWithout, 0);
      out.push({
        area: 'page',
        what: `${site}: longest extension work in one task (all runs)`,
        target: '<= 50 ms, and no task over 50 ms caused by the extension',
        value:
          `${worstCpu} ms thread CPU, ${worstWall} ms wall; tasks over 50 ms (wall) in which the extension ran at least half the time: ${byExt} ` +
          `(all tasks over 50 ms: ${withLong} with the extension, ${withoutLong} without)`,
        met: worstCpu <= 50 && byExt === 0,
        note:
          worstWall > 50 && worstCpu <= 50
            ? 'the extension never used more than 50 ms of CPU in one task, but its tasks waited for a core: the 2 cores are shared with the browser, the extension\u2019s own background (storing the reports) and other work on this machine'
            : undefined,
      });
      const sizes = cases.map((c) => c.size).sort((a, b) => a - b);
      if (sizes.length >= 2) {
        const small = cases.find((c) => c.size === sizes[0]) as OverheadCase;
        const big = cases.find((c) => c.size === sizes[sizes.length - 1]) as OverheadCase;
        const factor = big.size / small.size;
        const extGrowth = big.extCpuMs / small.extCpuMs;
        const addedGrowth = big.overheadCpuMs / small.overheadCpuMs;
        const pageGrowth = big.withoutCpuMs / small.withoutCpuMs;
        out.push({
          area: 'page',
          what: `${site}: growth of the extension's work from ${small.size} to ${big.size} posts`,
          target: `about ${factor}x (linear; met up to ${(factor * 1.15).toFixed(1)}x)`,
          value:
            `its scripts ${extGrowth.toFixed(2)}x (${small.extCpuMs} -> ${big.extCpuMs} ms CPU); all it adds (with - without) ` +
            `${addedGrowth.toFixed(2)}x (${small.overheadCpuMs} -> ${big.overheadCpuMs} ms); the page alone ${pageGrowth.toFixed(2)}x`,
          met: extGrowth <= factor * 1.15 && addedGrowth <= factor * 1.15,
        });
      }
    }
  }
  if (r.bundle) {
    for (const cs of r.bundle.contentScripts) {
      out.push({
        area: 'bundle',
        what: `content script ${cs.file} (${cs.world === 'MAIN' ? 'MAIN world' : 'isolated world'}), gzipped`,
        target: '<= 20 KiB (20,480 B)',
        value: `${cs.gzip.toLocaleString('en-US')} B (${kb(cs.gzip)})`,
        met: cs.gzip <= 20 * KIB,
        note: cs.gzip > 20_000 && cs.gzip <= 20 * KIB ? 'within 20 KiB, above 20,000 bytes' : undefined,
      });
    }
    for (const p of r.bundle.pages) {
      out.push({
        area: 'bundle',
        what: `${p.page}: JS and CSS it loads, gzipped`,
        target: 'reported (no target)',
        value: `JS ${p.js.gzip.toLocaleString('en-US')} B, CSS ${p.css.gzip.toLocaleString('en-US')} B, with HTML ${p.total.gzip.toLocaleString('en-US')} B`,
        met: null,
      });
    }
  }
  if (r.store) {
    const v = r.store.ingest.visit;
    if (v) {
      out.push({
        area: 'background',
        what: `ingest of one observation (a profile visit: account + newest posts), ${r.store.accounts}-account store`,
        target: 'p95 <= 20 ms',
        value: `p50 ${ms(v.p50)}, p95 ${ms(v.p95)} (n=${v.n})`,
        met: v.p95 <= 20,
      });
    }
    for (const kind of ['account', 'post'] as const) {
      const k = r.store.ingest[kind];
      if (!k) continue;
      out.push({
        area: 'background',
        what: `ingest of ${kind === 'account' ? 'an account reading alone' : 'one post alone'}`,
        target: 'p95 <= 20 ms',
        value: `p50 ${ms(k.p50)}, p95 ${ms(k.p95)} (n=${k.n})`,
        met: k.p95 <= 20,
      });
    }
    out.push({
      area: 'background',
      what: 'storage per account per year (UTF-8 JSON of the records, as stored)',
      target: '<= 30 KiB',
      value: `${kb(r.store.bytesPerAccountYear.mean)} (mean), ${kb(r.store.bytesPerAccountYear.median)} (median); getBytesInUse: ${kb(r.store.bytesInUsePerAccountYear)}`,
      met: r.store.bytesPerAccountYear.mean <= 30 * KIB,
      note: `as JSON before packing ${kb(r.store.whatIf.plain)} (posts ${(r.store.whatIf.postsShare * 100).toFixed(0)} %); packed ${kb(r.store.whatIf.packed)}; without comment samples (not done: S9 reads them) ${kb(r.store.whatIf.packedNoComments)} (computed on a sample)`,
    });
  }
  if (r.views) {
    out.push({
      area: 'views',
      what: 'popup: opening to the account\u2019s numbers shown',
      target: '<= 150 ms',
      value: `${ms(r.views.popup.median)} median, p95 ${ms(r.views.popup.p95)} (n=${r.views.popup.n})`,
      met: r.views.popup.n > 0 ? r.views.popup.median <= 150 : false,
      note: r.views.popup.marker ? `marker: ${r.views.popup.marker}` : 'no marker of the numbers found',
    });
    const cold = r.views.popupColdWorker;
    if (cold) {
      out.push({
        area: 'views',
        what: 'popup with the service worker stopped first (as Chrome stops it after 30 s idle)',
        target: 'reported (no target)',
        value: cold.n ? `${ms(cold.median)} median, p95 ${ms(cold.p95)} (n=${cold.n})` : 'no numbers shown',
        met: null,
      });
    }
    out.push({
      area: 'views',
      what: `dashboard: accounts table with ${r.store?.accounts ?? 500} accounts`,
      target: '<= 500 ms',
      value: r.views.dashboard.n
        ? `${ms(r.views.dashboard.median)} median, p95 ${ms(r.views.dashboard.p95)} (n=${r.views.dashboard.n}); first rows at ${r.views.dashboard.firstRowsMedian} ms`
        : `not every account was listed (at most ${r.views.dashboard.rows} rows)`,
      met: r.views.dashboard.n > 0 ? r.views.dashboard.median <= 500 : false,
    });
  }
  if (r.extensionRequests !== undefined) {
    out.push({
      area: 'privacy',
      what: 'network requests made by the extension during the whole run',
      target: '0',
      value: String(r.extensionRequests),
      met: r.extensionRequests === 0,
    });
  }
  return out;
}
