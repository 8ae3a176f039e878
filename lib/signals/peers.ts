/**
 * Growth of the other tracked accounts, for S3's platform-wide purge correction: when a platform
 * removes bots from everyone, every account falls on the same dates; SIGNALS.md subtracts the
 * median growth rate of all tracked accounts for those dates.
 */
import { fromCount } from '../metrics/num';
import { DAY } from '../metrics/options';
import { nearestIndex } from '../metrics/posts';
import { medianOf } from '../metrics/stats';
import type { Platform } from '../model';
import type { AccountHistory } from '../store/records';
import type { PeerGrowth, PeerSeries } from './types';

/** Build once for the dashboard: the follower series of every account of a platform. */
export function peerGrowth(histories: readonly AccountHistory[], platform: Platform): PeerGrowth {
  const series: PeerSeries[] = [];
  for (const h of histories) {
    if (h.platform !== platform) continue;
    const at: number[] = [];
    const followers: number[] = [];
    for (const s of h.snapshots) {
      const f = fromCount(s.followers);
      // Only counts precise to 1 %: a rounded "1.2M" would drown a purge in its rounding.
      if (!f || f.value <= 0 || f.high - f.low > f.value * 0.01) continue;
      at.push(s.at);
      followers.push(f.value);
    }
    if (at.length >= 2) series.push({ key: h.key, at, followers });
  }
  return { series };
}

/**
 * Median growth rate per day (fraction of followers) of the peers between two dates, each peer
 * from its snapshots nearest to the dates (within a day or a quarter of the span). Null when fewer
 * than `minPeers` peers have data for those dates.
 */
export function peerRate(
  peers: PeerGrowth | null,
  from: number,
  to: number,
  excludeKey: string,
  minPeers: number,
): { g: number; n: number } | null {
  if (!peers || !(to > from)) return null;
  const tol = Math.max(DAY, (to - from) / 4);
  const rates: number[] = [];
  for (const s of peers.series) {
    if (s.key === excludeKey) continue;
    const i = nearestIndex(s.at, from);
    const j = nearestIndex(s.at, to);
    if (i < 0 || j <= i || Math.abs(s.at[i] - from) > tol || Math.abs(s.at[j] - to) > tol) continue;
    const days = (s.at[j] - s.at[i]) / DAY;
    if (days <= 0) continue;
    const g = (s.followers[j] - s.followers[i]) / s.followers[i] / days;
    if (Number.isFinite(g)) rates.push(g);
  }
  if (rates.length < minPeers) return null;
  const g = medianOf(rates);
  return g === null ? null : { g, n: rates.length };
}
