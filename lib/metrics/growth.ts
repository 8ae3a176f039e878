/**
 * Follower growth from snapshots taken at irregular times (METRICS.md "Growth").
 *
 * - Between two dates, the snapshots nearest to each date are used, and the real number of days
 *   between those snapshots: a 9-day gap is 9 days, never one.
 * - Net change dF = F(t2) - F(t1); per day dF/days; per week x7; per 30 days x30; growth rate
 *   dF / F(t1) x 100, and per 30 days.
 * - With abbreviated counts the change is an interval; when it contains 0 the direction is
 *   "unclear": below the display precision, never growth.
 * - A fall is the net of joins and leaves (unfollows are invisible), and says so.
 */
import type { AccountHistory } from '../store/records';
import { div, divBy, makeNum, type Num, scale, sub } from './num';
import { DAY, latestTime } from './options';
import { type FollowerIndex, followerIndex, nearestIndex } from './posts';
import { known, type Metric, type Msg, msg, pDate, pNum, unknown } from './types';

export type Direction = 'up' | 'down' | 'flat' | 'unclear';

interface GrowthBase {
  /** the dates asked for (ms) */
  requestedFrom: number;
  requestedTo: number;
}

export interface KnownGrowth extends GrowthBase {
  status: 'ok';
  /** the snapshots used (ms) */
  from: number;
  to: number;
  /** real days between them */
  days: number;
  start: Num;
  end: Num;
  net: Metric;
  perDay: Metric;
  perWeek: Metric;
  per30Days: Metric;
  /** dF / F(t1) x 100 over the span */
  rate: Metric;
  /** the rate scaled to 30 days */
  ratePer30Days: Metric;
  direction: Direction;
  /** the change cannot be told from zero at the precision the page showed */
  belowPrecision: boolean;
  /** visits used for the two ends, and every visit in between */
  snapshots: number;
  notes: Msg[];
}

export interface UnknownGrowth extends GrowthBase {
  status: 'unknown';
  missing: Msg[];
}

export type Growth = KnownGrowth | UnknownGrowth;

export interface GrowthOptions {
  /** ignore snapshots after this time (ms); default the latest time the history knows of */
  asOf?: number;
  /**
   * How far the nearest snapshot may be from each date asked for (ms). Default: a quarter of the
   * span asked for, at least one day and at most seven.
   */
  tolerance?: number;
}

/** Spans shorter than this give the net change only (no per-day extrapolation from hours). */
export const MIN_SPAN_FOR_RATES = DAY;

export function defaultTolerance(spanMs: number): number {
  return Math.min(7 * DAY, Math.max(DAY, spanMs / 4));
}

export function directionOf(d: Num): Direction {
  if (d.exact) return d.value > 0 ? 'up' : d.value < 0 ? 'down' : 'flat';
  if (d.low > 0) return 'up';
  if (d.high < 0) return 'down';
  return 'unclear';
}

/** Growth between snapshot i and j of the index (i < j). */
export function growthBetweenIndices(idx: FollowerIndex, i: number, j: number, requestedFrom: number, requestedTo: number): Growth {
  const start = idx.followers[i];
  const end = idx.followers[j];
  const from = idx.at[i];
  const to = idx.at[j];
  const spanMs = to - from;
  const days = spanMs / DAY;
  const d = sub(end, start);
  if (!d || !(spanMs > 0)) return { status: 'unknown', requestedFrom, requestedTo, missing: [msg('growth.missing.oneVisit')] };
  const direction = directionOf(d);
  const belowPrecision = direction === 'unclear';
  const notes: Msg[] = [];
  if (belowPrecision) notes.push(msg('growth.note.belowPrecision'));
  if (direction === 'down') notes.push(msg('growth.note.netFall'));
  const net = known('netChange', 'count', d);
  const short = [msg('growth.missing.shortSpan')];
  const perDay = days >= MIN_SPAN_FOR_RATES / DAY ? divBy(d, days) : null;
  const rateMaybe = div(d, start);
  const rateNum = rateMaybe && scale(rateMaybe, 100);
  const rateMissing = start.low > 0 ? short : [msg('metric.missing.noFollowers')];
  const mk = (formula: 'perDay' | 'perWeek' | 'per30Days', k: number): Metric => {
    const n = perDay && scale(perDay, k);
    return n ? known(formula, 'countPerPeriod', n) : unknown(formula, 'countPerPeriod', short);
  };
  const ratePer30 = rateNum && days >= MIN_SPAN_FOR_RATES / DAY ? divBy(scale(rateNum, 30) ?? rateNum, days) : null;
  return {
    status: 'ok',
    requestedFrom,
    requestedTo,
    from,
    to,
    days,
    start,
    end,
    net,
    perDay: mk('perDay', 1),
    perWeek: mk('perWeek', 7),
    per30Days: mk('per30Days', 30),
    rate: rateNum ? known('growthRate', 'percent', rateNum) : unknown('growthRate', 'percent', [msg('metric.missing.noFollowers')]),
    ratePer30Days: ratePer30
      ? known('growthRatePer30Days', 'percentPerPeriod', ratePer30)
      : unknown('growthRatePer30Days', 'percentPerPeriod', rateMissing),
    direction,
    belowPrecision,
    snapshots: j - i + 1,
    notes,
  };
}

/**
 * Growth between two dates, from the snapshots nearest to them. Unknown when there is no snapshot
 * within the tolerance of a date, or both dates fall on the same snapshot.
 */
export function growthBetween(history: AccountHistory, fromMs: number, toMs: number, options: GrowthOptions = {}): Growth {
  const asOf = options.asOf ?? latestTime(history);
  return growthFromIndex(followerIndex(history.snapshots, asOf), fromMs, toMs, options.tolerance);
}

export function growthFromIndex(idx: FollowerIndex, fromMs: number, toMs: number, tolerance?: number): Growth {
  const requestedFrom = Math.min(fromMs, toMs);
  const requestedTo = Math.max(fromMs, toMs);
  const base = { requestedFrom, requestedTo };
  if (!Number.isFinite(requestedFrom) || !Number.isFinite(requestedTo)) {
    return { status: 'unknown', ...base, missing: [msg('growth.missing.noSnapshots')] };
  }
  if (idx.at.length === 0) return { status: 'unknown', ...base, missing: [msg('growth.missing.noSnapshots')] };
  if (idx.at.length === 1) return { status: 'unknown', ...base, missing: [msg('growth.missing.oneVisit')] };
  const tol = tolerance ?? defaultTolerance(requestedTo - requestedFrom);
  const i = nearestIndex(idx.at, requestedFrom);
  const j = nearestIndex(idx.at, requestedTo);
  const missing: Msg[] = [];
  for (const [k, want] of [
    [i, requestedFrom],
    [j, requestedTo],
  ] as const) {
    if (Math.abs(idx.at[k] - want) > tol) {
      missing.push(msg('growth.missing.noVisitNear', { date: pDate(want), days: pNum(Math.round(tol / DAY)), nearest: pDate(idx.at[k]) }));
    }
  }
  if (missing.length) return { status: 'unknown', ...base, missing };
  if (i >= j) return { status: 'unknown', ...base, missing: [msg('growth.missing.oneVisitInSpan')] };
  return growthBetweenIndices(idx, i, j, requestedFrom, requestedTo);
}

/** Growth since the previous visit that showed followers. */
export function growthSincePrevious(idx: FollowerIndex): Growth {
  const n = idx.at.length;
  if (n < 2) {
    const t = n ? idx.at[0] : 0;
    return {
      status: 'unknown',
      requestedFrom: t,
      requestedTo: t,
      missing: [msg(n ? 'growth.missing.oneVisit' : 'growth.missing.noSnapshots')],
    };
  }
  return growthBetweenIndices(idx, n - 2, n - 1, idx.at[n - 2], idx.at[n - 1]);
}

/** Growth over the last `days` days before the latest snapshot. */
export function growthOverLast(idx: FollowerIndex, days: number): Growth {
  const n = idx.at.length;
  if (n === 0) return { status: 'unknown', requestedFrom: 0, requestedTo: 0, missing: [msg('growth.missing.noSnapshots')] };
  const to = idx.at[n - 1];
  return growthFromIndex(idx, to - days * DAY, to);
}

/** Growth over the whole stored history. */
export function growthOverall(idx: FollowerIndex): Growth {
  const n = idx.at.length;
  if (n < 2) {
    const t = n ? idx.at[0] : 0;
    return {
      status: 'unknown',
      requestedFrom: t,
      requestedTo: t,
      missing: [msg(n ? 'growth.missing.oneVisit' : 'growth.missing.noSnapshots')],
    };
  }
  return growthBetweenIndices(idx, 0, n - 1, idx.at[0], idx.at[n - 1]);
}

/** One point of the follower chart, with the band of abbreviated counts. */
export interface SeriesPoint extends Num {
  at: number;
}

/** The follower series for charts: every snapshot that shows followers, oldest first. */
export function followerSeries(history: AccountHistory, asOf = latestTime(history)): SeriesPoint[] {
  const idx = followerIndex(history.snapshots, asOf);
  return idx.at.map((at, k) => ({ at, ...idx.followers[k] }));
}

export function seriesFromIndex(idx: FollowerIndex): SeriesPoint[] {
  return idx.at.map((at, k) => ({ at, ...idx.followers[k] }));
}

/**
 * A follower series as percent change from its first point at or after `from` (the dashboard's
 * comparison chart puts accounts of any size on one axis). Interval-safe: each point's band holds
 * every ratio the two abbreviated counts allow. Empty when there is no point at or after `from`,
 * or that first count can be 0.
 */
export function percentSeries(series: readonly SeriesPoint[], from = Number.NEGATIVE_INFINITY): SeriesPoint[] {
  const i0 = series.findIndex((p) => p.at >= from);
  if (i0 < 0) return [];
  const base = series[i0];
  if (!(base.low > 0)) return [];
  const out: SeriesPoint[] = [];
  for (let i = i0; i < series.length; i++) {
    const p = series[i];
    const q = div(p, base);
    const pct = q && scale(q, 100);
    const n = pct && makeNum(pct.value - 100, pct.low - 100, pct.high - 100, pct.exact);
    if (n) out.push({ at: p.at, ...n });
  }
  return out;
}
