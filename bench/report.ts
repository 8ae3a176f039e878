/** docs/PERFORMANCE.md from a results object (bench/results/<date>.json has the same data). */
import type { BenchResults } from './run';

const mark = (met: boolean | null) => (met === null ? '—' : met ? '**met**' : '**MISSED**');
const esc = (s: string) => s.replace(/\|/g, '\\|');

export function renderMarkdown(r: BenchResults): string {
  const L: string[] = [];
  const m = r.machine;
  L.push('# Performance');
  L.push('');
  L.push(
    `Written by \`npm run bench\` (bench/run.ts) on ${r.date}${r.mode === 'quick' ? ' in quick mode (fewer rounds: figures are rougher)' : ''}. ` +
      'Do not edit by hand: run the benchmark again. Raw figures: `bench/results/latest.json`.',
  );
  L.push('');
  L.push('## Machine');
  L.push('');
  L.push(
    `- CPU: ${m.cpu}, ${m.cores} cores; memory ${m.memoryGiB} GiB; load average (1, 5, 15 min) at the start ${m.loadAverage.join(', ')}${m.loadAverageEnd ? `, at the end ${m.loadAverageEnd.join(', ')}` : ''} (other work shared the 2 cores: wall times are noisy, thread CPU times much less so)`,
  );
  L.push(`- OS: ${m.os} (kernel ${m.kernel})`);
  L.push(`- ${m.chromium} (\`${m.chromiumPath}\`, headless), Node ${m.node}`);
  L.push(`- extension: ${r.build.dir}; ${r.build.note}`);
  L.push('');
  L.push('## Summary');
  L.push('');
  L.push('| area | what | target | measured | |');
  L.push('|---|---|---|---|---|');
  for (const t of r.targets) L.push(`| ${t.area} | ${esc(t.what)} | ${esc(t.target)} | ${esc(t.value)} | ${mark(t.met)} |`);
  L.push('');
  const missed = r.targets.filter((t) => t.met === false);
  L.push(missed.length ? `${missed.length} of ${r.targets.filter((t) => t.met !== null).length} targets missed.` : 'Every target met.');
  const notes = r.targets.filter((t) => t.note);
  if (notes.length) {
    L.push('');
    for (const t of notes) L.push(`- ${t.what}: ${t.note}`);
  }
  L.push('');

  if (r.overhead) {
    const o = r.overhead;
    L.push('## 1. Page overhead');
    L.push('');
    L.push(
      `Synthetic pages (bench/pages) grow to ${o.options.sizes.join(' and ')} posts by their own infinite-scroll script: the VK community wall ` +
        '(2024 redesign markup of tests/fixtures/vk/vk-community-redesign-2025-03.html, 10 posts a batch, view counts in React props read by the ' +
        'MAIN-world helper) and the Instagram profile (head and header of tests/fixtures/instagram/synthetic/instagram-profile-en-loggedin-2025-06.html; ' +
        '12 posts a batch, each batch fetched by the page from `/graphql/query`, whose responses the MAIN-world script reads). ' +
        `A batch every ${o.options.intervalMs} ms (faster than anyone scrolls), then ${o.options.settleMs} ms to let the extension finish. ` +
        `Each case runs ${o.options.rounds} times with and ${o.options.rounds} times without the extension, the two back to back in alternating order, ` +
        'in two browsers launched the same way (one with the built extension, one without); after half the rounds both are launched again the other way round ' +
        '(a browser launched first ran its pages about 1-3 % faster in runs with the same build in both), the extension’s on the profile it had. ' +
        'The store holds the big store of section 3 while this runs.',
    );
    L.push('');
    L.push(
      'Main-thread time is the sum of the top-level tasks (RunTask) of the page\u2019s renderer main thread in a trace (Tracing, categories ' +
        '`toplevel`, `devtools.timeline`, `disabled-by-default-v8.cpu_profiler`), from the page\u2019s first parse to the end: thread CPU time ' +
        '(`tdur`, robust to other load on the machine) and wall time (`dur`); and Performance.getMetrics TaskDuration in thread time as a cross-check. ' +
        'The ratio is of the medians. The extension\u2019s part: script events (FunctionCall, EvaluateScript, compile) whose script is ' +
        '`chrome-extension://<id>/...`, with everything nested in them (style, layout, DOM), and CPU-profiler samples with an extension frame ' +
        'on the stack (promise callbacks have no FunctionCall event).',
    );
    L.push('');
    L.push(
      '| site | posts | with (ms CPU) | without | ratio | paired ratio | wall ratio | TaskDuration with / without | added by the extension (with - without) | its scripts (ms CPU) | per post: added / scripts | longest extension part of a task (CPU / wall) | long tasks by the extension | background busy after the page |',
    );
    L.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const c of o.cases) {
      L.push(
        `| ${c.site} | ${c.size} | ${c.withCpuMs} | ${c.withoutCpuMs} | ${c.cpuRatio.toFixed(2)}x | ${c.pairedCpuRatio.toFixed(2)}x | ${c.wallRatio.toFixed(2)}x | ` +
          `${c.withMetricTaskMs} / ${c.withoutMetricTaskMs} | ${c.overheadCpuMs} ms | ${c.extCpuMs} (${(c.extShare * 100).toFixed(0)} % of the page) | ` +
          `${(c.overheadCpuMs / c.size).toFixed(2)} / ${(c.extCpuMs / c.size).toFixed(2)} ms | ${c.maxExtCpuInTaskMs} / ${c.maxExtInTaskMs} ms | ${c.longTasksByExtension} | ${(c.drainMs / 1000).toFixed(1)} s |`,
      );
    }
    L.push('');
    L.push(
      'Reading the table: "added" is everything the page\u2019s main thread does more with the extension: its scripts, and also the style, ' +
        'layout and paint of what the overlay adds, garbage collection and message handling, which no script event owns. The synthetic pages are ' +
        'light (their own work per post is a fraction of what VK\u2019s and Instagram\u2019s React apps spend), so the ratio here is a pessimistic ' +
        'bound; the per-post figures are the extension\u2019s absolute cost. The pages\u2019 own work grows faster than linearly (each batch makes ' +
        'the browser lay out and paint a longer page), which is why the ratio falls from 1000 to 2000 posts. In the Instagram rows, samples of the ' +
        'browser starting the page\u2019s own requests (native `fetch`, XHR `open`/`send` called through the MAIN-world wrapper) are the ' +
        'page\u2019s, not the extension\u2019s: it pays them without the extension too. With the ' +
        'extension each run waits until the background has stored every report (its store lock free twice in a row) before measuring, so replies ' +
        'handled late are counted; "background busy" is that wait.',
    );
    L.push('');
    if (o.cases.some((c) => c.heapWithMB !== undefined)) {
      L.push(
        'Memory: the page\u2019s JS heap (shared by the page and the extension\u2019s isolated world) after two full garbage collections at the end of each run, median: ' +
          o.cases
            .filter((c) => c.heapWithMB !== undefined)
            .map(
              (c) =>
                `${c.site} ${c.size} posts ${c.heapWithMB} MB with the extension, ${c.heapWithoutMB} MB without ` +
                `(${(((c.heapWithMB - c.heapWithoutMB) * 1048576) / c.size / 1024).toFixed(1)} KiB a post kept, or its share of what the extension keeps whatever the page)`,
            )
            .join('; ') +
          '.',
      );
      L.push('');
    }
    L.push(
      'Where the extension\u2019s time goes (sampled; the innermost extension function of each sample, ms per run; names are minified in the build, `npm run bench -- --diag` profiles an unminified build):',
    );
    L.push('');
    for (const c of o.cases) {
      L.push(
        `- ${c.site}, ${c.size} posts: by script (ms wall) ${Object.entries(c.extByScript)
          .map(([s, v]) => `${s} ${v} ms`)
          .join(', ')}`,
      );
      L.push(`  - ${c.hotFunctions.map(([f, v]) => `\`${f}\` ${v}`).join(', ')}`);
    }
    L.push('');
    const big = Math.max(...o.cases.map((c) => c.size));
    for (const c of o.cases.filter((x) => x.size === big)) {
      const keys = [...new Set([...Object.keys(c.breakdownWith ?? {}), ...Object.keys(c.breakdownWithout ?? {})])]
        .map((k) => [k, c.breakdownWith?.[k] ?? 0, c.breakdownWithout?.[k] ?? 0] as [string, number, number])
        .sort((a, b) => b[1] - b[2] - (a[1] - a[2]))
        .slice(0, 10);
      L.push(
        `What the main thread did more, ${c.site}, ${c.size} posts (ms thread CPU of the events right under the tasks, median run; with / without):`,
      );
      L.push('');
      L.push(`- ${keys.map(([k, a, b]) => `${k} ${a} / ${b}`).join('; ')}`);
      L.push('');
    }
    L.push(
      `Requests of the pages per run: with the extension ${o.cases.map((c) => c.requestsWith).join('/')}, without ${o.cases.map((c) => c.requestsWithout).join('/')} (the same: the extension adds none).`,
    );
    L.push('');
  }

  if (r.bundle) {
    L.push('## 2. Bundle size');
    L.push('');
    L.push(
      'gzip level 6 (`gzip -c`) of each file the manifest lists for content scripts, and of the files each page loads (static imports followed).',
    );
    L.push('');
    L.push('| file | world | bytes | gzipped |');
    L.push('|---|---|---|---|');
    for (const cs of r.bundle.contentScripts)
      L.push(`| ${cs.file} | ${cs.world} | ${cs.bytes.toLocaleString('en-US')} | ${cs.gzip.toLocaleString('en-US')} |`);
    for (const p of r.bundle.pages) {
      for (const f of p.files) L.push(`| ${f.file} | ${p.page} | ${f.bytes.toLocaleString('en-US')} | ${f.gzip.toLocaleString('en-US')} |`);
    }
    if (r.bundle.background)
      L.push(
        `| ${r.bundle.background.file} | service worker | ${r.bundle.background.bytes.toLocaleString('en-US')} | ${r.bundle.background.gzip.toLocaleString('en-US')} |`,
      );
    L.push('');
  }

  if (r.store) {
    const s = r.store;
    L.push('## 3. Background: ingest and storage');
    L.push('');
    L.push(
      `A store of ${s.accounts} accounts (60 % Instagram, 40 % VK) x ${s.days} days, built with the store's own pure helpers ` +
        '(bench/lib/generate.ts: one visit a day at a random hour; each visit reads the counters and the newest 12 (Instagram) or 10 (VK) posts ' +
        'with reactions growing with age; 0.5-1 post a day; a quarter of the posts with 3-8 visible comments; a third of the Instagram ' +
        'counters read abbreviated) and written into chrome.storage.local through the store\u2019s import path (`mergeIntoStore`, 25 records a call, ' +
        `summaries included): ${s.posts.toLocaleString('en-US')} posts, ${s.observations.toLocaleString('en-US')} post observations, ` +
        `${s.snapshots.toLocaleString('en-US')} snapshots, ${s.comments.toLocaleString('en-US')} comments; generated in ${(s.generateMs / 1000).toFixed(1)} s, written in ${(s.writeMs / 1000).toFixed(1)} s.`,
    );
    L.push('');
    L.push(
      'Ingest latency: the background\u2019s own handler (`handleIngest`: sender check, zod validation, `ingestReport` under the store lock, ' +
        'one `storage.local.set`) called in an extension page of the same extension (bench.js, built only with SMM_BENCH=1) against the same ' +
        'storage, timed with performance.now(). The reports are prepared first (reading each account\u2019s record), then ingested; each is a ' +
        'new day for an account chosen across the store. Not included: the message hop from the content script (structured clone of the report).',
    );
    L.push('');
    L.push(
      `One ingest, step by step (each step timed alone in the order ingestReport runs them, median over 9 accounts; the last rows: the same storage calls with the values as JSON strings): ${Object.entries(
        s.breakdown ?? {},
      )
        .map(([k, v]) =>
          k === 'chunks' ? `chunks of the account ${v}` : `${k} ${k.includes('bytes') ? `${(v / 1024).toFixed(1)} KiB` : `${v} ms`}`,
        )
        .join('; ')}.`,
    );
    L.push('');
    L.push('| report | n | p50 | p95 | max | mean |');
    L.push('|---|---|---|---|---|---|');
    for (const [k, v] of Object.entries(s.ingest)) L.push(`| ${k} | ${v.n} | ${v.p50} ms | ${v.p95} ms | ${v.max} ms | ${v.mean} ms |`);
    L.push('');
    L.push(
      `Storage: records ${(s.recordBytes.total / 2 ** 20).toFixed(1)} MiB in all; per account ${(s.recordBytes.mean / 1024).toFixed(1)} KiB mean, ` +
        `${(s.recordBytes.median / 1024).toFixed(1)} KiB median, ${(s.recordBytes.max / 1024).toFixed(1)} KiB max; the index ${(s.usage.indexBytes / 1024).toFixed(1)} KiB; ` +
        `chrome.storage.local.getBytesInUse ${(s.usage.bytesInUse / 2 ** 20).toFixed(1)} MiB. Per account per year: ${(s.bytesPerAccountYear.mean / 1024).toFixed(1)} KiB. ` +
        `Computed on ${s.whatIf.sample} generated accounts: the records as the store keeps them (compacted: docs/storage.md) are ${(s.whatIf.plain / 1024).toFixed(1)} KiB of JSON per account per year, ` +
        `posts ${(s.whatIf.postsShare * 100).toFixed(0)} % of it; packed (deflate + base64) ${(s.whatIf.packed / 1024).toFixed(1)} KiB; ` +
        `without any comment samples (not done: S9 reads them) it would be ${(s.whatIf.packedNoComments / 1024).toFixed(1)} KiB.`,
    );
    L.push('');
  }

  if (r.views) {
    const v = r.views;
    L.push('## 4. Views');
    L.push('');
    L.push(
      'With the store of section 3. Measured inside the page: a MutationObserver installed before the page\u2019s scripts notes ' +
        'performance.now() (ms from navigation start) when the marker appears, then the next animation frame and a task after it ' +
        '(the frame that shows it). The popup is opened as a tab (`popup.html?tab=<id>`) for a tab showing a stored Instagram account ' +
        `(${v.popup.account}); marker: the first of \`${'[data-testid="popup-numbers"]'}\`, \`[data-count="followers"] dd\` ... holding a digit. ` +
        'The dashboard (options.html): the accounts table (`[data-testid="accounts-table"]`) with a row for every account. A real popup window ' +
        'adds the browser\u2019s own window opening, which this does not measure. "Worker stopped first": before each of those opens, every ' +
        'service worker is stopped over the Chrome DevTools Protocol (`ServiceWorker.stopAllWorkers`), as Chrome stops an idle extension ' +
        'worker after 30 s; the popup\u2019s question starts it again.',
    );
    L.push('');
    L.push('| view | n | median | p95 | min | max | DOM (median) |');
    L.push('|---|---|---|---|---|---|---|');
    L.push(
      `| popup | ${v.popup.n} | ${v.popup.median} ms | ${v.popup.p95} ms | ${v.popup.min} ms | ${v.popup.max} ms | ${v.popup.domMedian} ms |`,
    );
    const c = v.popupColdWorker;
    if (c)
      L.push(`| popup, worker stopped first | ${c.n} | ${c.median} ms | ${c.p95} ms | ${c.min} ms | ${c.max} ms | ${c.domMedian} ms |`);
    L.push(
      `| dashboard, ${v.dashboard.rows} rows | ${v.dashboard.n} | ${v.dashboard.median} ms | ${v.dashboard.p95} ms | ${v.dashboard.min} ms | ${v.dashboard.max} ms | ${v.dashboard.domMedian} ms |`,
    );
    L.push('');
  }

  if (r.findings.length) {
    L.push('## Findings');
    L.push('');
    for (const f of r.findings) L.push(`- ${f}`);
    L.push('');
  }
  L.push('## Running it');
  L.push('');
  L.push(
    '`npm ci && npm run build` once, then `npm run bench` (about 15-25 minutes on 2 cores: it builds the extension into `.output-bench/`, ' +
      'writes `bench/results/<date>.json`, `bench/results/latest.json` and this file). `npm run bench -- --quick` runs fewer rounds and writes only ' +
      '`bench/results/quick-latest.json`. Options: `--only=page,bundle,store,views`, `--rounds=N`, `--sizes=1000,2000`, `--interval=MS`, ' +
      '`--diag` (an unminified build, for profiling; figures not written), `--render` (this file again from latest.json). Not part of `npm test`.',
  );
  L.push('');
  return L.join('\n');
}
