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
import { compactRecord, decodeRecord } from '../../lib/store/history';
import { migrateRecord } from '../../lib/store/migrations';
import { IndexSchema, unpackCount } from '../../lib/store/records';
import { getRecords, listAccounts, mergeIntoStore } from '../../lib/store/store';
import { accountSpecs, type GenerateOptions, generateRecord } from './generate';

export interface GenerateResult {
  accounts: number;
  generateMs: number;
  writeMs: number;
  /** UTF-8 JSON bytes of each record as stored */
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
      out.recordBytes.push(bytesOf(rec));
      out.snapshots += rec.s.length;
      for (const p of Object.values(rec.p)) {
        out.posts++;
        out.observations += p.o.length;
        out.comments += p.c?.length ?? 0;
      }
    }
  }
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
 * the order ingestReport does them), and what the same storage calls cost with the values as JSON
 * strings instead of objects. Writes back what it read (the store is unchanged).
 */
async function breakdown(at: number): Promise<Record<string, number>> {
  const spec = specsCache[at % specsCache.length];
  const key = `acct:${spec.platform}:${spec.id}`;
  const t: Record<string, number> = {};
  const time = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const v = await fn();
    t[name] = (t[name] ?? 0) + performance.now() - t0;
    return v;
  };
  const rawIndex = (await time('get index', () => chrome.storage.local.get('index'))).index;
  const index = await time('validate index (zod)', () => IndexSchema.parse(rawIndex));
  const raw = (await time('get record', () => chrome.storage.local.get(key)))[key];
  const result = await time('validate record (zod)', () => migrateRecord(raw));
  if (!result.ok) throw new Error(result.error);
  const rec = result.record;
  await time('compact record', () => compactRecord(rec, Math.floor(Date.now() / 1000)));
  const json = await time('JSON.stringify record (byteSize)', () => JSON.stringify(rec));
  await time('summary (decode + analyzeAccount)', () => safeSummarize(decodeRecord(rec), 12));
  await time('set record + index (objects)', () => chrome.storage.local.set({ [key]: rec, index }));
  await time('set record alone (object)', () => chrome.storage.local.set({ [key]: rec }));
  await time('set index alone (object)', () => chrome.storage.local.set({ index }));
  const indexJson = await time('JSON.stringify index', () => JSON.stringify(index));
  const probe = `bench-probe:${key}`;
  await time('set record + index as JSON strings', () => chrome.storage.local.set({ [probe]: json, 'bench-probe:index': indexJson }));
  const back = await time('get record as JSON string', () => chrome.storage.local.get(probe));
  await time('JSON.parse record', () => JSON.parse(back[probe] as string));
  await chrome.storage.local.remove([probe, 'bench-probe:index']);
  t['record bytes'] = json.length;
  t['index bytes'] = indexJson.length;
  return t;
}

async function usage(): Promise<StorageUsage> {
  const accounts = await listAccounts();
  const index = await chrome.storage.local.get('index');
  return {
    bytesInUse: await chrome.storage.local.getBytesInUse(null),
    indexBytes: bytesOf(index.index ?? null),
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
      clear: () => chrome.storage.local.clear(),
      ready: true,
    },
  });
}
