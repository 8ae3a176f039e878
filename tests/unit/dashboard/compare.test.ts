import { describe, expect, it } from 'vitest';
import { buildComparison, comparisonCsv, percentLine } from '@/lib/dashboard/compare';
import { createTranslator } from '@/lib/i18n';
import { isKnown } from '@/lib/metrics/types';
import { DAY, history, T0 } from '../signals/build';

/**
 * A: 10 000 -> 10 500 followers over the period (+5 %), 4 posts of 70 + 5 reactions = 300.
 * B: abbreviated "3K" then "3.3K" (VK-style display), 2 posts of 45 + 5 = 100 reactions.
 * C: one visit only, no posts in the period.
 * Share of voice: A 300 / 400 = 75 %, B 25 %, C unknown.
 */
const period = { from: T0 - 28 * DAY, to: T0 };
const a = history({
  snapshots: [
    { day: -28, followers: 10_000 },
    { day: -14, followers: 10_200 },
    { day: 0, followers: 10_500 },
  ],
  posts: [-1, -8, -15, -22].map((day, i) => ({ id: `a${i}`, day, likes: 70, comments: 5 })),
});
a.key = 'instagram:a';
a.name = '=HYPERLINK("x")';
const b = history({
  snapshots: [
    { day: -27, followers: '3K' },
    { day: -1, followers: '3.3K' },
  ],
  posts: [-3, -13].map((day, i) => ({ id: `b${i}`, day, likes: 45, comments: 5 })),
});
b.key = 'instagram:b';
b.id = 'b';
const c = history({ snapshots: [{ day: -2, followers: 100 }] });
c.key = 'instagram:c';
c.id = 'c';

describe('comparison', () => {
  const r = buildComparison([a, b, c], period);
  it('one line per account with two visits in the period, as % from its first visit there', () => {
    expect(r.lines.map((l) => l.key)).toEqual(['instagram:a', 'instagram:b']);
    expect(r.offChart).toEqual(['instagram:c']);
    const la = r.lines[0];
    expect(la.points.map((p) => Math.round(p.value * 1e9) / 1e9)).toEqual([0, 2, 5]);
    expect(la.base).toBe(T0 - 28 * DAY);
    const lb = r.lines[1].points[1];
    // "3K" is 2 500–3 999 (half a step below to one step above; the step is 1 000), "3.3K" 3 250–3 399
    expect(lb.value).toBeCloseTo(10, 10);
    expect(lb.low).toBeCloseTo((3250 / 3999 - 1) * 100, 10);
    expect(lb.high).toBeCloseTo((3399 / 2500 - 1) * 100, 10);
  });
  it('share of voice within the selection', () => {
    const share = Object.fromEntries(r.comparison.shareOfVoice.rows.map((s) => [s.key, s.share]));
    expect(isKnown(share['instagram:a']) && share['instagram:a'].value).toBeCloseTo(75, 10);
    expect(isKnown(share['instagram:b']) && share['instagram:b'].value).toBeCloseTo(25, 10);
    expect(share['instagram:c'].status).toBe('unknown');
  });
  it('a point outside the period does not start the line', () => {
    const pts = percentLine(a, { from: T0 - 20 * DAY, to: T0 }).points;
    expect(pts).toHaveLength(2);
    expect(pts[0].value).toBe(0);
    expect(pts[1].value).toBeCloseTo((300 / 10_200) * 100, 10);
  });
  it('CSV: a row per account, numbers with low and high, unknown with why, page text made formula-safe', () => {
    const csv = comparisonCsv(createTranslator('en'), r);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    const header = lines[0].replace('\ufeff', '').split(',');
    expect(header.slice(0, 4)).toEqual(['platform', 'account_id', 'name', 'url']);
    const cell = (row: number, col: string) => lines[row].split(',')[header.indexOf(col)];
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(cell(2, 'share_of_voice_pct')).toBe('25');
    expect(cell(2, 'reactions_total')).toBe('100');
    expect(cell(3, 'share_of_voice_pct')).toBe('');
    expect(lines[3]).toContain('share of voice: No posts of this period were seen');
    expect(lines[3]).toContain('growth: ');
  });
  it('500 accounts compare without a cap', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ ...a, key: `instagram:a${i}` as const, id: `a${i}` }));
    const big = buildComparison(many, period);
    expect(big.comparison.rows).toHaveLength(500);
    expect(big.lines).toHaveLength(500);
    const total = big.comparison.shareOfVoice.rows.reduce((s, x) => s + (isKnown(x.share) ? x.share.value : 0), 0);
    expect(total).toBeCloseTo(100, 8);
  });
});
