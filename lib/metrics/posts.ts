/**
 * Which numbers of which posts a metric uses (METRICS.md "Sample of posts").
 *
 * - A post's numbers are those of its latest observation at or before `asOf`.
 * - Eligible: not an ad, not pinned, likes not hidden, likes shown, at least `minPostAgeMs` old at
 *   the observation used; then the most recent `recentPosts` of those (or every eligible post
 *   published in `period`).
 * - Followers for a post: the snapshot nearest to its publish time (NapoleonCat's rule in
 *   METRICS.md); the latest snapshot when the publish date is unknown.
 */
import type { AccountHistory, PostHistory, PostObservationPoint, Snapshot } from '../store/records';
import { add, fromCount, type Num } from './num';
import { DAY, type MetricOptions } from './options';
import type { Exclusions, Reactions, Sample } from './types';

// ---- followers over time ---------------------------------------------------------------------

/** Snapshots that show followers, up to `asOf`, for nearest-in-time lookups. */
export interface FollowerIndex {
  at: number[];
  followers: Num[];
  snapshots: Snapshot[];
}

export function followerIndex(snapshots: readonly Snapshot[], asOf: number): FollowerIndex {
  const idx: FollowerIndex = { at: [], followers: [], snapshots: [] };
  for (const s of snapshots) {
    if (s.at > asOf) break; // oldest first
    const f = fromCount(s.followers);
    if (!f) continue;
    idx.at.push(s.at);
    idx.followers.push(f);
    idx.snapshots.push(s);
  }
  return idx;
}

/** Index of the snapshot nearest to t (the earlier one on a tie), or -1 when there is none. */
export function nearestIndex(at: readonly number[], t: number): number {
  if (at.length === 0) return -1;
  let lo = 0;
  let hi = at.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  // lo: first index with at >= t (or the last one)
  if (lo > 0 && Math.abs(t - at[lo - 1]) <= Math.abs(at[lo] - t)) return lo - 1;
  return lo;
}

export function latestFollowers(idx: FollowerIndex): { followers: Num; at: number } | null {
  const i = idx.at.length - 1;
  return i < 0 ? null : { followers: idx.followers[i], at: idx.at[i] };
}

// ---- one post's numbers ------------------------------------------------------------------------

/** A post as the metrics see it at `asOf`. */
export interface PostPoint {
  post: PostHistory;
  /** the observation used (latest at or before asOf) */
  observedAt: number;
  likes: Num | null;
  comments: Num | null;
  shares: Num | null;
  views: Num | null;
  /** publish time when known (ms) */
  publishedAt: number | null;
  /** the publish date was given without a time (00:00:00Z) */
  dateOnly: boolean;
  /** smallest age the post can have had at the observation (ms), when it can be told */
  minAge: number | null;
  /** followers from the snapshot nearest to the publish time (latest when unknown) */
  followers: Num | null;
  followersAt: number | null;
}

const isDateOnly = (t: number) => t % DAY === 0;

function observationAt(post: PostHistory, asOf: number): PostObservationPoint | null {
  const o = post.observations;
  for (let i = o.length - 1; i >= 0; i--) if (o[i].at <= asOf) return o[i];
  return null;
}

export function postPoint(post: PostHistory, asOf: number, idx: FollowerIndex): PostPoint | null {
  const obs = observationAt(post, asOf);
  if (!obs) return null;
  const publishedAt = post.publishedAt;
  const dateOnly = publishedAt !== null && isDateOnly(publishedAt);
  let minAge: number | null;
  if (publishedAt !== null) {
    // A date without a time could be any moment of that day: take its end.
    minAge = obs.at - (dateOnly ? publishedAt + DAY - 1000 : publishedAt);
  } else {
    // Unknown date: it existed at least since it was first seen.
    const first = post.observations[0].at;
    minAge = obs.at > first ? obs.at - first : null;
  }
  let followers: Num | null = null;
  let followersAt: number | null = null;
  if (idx.at.length) {
    const i = publishedAt === null ? idx.at.length - 1 : nearestIndex(idx.at, publishedAt);
    followers = idx.followers[i];
    followersAt = idx.at[i];
  }
  return {
    post,
    observedAt: obs.at,
    likes: post.likesHidden ? null : fromCount(obs.likes),
    comments: fromCount(obs.comments),
    shares: fromCount(obs.shares),
    views: fromCount(obs.views),
    publishedAt,
    dateOnly,
    minAge,
    followers,
    followersAt,
  };
}

/** Reactions of a post under a formula: likes (+ comments) (+ shares); null when one is unknown. */
export function reactionsOf(p: PostPoint, r: Reactions): Num | null {
  if (!p.likes) return null;
  let total: Num | null = p.likes;
  if (r === 'lc' || r === 'lcs') total = p.comments && total ? add(total, p.comments) : null;
  if (r === 'ls' || r === 'lcs') total = p.shares && total ? add(total, p.shares) : null;
  return total;
}

// ---- the sample --------------------------------------------------------------------------------

export const emptyExclusions = (): Exclusions => ({
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

export interface PostSelection {
  /** every non-ad post with an observation at or before asOf, newest first (for per-post badges) */
  points: PostPoint[];
  /** the eligible sample, newest first */
  eligible: PostPoint[];
  /** reactions counted in this account's formulas */
  reactions: Reactions;
  sample: Sample;
}

/** Newest first: dated posts by date, then undated by when first seen; ids break ties (stable). */
function recency(a: PostPoint, b: PostPoint): number {
  const ka = a.publishedAt ?? Number.NEGATIVE_INFINITY;
  const kb = b.publishedAt ?? Number.NEGATIVE_INFINITY;
  if (ka !== kb) return kb - ka;
  const fa = a.post.observations[0].at;
  const fb = b.post.observations[0].at;
  if (fa !== fb) return fb - fa;
  return a.post.id < b.post.id ? -1 : a.post.id > b.post.id ? 1 : 0;
}

/**
 * Pick the reactions the formulas add up: likes always; comments and shares when shown on at
 * least half of the recent candidates (Instagram shows no shares: (L+C)/F as METRICS.md says).
 * Posts missing a chosen count are then left out rather than counted as 0.
 */
function chooseReactions(candidates: readonly PostPoint[], window: number): Reactions {
  const recent = candidates.slice(0, Math.max(1, window));
  if (recent.length === 0) return 'lc';
  const c = recent.filter((p) => p.comments).length * 2 >= recent.length;
  const s = recent.filter((p) => p.shares).length * 2 >= recent.length;
  return c ? (s ? 'lcs' : 'lc') : s ? 'ls' : 'l';
}

export function sampleOf(points: readonly PostPoint[], considered: number, excluded: Exclusions): Sample {
  let from: number | null = null;
  let to: number | null = null;
  for (const p of points) {
    if (p.publishedAt === null) continue;
    from = from === null ? p.publishedAt : Math.min(from, p.publishedAt);
    to = to === null ? p.publishedAt : Math.max(to, p.publishedAt);
  }
  return { n: points.length, postIds: points.map((p) => p.post.id), considered, excluded: { ...excluded }, from, to };
}

export function selectPosts(history: AccountHistory, opts: MetricOptions, idx?: FollowerIndex): PostSelection {
  const fidx = idx ?? followerIndex(history.snapshots, opts.asOf);
  const excluded = emptyExclusions();
  const points: PostPoint[] = [];
  const candidates: PostPoint[] = [];
  for (const post of history.posts) {
    const p = postPoint(post, opts.asOf, fidx);
    if (!p) {
      excluded.notSeenYet++;
      continue;
    }
    if (post.ad) {
      excluded.ad++;
      continue;
    }
    points.push(p);
    if (post.pinned) excluded.pinned++;
    else if (post.likesHidden) excluded.likesHidden++;
    else if (opts.period && (p.publishedAt === null || p.publishedAt < opts.period.from || p.publishedAt > opts.period.to)) {
      if (p.publishedAt === null) excluded.ageUnknown++;
      else excluded.outsidePeriod++;
    } else if (!p.likes) excluded.countUnknown++;
    else if (p.minAge === null) excluded.ageUnknown++;
    else if (p.minAge < opts.minPostAgeMs) excluded.tooNew++;
    else candidates.push(p);
  }
  points.sort(recency);
  candidates.sort(recency);
  const cap = opts.period ? opts.maxPeriodPosts : opts.recentPosts;
  const reactions = chooseReactions(candidates, cap);
  const eligible: PostPoint[] = [];
  for (const p of candidates) {
    if (!reactionsOf(p, reactions)) excluded.countUnknown++;
    else if (eligible.length >= cap) excluded.older++;
    else eligible.push(p);
  }
  return { points, eligible, reactions, sample: sampleOf(eligible, history.posts.length, excluded) };
}
