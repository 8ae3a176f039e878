/**
 * S1: ER far from the size tier (SIGNALS.md). One visit, >= 9 posts, F >= 5k.
 * ER < B/3 moderate (2 points), < B/6 strong (3); ER > 3B (1 point) only from 10k followers.
 * Interval-safe: the low rule fires only when the whole ER interval is below, against the lowest
 * benchmark the follower interval allows; the high rule against the highest.
 */
import { makeNum } from '../metrics/num';
import { isKnown, msg, numOf, pNum } from '../metrics/types';
import { cause, evidence, evNumber, insufficient, result, type SignalContext } from './context';
import { THRESHOLDS } from './thresholds';
import type { CheckedCause, SignalResult } from './types';

export function s1Tier(ctx: SignalContext): SignalResult {
  const T = THRESHOLDS.s1;
  const rule = msg('signal.s1.rule');
  const er = ctx.engagement.erMedian;
  const f = ctx.engagement.followers;
  const n = ctx.sel.eligible.length;
  const needs = [
    { what: 'posts' as const, have: n, need: T.minPosts },
    { what: 'followers' as const, have: f ? Math.floor(f.low) : 0, need: T.minFollowers },
  ];
  if (!f || f.low < T.minFollowers || n < T.minPosts || !isKnown(er)) {
    return insufficient('S1', rule, needs, isKnown(er) ? [] : er.missing);
  }
  const bLow = ctx.tier.benchmarkLow;
  const bHigh = ctx.tier.benchmarkHigh;
  if (bLow === null || bHigh === null || ctx.tier.benchmark === null) return insufficient('S1', rule, needs);
  const erNum = numOf(er);
  const b = makeNum(ctx.tier.benchmark, bLow, bHigh, bLow === bHigh);
  const numbers = [evNumber('signal.num.er', erNum, 'percent')];
  if (b) numbers.push(evNumber('signal.num.benchmark', b, 'percent'));
  const hidden = ctx.sel.sample.excluded.likesHidden;
  const reels = ctx.sel.eligible.filter((p) => p.post.kind === 'reel' || p.post.kind === 'video').length;
  const checked: CheckedCause[] = [
    cause('brandAccount', null, msg('signal.cause.brandAccount')),
    cause(
      'hiddenLikes',
      hidden > 0,
      hidden > 0 ? msg('signal.cause.hiddenLikes.found', { n: pNum(hidden) }) : msg('signal.cause.hiddenLikes.none'),
    ),
  ];
  const ev = () =>
    evidence(rule, {
      numbers,
      checked,
      posts: ctx.sel.eligible.map((p) => ({ id: p.post.id, url: p.post.url, publishedAt: p.publishedAt, role: 'involved' as const })),
    });

  if (erNum.high < bLow * T.lowModerate) {
    const strong = erNum.high < bLow * T.lowStrong;
    // "about {k}x below": from the displayed ER; an ER of 0 says "100x" rather than infinity.
    const k = ctx.tier.benchmark / Math.max(erNum.value, ctx.tier.benchmark / 100);
    const explanation = msg('signal.s1.explainLow', { er: pNum(erNum.value, 2), k: pNum(k, k < 10 ? 1 : 0) });
    const parts = strong ? ['low', 'strong'] : ['low'];
    return result('S1', 'flag', ev(), {
      points: strong ? T.pointsStrong : T.pointsModerate,
      parts,
      explanations: [explanation],
    });
  }
  if (erNum.low > bHigh * T.high) {
    checked.push(
      cause(
        'reelsReach',
        reels > 0,
        reels > 0 ? msg('signal.cause.reelsReach.found', { n: pNum(reels) }) : msg('signal.cause.reelsReach.none'),
      ),
    );
    if (f.low < T.highMinFollowers) {
      return result('S1', 'info', ev(), {
        parts: ['high'],
        explanations: [msg('signal.s1.explainHighSmall', { er: pNum(erNum.value, 2), k: pNum(erNum.value / ctx.tier.benchmark, 1) })],
      });
    }
    return result('S1', 'flag', ev(), {
      points: T.pointsHigh,
      parts: ['high'],
      explanations: [msg('signal.s1.explainHigh', { er: pNum(erNum.value, 2), k: pNum(erNum.value / ctx.tier.benchmark, 1) })],
    });
  }
  return result('S1', 'clear', ev());
}
