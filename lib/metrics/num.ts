/**
 * Interval arithmetic: the base of every number the engine computes.
 *
 * A `Num` is a value with the closed interval [low, high] the true value lies in, and `exact`
 * when the interval is a point. Counts read from pages become Nums with `fromCount`: an exact
 * count is a point; an abbreviated count "1.2K" ([1150, 1300) in lib/count.ts, high exclusive) is
 * the closed integer interval [1150, 1299], since a count is a whole number.
 *
 * Guarantees (property-tested in tests/unit/metrics/num.test.ts):
 * - exact inputs give exact outputs (low = value = high, computed by the same operations);
 * - for any exact numbers inside the inputs' intervals, the same computation lands inside the
 *   output interval. Every operation here is monotone in each argument on the domain it accepts,
 *   and IEEE round-to-nearest is monotone too, so the bounds hold in floating point;
 * - no NaN and no Infinity: an operation that cannot give a finite answer (division by an
 *   interval that touches 0, an empty list) returns null, which callers turn into "unknown".
 */
import type { Count } from '../count';

export interface Num {
  /** the value computed from the numbers as displayed */
  value: number;
  /** lowest value consistent with the inputs (closed) */
  low: number;
  /** highest value consistent with the inputs (closed) */
  high: number;
  /** every input was exact: low = value = high */
  exact: boolean;
}

const finite = (...xs: number[]) => xs.every((x) => Number.isFinite(x));

/** Build a Num, or null when any part is not finite or the bounds are out of order. */
export function makeNum(value: number, low: number, high: number, exact: boolean): Num | null {
  if (!finite(value, low, high)) return null;
  // -0 is normalised so results serialise and compare plainly.
  const v = value === 0 ? 0 : value;
  const lo = low === 0 ? 0 : low;
  const hi = high === 0 ? 0 : high;
  if (exact) return lo === v && hi === v ? { value: v, low: v, high: v, exact: true } : null;
  if (!(lo <= v && v <= hi)) return null;
  return { value: v, low: lo, high: hi, exact: lo === hi };
}

export function exactNum(value: number): Num | null {
  return makeNum(value, value, value, true);
}

/** A count from a page as a Num; null stays null (unknown). */
export function fromCount(c: Count | null | undefined): Num | null {
  if (!c) return null;
  if (c.exact || c.low === c.high) return exactNum(c.value);
  const high = Math.max(c.low, c.high - 1); // integer counts: [low, high) = [low, high - 1]
  const value = Math.min(Math.max(c.value, c.low), high);
  return makeNum(value, c.low, high, false);
}

export function add(a: Num, b: Num): Num | null {
  return makeNum(a.value + b.value, a.low + b.low, a.high + b.high, a.exact && b.exact);
}

export function sub(a: Num, b: Num): Num | null {
  return makeNum(a.value - b.value, a.low - b.high, a.high - b.low, a.exact && b.exact);
}

/** Sum of a list (null for an empty list). */
export function sum(xs: readonly Num[]): Num | null {
  if (xs.length === 0) return null;
  let v = 0;
  let lo = 0;
  let hi = 0;
  let exact = true;
  for (const x of xs) {
    v += x.value;
    lo += x.low;
    hi += x.high;
    exact &&= x.exact;
  }
  return makeNum(v, lo, hi, exact);
}

/** Multiply by a known constant. */
export function scale(a: Num, k: number): Num | null {
  if (!Number.isFinite(k)) return null;
  const x = a.low * k;
  const y = a.high * k;
  return makeNum(a.value * k, Math.min(x, y), Math.max(x, y), a.exact);
}

export function mul(a: Num, b: Num): Num | null {
  const products = [a.low * b.low, a.low * b.high, a.high * b.low, a.high * b.high];
  return makeNum(a.value * b.value, Math.min(...products), Math.max(...products), a.exact && b.exact);
}

/**
 * a / b. Unknown (null) when b can be 0 or negative: every ratio the product shows has a
 * positive denominator (followers, likes, views, days), and an interval touching 0 would make
 * the quotient unbounded.
 */
export function div(a: Num, b: Num): Num | null {
  if (!(b.low > 0)) return null;
  // b > 0: a/b is increasing in a, and in b decreasing when a >= 0, increasing when a < 0.
  const low = a.low >= 0 ? a.low / b.high : a.low / b.low;
  const high = a.high >= 0 ? a.high / b.low : a.high / b.high;
  return makeNum(a.value / b.value, low, high, a.exact && b.exact);
}

/** a / k for a known positive constant. */
export function divBy(a: Num, k: number): Num | null {
  if (!(k > 0) || !Number.isFinite(k)) return null;
  return makeNum(a.value / k, a.low / k, a.high / k, a.exact);
}

/** Sorted copy (numbers). */
const sorted = (xs: readonly number[]) => [...xs].sort((p, q) => p - q);

/** Linear-interpolation quantile (R type 7) of sorted numbers; p in [0, 1]. */
export function quantileSorted(s: ArrayLike<number>, p: number): number {
  if (s.length === 1) return s[0];
  const h = (s.length - 1) * p;
  const i = Math.floor(h);
  const f = h - i;
  // (1 - f) a + f b rather than a + f (b - a): each term is monotone in its own argument under
  // round-to-nearest, so the bounds computed from lows and highs stay bounds in floating point.
  return i + 1 < s.length && f > 0 ? (1 - f) * s[i] + f * s[i + 1] : s[i];
}

/**
 * Quantile of intervals: each order statistic is monotone in every argument, so the quantile of
 * the lows and of the highs bound the quantile of any exact numbers inside the intervals.
 */
export function quantile(xs: readonly Num[], p: number): Num | null {
  if (xs.length === 0 || !(p >= 0 && p <= 1)) return null;
  const exact = xs.every((x) => x.exact);
  const value = quantileSorted(sorted(xs.map((x) => x.value)), p);
  if (exact) return makeNum(value, value, value, true);
  return makeNum(value, quantileSorted(sorted(xs.map((x) => x.low)), p), quantileSorted(sorted(xs.map((x) => x.high)), p), false);
}

export function median(xs: readonly Num[]): Num | null {
  return quantile(xs, 0.5);
}

export function mean(xs: readonly Num[]): Num | null {
  const s = sum(xs);
  return s && divBy(s, xs.length);
}

/** Does the interval contain 0 (the difference cannot be told from zero)? */
export const straddlesZero = (a: Num) => a.low <= 0 && a.high >= 0;

/** Combine a Num's bounds with another known relation: min(a, b) elementwise (monotone). */
export function min(a: Num, b: Num): Num | null {
  return makeNum(Math.min(a.value, b.value), Math.min(a.low, b.low), Math.min(a.high, b.high), a.exact && b.exact);
}

export function max(a: Num, b: Num): Num | null {
  return makeNum(Math.max(a.value, b.value), Math.max(a.low, b.low), Math.max(a.high, b.high), a.exact && b.exact);
}
