/**
 * Store layout, schema 5: how one account's history is split across storage keys. Pure: no
 * storage calls here (lib/store/store.ts reads and writes), so the benchmark's generator and the
 * tests use the same functions.
 *
 *   acct:<key>                the head: identity, first and last seen, snapshots, and the list of
 *                             post chunks with their post count and stored size
 *   posts:<key>:r             the newest posts: published at or after the head's cutoff r
 *                             (recentCutoff), what an ingest of a page's newest posts reads and writes
 *   posts:<key>:<YYYY>        the older posts published in that year (UTC); "x" for an unknown date
 *   idx:<key>                 the account's index entry (lib/store/records.ts IndexEntry)
 *   index                     { v: 3, a: { <key>: handle } }: which accounts exist (VK screen
 *                             names resolve through it); rewritten only when an account is added,
 *                             renamed or removed
 *
 * Values are written as JSON strings (storage.local.set of a string costs about a fifth of the
 * same data as an object in Chrome; docs/PERFORMANCE.md); objects are read too (schema 2 and
 * hand-written values). Heads and chunks of more than PACK_FROM characters are packed: deflated
 * (fflate) and base64-encoded behind the prefix `z1:` (a JSON text never starts with `z`), about
 * 2.3 times smaller; `decode` reads both forms. An ingest reads and writes the head, the chunks of the posts it saw (the
 * newest posts: the current year's chunk) and the idx entry, never the whole history.
 *
 * Chunks are by year, not by month as in schema 3: Chrome's storage.local.set costs more the more
 * keys the extension's storage holds (not the more bytes), so 4-5 keys per account instead of ~27
 * make every ingest's one write cheaper (docs/storage.md). Schema 3's heads (v: 3, monthly chunk
 * names) are still read, with all their chunks, and written back by year (lib/store/migrations.ts).
 *
 * A post lives in the chunk of its published year. The chunks to look a post up in are those of
 * its published year and of the two days around it (a date-only time may move by a day), and the
 * undated chunk; a post seen once without a date and once with one can end up in two chunks: the
 * two copies are merged when the account is read (assemble), and written back as one.
 */
import { type DeflateOptions, deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { mergeRecords } from './history';
import {
  type AccountRecord,
  accountRecordShape,
  type IndexEntry,
  type PostRecord,
  PostRecordSchema,
  RECORD_PREFIX,
  SCHEMA_VERSION,
} from './records';

export const POSTS_PREFIX = 'posts:';
export const IDX_PREFIX = 'idx:';
export const UNDATED = 'x';
/** The chunk of the account's newest posts (published at or after the head's `r`): what an ingest reads and writes. */
export const RECENT = 'r';
/** A full write moves the cutoff when the recent chunk holds more posts than RECENT_MAX, leaving the RECENT_KEEP newest there. */
export const RECENT_KEEP = 16;
export const RECENT_MAX = 32;
export const LIST_VERSION = 3;

/** Chunk names: the year, r (the newest posts) or x (schema 4: the year or x; schema 3: the month, YYYY-MM, or x). */
export const CHUNK_NAME = /^(\d{4}|x|r)$/;
const ChunkNameSchema = z.string().regex(CHUNK_NAME);
const ChunkNameV4Schema = z.string().regex(/^(\d{4}|x)$/);
const ChunkNameV3Schema = z.string().regex(/^(\d{4}-\d{2}|x)$/);
/** Schema 3's heads and chunks carry v: 3, schema 4's v: 4; their fields are those of schema 5 (but `r`). */
export const V3 = 3;
export const V4 = 4;
const { p: _posts, ...headShape } = accountRecordShape;

export const HeadSchema = z.object({
  v: z.literal(SCHEMA_VERSION),
  ...headShape,
  /** the recent chunk's cutoff (Unix seconds): posts published at or after it are in chunk r; null: no chunk r */
  r: z.number().int().nonnegative().max(1e11).nullable(),
  /** post chunks: name -> [posts, bytes as stored] */
  c: z.record(ChunkNameSchema, z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
});
export type Head = z.infer<typeof HeadSchema>;

/** A head as schema 4 wrote it: chunks by year and x, no recent chunk (read as a head of schema 5 with r: null). */
export const HeadV4Schema = z.object({
  v: z.literal(V4),
  ...headShape,
  c: z.record(ChunkNameV4Schema, z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
});

/** A stored head of schema 4 or 5, validated, as a head of schema 5. */
export function parseHead(value: unknown): { success: true; data: Head } | { success: false; error: z.ZodError } {
  if ((value as { v?: unknown } | null)?.v === V4) {
    const r = HeadV4Schema.safeParse(value);
    return r.success ? { success: true, data: { ...r.data, v: SCHEMA_VERSION, r: null } } : r;
  }
  return HeadSchema.safeParse(value);
}

/** A head as schema 3 wrote it: the same fields, chunks by month. */
export const HeadV3Schema = z.object({
  v: z.literal(V3),
  ...headShape,
  c: z.record(ChunkNameV3Schema, z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
});
export type HeadV3 = z.infer<typeof HeadV3Schema>;

/** A chunk: the same in schema 3 (a month's posts), 4 (a year's) and 5 (a year's, or the newest posts), only `v` differs. */
export const ChunkSchema = z.object({
  v: z.union([z.literal(V3), z.literal(V4), z.literal(SCHEMA_VERSION)]),
  p: z.record(z.string().max(100), PostRecordSchema),
});
export type Chunk = z.infer<typeof ChunkSchema>;

/** The account list: key -> handle (or null). */
export const AccountListSchema = z.object({
  v: z.literal(LIST_VERSION),
  a: z.record(z.string().max(200), z.string().max(100).nullable()),
});
export type AccountList = z.infer<typeof AccountListSchema>;

export const headKey = (key: string) => `${RECORD_PREFIX}${key}`;
export const idxKey = (key: string) => `${IDX_PREFIX}${key}`;
export const chunkKey = (key: string, name: string) => `${POSTS_PREFIX}${key}:${name}`;
/** [account key, chunk name] of a chunk's storage key */
export function parseChunkKey(storageKey: string): [string, string] | null {
  if (!storageKey.startsWith(POSTS_PREFIX)) return null;
  const rest = storageKey.slice(POSTS_PREFIX.length);
  const i = rest.lastIndexOf(':');
  return i > 0 ? [rest.slice(0, i), rest.slice(i + 1)] : null;
}

const DAY = 86_400;
/** The chunk a post published at `t` (Unix seconds) belongs to: r from the cutoff `r` on, else its year (UTC); or x. */
export function chunkOf(t: number | null, r: number | null = null): string {
  if (t === null) return UNDATED;
  if (r !== null && t >= r) return RECENT;
  // an ingest asks this of every post it holds, a few times: the last year found answers without a Date
  if (t >= lastYear.from && t < lastYear.to) return lastYear.name;
  const y = new Date(t * 1000).getUTCFullYear();
  lastYear = { from: Date.UTC(y, 0, 1) / 1000, to: Date.UTC(y + 1, 0, 1) / 1000, name: String(y) };
  return lastYear.name;
}
let lastYear = { from: 0, to: 0, name: '' };

/** The chunks a post observed with this published time may already be stored in (`r`: the head's cutoff). */
export function candidateChunks(t: number | null, r: number | null = null): string[] {
  const out = new Set([UNDATED]);
  if (t !== null) for (const d of [-2 * DAY, 0, 2 * DAY]) out.add(chunkOf(t + d, r));
  return [...out];
}

/**
 * The recent chunk's cutoff for a record written whole: the one it has (`prev`) while the recent
 * chunk holds at most RECENT_MAX posts, else the published time of the RECENT_KEEP-th newest post
 * (the oldest one when there are fewer); null without dated posts. It only moves forward, and only
 * when the whole account is written (after an ingest, import, migration), so an ingest finds the
 * newest posts of a page in chunk r and never rewrites a year's chunk for them.
 */
export function recentCutoff(rec: AccountRecord, prev: number | null): number | null {
  const ts: number[] = [];
  for (const post of Object.values(rec.p)) if (post.t !== null) ts.push(post.t);
  if (!ts.length) return prev;
  if (prev !== null && ts.filter((t) => t >= prev).length <= RECENT_MAX) return prev;
  ts.sort((a, b) => b - a);
  return ts[Math.min(RECENT_KEEP, ts.length) - 1];
}

const encoder = new TextEncoder();
/** What a value is written as. */
export const encode = (value: unknown): string => JSON.stringify(value);
/** Bytes a stored string takes (UTF-8 of its JSON, as storage.local counts it). */
export const storedBytes = (s: string): number => encoder.encode(JSON.stringify(s)).length;
/** Prefix of a packed value: deflate (raw zlib stream) of the JSON text's UTF-8, in base64. */
export const PACKED = 'z1:';
/** Heads and chunks shorter than this stay plain JSON (packing would save little). */
export const PACK_FROM = 512;

/** Native base64 of typed arrays (Chrome 140+, Firefox 133+): about 25 times faster than btoa of a binary string. */
type Base64Native = { toBase64?: (this: Uint8Array) => string };
const nativeToBase64 = (Uint8Array.prototype as Base64Native).toBase64;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64?.bind(Uint8Array);

function toBase64(bytes: Uint8Array): string {
  if (nativeToBase64) return nativeToBase64.call(bytes);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function fromBase64(text: string): Uint8Array {
  if (nativeFromBase64) return nativeFromBase64(text);
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Deflate levels. A head (mostly snapshot tuples of numbers) packs as small at level 1 as at 9,
 * in less than half the time, and it is rewritten by every ingest. A year's chunk (about 60 KB of
 * JSON on the benchmark's accounts, rewritten by every ingest of its posts) packs in about 2.1 ms
 * at level 1 against 2.8 at 6 and 2.9 at 9, 6 % larger (24.2 KiB against 22.8); the store stays
 * within its 30 KiB per account and year (docs/storage.md). Any level reads back the same (`unpack`).
 */
export const HEAD_LEVEL = 1;
export const CHUNK_LEVEL = 1;

/** A JSON text as written for a head or a chunk: packed when long. */
export function pack(text: string, level: NonNullable<DeflateOptions['level']> = CHUNK_LEVEL): string {
  if (text.length < PACK_FROM) return text;
  return PACKED + toBase64(deflateSync(strToU8(text), { level }));
}

/** The JSON text of a stored string, packed or not (throws on a damaged packed value). */
export function unpack(text: string): string {
  return text.startsWith(PACKED) ? strFromU8(inflateSync(fromBase64(text.slice(PACKED.length)))) : text;
}

/** A stored value as data: JSON strings (packed or not) parsed, throwing on a damaged one; objects as they are. */
export function decode(raw: unknown): unknown {
  return typeof raw === 'string' ? JSON.parse(unpack(raw)) : raw;
}

/** A stored head value that is a whole record of an older schema (1 or 2) rather than a head (of schema 3, 4 or 5). */
export function isWholeRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const v = (value as { v?: unknown }).v;
  return (v !== SCHEMA_VERSION && v !== V4 && v !== V3) || 'p' in value;
}

/** A stored head value written by schema 4 (chunks by year, no recent chunk): read as it is, written back with one. */
export function isHeadV4(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { v?: unknown }).v === V4 && !('p' in value);
}

/** A stored head value written by schema 3 (chunks by month): read with all its chunks, written back by year. */
export function isHeadV3(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { v?: unknown }).v === V3 && !('p' in value);
}

/** Group posts by chunk (`r`: the recent chunk's cutoff). */
export function splitPosts(p: Record<string, PostRecord>, r: number | null = null): Map<string, Record<string, PostRecord>> {
  const out = new Map<string, Record<string, PostRecord>>();
  for (const [id, post] of Object.entries(p)) {
    const name = chunkOf(post.t, r);
    let chunk = out.get(name);
    if (!chunk) {
      chunk = {};
      out.set(name, chunk);
    }
    chunk[id] = post;
  }
  return out;
}

export function headOf(rec: AccountRecord, c: Head['c'], r: number | null = null): Head {
  const { p: _p, ...rest } = rec;
  return { ...rest, v: SCHEMA_VERSION, r, c };
}

/** The record of a head and the posts of some (or all) of its chunks; a post found twice is merged. */
export function assemble(head: Omit<Head, 'r'> & { r?: number | null }, chunks: Array<Record<string, PostRecord>>): AccountRecord {
  const { c: _c, r: _r, ...rest } = head;
  const rec: AccountRecord = { ...rest, s: head.s, p: {} };
  for (const posts of chunks) {
    for (const [id, post] of Object.entries(posts)) {
      if (!rec.p[id]) rec.p[id] = post;
      else mergeRecords(rec, { ...rec, s: [], p: { [id]: post } });
    }
  }
  return rec;
}

/** Everything an account takes in storage, encoded: head, chunks and the sizes. */
export interface EncodedAccount {
  head: Head;
  headText: string;
  chunks: Map<string, string>;
  /** each chunk's JSON text before packing */
  chunkJson: Map<string, string>;
  bytes: number;
  posts: number;
}

/**
 * The chunks this worker wrote last, by storage key: the stored text and the JSON it was packed
 * from. An infinite scroll stores the same account every few hundred ms, and its current year's
 * chunk is tens of KB: read back, a chunk whose stored text is exactly the one written here is
 * parsed from that JSON without inflating and validating it again (it was built from validated
 * data). Any other text (another writer, an import, a failed write) is read and validated as usual.
 */
const written = new Map<string, { text: string; json: string }>();
const WRITTEN_MAX = 16;

export function rememberWritten(storageKey: string, text: string, json: string): void {
  written.delete(storageKey);
  written.set(storageKey, { text, json });
  if (written.size > WRITTEN_MAX) written.delete(written.keys().next().value as string);
}

/** The JSON of a chunk whose stored value is the text written here last, else null. */
export function writtenJson(storageKey: string, stored: unknown): string | null {
  const w = written.get(storageKey);
  return w && w.text === stored ? w.json : null;
}

/**
 * Encode a record for storage. `only` limits the chunks written to these names (the others are
 * kept as the head lists them in `prev`); without it every chunk is written. `r`: the recent
 * chunk's cutoff (by default, chosen anew: recentCutoff).
 */
export function encodeAccount(
  rec: AccountRecord,
  prev: Head['c'] = {},
  only?: Set<string>,
  r: number | null = recentCutoff(rec, null),
): EncodedAccount {
  const groups = splitPosts(rec.p, r);
  const c: Head['c'] = {};
  const chunks = new Map<string, string>();
  const chunkJson = new Map<string, string>();
  if (only) for (const [name, v] of Object.entries(prev)) if (!only.has(name)) c[name] = v;
  for (const [name, posts] of groups) {
    if (only && !only.has(name)) continue;
    const json = encode({ v: SCHEMA_VERSION, p: posts } satisfies Chunk);
    const text = pack(json);
    chunks.set(name, text);
    chunkJson.set(name, json);
    c[name] = [Object.keys(posts).length, storedBytes(text)];
  }
  const sorted: Head['c'] = {};
  for (const name of Object.keys(c).sort()) sorted[name] = c[name];
  const head = headOf(rec, sorted, r);
  const headText = pack(encode(head), HEAD_LEVEL);
  let bytes = storedBytes(headText);
  let posts = 0;
  for (const [n, b] of Object.values(sorted)) {
    posts += n;
    bytes += b;
  }
  return { head, headText, chunks, chunkJson, bytes, posts };
}

/**
 * The posts of the stored chunks `stored` (name, posts) that belong to a head: for a head of
 * schema 4 the chunks by year (and x); monthly chunks left next to it by an interrupted migration
 * are copies of what its yearly chunks hold, and are left out. A head of schema 3 takes them all.
 */
export function chunksOfHead(head: { v: number }, stored: Array<[string, Record<string, PostRecord>]>): Array<Record<string, PostRecord>> {
  return stored.filter(([name]) => head.v === V3 || CHUNK_NAME.test(name)).map(([, p]) => p);
}

/**
 * Local storage as the tests read it: every account's head replaced by its whole record (head
 * and all its chunks assembled, schema 2's shape with the head's `v`), values decoded; chunks and
 * idx entries left out. Damaged values are kept as they are. For tests and tools, not the extension.
 */
export function readableStore(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const chunksOf = new Map<string, Array<[string, Record<string, PostRecord>]>>();
  for (const [k, v] of Object.entries(raw)) {
    const parsed = parseChunkKey(k);
    if (!parsed) continue;
    try {
      const chunk = ChunkSchema.parse(decode(v));
      chunksOf.set(parsed[0], [...(chunksOf.get(parsed[0]) ?? []), [parsed[1], chunk.p]]);
    } catch {
      // a damaged chunk: left out
    }
  }
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith(POSTS_PREFIX) || k.startsWith(IDX_PREFIX)) continue;
    let value: unknown = v;
    try {
      value = decode(v);
    } catch {
      out[k] = v;
      continue;
    }
    if (k.startsWith(RECORD_PREFIX) && !isWholeRecord(value)) {
      const head = isHeadV3(value) ? HeadV3Schema.safeParse(value) : parseHead(value);
      if (head.success) {
        const key = k.slice(RECORD_PREFIX.length);
        const names = new Set(Object.keys(head.data.c));
        const chunks = chunksOfHead(head.data, chunksOf.get(key) ?? []).filter(() => names.size > 0);
        value = { ...assemble({ ...head.data, v: SCHEMA_VERSION, c: {} }, chunks), v: (value as { v: number }).v };
      }
    }
    out[k] = value;
  }
  return out;
}

export type { IndexEntry };
