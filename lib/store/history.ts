/**
 * Pure history logic: how observations become records, how records merge and shrink.
 * No storage and no browser API here; lib/store/store.ts does the reading and writing.
 *
 * Functions that take a record change it in place and return it (records come fresh from storage).
 */
import { type Count, countsAgree } from '../count';
import type { AccountKey } from '../keys';
import { accountKey } from '../keys';
import type { AccountObservation, CommentObservation, Platform, PostObservation } from '../model';
import { canonicalAccountUrl, canonicalPostUrl, isCanonicalPostUrl } from '../platforms';
import { clip, isGiveawayText } from '../text';
import {
  type AccountHistory,
  type AccountRecord,
  type CommentTuple,
  type ObsTuple,
  type PackedCount,
  POST_FLAGS,
  type PostHistory,
  type PostRecord,
  packCount,
  packKind,
  SCHEMA_VERSION,
  type SnapTuple,
  unpackCount,
  unpackKind,
} from './records';

export interface HistoryOptions {
  /** Identical readings closer than this merge into one (seconds). */
  mergeWindowSec: number;
  /** Observations kept per post (the first and the latest are always kept). */
  maxObservationsPerPost: number;
  /** Comments kept per post. */
  maxCommentsPerPost: number;
  /** Characters kept of each comment. */
  maxCommentLength: number;
  /**
   * Beyond this age, keep one snapshot a day; posts published before it keep only their first
   * observation and those after it (the last one always), and at most `oldPostComments` comments
   * of `oldCommentLength` characters (docs/storage.md, "Compaction").
   */
  compactAfterDays: number;
  /** Comments kept per post published more than compactAfterDays ago. */
  oldPostComments: number;
  /** Characters kept of each comment of such a post. */
  oldCommentLength: number;
  /** Beyond this age, history is removed; null keeps everything. */
  retentionDays: number | null;
}

export const DEFAULT_HISTORY_OPTIONS: HistoryOptions = {
  mergeWindowSec: 60 * 60,
  maxObservationsPerPost: 16,
  maxCommentsPerPost: 30,
  maxCommentLength: 300,
  compactAfterDays: 90,
  oldPostComments: 5,
  oldCommentLength: 100,
  retentionDays: null,
};

const DAY = 86_400;

export const toSec = (ms: number): number => Math.floor(ms / 1000);
export const isoToSec = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && ms >= 0 ? toSec(ms) : null;
};

// ---- packed counts ------------------------------------------------------------------------------

function samePacked(a: PackedCount, b: PackedCount): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

/** Two readings that could be the same number (either unknown counts as agreeing). */
function compatible(a: PackedCount, b: PackedCount): boolean {
  if (a === null || b === null) return true;
  const ca = unpackCount(a);
  const cb = unpackCount(b);
  return ca !== null && cb !== null && countsAgree(ca, cb);
}

/** The more precise of two agreeing readings. */
function sharper(a: PackedCount, b: PackedCount): PackedCount {
  if (a === null) return b;
  if (b === null) return a;
  if (typeof a === 'number') return a;
  if (typeof b === 'number') return b;
  return b[2] - b[1] < a[2] - a[1] ? b : a;
}

/**
 * Insert a reading [t, ...counts] into a time-ordered series. A reading within `window` seconds of
 * a neighbour whose counts agree merges into it (keeping the sharper value of each count) instead
 * of piling up. Returns true when the series changed.
 */
function insertReading<T extends [number, ...PackedCount[]]>(series: T[], reading: T, window: number): boolean {
  if (reading.slice(1).every((c) => c === null)) return false;
  let i = series.length;
  while (i > 0 && series[i - 1][0] > reading[0]) i--;
  for (const j of [i - 1, i]) {
    const near = series[j];
    if (!near || Math.abs(near[0] - reading[0]) > window) continue;
    if (!near.slice(1).every((c, k) => compatible(c as PackedCount, reading[k + 1] as PackedCount))) continue;
    let changed = false;
    for (let k = 1; k < near.length; k++) {
      const merged = sharper(near[k] as PackedCount, reading[k] as PackedCount);
      if (!samePacked(merged, near[k] as PackedCount)) {
        near[k] = merged;
        changed = true;
      }
    }
    return changed;
  }
  series.splice(i, 0, reading);
  return true;
}

// ---- records ------------------------------------------------------------------------------------

export function newRecord(platform: Platform, id: string, atSec: number): AccountRecord {
  return {
    v: SCHEMA_VERSION,
    platform,
    id,
    nativeId: null,
    handle: null,
    name: null,
    url: canonicalAccountUrl(platform, id),
    kind: null,
    priv: null,
    first: atSec,
    last: atSec,
    s: [],
    p: {},
  };
}

function touch(rec: AccountRecord, atSec: number): void {
  rec.first = Math.min(rec.first, atSec);
  rec.last = Math.max(rec.last, atSec);
}

/** Record what a page showed about an account at `atSec`. */
export function applyAccount(
  rec: AccountRecord,
  obs: AccountObservation,
  atSec: number,
  opts: HistoryOptions = DEFAULT_HISTORY_OPTIONS,
): AccountRecord {
  const newest = atSec >= rec.last;
  touch(rec, atSec);
  if (newest || rec.handle === null) rec.handle = obs.handle ?? rec.handle;
  if (newest || rec.name === null) rec.name = obs.name ?? rec.name;
  if (newest || rec.kind === null) rec.kind = obs.kind ?? rec.kind;
  if (newest || rec.priv === null) rec.priv = obs.isPrivate ?? rec.priv;
  rec.nativeId = obs.nativeId ?? rec.nativeId;
  if (newest) rec.url = obs.url;
  insertReading<SnapTuple>(rec.s, [atSec, packCount(obs.followers), packCount(obs.following), packCount(obs.posts)], opts.mergeWindowSec);
  return rec;
}

function packComment(c: CommentObservation, opts: HistoryOptions): CommentTuple {
  return [clip(c.text, opts.maxCommentLength), c.author ? clip(c.author, 100) : null, isoToSec(c.at), c.byOwner ? 1 : 0];
}

function mergeComments(existing: CommentTuple[] | undefined, incoming: CommentTuple[], max: number): CommentTuple[] | undefined {
  const out = existing ? [...existing] : [];
  const seen = new Set(out.map((c) => `${c[1]}\u0000${c[0]}`));
  for (const c of incoming) {
    const k = `${c[1]}\u0000${c[0]}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  const bounded = out.length > max ? out.slice(out.length - max) : out;
  return bounded.length ? bounded : undefined;
}

/** Drop middle observations until the series fits, each time the one whose loss leaves the smallest gap. */
function boundSeries(o: ObsTuple[], max: number): void {
  while (o.length > Math.max(2, max)) {
    let best = 1;
    let bestGap = Number.POSITIVE_INFINITY;
    for (let i = 1; i < o.length - 1; i++) {
      const gap = o[i + 1][0] - o[i - 1][0];
      if (gap < bestGap) {
        bestGap = gap;
        best = i;
      }
    }
    o.splice(best, 1);
  }
}

/** A time at exactly midnight UTC is taken as a date without time (Instagram meta tags). */
const isDateOnly = (sec: number) => sec % DAY === 0;

function mergePublished(existing: number | null, incoming: number | null): number | null {
  if (incoming === null) return existing;
  if (existing === null) return incoming;
  if (isDateOnly(incoming) && !isDateOnly(existing) && Math.abs(existing - incoming) <= 1.5 * DAY) return existing;
  return incoming;
}

function flagsOf(post: Pick<PostObservation, 'pinned' | 'likesHidden' | 'ad'>, giveaway: boolean): number {
  return (
    (post.pinned ? POST_FLAGS.pinned : 0) |
    (post.likesHidden ? POST_FLAGS.likesHidden : 0) |
    (post.ad ? POST_FLAGS.ad : 0) |
    (giveaway ? POST_FLAGS.giveaway : 0)
  );
}

/** Record what a page showed about one post of this account at `atSec`. */
export function applyPost(
  rec: AccountRecord,
  post: PostObservation,
  atSec: number,
  opts: HistoryOptions = DEFAULT_HISTORY_OPTIONS,
): AccountRecord {
  touch(rec, atSec);
  const existing: PostRecord | undefined = rec.p[post.id];
  const likes = post.likesHidden ? null : packCount(post.likes);
  const reading: ObsTuple = [atSec, likes, packCount(post.comments), packCount(post.shares), packCount(post.views)];
  const comments = post.commentsSample.map((c) => packComment(c, opts));
  const giveaway = isGiveawayText(post.caption) || Boolean(existing && existing.f & POST_FLAGS.giveaway);
  const kind = post.kind ?? unpackKind(existing?.k);
  const url = isCanonicalPostUrl(rec.platform, post.id, kind, post.url) ? undefined : post.url;
  if (!existing) {
    const fresh: PostRecord = { t: isoToSec(post.publishedAt), k: packKind(kind), f: flagsOf(post, giveaway), o: [reading] };
    if (url) fresh.u = url;
    if (comments.length) fresh.c = mergeComments(undefined, comments, opts.maxCommentsPerPost);
    rec.p[post.id] = fresh;
    return rec;
  }
  const lastSeen = existing.o[existing.o.length - 1][0];
  const newest = atSec >= lastSeen;
  if (newest) {
    existing.f = flagsOf(post, giveaway);
    if (url) existing.u = url;
    else delete existing.u;
  } else if (giveaway) {
    existing.f |= POST_FLAGS.giveaway;
  }
  existing.k = packKind(kind);
  existing.t = mergePublished(existing.t, isoToSec(post.publishedAt));
  if (insertReading<ObsTuple>(existing.o, reading, opts.mergeWindowSec)) boundSeries(existing.o, opts.maxObservationsPerPost);
  const merged = mergeComments(existing.c, comments, opts.maxCommentsPerPost);
  if (merged) existing.c = merged;
  return rec;
}

/** Keep the last reading of each UTC day among those older than `cutoff`. */
function thinDaily<T extends [number, ...unknown[]]>(series: T[], cutoff: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < series.length; i++) {
    const r = series[i];
    const next = series[i + 1];
    if (r[0] < cutoff && next && next[0] < cutoff && Math.floor(next[0] / DAY) === Math.floor(r[0] / DAY)) continue;
    out.push(r);
  }
  return out;
}

/**
 * Compaction: beyond `compactAfterDays`, one snapshot a day; a post published (or, date unknown,
 * first seen) before then keeps its first observation, every observation after the cutoff and the
 * last one; a post not seen since the cutoff keeps its newest `oldPostComments` comments cut to
 * `oldCommentLength` characters (a post read today keeps every comment read, however old the
 * post); beyond `retentionDays` (when set), nothing. Returns true when something was removed.
 *
 * What the metrics use of an old post stays: its latest reading (ER, reactions, comments per
 * likes), its first reading (when it was first seen; the age of a post without a date), and the
 * readings of the last `compactAfterDays` (a pinned post still seen every day); see docs/storage.md.
 */
export function compactRecord(rec: AccountRecord, nowSec: number, opts: HistoryOptions = DEFAULT_HISTORY_OPTIONS): boolean {
  const cutoff = nowSec - opts.compactAfterDays * DAY;
  const keepFrom = opts.retentionDays === null ? Number.NEGATIVE_INFINITY : nowSec - opts.retentionDays * DAY;
  const maxComments = opts.oldPostComments ?? DEFAULT_HISTORY_OPTIONS.oldPostComments;
  const commentLength = opts.oldCommentLength ?? DEFAULT_HISTORY_OPTIONS.oldCommentLength;
  let changed = false;
  const s = thinDaily(rec.s, cutoff).filter((r) => r[0] >= keepFrom);
  if (s.length !== rec.s.length) {
    rec.s = s;
    changed = true;
  }
  for (const [id, post] of Object.entries(rec.p)) {
    let o = thinDaily(post.o, cutoff).filter((r) => r[0] >= keepFrom);
    if (o.length === 0) {
      delete rec.p[id];
      changed = true;
      continue;
    }
    const old = (post.t ?? o[0][0]) < cutoff;
    if (old && o.length > 2) o = o.filter((r, i) => i === 0 || i === o.length - 1 || r[0] >= cutoff);
    if (o.length !== post.o.length) {
      post.o = o;
      changed = true;
    }
    const unseen = o[o.length - 1][0] < cutoff;
    if (unseen && post.c) {
      const c = post.c
        .slice(-maxComments)
        .map((x): CommentTuple => (x[0].length > commentLength ? [clip(x[0], commentLength), x[1], x[2], x[3]] : x));
      if (c.length !== post.c.length || c.some((x, i) => x !== post.c?.[post.c.length - c.length + i])) {
        post.c = c;
        changed = true;
      }
    }
  }
  return changed;
}

/**
 * Merge `incoming` into `base` (import, or two keys found to be one account). Readings at the same
 * time keep base's values where they disagree; nothing in base is lost.
 */
export function mergeRecords(base: AccountRecord, incoming: AccountRecord, opts: HistoryOptions = DEFAULT_HISTORY_OPTIONS): AccountRecord {
  const incomingNewer = incoming.last > base.last;
  for (const field of ['handle', 'name', 'kind', 'priv', 'nativeId'] as const) {
    if (base[field] === null || (incomingNewer && incoming[field] !== null)) (base as Record<string, unknown>)[field] = incoming[field];
  }
  if (incomingNewer) base.url = incoming.url;
  base.first = Math.min(base.first, incoming.first);
  base.last = Math.max(base.last, incoming.last);
  for (const snap of incoming.s) {
    if (!base.s.some((b) => b[0] === snap[0])) insertReading<SnapTuple>(base.s, [...snap] as SnapTuple, 0);
  }
  for (const [id, post] of Object.entries(incoming.p)) {
    const mine = base.p[id];
    if (!mine) {
      base.p[id] = structuredClone(post);
      continue;
    }
    const theirsNewer = post.o[post.o.length - 1][0] > mine.o[mine.o.length - 1][0];
    for (const o of post.o) {
      if (!mine.o.some((m) => m[0] === o[0])) insertReading<ObsTuple>(mine.o, [...o] as ObsTuple, 0);
    }
    boundSeries(mine.o, opts.maxObservationsPerPost);
    if (theirsNewer) {
      mine.f = post.f | (mine.f & POST_FLAGS.giveaway);
      if (post.u) mine.u = post.u;
    } else {
      mine.f |= post.f & POST_FLAGS.giveaway;
    }
    mine.k = mine.k ?? post.k;
    mine.t = mine.t ?? post.t;
    const c = mergeComments(mine.c, post.c ?? [], opts.maxCommentsPerPost);
    if (c) mine.c = c;
  }
  return base;
}

// ---- decoding -----------------------------------------------------------------------------------

const ms = (sec: number) => sec * 1000;

export function decodePost(platform: Platform, id: string, p: PostRecord): PostHistory {
  const kind = unpackKind(p.k);
  return {
    id,
    url: p.u ?? canonicalPostUrl(platform, id, kind),
    kind,
    publishedAt: p.t === null ? null : ms(p.t),
    pinned: Boolean(p.f & POST_FLAGS.pinned),
    likesHidden: Boolean(p.f & POST_FLAGS.likesHidden),
    ad: Boolean(p.f & POST_FLAGS.ad),
    giveaway: Boolean(p.f & POST_FLAGS.giveaway),
    observations: p.o.map(([at, l, c, s, v]) => ({
      at: ms(at),
      likes: unpackCount(l),
      comments: unpackCount(c),
      shares: unpackCount(s),
      views: unpackCount(v),
    })),
    comments: (p.c ?? []).map(([text, author, at, owner]) => ({ text, author, at: at === null ? null : ms(at), byOwner: owner === 1 })),
  };
}

export function decodeRecord(rec: AccountRecord): AccountHistory {
  const posts = Object.entries(rec.p).map(([id, p]) => decodePost(rec.platform, id, p));
  posts.sort((a, b) => (b.publishedAt ?? Number.NEGATIVE_INFINITY) - (a.publishedAt ?? Number.NEGATIVE_INFINITY));
  return {
    key: accountKey(rec.platform, rec.id),
    platform: rec.platform,
    id: rec.id,
    nativeId: rec.nativeId,
    handle: rec.handle,
    name: rec.name,
    url: rec.url,
    kind: rec.kind,
    isPrivate: rec.priv,
    firstSeen: ms(rec.first),
    lastSeen: ms(rec.last),
    snapshots: rec.s.map(([at, f, g, p]) => ({
      at: ms(at),
      followers: unpackCount(f),
      following: unpackCount(g),
      posts: unpackCount(p),
    })),
    posts,
  };
}

/** The latest known value of each counter (each from the newest snapshot that has it). */
export function latestCounts(rec: AccountRecord): {
  followers: Count | null;
  following: Count | null;
  posts: Count | null;
  at: number | null;
} {
  const out = { followers: null as Count | null, following: null as Count | null, posts: null as Count | null, at: null as number | null };
  for (let i = rec.s.length - 1; i >= 0; i--) {
    const [at, f, g, p] = rec.s[i];
    if (out.at === null) out.at = ms(at);
    if (out.followers === null) out.followers = unpackCount(f);
    if (out.following === null) out.following = unpackCount(g);
    if (out.posts === null) out.posts = unpackCount(p);
    if (out.followers && out.following && out.posts) break;
  }
  return out;
}

export function keyOf(rec: AccountRecord): AccountKey {
  return accountKey(rec.platform, rec.id);
}
