/**
 * Evaluation of the signals on labelled synthetic histories (./synthetic.ts): per-signal precision
 * and recall, verdict figures per class, and the two targets of issue 5. Used by
 * scripts/eval-signals.ts (npm run eval:signals) and by tests/unit/signals/eval.test.ts.
 */
import { analyzeAccount } from '../metrics/analyze';
import { benchmarkHistory, CLASSES, RELEVANT, type SyntheticCase, type SyntheticClass } from './synthetic';
import type { SignalId, VerdictLevel } from './types';

export const SIGNAL_IDS: readonly SignalId[] = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9'];
const LEVELS: readonly VerdictLevel[] = ['insufficient', 'none', 'some', 'several'];
export const TARGETS = {
  /** false "several signs" on histories without padding */
  maxFalseSeveral: 0.02,
  /** bought-spike and spike-drop histories reaching at least "some unusual patterns" */
  minSpikeRecall: 0.9,
};

export interface SignalFigures {
  /** flagged on a history of a class the signal is meant to catch */
  tp: number;
  /** flagged elsewhere */
  fp: number;
  /** not flagged on a history it is meant to catch */
  fn: number;
  precision: number | null;
  recall: number | null;
  /** share of innocent histories where it flagged */
  innocentRate: number;
  /** share of histories where it could not be checked */
  insufficientRate: number;
}

export interface ClassFigures {
  n: number;
  levels: Record<VerdictLevel, number>;
  /** share with a verdict of at least "some" */
  atLeastSome: number;
  several: number;
  /** share of histories where each signal flagged */
  fired: Record<SignalId, number>;
}

export interface EvalReport {
  n: number;
  classes: Partial<Record<SyntheticClass, ClassFigures>>;
  signals: Record<SignalId, SignalFigures>;
  verdict: {
    /** padded histories reaching at least "some" / all padded */
    recall: number;
    /** padded among histories reaching at least "some" */
    precision: number;
    falseSeveralInnocent: number;
    falseSomeInnocent: number;
    spikeRecall: number;
    innocentN: number;
    spikeN: number;
  };
  /** by how the follower counts were shown */
  byPrecision: Record<'exact' | 'abbreviated', { n: number; spikeRecall: number | null; falseSeveral: number | null }>;
  targets: { falseSeveral: boolean; spikeRecall: boolean };
  /** mean time of analyzeAccount per history, ms */
  msPerHistory: number;
  /** cases the verdict got wrong at the target's level (ids), for inspection */
  misses: { id: string; cls: SyntheticClass; level: VerdictLevel; fired: SignalId[] }[];
}

const rate = (a: number, b: number) => (b > 0 ? a / b : 0);
const SPIKES: ReadonlySet<SyntheticClass> = new Set(['boughtSpike', 'spikeDrop']);

export function evaluateCases(cases: readonly SyntheticCase[]): EvalReport {
  const rows: { c: SyntheticCase; level: VerdictLevel; status: Record<SignalId, string> }[] = [];
  const t0 = performance.now();
  for (const c of cases) {
    const a = analyzeAccount(c.history);
    const status = Object.fromEntries(a.signals.map((s) => [s.id, s.status])) as Record<SignalId, string>;
    rows.push({ c, level: a.verdict.level, status });
  }
  const ms = (performance.now() - t0) / Math.max(1, cases.length);
  const atLeastSome = (l: VerdictLevel) => l === 'some' || l === 'several';

  const classes: Partial<Record<SyntheticClass, ClassFigures>> = {};
  for (const cls of CLASSES) {
    const rs = rows.filter((r) => r.c.cls === cls);
    if (!rs.length) continue;
    const levels = Object.fromEntries(LEVELS.map((l) => [l, rs.filter((r) => r.level === l).length])) as Record<VerdictLevel, number>;
    classes[cls] = {
      n: rs.length,
      levels,
      atLeastSome: rate(rs.filter((r) => atLeastSome(r.level)).length, rs.length),
      several: rate(levels.several, rs.length),
      fired: Object.fromEntries(SIGNAL_IDS.map((id) => [id, rate(rs.filter((r) => r.status[id] === 'flag').length, rs.length)])) as Record<
        SignalId,
        number
      >,
    };
  }

  const innocent = rows.filter((r) => !r.c.padded);
  const signals = Object.fromEntries(
    SIGNAL_IDS.map((id) => {
      const relevant = new Set(RELEVANT[id]);
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const r of rows) {
        const fired = r.status[id] === 'flag';
        const rel = relevant.has(r.c.cls);
        if (fired && rel) tp++;
        else if (fired) fp++;
        else if (rel) fn++;
      }
      const fig: SignalFigures = {
        tp,
        fp,
        fn,
        precision: tp + fp > 0 ? tp / (tp + fp) : null,
        recall: tp + fn > 0 ? tp / (tp + fn) : null,
        innocentRate: rate(innocent.filter((r) => r.status[id] === 'flag').length, innocent.length),
        insufficientRate: rate(rows.filter((r) => r.status[id] === 'insufficient').length, rows.length),
      };
      return [id, fig];
    }),
  ) as Record<SignalId, SignalFigures>;

  const padded = rows.filter((r) => r.c.padded);
  const flaggedSome = rows.filter((r) => atLeastSome(r.level));
  const spikes = rows.filter((r) => SPIKES.has(r.c.cls));
  const verdict = {
    recall: rate(padded.filter((r) => atLeastSome(r.level)).length, padded.length),
    precision: rate(flaggedSome.filter((r) => r.c.padded).length, flaggedSome.length),
    falseSeveralInnocent: rate(innocent.filter((r) => r.level === 'several').length, innocent.length),
    falseSomeInnocent: rate(innocent.filter((r) => atLeastSome(r.level)).length, innocent.length),
    spikeRecall: rate(spikes.filter((r) => atLeastSome(r.level)).length, spikes.length),
    innocentN: innocent.length,
    spikeN: spikes.length,
  };
  const byPrecision = Object.fromEntries(
    (['exact', 'abbreviated'] as const).map((m) => {
      const sp = spikes.filter((r) => r.c.followersShown === m);
      const inn = innocent.filter((r) => r.c.followersShown === m);
      return [
        m,
        {
          n: rows.filter((r) => r.c.followersShown === m).length,
          spikeRecall: sp.length ? rate(sp.filter((r) => atLeastSome(r.level)).length, sp.length) : null,
          falseSeveral: inn.length ? rate(inn.filter((r) => r.level === 'several').length, inn.length) : null,
        },
      ];
    }),
  ) as EvalReport['byPrecision'];
  const misses = rows
    .filter((r) => (r.c.padded && !atLeastSome(r.level)) || (!r.c.padded && r.level === 'several'))
    .map((r) => ({ id: r.c.id, cls: r.c.cls, level: r.level, fired: SIGNAL_IDS.filter((id) => r.status[id] === 'flag') }));
  return {
    n: rows.length,
    classes,
    signals,
    verdict,
    byPrecision,
    targets: {
      falseSeveral: verdict.falseSeveralInnocent <= TARGETS.maxFalseSeveral,
      spikeRecall: verdict.spikeRecall >= TARGETS.minSpikeRecall,
    },
    msPerHistory: ms,
    misses,
  };
}

/**
 * Time of analyzeAccount on `benchmarkHistory` (731 daily snapshots, 700 posts), ms: the mean of
 * the fastest of `batches` batches of `runs` calls after warm-up (the fastest batch is the one
 * least disturbed by other work on a shared machine).
 */
export function timeLargeHistory(runs = 10, batches = 5): { ms: number; msWithoutPosts: number; msHalfYear: number } {
  const big = [benchmarkHistory(1), benchmarkHistory(2)];
  const half = [benchmarkHistory(3, 182, 120), benchmarkHistory(4, 182, 120)];
  const time = (hs: ReturnType<typeof benchmarkHistory>[], withPosts: boolean) => {
    for (let i = 0; i < 10; i++) analyzeAccount(hs[i % hs.length], { withPosts });
    let best = Number.POSITIVE_INFINITY;
    for (let b = 0; b < batches; b++) {
      const t0 = performance.now();
      for (let i = 0; i < runs; i++) analyzeAccount(hs[i % hs.length], { withPosts });
      best = Math.min(best, (performance.now() - t0) / runs);
    }
    return best;
  };
  return { ms: time(big, true), msWithoutPosts: time(big, false), msHalfYear: time(half, true) };
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

/** The report as Markdown (docs/SIGNALS-EVAL.md). */
export function reportMarkdown(
  rep: EvalReport,
  meta: { seed: number; count: number; generatedMs: number; large?: { ms: number; msWithoutPosts: number; msHalfYear: number } },
): string {
  const L: string[] = [];
  L.push('# Padding signals: evaluation on synthetic histories');
  L.push('');
  L.push(
    `Generated by \`npm run eval:signals -- --seed ${meta.seed} --count ${meta.count}\` (scripts/eval-signals.ts). ${rep.n} labelled histories from lib/signals/synthetic.ts; thresholds from lib/signals/thresholds.ts. The numbers are only as good as the simulation: they show the rules behave as designed on plausible data, not how they do on real accounts.`,
  );
  L.push('');
  L.push('Classes (equal numbers of each; VK and Instagram, 1k-30k and 50k-3M followers, 20-240 days of irregular visits):');
  L.push('');
  L.push('- organic: day-to-day noise, weekly rhythm, changes of pace, sometimes a viral post;');
  L.push('- organicViral: a viral post that brings 1-10 % new followers;');
  L.push(
    '- giveawaySpike: 5-40 % new followers after a giveaway post (60 %) or a viral post sized to match (40 %), 5-30 % of them leaving 1-2 weeks later;',
  );
  L.push('- boughtSpike: 4-40 % (at least 800) bought followers in 1-2 days, 30 % of them round packages;');
  L.push('- spikeDrop: the same, then 30-90 % of them removed 4-20 days later;');
  L.push('- dripFeed: 15-60 % (at least 600) bought followers delivered over 8-30 days;');
  L.push('- boughtLikes: a fixed package of 1.5-6x the organic likes on each post, comments and views unchanged;');
  L.push(
    '- commentFlood: bot comments on each post, 1-2x as many as people write (at least 8), generic or emoji, from 8-25 bots in the same order.',
  );
  L.push('');
  L.push('Bought followers and bots never like posts; giveaway followers like a little.');
  L.push('');
  L.push('## Targets (issue 5)');
  L.push('');
  L.push('| target | result | met |');
  L.push('|---|---|---|');
  L.push(
    `| false "several signs" on histories without padding <= 2 % | ${pct(rep.verdict.falseSeveralInnocent)} of ${rep.verdict.innocentN} | ${rep.targets.falseSeveral ? 'yes' : 'NO'} |`,
  );
  L.push(
    `| bought-spike and spike-drop histories reaching at least "some unusual patterns" >= 90 % | ${pct(rep.verdict.spikeRecall)} of ${rep.verdict.spikeN} | ${rep.targets.spikeRecall ? 'yes' : 'NO'} |`,
  );
  L.push('');
  L.push('## Verdict');
  L.push('');
  L.push(
    `- padded histories reaching at least "some": ${pct(rep.verdict.recall)} (recall); of the histories at "some" or above, ${pct(rep.verdict.precision)} are padded (precision)`,
  );
  L.push(
    `- histories without padding at "some" or above: ${pct(rep.verdict.falseSomeInnocent)}; at "several": ${pct(rep.verdict.falseSeveralInnocent)}`,
  );
  L.push('');
  L.push('| class | n | insufficient | none | some | several | at least some |');
  L.push('|---|---|---|---|---|---|---|');
  for (const [cls, f] of Object.entries(rep.classes)) {
    if (!f) continue;
    L.push(
      `| ${cls} | ${f.n} | ${f.levels.insufficient} | ${f.levels.none} | ${f.levels.some} | ${f.levels.several} | ${pct(f.atLeastSome)} |`,
    );
  }
  L.push('');
  L.push('## Signals');
  L.push('');
  L.push(
    "Precision and recall of each signal's flag against the classes it is meant to catch (S1, S5, S6, S7: bought likes; S5, S9: comment floods; S2: bought spikes, spike-drops, drip-feeds; S3: spike-drops; S4: drip-feeds and bought spikes, whose bots do not like; S8: none of the classes).",
  );
  L.push('');
  L.push('| signal | precision | recall | flags on histories without padding | insufficient data |');
  L.push('|---|---|---|---|---|');
  for (const id of SIGNAL_IDS) {
    const s = rep.signals[id];
    L.push(
      `| ${id} | ${pct(s.precision)} (${s.tp}/${s.tp + s.fp}) | ${pct(s.recall)} (${s.tp}/${s.tp + s.fn}) | ${pct(s.innocentRate)} | ${pct(s.insufficientRate)} |`,
    );
  }
  L.push('');
  L.push('Share of histories of each class where each signal flagged:');
  L.push('');
  L.push(`| class | ${SIGNAL_IDS.join(' | ')} |`);
  L.push(`|---|${SIGNAL_IDS.map(() => '---').join('|')}|`);
  for (const [cls, f] of Object.entries(rep.classes)) {
    if (!f) continue;
    L.push(`| ${cls} | ${SIGNAL_IDS.map((id) => pct(f.fired[id])).join(' | ')} |`);
  }
  L.push('');
  L.push('## By precision of the follower counts');
  L.push('');
  L.push('| followers shown | n | spike recall | false "several" |');
  L.push('|---|---|---|---|');
  for (const m of ['exact', 'abbreviated'] as const) {
    const b = rep.byPrecision[m];
    L.push(`| ${m} | ${b.n} | ${pct(b.spikeRecall)} | ${pct(b.falseSeveral)} |`);
  }
  L.push('');
  L.push('## Misses');
  L.push('');
  if (!rep.misses.length) L.push('None.');
  else {
    L.push(`${rep.misses.length} histories (padded below "some", or unpadded at "several"):`);
    L.push('');
    for (const m of rep.misses.slice(0, 40)) L.push(`- ${m.id}: ${m.level}${m.fired.length ? ` (flags: ${m.fired.join(', ')})` : ''}`);
  }
  L.push('');
  L.push('## Timing');
  L.push('');
  L.push(
    `analyzeAccount (metrics, growth, all signals, verdict): ${rep.msPerHistory.toFixed(2)} ms per history on average over these histories (first calls included); generating the ${rep.n} histories took ${(meta.generatedMs / 1000).toFixed(1)} s.`,
  );
  if (meta.large) {
    L.push('');
    L.push('| history | analyzeAccount (fastest of 5 batches of 10, after warm-up) |');
    L.push('|---|---|');
    L.push(`| 2 years of daily visits (731 snapshots), 700 posts seen 3 times each, 800 comments | ${meta.large.ms.toFixed(2)} ms |`);
    L.push(
      `| the same without per-post badges (\`withPosts: false\`, for the dashboard's tables) | ${meta.large.msWithoutPosts.toFixed(2)} ms |`,
    );
    L.push(`| half a year of daily visits, 120 posts | ${meta.large.msHalfYear.toFixed(2)} ms |`);
  }
  L.push('');
  L.push(`Node ${process.version}, on the machine that ran the script (a shared 2-core VM when this file was written).`);
  L.push('');
  return L.join('\n');
}
