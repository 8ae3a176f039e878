/**
 * One entry point for the popup, the overlay and the dashboard: everything about one account.
 *
 *   const a = analyzeAccount(history, { recentPosts: settings.recentPosts });
 *   a.engagement.erMedian   // { status: 'ok', value: 2.4, low: 2.3, high: 2.5, formula: 'erMedian', sample, ... }
 *   a.growth.last30         // { status: 'ok', net, perDay, rate, direction, ... } | { status: 'unknown', missing }
 *   a.verdict.headline      // { key: 'verdict.some' }
 *   postBadge(a, postId)    // the post's ER and multiplier
 *
 * Pure: no DOM, no storage, no clock (the result is computed as of the history's lastSeen unless
 * `asOf` is given). Serialisable: it can be sent in a message.
 */
import { buildContext } from '../signals/context';
import { signalsFromContext } from '../signals/index';
import type { PeerGrowth, SignalResult, Verdict } from '../signals/types';
import type { AccountHistory } from '../store/records';
import { type TierInfo, tierInfo } from './benchmarks';
import { coverage } from './compare';
import { type Engagement, engagementFrom, type PostMetrics, postMetricsFrom } from './engagement';
import {
  type Growth,
  growthFromIndex,
  growthOverall,
  growthOverLast,
  growthSincePrevious,
  type SeriesPoint,
  seriesFromIndex,
} from './growth';
import { fromCount, type Num } from './num';
import { DAY, latestTime, type MetricOptions, metricOptions } from './options';
import { followerIndex, selectPosts } from './posts';
import type { Period } from './types';

export interface AnalyzeOptions extends Partial<MetricOptions> {
  /** growth of the other tracked accounts of the platform (S3's purge correction); see peerGrowth() */
  peers?: PeerGrowth | null;
  /** per-post badge numbers (default true; the dashboard's tables can skip them) */
  withPosts?: boolean;
}

export interface DataQuality {
  snapshots: number;
  /** snapshots that show followers */
  followerSnapshots: number;
  /** days between the first and the last snapshot */
  historyDays: number;
  /** different days with a visit */
  visitDays: number;
  /** longest stretch without a visit within the history (days) */
  longestGapDays: number;
  postsSeen: number;
  postsWithHiddenLikes: number;
  ads: number;
  /** the latest follower count is exact (not an abbreviation such as "12.3K") */
  followersExact: boolean | null;
  /** share of the sample's like counts that are abbreviated (0..1), null without a sample */
  approxLikesShare: number | null;
  firstSeen: number;
  lastSeen: number;
}

export interface AccountAnalysis {
  key: string;
  platform: AccountHistory['platform'];
  /** the moment the numbers are computed for */
  asOf: number;
  period: Period | null;
  followers: Num | null;
  followersAt: number | null;
  following: Num | null;
  postsCount: Num | null;
  engagement: Engagement;
  /** every post with its badge numbers, newest first (empty with withPosts: false) */
  posts: PostMetrics[];
  growth: {
    sincePrevious: Growth;
    last7: Growth;
    last30: Growth;
    overall: Growth;
    /** growth over `period`, when one was given */
    period: Growth | null;
    /** for the chart, with the band of abbreviated counts */
    series: SeriesPoint[];
    /** intervals the signals flagged, to mark on the chart */
    flagged: { signal: SignalResult['id']; from: number; to: number }[];
  };
  tier: TierInfo;
  signals: SignalResult[];
  verdict: Verdict;
  data: DataQuality;
}

function latestOf(history: AccountHistory, asOf: number, k: 'following' | 'posts'): Num | null {
  for (let i = history.snapshots.length - 1; i >= 0; i--) {
    const s = history.snapshots[i];
    if (s.at > asOf) continue;
    const c = fromCount(s[k]);
    if (c) return c;
  }
  return null;
}

export function analyzeAccount(history: AccountHistory, options: AnalyzeOptions = {}): AccountAnalysis {
  const opts = metricOptions(latestTime(history), options);
  const idx = followerIndex(history.snapshots, opts.asOf);
  const sel = selectPosts(history, opts, idx);
  const engagement = engagementFrom(history, opts, idx, sel);
  const tier = tierInfo(history.platform, engagement.followers);
  const ctx = buildContext(history, { ...options, peers: options.peers ?? null }, { opts, idx, sel, engagement, tier });
  const { signals, verdict } = signalsFromContext(ctx);
  const posts = options.withPosts === false ? [] : postMetricsFrom(history, opts, sel, engagement.medianReactions);

  const snaps = history.snapshots.filter((s) => s.at <= opts.asOf);
  const first = snaps.length ? snaps[0].at : history.firstSeen;
  const last = snaps.length ? snaps[snaps.length - 1].at : history.lastSeen;
  const cov = coverage(history, { from: first, to: Math.min(last, opts.asOf) });
  const sampleLikes = sel.eligible.map((p) => p.likes).filter((l): l is Num => l !== null);
  const latestF = idx.followers.length ? idx.followers[idx.followers.length - 1] : null;
  return {
    key: history.key,
    platform: history.platform,
    asOf: opts.asOf,
    period: opts.period,
    followers: engagement.followers,
    followersAt: engagement.followersAt,
    following: latestOf(history, opts.asOf, 'following'),
    postsCount: latestOf(history, opts.asOf, 'posts'),
    engagement,
    posts,
    growth: {
      sincePrevious: growthSincePrevious(idx),
      last7: growthOverLast(idx, 7),
      last30: growthOverLast(idx, 30),
      overall: growthOverall(idx),
      period: opts.period ? growthFromIndex(idx, opts.period.from, opts.period.to) : null,
      series: seriesFromIndex(idx),
      flagged: signals.flatMap((s) => (s.status === 'flag' ? s.evidence.intervals.map((iv) => ({ signal: s.id, ...iv })) : [])),
    },
    tier,
    signals,
    verdict,
    data: {
      snapshots: snaps.length,
      followerSnapshots: idx.at.length,
      historyDays: (last - first) / DAY,
      visitDays: cov.visitDays,
      longestGapDays: cov.longestGapDays,
      postsSeen: history.posts.length,
      postsWithHiddenLikes: history.posts.filter((p) => p.likesHidden).length,
      ads: history.posts.filter((p) => p.ad).length,
      followersExact: latestF ? latestF.exact : null,
      approxLikesShare: sampleLikes.length ? sampleLikes.filter((l) => !l.exact).length / sampleLikes.length : null,
      firstSeen: history.firstSeen,
      lastSeen: history.lastSeen,
    },
  };
}

/** The badge of one post, from an analysis (cheap: a lookup). */
export function postBadge(analysis: AccountAnalysis, postId: string): PostMetrics | null {
  return analysis.posts.find((p) => p.id === postId) ?? null;
}
