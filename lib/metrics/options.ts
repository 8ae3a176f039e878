/**
 * Options of the metrics, with the defaults METRICS.md gives.
 */
import type { AccountHistory } from '../store/records';
import type { Period } from './types';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export interface MetricOptions {
  /**
   * The moment the numbers are computed for (epoch ms): snapshots and post observations after it
   * are ignored, and post ages are measured at the observation used. Default: the latest time the
   * history knows of (`latestTime`), so the result does not depend on when it is computed.
   */
  asOf: number;
  /** How many recent eligible posts the engagement metrics use (settings.recentPosts). */
  recentPosts: number;
  /** A post younger than this at the observation used is still collecting reactions. */
  minPostAgeMs: number;
  /** Account-level medians and means need at least this many posts (one post is not an account's ER). */
  minPosts: number;
  /**
   * Posts published in this period instead of the recent N (contractor audits, comparisons).
   * Every eligible post of the period is used, up to `maxPeriodPosts`.
   */
  period: Period | null;
  maxPeriodPosts: number;
  /**
   * Offset of the user's time zone from UTC in minutes (for ERday's "that day"; east positive,
   * i.e. -new Date().getTimezoneOffset()). Dates given without a time are taken as they are.
   */
  dayOffsetMinutes: number;
}

export const DEFAULT_METRIC_OPTIONS: Omit<MetricOptions, 'asOf'> = {
  recentPosts: 12,
  minPostAgeMs: DAY,
  minPosts: 3,
  period: null,
  maxPeriodPosts: 1000,
  dayOffsetMinutes: 0,
};

/**
 * The default `asOf`: the latest moment the history knows anything about (its lastSeen, or a later
 * snapshot or observation if an imported file's lastSeen lags behind its data).
 */
export function latestTime(history: AccountHistory): number {
  let t = history.lastSeen;
  const s = history.snapshots;
  if (s.length) t = Math.max(t, s[s.length - 1].at);
  for (const p of history.posts) {
    const o = p.observations;
    if (o.length) t = Math.max(t, o[o.length - 1].at);
  }
  return t;
}

export function metricOptions(lastSeen: number, partial: Partial<MetricOptions> = {}): MetricOptions {
  const o: MetricOptions = { ...DEFAULT_METRIC_OPTIONS, asOf: lastSeen, ...stripUndefined(partial) };
  // Defensive bounds: settings are validated, but the engine must not loop or divide on nonsense.
  o.recentPosts = clampInt(o.recentPosts, 1, 1000, DEFAULT_METRIC_OPTIONS.recentPosts);
  o.minPosts = clampInt(o.minPosts, 1, 1000, DEFAULT_METRIC_OPTIONS.minPosts);
  o.maxPeriodPosts = clampInt(o.maxPeriodPosts, 1, 100_000, DEFAULT_METRIC_OPTIONS.maxPeriodPosts);
  if (!Number.isFinite(o.minPostAgeMs) || o.minPostAgeMs < 0) o.minPostAgeMs = DAY;
  if (!Number.isFinite(o.asOf)) o.asOf = lastSeen;
  if (!Number.isFinite(o.dayOffsetMinutes)) o.dayOffsetMinutes = 0;
  if (o.period) {
    const { from, to } = o.period;
    // A reversed period is the same period; one with a non-finite end is no period at all.
    o.period = Number.isFinite(from) && Number.isFinite(to) ? { from: Math.min(from, to), to: Math.max(from, to) } : null;
  }
  return o;
}

function clampInt(n: number, lo: number, hi: number, fallback: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.round(n))) : fallback;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
