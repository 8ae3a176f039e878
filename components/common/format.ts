/**
 * How the views write numbers: a value with its unit ("2.4 %", "+140", "22.22 ₽") and, when the
 * numbers behind it were abbreviated, the interval it lies in ("(2.3–2.5)"). Number formats are
 * cached per language and digits (a table of 500 accounts formats thousands of numbers).
 */
import type { Translator } from '@/lib/i18n';
import type { Num } from '@/lib/metrics/num';
import type { Metric, Unit } from '@/lib/metrics/types';

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: string, digits: number, signed: boolean, currency?: string): Intl.NumberFormat {
  const k = `${lang}|${digits}|${signed ? 1 : 0}|${currency ?? ''}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(lang, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
      ...(currency ? { style: 'currency' as const, currency, currencyDisplay: 'narrowSymbol' as const } : {}),
    });
    cache.set(k, f);
  }
  return f;
}

/** Fraction digits for a value: 2 below 1, 1 below 100, else 0 (whole numbers: 0). */
export function digitsFor(v: number, unit?: Unit): number {
  if (unit === 'money') return Math.abs(v) < 100 ? 2 : 0;
  if (Number.isInteger(v)) return 0;
  const a = Math.abs(v);
  return a < 1 ? 2 : a < 100 ? 1 : 0;
}

export interface FormatOptions {
  /** "+140", "−2.1 %": growth */
  signed?: boolean;
  /** ISO 4217 code for money */
  currency?: string;
  digits?: number;
}

export interface NumParts {
  /** the value with its unit: "2.4 %" */
  value: string;
  /** the interval, when the value is not exact: "2.3–2.5" (no unit) */
  range: string | null;
  /** both: "2.4 % (2.3–2.5)" */
  full: string;
}

function withUnit(t: Translator, body: string, unit: Unit | undefined): string {
  switch (unit) {
    case 'percent':
    case 'share':
    case 'percentPerPeriod':
      return t.t('metric.unit.percent', { v: body });
    case 'times':
      return t.t('metric.unit.times', { v: body });
    default:
      return body;
  }
}

/** A number with its unit and interval. */
export function numParts(t: Translator, n: Num, unit?: Unit, o: FormatOptions = {}): NumParts {
  const d = o.digits ?? digitsFor(n.value, unit);
  const money = unit === 'money' && o.currency ? o.currency : undefined;
  const main = nf(t.lang, d, Boolean(o.signed), money).format(n.value);
  const value = money ? main : withUnit(t, main, unit);
  if (n.exact) return { value, range: null, full: value };
  const lo = nf(t.lang, d, Boolean(o.signed)).format(n.low);
  const hi = nf(t.lang, d, Boolean(o.signed)).format(n.high);
  if (lo === hi && lo === nf(t.lang, d, Boolean(o.signed)).format(n.value)) return { value, range: null, full: value };
  // "−49 … +249" reads better than "−49–249" when a bound is negative
  const range = n.low < 0 || o.signed ? `${lo} … ${hi}` : `${lo}–${hi}`;
  return { value, range, full: `${value} (${range})` };
}

/** A known metric's text, or "unknown". */
export function metricText(t: Translator, m: Metric, o: FormatOptions = {}): string {
  return m.status === 'ok' ? numParts(t, m, m.unit, o).full : t.t('common.unknown');
}

/** A plain number in the UI language (cached format). */
export function plain(t: Translator, v: number, digits = digitsFor(v)): string {
  return nf(t.lang, digits, false).format(v);
}
