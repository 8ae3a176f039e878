/**
 * The contractor audit (dashboard #audit): what an account did in the contract period against the
 * KPI targets, what each result cost, the padding signals inside the period, and what data is
 * missing. Built from the engine (lib/metrics/compare.ts periodActivity, kpiReport, costs;
 * lib/signals evaluateSignals with the period). Pure; docs/dashboard.md explains every number.
 */
import { toCsv } from '../backup/csv';
import type { Translator } from '../i18n';
import type { AccountAnalysis } from '../metrics/analyze';
import { type Costs, costs, type KpiRow, kpiReport, type PeriodActivity, periodActivity } from '../metrics/compare';
import { formulaMsg } from '../metrics/formulas';
import { fromCount, type Num, sub } from '../metrics/num';
import { DAY } from '../metrics/options';
import { nearestIndex } from '../metrics/posts';
import { renderMsg } from '../metrics/text';
import type { Metric, Period } from '../metrics/types';
import type { AuditInputs } from '../settings';
import { evaluateSignals, type SignalsReport } from '../signals';
import type { PeerGrowth } from '../signals/types';
import type { AccountHistory } from '../store/records';
import { accountOf, type ComparedAccount, metricCells } from './compare';
import { periodOf } from './period';

export interface AuditGap {
  from: number;
  to: number;
  days: number;
}

export interface PostCounter {
  /** posts the profile's counter added between the two visits nearest to the period's ends */
  published: Num;
  from: number;
  to: number;
}

export interface AuditReport {
  account: ComparedAccount;
  period: Period;
  /** calendar days of the period, both ends included */
  days: number;
  activity: PeriodActivity;
  kpis: KpiRow[];
  budget: number | null;
  currency: string;
  leads: number | null;
  sales: number | null;
  /** null when no budget was entered */
  costs: Costs | null;
  /** S1-S9 and the verdict inside the period */
  signals: SignalsReport;
  /** whether the other tracked accounts were used for S3's purge correction */
  peersUsed: boolean;
  /** stretches of at least two days without a visit (the period's ends count as edges) */
  gaps: AuditGap[];
  counter: PostCounter | null;
}

export type AuditBuild = { ok: true; report: AuditReport } | { ok: false; problem: 'missing' | 'invalid' | 'reversed' };

/** Stretches without a visit of at least `minDays`, with the period's start and end as edges. */
export function gapsIn(history: AccountHistory, period: Period, minDays = 2): AuditGap[] {
  const times = [period.from, ...history.snapshots.filter((s) => s.at >= period.from && s.at <= period.to).map((s) => s.at), period.to];
  const out: AuditGap[] = [];
  for (let i = 1; i < times.length; i++) {
    const days = (times[i] - times[i - 1]) / DAY;
    if (days >= minDays) out.push({ from: times[i - 1], to: times[i], days });
  }
  return out;
}

/** The post counter's rise between the visits nearest to the period's ends (within `tolerance`). */
export function postCounter(
  history: AccountHistory,
  period: Period,
  tolerance = Math.min(7 * DAY, Math.max(DAY, (period.to - period.from) / 4)),
): PostCounter | null {
  const at: number[] = [];
  const counts: Num[] = [];
  for (const s of history.snapshots) {
    const c = fromCount(s.posts);
    if (!c) continue;
    at.push(s.at);
    counts.push(c);
  }
  const i = nearestIndex(at, period.from);
  const j = nearestIndex(at, period.to);
  if (i < 0 || j <= i || Math.abs(at[i] - period.from) > tolerance || Math.abs(at[j] - period.to) > tolerance) return null;
  const d = sub(counts[j], counts[i]);
  return d && d.high >= 0 ? { published: d, from: at[i], to: at[j] } : null;
}

const finite = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

export function buildAudit(
  history: AccountHistory,
  inputs: Pick<AuditInputs, 'from' | 'to' | 'growthPct' | 'er' | 'postsPerWeek' | 'budget' | 'currency' | 'leads' | 'sales'>,
  peers: PeerGrowth | null = null,
): AuditBuild {
  const p = periodOf(inputs.from, inputs.to);
  if (!p.ok) return p;
  const { period, days } = p;
  const activity = periodActivity(history, period);
  const kpis = kpiReport(activity, { growthPct: inputs.growthPct, er: inputs.er, postsPerWeek: inputs.postsPerWeek });
  const budget = finite(inputs.budget) && inputs.budget >= 0 ? inputs.budget : null;
  const leads = finite(inputs.leads) ? inputs.leads : null;
  const sales = finite(inputs.sales) ? inputs.sales : null;
  return {
    ok: true,
    report: {
      account: accountOf(history),
      period,
      days,
      activity,
      kpis,
      budget,
      currency: inputs.currency,
      leads,
      sales,
      costs: budget === null ? null : costs(activity, { budget, leads, sales }),
      signals: evaluateSignals(history, { period, peers }),
      peersUsed: peers !== null,
      gaps: gapsIn(history, period),
      counter: postCounter(history, period),
    },
  };
}

/** Whether S2 flagged a jump (then S3's purge correction needs the other accounts: load peers). */
export const needsPeers = (s: Pick<SignalsReport, 'signals'> | Pick<AccountAnalysis, 'signals'>) =>
  s.signals.some((x) => x.id === 'S2' && x.status === 'flag');

// ---- CSV --------------------------------------------------------------------------------------

type Cell = string | number | boolean | null;

/**
 * The report as CSV: one row per number, with its low and high, the target where there is one,
 * the formula, and why it is unknown. Section and item ids are English (stable for spreadsheets);
 * texts are in the UI language.
 */
export function auditCsv(t: Translator, r: AuditReport): string {
  const header = ['section', 'item', 'value', 'low', 'high', 'unit', 'target', 'met', 'formula', 'details'];
  const rows: Cell[][] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const f = (m: Metric) => renderMsg(t, formulaMsg(m));
  const why = (m: Metric) =>
    m.status === 'unknown' ? m.missing.map((x) => renderMsg(t, x)).join('; ') : (m.notes ?? []).map((x) => renderMsg(t, x)).join('; ');
  const metricRow = (section: string, item: string, m: Metric, unit: string, extra: Cell[] = [null, null]) =>
    rows.push([section, item, ...metricCells(m), unit, ...extra, f(m), why(m) || null]);

  rows.push(['account', 'name', r.account.name, null, null, null, null, null, null, r.account.url]);
  rows.push(['account', 'platform', r.account.platform, null, null, null, null, null, null, `${r.account.platform}:${r.account.id}`]);
  rows.push(['period', 'from', iso(r.period.from), null, null, null, null, null, null, null]);
  rows.push(['period', 'to', iso(r.period.to), null, null, null, null, null, null, null]);
  rows.push(['period', 'days', r.days, null, null, 'days', null, null, null, null]);

  const unitOf = { growthPct: 'percent', er: 'percent', postsPerWeek: 'posts/week' } as const;
  for (const k of r.kpis) metricRow('kpi', k.kpi, k.actual, unitOf[k.kpi], [k.target, k.met]);

  const a = r.activity;
  const g = a.growth;
  if (g.status === 'ok') {
    rows.push(['result', 'followers_start', g.start.value, g.start.low, g.start.high, 'count', null, null, null, iso(g.from)]);
    rows.push(['result', 'followers_end', g.end.value, g.end.low, g.end.high, 'count', null, null, null, iso(g.to)]);
    metricRow('result', 'net_change', g.net, 'count');
    metricRow('result', 'growth_pct', g.rate, 'percent');
  } else {
    rows.push(['result', 'growth', null, null, null, null, null, null, null, g.missing.map((m) => renderMsg(t, m)).join('; ')]);
  }
  rows.push(['result', 'posts_seen', a.postsSeen, null, null, 'count', null, null, null, null]);
  metricRow('result', 'posts_per_week', a.postsPerWeek, 'posts/week');
  metricRow('result', 'reactions_total', a.reactions, 'count');
  metricRow('result', 'reactions_per_post', a.reactionsPerPost, 'count');
  metricRow('result', 'er_pct', a.er, 'percent');
  metricRow('result', 'er_view_pct', a.erView, 'percent');

  if (r.budget !== null) rows.push(['cost', 'budget', r.budget, null, null, r.currency, null, null, null, null]);
  if (r.leads !== null) rows.push(['cost', 'leads', r.leads, null, null, 'count', null, null, null, null]);
  if (r.sales !== null) rows.push(['cost', 'sales', r.sales, null, null, 'count', null, null, null, null]);
  if (r.costs) {
    metricRow('cost', 'per_follower', r.costs.perFollower, r.currency);
    metricRow('cost', 'per_engagement', r.costs.perEngagement, r.currency);
    metricRow('cost', 'per_lead', r.costs.perLead, r.currency);
    metricRow('cost', 'per_sale', r.costs.perSale, r.currency);
  }

  const v = r.signals.verdict;
  rows.push(['signals', 'verdict', v.level, null, null, 'points', null, null, null, `${renderMsg(t, v.headline)} (${v.points})`]);
  for (const s of r.signals.signals) {
    const text =
      s.status === 'insufficient' ? s.missing.map((m) => renderMsg(t, m)).join('; ') : s.explanations.map((m) => renderMsg(t, m)).join(' ');
    rows.push([
      'signal',
      s.id,
      s.status,
      null,
      null,
      'points',
      s.points,
      null,
      renderMsg(t, s.evidence.rule),
      `${renderMsg(t, s.title)}${text ? `: ${text}` : ''}`,
    ]);
  }

  rows.push(['coverage', 'visits', a.visits, null, null, 'count', null, null, null, null]);
  rows.push(['coverage', 'days_with_visit', a.visitDays, null, null, 'days', null, null, null, null]);
  rows.push(['coverage', 'days_without_visit', a.daysWithoutVisit, null, null, 'days', null, null, null, null]);
  rows.push(['coverage', 'longest_gap_days', Math.round(a.longestGapDays * 10) / 10, null, null, 'days', null, null, null, null]);
  for (const gap of r.gaps)
    rows.push(['gap', `${iso(gap.from)}/${iso(gap.to)}`, Math.round(gap.days * 10) / 10, null, null, 'days', null, null, null, null]);
  if (r.counter) {
    const c = r.counter.published;
    rows.push([
      'coverage',
      'posts_published_by_counter',
      c.value,
      c.low,
      c.high,
      'count',
      null,
      null,
      null,
      `${iso(r.counter.from)}/${iso(r.counter.to)}`,
    ]);
  }
  return toCsv(header, rows);
}
