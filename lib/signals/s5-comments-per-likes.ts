/**
 * S5: comments per 100 likes out of band (SIGNALS.md; trendHERO: 0.5-5 normal). >= 9 posts,
 * F >= 5k; flags when >= 60 % of the posts are outside. A post counts as outside only when its
 * whole interval is (abbreviated counts). Giveaway posts (comment-to-win) are left out and named;
 * when most posts show exactly 0 comments, comments are probably turned off (information); a low
 * ratio on an account of 1M+ followers is information too (celebrities).
 */
import { div, median, type Num, scale } from '../metrics/num';
import type { PostPoint } from '../metrics/posts';
import { msg, pNum } from '../metrics/types';
import { cause, evidence, evNumber, evPost, insufficient, result, type SignalContext } from './context';
import { THRESHOLDS } from './thresholds';
import type { CheckedCause, SignalResult } from './types';

export function s5CommentsPerLikes(ctx: SignalContext): SignalResult {
  const T = THRESHOLDS.s5;
  const rule = msg('signal.s5.rule');
  const f = ctx.engagement.followers;
  const giveaways = ctx.sel.eligible.filter((p) => p.post.giveaway);
  const rows: { p: PostPoint; c: Num }[] = [];
  for (const p of ctx.sel.eligible) {
    if (p.post.giveaway || !p.likes || !p.comments || !(p.likes.low > 0)) continue;
    const q = div(p.comments, p.likes);
    const c = q && scale(q, 100);
    if (c) rows.push({ p, c });
  }
  const needs = [
    { what: 'posts' as const, have: rows.length, need: T.minPosts },
    { what: 'followers' as const, have: f ? Math.floor(f.low) : 0, need: T.minFollowers },
  ];
  if (!f || f.low < T.minFollowers || rows.length < T.minPosts) return insufficient('S5', rule, needs);

  const low = rows.filter((r) => r.c.high < T.low);
  const high = rows.filter((r) => r.c.low > T.high);
  const med = median(rows.map((r) => r.c)) as Num;
  const zeros = rows.filter((r) => r.p.comments?.exact && r.p.comments.value === 0).length;
  const commentsOff = zeros >= T.commentsOffShare * rows.length;
  const celebrity = f.low >= T.celebrityFollowers;
  const checked: CheckedCause[] = [
    cause(
      'commentGiveaway',
      giveaways.length > 0,
      msg(giveaways.length ? 'signal.cause.commentGiveaway.found' : 'signal.cause.commentGiveaway.none'),
      giveaways.map((p) => p.post.id),
    ),
    cause('commentsOff', commentsOff, msg(commentsOff ? 'signal.cause.commentsOff.found' : 'signal.cause.commentsOff.none')),
    cause('celebrity', celebrity, msg(celebrity ? 'signal.cause.celebrity.found' : 'signal.cause.celebrity.none')),
  ];
  const outside = low.length >= high.length ? low : high;
  const numbers = [
    evNumber('signal.num.commentsPer100Likes', med, 'ratio'),
    evNumber('signal.num.postsOutside', { value: outside.length, low: outside.length, high: outside.length, exact: true }, 'count'),
    evNumber('signal.num.postsChecked', { value: rows.length, low: rows.length, high: rows.length, exact: true }, 'count'),
  ];
  const ev = evidence(rule, { numbers, checked, posts: outside.map((r) => evPost(r.p, 'outsideBand')) });
  if (outside.length < T.shareOutside * rows.length) return result('S5', 'clear', evidence(rule, { numbers, checked }));
  const part = outside === low ? 'low' : 'high';
  const explanation = msg('signal.s5.explain', { c: pNum(med.value, med.value < 10 ? 1 : 0) });
  if (commentsOff || (celebrity && part === 'low'))
    return result('S5', 'info', ev, { parts: [part, 'explained'], explanations: [explanation] });
  return result('S5', 'flag', ev, { points: T.points, parts: [part], explanations: [explanation] });
}
