/**
 * The cached per-account summary behind the dashboard's accounts table.
 *
 * Analysing an account (lib/metrics analyzeAccount: ER, growth, nine signals) takes 2-4 ms; doing
 * it for 500 accounts every time the dashboard opens would take seconds. So the store keeps a small
 * summary of each account's analysis in the account's index entry (`IndexEntry.sum`, key
 * `idx:<key>`), computed on import, a few seconds after an ingest (off the acknowledgement's path:
 * lib/store/store.ts scheduleMaintenance; until then the entry has none), and recomputed by the
 * dashboard when it is missing or stale:
 *
 * - `v` is SUMMARY_VERSION: bump it when the engine or this format changes, and every summary is
 *   recomputed on the next dashboard visit;
 * - `rp` is settings.recentPosts it was computed with: changing that setting makes every summary
 *   stale (the dashboard recomputes them at once, with progress shown).
 *
 * The summary is computed without the other tracked accounts (`peers`, S3's platform-wide purge
 * correction needs every account's series): the account's detail view, the comparison and the
 * audit apply it, and say so when it changes the verdict.
 *
 * Numbers are stored as intervals rounded outwards to 6 significant digits (the UI shows at most
 * 2 decimals), so a cached interval still holds the true value. Pure: no storage, no DOM.
 */

import type { AccountAnalysis } from '../metrics/analyze';
import { analyzeAccount } from '../metrics/analyze';
import type { Direction, Growth } from '../metrics/growth';
import { makeNum, type Num } from '../metrics/num';
import { DAY } from '../metrics/options';
import {
  type Exclusions,
  type FormulaId,
  known,
  type Metric,
  type Msg,
  type Reactions,
  type Sample,
  type Unit,
  unknown,
} from '../metrics/types';
import type { SignalId, VerdictLevel } from '../signals/types';
import type { AccountHistory, IndexEntry, Summary } from '../store/records';
import { SummarySchema } from '../store/records';

/** Bump when analyzeAccount's results or this format change: every cached summary is recomputed. */
export const SUMMARY_VERSION = 1;

type SumNum = Summary['er'] extends infer M ? (M extends { n: infer N } ? N : never) : never;

// ---- numbers ----------------------------------------------------------------------------------

function roundSig(x: number, dir: 'near' | 'down' | 'up'): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const e = Math.floor(Math.log10(Math.abs(x)));
  const k = 10 ** (5 - e);
  // tiny (subnormal) or huge numbers: keep them as they are rather than overflow
  if (!Number.isFinite(k) || !Number.isFinite(x * k) || k === 0) return x;
  const f = dir === 'near' ? Math.round : dir === 'down' ? Math.floor : Math.ceil;
  const r = f(x * k) / k;
  if (!Number.isFinite(r)) return x;
  // guard the direction against the division's own rounding
  if (dir === 'down' && r > x) return x;
  if (dir === 'up' && r < x) return x;
  return r === 0 ? 0 : r;
}

export function packNum(n: Num): SumNum {
  if (n.exact) return [n.value];
  const lo = roundSig(n.low, 'down');
  const hi = roundSig(n.high, 'up');
  const v = Math.min(hi, Math.max(lo, roundSig(n.value, 'near')));
  return [v, lo, hi];
}

export function unpackNum(p: SumNum): Num {
  if (p.length === 1) return { value: p[0], low: p[0], high: p[0], exact: true };
  return makeNum(p[0], p[1], p[2], false) ?? { value: p[0], low: Math.min(p[0], p[1]), high: Math.max(p[0], p[2]), exact: false };
}

// ---- metrics and growth -------------------------------------------------------------------------

type SumMetric = Summary['er'];
type SumGrowth = Summary['g7'];

function packMetric(m: Metric): SumMetric {
  const extra = { ...(m.sample ? { s: m.sample.n } : {}), ...(m.reactions ? { r: m.reactions } : {}) };
  if (m.status === 'ok') return { n: packNum(m), ...extra };
  return { m: m.missing.slice(0, 8) as SumMsg[], ...extra };
}

type SumMsg = { key: string; params?: Record<string, unknown> };

const noExclusions = (): Exclusions => ({
  pinned: 0,
  ad: 0,
  likesHidden: 0,
  tooNew: 0,
  ageUnknown: 0,
  countUnknown: 0,
  older: 0,
  outsidePeriod: 0,
  notSeenYet: 0,
});

/** A cached metric back as a Metric (for MetricView): sample size kept, post ids not. */
export function unpackMetric(p: SumMetric, formula: FormulaId, unit: Unit): Metric {
  const sample: Sample | undefined =
    p.s === undefined ? undefined : { n: p.s, postIds: [], considered: p.s, excluded: noExclusions(), from: null, to: null };
  const extra = { ...(sample ? { sample } : {}), ...(p.r ? { reactions: p.r as Reactions } : {}) };
  if ('n' in p) return known(formula, unit, unpackNum(p.n), extra);
  return unknown(formula, unit, p.m as Msg[], extra);
}

function packGrowth(g: Growth): SumGrowth {
  if (g.status === 'unknown') return { m: g.missing.slice(0, 8) as SumMsg[] };
  if (g.net.status !== 'ok') return { m: g.net.missing.slice(0, 8) as SumMsg[] };
  return {
    net: packNum(g.net),
    rate: g.rate.status === 'ok' ? packNum(g.rate) : null,
    from: g.from,
    to: g.to,
    dir: g.direction,
  };
}

/** Growth as the table shows it: net change and rate between the visits used, or what is missing. */
export type GrowthCell =
  | { status: 'ok'; net: Metric; rate: Metric; from: number; to: number; days: number; direction: Direction }
  | { status: 'unknown'; missing: Msg[] };

export function unpackGrowth(p: SumGrowth): GrowthCell {
  if ('m' in p) return { status: 'unknown', missing: p.m as Msg[] };
  const net = known('netChange', 'count', unpackNum(p.net));
  const rate = p.rate
    ? known('growthRate', 'percent', unpackNum(p.rate))
    : unknown('growthRate', 'percent', [{ key: 'metric.missing.noFollowers' }]);
  return { status: 'ok', net, rate, from: p.from, to: p.to, days: (p.to - p.from) / DAY, direction: p.dir };
}

// ---- the summary ----------------------------------------------------------------------------------

export function summaryOf(a: AccountAnalysis, recentPosts: number): Summary {
  return {
    v: SUMMARY_VERSION,
    rp: recentPosts,
    at: a.asOf,
    er: packMetric(a.engagement.erMedian),
    g7: packGrowth(a.growth.last7),
    g30: packGrowth(a.growth.last30),
    verdict: {
      level: a.verdict.level,
      points: a.verdict.points,
      fired: [...a.verdict.fired],
      collecting: a.verdict.collecting as SumMsg | null,
    },
  };
}

/** Analyse a history and summarise it (withPosts: false, no peers: what the table needs). */
export function summarize(history: AccountHistory, recentPosts: number): Summary {
  return summaryOf(analyzeAccount(history, { recentPosts, withPosts: false }), recentPosts);
}

/** The summary, or undefined when the analysis fails (a write must never fail for a summary). */
export function safeSummarize(history: AccountHistory, recentPosts: number): Summary | undefined {
  try {
    const s = summarize(history, recentPosts);
    return SummarySchema.safeParse(s).success ? s : undefined;
  } catch (e) {
    console.warn('[SMM Lens] could not summarise', history.key, e);
    return undefined;
  }
}

/** A cached summary that still holds for these settings. */
export function isCurrent(entry: Pick<IndexEntry, 'sum'>, recentPosts: number): boolean {
  return entry.sum !== undefined && entry.sum.v === SUMMARY_VERSION && entry.sum.rp === recentPosts;
}

/** What the accounts table shows of a summary, in the engine's types. */
export interface SummaryView {
  er: Metric;
  g7: GrowthCell;
  g30: GrowthCell;
  verdict: { level: VerdictLevel; points: number; fired: SignalId[]; collecting: Msg | null };
}

export function viewOf(sum: Summary): SummaryView {
  return {
    er: unpackMetric(sum.er, 'erMedian', 'percent'),
    g7: unpackGrowth(sum.g7),
    g30: unpackGrowth(sum.g30),
    verdict: {
      level: sum.verdict.level,
      points: sum.verdict.points,
      fired: sum.verdict.fired as SignalId[],
      collecting: sum.verdict.collecting as Msg | null,
    },
  };
}
