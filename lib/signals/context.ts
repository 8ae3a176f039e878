/**
 * What every signal reads, computed once per account: the follower index, the post sample, the
 * engagement metrics and the size tier. Also the small builders the signal files share.
 */

import type { MessageKey } from '../i18n/en';
import { type TierInfo, tierInfo } from '../metrics/benchmarks';
import { type Engagement, engagementFrom } from '../metrics/engagement';
import { fromCount, type Num } from '../metrics/num';
import { latestTime, type MetricOptions, metricOptions } from '../metrics/options';
import { type FollowerIndex, followerIndex, type PostPoint, type PostSelection, postPoint, selectPosts } from '../metrics/posts';
import { medianOf } from '../metrics/stats';
import { type Msg, msg, type Period, pNum, type Unit } from '../metrics/types';
import type { AccountHistory } from '../store/records';
import type {
  CheckedCause,
  Evidence,
  EvidenceNumber,
  EvidencePost,
  Family,
  InnocentCause,
  Need,
  PeerGrowth,
  PostRole,
  SignalId,
  SignalResult,
} from './types';

export interface SignalOptions extends Partial<MetricOptions> {
  /** growth of the other tracked accounts of the same platform (S3's purge correction) */
  peers?: PeerGrowth | null;
}

export interface SignalContext {
  history: AccountHistory;
  opts: MetricOptions;
  idx: FollowerIndex;
  sel: PostSelection;
  engagement: Engagement;
  tier: TierInfo;
  /** the period signals are evaluated for (contractor audit), or null for "as of now" */
  period: Period | null;
  peers: PeerGrowth | null;
  /** median likes of the account's posts (for "viral": >= 3x), from the sample or else all posts */
  medianLikes: number | null;
  /** ads (VK promoted posts) as of asOf: left out of every metric, but an innocent cause of growth */
  ads: PostPoint[];
}

export function buildContext(history: AccountHistory, options: SignalOptions = {}, pre?: Partial<SignalContext>): SignalContext {
  const opts = pre?.opts ?? metricOptions(latestTime(history), options);
  const idx = pre?.idx ?? followerIndex(history.snapshots, opts.asOf);
  const sel = pre?.sel ?? selectPosts(history, opts, idx);
  const engagement = pre?.engagement ?? engagementFrom(history, opts, idx, sel);
  const tier = pre?.tier ?? tierInfo(history.platform, engagement.followers);
  const likes = (sel.eligible.length >= 3 ? sel.eligible : sel.points)
    .map((p) => p.likes?.value)
    .filter((v): v is number => v !== undefined);
  return {
    history,
    opts,
    idx,
    sel,
    engagement,
    tier,
    period: opts.period,
    peers: options.peers ?? null,
    medianLikes: medianOf(likes),
    ads: history.posts
      .filter((p) => p.ad)
      .map((p) => postPoint(p, opts.asOf, idx))
      .filter((p): p is PostPoint => p !== null),
  };
}

export const FAMILY: Record<SignalId, Family> = {
  S1: 'engagement',
  S2: 'growth',
  S3: 'growth',
  S4: 'growth',
  S5: 'engagement',
  S6: 'engagement',
  S7: 'engagement',
  S8: 'growth',
  S9: 'comments',
};

const TITLE: Record<SignalId, MessageKey> = {
  S1: 'signal.s1.title',
  S2: 'signal.s2.title',
  S3: 'signal.s3.title',
  S4: 'signal.s4.title',
  S5: 'signal.s5.title',
  S6: 'signal.s6.title',
  S7: 'signal.s7.title',
  S8: 'signal.s8.title',
  S9: 'signal.s9.title',
};

const NEED_KEY: Record<Need['what'], MessageKey> = {
  visits: 'signal.need.visits',
  days: 'signal.need.days',
  posts: 'signal.need.posts',
  postsWithViews: 'signal.need.postsWithViews',
  postsEarly: 'signal.need.postsEarly',
  postsLate: 'signal.need.postsLate',
  comments: 'signal.need.comments',
  postsWithComments: 'signal.need.postsWithComments',
  followers: 'signal.need.followers',
  following: 'signal.need.following',
  daysAfterJump: 'signal.need.daysAfterJump',
};

export function needMsg(n: Need): Msg {
  return msg(NEED_KEY[n.what], { have: pNum(n.have), need: pNum(n.need) });
}

export function evidence(rule: Msg, parts: Partial<Evidence> = {}): Evidence {
  return { intervals: [], posts: [], comments: [], checked: [], numbers: [], rule, ...parts };
}

export function result(
  id: SignalId,
  status: SignalResult['status'],
  ev: Evidence,
  extra: Partial<Pick<SignalResult, 'points' | 'parts' | 'explanations' | 'needs' | 'missing'>> = {},
): SignalResult {
  return {
    id,
    family: FAMILY[id],
    status,
    points: status === 'flag' ? (extra.points ?? 0) : 0,
    parts: extra.parts ?? [],
    title: msg(TITLE[id]),
    explanations: extra.explanations ?? [],
    evidence: ev,
    needs: extra.needs ?? [],
    missing: extra.missing ?? (extra.needs ?? []).map(needMsg),
  };
}

/** Insufficient data: only the unmet needs are listed (the met ones would read as noise). */
export function insufficient(id: SignalId, rule: Msg, needs: Need[], missing: Msg[] = []): SignalResult {
  const unmet = needs.filter((n) => n.have < n.need);
  return result(id, 'insufficient', evidence(rule), { needs: unmet, missing: [...unmet.map(needMsg), ...missing] });
}

export function cause(c: InnocentCause, found: boolean | null, note: Msg, postIds?: string[]): CheckedCause {
  return postIds?.length ? { cause: c, found, note, postIds } : { cause: c, found, note };
}

export function evPost(p: PostPoint, role: PostRole): EvidencePost {
  return { id: p.post.id, url: p.post.url, publishedAt: p.publishedAt, role };
}

export function evNumber(key: MessageKey, value: Num, unit: Unit): EvidenceNumber {
  return { label: msg(key), value, unit };
}

/** Posts (any, pinned included, ads not) published within [from, to]. */
export function postsPublishedIn(ctx: SignalContext, from: number, to: number): PostPoint[] {
  return ctx.sel.points.filter((p) => p.publishedAt !== null && p.publishedAt >= from && p.publishedAt <= to);
}

/**
 * Were the posts published in [from, to] seen? With the profile's post counter read before and
 * after, the posts seen must account for every post published in between (a post can scroll out
 * of sight between two visits weeks apart); without it, posts must have been seen on both sides.
 */
export function postsCover(ctx: SignalContext, from: number, to: number): boolean {
  let b: { at: number; n: Num } | null = null;
  let a: { at: number; n: Num } | null = null;
  for (const s of ctx.history.snapshots) {
    if (s.at > ctx.opts.asOf) break;
    const n = fromCount(s.posts);
    if (!n) continue;
    if (s.at <= from) b = { at: s.at, n };
    else if (s.at >= to && !a) a = { at: s.at, n };
  }
  if (a && b) {
    const published = a.n.high - b.n.low; // the most that can have been published
    if (published >= 0) {
      let seen = 0;
      for (const p of ctx.history.posts) {
        if (p.publishedAt !== null && p.publishedAt > b.at && p.publishedAt <= a.at && p.observations[0].at <= ctx.opts.asOf) seen++;
      }
      return seen >= published;
    }
  }
  let before = false;
  let after = false;
  for (const p of ctx.sel.points) {
    if (p.publishedAt === null) continue;
    if (p.publishedAt <= from) before = true;
    if (p.publishedAt >= to) after = true;
    if (p.publishedAt >= from && p.publishedAt <= to) return true;
  }
  return before && after;
}

export function overlaps(a: Period, b: Period | null): boolean {
  return b === null || (a.from <= b.to && a.to >= b.from);
}
