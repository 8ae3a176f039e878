/**
 * S8: mass following (SIGNALS.md). Information when G >= 1500 and G >= F (HypeAuditor, trendHERO:
 * more than 1500 is a mass follower); a weak flag (1 point) when G swings by >= 500 within 14 days
 * (follow/unfollow cycles). Interval-safe: both need the whole interval past the line.
 */
import { fromCount, type Num, sub } from '../metrics/num';
import { DAY } from '../metrics/options';
import { msg, pDate, pNum } from '../metrics/types';
import { cause, evidence, evNumber, insufficient, result, type SignalContext } from './context';
import { THRESHOLDS } from './thresholds';
import type { SignalResult } from './types';

export function s8Following(ctx: SignalContext): SignalResult {
  const T = THRESHOLDS.s8;
  const rule = msg('signal.s8.rule');
  const g: { at: number; n: Num }[] = [];
  for (const s of ctx.history.snapshots) {
    if (s.at > ctx.opts.asOf) break;
    const n = fromCount(s.following);
    if (n) g.push({ at: s.at, n });
  }
  if (!g.length) return insufficient('S8', rule, [{ what: 'following', have: 0, need: 1 }]);
  const latest = g[g.length - 1].n;
  const f = ctx.engagement.followers;
  const personal = ctx.history.kind === 'user';
  const checked = [
    cause('personalAccount', personal, msg(personal ? 'signal.cause.personalAccount.found' : 'signal.cause.personalAccount.none')),
    ...(ctx.history.platform === 'vk' ? [cause('vkFriends', personal, msg('signal.cause.vkFriends'))] : []),
  ];
  const numbers = [evNumber('signal.num.following', latest, 'count')];
  if (f) numbers.push(evNumber('signal.num.followers', f, 'count'));

  // Swing: the largest certain change within 14 days (a sliding window over time-ordered readings;
  // plain numbers, no allocation: two years of daily visits stay cheap).
  let swing: { from: number; to: number; certain: number; i: number; j: number } | null = null;
  let lo = 0;
  for (let j = 1; j < g.length; j++) {
    while (g[j].at - g[lo].at > T.swingDays * DAY) lo++;
    if (ctx.period && (g[j].at < ctx.period.from || g[lo].at > ctx.period.to)) continue;
    for (let i = lo; i < j; i++) {
      if (ctx.period && g[i].at > ctx.period.to) break;
      const up = g[j].n.low - g[i].n.high;
      const down = g[i].n.low - g[j].n.high;
      const certain = Math.max(up, down);
      if (certain >= T.swing && (!swing || certain > swing.certain)) swing = { from: g[i].at, to: g[j].at, certain, i, j };
    }
  }
  const mass = latest.low >= T.massFollowing && f !== null && latest.low >= f.high;
  const explanations = [];
  const parts: string[] = [];
  if (mass) {
    parts.push('mass');
    explanations.push(msg('signal.s8.explainMass', { g: pNum(latest.value) }));
  }
  const d = swing ? sub(g[swing.j].n, g[swing.i].n) : null;
  if (swing && d) {
    parts.push('swing');
    numbers.push(evNumber('signal.num.followingChange', d, 'count'));
    explanations.push(msg('signal.s8.explainSwing', { n: pNum(Math.abs(d.value)), d1: pDate(swing.from), d2: pDate(swing.to) }));
  }
  const ev = evidence(rule, { numbers, checked, intervals: swing ? [{ from: swing.from, to: swing.to }] : [] });
  if (swing) return result('S8', 'flag', ev, { points: T.pointsSwing, parts, explanations });
  if (mass) return result('S8', 'info', ev, { parts, explanations });
  return result('S8', 'clear', ev);
}
