/**
 * The comparison (dashboard #compare): the engine's compareAccounts over a period, the follower
 * series as % change for one chart, and the table as CSV. Pure.
 */

import { toCsv } from '../backup/csv';
import type { Translator } from '../i18n';
import { type Comparison, compareAccounts, type PeriodActivity } from '../metrics/compare';
import { followerSeries, percentSeries, type SeriesPoint } from '../metrics/growth';
import { renderMsg } from '../metrics/text';
import { isKnown, type Metric, type Msg, type Period } from '../metrics/types';
import type { AccountHistory } from '../store/records';
import { displayName } from './accounts';

export interface ComparedAccount {
  key: string;
  platform: AccountHistory['platform'];
  id: string;
  name: string;
  url: string;
}

export interface PercentLine {
  key: string;
  /** % change from the first visit in the period, with the band of abbreviated counts */
  points: SeriesPoint[];
  /** the visit the line starts from */
  base: number | null;
}

export interface ComparisonResult {
  period: Period;
  accounts: ComparedAccount[];
  comparison: Comparison;
  /** one line per account with at least two visits in the period */
  lines: PercentLine[];
  /** accounts left off the chart: fewer than two visits with followers in the period */
  offChart: string[];
}

export function accountOf(h: AccountHistory): ComparedAccount {
  return { key: h.key, platform: h.platform, id: h.id, name: displayName(h), url: h.url };
}

/**
 * The chart's line of one account: its follower series as % change, interval-safe (lib/metrics
 * percentSeries). It runs between the same two visits as the table's growth (the visits nearest to
 * the period's ends), so its last point is the table's growth rate; when that growth is unknown,
 * between the first and last visits inside the period.
 */
export function percentLine(h: AccountHistory, period: Period, growth?: PeriodActivity['growth']): PercentLine {
  const from = growth?.status === 'ok' ? growth.from : period.from;
  const to = growth?.status === 'ok' ? growth.to : period.to;
  const inside = followerSeries(h).filter((p) => p.at >= from && p.at <= to);
  const points = inside.length >= 2 ? percentSeries(inside) : [];
  return { key: h.key, points, base: points.length ? points[0].at : null };
}

export function buildComparison(histories: readonly AccountHistory[], period: Period): ComparisonResult {
  const comparison = compareAccounts(histories, period);
  const lines = histories.map((h, i) => percentLine(h, period, comparison.rows[i].growth));
  return {
    period,
    accounts: histories.map(accountOf),
    comparison,
    lines: lines.filter((l) => l.points.length >= 2),
    offChart: lines.filter((l) => l.points.length < 2).map((l) => l.key),
  };
}

// ---- CSV -------------------------------------------------------------------------------------

type Cell = string | number | boolean | null;
const iso = (ms: number) => new Date(ms).toISOString();

/** value, low, high of a metric; empty cells when unknown. */
export function metricCells(m: Metric | null | undefined): Cell[] {
  return m && isKnown(m) ? [m.value, m.low, m.high] : [null, null, null];
}
export const metricCols = (name: string) => [name, `${name}_low`, `${name}_high`];

/** Why a metric is unknown, in the UI language ("" when it is known). */
export function whyUnknown(t: Translator, label: string, m: Metric | null | undefined, extra: Msg[] = []): string[] {
  if (!m) return [];
  if (m.status === 'unknown') return [`${label}: ${[...m.missing, ...extra].map((x) => renderMsg(t, x)).join('; ')}`];
  return [];
}

export function growthMetric(a: PeriodActivity, which: 'net' | 'rate'): Metric | null {
  return a.growth.status === 'ok' ? a.growth[which] : null;
}

/**
 * The comparison table as CSV (UTF-8 with BOM, formula-safe cells; lib/backup/csv.ts). Numbers are
 * plain (dot decimals), each with its low and high; an empty cell is unknown, and `unknown_why`
 * says why in the UI language.
 */
export function comparisonCsv(t: Translator, r: ComparisonResult): string {
  const header = [
    'platform',
    'account_id',
    'name',
    'url',
    'period_from',
    'period_to',
    'followers_from_visit',
    'followers_to_visit',
    ...metricCols('followers_start'),
    ...metricCols('followers_end'),
    ...metricCols('net_change'),
    ...metricCols('growth_pct'),
    ...metricCols('er_pct'),
    'er_posts',
    ...metricCols('er_view_pct'),
    ...metricCols('posts_per_week'),
    'posts_seen',
    ...metricCols('reactions_per_post'),
    ...metricCols('reactions_total'),
    ...metricCols('share_of_voice_pct'),
    'visits',
    'days_without_visit',
    'longest_gap_days',
    'unknown_why',
  ];
  const share = new Map(r.comparison.shareOfVoice.rows.map((s) => [s.key, s.share]));
  const rows: Cell[][] = r.comparison.rows.map((a, i) => {
    const acc = r.accounts[i];
    const g = a.growth;
    const why = [
      ...(g.status === 'unknown' ? [`${t.t('dash.csv.growth')}: ${g.missing.map((m) => renderMsg(t, m)).join('; ')}`] : []),
      ...whyUnknown(t, t.t('dash.csv.er'), a.er),
      ...whyUnknown(t, t.t('dash.csv.erView'), a.erView),
      ...whyUnknown(t, t.t('dash.csv.postsPerWeek'), a.postsPerWeek),
      ...whyUnknown(t, t.t('dash.csv.reactionsPerPost'), a.reactionsPerPost),
      ...whyUnknown(t, t.t('dash.csv.share'), share.get(a.key)),
    ];
    const startEnd = (k: 'start' | 'end'): Cell[] => (g.status === 'ok' ? [g[k].value, g[k].low, g[k].high] : [null, null, null]);
    return [
      acc.platform,
      acc.id,
      acc.name,
      acc.url,
      iso(r.period.from),
      iso(r.period.to),
      g.status === 'ok' ? iso(g.from) : null,
      g.status === 'ok' ? iso(g.to) : null,
      ...startEnd('start'),
      ...startEnd('end'),
      ...metricCells(growthMetric(a, 'net')),
      ...metricCells(growthMetric(a, 'rate')),
      ...metricCells(a.er),
      a.er.sample?.n ?? null,
      ...metricCells(a.erView),
      ...metricCells(a.postsPerWeek),
      a.postsSeen,
      ...metricCells(a.reactionsPerPost),
      ...metricCells(a.reactions),
      ...metricCells(share.get(a.key)),
      a.visits,
      a.daysWithoutVisit,
      Math.round(a.longestGapDays * 10) / 10,
      why.join(' | ') || null,
    ];
  });
  return toCsv(header, rows);
}
