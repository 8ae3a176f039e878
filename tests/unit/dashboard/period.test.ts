import { afterEach, describe, expect, it } from 'vitest';
import { addDays, localDate, localDayStart, periodOf, presetDates } from '@/lib/dashboard/period';

const TZ = process.env.TZ;
afterEach(() => {
  if (TZ === undefined) delete process.env.TZ;
  else process.env.TZ = TZ;
});

describe('periods of local dates', () => {
  it.each([
    ['2026-10-01', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-13-01', false],
    ['2026-1-1', false],
    ['', false],
    [null, false],
  ])('%s is a date: %s', (text, ok) => {
    expect(localDayStart(text) !== null).toBe(ok);
  });

  it('a period runs from the first day’s midnight to the last millisecond of the last day', () => {
    process.env.TZ = 'UTC';
    const p = periodOf('2026-10-01', '2026-10-31');
    expect(p).toEqual({ ok: true, period: { from: Date.UTC(2026, 9, 1), to: Date.UTC(2026, 10, 1) - 1 }, days: 31 });
    expect(periodOf('2026-10-05', '2026-10-05')).toMatchObject({ ok: true, days: 1 });
  });

  it.each([
    [null, '2026-10-01', 'missing'],
    ['2026-10-01', null, 'missing'],
    ['2026-02-30', '2026-03-01', 'invalid'],
    ['2026-10-02', '2026-10-01', 'reversed'],
  ])('%s – %s: %s', (from, to, problem) => {
    expect(periodOf(from, to)).toEqual({ ok: false, problem });
  });

  it('days are calendar days across a daylight-saving change (New York, March 2026)', () => {
    process.env.TZ = 'America/New_York';
    const p = periodOf('2026-03-07', '2026-03-09');
    expect(p.ok && p.days).toBe(3);
    expect(p.ok && (p.period.to + 1 - p.period.from) / 3_600_000).toBe(71); // one hour shorter
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(localDate(localDayStart('2026-03-09') as number)).toBe('2026-03-09');
  });

  it.each([
    ['last7', '2026-11-22', '2026-11-16', '2026-11-22'],
    ['last30', '2026-11-22', '2026-10-24', '2026-11-22'],
    ['last90', '2026-03-01', '2025-12-02', '2026-03-01'],
    ['thisMonth', '2026-11-22', '2026-11-01', '2026-11-22'],
    ['prevMonth', '2026-11-22', '2026-10-01', '2026-10-31'],
    ['prevMonth', '2026-01-10', '2025-12-01', '2025-12-31'],
    ['prevMonth', '2024-03-05', '2024-02-01', '2024-02-29'],
  ] as const)('%s before %s: %s – %s', (preset, today, from, to) => {
    expect(presetDates(preset, today)).toEqual({ from, to });
  });
});
