/** The prepared backup tests/fixtures/backups/dashboard-demo.json as store records (checked like an import). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkBackupText } from '@/lib/backup/import';
import type { AccountRecord } from '@/lib/store/records';

export const DEMO_PATH = resolve('tests/fixtures/backups/dashboard-demo.json');
export const DEMO_TEXT = readFileSync(DEMO_PATH, 'utf8');
/** The fixture's times are before this; import checks refuse times in the future. */
export const DEMO_NOW = Date.UTC(2026, 10, 22);

export function demoCheck() {
  const check = checkBackupText(DEMO_TEXT, DEMO_NOW);
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return check;
}

export function demoRecords(): AccountRecord[] {
  return structuredClone(demoCheck().records);
}
