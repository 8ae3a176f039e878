/**
 * How history is kept in extension storage (schema version 4), and the decoded shape the rest of
 * the extension works with.
 *
 * Storage keys (browser.storage.local; layout in lib/store/layout.ts, values as JSON strings):
 *   acct:<platform>:<id>            the account's head: identity, snapshots, list of post chunks
 *   posts:<platform>:<id>:<YYYY>    the account's posts published that year ("x": date unknown)
 *   idx:<platform>:<id>             the account's index entry (counts, bytes, cached summary)
 *   index                           { v, a: { key: handle } }: which accounts exist (derived, rebuildable)
 *   meta                            { version } of the stored schema
 *   quarantine:<key>:<t>            a head or chunk that failed validation on read, set aside untouched
 *   settings                        user settings (lib/settings.ts)
 *
 * In memory an account is one AccountRecord (head and every chunk assembled); schema 2 stored it
 * whole under acct:<key>, and such values are still read (and split on the next write).
 *
 * Records are compact (arrays instead of objects, times in Unix seconds, exact counts as plain
 * numbers) so that a year of daily visits to an account stays within a few kilobytes; see
 * docs/storage.md. The export format (lib/backup/format.ts) is the verbose, documented one.
 */
import { z } from 'zod';
import { type Count, exactCount, intervalCount } from '../count';
import { type AccountKey, AccountKindSchema, type Platform, PlatformSchema, type PostKind } from '../model';

export const SCHEMA_VERSION = 5;
export const RECORD_PREFIX = 'acct:';
export const QUARANTINE_PREFIX = 'quarantine:';
export const INDEX_KEY = 'index';
export const META_KEY = 'meta';

// ---- compact counts --------------------------------------------------------------------------

/** null (unknown) | n (exact) | [value, low, high, raw] (abbreviated, [low, high)). */
export const PackedCountSchema = z.union([
  z.null(),
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative(), z.number().int().nonnegative(), z.string().max(200)]),
]);
export type PackedCount = z.infer<typeof PackedCountSchema>;

export function packCount(c: Count | null): PackedCount {
  if (c === null) return null;
  return c.exact ? c.value : [c.value, c.low, c.high, c.raw];
}

/** The raw text of exact counts is not kept in storage; it is rebuilt as the plain number. */
export function unpackCount(p: PackedCount): Count | null {
  if (p === null) return null;
  if (typeof p === 'number') return exactCount(p);
  return intervalCount(p[0], p[1], p[2], p[3]);
}

// ---- record (the decoded-from-storage shape, version 3; split in storage: see layout.ts) --------------------------------------------------------------------------

const Sec = z.number().int().nonnegative().max(1e11);
/** [at, followers, following, posts] */
export const SnapTupleSchema = z.tuple([Sec, PackedCountSchema, PackedCountSchema, PackedCountSchema]);
export type SnapTuple = z.infer<typeof SnapTupleSchema>;
/** [at, likes, comments, shares, views] */
export const ObsTupleSchema = z.tuple([Sec, PackedCountSchema, PackedCountSchema, PackedCountSchema, PackedCountSchema]);
export type ObsTuple = z.infer<typeof ObsTupleSchema>;
/** [text, author, at, byOwner] */
export const CommentTupleSchema = z.tuple([
  z.string().max(1000),
  z.string().max(100).nullable(),
  Sec.nullable(),
  z.union([z.literal(0), z.literal(1)]),
]);
export type CommentTuple = z.infer<typeof CommentTupleSchema>;

export const POST_FLAGS = { pinned: 1, likesHidden: 2, ad: 4, giveaway: 8 } as const;

const KIND_CODES: Record<PostKind, string> = { photo: 'p', carousel: 'c', reel: 'r', video: 'v', text: 't', other: 'o' };
const KIND_BY_CODE = Object.fromEntries(Object.entries(KIND_CODES).map(([k, v]) => [v, k])) as Record<string, PostKind>;
export const packKind = (k: PostKind | null): string | null => (k ? KIND_CODES[k] : null);
export const unpackKind = (c: string | null | undefined): PostKind | null => (c ? (KIND_BY_CODE[c] ?? null) : null);

export const PostRecordSchema = z.object({
  /** URL, only when it differs from the canonical one for the id */
  u: z.string().max(2000).optional(),
  /** published, Unix seconds */
  t: Sec.nullable(),
  /** kind code (see KIND_CODES) */
  k: z.string().max(1).nullable(),
  /** POST_FLAGS bits, as last seen */
  f: z.number().int().min(0).max(255),
  /** author account id, only when it differs from the record's own (not used for now) */
  a: z.string().max(100).optional(),
  /** observations, oldest first, bounded */
  o: z.array(ObsTupleSchema).min(1),
  /** sample of visible comments, bounded */
  c: z.array(CommentTupleSchema).optional(),
});
export type PostRecord = z.infer<typeof PostRecordSchema>;

export const accountRecordShape = {
  platform: PlatformSchema,
  id: z.string().min(1).max(100),
  nativeId: z.string().max(30).nullable(),
  handle: z.string().max(100).nullable(),
  name: z.string().max(300).nullable(),
  url: z.string().max(2000),
  kind: AccountKindSchema.nullable(),
  priv: z.boolean().nullable(),
  /** first and last time seen, Unix seconds */
  first: Sec,
  last: Sec,
  /** snapshots of the account's counters, oldest first */
  s: z.array(SnapTupleSchema),
  /** posts by id */
  p: z.record(z.string().max(100), PostRecordSchema),
};
export const AccountRecordSchema = z.object({ v: z.literal(SCHEMA_VERSION), ...accountRecordShape });
export type AccountRecord = z.infer<typeof AccountRecordSchema>;
/** A whole record as schema 2 stored it under acct:<key> (the same fields). */
export const AccountRecordV2Schema = z.object({ v: z.literal(2), ...accountRecordShape });
/** A whole record of schema 3 (the same fields; schema 3 stored it split, by month). */
export const AccountRecordV3Schema = z.object({ v: z.literal(3), ...accountRecordShape });
/** A whole record of schema 4 (the same fields; schema 4 stored it split, by year). */
export const AccountRecordV4Schema = z.object({ v: z.literal(4), ...accountRecordShape });

export function recordKey(key: AccountKey): string {
  return `${RECORD_PREFIX}${key}`;
}

// ---- index (derived, rebuildable) ---------------------------------------------------------------

/**
 * Index entries carry `sum`, a cached summary of the account's analysis (ER, growth over 7 and 30
 * days, verdict) for the dashboard's accounts table; see lib/dashboard/summary.ts and
 * docs/dashboard.md. Since schema 3 each entry is stored on its own (`idx:<key>`, lib/store/layout.ts);
 * INDEX_VERSION and IndexSchema describe schema 2's single `index` object (all entries in one),
 * whose summaries migrateAll carries over.
 */
export const INDEX_VERSION = 2;

/** An interval as [value] (exact) or [value, low, high]; rounded outwards to 6 significant digits. */
export const SumNumSchema = z.union([z.tuple([z.number()]), z.tuple([z.number(), z.number(), z.number()])]);
/** A message of the metrics engine ({ key, params }), kept as data; the UI renders it. */
export const SumMsgSchema = z.object({ key: z.string().max(100), params: z.record(z.string(), z.unknown()).optional() });
/** A metric: its interval, sample size and reactions, or what is missing. */
export const SumMetricSchema = z.union([
  z.object({ n: SumNumSchema, s: z.number().int().optional(), r: z.enum(['l', 'lc', 'ls', 'lcs']).optional() }),
  z.object({ m: z.array(SumMsgSchema).max(8), s: z.number().int().optional(), r: z.enum(['l', 'lc', 'ls', 'lcs']).optional() }),
]);
/** Growth over a span: net change and rate between the visits used, or what is missing. */
export const SumGrowthSchema = z.union([
  z.object({
    net: SumNumSchema,
    rate: SumNumSchema.nullable(),
    from: z.number(),
    to: z.number(),
    dir: z.enum(['up', 'down', 'flat', 'unclear']),
  }),
  z.object({ m: z.array(SumMsgSchema).max(8) }),
]);
export const SummarySchema = z.object({
  /** summary format and engine version (lib/dashboard/summary.ts SUMMARY_VERSION) */
  v: z.number().int(),
  /** settings.recentPosts the summary was computed with */
  rp: z.number().int(),
  /** the moment the numbers are computed for (ms): the history's latest time */
  at: z.number(),
  er: SumMetricSchema,
  g7: SumGrowthSchema,
  g30: SumGrowthSchema,
  verdict: z.object({
    level: z.enum(['insufficient', 'none', 'some', 'several']),
    points: z.number(),
    fired: z.array(z.string().max(4)).max(12),
    collecting: SumMsgSchema.nullable(),
  }),
});
export type Summary = z.infer<typeof SummarySchema>;

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isSumNum = (x: unknown) => Array.isArray(x) && (x.length === 1 || x.length === 3) && x.every(isNum);
const isMsgs = (x: unknown) =>
  Array.isArray(x) &&
  x.length <= 8 &&
  x.every((m) => typeof m === 'object' && m !== null && typeof (m as { key?: unknown }).key === 'string');
const isSumMetric = (x: unknown) => {
  const m = x as { n?: unknown; m?: unknown } | null;
  return typeof m === 'object' && m !== null && ('n' in m ? isSumNum(m.n) : isMsgs(m.m));
};
const isSumGrowth = (x: unknown) => {
  const g = x as { net?: unknown; rate?: unknown; from?: unknown; to?: unknown; m?: unknown } | null;
  if (typeof g !== 'object' || g === null) return false;
  return 'net' in g ? isSumNum(g.net) && (g.rate === null || isSumNum(g.rate)) && isNum(g.from) && isNum(g.to) : isMsgs(g.m);
};
const LEVELS = new Set(['insufficient', 'none', 'some', 'several']);

/**
 * A summary as read from the index: the same shape as SummarySchema, checked by hand because a
 * zod parse of 500 nested summaries costs the dashboard about 200 ms on opening (issue 8's
 * budget is 500 ms for the whole table). Written summaries are checked with SummarySchema.
 */
export function isSummaryShape(x: unknown): x is Summary {
  const s = x as Partial<Record<keyof Summary, unknown>> | null;
  if (typeof s !== 'object' || s === null) return false;
  const v = s.verdict as { level?: unknown; points?: unknown; fired?: unknown; collecting?: unknown } | null;
  return (
    isNum(s.v) &&
    isNum(s.rp) &&
    isNum(s.at) &&
    isSumMetric(s.er) &&
    isSumGrowth(s.g7) &&
    isSumGrowth(s.g30) &&
    typeof v === 'object' &&
    v !== null &&
    LEVELS.has(v.level as string) &&
    isNum(v.points) &&
    Array.isArray(v.fired) &&
    (v.collecting === null || isMsgs([v.collecting]))
  );
}

export const IndexEntrySchema = z.object({
  key: z.string(),
  platform: PlatformSchema,
  id: z.string(),
  handle: z.string().nullable(),
  name: z.string().nullable(),
  url: z.string(),
  first: z.number(),
  last: z.number(),
  /** latest known followers (packed) */
  followers: PackedCountSchema,
  snapshots: z.number().int(),
  posts: z.number().int(),
  /** bytes the record takes in storage (UTF-8 JSON) */
  bytes: z.number().int(),
  /** cached summary of the analysis, computed when the record is written (absent until then) */
  sum: z.custom<Summary>(isSummaryShape).optional().catch(undefined),
});
export type IndexEntry = z.infer<typeof IndexEntrySchema>;
export const IndexSchema = z.object({
  v: z.literal(INDEX_VERSION),
  accounts: z.record(z.string(), IndexEntrySchema),
});
export type Index = z.infer<typeof IndexSchema>;

// ---- decoded views --------------------------------------------------------------------------

/** Times in epoch milliseconds from here on. */
export interface Snapshot {
  at: number;
  followers: Count | null;
  following: Count | null;
  posts: Count | null;
}

export interface PostObservationPoint {
  at: number;
  likes: Count | null;
  comments: Count | null;
  shares: Count | null;
  views: Count | null;
}

export interface CommentSample {
  text: string;
  author: string | null;
  at: number | null;
  byOwner: boolean;
}

export interface PostHistory {
  id: string;
  url: string;
  kind: PostKind | null;
  publishedAt: number | null;
  pinned: boolean;
  likesHidden: boolean;
  ad: boolean;
  giveaway: boolean;
  /** oldest first */
  observations: PostObservationPoint[];
  comments: CommentSample[];
}

export interface AccountHistory {
  key: AccountKey;
  platform: Platform;
  id: string;
  nativeId: string | null;
  handle: string | null;
  name: string | null;
  url: string;
  kind: 'user' | 'community' | null;
  isPrivate: boolean | null;
  firstSeen: number;
  lastSeen: number;
  /** oldest first */
  snapshots: Snapshot[];
  /** newest published first (unknown dates last) */
  posts: PostHistory[];
}
