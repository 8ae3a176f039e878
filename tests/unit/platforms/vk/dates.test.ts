// Wall-clock forms are read in the runtime's time zone: this file pins Moscow (UTC+3, no DST since
// 2014); dates-zones.test.ts covers a zone with daylight saving time.
process.env.TZ = 'Europe/Moscow';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoOf, parseUnixSeconds, parseVkDate } from '@/lib/platforms/vk/dates';

/** Local Moscow time as an ISO string in UTC. */
const msk = (iso: string) => new Date(`${iso}+03:00`).toISOString();
const at = (iso: string) => Date.parse(`${iso}+03:00`);
const read = (text: string, now: string) => isoOf(parseVkDate(text, at(now)));

describe('VK dates: Russian interface', () => {
  const now = '2021-08-28T19:53:47';
  it.each([
    ['22 авг в 12:25', '2021-08-22T12:25:00'],
    ['16 авг в 23:34', '2021-08-16T23:34:00'],
    ['22 августа в 12:25', '2021-08-22T12:25:00'],
    ['1 мая в 9:05', '2021-05-01T09:05:00'],
    ['1 май в 9:05', '2021-05-01T09:05:00'],
    ['3 сент в 10:00', '2020-09-03T10:00:00'], // September has not come yet this year: last year
    ['12 авг 2019 в 10:30', '2019-08-12T10:30:00'],
    ['12 авг. 2019 в 10:30', '2019-08-12T10:30:00'],
    ['22 августа 2019 г. в 12:25', '2019-08-22T12:25:00'],
    ['сегодня в 12:30', '2021-08-28T12:30:00'],
    ['Сегодня в 0:05', '2021-08-28T00:05:00'],
    ['вчера в 18:00', '2021-08-27T18:00:00'],
    ['позавчера в 9:15', '2021-08-26T09:15:00'],
    ['12.08.2020 в 10:30', '2020-08-12T10:30:00'],
    ['22\u00a0авг\u00a0в\u00a012:25', '2021-08-22T12:25:00'],
  ])('%s', (text, want) => {
    expect(read(text, now)).toBe(msk(want));
  });

  it('a date without a time is midnight UTC of that day (the store\'s "date only")', () => {
    expect(read('12 авг 2019', now)).toBe('2019-08-12T00:00:00.000Z');
    expect(read('22 авг', now)).toBe('2021-08-22T00:00:00.000Z');
  });
});

describe('VK dates: English and Ukrainian interfaces', () => {
  const now = '2021-04-10T18:00:00';
  it.each([
    ['today at 1:23 pm', '2021-04-10T13:23:00'],
    ['today at 12:05 am', '2021-04-10T00:05:00'],
    ['today at 12:05 pm', '2021-04-10T12:05:00'],
    ['yesterday at 9:15 am', '2021-04-09T09:15:00'],
    ['yesterday at 21:15', '2021-04-09T21:15:00'],
    ['5 Jan at 1:23 pm', '2021-01-05T13:23:00'],
    ['Jan 5 at 1:23 pm', '2021-01-05T13:23:00'],
    ['Jan 5, 2020 at 1:23 pm', '2020-01-05T13:23:00'],
    ['Jan 5, 2020, 1:23 p.m.', '2020-01-05T13:23:00'],
    ['5 January 2020 at 1:23 PM', '2020-01-05T13:23:00'],
    ['Sept 3 at 8:00 am', '2020-09-03T08:00:00'],
    ['сьогодні о 12:30', '2021-04-10T12:30:00'],
    ['учора о 18:00', '2021-04-09T18:00:00'],
    ['22 бер о 12:25', '2021-03-22T12:25:00'],
    ['22 березня 2019 о 12:25', '2019-03-22T12:25:00'],
  ])('%s', (text, want) => {
    expect(read(text, now)).toBe(msk(want));
  });
});

describe('VK dates: relative forms', () => {
  const now = '2021-04-10T18:00:30';
  it.each([
    ['только что', '2021-04-10T18:00:30'],
    ['just now', '2021-04-10T18:00:30'],
    ['5 минут назад', '2021-04-10T17:55:00'],
    ['минуту назад', '2021-04-10T17:59:00'],
    ['две минуты назад', '2021-04-10T17:58:00'],
    ['10 секунд назад', '2021-04-10T18:00:00'],
    ['a minute ago', '2021-04-10T17:59:00'],
    ['3 minutes ago', '2021-04-10T17:57:00'],
  ])('%s -> minute precision', (text, want) => {
    expect(read(text, now)).toBe(msk(want));
  });

  it.each(['час назад', 'два часа назад', '3 часа назад', 'an hour ago', '2 hours ago'])('%s: up to an hour off, so unknown', (text) => {
    expect(read(text, now)).toBeNull();
  });
});

describe('VK dates: midnight and New Year', () => {
  it('just after midnight, "вчера" is the day before and "сегодня" the new day', () => {
    const now = '2024-03-01T00:03:00';
    expect(read('вчера в 23:58', now)).toBe(msk('2024-02-29T23:58:00')); // leap day
    expect(read('сегодня в 0:01', now)).toBe(msk('2024-03-01T00:01:00'));
    expect(read('29 фев в 23:58', now)).toBe(msk('2024-02-29T23:58:00'));
  });

  it("on 1 January, a date without a year from late December is last year's", () => {
    const now = '2026-01-01T00:30:00';
    expect(read('31 дек в 23:50', now)).toBe(msk('2025-12-31T23:50:00'));
    expect(read('вчера в 23:50', now)).toBe(msk('2025-12-31T23:50:00'));
    expect(read('25 dec at 8:00 pm', now)).toBe(msk('2025-12-25T20:00:00'));
    expect(read('1 янв в 00:10', now)).toBe(msk('2026-01-01T00:10:00'));
  });

  it('a few minutes in the future (clocks off by a little) is still this year', () => {
    expect(read('1 янв в 00:40', '2026-01-01T00:30:00')).toBe(msk('2026-01-01T00:40:00'));
  });

  it("on 31 December, 1 January without a year is this year's (the past one)", () => {
    expect(read('1 янв в 10:00', '2025-12-31T23:59:00')).toBe(msk('2025-01-01T10:00:00'));
  });
});

describe('VK dates: not dates', () => {
  it.each([
    'Реклама',
    'Рекламная запись',
    '16+',
    '',
    '31 фев в 10:00',
    '32 янв в 10:00',
    '12 авг в 25:00',
    '12 авг в 10:75',
    '5 в 12:30',
    'today',
    'вчера',
    '13:45',
    '2 комментария',
    '12 мартышек в 10:00',
    '1.1K просмотра',
    'сегодня в 13:45 и вчера в 12:00',
  ])('%s -> null', (text) => {
    expect(read(text, '2021-08-28T19:53:47')).toBeNull();
  });

  it('refuses dates before VK existed and far in the future', () => {
    expect(read('12 авг 2003 в 10:30', '2021-08-28T19:53:47')).toBeNull();
    expect(read('12 авг 2031 в 10:30', '2021-08-28T19:53:47')).toBeNull();
  });

  it('never throws and never returns an invalid time on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2030, 0, 1) }), (text, now) => {
        const t = parseVkDate(text, now);
        return t === null || (Number.isFinite(t) && t <= now + 36 * 3_600_000 && t >= Date.UTC(2006, 0, 1));
      }),
    );
  });
});

describe('Unix seconds (rel_date[time], page data)', () => {
  const now = at('2022-11-06T10:00:00');
  it('reads seconds as numbers and digit strings', () => {
    expect(isoOf(parseUnixSeconds('1667626200', now))).toBe('2022-11-05T05:30:00.000Z');
    expect(isoOf(parseUnixSeconds(1667626200, now))).toBe('2022-11-05T05:30:00.000Z');
  });
  it.each([['0'], [-5], ['abc'], ['1667626200000'], [1.5], [null], [undefined], ['9999999999']])('%s -> null', (v) => {
    expect(parseUnixSeconds(v, now)).toBeNull();
  });
});
