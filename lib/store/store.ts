/**
 * The history store: reads and writes account records in browser.storage.local, split per
 * account into a head, post chunks by year and an index entry (lib/store/layout.ts).
 *
 * - An ingest reads and writes only the account's head, the chunks of the posts it saw and its
 *   index entry; the summary for the dashboard and the thinning of old posts run after the
 *   report is acknowledged (`scheduleMaintenance`, a few seconds later, one account at a time).
 * - Every write runs under `withStoreLock` (serialized across the worker and extension pages).
 * - A report is acknowledged only after its data is written: nothing that matters lives only in
 *   service-worker memory.
 * - A head or chunk that fails validation on read is copied to `quarantine:<key>:...:<time>`,
 *   reported, and never deleted; a damaged head makes the account start a fresh head (which adopts
 *   the account's valid chunks on the next write), a damaged chunk loses only that year's posts.
 * - When a write fails (storage full), the error is thrown as a StoreError, remembered for the
 *   popup and dashboard, and the stored data stays as it was.
 */
import { storage } from '@wxt-dev/storage';
import { browser } from 'wxt/browser';
import { safeSummarize } from '../dashboard/summary';
import { type AccountKey, accountKey, parseAccountKey } from '../keys';
import { type PageReport, type Platform, type PostObservation, zodIssues } from '../model';
import { DEFAULT_SETTINGS, getSettings, historyOptions, SETTINGS_KEY, settingsOf } from '../settings';
import {
  applyAccount,
  applyPost,
  compactRecord,
  decodeRecord,
  type HistoryOptions,
  isoToSec,
  latestCounts,
  mergeRecords,
  newRecord,
  toSec,
} from './history';
import {
  type AccountList,
  AccountListSchema,
  assemble,
  CHUNK_NAME,
  type Chunk,
  ChunkSchema,
  candidateChunks,
  chunkKey,
  chunkOf,
  chunksOfHead,
  decode,
  encode,
  encodeAccount,
  type Head,
  HeadSchema,
  headKey,
  IDX_PREFIX,
  idxKey,
  isHeadV3,
  isHeadV4,
  isWholeRecord,
  LIST_VERSION,
  POSTS_PREFIX,
  parseChunkKey,
  parseHead,
  RECENT,
  recentCutoff,
  rememberWritten,
  storedBytes,
  UNDATED,
  writtenJson,
} from './layout';
import { withStoreLock } from './lock';
import { migrateRecord, migrateSplitV3 } from './migrations';
import {
  type AccountHistory,
  type AccountRecord,
  INDEX_KEY,
  type IndexEntry,
  IndexEntrySchema,
  isSummaryShape,
  META_KEY,
  type PostRecord,
  packCount,
  QUARANTINE_PREFIX,
  RECORD_PREFIX,
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

// ---- low-level reads and writes -----------------------------------------------------------------

/**
 * What one locked operation has read so far: storage key -> value (undefined: not stored). A key
 * read once is served from here, so an ingest reads everything it needs in one storage call
 * (`ingestReport` asks for it all up front). Only valid inside the lock it was made under.
 */
type Reads = Map<string, unknown>;

async function getRaw(keys: string[], reads?: Reads): Promise<Record<string, unknown>> {
  const need = reads ? [...new Set(keys.filter((k) => !reads.has(k)))] : keys;
  const got = need.length ? ((await browser.storage.local.get(need)) as Record<string, unknown>) : {};
  if (!reads) return got;
  for (const k of need) reads.set(k, got[k]);
  const out: Record<string, unknown> = {};
  for (const k of keys) if (reads.get(k) !== undefined) out[k] = reads.get(k);
  return out;
}

async function getEverything(): Promise<Record<string, unknown>> {
  return (await browser.storage.local.get(null)) as Record<string, unknown>;
}

/** Every key in local storage (getKeys where the browser has it, else a full read). */
async function allKeys(): Promise<string[]> {
  const area = browser.storage.local as unknown as { getKeys?: () => Promise<string[]> };
  if (typeof area.getKeys === 'function') {
    try {
      return await area.getKeys();
    } catch {
      // fall back to a full read
    }
  }
  return Object.keys(await getEverything());
}

/** Write values and remove keys; one storage call for the values, so a write lands whole or not at all. */
async function commit(values: Record<string, unknown>, remove: string[] = []): Promise<void> {
  try {
    if (Object.keys(values).length) await browser.storage.local.set(values);
    const rm = remove.filter((k) => !(k in values));
    if (rm.length) await browser.storage.local.remove(rm);
  } catch (e) {
    const err = classify(e);
    await reportProblem({ code: err.code, message: err.message, at: Date.now() });
    throw err;
  }
}

// ---- quarantine ---------------------------------------------------------------------------------

interface SetAside {
  /** quarantine key -> what is kept */
  values: Record<string, unknown>;
  /** storage keys set aside (removed unless written again) */
  keys: string[];
}

function setAside(q: SetAside, storageKey: string, account: string, value: unknown, reason: string, now: number, part = ''): void {
  const qKey = `${QUARANTINE_PREFIX}${account}:${part ? `${part}:` : ''}${now}`;
  q.values[qKey] = { reason, at: now, key: account, storageKey, value };
  q.keys.push(storageKey);
  console.warn(
    `[SMM Lens] stored ${storageKey} failed validation (${reason.split('\n')[0]}); it is kept aside as ${qKey} on the next write`,
  );
}

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);

// ---- loading accounts ---------------------------------------------------------------------------

/** One account as loaded: its record with the posts of the chunks read so far. */
interface AccountState {
  key: string;
  rec: AccountRecord;
  /** the chunk list as stored */
  prev: Head['c'];
  /** chunks whose posts are all in rec.p (each is written back whole, or removed) */
  loaded: Set<string>;
  /** every chunk is loaded */
  full: boolean;
  /** stored values of the head and of the loaded chunks (unchanged ones are not rewritten) */
  raw: Map<string, unknown>;
  /** the handle as stored (the account list is rewritten only when it changes), for stored accounts */
  handle0?: string | null;
  /** the recent chunk's cutoff as stored (null: none, a head of schema 4); undefined: chosen when written */
  r?: number | null;
}

type ChunkWant = 'all' | 'none' | ((head: Head) => Iterable<string>);

/** Read chunks into their accounts; damaged chunks are set aside (their posts are lost to the view, kept in quarantine). */
async function loadChunks(states: Array<[AccountState, string[]]>, q: SetAside, now: number, reads?: Reads): Promise<void> {
  const wanted: Array<[AccountState, string]> = [];
  for (const [st, names] of states) for (const n of names) if (!st.loaded.has(n)) wanted.push([st, n]);
  if (!wanted.length) return;
  const raw = await getRaw(
    wanted.map(([st, n]) => chunkKey(st.key, n)),
    reads,
  );
  for (const [st, name] of wanted) {
    const k = chunkKey(st.key, name);
    const value = raw[k];
    st.loaded.add(name);
    if (value === undefined || value === null) continue;
    let parsed: ReturnType<typeof ChunkSchema.safeParse>;
    try {
      // the text this worker wrote last: its JSON, without inflating and validating it again
      const json = writtenJson(k, value);
      parsed = json !== null ? { success: true, data: JSON.parse(json) as Chunk } : ChunkSchema.safeParse(decode(value));
    } catch (e) {
      setAside(q, k, st.key, value, reasonOf(e), now, `posts-${name}`);
      continue;
    }
    if (!parsed.success) {
      setAside(q, k, st.key, value, zodIssues(parsed.error), now, `posts-${name}`);
      continue;
    }
    st.raw.set(k, value);
    const merged = assemble({ ...st.rec, v: SCHEMA_VERSION, c: {} }, [st.rec.p, parsed.data.p]);
    st.rec.p = merged.p;
  }
}

/**
 * Load accounts: heads (whole records of schema 1-2 are migrated), and the chunks `want` names.
 * A head of schema 3 (chunks by month) is loaded with all its chunks, whatever `want` says, so
 * that the next write stores the account by year and removes the monthly chunks.
 * A damaged head is set aside; with `adopt`, the account's chunks still in storage are loaded
 * under a fresh record (so a later write does not overwrite them).
 */
async function loadAccounts(
  keys: string[],
  want: ChunkWant,
  q: SetAside,
  now: number,
  adopt = false,
  reads?: Reads,
): Promise<Map<string, AccountState>> {
  const out = new Map<string, AccountState>();
  if (keys.length === 0) return out;
  const heads = await getRaw(keys.map(headKey), reads);
  const toLoad: Array<[AccountState, string[]]> = [];
  const orphans: string[] = [];
  for (const key of keys) {
    const hk = headKey(key);
    const value = heads[hk];
    if (value === undefined || value === null) continue;
    let data: unknown;
    try {
      data = decode(value);
    } catch (e) {
      setAside(q, hk, key, value, reasonOf(e), now);
      orphans.push(key);
      continue;
    }
    if (isWholeRecord(data)) {
      const r = migrateRecord(data);
      if (!r.ok) {
        setAside(q, hk, key, value, r.error, now);
        orphans.push(key);
        continue;
      }
      // schema 2: the whole history under the head key; written back split
      out.set(key, { key, rec: r.record, prev: {}, loaded: new Set(), full: true, raw: new Map(), handle0: r.record.handle });
      continue;
    }
    if (isHeadV3(data)) {
      // schema 3: the head now, its monthly chunks below (all of them); written back by year
      const r = migrateSplitV3(data, []);
      if (!r.ok) {
        setAside(q, hk, key, value, r.error, now);
        orphans.push(key);
        continue;
      }
      const prev = (data as { c: Head['c'] }).c;
      const st: AccountState = { key, rec: r.record, prev, loaded: new Set(), full: true, raw: new Map(), handle0: r.record.handle };
      out.set(key, st);
      toLoad.push([st, Object.keys(prev)]);
      continue;
    }
    // schema 5, or schema 4 (the same chunks by year, without a recent chunk: read as it is)
    const parsed = parseHead(data);
    if (!parsed.success) {
      setAside(q, hk, key, value, zodIssues(parsed.error), now);
      orphans.push(key);
      continue;
    }
    const head = parsed.data;
    const st: AccountState = {
      key,
      rec: assemble(head, []),
      prev: head.c,
      loaded: new Set(),
      full: false,
      raw: new Map([[hk, value]]),
      handle0: head.handle,
      r: head.r,
    };
    out.set(key, st);
    const names = want === 'all' ? Object.keys(head.c) : want === 'none' ? [] : [...new Set(want(head))].filter((n) => n in head.c);
    if (want === 'all') st.full = true;
    toLoad.push([st, names]);
  }
  if (adopt && orphans.length) {
    const all = await allKeys();
    for (const key of orphans) {
      const names = all.map(parseChunkKey).flatMap((p) => (p && p[0] === key ? [p[1]] : []));
      const parsedKey = parseAccountKey(key);
      if (!names.length || !parsedKey) continue;
      const st: AccountState = {
        key,
        rec: newRecord(parsedKey.platform, parsedKey.id, toSec(now)),
        prev: Object.fromEntries(names.map((n) => [n, [0, 0] as [number, number]])),
        loaded: new Set(),
        full: true,
        raw: new Map(),
      };
      out.set(key, st);
      toLoad.push([st, names]);
    }
  }
  await loadChunks(toLoad, q, now, reads);
  return out;
}

/** Load the chunks a record's posts now belong to but that were not read yet (before writing part of an account). */
async function completeBuckets(states: Iterable<AccountState>, q: SetAside, now: number, reads?: Reads): Promise<void> {
  const more: Array<[AccountState, string[]]> = [];
  for (const st of states) {
    if (st.full) continue;
    const names = new Set(Object.values(st.rec.p).map((p) => chunkOf(p.t, st.r ?? null)));
    const missing = [...names].filter((n) => n in st.prev && !st.loaded.has(n));
    if (missing.length) more.push([st, missing]);
  }
  await loadChunks(more, q, now, reads);
}

/** The values to write and keys to remove for an account, and its index entry. */
function writeAccount(st: AccountState, values: Record<string, unknown>, remove: string[], sum?: Summary): IndexEntry {
  // the recent chunk's cutoff moves only when the whole account is written (or chosen for a new one)
  const r = st.full || st.r === undefined ? recentCutoff(st.rec, st.r ?? null) : st.r;
  const only = st.full ? undefined : new Set([...st.loaded, ...Object.values(st.rec.p).map((p) => chunkOf(p.t, r))]);
  const enc = encodeAccount(st.rec, st.prev, only, r);
  const hk = headKey(st.key);
  if (st.raw.get(hk) !== enc.headText) values[hk] = enc.headText;
  for (const [name, text] of enc.chunks) {
    const ck = chunkKey(st.key, name);
    if (st.raw.get(ck) !== text) values[ck] = text;
    const json = enc.chunkJson.get(name);
    if (json !== undefined) rememberWritten(ck, text, json);
  }
  const gone = st.full ? Object.keys(st.prev) : [...st.loaded];
  for (const name of [...new Set([...gone, ...st.loaded])]) if (!(name in enc.head.c)) remove.push(chunkKey(st.key, name));
  const entry = indexEntry(st.rec, enc.posts, enc.bytes, sum);
  values[idxKey(st.key)] = encode(entry);
  return entry;
}

function indexEntry(rec: AccountRecord, posts: number, bytes: number, sum?: Summary): IndexEntry {
  return {
    key: accountKey(rec.platform, rec.id),
    platform: rec.platform,
    id: rec.id,
    handle: rec.handle,
    name: rec.name,
    url: rec.url,
    first: rec.first * 1000,
    last: rec.last * 1000,
    followers: packCount(latestCounts(rec).followers),
    snapshots: rec.s.length,
    posts,
    bytes,
    ...(sum ? { sum } : {}),
  };
}

// ---- the account list -----------------------------------------------------------------------------

/** Read the account list; rebuild it from the heads when it is missing, damaged or of schema 2. */
async function loadList(reads?: Reads): Promise<{ list: AccountList; changed: boolean }> {
  const raw = (await getRaw([INDEX_KEY], reads))[INDEX_KEY];
  try {
    const parsed = AccountListSchema.safeParse(decode(raw));
    if (parsed.success) return { list: parsed.data, changed: false };
  } catch {
    // rebuilt below
  }
  return { list: await rebuildList(), changed: true };
}

async function rebuildList(): Promise<AccountList> {
  const keys = (await allKeys()).filter((k) => k.startsWith(RECORD_PREFIX));
  const heads = await getRaw(keys);
  const list: AccountList = { v: LIST_VERSION, a: {} };
  for (const k of keys) {
    try {
      const h = decode(heads[k]) as { handle?: unknown };
      list.a[k.slice(RECORD_PREFIX.length)] = typeof h?.handle === 'string' ? h.handle.slice(0, 100) : null;
    } catch {
      list.a[k.slice(RECORD_PREFIX.length)] = null;
    }
  }
  return list;
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
function resolveKey(list: AccountList, platform: Platform, id: string, handle: string | null): AccountKey {
  const key = accountKey(platform, id);
  if (platform !== 'vk' || isNumericVkId(id) || key in list.a) return key;
  const name = (handle ?? id).toLowerCase();
  for (const [k, h] of Object.entries(list.a)) {
    if (k.startsWith('vk:') && isNumericVkId(k.slice(3)) && h?.toLowerCase() === name) return k as AccountKey;
  }
  return key;
}

/**
 * The storage keys an ingest of this report will most likely read: each account's head under the
 * key as reported (and, for a VK account seen by numeric id and screen name, the screen name's
 * head it may fold in) and the chunks its posts may already be stored in. Mirrors ingestReport's
 * choice of keys without the account list; what it misses is read afterwards.
 */
function likelyKeys(report: PageReport): string[] {
  const out = new Set<string>();
  const account = report.account;
  const own = account ? accountKey(account.platform, account.id) : null;
  if (account && own) {
    out.add(headKey(own));
    if (account.platform === 'vk' && isNumericVkId(account.id) && account.handle)
      out.add(headKey(accountKey('vk', account.handle.toLowerCase())));
  }
  for (const post of report.posts) {
    const authorId = post.authorId ?? (account && report.pageKind !== 'feed' ? account.id : null);
    if (!authorId) continue;
    const k = account && own && authorId === account.id ? own : accountKey(post.platform, authorId);
    out.add(headKey(k));
    // the newest posts of a page are in the recent chunk (a post older than the head's cutoff, in
    // its year's chunk, is read in a second call once the head is known)
    out.add(chunkKey(k, UNDATED));
    if (post.publishedAt !== null) out.add(chunkKey(k, RECENT));
  }
  return [...out];
}

/** Store one page report. Resolves after the data is written; throws StoreError when it cannot be. */
export async function ingestReport(report: PageReport, opts?: HistoryOptions): Promise<IngestSummary> {
  sched.lastIngest = Date.now();
  const result = await withStoreLock(async () => {
    const now = Date.now();
    const observed = Date.parse(report.observedAt);
    const atSec = toSec(Math.min(Number.isFinite(observed) ? observed : now, now));
    // The account list is read only when a key may have to be resolved through it (VK screen
    // names) or when it changes (a new account, a new handle, a record folded or set aside). A VK
    // account seen by numeric id and screen name needs no list: whether a record under the screen
    // name is to be folded in is told by its head, read with the rest (likelyKeys).
    const account = report.account;
    const vkByName =
      (account?.platform === 'vk' && !isNumericVkId(account.id)) ||
      report.posts.some((p) => p.platform === 'vk' && p.authorId !== null && !isNumericVkId(p.authorId));
    // One storage call for nearly everything the ingest reads: the settings, the account list when
    // needed, and the heads and candidate chunks of the accounts under the keys as reported (a key
    // that resolves otherwise through the list, or a chunk found missing later, is read after).
    const reads: Reads = new Map();
    await getRaw([...(opts ? [] : [SETTINGS_KEY]), ...(vkByName ? [INDEX_KEY] : []), ...likelyKeys(report)], reads);
    const options = opts ?? historyOptions(settingsOf(reads.get(SETTINGS_KEY)));
    let listState = vkByName ? await loadList(reads) : null;
    const list0: AccountList = listState?.list ?? { v: LIST_VERSION, a: {} };

    // Which accounts this report touches, and which of their chunks.
    const accountK = account ? resolveKey(list0, account.platform, account.id, account.handle) : null;
    const byAuthor = new Map<AccountKey, PostObservation[]>();
    let skippedPosts = 0;
    for (const post of report.posts) {
      const authorId = post.authorId ?? (account && report.pageKind !== 'feed' ? account.id : null);
      if (!authorId) {
        skippedPosts++;
        continue;
      }
      const k = account && authorId === account.id && accountK ? accountK : resolveKey(list0, post.platform, authorId, post.authorHandle);
      byAuthor.set(k, [...(byAuthor.get(k) ?? []), post]);
    }
    const keys = new Set<string>(byAuthor.keys());
    if (accountK) keys.add(accountK);
    // A VK account seen by screen name before its numeric id was known: fold that record in.
    let alias: string | null = null;
    if (account?.platform === 'vk' && accountK && isNumericVkId(account.id) && account.handle) {
      const handleKey = accountKey('vk', account.handle.toLowerCase());
      if (handleKey !== accountK && (reads.get(headKey(handleKey)) !== undefined || handleKey in list0.a)) {
        alias = handleKey;
        keys.add(handleKey);
      }
    }
    const chunksFor = (k: string) => (head: Head) =>
      (byAuthor.get(k as AccountKey) ?? []).flatMap((p) => candidateChunks(isoToSec(p.publishedAt), head.r));

    const q: SetAside = { values: {}, keys: [] };
    const states = new Map<string, AccountState>();
    const byWant = new Map<string, ChunkWant>();
    for (const k of keys) byWant.set(k, alias && (k === alias || k === accountK) ? 'all' : chunksFor(k));
    // one read of the heads, one of the chunks (the want differs per account)
    const loaded = await loadAccounts(
      [...keys],
      (head) => {
        const k = accountKey(head.platform, head.id);
        const w = byWant.get(k) ?? 'none';
        return w === 'all' ? Object.keys(head.c) : w === 'none' ? [] : w(head);
      },
      q,
      now,
      true,
      reads,
    );
    for (const [k, st] of loaded) {
      if (byWant.get(k) === 'all') st.full = true;
      states.set(k, st);
    }
    const get = (k: AccountKey, platform: Platform, id: string): AccountState => {
      let st = states.get(k);
      if (!st) {
        st = { key: k, rec: newRecord(platform, id, atSec), prev: {}, loaded: new Set(), full: false, raw: new Map() };
        states.set(k, st);
      }
      return st;
    };
    const touched = new Set<string>();

    if (account && accountK) {
      const parsed = accountK.slice(accountK.indexOf(':') + 1);
      const st = get(accountK, account.platform, parsed);
      touched.add(accountK);
      // the record keeps its key's id even when the observation came under a screen name
      applyAccount(st.rec, { ...account, id: st.rec.id }, atSec, options);
      if (alias) {
        const old = states.get(alias);
        if (old) mergeRecords(st.rec, old.rec, options);
      }
    }
    for (const [k, posts] of byAuthor) {
      const id = k.slice(k.indexOf(':') + 1);
      const st = get(k, posts[0].platform, id);
      touched.add(k);
      const rec = st.rec;
      if (rec.name === null && posts[0].authorName) rec.name = posts[0].authorName;
      if (rec.handle === null && posts[0].authorHandle) rec.handle = posts[0].authorHandle;
      for (const post of posts) applyPost(rec, post, atSec, options);
    }

    const touchedStates = [...touched].map((k) => states.get(k) as AccountState);
    await completeBuckets(touchedStates, q, now, reads);
    const values: Record<string, unknown> = {};
    const remove: string[] = [];
    for (const st of touchedStates) {
      compactRecord(st.rec, toSec(now), options);
      writeAccount(st, values, remove);
    }
    const listTouched =
      alias !== null ||
      q.keys.some((k) => k.startsWith(RECORD_PREFIX)) ||
      touchedStates.some((st) => st.handle0 === undefined || st.handle0 !== st.rec.handle);
    if (listTouched && !listState) listState = await loadList(reads);
    const list = listState?.list ?? list0;
    let listChanged = listState?.changed ?? false;
    for (const st of touchedStates) {
      const handle = st.rec.handle;
      if (listState && (!(st.key in list.a) || list.a[st.key] !== handle)) {
        list.a[st.key] = handle;
        listChanged = true;
      }
    }
    if (alias && states.has(alias)) {
      const old = states.get(alias) as AccountState;
      remove.push(headKey(alias), idxKey(alias), ...Object.keys(old.prev).map((n) => chunkKey(alias as string, n)));
      delete list.a[alias];
      listChanged = true;
    } else if (alias) {
      delete list.a[alias];
      listChanged = true;
    }
    // set-aside heads of accounts not written again: their index entries go
    for (const sk of q.keys) {
      if (!sk.startsWith(RECORD_PREFIX)) continue;
      const k = sk.slice(RECORD_PREFIX.length);
      if (!touched.has(k)) {
        remove.push(idxKey(k));
        delete list.a[k];
        listChanged = true;
      }
    }
    Object.assign(values, q.values);
    remove.push(...q.keys);
    if (listChanged) {
      values[INDEX_KEY] = encode(list);
      values[META_KEY] = { version: SCHEMA_VERSION };
    }
    await commit(values, remove);
    if (lastProblem || problemMaybeStored) await reportProblem(null);
    return {
      accounts: [...touched],
      posts: report.posts.length - skippedPosts,
      skippedPosts,
      quarantined: q.keys,
    };
  });
  scheduleMaintenance(result.accounts);
  return result;
}

// ---- after the ingest: summaries and thinning -----------------------------------------------------

/** Delay after the last ingest before the summaries are computed (ms). */
export const MAINTENANCE_DELAY_MS = 3000;
/** Kept on globalThis: one queue per worker (or page), even when the module is loaded twice (tests). */
type Schedule = { pending: Set<string>; timer: ReturnType<typeof setTimeout> | null; lastIngest?: number };
const holder = globalThis as { __smmLensMaintenance?: Schedule };
if (!holder.__smmLensMaintenance) holder.__smmLensMaintenance = { pending: new Set<string>(), timer: null, lastIngest: 0 };
const sched: Schedule = holder.__smmLensMaintenance;
const pending = sched.pending;

/**
 * Compute the summaries of these accounts (and thin their old posts) a few seconds after the
 * last ingest, off the acknowledgement's path. If the worker stops first, the dashboard computes
 * the missing summaries itself, and the next ingest schedules the account again.
 */
export function scheduleMaintenance(keys: string[]): void {
  for (const k of keys) pending.add(k);
  if (!pending.size) return;
  if (sched.timer !== null) clearTimeout(sched.timer);
  sched.timer = setTimeout(() => {
    sched.timer = null;
    void runMaintenance().catch((e) => console.warn('[SMM Lens] summaries after ingest failed', e));
  }, MAINTENANCE_DELAY_MS);
}

/** Forget scheduled work (tests). */
export function cancelMaintenance(): void {
  if (sched.timer !== null) clearTimeout(sched.timer);
  sched.timer = null;
  pending.clear();
}

/**
 * Run the scheduled work now, one account at a time. Reading, thinning and summarising happen
 * outside the store lock; the lock is held only to check that nothing changed since the read and
 * to write, so an ingest waits at most for one small write.
 */
export async function runMaintenance(opts: { force?: boolean } = {}): Promise<number> {
  if (sched.timer !== null) clearTimeout(sched.timer);
  sched.timer = null;
  const keys = [...pending];
  pending.clear();
  if (!keys.length) return 0;
  const settings = await getSettings();
  const options = historyOptions(settings);
  let done = 0;
  for (const [i, key] of keys.entries()) {
    // idle-time work: an ingest came in meanwhile, so wait until they pause again
    if (!opts.force && Date.now() - (sched.lastIngest ?? 0) < MAINTENANCE_DELAY_MS) {
      scheduleMaintenance(keys.slice(i));
      break;
    }
    try {
      done += await maintainAccount(key, settings.recentPosts, options);
    } catch {
      // storage full or gone: the dashboard computes missing summaries itself
    }
    await yieldToMessages();
  }
  return done;
}

/** Let the worker (or page) handle what is waiting, an ingest message first of all. */
const yieldToMessages = () => new Promise((r) => setTimeout(r, 0));

async function maintainAccount(key: string, recentPosts: number, options: HistoryOptions): Promise<number> {
  {
    const now = Date.now();
    const q: SetAside = { values: {}, keys: [] };
    const st = (await loadAccounts([key], 'all', q, now)).get(key);
    if (!st) return 0;
    await yieldToMessages();
    compactRecord(st.rec, toSec(now), options);
    const sum = safeSummarize(decodeRecord(st.rec), recentPosts);
    await yieldToMessages();
    const values: Record<string, unknown> = {};
    const remove: string[] = [];
    writeAccount(st, values, remove, sum);
    Object.assign(values, q.values);
    remove.push(...q.keys);
    const watched = [headKey(key), ...[...Object.keys(values), ...remove].filter((k) => k.startsWith(POSTS_PREFIX))];
    return withStoreLock(async () => {
      const current = await getRaw(watched);
      // written in between (an ingest, an import): that write scheduled the account again
      if (watched.some((k) => current[k] !== st.raw.get(k) && !q.keys.includes(k))) return 0;
      await commit(values, remove);
      return 1;
    });
  }
}

// ---- reads ----------------------------------------------------------------------------------

function parseEntry(raw: unknown): IndexEntry | null {
  try {
    const r = IndexEntrySchema.safeParse(decode(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** Index entries of these accounts; missing or damaged ones are rebuilt from the heads (not written). */
async function loadEntries(keys: string[]): Promise<IndexEntry[]> {
  const raw = await getRaw(keys.map(idxKey));
  const out: IndexEntry[] = [];
  const missing: string[] = [];
  for (const k of keys) {
    const e = parseEntry(raw[idxKey(k)]);
    if (e && e.key === k) out.push(e);
    else missing.push(k);
  }
  if (missing.length) {
    const q: SetAside = { values: {}, keys: [] };
    const states = await loadAccounts(missing, 'none', q, Date.now());
    for (const st of states.values()) {
      const posts = st.full ? Object.keys(st.rec.p).length : Object.values(st.prev).reduce((n, [p]) => n + p, 0);
      const bytes = st.full
        ? encodeAccount(st.rec).bytes
        : storedBytes(encode({ ...st.rec, p: undefined })) + Object.values(st.prev).reduce((n, [, b]) => n + b, 0);
      out.push(indexEntry(st.rec, posts, bytes));
    }
  }
  return out;
}

export async function listAccounts(): Promise<IndexEntry[]> {
  const { list } = await loadList();
  const entries = await loadEntries(Object.keys(list.a));
  return entries.sort((a, b) => b.last - a.last);
}

/** One account's history, decoded; null when nothing is stored (or the record was set aside). */
export async function getAccountHistory(key: string): Promise<AccountHistory | null> {
  const [rec] = await getRecords([key]);
  return rec ? decodeRecord(rec) : null;
}

/** Whole records of these accounts (head and every chunk); missing or damaged ones left out. */
export async function getRecords(keys: string[]): Promise<AccountRecord[]> {
  const states = await loadAccounts(keys, 'all', { values: {}, keys: [] }, Date.now());
  return keys.flatMap((k) => {
    const st = states.get(k);
    return st ? [st.rec] : [];
  });
}

/**
 * Group a full read of storage by account: heads (or whole records) and chunks. `gentle` gives the
 * page its main thread back every few milliseconds (listQuarantined: checking 500 accounts x 2
 * years takes seconds, and the dashboard runs it while it shows its table).
 */
async function scanStore(
  all: Record<string, unknown>,
  gentle = false,
): Promise<{
  records: AccountRecord[];
  damaged: Array<{ storageKey: string; accountKey: string; reason: string }>;
}> {
  let slice = performance.now();
  const breathe = async () => {
    if (!gentle || performance.now() - slice < 8) return;
    await yieldToMessages();
    slice = performance.now();
  };
  const chunks = new Map<string, Array<[string, Record<string, PostRecord>]>>();
  const damaged: Array<{ storageKey: string; accountKey: string; reason: string }> = [];
  for (const [k, v] of Object.entries(all)) {
    const parsedKey = parseChunkKey(k);
    if (!parsedKey) continue;
    await breathe();
    try {
      const r = ChunkSchema.safeParse(decode(v));
      if (r.success) chunks.set(parsedKey[0], [...(chunks.get(parsedKey[0]) ?? []), [parsedKey[1], r.data.p]]);
      else damaged.push({ storageKey: k, accountKey: parsedKey[0], reason: zodIssues(r.error) });
    } catch (e) {
      damaged.push({ storageKey: k, accountKey: parsedKey[0], reason: reasonOf(e) });
    }
  }
  const records: AccountRecord[] = [];
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith(RECORD_PREFIX)) continue;
    await breathe();
    const key = k.slice(RECORD_PREFIX.length);
    let data: unknown;
    try {
      data = decode(v);
    } catch (e) {
      damaged.push({ storageKey: k, accountKey: key, reason: reasonOf(e) });
      continue;
    }
    if (isWholeRecord(data)) {
      const r = migrateRecord(data);
      if (r.ok) records.push(r.record);
      else damaged.push({ storageKey: k, accountKey: key, reason: r.error });
      continue;
    }
    if (isHeadV3(data)) {
      const r = migrateSplitV3(data, chunksOfHead({ v: 3 }, chunks.get(key) ?? []));
      if (r.ok) records.push(r.record);
      else damaged.push({ storageKey: k, accountKey: key, reason: r.error });
      continue;
    }
    const head = parseHead(data);
    if (!head.success) {
      damaged.push({ storageKey: k, accountKey: key, reason: zodIssues(head.error) });
      continue;
    }
    records.push(assemble(head.data, chunksOfHead(head.data, chunks.get(key) ?? [])));
  }
  return { records, damaged };
}

/** Every valid record (export, dashboard). Damaged ones are reported by `listQuarantined`. */
export async function getAllRecords(): Promise<AccountRecord[]> {
  return (await scanStore(await getEverything())).records;
}

export async function listQuarantined(): Promise<QuarantinedRecord[]> {
  const all = await getEverything();
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
  // heads and chunks that are damaged but not yet read since are found here too
  for (const d of (await scanStore(all, true)).damaged) out.push({ ...d, at: 0 });
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
  const { list } = await loadList();
  const entries = await loadEntries(Object.keys(list.a));
  const scan = opts.scan !== false;
  return {
    schemaVersion: SCHEMA_VERSION,
    accounts: entries.length,
    snapshots: entries.reduce((n, e) => n + e.snapshots, 0),
    posts: entries.reduce((n, e) => n + e.posts, 0),
    bytes: entries.reduce((n, e) => n + e.bytes + storedBytes(encode(e)), 0) + storedBytes(encode(list)),
    quarantined: scan ? await listQuarantined() : [],
    problem: await getLastProblem(),
    ...(scan ? {} : { scanned: false }),
  };
}

// ---- writes from extension pages -------------------------------------------------------------

export async function deleteAccount(key: string): Promise<void> {
  await withStoreLock(async () => {
    const { list } = await loadList();
    delete list.a[key];
    const prefix = `${POSTS_PREFIX}${key}:`;
    const chunks = (await allKeys()).filter((k) => k.startsWith(prefix) && parseChunkKey(k)?.[0] === key);
    await commit({ [INDEX_KEY]: encode(list) }, [headKey(key), idxKey(key), ...chunks]);
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
    const { list } = await loadList();
    const keys = [...new Set(incoming.map((r) => accountKey(r.platform, r.id)))];
    const q: SetAside = { values: {}, keys: [] };
    const states = await loadAccounts(keys, 'all', q, now, true);
    let added = 0;
    let merged = 0;
    for (const rec of incoming) {
      const k = accountKey(rec.platform, rec.id);
      const st = states.get(k);
      if (st) {
        merged++;
        mergeRecords(st.rec, rec, options);
      } else {
        added++;
        states.set(k, { key: k, rec, prev: {}, loaded: new Set(), full: true, raw: new Map() });
      }
    }
    const values: Record<string, unknown> = {};
    const remove: string[] = [];
    for (const st of states.values()) {
      st.full = true;
      compactRecord(st.rec, toSec(now), options);
      writeAccount(st, values, remove, safeSummarize(decodeRecord(st.rec), recentPosts));
      list.a[st.key] = st.rec.handle;
    }
    Object.assign(values, q.values);
    remove.push(...q.keys);
    values[INDEX_KEY] = encode(list);
    values[META_KEY] = { version: SCHEMA_VERSION };
    await commit(values, remove);
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
    const raw = await getRaw(items.map((i) => idxKey(i.key)));
    const values: Record<string, unknown> = {};
    for (const item of items) {
      const entry = parseEntry(raw[idxKey(item.key)]);
      if (!entry || entry.last !== item.last || entry.bytes !== item.bytes) continue;
      entry.sum = item.sum;
      values[idxKey(item.key)] = encode(entry);
    }
    const saved = Object.keys(values).length;
    if (saved) await commit(values);
    return saved;
  });
}

/**
 * After an update: bring every stored account to the current layout (schema 4: split heads,
 * chunks by year and index entries). Records that cannot be migrated are set aside. Safe to
 * interrupt: each account is written whole (head, chunks and entry in one call) before what it
 * replaces is removed (schema 3's monthly chunks), whole records of schema 2 and split accounts
 * of schema 3 are still read until they are rewritten, and `meta` is written last. Monthly chunks
 * left next to a schema-4 head (a run stopped between its write and its removal) are removed.
 */
export async function migrateAll(): Promise<{ migrated: number; quarantined: number }> {
  return withStoreLock(async () => {
    const meta = (await getRaw([META_KEY]))[META_KEY] as { version?: number } | undefined;
    if (meta?.version === SCHEMA_VERSION) return { migrated: 0, quarantined: 0 };
    const all = await getEverything();
    const oldIndex = all[INDEX_KEY] as { accounts?: Record<string, { last?: number; sum?: unknown }> } | undefined;
    const storedChunks = new Map<string, string[]>();
    for (const k of Object.keys(all)) {
      const parsed = parseChunkKey(k);
      if (parsed) storedChunks.set(parsed[0], [...(storedChunks.get(parsed[0]) ?? []), parsed[1]]);
    }
    const list: AccountList = { v: LIST_VERSION, a: {} };
    let migrated = 0;
    let quarantined = 0;
    const now = Date.now();
    let values: Record<string, unknown> = {};
    let remove: string[] = [];
    const flush = async () => {
      await commit(values, remove);
      values = {};
      remove = [];
    };
    for (const [k, v] of Object.entries(all)) {
      if (!k.startsWith(RECORD_PREFIX)) continue;
      const key = k.slice(RECORD_PREFIX.length);
      let data: unknown;
      try {
        data = decode(v);
      } catch {
        data = undefined;
      }
      if (data !== undefined && !isWholeRecord(data) && !isHeadV3(data) && !isHeadV4(data) && HeadSchema.safeParse(data).success) {
        list.a[key] = (data as Head).handle;
        // monthly copies left by an interrupted migration (the head was written from them)
        for (const name of storedChunks.get(key) ?? []) if (!CHUNK_NAME.test(name)) remove.push(chunkKey(key, name));
        if (remove.length >= 200) await flush();
        continue;
      }
      if (data !== undefined && (isHeadV3(data) || isHeadV4(data))) {
        // schema 3 or 4: the head and every chunk (damaged ones set aside), written back by year
        // with the newest posts in the recent chunk
        const q: SetAside = { values: {}, keys: [] };
        const st = (await loadAccounts([key], 'all', q, now, true)).get(key);
        const extra = (storedChunks.get(key) ?? []).filter((n) => st && !st.loaded.has(n));
        if (st && extra.length) {
          await loadChunks([[st, extra]], q, now);
          for (const n of extra) st.prev[n] = [0, 0];
        }
        Object.assign(values, q.values);
        remove.push(...q.keys);
        if (q.keys.includes(k)) quarantined++;
        if (st) {
          const sum = parseEntry(all[idxKey(key)])?.sum;
          writeAccount(st, values, remove, sum);
          list.a[key] = st.rec.handle;
          if (!q.keys.includes(k)) migrated++;
        } else remove.push(idxKey(key));
        if (Object.keys(values).length >= 200) await flush();
        continue;
      }
      const r = data === undefined ? ({ ok: false, error: 'not JSON' } as const) : migrateRecord(data);
      if (!r.ok) {
        values[`${QUARANTINE_PREFIX}${key}:${now}`] = { reason: r.error, at: now, key, storageKey: k, value: v };
        remove.push(k, idxKey(key));
        quarantined++;
      } else {
        const old = oldIndex?.accounts?.[key];
        const sum = old && old.last === r.record.last * 1000 && old.sum ? (old.sum as Summary) : undefined;
        writeAccount(
          { key, rec: r.record, prev: {}, loaded: new Set(), full: true, raw: new Map() },
          values,
          remove,
          sum && isSummaryShape(sum) ? sum : undefined,
        );
        list.a[key] = r.record.handle;
        migrated++;
      }
      if (Object.keys(values).length >= 200) await flush();
    }
    values[INDEX_KEY] = encode(list);
    await flush();
    await commit({ [META_KEY]: { version: SCHEMA_VERSION } });
    return { migrated, quarantined };
  });
}

/** Keys of the idx entries (for tools). */
export const indexEntryKey = idxKey;
export { IDX_PREFIX };
