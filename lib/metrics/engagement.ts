/**
 * Engagement metrics (METRICS.md "Engagement"): ER by followers (median and mean), ERview,
 * ERday, love rate, talk rate, amplification, comments per 100 likes, views per like, averages,
 * and per-post ER and multiplier for the badges.
 *
 * Every rate is computed per post with the follower count nearest to the post's publish time,
 * then summarised (median or mean). All arithmetic is interval arithmetic (./num.ts).
 */
import type { AccountHistory, PostHistory } from '../store/records';
import { div, mean, median, type Num, scale, sum } from './num';
import { DAY, latestTime, type MetricOptions, metricOptions } from './options';
import {
  type FollowerIndex,
  followerIndex,
  latestFollowers,
  type PostPoint,
  type PostSelection,
  reactionsOf,
  sampleOf,
  selectPosts,
} from './posts';
import { modifiedZ, robust } from './stats';
import { type FormulaId, known, type Metric, type Msg, msg, numOf, pNum, type Reactions, type Sample, type Unit, unknown } from './types';

export interface Engagement {
  /** reactions the formulas add up for this account */
  reactions: Reactions;
  /** the eligible posts */
  sample: Sample;
  /** latest follower count at asOf, and when it was seen */
  followers: Num | null;
  followersAt: number | null;
  erMedian: Metric;
  erMean: Metric;
  erView: Metric;
  erDay: Metric;
  loveRate: Metric;
  talkRate: Metric;
  amplification: Metric;
  commentsPer100Likes: Metric;
  viewsPerLike: Metric;
  avgLikes: Metric;
  avgComments: Metric;
  avgReactions: Metric;
  medianReactions: Metric;
}

export type PostStatus =
  | 'eligible'
  | 'ad'
  | 'pinned'
  | 'likesHidden'
  | 'tooNew'
  | 'ageUnknown'
  | 'countUnknown'
  | 'older'
  | 'outsidePeriod';

/** What a post badge shows. */
export interface PostMetrics {
  id: string;
  url: string;
  publishedAt: number | null;
  /** whether the post is in the account's sample, and if not, why */
  status: PostStatus;
  /** when the numbers were read (ms); null for an ad or a post not seen by asOf */
  observedAt: number | null;
  likes: Num | null;
  comments: Num | null;
  shares: Num | null;
  views: Num | null;
  reactions: Num | null;
  /** followers used for the post's ER, and when they were seen */
  followers: Num | null;
  followersAt: number | null;
  er: Metric;
  erView: Metric;
  /** the post's reactions against the median of the account's sample */
  multiplier: Metric;
  /** M(log reactions) against the sample: |M| >= 3.5 (conservative side of the interval) */
  outlier: 'high' | 'low' | null;
}

const OUTLIER_Z = 3.5;
/** Floor of the MAD of log reactions: a very even account must not make a 10 % wiggle an outlier. */
const LOG_MAD_FLOOR = 0.05;

// ---- helpers -----------------------------------------------------------------------------------

function fewPosts(have: number, need: number): Msg {
  return msg('metric.missing.fewPosts', { have: pNum(have), need: pNum(need) });
}

/** A known metric, or unknown with what is missing (computed only then: badges for 700 posts stay cheap). */
function fromNum(
  formula: FormulaId,
  unit: Unit,
  n: Num | null,
  missing: Msg[] | (() => Msg[]),
  extra: Parameters<typeof known>[3] = {},
): Metric {
  if (n) return known(formula, unit, n, extra);
  return unknown(formula, unit, typeof missing === 'function' ? missing() : missing, extra);
}

interface PerPost {
  point: PostPoint;
  value: Num;
}

/** Apply a per-post formula to the sample, keeping the posts where it is defined. */
function perPost(points: readonly PostPoint[], f: (p: PostPoint) => Num | null): PerPost[] {
  const out: PerPost[] = [];
  for (const point of points) {
    const value = f(point);
    if (value) out.push({ point, value });
  }
  return out;
}

type Summary = 'median' | 'mean';

function summarise(
  formula: FormulaId,
  unit: Unit,
  rows: PerPost[],
  how: Summary,
  opts: MetricOptions,
  sel: PostSelection,
  whenFew: Msg[],
  reactions?: Reactions,
): Metric {
  const used = rows.map((r) => r.point);
  const sample = sampleOf(used, sel.sample.considered, {
    ...sel.sample.excluded,
    countUnknown: sel.sample.excluded.countUnknown + (sel.eligible.length - used.length),
  });
  const extra = reactions ? { sample, reactions } : { sample };
  if (rows.length < opts.minPosts) return unknown(formula, unit, [...whenFew, fewPosts(rows.length, opts.minPosts)], extra);
  const values = rows.map((r) => r.value);
  return fromNum(formula, unit, how === 'median' ? median(values) : mean(values), [fewPosts(rows.length, opts.minPosts)], extra);
}

const percent = (a: Num | null, b: Num | null): Num | null => {
  if (!a || !b) return null;
  const q = div(a, b);
  return q && scale(q, 100);
};

// ---- follower-based missing reasons ------------------------------------------------------------

function followerProblems(history: AccountHistory, idx: FollowerIndex, sel: PostSelection): Msg[] {
  if (history.posts.length === 0) return [msg('metric.missing.noPosts')];
  const latest = latestFollowers(idx);
  if (!latest) return [msg('metric.missing.followers')];
  if (latest.followers.high <= 0 && sel.eligible.every((p) => !p.followers || p.followers.high <= 0)) {
    return [msg('metric.missing.noFollowers')];
  }
  return [];
}

// ---- engagement --------------------------------------------------------------------------------

export function engagementFrom(history: AccountHistory, opts: MetricOptions, idx: FollowerIndex, sel: PostSelection): Engagement {
  const r = sel.reactions;
  const eligible = sel.eligible;
  const fProblems = followerProblems(history, idx, sel);
  const latest = latestFollowers(idx);

  const byFollowers = (f: (p: PostPoint) => Num | null) => perPost(eligible, (p) => percent(f(p), p.followers));
  const erRows = byFollowers((p) => reactionsOf(p, r));
  const erMedian = summarise('erMedian', 'percent', erRows, 'median', opts, sel, fProblems, r);
  const erMean = summarise('erMean', 'percent', erRows, 'mean', opts, sel, fProblems, r);

  // ERview: posts that show views (VK: every post; Instagram: reels plays).
  const viewRows = perPost(eligible, (p) => (p.views && p.views.low > 0 ? percent(reactionsOf(p, r), p.views) : null));
  const noViews = eligible.length > 0 && viewRows.length === 0 ? [msg('metric.missing.noViews')] : [];
  const erView = summarise(
    'erViewMedian',
    'percent',
    viewRows,
    'median',
    opts,
    sel,
    history.posts.length ? noViews : [msg('metric.missing.noPosts')],
    r,
  );

  const erDay = erDayOf(eligible, r, idx, opts, sel, fProblems);

  const loveRate = summarise(
    'loveRate',
    'percent',
    byFollowers((p) => p.likes),
    'median',
    opts,
    sel,
    fProblems,
  );
  const noComments = eligible.length > 0 && eligible.every((p) => !p.comments) ? [msg('metric.missing.noComments')] : [];
  const talkRate = summarise(
    'talkRate',
    'percent',
    byFollowers((p) => p.comments),
    'median',
    opts,
    sel,
    [...fProblems, ...noComments],
  );
  const noShares = eligible.length > 0 && eligible.every((p) => !p.shares) ? [msg('metric.missing.noShares')] : [];
  const amplification = summarise(
    'amplification',
    'percent',
    byFollowers((p) => p.shares),
    'median',
    opts,
    sel,
    [...fProblems, ...noShares],
  );

  const withLikes = (p: PostPoint) => (p.likes && p.likes.low > 0 ? p.likes : null);
  const noPosts = history.posts.length ? [] : [msg('metric.missing.noPosts')];
  const cpl = perPost(eligible, (p) => {
    const l = withLikes(p);
    return l && p.comments ? percent(p.comments, l) : null;
  });
  const commentsPer100Likes = summarise('commentsPer100Likes', 'ratio', cpl, 'median', opts, sel, [...noPosts, ...noComments]);
  const vpl = perPost(eligible, (p) => {
    const l = withLikes(p);
    return l && p.views ? div(p.views, l) : null;
  });
  const viewsPerLike = summarise('viewsPerLike', 'ratio', vpl, 'median', opts, sel, [...noPosts, ...noViews]);

  const avgLikes = summarise(
    'avgLikes',
    'count',
    perPost(eligible, (p) => p.likes),
    'mean',
    opts,
    sel,
    noPosts,
  );
  const avgComments = summarise(
    'avgComments',
    'count',
    perPost(eligible, (p) => p.comments),
    'mean',
    opts,
    sel,
    [...noPosts, ...noComments],
  );
  const rRows = perPost(eligible, (p) => reactionsOf(p, r));
  const avgReactions = summarise('avgReactions', 'count', rRows, 'mean', opts, sel, noPosts, r);
  const medianReactions = summarise('medianReactions', 'count', rRows, 'median', opts, sel, noPosts, r);

  return {
    reactions: r,
    sample: sel.sample,
    followers: latest?.followers ?? null,
    followersAt: latest?.at ?? null,
    erMedian,
    erMean,
    erView,
    erDay,
    loveRate,
    talkRate,
    amplification,
    commentsPer100Likes,
    viewsPerLike,
    avgLikes,
    avgComments,
    avgReactions,
    medianReactions,
  };
}

/**
 * ERday (Popsters): for each day with posts, the reactions of that day's posts over followers;
 * the mean over those days. Needs publish dates; the day is the user's (dayOffsetMinutes), a date
 * given without a time is taken as it is.
 */
function erDayOf(
  eligible: readonly PostPoint[],
  r: Reactions,
  idx: FollowerIndex,
  opts: MetricOptions,
  sel: PostSelection,
  fProblems: Msg[],
): Metric {
  const days = new Map<number, PostPoint[]>();
  for (const p of eligible) {
    if (p.publishedAt === null || !reactionsOf(p, r)) continue;
    const day = p.dateOnly ? Math.floor(p.publishedAt / DAY) : Math.floor((p.publishedAt + opts.dayOffsetMinutes * 60_000) / DAY);
    const list = days.get(day);
    if (list) list.push(p);
    else days.set(day, [p]);
  }
  const used: PostPoint[] = [];
  const perDay: Num[] = [];
  for (const [day, posts] of days) {
    const total = sum(posts.map((p) => reactionsOf(p, r) as Num));
    const i = idx.at.length ? nearestDay(idx, day * DAY + DAY / 2) : -1;
    const er = i >= 0 ? percent(total, idx.followers[i]) : null;
    if (!er) continue;
    perDay.push(er);
    used.push(...posts);
  }
  used.sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0));
  const sample = sampleOf(used, sel.sample.considered, sel.sample.excluded);
  const noDates = eligible.length > 0 && eligible.every((p) => p.publishedAt === null) ? [msg('metric.missing.noDates')] : [];
  if (perDay.length < opts.minPosts) {
    return unknown(
      'erDay',
      'percent',
      [...fProblems, ...noDates, msg('metric.missing.fewDays', { have: pNum(perDay.length), need: pNum(opts.minPosts) })],
      {
        sample,
        reactions: r,
      },
    );
  }
  return fromNum('erDay', 'percent', mean(perDay), [], { sample, reactions: r });
}

function nearestDay(idx: FollowerIndex, t: number): number {
  let best = 0;
  let lo = 0;
  let hi = idx.at.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (idx.at[mid] < t) lo = mid + 1;
    else hi = mid - 1;
  }
  best = Math.min(lo, idx.at.length - 1);
  if (best > 0 && Math.abs(t - idx.at[best - 1]) <= Math.abs(idx.at[best] - t)) best--;
  return best;
}

// ---- per post ----------------------------------------------------------------------------------

function statusOf(
  post: PostHistory,
  point: PostPoint | null,
  inSample: Set<string>,
  opts: MetricOptions,
  reactions: Reactions,
): PostStatus {
  if (post.ad) return 'ad';
  if (inSample.has(post.id)) return 'eligible';
  if (post.pinned) return 'pinned';
  if (post.likesHidden) return 'likesHidden';
  if (!point) return 'countUnknown';
  if (opts.period && (point.publishedAt === null || point.publishedAt < opts.period.from || point.publishedAt > opts.period.to)) {
    return point.publishedAt === null ? 'ageUnknown' : 'outsidePeriod';
  }
  if (!point.likes || !reactionsOf(point, reactions)) return 'countUnknown';
  if (point.minAge === null) return 'ageUnknown';
  if (point.minAge < opts.minPostAgeMs) return 'tooNew';
  return 'older';
}

/**
 * Per-post numbers for badges: ER with the followers nearest to the publish time, ERview, and the
 * multiplier against the median reactions of the account's sample. Posts outside the sample
 * (pinned, too new, older) get their numbers too, with a status saying why they are not counted;
 * ads get none.
 */
export function postMetricsFrom(history: AccountHistory, opts: MetricOptions, sel: PostSelection, medianReactions: Metric): PostMetrics[] {
  const inSample = new Set(sel.eligible.map((p) => p.post.id));
  const byId = new Map(sel.points.map((p) => [p.post.id, p]));
  const r = sel.reactions;
  const med = medianReactions.status === 'ok' ? numOf(medianReactions) : null;
  // log-reaction baseline for outliers
  const logs = sel.eligible
    .map((p) => reactionsOf(p, r)?.value ?? 0)
    .filter((v) => v > 0)
    .map((v) => Math.log(v));
  const base = logs.length >= opts.minPosts ? robust(logs, LOG_MAD_FLOOR) : null;
  const sample = sel.sample;
  // Posts first seen after asOf did not exist yet for this calculation.
  const seen = history.posts.filter((p) => p.observations.length > 0 && p.observations[0].at <= opts.asOf);
  return seen.map((post): PostMetrics => {
    const point = post.ad ? null : (byId.get(post.id) ?? null);
    const status = statusOf(post, point, inSample, opts, r);
    const reactions = point ? reactionsOf(point, r) : null;
    const er: Metric =
      status === 'ad'
        ? unknown('postEr', 'percent', [msg('metric.missing.ad')], { reactions: r })
        : fromNum('postEr', 'percent', percent(reactions, point?.followers ?? null), () => postMissing(point, reactions), { reactions: r });
    const erView: Metric =
      status === 'ad'
        ? unknown('postErView', 'percent', [msg('metric.missing.ad')], { reactions: r })
        : fromNum(
            'postErView',
            'percent',
            point?.views && point.views.low > 0 ? percent(reactions, point.views) : null,
            () => (point ? [msg('metric.missing.noViews')] : postMissing(point, reactions)),
            { reactions: r },
          );
    let multiplier: Metric;
    if (status === 'ad') multiplier = unknown('postMultiplier', 'times', [msg('metric.missing.ad')], { reactions: r, sample });
    else if (!med)
      multiplier = unknown('postMultiplier', 'times', medianReactions.status === 'unknown' ? medianReactions.missing : [], {
        reactions: r,
        sample,
      });
    else
      multiplier = fromNum('postMultiplier', 'times', reactions ? div(reactions, med) : null, () => postMissing(point, reactions), {
        reactions: r,
        sample,
      });
    let outlier: PostMetrics['outlier'] = null;
    if (base && reactions && status !== 'ad') {
      if (reactions.low > 0 && modifiedZ(Math.log(reactions.low), base.median, base.mad) >= OUTLIER_Z) outlier = 'high';
      else if (reactions.high > 0 && modifiedZ(Math.log(reactions.high), base.median, base.mad) <= -OUTLIER_Z) outlier = 'low';
    }
    return {
      id: post.id,
      url: post.url,
      publishedAt: post.publishedAt,
      status,
      observedAt: point?.observedAt ?? null,
      likes: point?.likes ?? null,
      comments: point?.comments ?? null,
      shares: point?.shares ?? null,
      views: point?.views ?? null,
      reactions,
      followers: point?.followers ?? null,
      followersAt: point?.followersAt ?? null,
      er,
      erView,
      multiplier,
      outlier,
    };
  });
}

function postMissing(point: PostPoint | null, reactions: Num | null): Msg[] {
  if (!point) return [msg('metric.missing.notSeenYet')];
  if (point.post.likesHidden) return [msg('metric.missing.likesHidden')];
  if (!reactions) return [msg('metric.missing.counts')];
  if (!point.followers) return [msg('metric.missing.followers')];
  return [msg('metric.missing.noFollowers')];
}

// ---- entry points ------------------------------------------------------------------------------

/** Engagement of an account (see `analyzeAccount` for everything at once). */
export function engagement(history: AccountHistory, options: Partial<MetricOptions> = {}): Engagement {
  const opts = metricOptions(latestTime(history), options);
  const idx = followerIndex(history.snapshots, opts.asOf);
  return engagementFrom(history, opts, idx, selectPosts(history, opts, idx));
}

/** Per-post numbers for badges, cheap enough to call on every page update. */
export function postMetrics(history: AccountHistory, options: Partial<MetricOptions> = {}): PostMetrics[] {
  const opts = metricOptions(latestTime(history), options);
  const idx = followerIndex(history.snapshots, opts.asOf);
  const sel = selectPosts(history, opts, idx);
  const r = sel.reactions;
  const rows = perPost(sel.eligible, (p) => reactionsOf(p, r));
  const med = summarise('medianReactions', 'count', rows, 'median', opts, sel, [], r);
  return postMetricsFrom(history, opts, sel, med);
}
