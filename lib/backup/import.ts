/**
 * Import a backup: check the whole file before changing anything, then merge it into the store
 * without duplicates. A bad file is refused with a message that says what is wrong, and the store
 * stays as it was.
 */
import { z } from 'zod';
import type { Count } from '../count';
import { accountKey } from '../keys';
import { isCanonicalPostUrl } from '../platforms';
import { DEFAULT_HISTORY_OPTIONS, isoToSec, mergeRecords } from '../store/history';
import {
  type AccountRecord,
  AccountRecordSchema,
  type CommentTuple,
  type ObsTuple,
  POST_FLAGS,
  packCount,
  packKind,
  SCHEMA_VERSION,
  type SnapTuple,
} from '../store/records';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup, type BackupAccount, BackupSchema, MAX_BACKUP_BYTES } from './format';

export type ImportErrorCode = 'too-large' | 'empty-file' | 'not-json' | 'wrong-format' | 'wrong-version' | 'invalid';

export interface ImportProblem {
  code: ImportErrorCode;
  /** Where in the file (JSON path), when it is about one value. */
  path?: string;
  /** English detail for the log and the message; the UI adds a translated headline. */
  detail: string;
}

export type ImportCheck = { ok: true; backup: Backup; records: AccountRecord[] } | { ok: false; problems: ImportProblem[] };

const FUTURE_SLACK_MS = 24 * 3600 * 1000;

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

/** Values that pass the schema but cannot be right. */
function semanticProblems(backup: Backup, now: number): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const future = now + FUTURE_SLACK_MS;
  const checkTime = (iso: string | null | undefined, path: string) => {
    if (!iso) return;
    const t = Date.parse(iso);
    if (!(t > Date.UTC(2004, 0, 1))) problems.push({ code: 'invalid', path, detail: `time ${iso} is before 2004` });
    else if (t > future) problems.push({ code: 'invalid', path, detail: `time ${iso} is in the future` });
  };
  backup.accounts.forEach((a, i) => {
    const base = `accounts[${i}]`;
    checkTime(a.firstSeen, `${base}.firstSeen`);
    checkTime(a.lastSeen, `${base}.lastSeen`);
    a.snapshots.forEach((s, j) => {
      checkTime(s.at, `${base}.snapshots[${j}].at`);
    });
    const postIds = new Set<string>();
    a.posts.forEach((p, j) => {
      if (postIds.has(p.id)) problems.push({ code: 'invalid', path: `${base}.posts[${j}].id`, detail: `post ${p.id} appears twice` });
      postIds.add(p.id);
      checkTime(p.publishedAt, `${base}.posts[${j}].publishedAt`);
      p.observations.forEach((o, k) => {
        checkTime(o.at, `${base}.posts[${j}].observations[${k}].at`);
      });
      if (p.likesHidden && p.observations.some((o) => o.likes !== null)) {
        problems.push({ code: 'invalid', path: `${base}.posts[${j}]`, detail: 'likes are hidden but a like count is given' });
      }
    });
  });
  return problems;
}

const sec = (iso: string) => isoToSec(iso) as number;
const pack = (c: Count | null) => packCount(c);

export function accountToRecord(a: BackupAccount): AccountRecord {
  const times = [...a.snapshots.map((s) => sec(s.at)), ...a.posts.flatMap((p) => p.observations.map((o) => sec(o.at)))];
  const first = a.firstSeen ? sec(a.firstSeen) : times.length ? Math.min(...times) : 0;
  const last = a.lastSeen ? sec(a.lastSeen) : times.length ? Math.max(...times) : first;
  const rec: AccountRecord = {
    v: SCHEMA_VERSION,
    platform: a.platform,
    id: a.id,
    nativeId: a.nativeId,
    handle: a.handle,
    name: a.name,
    url: a.url,
    kind: a.kind,
    priv: a.isPrivate,
    first: Math.min(first, last),
    last: Math.max(first, last),
    s: [],
    p: {},
  };
  const snaps: SnapTuple[] = a.snapshots.map((s) => [sec(s.at), pack(s.followers), pack(s.following), pack(s.posts)]);
  snaps.sort((x, y) => x[0] - y[0]);
  // one reading per second: keep the first of duplicates
  rec.s = snaps.filter((s, i) => i === 0 || s[0] !== snaps[i - 1][0]);
  for (const p of a.posts) {
    const o: ObsTuple[] = p.observations.map((x) => [sec(x.at), pack(x.likes), pack(x.comments), pack(x.shares), pack(x.views)]);
    o.sort((x, y) => x[0] - y[0]);
    const c: CommentTuple[] = p.comments.map((x) => [x.text, x.author, x.at ? sec(x.at) : null, x.byOwner ? 1 : 0]);
    rec.p[p.id] = {
      t: p.publishedAt ? sec(p.publishedAt) : null,
      k: packKind(p.kind),
      f:
        (p.pinned ? POST_FLAGS.pinned : 0) |
        (p.likesHidden ? POST_FLAGS.likesHidden : 0) |
        (p.ad ? POST_FLAGS.ad : 0) |
        (p.giveaway ? POST_FLAGS.giveaway : 0),
      o: o.filter((x, i) => i === 0 || x[0] !== o[i - 1][0]),
      ...(c.length ? { c } : {}),
      ...(isCanonicalPostUrl(a.platform, p.id, p.kind, p.url) ? {} : { u: p.url }),
    };
  }
  return rec;
}

/** Check a backup file's text. Nothing is written. */
export function checkBackupText(text: string, now = Date.now()): ImportCheck {
  if (text.length === 0 || text.trim().length === 0) return { ok: false, problems: [{ code: 'empty-file', detail: 'the file is empty' }] };
  if (text.length > MAX_BACKUP_BYTES) {
    return { ok: false, problems: [{ code: 'too-large', detail: `the file is larger than ${MAX_BACKUP_BYTES / 1024 / 1024} MB` }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, problems: [{ code: 'not-json', detail: e instanceof Error ? e.message : 'not JSON' }] };
  }
  return checkBackup(json, now);
}

export function checkBackup(json: unknown, now = Date.now()): ImportCheck {
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== BACKUP_FORMAT) {
    return { ok: false, problems: [{ code: 'wrong-format', detail: `not an SMM Lens backup (expected "format": "${BACKUP_FORMAT}")` }] };
  }
  const version = (json as { version?: unknown }).version;
  if (version !== BACKUP_VERSION) {
    return {
      ok: false,
      problems: [
        {
          code: 'wrong-version',
          detail: `backup version ${JSON.stringify(version)} is not supported (this version reads ${BACKUP_VERSION})`,
        },
      ],
    };
  }
  const parsed = BackupSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.slice(0, 10).map((issue) => ({ code: 'invalid', path: pathOf(issue.path), detail: issue.message })),
    };
  }
  const problems = semanticProblems(parsed.data, now);
  if (problems.length) return { ok: false, problems: problems.slice(0, 10) };
  // Accounts that appear twice in the file are merged, not duplicated.
  const byKey = new Map<string, AccountRecord>();
  for (const account of parsed.data.accounts) {
    const rec = accountToRecord(account);
    const k = accountKey(rec.platform, rec.id);
    const existing = byKey.get(k);
    byKey.set(k, existing ? mergeRecords(existing, rec, { ...DEFAULT_HISTORY_OPTIONS, maxObservationsPerPost: 1000 }) : rec);
  }
  const records = [...byKey.values()];
  for (const rec of records) {
    const valid = AccountRecordSchema.safeParse(rec);
    if (!valid.success)
      return { ok: false, problems: [{ code: 'invalid', path: `${rec.platform}:${rec.id}`, detail: z.prettifyError(valid.error) }] };
  }
  return { ok: true, backup: parsed.data, records };
}
