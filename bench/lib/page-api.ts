/**
 * What the benchmark's extension page (entrypoints/bench, built only with SMM_BENCH=1) exposes to
 * the harness as `window.smmBench`: fill the real extension storage with a big generated store
 * through the store's own import path, and time single ingests through the background's own
 * handler (lib/background/ingest.ts: zod validation, then lib/store/store.ts ingestReport), all
 * against chrome.storage.local of the browser profile.
 */
import { handleIngest } from '../../lib/background/ingest';
import { exactCount } from '../../lib/count';
import { safeSummarize } from '../../lib/dashboard/summary';
import type { PageReportInput, PostObservationInput } from '../../lib/model';
import { decodeRecord } from '../../lib/store/history';
import {
  AccountListSchema,
  CHUNK_LEVEL,
  ChunkSchema,
  candidateChunks,
  chunkKey,
  chunkOf,
  decode,
  HEAD_LEVEL,
  HeadSchema,
  headKey,
  idxKey,
  pack,
  unpack,
} from '../../lib/store/layout';
import { IndexEntrySchema, unpackCount } from '../../lib/store/records';
import { getRecords, listAccounts, mergeIntoStore, runMaintenance } from '../../lib/store/store';
import { accountSpecs, type GenerateOptions, generateRecord } from './generate';

export interface GenerateResult {
  accounts: number;
  generateMs: number;
  writeMs: number;
  /** bytes each account takes as stored (head, post chunks; UTF-8 of the stored JSON strings) */
  recordBytes: number[];
  posts: number;
  snapshots: number;
  observations: number;
  comments: number;
}

export interface IngestTiming {
  ms: number;
  ok: boolean;
  error?: string;
  posts: number;
}

export interface StorageUsage {
  /** accounts whose index entry has no summary (the dashboard computes those on opening) */
  withoutSummary?: number;
  /** ms listAccounts took in this page (the dashboard's first read) */
  listMs?: number;
  bytesInUse: number;
  indexBytes: number;
  accounts: number;
  recordBytes: number;
}

export type IngestKind = 'visit' | 'account' | 'post';

const encoder = new TextEncoder();
const bytesOf = (v: unknown) => encoder.encode(JSON.stringify(v)).length;

let specsCache: ReturnType<typeof accountSpecs> = [];

async function generate(opts: GenerateOptions & { chunk?: number }): Promise<GenerateResult> {
  const specs = accountSpecs(opts);
  specsCache = specs;
  const chunk = opts.chunk ?? 25;
  const out: GenerateResult = {
    accounts: specs.length,
    generateMs: 0,
    writeMs: 0,
    recordBytes: [],
    posts: 0,
    snapshots: 0,
    observations: 0,
    comments: 0,
  };
  for (let i = 0; i < specs.length; i += chunk) {
    const t0 = performance.now();
    const records = specs.slice(i, i + chunk).map((spec, j) => generateRecord(spec, i + j, opts));
    const t1 = performance.now();
    await mergeIntoStore(records);
    out.writeMs += performance.now() - t1;
    out.generateMs += t1 - t0;
    for (const rec of records) {
      out.snapshots += rec.s.length;
      for (const p of Object.values(rec.p)) {
        out.posts++;
        out.observations += p.o.length;
        out.comments += p.c?.length ?? 0;
      }
    }
  }
  // as stored: after the store's own compaction (lib/store/history.ts compactRecord)
  for (const e of await listAccounts()) out.recordBytes.push(e.bytes);
  return out;
}

/** A report of what a page showed about account `index` at `now`: a profile visit, its counters only, or one post. */
async function reportFor(index: number, kind: IngestKind, now: number): Promise<PageReportInput> {
  const spec = specsCache[index % specsCache.length];
  const [rec] = await getRecords([`${spec.platform}:${spec.id}`]);
  if (!rec) throw new Error(`no stored record for ${spec.platform}:${spec.id}`);
  const last = rec.s[rec.s.length - 1];
  const grow = (c: unknown, f: number) => {
    const n = unpackCount(c as never)?.value;
    return n === undefined ? null : exactCount(Math.round(n * f));
  };
  const account = {
    platform: rec.platform,
    id: rec.id,
    nativeId: rec.nativeId,
    handle: rec.handle,
    name: rec.name,
    url: rec.url,
    kind: rec.kind,
    followers: grow(last?.[1] ?? null, 1.001),
    following: grow(last?.[2] ?? null, 1),
    posts: grow(last?.[3] ?? null, 1),
    isPrivate: rec.priv,
  };
  const newest = Object.entries(rec.p)
    .sort((a, b) => (b[1].t ?? 0) - (a[1].t ?? 0))
    .slice(0, kind === 'visit' ? (rec.platform === 'instagram' ? 12 : 10) : kind === 'post' ? 1 : 0);
  const posts: PostObservationInput[] = newest.map(([id, p]) => {
    const o = p.o[p.o.length - 1];
    const kindName = ({ p: 'photo', c: 'carousel', r: 'reel', v: 'video', t: 'text', o: 'other' } as const)[p.k ?? 'o'] ?? null;
    return {
      platform: rec.platform,
      id,
      url: rec.platform === 'instagram' ? `https://www.instagram.com/${p.k === 'r' ? 'reel' : 'p'}/${id}/` : `https://vk.com/wall${id}`,
      authorId: rec.id,
      authorHandle: rec.handle,
      authorName: rec.name,
      publishedAt: p.t === null ? null : new Date(p.t * 1000).toISOString(),
      kind: kindName,
      likes: grow(o[1], 1.02),
      comments: grow(o[2], 1.02),
      shares: grow(o[3], 1.02),
      views: grow(o[4], 1.05),
      pinned: false,
      likesHidden: false,
      ad: false,
      caption: null,
      commentsSample: [],
    };
  });
  return {
    url: rec.url,
    pageKind: kind === 'post' ? 'post' : 'profile',
    observedAt: new Date(now).toISOString(),
    account: kind === 'post' ? null : account,
    posts,
  };
}

const prepared = new Map<string, PageReportInput>();

/**
 * Build the reports before timing them (reading each record costs a storage read that must not
 * warm the timed one: the reports of a series are prepared first, all of them, then ingested).
 */
async function prepare(indices: number[], kind: IngestKind): Promise<void> {
  for (const i of indices) prepared.set(`${kind}:${i}`, await reportFor(i, kind, Date.now()));
}

/** Time one ingest through the background's handler (validation + store), as a content script's report. */
async function ingest(index: number, kind: IngestKind): Promise<IngestTiming> {
  const ready = prepared.get(`${kind}:${index}`);
  prepared.delete(`${kind}:${index}`);
  const report = ready ? { ...ready, observedAt: new Date().toISOString() } : await reportFor(index, kind, Date.now());
  const sender = { id: chrome.runtime.id, url: report.url, tab: { id: 1 } };
  const t0 = performance.now();
  const reply = await handleIngest(report, sender);
  const ms = performance.now() - t0;
  return { ms, ok: reply.ok, error: reply.ok ? undefined : `${reply.error}: ${reply.message}`, posts: report.posts.length };
}

/**
 * What one ingest is made of, step by step, for account `index` (each step timed on its own, in
 * the order ingestReport does them, store layout 4: account list, head, the newest posts' chunk (a year's posts),
 * index entry). Writes back what it read (the store is unchanged).
 */
async function breakdown(at: number): Promise<Record<string, number>> {
  const spec = specsCache[at % specsCache.length];
  const key = `${spec.platform}:${spec.id}`;
  const t: Record<string, number> = {};
  const time = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const v = await fn();
    t[name] = (t[name] ?? 0) + performance.now() - t0;
    return v;
  };
  const list = (await time('get account list', () => chrome.storage.local.get('index'))).index as string;
  await time('parse + validate account list (zod)', () => AccountListSchema.parse(JSON.parse(list)));
  const headText = (await time('get head', () => chrome.storage.local.get(headKey(key))))[headKey(key)] as string;
  const head = await time('unpack, parse + validate head (zod)', () => HeadSchema.parse(decode(headText)));
  // the newest dated chunk (the current year's: where an ingest's newest posts go), else the undated one
  const newest =
    Object.keys(head.c)
      .filter((n) => n !== chunkOf(null))
      .sort()
      .at(-1) ?? chunkOf(null);
  const ck = chunkKey(key, newest);
  const chunkText = (await time('get newest chunk', () => chrome.storage.local.get(ck)))[ck] as string;
  await time('unpack, parse + validate chunk (zod)', () => ChunkSchema.parse(decode(chunkText)));
  const idxText = (await chrome.storage.local.get(idxKey(key)))[idxKey(key)] as string;
  await time('parse + validate index entry (zod)', () => IndexEntrySchema.parse(JSON.parse(idxText)));
  // as the ingest reads since issue #8: settings, head and the newest post's candidate chunks in one call
  const newestAt = Date.parse(`${newest}-07-01T12:00:00Z`) / 1000;
  await time('one get: settings + head + chunk candidates (as the ingest reads)', () =>
    chrome.storage.local.get([
      'settings',
      headKey(key),
      ...candidateChunks(Number.isFinite(newestAt) ? newestAt : null).map((n) => chunkKey(key, n)),
    ]),
  );
  const [headJson, chunkJson] = [unpack(headText), unpack(chunkText)];
  await time(`pack head (deflate level ${HEAD_LEVEL})`, () => pack(headJson, HEAD_LEVEL));
  await time('pack head (deflate level 9, as before issue #8)', () => pack(headJson, 9));
  await time(`pack newest chunk (deflate level ${CHUNK_LEVEL})`, () => pack(chunkJson, CHUNK_LEVEL));
  for (const level of [1, 6, 9] as const) {
    if (level === CHUNK_LEVEL) continue;
    const packed = await time(`pack newest chunk (deflate level ${level}, for comparison)`, () => pack(chunkJson, level));
    t[`newest chunk bytes at level ${level}`] = packed.length;
  }
  await time('set head + chunk + index entry (JSON strings)', () =>
    chrome.storage.local.set({ [headKey(key)]: headText, [ck]: chunkText, [idxKey(key)]: idxText }),
  );
  const [rec] = await getRecords([key]);
  await time('summary (decode + analyzeAccount; deferred, not in the ingest)', () => safeSummarize(decodeRecord(rec), 12));
  t['head bytes'] = headText.length;
  t['newest chunk bytes'] = chunkText.length;
  t['account list bytes'] = list.length;
  t.chunks = Object.keys(head.c).length;
  return t;
}

async function usage(): Promise<StorageUsage> {
  const t0 = performance.now();
  const accounts = await listAccounts();
  const listMs = performance.now() - t0;
  const index = await chrome.storage.local.get('index');
  const idx = await chrome.storage.local.get(accounts.map((a) => idxKey(a.key)));
  return {
    withoutSummary: accounts.filter((a) => !a.sum).length,
    listMs,
    bytesInUse: await chrome.storage.local.getBytesInUse(null),
    // the account list and every account's index entry
    indexBytes: bytesOf(index.index ?? null) + Object.values(idx).reduce((n: number, v) => n + bytesOf(v), 0),
    accounts: accounts.length,
    recordBytes: accounts.reduce((n, a) => n + a.bytes, 0),
  };
}

export function exposeBench(): void {
  Object.assign(globalThis, {
    smmBench: {
      generate,
      prepare,
      ingest,
      breakdown,
      usage,
      // what the background does a few seconds after ingests (summaries, thinning), done now
      settle: () => runMaintenance({ force: true }),
      clear: () => chrome.storage.local.clear(),
      ready: true,
    },
  });
}
