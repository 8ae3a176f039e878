/**
 * Comparison and audit helpers for the dashboard (METRICS.md "Competitors and audits"): activity
 * of an account in a period, share of voice within a group, cost per result from a budget, and
 * actual against target for KPI targets. They take AccountHistory lists and a period.
 */
import type { AccountHistory } from '../store/records';
import { engagementFrom } from './engagement';
import { type Growth, growthFromIndex } from './growth';
import { add, div, divBy, exactNum, fromCount, makeNum, mean, type Num, scale, sub, sum } from './num';
import { DAY, type MetricOptions, metricOptions } from './options';
import { emptyExclusions, followerIndex, nearestIndex, type PostPoint, postPoint, reactionsOf, sampleOf, selectPosts } from './posts';
import { isKnown, known, type Metric, type Msg, msg, numOf, type Period, unknown } from './types';

const days = (p: Period) => (p.to - p.from) / DAY;

/** What an account did in a period. */
export interface PeriodActivity {
  key: string;
  period: Period;
  /** posts published in the period that the extension saw (ads left out) */
  postsSeen: number;
  /** posts per week: from the profile's post counter when it was read near both ends, else from the posts seen */
  postsPerWeek: Metric;
  /** sum of reactions on the posts published in the period */
  reactions: Metric;
  /** mean reactions per post published in the period */
  reactionsPerPost: Metric;
  /** ER (median) of the eligible posts published in the period */
  er: Metric;
  erView: Metric;
  growth: Growth;
  /** visits in the period, days with a visit, days without one, and the longest stretch without one (days) */
  visits: number;
  visitDays: number;
  daysWithoutVisit: number;
  longestGapDays: number;
}

export interface PeriodOptions {
  /** numbers of posts as last seen at or before this time (default: the latest observation) */
  asOf?: number;
  /** how far a snapshot may be from the period's ends (ms); see growth.defaultTolerance */
  tolerance?: number;
}

function periodPosts(history: AccountHistory, period: Period, opts: MetricOptions): PostPoint[] {
  const idx = followerIndex(history.snapshots, opts.asOf);
  const out: PostPoint[] = [];
  for (const post of history.posts) {
    if (post.ad || post.publishedAt === null || post.publishedAt < period.from || post.publishedAt > period.to) continue;
    const p = postPoint(post, opts.asOf, idx);
    if (p) out.push(p);
  }
  return out;
}

/** Visits (snapshots) inside the period and the longest gap between them, the period's ends included. */
export function coverage(history: AccountHistory, period: Period): { visits: number; longestGapDays: number; visitDays: number } {
  let visits = 0;
  let prev = period.from;
  let longest = 0;
  const daysSeen = new Set<number>();
  for (const s of history.snapshots) {
    if (s.at < period.from || s.at > period.to) continue;
    visits++;
    daysSeen.add(Math.floor(s.at / DAY));
    longest = Math.max(longest, s.at - prev);
    prev = s.at;
  }
  longest = Math.max(longest, period.to - prev);
  return { visits, longestGapDays: longest / DAY, visitDays: daysSeen.size };
}

/** Posts per week from the profile's post counter, read near both ends of the period. */
function postsPerWeekFromCounter(history: AccountHistory, period: Period, asOf: number, tolerance: number): Num | null {
  const at: number[] = [];
  const counts: Num[] = [];
  for (const s of history.snapshots) {
    if (s.at > asOf) break;
    const c = fromCount(s.posts);
    if (!c) continue;
    at.push(s.at);
    counts.push(c);
  }
  const i = nearestIndex(at, period.from);
  const j = nearestIndex(at, period.to);
  if (i < 0 || j <= i || Math.abs(at[i] - period.from) > tolerance || Math.abs(at[j] - period.to) > tolerance) return null;
  const d = sub(counts[j], counts[i]);
  const span = (at[j] - at[i]) / DAY;
  // A falling counter means deleted or archived posts: it no longer counts what was published.
  if (!d || d.low < 0 || span < 1) return null;
  const perDay = divBy(d, span);
  return perDay && scale(perDay, 7);
}

export function periodActivity(history: AccountHistory, asked: Period, options: PeriodOptions = {}): PeriodActivity {
  const period = { from: Math.min(asked.from, asked.to), to: Math.max(asked.from, asked.to) };
  const opts = metricOptions(history.lastSeen, { asOf: options.asOf ?? Number.MAX_SAFE_INTEGER, period });
  const idx = followerIndex(history.snapshots, opts.asOf);
  const sel = selectPosts(history, opts, idx);
  const eng = engagementFrom(history, opts, idx, sel);
  const posts = periodPosts(history, period, opts);
  const r = sel.reactions;
  const span = days(period);
  const tol = options.tolerance ?? Math.min(7 * DAY, Math.max(DAY, (period.to - period.from) / 4));

  // Reactions: every post of the period (pinned and young ones too), ads left out.
  const withReactions = posts.filter((p) => reactionsOf(p, r));
  const excluded = { ...emptyExclusions(), countUnknown: posts.length - withReactions.length };
  const sample = sampleOf(withReactions, posts.length, excluded);
  const total = sum(withReactions.map((p) => reactionsOf(p, r) as Num));
  const noPosts: Msg[] = [msg('metric.missing.noPostsInPeriod')];
  const reactions: Metric = total
    ? known('reactionsInPeriod', 'count', total, { sample, reactions: r })
    : unknown('reactionsInPeriod', 'count', noPosts, { sample, reactions: r });
  const perPost = mean(withReactions.map((p) => reactionsOf(p, r) as Num));
  const reactionsPerPost: Metric = perPost
    ? known('reactionsPerPost', 'count', perPost, { sample, reactions: r })
    : unknown('reactionsPerPost', 'count', noPosts, { sample, reactions: r });

  let postsPerWeek: Metric;
  const fromCounter = postsPerWeekFromCounter(history, period, opts.asOf, tol);
  if (fromCounter) postsPerWeek = known('postsPerWeek', 'countPerPeriod', fromCounter, { notes: [msg('metric.note.postsCounter')] });
  else if (span >= 1 && posts.length > 0) {
    const n = exactNum(posts.length);
    const v = n && scale(n, 7 / span);
    postsPerWeek = v
      ? known('postsPerWeek', 'countPerPeriod', v, { notes: [msg('metric.note.postsSeen')] })
      : unknown('postsPerWeek', 'countPerPeriod', noPosts);
  } else postsPerWeek = unknown('postsPerWeek', 'countPerPeriod', span < 1 ? [msg('metric.missing.shortPeriod')] : noPosts);

  const cov = coverage(history, period);
  return {
    key: history.key,
    period,
    postsSeen: posts.length,
    postsPerWeek,
    reactions,
    reactionsPerPost,
    er: eng.erMedian,
    erView: eng.erView,
    growth: growthFromIndex(idx, period.from, period.to, tol),
    visits: cov.visits,
    visitDays: cov.visitDays,
    daysWithoutVisit: Math.max(0, Math.ceil(span) - cov.visitDays),
    longestGapDays: cov.longestGapDays,
  };
}

// ---- share of voice -----------------------------------------------------------------------------

export interface ShareOfVoiceRow {
  key: string;
  reactions: Metric;
  /** this account's reactions / all reactions of the group, percent */
  share: Metric;
}

export interface ShareOfVoice {
  period: Period;
  rows: ShareOfVoiceRow[];
  total: Metric;
  /** accounts left out: no post of theirs from the period was seen */
  unknown: string[];
}

/**
 * Share of voice (engagement share): reactions on one account's posts published in the period /
 * reactions of all accounts of the group. Accounts whose period posts were not seen are left out
 * and listed (their reactions are unknown, not zero). Interval-safe: share = a / (a + others) is
 * increasing in a and decreasing in the others.
 */
export function shareOfVoice(histories: readonly AccountHistory[], period: Period, options: PeriodOptions = {}): ShareOfVoice {
  return shareOfActivities(
    histories.map((h) => periodActivity(h, period, options)),
    period,
  );
}

function shareOfActivities(acts: readonly PeriodActivity[], period: Period): ShareOfVoice {
  const knownRows = acts.filter((a) => isKnown(a.reactions));
  const totals = knownRows.map((a) => numOf(a.reactions as Extract<Metric, { status: 'ok' }>));
  const total = sum(totals);
  const rows: ShareOfVoiceRow[] = acts.map((a, i) => {
    if (!isKnown(a.reactions) || !total) {
      return { key: a.key, reactions: a.reactions, share: unknown('shareOfVoice', 'share', [msg('metric.missing.noPostsInPeriod')]) };
    }
    const mine = numOf(a.reactions);
    const others = sum(totals.filter((_, j) => knownRows[j].key !== acts[i].key)) ?? exactNum(0);
    let share: Num | null = null;
    if (others) {
      const whole = add(mine, others);
      const lo = mine.low + others.high > 0 ? mine.low / (mine.low + others.high) : null;
      const hi = mine.high + others.low > 0 ? mine.high / (mine.high + others.low) : null;
      const v = whole && whole.value > 0 ? mine.value / whole.value : null;
      if (lo !== null && hi !== null && v !== null) share = makeNum(v * 100, lo * 100, hi * 100, mine.exact && others.exact);
    }
    return {
      key: a.key,
      reactions: a.reactions,
      share: share ? known('shareOfVoice', 'share', share) : unknown('shareOfVoice', 'share', [msg('metric.missing.noReactions')]),
    };
  });
  return {
    period,
    rows,
    total: total
      ? known('reactionsInPeriod', 'count', total)
      : unknown('reactionsInPeriod', 'count', [msg('metric.missing.noPostsInPeriod')]),
    unknown: acts.filter((a) => !isKnown(a.reactions)).map((a) => a.key),
  };
}

// ---- costs --------------------------------------------------------------------------------------

export interface CostInputs {
  /** the budget the user entered, in their currency */
  budget: number;
  /** leads and sales the business counted (optional) */
  leads?: number | null;
  sales?: number | null;
}

export interface Costs {
  perFollower: Metric;
  perEngagement: Metric;
  perLead: Metric;
  perSale: Metric;
}

function costOf(
  formula: 'costPerFollower' | 'costPerEngagement' | 'costPerLead' | 'costPerSale',
  budget: number,
  per: Num | null,
  missing: Msg[],
): Metric {
  const b = exactNum(budget);
  if (!b || budget < 0) return unknown(formula, 'money', [msg('metric.missing.budget')]);
  if (!per) return unknown(formula, 'money', missing);
  if (!(per.low > 0)) return unknown(formula, 'money', per.high <= 0 ? missing : [msg('metric.missing.belowPrecision')]);
  const c = div(b, per);
  return c ? known(formula, 'money', c) : unknown(formula, 'money', missing);
}

/** Cost per new follower, per engagement, per lead and per sale for a period's budget. */
export function costs(activity: PeriodActivity, inputs: CostInputs): Costs {
  const g = activity.growth;
  const net = g.status === 'ok' && isKnown(g.net) ? numOf(g.net) : null;
  const followerMissing = g.status === 'unknown' ? g.missing : [msg('metric.missing.noNetGrowth')];
  const reactions = isKnown(activity.reactions) ? numOf(activity.reactions) : null;
  const userNum = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? exactNum(n) : null);
  return {
    perFollower: costOf('costPerFollower', inputs.budget, net, followerMissing),
    perEngagement: costOf('costPerEngagement', inputs.budget, reactions, [msg('metric.missing.noPostsInPeriod')]),
    perLead: costOf('costPerLead', inputs.budget, userNum(inputs.leads), [msg('metric.missing.leads')]),
    perSale: costOf('costPerSale', inputs.budget, userNum(inputs.sales), [msg('metric.missing.sales')]),
  };
}

// ---- KPI ----------------------------------------------------------------------------------------

export type Kpi = 'growthPct' | 'er' | 'postsPerWeek';

export interface KpiTargets {
  /** follower growth over the period, percent */
  growthPct?: number | null;
  /** ER by followers (median), percent */
  er?: number | null;
  postsPerWeek?: number | null;
}

export interface KpiRow {
  kpi: Kpi;
  target: number;
  actual: Metric;
  /** true / false when the whole interval is on one side of the target; null when it cannot be told */
  met: boolean | null;
  /** actual / target, percent of the target reached */
  ofTarget: Metric;
}

/** Actual against target for each KPI the user set, over the period. */
export function kpiReport(activity: PeriodActivity, targets: KpiTargets): KpiRow[] {
  const rows: KpiRow[] = [];
  const actualOf: Record<Kpi, Metric> = {
    growthPct: activity.growth.status === 'ok' ? activity.growth.rate : unknown('growthRate', 'percent', activity.growth.missing),
    er: activity.er,
    postsPerWeek: activity.postsPerWeek,
  };
  for (const kpi of ['growthPct', 'er', 'postsPerWeek'] as const) {
    const target = targets[kpi];
    if (typeof target !== 'number' || !Number.isFinite(target)) continue;
    const actual = actualOf[kpi];
    let met: boolean | null = null;
    let ofTarget: Metric = unknown(
      actual.formula,
      'percent',
      actual.status === 'unknown' ? actual.missing : [msg('metric.missing.target')],
    );
    if (isKnown(actual)) {
      met = actual.low >= target ? true : actual.high < target ? false : null;
      const t = exactNum(target);
      const q = t && target > 0 ? div(numOf(actual), t) : null;
      const pct = q && scale(q, 100);
      if (pct) ofTarget = known(actual.formula, 'percent', pct);
    }
    rows.push({ kpi, target, actual, met, ofTarget });
  }
  return rows;
}

// ---- a group of accounts over a period ----------------------------------------------------------

export interface Comparison {
  period: Period;
  /** one row per account, in the order given */
  rows: PeriodActivity[];
  shareOfVoice: ShareOfVoice;
}

/**
 * The dashboard's comparison: each account's activity over the period (growth, ER, ERview, posts
 * per week, reactions per post) and the share of voice within the group.
 */
export function compareAccounts(histories: readonly AccountHistory[], period: Period, options: PeriodOptions = {}): Comparison {
  const rows = histories.map((h) => periodActivity(h, period, options));
  return { period, rows, shareOfVoice: shareOfActivities(rows, period) };
}
