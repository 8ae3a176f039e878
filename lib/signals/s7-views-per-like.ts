/**
 * S7: views per like out of band (SIGNALS.md; trendHERO: 2-10 normal). >= 9 posts with views.
 * Flags (2 points) when >= 60 % of the posts certainly show fewer than 2 views per like: likes
 * that nobody viewed. The upper bound (more than 10 views per like) is information only, and on
 * Instagram only: VK counts a view for every feed impression, and Instagram reels reach
 * non-followers (the innocent causes SIGNALS.md names); see THRESHOLDS.s7.
 */
import { div, median, type Num } from '../metrics/num';
import type { PostPoint } from '../metrics/posts';
import { msg, pNum } from '../metrics/types';
import { cause, evidence, evNumber, evPost, insufficient, result, type SignalContext } from './context';
import { THRESHOLDS } from './thresholds';
import type { SignalResult } from './types';

export function s7ViewsPerLike(ctx: SignalContext): SignalResult {
  const T = THRESHOLDS.s7;
  const rule = msg(ctx.history.platform === 'vk' ? 'signal.s7.ruleVk' : 'signal.s7.rule');
  const rows: { p: PostPoint; v: Num }[] = [];
  for (const p of ctx.sel.eligible) {
    if (!p.likes || !p.views || !(p.likes.low > 0)) continue;
    const v = div(p.views, p.likes);
    if (v) rows.push({ p, v });
  }
  if (rows.length < T.minPosts) return insufficient('S7', rule, [{ what: 'postsWithViews', have: rows.length, need: T.minPosts }]);
  const highBound = T.high[ctx.history.platform];
  const low = rows.filter((r) => r.v.high < T.low);
  const high = highBound === null ? [] : rows.filter((r) => r.v.low > highBound);
  const med = median(rows.map((r) => r.v)) as Num;
  const reels = rows.filter((r) => r.p.post.kind === 'reel' || r.p.post.kind === 'video').length;
  const checked = [
    cause('viewDefinition', null, msg('signal.cause.viewDefinition')),
    cause('reelsReach', reels > 0, msg(reels > 0 ? 'signal.cause.reelsReach.found' : 'signal.cause.reelsReach.none', { n: pNum(reels) })),
  ];
  const numbers = [
    evNumber('signal.num.viewsPerLike', med, 'ratio'),
    evNumber('signal.num.postsChecked', { value: rows.length, low: rows.length, high: rows.length, exact: true }, 'count'),
  ];
  const v = pNum(med.value, med.value < 10 ? 1 : 0);
  if (low.length >= T.shareOutside * rows.length) {
    const ev = evidence(rule, { numbers, checked, posts: low.map((r) => evPost(r.p, 'outsideBand')) });
    const key = ctx.history.platform === 'vk' ? 'signal.s7.explainVk' : 'signal.s7.explain';
    return result('S7', 'flag', ev, { points: T.points, parts: ['low'], explanations: [msg(key, { v })] });
  }
  if (highBound !== null && high.length >= T.shareOutside * rows.length) {
    const ev = evidence(rule, { numbers, checked, posts: high.map((r) => evPost(r.p, 'outsideBand')) });
    return result('S7', 'info', ev, { parts: ['high'], explanations: [msg('signal.s7.explain', { v })] });
  }
  return result('S7', 'clear', evidence(rule, { numbers, checked }));
}
