/**
 * S6: likes too uniform, or one post jumps alone (SIGNALS.md). >= 12 posts.
 * - uniform: spread (P90 - P10) / median of likes < 40 % (trendHERO calls 40-100 % normal);
 *   interval-safe: the largest spread the counts allow must be below 40 %. 1 point.
 * - post jump: M(log L) >= 3.5 against the other posts, with comments per like below half the
 *   median or views per like below 2 (an organic viral post brings comments and views along).
 *   2 points.
 */
import { quantileSorted } from '../metrics/num';
import { DAY } from '../metrics/options';
import type { PostPoint } from '../metrics/posts';
import { medianOf, modifiedZ, robust } from '../metrics/stats';
import { msg, pNum } from '../metrics/types';
import { cause, evidence, evNumber, evPost, insufficient, result, type SignalContext } from './context';
import { THRESHOLDS } from './thresholds';
import type { SignalResult } from './types';

const sortedOf = (xs: number[]) => xs.sort((a, b) => a - b);

export function s6LikesSpread(ctx: SignalContext): SignalResult {
  const T = THRESHOLDS.s6;
  const rule = msg('signal.s6.rule');
  const posts = ctx.sel.eligible.filter((p) => p.likes);
  if (posts.length < T.minPosts) return insufficient('S6', rule, [{ what: 'posts', have: posts.length, need: T.minPosts }]);

  const likes = posts.map((p) => p.likes!);
  const lows = sortedOf(likes.map((l) => l.low));
  const highs = sortedOf(likes.map((l) => l.high));
  const vals = sortedOf(likes.map((l) => l.value));
  const medV = quantileSorted(vals, 0.5);
  const spreadV = medV > 0 ? (quantileSorted(vals, 0.9) - quantileSorted(vals, 0.1)) / medV : null;
  const medLow = quantileSorted(lows, 0.5);
  // Largest spread the intervals allow: P90 of the highs minus P10 of the lows, over the lowest median.
  const spreadHigh = medLow > 0 ? (quantileSorted(highs, 0.9) - quantileSorted(lows, 0.1)) / medLow : null;
  const spreadLow =
    quantileSorted(highs, 0.5) > 0
      ? Math.max(0, quantileSorted(lows, 0.9) - quantileSorted(highs, 0.1)) / quantileSorted(highs, 0.5)
      : null;

  const parts: string[] = [];
  const explanations = [];
  const evPosts = [];
  const numbers = [];
  if (spreadV !== null && spreadHigh !== null && spreadLow !== null) {
    numbers.push(
      evNumber(
        'signal.num.likesSpread',
        {
          value: spreadV * 100,
          low: Math.min(spreadLow, spreadV) * 100,
          high: Math.max(spreadHigh, spreadV) * 100,
          exact: spreadLow === spreadHigh,
        },
        'percent',
      ),
    );
    if (spreadHigh < T.spreadMin) {
      parts.push('uniform');
      explanations.push(msg('signal.s6.explainUniform', { p: pNum(Math.round(spreadV * 100)) }));
    }
  }

  // Post jump, each post against the others.
  const cpl = posts.map((p) => (p.comments && p.likes!.value > 0 ? p.comments.value / p.likes!.value : null));
  const medCpl = medianOf(cpl.filter((c): c is number => c !== null));
  const jumps: PostPoint[] = [];
  for (let i = 0; i < posts.length; i++) {
    const l = posts[i].likes!;
    if (!(l.low > 0)) continue;
    const others: number[] = [];
    for (let j = 0; j < posts.length; j++) if (j !== i && posts[j].likes!.value > 0) others.push(Math.log(posts[j].likes!.value));
    const b = robust(others, T.logMadFloor);
    if (!b || modifiedZ(Math.log(l.low), b.median, b.mad) < T.jumpZ) continue;
    const p = posts[i];
    const fewComments = medCpl !== null && medCpl > 0 && p.comments !== null && p.comments.high / l.low < T.jumpCommentsShare * medCpl;
    const fewViews = p.views !== null && p.views.high / l.low < T.jumpViewsPerLike;
    if (fewComments || fewViews) jumps.push(p);
  }
  if (jumps.length) {
    parts.push('jump');
    for (const p of jumps) evPosts.push(evPost(p, 'jump'));
    explanations.push(msg('signal.s6.explainJump', { n: pNum(jumps.length) }));
  }
  const young = posts.filter((p) => p.minAge !== null && p.minAge < 3 * DAY).length;
  const checked = [
    cause('collaboration', null, msg('signal.cause.collaboration')),
    cause('boostedPost', null, msg('signal.cause.boostedPost')),
    cause(
      'recentPosts',
      young > 0,
      msg(young > 0 ? 'signal.cause.recentPosts.found' : 'signal.cause.recentPosts.none', { n: pNum(young) }),
    ),
  ];
  const ev = evidence(rule, { numbers, checked, posts: evPosts });
  if (!parts.length) return result('S6', 'clear', ev);
  const points = (parts.includes('uniform') ? T.pointsUniform : 0) + (parts.includes('jump') ? T.pointsJump : 0);
  return result('S6', 'flag', ev, { points, parts, explanations });
}
