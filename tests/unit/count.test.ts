import { describe, expect, it } from 'vitest';
import { countsAgree, exactCount, intervalCount, reconcileCounts } from '@/lib/count';
import { parseCount } from '@/lib/numbers';

const c = (text: string) => parseCount(text);

describe('reconcileCounts', () => {
  it('an exact reading wins over an agreeing abbreviation', () => {
    expect(reconcileCounts([c('1.2K'), c('1,234')])).toMatchObject({ value: 1234, exact: true });
  });
  it('exact readings that disagree give unknown', () => {
    expect(reconcileCounts([c('1,234'), c('1,235')])).toBeNull();
  });
  it('an exact reading outside the abbreviation gives unknown', () => {
    expect(reconcileCounts([c('1.2K'), c('1,500')])).toBeNull();
  });
  it('two abbreviations intersect', () => {
    const r = reconcileCounts([c('1.2K'), c('1,2 тыс.')]);
    expect(r).toMatchObject({ value: 1200, low: 1150, high: 1300, exact: false });
  });
  it('disjoint abbreviations give unknown', () => {
    expect(reconcileCounts([c('1.2K'), c('2K')])).toBeNull();
  });
  it('nothing known gives unknown', () => {
    expect(reconcileCounts([null, undefined])).toBeNull();
  });
  it('agreement is symmetric', () => {
    const a = exactCount(1200);
    const b = intervalCount(1200, 1150, 1300, '1.2K');
    expect(a && b && countsAgree(a, b)).toBe(true);
    expect(a && b && countsAgree(b, a)).toBe(true);
  });
  it('refuses impossible counts', () => {
    expect(exactCount(-1)).toBeNull();
    expect(exactCount(1.5)).toBeNull();
    expect(intervalCount(10, 11, 12, 'x')).toBeNull();
  });
});
