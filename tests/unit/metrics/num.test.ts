import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactCount } from '@/lib/count';
import { add, div, divBy, exactNum, fromCount, makeNum, mean, median, mul, type Num, quantile, scale, sub, sum } from '@/lib/metrics/num';
import { madOf, medianOf, modifiedZ, quantileOf, robust } from '@/lib/metrics/stats';
import { parseCount } from '@/lib/numbers';

const n = (v: number) => exactNum(v) as Num;
const iv = (value: number, low: number, high: number) => makeNum(value, low, high, false) as Num;

describe('fromCount', () => {
  it.each([
    ['1 234', { value: 1234, low: 1234, high: 1234, exact: true }],
    ['1.2K', { value: 1200, low: 1150, high: 1299, exact: false }],
    ['1,2 тыс.', { value: 1200, low: 1150, high: 1299, exact: false }],
    ['12K', { value: 12000, low: 11500, high: 12999, exact: false }],
    ['1.5M', { value: 1_500_000, low: 1_450_000, high: 1_599_999, exact: false }],
  ])('%s -> closed integer interval', (text, want) => {
    expect(fromCount(parseCount(text))).toEqual(want);
  });
  it('unknown stays unknown', () => {
    expect(fromCount(null)).toBeNull();
    expect(fromCount(undefined)).toBeNull();
  });
  it('an exact count is a point', () => {
    expect(fromCount(exactCount(0))).toEqual({ value: 0, low: 0, high: 0, exact: true });
  });
});

describe('operations, hand-computed', () => {
  it('add, sub, scale', () => {
    expect(add(iv(10, 9, 12), iv(5, 4, 6))).toEqual({ value: 15, low: 13, high: 18, exact: false });
    expect(sub(iv(10, 9, 12), iv(5, 4, 6))).toEqual({ value: 5, low: 3, high: 8, exact: false });
    expect(scale(iv(10, 9, 12), -2)).toEqual({ value: -20, low: -24, high: -18, exact: false });
    expect(sum([])).toBeNull();
  });
  it('div: positive denominators only, never Infinity', () => {
    expect(div(iv(10, 9, 12), iv(5, 4, 6))).toEqual({ value: 2, low: 1.5, high: 3, exact: false });
    expect(div(iv(-10, -12, -9), iv(5, 4, 6))).toEqual({ value: -2, low: -3, high: -1.5, exact: false });
    expect(div(n(1), n(0))).toBeNull();
    expect(div(n(1), iv(1, 0, 2))).toBeNull();
    expect(divBy(n(1), 0)).toBeNull();
    expect(divBy(n(1), Number.NaN)).toBeNull();
  });
  it('median and mean bound every choice inside the intervals', () => {
    expect(median([n(1), n(3), n(2)])).toEqual({ value: 2, low: 2, high: 2, exact: true });
    expect(median([n(1), n(2), n(3), n(10)])).toEqual({ value: 2.5, low: 2.5, high: 2.5, exact: true });
    expect(median([iv(10, 9, 11), n(1), iv(5, 5, 20)])).toEqual({ value: 5, low: 5, high: 11, exact: false });
    expect(mean([n(1), n(2), n(6)])).toEqual({ value: 3, low: 3, high: 3, exact: true });
    expect(median([])).toBeNull();
    expect(mean([])).toBeNull();
  });
  it('makeNum refuses NaN, Infinity and disordered bounds', () => {
    expect(makeNum(Number.NaN, 0, 1, false)).toBeNull();
    expect(makeNum(1, 0, Number.POSITIVE_INFINITY, false)).toBeNull();
    expect(makeNum(5, 6, 7, false)).toBeNull();
    expect(makeNum(1, 1, 2, true)).toBeNull();
    expect(makeNum(-0, -0, -0, true)).toEqual({ value: 0, low: 0, high: 0, exact: true });
  });
});

describe('robust statistics', () => {
  it('median, MAD and the modified z-score by hand', () => {
    expect(medianOf([5, 1, 3])).toBe(3);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([])).toBeNull();
    // median 4; deviations 3 1 1 0 6 -> median 1
    expect(madOf([1, 5, 3, 4, 10])).toBe(1);
    expect(modifiedZ(10, 3, 2)).toBeCloseTo((0.6745 * 7) / 2, 12);
    expect(modifiedZ(10, 3, 0)).toBe(0);
    expect(robust([1, 1, 1, 1], 0.5)).toEqual({ median: 1, mad: 0.5, n: 4 });
    expect(quantileOf([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6, 12);
  });
  it('linear-time median equals the sorted median', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        const m = s.length % 2 ? s[(s.length - 1) / 2] : 0.5 * s[s.length / 2 - 1] + 0.5 * s[s.length / 2];
        expect((medianOf(xs) as number) + 0).toBe(m + 0); // + 0 folds -0 into 0
      }),
    );
  });
});

// ---- properties -----------------------------------------------------------------------------

/** An interval with a point inside it: the exact number a page could have hidden behind an abbreviation. */
const arbBox = fc
  .tuple(
    fc.integer({ min: 0, max: 5_000_000 }),
    fc.integer({ min: 0, max: 200_000 }),
    fc.integer({ min: 0, max: 200_000 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.boolean(),
  )
  .map(([v, dl, dh, t, exact]) => {
    if (exact) return { num: n(v), pick: v };
    const low = Math.max(0, v - dl);
    const high = v + dh;
    const pick = Math.round(low + t * (high - low));
    return { num: makeNum(v, low, high, low === high) as Num, pick };
  });

type Op = 'add' | 'sub' | 'mul' | 'div' | 'median' | 'mean' | 'q90';

function apply(op: Op, xs: Num[]): Num | null {
  switch (op) {
    case 'add':
      return add(xs[0], xs[1]);
    case 'sub':
      return sub(xs[0], xs[1]);
    case 'mul':
      return mul(xs[0], xs[1]);
    case 'div':
      return div(xs[0], xs[1]);
    case 'median':
      return median(xs);
    case 'mean':
      return mean(xs);
    case 'q90':
      return quantile(xs, 0.9);
  }
}

describe('interval arithmetic: properties', () => {
  it('the result contains the value computed from any exact numbers inside the inputs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Op>('add', 'sub', 'mul', 'div', 'median', 'mean', 'q90'),
        fc.array(arbBox, { minLength: 2, maxLength: 9 }),
        (op, boxes) => {
          const out = apply(
            op,
            boxes.map((b) => b.num),
          );
          const point = apply(
            op,
            boxes.map((b) => n(b.pick)),
          );
          if (op === 'div' && !(boxes[1].num.low > 0)) {
            expect(out).toBeNull();
            return;
          }
          expect(out).not.toBeNull();
          expect(point).not.toBeNull();
          const o = out as Num;
          const p = point as Num;
          expect(p.exact).toBe(true);
          expect(o.low).toBeLessThanOrEqual(p.value);
          expect(p.value).toBeLessThanOrEqual(o.high);
          expect(o.low).toBeLessThanOrEqual(o.value);
          expect(o.value).toBeLessThanOrEqual(o.high);
          for (const x of [o.value, o.low, o.high]) expect(Number.isFinite(x)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('exact inputs give exact outputs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Op>('add', 'sub', 'mul', 'div', 'median', 'mean', 'q90'),
        fc.array(fc.integer({ min: 1, max: 1e7 }), { minLength: 2, maxLength: 9 }),
        (op, vs) => {
          const out = apply(op, vs.map(n)) as Num;
          expect(out.exact).toBe(true);
          expect(out.low).toBe(out.value);
          expect(out.high).toBe(out.value);
        },
      ),
    );
  });
});

describe('robust statistics: edge cases', () => {
  it('empty input is null, with or without a given median', () => {
    expect(madOf([], 3)).toBeNull();
    expect(madOf([])).toBeNull();
    expect(robust([])).toBeNull();
  });
  it('medians of long lists (the scratch buffer grows) stay exact', () => {
    const xs = Array.from({ length: 5001 }, (_, i) => (i * 7919) % 5001);
    expect(medianOf(xs)).toBe(2500);
    expect(medianOf([3, 1])).toBe(2);
  });
});
