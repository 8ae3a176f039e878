/**
 * S4: followers grow, likes do not (SIGNALS.md). Needs >= 60 days and >= 6 posts in the first and
 * in the last 30 days. F_end / F_start >= 1.3 and med L(late) / med L(early) <= 1.0.
 * Interval-safe: fires only when F certainly grew 30 % (F_end.low / F_start.high) and the likes
 * ratio is certainly at most 1 (its upper bound). A giveaway post in the window (followers who came
 * for a prize rarely like) makes it information, without points.
 */
import { div, median, type Num } from '../metrics/num';
import { DAY } from '../metrics/options';
import type { PostPoint } from '../metrics/posts';
import { msg, pNum } from '../metrics/types';
import { cause, evidence, evNumber, evPost, insufficient, result, type SignalContext } from './context';
import { THRESHOLDS } from './thresholds';
import type { CheckedCause, SignalResult } from './types';

const isVideo = (p: PostPoint) => p.post.kind === 'reel' || p.post.kind === 'video';

export function s4FollowersLikes(ctx: SignalContext): SignalResult {
  const T = THRESHOLDS.s4;
  const rule = msg('signal.s4.rule');
  const { idx } = ctx;
  let i0 = 0;
  let i1 = idx.at.length - 1;
  if (ctx.period) {
    while (i0 < idx.at.length && idx.at[i0] < ctx.period.from) i0++;
    while (i1 >= 0 && idx.at[i1] > ctx.period.to) i1--;
  }
  const span = i1 > i0 ? (idx.at[i1] - idx.at[i0]) / DAY : 0;
  const start = idx.at[i0] ?? 0;
  const end = idx.at[i1] ?? 0;
  // Posts that can show their likes: not ads, not pinned, likes shown, a day old.
  const usable = ctx.sel.points.filter(
    (p) => !p.post.pinned && p.likes && p.publishedAt !== null && p.minAge !== null && p.minAge >= ctx.opts.minPostAgeMs,
  );
  const w = T.windowDays * DAY;
  const early = usable.filter((p) => (p.publishedAt as number) >= start && (p.publishedAt as number) <= start + w);
  const late = usable.filter((p) => (p.publishedAt as number) >= end - w && (p.publishedAt as number) <= end);
  const needs = [
    { what: 'days' as const, have: Math.floor(span), need: T.minDays },
    { what: 'postsEarly' as const, have: early.length, need: T.minPostsEach },
    { what: 'postsLate' as const, have: late.length, need: T.minPostsEach },
  ];
  if (span < T.minDays || early.length < T.minPostsEach || late.length < T.minPostsEach) return insufficient('S4', rule, needs);

  const fStart = idx.followers[i0];
  const fEnd = idx.followers[i1];
  const fRatio = div(fEnd, fStart);
  const lEarly = median(early.map((p) => p.likes as Num));
  const lLate = median(late.map((p) => p.likes as Num));
  const lRatio = lEarly && lLate ? div(lLate, lEarly) : null;
  if (!fRatio || !lRatio) return insufficient('S4', rule, needs, [msg('signal.missing.counts')]);

  const numbers = [
    evNumber('signal.num.followersStart', fStart, 'count'),
    evNumber('signal.num.followersEnd', fEnd, 'count'),
    evNumber('signal.num.likesEarly', lEarly as Num, 'count'),
    evNumber('signal.num.likesLate', lLate as Num, 'count'),
  ];
  const intervals = [{ from: start, to: end }];
  if (!(fRatio.low >= T.followerRatio && lRatio.high <= T.likesRatioMax)) {
    return result('S4', 'clear', evidence(rule, { numbers, intervals }));
  }
  const shareVideo = (ps: PostPoint[]) => ps.filter(isVideo).length / ps.length;
  const formatShift = Math.abs(shareVideo(late) - shareVideo(early)) >= T.formatShift;
  const giveaways = usable.filter((p) => p.post.giveaway && (p.publishedAt as number) >= start && (p.publishedAt as number) <= end);
  const checked: CheckedCause[] = [
    cause('formatChange', formatShift, msg(formatShift ? 'signal.cause.formatChange.found' : 'signal.cause.formatChange.none')),
    cause('reachOrSeason', null, msg('signal.cause.reachOrSeason')),
    cause(
      'giveawayPost',
      giveaways.length > 0,
      msg(giveaways.length ? 'signal.cause.giveawayPost.found' : 'signal.cause.giveawayPost.none'),
      giveaways.map((p) => p.post.id),
    ),
  ];
  const x = Math.round((fRatio.value - 1) * 100);
  const explanation = msg('signal.s4.explain', { x: pNum(x) });
  const ev = evidence(rule, {
    numbers,
    intervals,
    checked,
    posts: [
      ...early.slice(0, 3).map((p) => evPost(p, 'involved')),
      ...late.slice(0, 3).map((p) => evPost(p, 'involved')),
      ...giveaways.map((p) => evPost(p, 'giveaway')),
    ],
  });
  if (giveaways.length) return result('S4', 'info', ev, { parts: ['explained'], explanations: [explanation] });
  return result('S4', 'flag', ev, { points: T.points, parts: ['flat'], explanations: [explanation] });
}
