/**
 * CSV export: one file of account snapshots, one of post observations. UTF-8 with a BOM so that
 * Excel shows Cyrillic; comma-separated, RFC 4180 quoting; cells that a spreadsheet would run as a
 * formula (=, +, -, @ at the start, unless the cell is a plain number such as a VK id "-2513295")
 * are prefixed with an apostrophe.
 */
import type { Count } from '../count';
import { decodeRecord } from '../store/history';
import type { AccountRecord } from '../store/records';

export const BOM = '\ufeff';
type Cell = string | number | boolean | null;

export function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const plainNumber = /^[-+]?\d+(?:[.,]\d+)?$/.test(v);
  const text = /^[=+\-@\t\r]/.test(v) && !plainNumber ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return `${BOM + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const countCols = (name: string) => [name, `${name}_low`, `${name}_high`, `${name}_exact`];
const countCells = (c: Count | null): Cell[] => (c === null ? [null, null, null, null] : [c.value, c.low, c.high, c.exact]);

export function snapshotsCsv(records: AccountRecord[]): string {
  const header = [
    'platform',
    'account_id',
    'handle',
    'name',
    'at',
    ...countCols('followers'),
    ...countCols('following'),
    ...countCols('posts'),
  ];
  const rows: Cell[][] = [];
  for (const rec of records) {
    const h = decodeRecord(rec);
    for (const s of h.snapshots) {
      rows.push([
        h.platform,
        h.id,
        h.handle,
        h.name,
        iso(s.at),
        ...countCells(s.followers),
        ...countCells(s.following),
        ...countCells(s.posts),
      ]);
    }
  }
  return toCsv(header, rows);
}

export function postsCsv(records: AccountRecord[]): string {
  const header = [
    'platform',
    'account_id',
    'post_id',
    'url',
    'published_at',
    'kind',
    'pinned',
    'likes_hidden',
    'ad',
    'observed_at',
    ...countCols('likes'),
    ...countCols('comments'),
    ...countCols('shares'),
    ...countCols('views'),
  ];
  const rows: Cell[][] = [];
  for (const rec of records) {
    const h = decodeRecord(rec);
    for (const p of h.posts) {
      for (const o of p.observations) {
        rows.push([
          h.platform,
          h.id,
          p.id,
          p.url,
          iso(p.publishedAt),
          p.kind,
          p.pinned,
          p.likesHidden,
          p.ad,
          iso(o.at),
          ...countCells(o.likes),
          ...countCells(o.comments),
          ...countCells(o.shares),
          ...countCells(o.views),
        ]);
      }
    }
  }
  return toCsv(header, rows);
}
