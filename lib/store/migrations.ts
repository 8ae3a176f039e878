/**
 * Schema migrations for stored account records, one function per step.
 *
 * Version history:
 *   1  the first layout (development builds before the first release): verbose, like the export
 *      format — ISO times, every count as an object, posts with `observations` objects.
 *   2  compact layout (lib/store/records.ts): Unix seconds, packed counts, tuples; about 4x smaller.
 *   3  the same record split in storage (lib/store/layout.ts): a small head under acct:<key> and
 *      the posts in chunks by published month (posts:<key>:<YYYY-MM>), index entries per account
 *      (idx:<key>), values as JSON strings. The record's fields are unchanged: the step only sets
 *      `v`; splitting is done by the store when it writes (migrateAll, or the next write).
 *   4  post chunks by published year (posts:<key>:<YYYY>) instead of month: 4-5 keys per account
 *      instead of ~27, because Chrome's storage.local.set costs more the more keys storage holds
 *      (docs/storage.md). Whole records only change `v`; a split schema-3 account (head v: 3 and
 *      its monthly chunks) is assembled by `migrateSplitV3`, and the store writes it back by year
 *      (migrateAll, or the next write to the account): the yearly chunks, head and index entry in
 *      one storage call first, the monthly chunks removed after, so an interrupted migration
 *      leaves either the schema-3 account as it was, or the schema-4 one (plus monthly copies of
 *      its posts, which nothing reads and the next migrateAll removes).
 *
 * Each stored record carries its version in `v`; records are migrated when read (and all at once
 * when the background starts after an update), so a worker stopped mid-way loses nothing: a
 * record is either still at its old version or fully at the new one.
 * tests/unit/store/migrations.test.ts holds a fixture of every past version and tests every step.
 */
import { z } from 'zod';
import { CountSchema, PlatformSchema } from '../model';
import { isoToSec } from './history';
import { assemble, HeadV3Schema } from './layout';
import {
  type AccountRecord,
  AccountRecordSchema,
  AccountRecordV2Schema,
  AccountRecordV3Schema,
  AccountRecordV4Schema,
  POST_FLAGS,
  type PostRecord,
  packCount,
  SCHEMA_VERSION,
} from './records';

const V1Count = CountSchema.nullable();
export const RecordV1Schema = z.object({
  v: z.literal(1),
  platform: PlatformSchema,
  id: z.string().min(1),
  handle: z.string().nullable(),
  name: z.string().nullable(),
  url: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  snapshots: z.array(z.object({ at: z.string(), followers: V1Count, following: V1Count, posts: V1Count })),
  posts: z.record(
    z.string(),
    z.object({
      url: z.string(),
      publishedAt: z.string().nullable(),
      pinned: z.boolean(),
      likesHidden: z.boolean(),
      ad: z.boolean(),
      observations: z.array(z.object({ at: z.string(), likes: V1Count, comments: V1Count, shares: V1Count, views: V1Count })).min(1),
    }),
  ),
});

const sec = (iso: string): number => {
  const s = isoToSec(iso);
  if (s === null) throw new Error(`bad time ${iso}`);
  return s;
};

/** Steps: MIGRATIONS[n] takes a record at version n to version n + 1. */
export const MIGRATIONS: Record<number, (record: unknown) => unknown> = {
  1: (raw) => {
    const r = RecordV1Schema.parse(raw);
    const p: AccountRecord['p'] = {};
    for (const [id, post] of Object.entries(r.posts)) {
      const f = (post.pinned ? POST_FLAGS.pinned : 0) | (post.likesHidden ? POST_FLAGS.likesHidden : 0) | (post.ad ? POST_FLAGS.ad : 0);
      p[id] = {
        u: post.url,
        t: post.publishedAt ? sec(post.publishedAt) : null,
        k: null,
        f,
        o: post.observations
          .map((o) => [sec(o.at), packCount(o.likes), packCount(o.comments), packCount(o.shares), packCount(o.views)] as const)
          .map((o) => [...o])
          .sort((a, b) => (a[0] as number) - (b[0] as number)) as AccountRecord['p'][string]['o'],
      };
    }
    const next: Omit<AccountRecord, 'v'> & { v: 2 } = {
      v: 2,
      platform: r.platform,
      id: r.id,
      nativeId: null,
      handle: r.handle,
      name: r.name,
      url: r.url,
      kind: null,
      priv: null,
      first: sec(r.firstSeen),
      last: sec(r.lastSeen),
      s: r.snapshots
        .map((s) => [sec(s.at), packCount(s.followers), packCount(s.following), packCount(s.posts)] as AccountRecord['s'][number])
        .sort((a, b) => a[0] - b[0]),
      p,
    };
    return next;
  },
  2: (raw) => ({ ...AccountRecordV2Schema.parse(raw), v: 3 }),
  3: (raw) => ({ ...AccountRecordV3Schema.parse(raw), v: 4 }),
  4: (raw) => ({ ...AccountRecordV4Schema.parse(raw), v: 5 }),
};

export type MigrationResult = { ok: true; record: AccountRecord; migrated: boolean } | { ok: false; error: string };

/** Bring a stored value to the current version and validate it. Never throws. */
export function migrateRecord(raw: unknown): MigrationResult {
  try {
    let value = raw;
    let version = typeof value === 'object' && value !== null && 'v' in value ? (value as { v: unknown }).v : undefined;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, error: 'no schema version' };
    if (version > SCHEMA_VERSION) return { ok: false, error: `written by a newer version (schema ${version})` };
    const migrated = version < SCHEMA_VERSION;
    while (version < SCHEMA_VERSION) {
      const step = MIGRATIONS[version];
      if (!step) return { ok: false, error: `no migration from schema ${version}` };
      value = step(value);
      version += 1;
    }
    const parsed = AccountRecordSchema.safeParse(value);
    if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error).slice(0, 500) };
    return { ok: true, record: parsed.data, migrated };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message.slice(0, 500) : 'migration failed' };
  }
}

/**
 * Schema 3 -> 4 of an account stored split: its head (v: 3, decoded) and the posts of its monthly
 * chunks (each validated by the caller, which sets damaged ones aside) -> the whole record at the
 * current version. A post stored in two chunks (seen undated, then dated) is merged, as a read
 * always did. The store writes the record back in yearly chunks (encodeAccount). Never throws.
 */
export function migrateSplitV3(head: unknown, chunks: Array<Record<string, PostRecord>>): MigrationResult {
  try {
    const parsed = HeadV3Schema.safeParse(head);
    if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error).slice(0, 500) };
    const whole = assemble({ ...parsed.data, v: SCHEMA_VERSION, c: {} }, chunks);
    const r = migrateRecord({ ...whole, v: 3 });
    return r.ok ? { ...r, migrated: true } : r;
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message.slice(0, 500) : 'migration failed' };
  }
}
