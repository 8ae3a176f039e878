import { describe, expect, it } from 'vitest';
import { tierInfo } from '@/lib/metrics/benchmarks';
import { compareAccounts, costs, kpiReport, periodActivity, shareOfVoice } from '@/lib/metrics/compare';
import { fromCount } from '@/lib/metrics/num';
import { isKnown, type Metric } from '@/lib/metrics/types';
import { c, DAY, history, posts, T0 } from '../signals/build';

const v = (m: Metric) => (isKnown(m) ? m.value : Number.NaN);
const period = { from: T0 - 28 * DAY, to: T0 };

// Account A: 4 posts in the period with 70 + 5 reactions each = 300; B: 2 posts, 50 each = 100.
const a = history({
  snapshots: [
    { day: -28, followers: 10_000, posts: 100 },
    { day: 0, followers: 10_500, posts: 112 },
  ],
  posts: posts(4, () => ({ likes: 70, comments: 5 }), -1, 7),
});
const b = history({ snapshots: [{ day: 0, followers: 3000 }], posts: posts(2, () => ({ likes: 45, comments: 5 }), -2, 10) });
b.key = 'instagram:b';
const none = history({ snapshots: [{ day: 0, followers: 100 }], posts: posts(2, () => ({ likes: 45, comments: 5 }), -60, 1) });
none.key = 'instagram:none';

describe('share of voice', () => {
  it('reactions of each account over the reactions of the group, in the period', () => {
    const sov = shareOfVoice([a, b, none], period);
    const row = Object.fromEntries(sov.rows.map((r) => [r.key, r]));
    expect(v(row['instagram:test'].reactions)).toBe(300);
    expect(v(row['instagram:test'].share)).toBeCloseTo(75, 12);
    expect(v(row['instagram:b'].share)).toBeCloseTo(25, 12);
    expect(row['instagram:none'].share.status).toBe('unknown');
    expect(sov.unknown).toEqual(['instagram:none']);
    expect(v(sov.total)).toBe(400);
  });
  it('abbreviated reactions give a share interval that holds every possible split', () => {
    const x = history({ snapshots: [{ day: 0, followers: 1 }], posts: [{ id: 'x', day: -1, likes: '1.2K', comments: 0 }] });
    const y = history({ snapshots: [{ day: 0, followers: 1 }], posts: [{ id: 'y', day: -1, likes: 1200, comments: 0 }] });
    y.key = 'instagram:y';
    const share = shareOfVoice([x, y], period).rows[0].share;
    expect(share).toMatchObject({ value: 50, exact: false });
    if (!isKnown(share)) return;
    expect(share.low).toBeCloseTo((1150 / (1150 + 1200)) * 100, 12);
    expect(share.high).toBeCloseTo((1299 / (1299 + 1200)) * 100, 12);
  });
});

describe('period activity, costs and KPI', () => {
  const act = periodActivity(a, period);
  it('activity: growth, posts per week from the post counter, reactions per post', () => {
    expect(act.growth.status === 'ok' && v(act.growth.net)).toBe(500);
    expect(v(act.postsPerWeek)).toBeCloseTo((12 / 28) * 7, 12);
    expect(act.postsPerWeek.notes?.[0].key).toBe('metric.note.postsCounter');
    expect(v(act.reactionsPerPost)).toBe(75);
    expect(act.postsSeen).toBe(4);
    expect(act.visits).toBe(2);
    expect(act.visitDays).toBe(2);
    expect(act.daysWithoutVisit).toBe(26);
    expect(act.longestGapDays).toBe(28);
  });
  it('posts per week from the posts seen when there is no counter, labelled so', () => {
    const act2 = periodActivity(b, period);
    expect(v(act2.postsPerWeek)).toBeCloseTo((2 / 28) * 7, 12);
    expect(act2.postsPerWeek.notes?.[0].key).toBe('metric.note.postsSeen');
  });
  it('cost per new follower, per engagement, per lead, per sale', () => {
    const k = costs(act, { budget: 10_000, leads: 10, sales: null });
    expect(v(k.perFollower)).toBe(20);
    expect(v(k.perEngagement)).toBeCloseTo(10_000 / 300, 12);
    expect(v(k.perLead)).toBe(1000);
    expect(k.perSale.status === 'unknown' && k.perSale.missing[0].key).toBe('metric.missing.sales');
    expect(costs(act, { budget: Number.NaN }).perFollower.status).toBe('unknown');
  });
  it('no cost per follower when followers fell, or the change is below display precision', () => {
    const fell = history({
      snapshots: [
        { day: -28, followers: 1000 },
        { day: 0, followers: 900 },
      ],
    });
    const k = costs(periodActivity(fell, period), { budget: 100 });
    expect(k.perFollower.status === 'unknown' && k.perFollower.missing[0].key).toBe('metric.missing.noNetGrowth');
    const blurry = history({
      snapshots: [
        { day: -28, followers: '12K' },
        { day: 0, followers: '13K' },
      ],
    });
    const k2 = costs(periodActivity(blurry, period), { budget: 100 });
    expect(k2.perFollower.status === 'unknown' && k2.perFollower.missing[0].key).toBe('metric.missing.belowPrecision');
  });
  it('actual against target', () => {
    const rows = Object.fromEntries(kpiReport(act, { growthPct: 4, er: 1, postsPerWeek: 5 }).map((r) => [r.kpi, r]));
    expect(v(rows.growthPct.actual)).toBeCloseTo(5, 12);
    expect(rows.growthPct.met).toBe(true);
    expect(v(rows.growthPct.ofTarget)).toBeCloseTo(125, 12);
    expect(rows.postsPerWeek.met).toBe(false);
    // ER of the 4 period posts: 75 / 10 000 or 10 500 (nearest snapshot) x 100 -> below 1 %
    expect(rows.er.met).toBe(false);
    expect(kpiReport(act, {})).toEqual([]);
  });
  it('a target inside the interval of the actual cannot be called met or missed', () => {
    const blurry = history({
      snapshots: [
        { day: -28, followers: '10K' },
        { day: 0, followers: '11K' },
      ],
    });
    const row = kpiReport(periodActivity(blurry, period), { growthPct: 10 })[0];
    expect(row.met).toBeNull();
  });
});

describe('size tiers and benchmarks (priors)', () => {
  it.each([
    ['instagram', 9_999, 'nano', 3.0],
    ['instagram', 10_000, 'micro', 1.6],
    ['instagram', 250_000, 'macro', 1.2],
    ['instagram', 5_000_000, 'mega', 0.8],
    ['vk', 50_000, 'micro', 1.5],
  ] as const)('%s %i followers: %s, B = %d %%', (platform, f, tier, b) => {
    const t = tierInfo(platform, fromCount(c(f)));
    expect(t).toMatchObject({ tier, benchmark: b, prior: true });
  });
  it('an abbreviated count on a tier boundary spans both tiers', () => {
    const t = tierInfo('instagram', fromCount(c('10K')));
    expect(t.possible).toEqual(['nano', 'micro']);
    expect(t.benchmarkLow).toBe(1.6);
    expect(t.benchmarkHigh).toBe(3.0);
  });
  it('unknown followers: no tier', () => {
    expect(tierInfo('vk', null)).toMatchObject({ tier: null, benchmark: null });
  });
});

describe('compareAccounts', () => {
  it('one row per account and the share of voice of the group', () => {
    const cmp = compareAccounts([a, b], period);
    expect(cmp.rows.map((r) => r.key)).toEqual(['instagram:test', 'instagram:b']);
    expect(v(cmp.rows[1].reactionsPerPost)).toBe(50);
    expect(v(cmp.shareOfVoice.rows[1].share)).toBeCloseTo(25, 12);
  });
});

describe('periods given backwards', () => {
  it('are the same period', () => {
    const back = periodActivity(a, { from: period.to, to: period.from });
    const fwd = periodActivity(a, period);
    expect(back).toEqual(fwd);
  });
});
