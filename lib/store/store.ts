/**
 * The history store: reads and writes account records in browser.storage.local.
 *
 * - Every write runs under `withStoreLock` (serialized across the worker and extension pages).
 * - A report is acknowledged only after its data is written: nothing that matters lives only in
 *   service-worker memory.
 * - A record that fails validation on read is copied to `quarantine:<key>:<time>`, reported, and
 *   never deleted; the account starts a fresh record and the rest keeps working.
 * - When a write fails (storage full), the error is thrown as a StoreError, remembered for the
 *   popup and dashboard, and the stored data stays as it was.
 */
import { storage } from '@wxt-dev/storage';
import { safeSummarize } from '../dashboard/summary';
import { type AccountKey, accountKey, type PageReport, type Platform, type PostObservation } from '../model';
import { DEFAULT_SETTINGS, getSettings, historyOptions } from '../settings';
import {
  applyAccount,
  applyPost,
  compactRecord,
  decodeRecord,
  type HistoryOptions,
  keyOf,
  latestCounts,
  mergeRecords,
  newRecord,
  toSec,
} from './history';
import { withStoreLock } from './lock';
import { migrateRecord } from './migrations';
import {
  type AccountHistory,
  type AccountRecord,
  INDEX_KEY,
  INDEX_VERSION,
  type Index,
  type IndexEntry,
  IndexSchema,
  META_KEY,
  packCount,
  QUARANTINE_PREFIX,
  RECORD_PREFIX,
  recordKey,
  SCHEMA_VERSION,
  type Summary,
} from './records';

export type StoreErrorCode = 'quota' | 'write' | 'read';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface StoreProblem {
  code: StoreErrorCode;
  message: string;
  at: number;
}

export interface QuarantinedRecord {
  storageKey: string;
  accountKey: string;
  at: number;
  reason: string;
}

const local = (key: string) => `local:${key}` as const;
const encoder = new TextEncoder();
export const byteSize = (value: unknown): number => encoder.encode(JSON.stringify(value)).length;

function classify(e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return /quota|QUOTA_BYTES|space|full/i.test(message)
    ? new StoreError('quota', `Storage is full: ${message}`)
    : new StoreError('write', `Could not write to storage: ${message}`);
}

// ---- problems (shown to the user) -------------------------------------------------------------

let lastProblem: StoreProblem | null = null;
/**
 * Whether session storage may hold a problem: true when this worker starts (a previous one may have
 * recorded one before it was stopped), so the first good write clears it.
 */
let problemMaybeStored = true;

/** Remember a write failure where the UI can see it (session storage survives worker restarts). */
async function reportProblem(problem: StoreProblem | null): Promise<void> {
  lastProblem = problem;
  problemMaybeStored = problem !== null;
  try {
    await storage.setItem(`session:${'storeProblem'}`, problem);
  } catch {
    // session storage unavailable: the in-memory copy and the ingest reply still tell the user
  }
}

export async function getLastProblem(): Promise<StoreProblem | null> {
  try {
    return (await storage.getItem<StoreProblem>('session:storeProblem')) ?? lastProblem;
  } catch {
    return lastProblem;
  }
}

export async function clearProblem(): Promise<void> {
  await reportProblem(null);
}

// ---- low-level reads ----------------------------------------------------------------------------

/** Write values and remove keys; one storage call for the values, so a write lands whole or not at all. */
async function commit(values: Record<string, unknown>, remove: string[] = []): Promise<void> {
  try {
    const items = Object.entries(values).map(([key, value]) => ({ key: local(key), value }));
    if (items.length) await storage.setItems(items);
    if (remove.length) await storage.removeItems(remove.map(local));
  } catch (e) {
    const err = classify(e);
    await reportProblem({ code: err.code, message: err.message, at: Date.now() });
    throw err;
  }
}

interface LoadedRecords {
  records: Map<string, AccountRecord>;
  /** storage key -> value to set aside */
  quarantine: Record<string, unknown>;
  /** original keys of records set aside */
  quarantined: string[];
}

async function loadRecords(keys: string[], now: number): Promise<LoadedRecords> {
  const out: LoadedRecords = { records: new Map(), quarantine: {}, quarantined: [] };
  if (keys.length === 0) return out;
  const items = await storage.getItems(keys.map((k) => local(recordKey(k as AccountKey))));
  items.forEach(({ value }, i) => {
    if (value === null || value === undefined) return;
    const result = migrateRecord(value);
    if (result.ok) out.records.set(keys[i], result.record);
    else {
      const qKey = `${QUARANTINE_PREFIX}${keys[i]}:${now}`;
      out.quarantine[qKey] = { reason: result.error, at: now, key: keys[i], value };
      out.quarantined.push(recordKey(keys[i] as AccountKey));
      console.warn(
        `[SMM Lens] stored record ${keys[i]} failed validation (${result.error.split('\n')[0]}); it is kept aside as ${qKey} on the next write`,
      );
    }
  });
  return out;
}

function indexEntry(rec: AccountRecord, bytes: number, sum?: Summary): IndexEntry {
  return {
    key: keyOf(rec),
    platform: rec.platform,
    id: rec.id,
    handle: rec.handle,
    name: rec.name,
    url: rec.url,
    first: rec.first * 1000,
    last: rec.last * 1000,
    followers: packCount(latestCounts(rec).followers),
    snapshots: rec.s.length,
    posts: Object.keys(rec.p).length,
    bytes,
    ...(sum ? { sum } : {}),
  };
}

/** The index entry of a record just written, with its summary (lib/dashboard/summary.ts). */
function entryWithSummary(rec: AccountRecord, bytes: number, recentPosts: number): IndexEntry {
  return indexEntry(rec, bytes, safeSummarize(decodeRecord(rec), recentPosts));
}

/** Read the index; rebuild it from the records when it is missing, damaged or of another version. */
async function loadIndex(): Promise<Index> {
  const raw = await storage.getItem(local(INDEX_KEY));
  const parsed = IndexSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  return rebuildIndex();
}

async function allRecordKeys(): Promise<string[]> {
  const all = await storage.snapshot('local');
  return Object.keys(all)
    .filter((k) => k.startsWith(RECORD_PREFIX))
    .map((k) => k.slice(RECORD_PREFIX.length));
}

async function rebuildIndex(): Promise<Index> {
  const keys = await allRecordKeys();
  const { records } = await loadRecords(keys, Date.now());
  const index: Index = { v: INDEX_VERSION, accounts: {} };
  for (const rec of records.values()) index.accounts[keyOf(rec)] = indexEntry(rec, byteSize(rec));
  return index;
}

// ---- ingest -------------------------------------------------------------------------------------

export interface IngestSummary {
  accounts: string[];
  posts: number;
  skippedPosts: number;
  quarantined: string[];
}

const isNumericVkId = (id: string) => /^-?\d+$/.test(id);

/**
 * VK pages do not always show an account's numeric id. Records are keyed by the numeric id once
 * known; until then by screen name. This finds the record a screen name belongs to.
 */
function resolveKey(index: Index, platform: Platform, id: string, handle: string | null): AccountKey {
  const key = accountKey(platform, id);
  if (platform !== 'vk' || isNumericVkId(id) || index.accounts[key]) return key;
  const name = (handle ?? id).toLowerCase();
  for (const entry of Object.values(index.accounts)) {
    if (entry.platform === 'vk' && isNumericVkId(entry.id) && entry.handle?.toLowerCase() === name) return entry.key as AccountKey;
  }
  return key;
}

/** Store one page report. Resolves after the data is written; throws StoreError when it cannot be. */
export async function ingestReport(report: PageReport, opts?: HistoryOptions): Promise<IngestSummary> {
  const settings = opts ? null : await getSettings();
  const options = opts ?? historyOptions(settings ?? DEFAULT_SETTINGS);
  const recentPosts = settings?.recentPosts ?? DEFAULT_SETTINGS.recentPosts;
  return withStoreLock(async () => {
    const now = Date.now();
    const observed = Date.parse(report.observedAt);
    const atSec = toSec(Math.min(Number.isFinite(observed) ? observed : now, now));
    const index = await loadIndex();

    // Which records this report touches.
    const account = report.account;
    const accountK = account ? resolveKey(index, account.platform, account.id, account.handle) : null;
    const byAuthor = new Map<AccountKey, PostObservation[]>();
    let skippedPosts = 0;
    for (const post of report.posts) {
      const authorId = post.authorId ?? (account && report.pageKind !== 'feed' ? account.id : null);
      if (!authorId) {
        skippedPosts++;
        continue;
      }
      const k = account && authorId === account.id && accountK ? accountK : resolveKey(index, post.platform, authorId, post.authorHandle);
      byAuthor.set(k, [...(byAuthor.get(k) ?? []), post]);
    }
    const keys = new Set<string>(byAuthor.keys());
    if (accountK) keys.add(accountK);
    // A VK account seen by screen name before its numeric id was known: fold that record in.
    let alias: string | null = null;
    if (account?.platform === 'vk' && accountK && isNumericVkId(account.id) && account.handle) {
      const handleKey = accountKey('vk', account.handle.toLowerCase());
      if (handleKey !== accountK && index.accounts[handleKey]) {
        alias = handleKey;
        keys.add(handleKey);
      }
    }

    const loaded = await loadRecords([...keys], now);
    const touched = new Map<string, AccountRecord>();
    const get = (k: AccountKey, platform: Platform, id: string): AccountRecord => {
      let rec = touched.get(k) ?? loaded.records.get(k);
      if (!rec) rec = newRecord(platform, id, atSec);
      touched.set(k, rec);
      return rec;
    };

    if (account && accountK) {
      const parsed = accountK.slice(accountK.indexOf(':') + 1);
      const rec = get(accountK, account.platform, parsed);
      // the record keeps its key's id even when the observation came under a screen name
      applyAccount(rec, { ...account, id: rec.id }, atSec, options);
      if (alias) {
        const old = loaded.records.get(alias);
        if (old) mergeRecords(rec, old, options);
      }
    }
    for (const [k, posts] of byAuthor) {
      const id = k.slice(k.indexOf(':') + 1);
      const rec = get(k, posts[0].platform, id);
      if (rec.name === null && posts[0].authorName) rec.name = posts[0].authorName;
      if (rec.handle === null && posts[0].authorHandle) rec.handle = posts[0].authorHandle;
      for (const post of posts) applyPost(rec, post, atSec, options);
    }

    const values: Record<string, unknown> = { ...loaded.quarantine };
    for (const [k, rec] of touched) {
      compactRecord(rec, toSec(now), options);
      const bytes = byteSize(rec);
      values[recordKey(k as AccountKey)] = rec;
      index.accounts[k] = entryWithSummary(rec, bytes, recentPosts);
    }
    const remove = loaded.quarantined.filter((q) => !(q in values));
    if (alias) {
      delete index.accounts[alias];
      remove.push(recordKey(alias as AccountKey));
    }
    for (const q of loaded.quarantined) {
      const k = q.slice(RECORD_PREFIX.length);
      if (!touched.has(k)) delete index.accounts[k];
    }
    values[INDEX_KEY] = index;
    values[META_KEY] = { version: SCHEMA_VERSION };
    await commit(values, remove);
    if (lastProblem || problemMaybeStored) await reportProblem(null);
    return {
      accounts: [...touched.keys()],
      posts: report.posts.length - skippedPosts,
      skippedPosts,
      quarantined: loaded.quarantined,
    };
  });
}

// ---- reads ----------------------------------------------------------------------------------

export async function listAccounts(): Promise<IndexEntry[]> {
  const index = await loadIndex();
  return Object.values(index.accounts).sort((a, b) => b.last - a.last);
}

/** One account's history, decoded; null when nothing is stored (or the record was set aside). */
export async function getAccountHistory(key: string): Promise<AccountHistory | null> {
  const { records } = await loadRecords([key], Date.now());
  const rec = records.get(key);
  return rec ? decodeRecord(rec) : null;
}

export async function getRecords(keys: string[]): Promise<AccountRecord[]> {
  const { records } = await loadRecords(keys, Date.now());
  return [...records.values()];
}

/** Every valid record (export, dashboard). Damaged ones are reported by `listQuarantined`. */
export async function getAllRecords(): Promise<AccountRecord[]> {
  const all = await storage.snapshot('local');
  const out: AccountRecord[] = [];
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith(RECORD_PREFIX)) continue;
    const r = migrateRecord(v);
    if (r.ok) out.push(r.record);
  }
  return out;
}

export async function listQuarantined(): Promise<QuarantinedRecord[]> {
  const all = await storage.snapshot('local');
  const out: QuarantinedRecord[] = [];
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith(QUARANTINE_PREFIX)) continue;
    const q = (v ?? {}) as { reason?: unknown; at?: unknown; key?: unknown };
    out.push({
      storageKey: k,
      accountKey: typeof q.key === 'string' ? q.key : k.slice(QUARANTINE_PREFIX.length),
      at: typeof q.at === 'number' ? q.at : 0,
      reason: typeof q.reason === 'string' ? q.reason : 'unknown',
    });
  }
  // records that are damaged but not yet read since are found here too
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith(RECORD_PREFIX)) continue;
    const r = migrateRecord(v);
    if (!r.ok) out.push({ storageKey: k, accountKey: k.slice(RECORD_PREFIX.length), at: 0, reason: r.error });
  }
  return out;
}

export interface StoreStatus {
  schemaVersion: number;
  accounts: number;
  snapshots: number;
  posts: number;
  /** bytes of all account records plus the index */
  bytes: number;
  quarantined: QuarantinedRecord[];
  problem: StoreProblem | null;
  /** false when damaged records were not looked for (getStoreStatus({ scan: false })) */
  scanned?: boolean;
}

/**
 * `scan: false` skips looking for damaged records (listQuarantined reads and validates every
 * record: about a second for 500 accounts), for a quick first look; `quarantined` is then empty
 * and `scanned` false.
 */
export async function getStoreStatus(opts: { scan?: boolean } = {}): Promise<StoreStatus> {
  const index = await loadIndex();
  const entries = Object.values(index.accounts);
  const scan = opts.scan !== false;
  return {
    schemaVersion: SCHEMA_VERSION,
    accounts: entries.length,
    snapshots: entries.reduce((n, e) => n + e.snapshots, 0),
    posts: entries.reduce((n, e) => n + e.posts, 0),
    bytes: entries.reduce((n, e) => n + e.bytes, 0) + byteSize(index),
    quarantined: scan ? await listQuarantined() : [],
    problem: await getLastProblem(),
    ...(scan ? {} : { scanned: false }),
  };
}

// ---- writes from extension pages -------------------------------------------------------------

export async function deleteAccount(key: string): Promise<void> {
  await withStoreLock(async () => {
    const index = await loadIndex();
    delete index.accounts[key];
    await commit({ [INDEX_KEY]: index }, [recordKey(key as AccountKey)]);
  });
}

/**
 * Merge whole records into the store (import). All values are written in one storage call, so
 * an import lands whole or not at all.
 */
export async function mergeIntoStore(incoming: AccountRecord[], opts?: HistoryOptions): Promise<{ added: number; merged: number }> {
  const settings = opts ? null : await getSettings();
  const options = opts ?? historyOptions(settings ?? DEFAULT_SETTINGS);
  const recentPosts = settings?.recentPosts ?? DEFAULT_SETTINGS.recentPosts;
  return withStoreLock(async () => {
    const now = Date.now();
    const index = await loadIndex();
    const keys = incoming.map((r) => keyOf(r));
    const loaded = await loadRecords(keys, now);
    const values: Record<string, unknown> = { ...loaded.quarantine };
    let added = 0;
    let merged = 0;
    const result = new Map<string, AccountRecord>();
    for (const rec of incoming) {
      const k = keyOf(rec);
      const base = result.get(k) ?? loaded.records.get(k);
      if (base) {
        merged++;
        result.set(k, mergeRecords(base, rec, options));
      } else {
        added++;
        result.set(k, rec);
      }
    }
    for (const [k, rec] of result) {
      compactRecord(rec, toSec(now), options);
      values[recordKey(k as AccountKey)] = rec;
      index.accounts[k] = entryWithSummary(rec, byteSize(rec), recentPosts);
    }
    values[INDEX_KEY] = index;
    values[META_KEY] = { version: SCHEMA_VERSION };
    await commit(values);
    return { added, merged };
  });
}

/**
 * Store summaries the dashboard computed (missing or stale ones, or after settings changed). A
 * summary is kept only when the record has not changed since it was read (same `last` and
 * `bytes`): a write that came in between has already stored a fresher one.
 */
export async function saveSummaries(items: Array<{ key: string; last: number; bytes: number; sum: Summary }>): Promise<number> {
  if (items.length === 0) return 0;
  return withStoreLock(async () => {
    const index = await loadIndex();
    let saved = 0;
    for (const item of items) {
      const entry = index.accounts[item.key];
      if (!entry || entry.last !== item.last || entry.bytes !== item.bytes) continue;
      entry.sum = item.sum;
      saved++;
    }
    if (saved) await commit({ [INDEX_KEY]: index });
    return saved;
  });
}

/**
 * After an update: bring every stored record to the current schema. Records that cannot be
 * migrated are set aside. Safe to interrupt: each record is rewritten whole.
 */
export async function migrateAll(): Promise<{ migrated: number; quarantined: number }> {
  return withStoreLock(async () => {
    const meta = await storage.getItem<{ version?: number }>(local(META_KEY));
    if (meta?.version === SCHEMA_VERSION) return { migrated: 0, quarantined: 0 };
    const all = await storage.snapshot('local');
    const values: Record<string, unknown> = {};
    const remove: string[] = [];
    let migrated = 0;
    const now = Date.now();
    for (const [k, v] of Object.entries(all)) {
      if (!k.startsWith(RECORD_PREFIX)) continue;
      const r = migrateRecord(v);
      if (r.ok && r.migrated) {
        values[k] = r.record;
        migrated++;
      } else if (!r.ok) {
        const key = k.slice(RECORD_PREFIX.length);
        values[`${QUARANTINE_PREFIX}${key}:${now}`] = { reason: r.error, at: now, key, value: v };
        remove.push(k);
      }
    }
    values[META_KEY] = { version: SCHEMA_VERSION };
    await commit(values, remove);
    if (migrated || remove.length) {
      const index = await rebuildIndex();
      await commit({ [INDEX_KEY]: index });
    }
    return { migrated, quarantined: remove.length };
  });
}
