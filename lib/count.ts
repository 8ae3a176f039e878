/**
 * A count read from a page, with its precision.
 *
 * - exact counts ("1 234", title="1,234", JSON): value = low = high, exact = true;
 * - abbreviated counts ("1,2 тыс.", "12K"): value is the number as displayed, and the true count
 *   lies in [low, high) (see `abbreviationInterval` in ./numbers.ts), exact = false;
 * - `raw` is the text (or attribute / JSON value) the count was read from.
 *
 * An unknown count is `null`, never 0 and never a guess. The zod schema is CountSchema in
 * ./model.ts (kept apart so content scripts do not ship zod).
 */
export interface Count {
  value: number;
  low: number;
  high: number;
  exact: boolean;
  raw: string;
}
export type MaybeCount = Count | null;

/** The largest count any page could honestly show (10^13 is far above any follower count). */
export const MAX_COUNT = 1e13;

export function exactCount(value: number, raw: string = String(value)): Count | null {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_COUNT) return null;
  return { value, low: value, high: value, exact: true, raw: raw.slice(0, 200) };
}

export function intervalCount(value: number, low: number, high: number, raw: string): Count | null {
  if (![value, low, high].every((n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_COUNT)) return null;
  if (!(low <= value && value <= high)) return null;
  if (low === high) return exactCount(value, raw);
  return { value, low, high, exact: false, raw: raw.slice(0, 200) };
}

/** True when the true value behind `c` could be `n`. */
export function countAdmits(c: Count, n: number): boolean {
  return c.exact ? c.value === n : n >= c.low && n < c.high;
}

/** Do two readings of the same number agree (their intervals overlap)? */
export function countsAgree(a: Count, b: Count): boolean {
  if (a.exact && b.exact) return a.value === b.value;
  if (a.exact) return countAdmits(b, a.value);
  if (b.exact) return countAdmits(a, b.value);
  return a.low < b.high && b.low < a.high;
}

/**
 * Combine several readings of the same number, most trusted first.
 * Exact readings win over abbreviations when they agree; when exact readings disagree with each
 * other, or an exact reading contradicts an abbreviation, the answer is unknown (null).
 * Without an exact reading, the intersection of the intervals is returned.
 */
export function reconcileCounts(readings: ReadonlyArray<Count | null | undefined>): Count | null {
  const known = readings.filter((c): c is Count => c != null);
  if (known.length === 0) return null;
  for (let i = 0; i < known.length; i++) {
    for (let j = i + 1; j < known.length; j++) {
      if (!countsAgree(known[i], known[j])) return null;
    }
  }
  const exact = known.find((c) => c.exact);
  if (exact) return exact;
  let best = known[0];
  let low = best.low;
  let high = best.high;
  for (const c of known) {
    low = Math.max(low, c.low);
    high = Math.min(high, c.high);
    if (c.high - c.low < best.high - best.low) best = c;
  }
  if (low >= high) return null;
  const value = Math.min(Math.max(best.value, low), high);
  return intervalCount(value, low, high, best.raw);
}

/** Same count, same precision (raw text may differ). */
export function sameCount(a: Count | null, b: Count | null): boolean {
  if (a === null || b === null) return a === b;
  return a.value === b.value && a.low === b.low && a.high === b.high && a.exact === b.exact;
}
