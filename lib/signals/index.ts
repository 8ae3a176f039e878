/**
 * Padding signals S1-S9 and the verdict (SIGNALS.md). Pure functions over an AccountHistory.
 *
 *   const { signals, verdict } = evaluateSignals(history, { period, peers });
 *
 * Thresholds: ./thresholds.ts (one table). docs/metrics.md explains how each rule is read.
 */
import type { AccountHistory } from '../store/records';
import { buildContext, type SignalContext, type SignalOptions } from './context';
import { s1Tier } from './s1-tier';
import { s2Spikes, s3Drop } from './s2-s3-spikes';
import { s4FollowersLikes } from './s4-followers-likes';
import { s5CommentsPerLikes } from './s5-comments-per-likes';
import { s6LikesSpread } from './s6-likes-spread';
import { s7ViewsPerLike } from './s7-views-per-like';
import { s8Following } from './s8-following';
import { s9Comments } from './s9-comments';
import type { SignalResult, Verdict } from './types';
import { verdictOf } from './verdict';

export interface SignalsReport {
  /** S1..S9 in order, each with status, points and evidence */
  signals: SignalResult[];
  verdict: Verdict;
}

export function signalsFromContext(ctx: SignalContext): SignalsReport {
  const spikes = s2Spikes(ctx);
  const signals = [
    s1Tier(ctx),
    spikes.s2,
    s3Drop(ctx, spikes),
    s4FollowersLikes(ctx),
    s5CommentsPerLikes(ctx),
    s6LikesSpread(ctx),
    s7ViewsPerLike(ctx),
    s8Following(ctx),
    s9Comments(ctx),
  ];
  return { signals, verdict: verdictOf(signals) };
}

/**
 * Evaluate every signal. With `period`, the post rules use the posts published in it and the
 * growth rules report what happened inside it (baselines still use the whole history): "which
 * signals fired inside the contract period".
 */
export function evaluateSignals(history: AccountHistory, options: SignalOptions = {}): SignalsReport {
  return signalsFromContext(buildContext(history, options));
}

export { buildContext, type SignalOptions } from './context';
export { peerGrowth } from './peers';
export { THRESHOLDS } from './thresholds';
export type * from './types';
export { verdictOf } from './verdict';
