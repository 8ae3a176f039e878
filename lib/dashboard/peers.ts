/**
 * The other tracked accounts' follower series, for S3's platform-wide purge correction
 * (lib/signals peerGrowth). Built from stored records decoding only their snapshots, which is
 * several times cheaper than decoding whole histories.
 */
import type { Platform } from '../model';
import { peerGrowth } from '../signals/peers';
import type { PeerGrowth } from '../signals/types';
import type { AccountHistory, AccountRecord } from '../store/records';
import { unpackCount } from '../store/records';

export function peersFromRecords(records: readonly AccountRecord[], platform: Platform): PeerGrowth {
  const light: AccountHistory[] = [];
  for (const rec of records) {
    if (rec.platform !== platform || rec.s.length < 2) continue;
    light.push({
      key: `${rec.platform}:${rec.id}`,
      platform: rec.platform,
      id: rec.id,
      nativeId: null,
      handle: null,
      name: null,
      url: rec.url,
      kind: null,
      isPrivate: null,
      firstSeen: rec.first * 1000,
      lastSeen: rec.last * 1000,
      snapshots: rec.s.map(([at, f]) => ({ at: at * 1000, followers: unpackCount(f), following: null, posts: null })),
      posts: [],
    });
  }
  return peerGrowth(light, platform);
}
