// The browser's time zone decides what "22 авг в 12:25" means: here a zone with daylight saving
// time (New York), separate from dates.test.ts (Moscow) because the zone is per process.
process.env.TZ = 'America/New_York';

import { describe, expect, it } from 'vitest';
import { isoOf, parseVkDate } from '@/lib/platforms/vk/dates';

const read = (text: string, nowIso: string) => isoOf(parseVkDate(text, Date.parse(nowIso)));

describe('VK dates in a zone with daylight saving time', () => {
  it('uses the zone the runtime is in', () => {
    expect(new Date(Date.UTC(2021, 0, 1)).getTimezoneOffset()).toBe(300);
  });

  it('summer and winter times get their own offsets', () => {
    const now = '2021-12-28T12:00:00-05:00';
    expect(read('22 авг в 12:25', now)).toBe('2021-08-22T16:25:00.000Z'); // EDT, UTC-4
    expect(read('22 дек в 12:25', now)).toBe('2021-12-22T17:25:00.000Z'); // EST, UTC-5
  });

  it('"вчера" across the spring-forward night is still the calendar day before', () => {
    // 2021-03-14 02:00 EST -> 03:00 EDT
    const now = '2021-03-15T00:10:00-04:00';
    expect(read('вчера в 1:30', now)).toBe('2021-03-14T06:30:00.000Z');
    expect(read('вчера в 23:50', now)).toBe('2021-03-15T03:50:00.000Z');
  });

  it('a time that does not exist that night (02:30 on spring-forward) is not invented into another day', () => {
    const t = parseVkDate('14 мар 2021 в 2:30', Date.parse('2021-03-20T12:00:00-04:00'));
    // JavaScript moves the missing half hour forward; the day stays the 14th
    expect(t === null || new Date(t).getDate() === 14).toBe(true);
  });

  it('New Year in New York: late December without a year is last year', () => {
    expect(read('31 дек в 23:50', '2026-01-01T00:30:00-05:00')).toBe('2026-01-01T04:50:00.000Z');
  });
});
