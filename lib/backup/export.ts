/** Build a backup (JSON) from stored records. Pure: records in, a Backup out. */
import type { Count } from '../count';
import { decodeRecord } from '../store/history';
import type { AccountRecord } from '../store/records';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup, type BackupAccount, type BackupGroup } from './format';

const iso = (ms: number) => new Date(ms).toISOString();
const count = (c: Count | null) => (c === null ? null : { value: c.value, low: c.low, high: c.high, exact: c.exact, raw: c.raw });

export function recordToBackup(rec: AccountRecord): BackupAccount {
  const h = decodeRecord(rec);
  return {
    platform: h.platform,
    id: h.id,
    nativeId: h.nativeId,
    handle: h.handle,
    name: h.name,
    url: h.url,
    kind: h.kind,
    isPrivate: h.isPrivate,
    firstSeen: iso(h.firstSeen),
    lastSeen: iso(h.lastSeen),
    snapshots: h.snapshots.map((s) => ({
      at: iso(s.at),
      followers: count(s.followers),
      following: count(s.following),
      posts: count(s.posts),
    })),
    posts: h.posts.map((p) => ({
      id: p.id,
      url: p.url,
      publishedAt: p.publishedAt === null ? null : iso(p.publishedAt),
      kind: p.kind,
      pinned: p.pinned,
      likesHidden: p.likesHidden,
      ad: p.ad,
      giveaway: p.giveaway,
      observations: p.observations.map((o) => ({
        at: iso(o.at),
        likes: count(o.likes),
        comments: count(o.comments),
        shares: count(o.shares),
        views: count(o.views),
      })),
      comments: p.comments.map((c) => ({ text: c.text, author: c.author, at: c.at === null ? null : iso(c.at), byOwner: c.byOwner })),
    })),
  };
}

/** The backup of every record, and the user's groups when given (the dashboard passes them). */
export function buildBackup(records: AccountRecord[], appVersion: string, now = Date.now(), groups?: BackupGroup[]): Backup {
  const accounts = [...records].sort((a, b) => (a.platform + a.id).localeCompare(b.platform + b.id)).map(recordToBackup);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: iso(now),
    app: { name: 'SMM Lens', version: appVersion },
    accounts,
    ...(groups ? { groups } : {}),
  };
}

export function backupFileName(now = new Date(), ext = 'json', part = ''): string {
  const d = now.toISOString().slice(0, 10);
  return `smm-lens-${part ? `${part}-` : ''}${d}.${ext}`;
}
