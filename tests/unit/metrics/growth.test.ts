import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  followerSeries,
  type Growth,
  growthBetween,
  growthOverLast,
  growthSincePrevious,
  type KnownGrowth,
  percentSeries,
} from '@/lib/metrics/growth';
import { followerIndex } from '@/lib/metrics/posts';
import { isKnown, type Metric } from '@/lib/metrics/types';
import { DAY, HOUR, history, T0 } from '../signals/build';

const ok = (g: Growth): KnownGrowth => {
  if (g.status !== 'ok') throw new Error(JSON.stringify(g.missing));
  return g;
};
const v = (m: Metric) => (isKnown(m) ? m.value : Number.NaN);

describe('growth between two dates, hand-computed', () => {
  const h = history({
    snapshots: [
      { day: 0, followers: 1000 },
      { day: 9, followers: 1090 },
    ],
  });
  it('a 9-day gap is 9 days', () => {
    const g = ok(growthBetween(h, T0, T0 + 9 * DAY));
    expect(g.days).toBe(9);
    expect(v(g.net)).toBe(90);
    expect(v(g.perDay)).toBeCloseTo(10, 12);
    expect(v(g.perWeek)).toBeCloseTo(70, 12);
    expect(v(g.per30Days)).toBeCloseTo(300, 12);
    expect(v(g.rate)).toBeCloseTo(9, 12);
    expect(v(g.ratePer30Days)).toBeCloseTo(30, 12);
    expect(g.direction).toBe('up');
    expect(g.net.status === 'ok' && g.net.exact).toBe(true);
  });
  it('never turns a 9-day gap into "the last day"', () => {
    const g = growthOverLast(followerIndex(h.snapshots, h.lastSeen), 1);
    expect(g.status).toBe('unknown');
    expect(g.status === 'unknown' && g.missing[0].key).toBe('growth.missing.oneVisitInSpan');
  });
  it('no visit near a date asked for: unknown, with the nearest visit named', () => {
    const g = growthBetween(h, T0 - 20 * DAY, T0 + 9 * DAY);
    expect(g.status).toBe('unknown');
    expect(g.status === 'unknown' && g.missing[0]).toMatchObject({
      key: 'growth.missing.noVisitNear',
      params: { nearest: { t: 'date', v: T0 } },
    });
  });
  it('one visit, no visits', () => {
    expect(growthBetween(history({ snapshots: [{ day: 0, followers: 5 }] }), T0 - DAY, T0).status).toBe('unknown');
    expect(growthBetween(history({}), T0 - DAY, T0).status).toBe('unknown');
  });
  it('a fall is shown as net change, with the note that unfollows are invisible', () => {
    const g = ok(
      growthBetween(
        history({
          snapshots: [
            { day: 0, followers: 1000 },
            { day: 10, followers: 900 },
          ],
        }),
        T0,
        T0 + 10 * DAY,
      ),
    );
    expect(v(g.net)).toBe(-100);
    expect(g.direction).toBe('down');
    expect(g.notes.map((n) => n.key)).toContain('growth.note.netFall');
    expect(v(g.rate)).toBeCloseTo(-10, 12);
  });
  it('visits hours apart: the net change, but no per-day extrapolation', () => {
    const g = ok(
      growthSincePrevious(
        followerIndex(
          history({
            snapshots: [
              { day: 0, followers: 1000 },
              { day: 2 / 24, followers: 1010 },
            ],
          }).snapshots,
          Number.MAX_SAFE_INTEGER,
        ),
      ),
    );
    expect(v(g.net)).toBe(10);
    expect(g.perDay.status).toBe('unknown');
    expect(g.perDay.status === 'unknown' && g.perDay.missing[0].key).toBe('growth.missing.shortSpan');
  });
});

describe('below display precision', () => {
  it.each([
    ['12K', '12K', 'unclear'],
    ['12K', '13K', 'unclear'], // [11 500, 12 999] -> [12 500, 13 999]: the change can be -499
    ['12K', '15K', 'up'],
    ['1.2M', '1.1M', 'unclear'],
    ['1.2M', '1M', 'unclear'], // "1M" is anything in [500 000, 2 000 000)
    ['1.2M', '1.0M', 'down'],
  ] as const)('%s -> %s: %s', (a, b, dir) => {
    const g = ok(
      growthBetween(
        history({
          snapshots: [
            { day: 0, followers: a },
            { day: 10, followers: b },
          ],
        }),
        T0,
        T0 + 10 * DAY,
      ),
    );
    expect(g.direction).toBe(dir);
    expect(g.belowPrecision).toBe(dir === 'unclear');
    if (dir === 'unclear') {
      expect(g.notes.map((n) => n.key)).toContain('growth.note.belowPrecision');
      expect(isKnown(g.net) && g.net.low <= 0 && g.net.high >= 0).toBe(true);
    }
  });
  it('hand-computed interval of the change', () => {
    const g = ok(
      growthBetween(
        history({
          snapshots: [
            { day: 0, followers: '12K' },
            { day: 10, followers: '15K' },
          ],
        }),
        T0,
        T0 + 10 * DAY,
      ),
    );
    expect(g.net).toMatchObject({ value: 3000, low: 14_500 - 12_999, high: 15_999 - 11_500, exact: false });
  });
});

describe('series and windows', () => {
  it('the chart series carries the band of abbreviated counts', () => {
    const h = history({
      snapshots: [
        { day: 0, followers: 900 },
        { day: 1, followers: null },
        { day: 2, followers: '1.2K' },
      ],
    });
    expect(followerSeries(h)).toEqual([
      { at: T0, value: 900, low: 900, high: 900, exact: true },
      { at: T0 + 2 * DAY, value: 1200, low: 1150, high: 1299, exact: false },
    ]);
  });
  it('last 30 days from the visits nearest to its ends', () => {
    const h = history({ snapshots: [0, 3, 8, 15, 31, 33].map((d, i) => ({ day: d, followers: 1000 + i * 10 })) });
    const g = ok(growthOverLast(followerIndex(h.snapshots, h.lastSeen), 30));
    expect(g.from).toBe(T0 + 3 * DAY);
    expect(g.to).toBe(T0 + 33 * DAY);
    expect(g.days).toBe(30);
  });
  it('visits at irregular times: per day is the net change over the real time between the visits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.05, max: 20, noNaN: true }), fc.integer({ min: 0, max: 1e6 })), {
          minLength: 2,
          maxLength: 30,
        }),
        (steps) => {
          let day = 0;
          const snaps = steps.map(([gap, f]) => {
            day += gap;
            return { day, followers: f };
          });
          const h = history({ snapshots: snaps });
          const first = snaps[0];
          const last = snaps[snaps.length - 1];
          const g = growthBetween(h, T0 + first.day * DAY, T0 + last.day * DAY, { tolerance: HOUR });
          if (g.status !== 'ok') return;
          const days = last.day - first.day;
          expect(g.days).toBeCloseTo(days, 6);
          expect(v(g.net)).toBe(last.followers - first.followers);
          if (days >= 1) expect(v(g.perDay)).toBeCloseTo((last.followers - first.followers) / g.days, 6);
          for (const m of [g.net, g.perDay, g.perWeek, g.per30Days, g.rate, g.ratePer30Days]) {
            if (isKnown(m)) expect(Number.isFinite(m.value) && Number.isFinite(m.low) && Number.isFinite(m.high)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('percent series for comparison charts', () => {
  it('percent change from the first point, with the band of abbreviated counts', () => {
    const h = history({
      snapshots: [
        { day: 0, followers: 1000 },
        { day: 1, followers: 1100 },
        { day: 2, followers: '1.2K' },
      ],
    });
    const s = percentSeries(followerSeries(h));
    expect(s[0]).toEqual({ at: T0, value: 0, low: 0, high: 0, exact: true });
    expect(s[1].value).toBeCloseTo(10, 12);
    expect(s[2]).toMatchObject({ exact: false });
    expect(s[2].low).toBeCloseTo(15, 12);
    expect(s[2].high).toBeCloseTo(29.9, 12);
    expect(percentSeries(followerSeries(h), T0 + 5 * DAY)).toEqual([]);
    expect(
      percentSeries(
        followerSeries(
          history({
            snapshots: [
              { day: 0, followers: 0 },
              { day: 1, followers: 5 },
            ],
          }),
        ),
      ),
    ).toEqual([]);
  });
});
