/**
 * Periods the user picks as local dates ("2026-10-01" to "2026-10-31", both days included) and
 * the time spans the engine takes ({ from, to } in epoch ms, inclusive). Local midnight is the
 * browser's time zone, as the date inputs show it.
 */
import { DAY } from '../metrics/options';
import type { Period } from '../metrics/types';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a YYYY-MM-DD date, or null when it is not a real date. */
export function localDayStart(text: string | null | undefined): number | null {
  const m = text ? DATE.exec(text) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.getTime();
}

/** The local date of a moment, as YYYY-MM-DD. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Add whole days to a YYYY-MM-DD date (calendar days, so daylight saving does not shift it). */
export function addDays(text: string, days: number): string {
  const start = localDayStart(text);
  if (start === null) return text;
  const d = new Date(start);
  d.setDate(d.getDate() + days);
  return localDate(d.getTime());
}

export type PeriodProblem = 'missing' | 'invalid' | 'reversed';

/**
 * The span of a period of local dates: from the start of the first day to the last millisecond of
 * the last day. Problems: a date missing, not a date, or the end before the start.
 */
export function periodOf(
  from: string | null,
  to: string | null,
): { ok: true; period: Period; days: number } | { ok: false; problem: PeriodProblem } {
  if (!from || !to) return { ok: false, problem: 'missing' };
  const a = localDayStart(from);
  const b = localDayStart(to);
  if (a === null || b === null) return { ok: false, problem: 'invalid' };
  if (b < a) return { ok: false, problem: 'reversed' };
  const end = localDayStart(addDays(to, 1)) as number;
  return { ok: true, period: { from: a, to: end - 1 }, days: Math.round((end - a) / DAY) };
}

export type Preset = 'last7' | 'last30' | 'last90' | 'thisMonth' | 'prevMonth';
export const PRESETS: readonly Preset[] = ['last7', 'last30', 'last90', 'thisMonth', 'prevMonth'];

/** A preset period ending at `today` (a YYYY-MM-DD date), as local dates. */
export function presetDates(preset: Preset, today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number);
  const p = (n: number) => String(n).padStart(2, '0');
  switch (preset) {
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'last90':
      return { from: addDays(today, -89), to: today };
    case 'thisMonth':
      return { from: `${y}-${p(m)}-01`, to: today };
    case 'prevMonth': {
      const py = m === 1 ? y - 1 : y;
      const pm = m === 1 ? 12 : m - 1;
      const last = new Date(py, pm, 0).getDate();
      return { from: `${py}-${p(pm)}-01`, to: `${py}-${p(pm)}-${p(last)}` };
    }
  }
}
