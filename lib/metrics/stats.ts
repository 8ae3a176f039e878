/**
 * Robust statistics on plain numbers (SIGNALS.md: med/MAD and the Iglewicz-Hoaglin modified
 * z-score). Empty input gives null, never NaN.
 */
import { quantileSorted } from './num';

/** Sorted copy; a typed array sorts numerically without a comparator callback (fast). */
const sortedCopy = (xs: readonly number[]): Float64Array => Float64Array.from(xs).sort();

/** k-th smallest (0-based) among the first n values of a scratch array, which it reorders (Hoare's quickselect, O(n)). */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/**
 * One scratch buffer for medians: no allocation per call (the signals take thousands of medians
 * over two years of visits). Safe because medians never nest.
 */
let scratch = new Float64Array(256);
function buffer(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  return scratch;
}

/** Median of the first n values of the scratch buffer (reorders them). */
function medianInPlace(a: Float64Array, n: number): number {
  const hi = select(a, n, n >> 1);
  if (n % 2 === 1) return hi;
  // the lower middle is the largest value left of the upper middle after partitioning
  let lo = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >> 1; i++) if (a[i] > lo) lo = a[i];
  return 0.5 * lo + 0.5 * hi;
}

/** Median (the mean of the two middle values for an even count), in linear time. */
export function medianOf(xs: ArrayLike<number>): number | null {
  const n = xs.length;
  if (n === 0) return null;
  const a = buffer(n);
  for (let i = 0; i < n; i++) a[i] = xs[i];
  return medianInPlace(a, n);
}

export function quantileOf(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  return quantileSorted(sortedCopy(xs), p);
}

/** Median absolute deviation from the median (unscaled). */
export function madOf(xs: readonly number[], med?: number): number | null {
  const m = med ?? medianOf(xs);
  if (m === null) return null;
  const n = xs.length;
  if (n === 0) return null;
  const a = buffer(n);
  for (let i = 0; i < n; i++) a[i] = Math.abs(xs[i] - m);
  return medianInPlace(a, n);
}

/** M(x) = 0.6745 (x - med) / MAD; |M| >= 3.5 is an outlier (Iglewicz and Hoaglin 1993). */
export function modifiedZ(x: number, med: number, mad: number): number {
  return mad > 0 ? (0.6745 * (x - med)) / mad : 0;
}

export interface Robust {
  median: number;
  mad: number;
  n: number;
}

/** Median and MAD, the MAD floored (a flat baseline must not make every wiggle an outlier). */
export function robust(xs: readonly number[], madFloor = 0): Robust | null {
  const med = medianOf(xs);
  if (med === null) return null;
  const mad = madOf(xs, med) ?? 0;
  return { median: med, mad: Math.max(mad, madFloor), n: xs.length };
}
