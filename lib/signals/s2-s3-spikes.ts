/**
 * S2 (follower spike) and S3 (drop after a spike, sawtooth), SIGNALS.md.
 *
 * S2, per interval between visits: r = dF/days, g = r/F; M(g) >= 3.5 against the other
 * intervals (MAD floored at 0.05 %/day) AND excess (r - med r) x days >= max(1 % F, 200).
 * How this code reads it (docs/metrics.md):
 * - visits closer than 20 h are merged first, so hours are never extrapolated to days;
 * - "the other intervals" are those within 45 days (a local baseline, as S-H-ESD's piecewise
 *   median), so an account that grows faster this year than last is not a year-long "spike";
 * - consecutive outlier intervals (one elevated interval may sit between them) form one episode
 *   whose excess is summed: a drip-feed delivered over days is one purchase, not ten small ones;
 * - interval-safe: a spike is tested with the lowest growth the abbreviated counts allow (g.low,
 *   r.low), a drop with the highest; an abbreviated "12K" -> "12K" never looks like anything.
 * A giveaway or viral post (likes >= 3x median) published from 3 days before the jump to its end
 * explains it: the signal is then information, without points.
 */
import { makeNum, type Num, sub } from '../metrics/num';
import { DAY, HOUR } from '../metrics/options';
import type { PostPoint } from '../metrics/posts';
import { medianOf, modifiedZ, robust } from '../metrics/stats';
import { type Msg, msg, type Period, pDate, pNum, pRange } from '../metrics/types';
import {
  cause,
  evidence,
  evNumber,
  evPost,
  insufficient,
  overlaps,
  postsCover,
  postsPublishedIn,
  result,
  type SignalContext,
} from './context';
import { peerRate } from './peers';
import { THRESHOLDS } from './thresholds';
import type { CheckedCause, EvidencePost, Need, SignalResult } from './types';

const T = THRESHOLDS.s2;

interface Pt {
  at: number;
  f: Num;
}

export interface Interval {
  from: number;
  to: number;
  days: number;
  start: Num;
  end: Num;
  /** change */
  d: Num;
  /** followers per day */
  r: Num;
  /** growth rate per day, fraction of F at the start */
  g: Num;
  mid: number;
}

interface Baseline {
  medG: number;
  madG: number;
  medR: number;
}

export interface Episode {
  first: number;
  last: number;
  from: number;
  to: number;
  days: number;
  startF: Num;
  /** followers above the usual growth */
  excess: Num;
  /** largest |M(g)| among its intervals */
  z: number;
  /** usual growth per day around it */
  usualPerDay: number;
  net: Num;
}

/** Visits at least `minIntervalHours` apart (the latest visit always kept). */
export function thinVisits(at: readonly number[], followers: readonly Num[], minGap = T.minIntervalHours * HOUR): Pt[] {
  const pts: Pt[] = [];
  for (let i = 0; i < at.length; i++) {
    const last = pts[pts.length - 1];
    if (!last || at[i] - last.at >= minGap) pts.push({ at: at[i], f: followers[i] });
    else if (i === at.length - 1 && pts.length > 1) pts[pts.length - 1] = { at: at[i], f: followers[i] };
  }
  return pts;
}

export function intervalsOf(pts: readonly Pt[]): Interval[] {
  const out: Interval[] = [];
  for (let k = 0; k + 1 < pts.length; k++) {
    const a = pts[k];
    const b = pts[k + 1];
    const days = (b.at - a.at) / DAY;
    const d = sub(b.f, a.f);
    if (!d || !(days > 0) || !(a.f.value > 0)) continue;
    const r = makeNum(d.value / days, d.low / days, d.high / days, d.exact);
    const F = a.f.value;
    const g = r && makeNum(r.value / F, r.low / F, r.high / F, r.exact);
    if (!r || !g) continue;
    out.push({ from: a.at, to: b.at, days, start: a.f, end: b.f, d, r, g, mid: (a.at + b.at) / 2 });
  }
  return out;
}

function baselineOf(gs: number[], rs: number[]): Baseline | null {
  const rb = robust(gs, T.madFloorPerDay);
  const medR = medianOf(rs);
  return rb && medR !== null ? { medG: rb.median, madG: rb.mad, medR } : null;
}

/** The local baseline of each interval: the others within `baselineDays` of it. */
export function baselines(ivs: readonly Interval[]): (Baseline | null)[] {
  const out: (Baseline | null)[] = new Array(ivs.length).fill(null);
  const w = T.baselineDays * DAY;
  const cache = new Map<number, Baseline | null>();
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < ivs.length; k++) {
    const mid = ivs[k].mid;
    while (ivs[lo].mid < mid - w) lo++;
    if (hi < k) hi = k;
    while (hi + 1 < ivs.length && ivs[hi + 1].mid <= mid + w) hi++;
    const others = hi - lo; // window size minus the interval itself
    if (others < 3) continue;
    if (others < T.looBelow) {
      const gs: number[] = [];
      const rs: number[] = [];
      for (let j = lo; j <= hi; j++) {
        if (j === k) continue;
        gs.push(ivs[j].g.value);
        rs.push(ivs[j].r.value);
      }
      out[k] = baselineOf(gs, rs);
    } else {
      // Large windows: one baseline per block of days, the interval itself included (robust
      // statistics barely move when one point of 24+ is added; this keeps two years of visits cheap).
      const block = Math.floor(mid / (T.baselineBlockDays * DAY));
      let b = cache.get(block);
      if (b === undefined) {
        const c = (block + 0.5) * T.baselineBlockDays * DAY;
        const gs: number[] = [];
        const rs: number[] = [];
        for (let j = lo; j <= hi; j++) {
          if (Math.abs(ivs[j].mid - c) > w) continue;
          gs.push(ivs[j].g.value);
          rs.push(ivs[j].r.value);
        }
        b = baselineOf(gs, rs);
        cache.set(block, b);
      }
      out[k] = b;
    }
  }
  return out;
}

/** Spike episodes (sign +1) or drop episodes (sign -1), each with its excess. */
export function episodesOf(
  ivs: readonly Interval[],
  base: readonly (Baseline | null)[],
  sign: 1 | -1,
  gShift: (iv: Interval) => number = () => 0,
): Episode[] {
  const z = ivs.map((iv, k) => {
    const b = base[k];
    if (!b) return 0;
    const g = (sign > 0 ? iv.g.low : iv.g.high) - gShift(iv);
    return modifiedZ(g, b.medG, b.madG);
  });
  const hit = (k: number) => (sign > 0 ? z[k] >= T.z : z[k] <= -T.z);
  const elevated = (k: number) => (sign > 0 ? z[k] >= T.shoulderZ : z[k] <= -T.shoulderZ);
  const out: Episode[] = [];
  let k = 0;
  while (k < ivs.length) {
    if (!hit(k)) {
      k++;
      continue;
    }
    // The episode: the outlier interval with the elevated intervals around it (a drip-feed
    // delivered over weeks shows as a run of fast intervals, only some of them past 3.5).
    while (k > 0 && elevated(k - 1) && (out.length === 0 || k - 1 > out[out.length - 1].last)) k--;
    let last = k;
    while (last + 1 < ivs.length && (hit(last + 1) || elevated(last + 1))) last++;
    let exV = 0;
    let exLo = 0;
    let exHi = 0;
    let zMax = 0;
    let usual = 0;
    for (let m = k; m <= last; m++) {
      const iv = ivs[m];
      const b = base[m];
      const medR = b?.medR ?? 0;
      const shift = gShift(iv) * iv.start.value;
      exV += (iv.r.value - shift - medR) * iv.days;
      exLo += (iv.r.low - shift - medR) * iv.days;
      exHi += (iv.r.high - shift - medR) * iv.days;
      if (Math.abs(z[m]) > Math.abs(zMax)) zMax = z[m];
      usual += medR * iv.days;
    }
    const from = ivs[k].from;
    const to = ivs[last].to;
    const days = (to - from) / DAY;
    const excess = sign > 0 ? makeNum(exV, exLo, exHi, exLo === exHi) : makeNum(-exV, -exHi, -exLo, exLo === exHi);
    const net = sub(ivs[last].end, ivs[k].start);
    if (excess && net) {
      out.push({ first: k, last, from, to, days, startF: ivs[k].start, excess, z: zMax, usualPerDay: days > 0 ? usual / days : 0, net });
    }
    k = last + 1;
  }
  return out;
}

/** Excess the rule requires: max(1 % of F, 200). */
export const excessNeeded = (f: Num) => Math.max(T.excessShare * f.value, T.excessMin);

interface Explained {
  giveaway: PostPoint[];
  /** ads (promoted posts) published at the time */
  ads: PostPoint[];
  /** the jump is no faster than ads bring (HypeAuditor: rarely more than 5k a day) */
  adPace: boolean;
  /** viral posts big enough to explain the jump */
  viral: PostPoint[];
  /** viral posts, but far too small for the jump */
  smallViral: PostPoint[];
  /** posts too young, or with likes hidden, to tell whether they went viral */
  undecided: PostPoint[];
  hiddenLikes: boolean;
  covered: boolean;
  /** a giveaway, or viral posts big enough */
  explains: boolean;
  /** nothing left unchecked: every post of the time was seen and judged */
  checked: boolean;
}

/**
 * Likes other posts had at about the same age (each post's observation whose age is within
 * [age / 2, age x 2], the closest one), for judging a post last seen young.
 */
function likesAtAge(ctx: SignalContext, self: PostPoint, age: number): number[] {
  const out: number[] = [];
  for (const q of ctx.sel.points) {
    if (q === self || q.publishedAt === null || q.post.pinned) continue;
    let best: { d: number; v: number } | null = null;
    for (const o of q.post.observations) {
      if (o.at > ctx.opts.asOf || !o.likes) continue;
      const a = o.at - q.publishedAt;
      if (a < age / 2 || a > age * 2) continue;
      const d = Math.abs(Math.log(a / age));
      if (!best || d < best.d) best = { d, v: o.likes.value };
    }
    if (best) out.push(best.v);
  }
  return out;
}

/**
 * Typical likes at the time of a jump: the median of the posts published within 30 days of it (an
 * account's likes grow with it; a post is viral against its own time), else of the recent sample.
 */
function medianLikesAround(ctx: SignalContext, t: number): number | null {
  const w = T.viralContextDays * DAY;
  const likes: number[] = [];
  for (const p of ctx.sel.points) {
    if (p.post.pinned || !p.likes || p.publishedAt === null || Math.abs(p.publishedAt - t) > w) continue;
    if (p.minAge !== null && p.minAge >= ctx.opts.minPostAgeMs) likes.push(p.likes.value);
  }
  return likes.length >= 3 ? medianOf(likes) : ctx.medianLikes;
}

function innocentCauses(ctx: SignalContext, ep: Episode): Explained {
  const from = ep.from - T.causeLeadDays * DAY;
  const near = postsPublishedIn(ctx, from, ep.to);
  const med = medianLikesAround(ctx, ep.from);
  const viral: PostPoint[] = [];
  const undecided: PostPoint[] = [];
  let extraLikes = 0;
  let hiddenLikes = false;
  for (const p of near) {
    // Hidden or unshown likes, or no typical likes to compare with: cannot tell if it went viral.
    if (!p.likes || med === null || !(med > 0)) {
      undecided.push(p);
      hiddenLikes = true;
      continue;
    }
    if (p.publishedAt === null) continue;
    const age = p.observedAt - p.publishedAt;
    let base = med;
    if (age < T.youngPostDays * DAY) {
      // Still collecting likes: compare with what other posts had at the same age.
      const peers = likesAtAge(ctx, p, Math.max(age, HOUR));
      const m = peers.length >= 3 ? medianOf(peers) : null;
      if (m === null || m <= 0) {
        if (p.likes.value >= T.viralLikes * med) viral.push(p);
        else undecided.push(p);
        continue;
      }
      base = m;
    }
    if (p.likes.value >= T.viralLikes * base) {
      viral.push(p);
      extraLikes += (p.likes.value - base) * (med / base); // in full-grown likes
    }
  }
  const giveaway = near.filter((p) => p.post.giveaway);
  const ads = ctx.ads.filter((p) => p.publishedAt !== null && p.publishedAt >= from && p.publishedAt <= ep.to);
  const adPace = ep.excess.low / Math.max(ep.days, 1) <= T.adsRarelyPerDay;
  // A viral post explains a jump it could have brought: at most `viralFollowersPerLike` new
  // followers per like above the usual (TUNED, see thresholds).
  const bigEnough = extraLikes * T.viralFollowersPerLike >= ep.excess.low;
  const covered = postsCover(ctx, from, ep.to);
  return {
    giveaway,
    ads,
    adPace,
    viral: bigEnough ? viral : [],
    smallViral: bigEnough ? [] : viral,
    undecided,
    hiddenLikes,
    covered,
    // Ads are named as a possible cause but do not clear the flag: one promoted post can bring
    // a few hundred followers or tens of thousands, and the page does not say which.
    explains: giveaway.length > 0 || (viral.length > 0 && bigEnough),
    checked: covered && undecided.length === 0,
  };
}

function causesChecked(ex: Explained): CheckedCause[] {
  const ids = (ps: PostPoint[]) => ps.map((p) => p.post.id);
  const viralKey = ex.viral.length
    ? 'signal.cause.viralPost.found'
    : ex.smallViral.length
      ? 'signal.cause.viralPost.tooSmall'
      : ex.checked
        ? 'signal.cause.viralPost.none'
        : ex.undecided.length
          ? ex.hiddenLikes
            ? 'signal.cause.viralPost.hidden'
            : 'signal.cause.viralPost.tooNew'
          : 'signal.cause.viralPost.unseen';
  return [
    cause(
      'giveawayPost',
      ex.giveaway.length ? true : ex.covered ? false : null,
      msg(
        ex.giveaway.length
          ? 'signal.cause.giveawayPost.found'
          : ex.covered
            ? 'signal.cause.giveawayPost.none'
            : 'signal.cause.giveawayPost.unseen',
      ),
      ids(ex.giveaway),
    ),
    cause(
      'viralPost',
      ex.viral.length ? true : ex.smallViral.length ? false : ex.checked ? false : null,
      msg(viralKey),
      ids([...ex.viral, ...ex.smallViral, ...ex.undecided]),
    ),
    cause(
      'adPost',
      ex.ads.length > 0,
      msg(ex.ads.length ? (ex.adPace ? 'signal.cause.adPost.found' : 'signal.cause.adPost.tooFast') : 'signal.cause.adPost.none'),
      ids(ex.ads),
    ),
    cause('shoutout', null, msg('signal.cause.shoutout')),
  ];
}

export interface SpikeAnalysis {
  s2: SignalResult;
  /** flagged (unexplained) spike episodes, largest first */
  flagged: Episode[];
  intervals: Interval[];
  base: (Baseline | null)[];
  needs: Need[];
}

/** The package size (exactly 1k, 5k...) the jump above the usual growth is close to, with exact counts. */
function roundPackage(ep: Episode): number | null {
  if (!ep.net.exact) return null;
  const v = ep.excess.value;
  return T.roundPackages.find((r) => Math.abs(v - r) <= T.roundTolerance * r) ?? null;
}

export function s2Spikes(ctx: SignalContext): SpikeAnalysis {
  const rule = msg('signal.s2.rule');
  const pts = thinVisits(ctx.idx.at, ctx.idx.followers);
  const span = pts.length ? (pts[pts.length - 1].at - pts[0].at) / DAY : 0;
  const needs: Need[] = [
    { what: 'visits', have: pts.length, need: T.minVisits },
    { what: 'days', have: Math.floor(span), need: T.minDays },
  ];
  if (pts.length < T.minVisits || span < T.minDays) {
    return { s2: insufficient('S2', rule, needs), flagged: [], intervals: [], base: [], needs };
  }
  const ivs = intervalsOf(pts);
  const base = baselines(ivs);
  const found = episodesOf(ivs, base, 1).filter((ep) => ep.excess.low >= excessNeeded(ep.startF));
  // Second scale: visits a week apart. Day-to-day noise averages out over a week, so a drip-feed
  // spread over weeks stands out there even when no single day does.
  const weekly = thinVisits(
    pts.map((p) => p.at),
    pts.map((p) => p.f),
    T.weeklyScaleDays * DAY,
  );
  const wIvs = intervalsOf(weekly);
  for (const ep of episodesOf(wIvs, baselines(wIvs), 1)) {
    if (ep.excess.low >= excessNeeded(ep.startF) && !found.some((d) => d.from < ep.to && ep.from < d.to)) found.push(ep);
  }
  const eps = found.filter((ep) => overlaps(ep, ctx.period));
  eps.sort((a, b) => b.excess.value - a.excess.value);
  const unexplained: Episode[] = [];
  const explained: Episode[] = [];
  const explanations = new Map<Episode, Explained>();
  for (const ep of eps) {
    const ex = innocentCauses(ctx, ep);
    explanations.set(ep, ex);
    if (ex.explains) explained.push(ep);
    else unexplained.push(ep);
  }
  if (!eps.length) return { s2: result('S2', 'clear', evidence(rule)), flagged: [], intervals: ivs, base, needs };

  const main = unexplained[0] ?? explained[0];
  const ex = explanations.get(main) as Explained;
  const posts: EvidencePost[] = [
    ...ex.giveaway.map((p) => evPost(p, 'giveaway')),
    ...[...ex.viral, ...ex.smallViral].map((p) => evPost(p, 'viral')),
    ...ex.undecided.map((p) => evPost(p, 'involved')),
    ...ex.ads.map((p) => evPost(p, 'ad')),
  ];
  const numbers = [
    evNumber('signal.num.excess', main.excess, 'count'),
    evNumber('signal.num.netChange', main.net, 'count'),
    evNumber(
      'signal.num.usualPerDay',
      makeNum(main.usualPerDay, main.usualPerDay, main.usualPerDay, true) ?? main.excess,
      'countPerPeriod',
    ),
    evNumber('signal.num.zScore', makeNum(main.z, main.z, main.z, true) ?? main.excess, 'ratio'),
    evNumber('signal.num.days', makeNum(main.days, main.days, main.days, true) ?? main.excess, 'count'),
  ];
  const parts: string[] = [];
  const extra: Msg[] = [];
  const round = roundPackage(main);
  if (round !== null) {
    parts.push('round');
    extra.push(msg('signal.s2.round', { n: pNum(round) }));
  }
  if (main.days > 0 && main.excess.low / Math.max(main.days, 1) > T.adsRarelyPerDay) {
    parts.push('fast');
    extra.push(msg('signal.s2.fast'));
  }
  const params = { E: pRange(main.excess, 0), d1: pDate(main.from), d2: pDate(main.to) };
  const intervals: Period[] = (unexplained.length ? unexplained : explained).map((e) => ({ from: e.from, to: e.to }));
  const ev = evidence(rule, { intervals, posts, checked: causesChecked(ex), numbers });
  if (unexplained.length) {
    const key = ex.checked ? 'signal.s2.explain' : 'signal.s2.explainUnchecked';
    return {
      s2: result('S2', 'flag', ev, { points: T.points, parts: ['spike', ...parts], explanations: [msg(key, params), ...extra] }),
      flagged: unexplained,
      intervals: ivs,
      base,
      needs,
    };
  }
  return {
    s2: result('S2', 'info', ev, {
      parts: ['explained', ...parts],
      explanations: [msg('signal.s2.explained', params)],
    }),
    flagged: [],
    intervals: ivs,
    base,
    needs,
  };
}

/**
 * S3 after S2: >= 20 % of the spike's excess lost within 30 days of its end, or an interval after
 * it with M(g) <= -3.5 (and a fall of at least max(1 % F, 200), as S2's excess). When other
 * tracked accounts are given, their median growth over the same dates is subtracted first.
 */
export function s3Drop(ctx: SignalContext, spikes: SpikeAnalysis): SignalResult {
  const T3 = THRESHOLDS.s3;
  const rule = msg('signal.s3.rule');
  if (spikes.s2.status === 'insufficient') return insufficient('S3', rule, spikes.needs);
  if (!spikes.flagged.length) return result('S3', 'clear', evidence(rule), { parts: ['noJump'] });

  const peersUsed: { g: number; n: number }[] = [];
  const shift = (from: number, to: number): number => {
    const p = peerRate(ctx.peers, from, to, ctx.history.key, T3.minPeers);
    if (p) peersUsed.push(p);
    return p?.g ?? 0;
  };
  let best: { ep: Episode; share: number; lost: Num; days: number; at: number } | null = null;
  let followedDays = 0;
  for (const ep of spikes.flagged) {
    const te = ep.to;
    const k0 = ctx.idx.at.indexOf(te);
    const fe = k0 >= 0 ? ctx.idx.followers[k0] : null;
    if (!fe) continue;
    let lowest: { f: Num; at: number } | null = null;
    for (let k = k0 + 1; k < ctx.idx.at.length && ctx.idx.at[k] <= te + T3.followDays * DAY; k++) {
      const f = ctx.idx.followers[k];
      if (!lowest || f.high < lowest.f.high) lowest = { f, at: ctx.idx.at[k] };
      followedDays = Math.max(followedDays, (ctx.idx.at[k] - te) / DAY);
    }
    if (!lowest) continue;
    const days = (lowest.at - te) / DAY;
    const drift = shift(te, lowest.at) * fe.value * days; // what the platform did to everyone
    const lostLow = fe.low - lowest.f.high + drift;
    const lostV = fe.value - lowest.f.value + drift;
    const lostHi = fe.high - lowest.f.low + drift;
    const lost = makeNum(lostV, Math.min(lostLow, lostV), Math.max(lostHi, lostV), fe.exact && lowest.f.exact);
    if (!lost || !(ep.excess.high > 0)) continue;
    const share = lost.low / ep.excess.high;
    if (share >= T3.lossShare && (!best || share > best.share)) best = { ep, share, lost, days, at: lowest.at };
  }
  // Sawtooth: a sharp fall after the first flagged spike.
  const firstSpike = spikes.flagged.reduce((a, b) => (a.from < b.from ? a : b));
  const drops = episodesOf(spikes.intervals, spikes.base, -1, (iv) => shift(iv.from, iv.to)).filter(
    (d) => d.from >= firstSpike.from && d.excess.low >= excessNeeded(d.startF) && overlaps(d, ctx.period),
  );
  const checked: CheckedCause[] = [
    peersUsed.length
      ? cause(
          'platformPurge',
          peersUsed.some((p) => p.g < 0),
          msg('signal.cause.platformPurge.checked', { n: pNum(Math.max(...peersUsed.map((p) => p.n))) }),
        )
      : cause('platformPurge', null, msg('signal.cause.platformPurge.unseen')),
  ];
  const parts: string[] = [];
  const intervals: Period[] = [];
  const explanations: Msg[] = [];
  const numbers = [];
  if (best) {
    parts.push('loss');
    intervals.push({ from: best.ep.to, to: best.at });
    const p = Math.min(100, Math.round(best.share * 100));
    explanations.push(msg('signal.s3.explain', { p: pNum(p), n: pNum(Math.max(1, Math.round(best.days))) }));
    numbers.push(evNumber('signal.num.lost', best.lost, 'count'), evNumber('signal.num.excess', best.ep.excess, 'count'));
  }
  if (drops.length) {
    parts.push('sawtooth');
    const d = drops.sort((a, b) => b.excess.value - a.excess.value)[0];
    intervals.push({ from: d.from, to: d.to });
    if (!best) explanations.push(msg('signal.s3.explainSawtooth', { E: pRange(d.excess, 0), d1: pDate(d.from), d2: pDate(d.to) }));
    numbers.push(evNumber('signal.num.drop', d.excess, 'count'));
  }
  const ev = evidence(rule, { intervals, checked, numbers });
  if (parts.length) return result('S3', 'flag', ev, { points: T3.points, parts, explanations });
  // Not yet 30 days of visits after the jump; or a long gap right after it (the next visit more
  // than 30 days later cannot say when followers left).
  const historyGoesOn = ctx.idx.at[ctx.idx.at.length - 1] - firstSpike.to >= T3.followDays * DAY;
  if (followedDays < T3.followDays && (!historyGoesOn || followedDays < T3.minFollowDays)) {
    return insufficient('S3', rule, [{ what: 'daysAfterJump', have: Math.floor(followedDays), need: T3.followDays }]);
  }
  return result('S3', 'clear', ev);
}
