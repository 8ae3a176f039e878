/**
 * VK's date forms -> an instant (epoch milliseconds). Pure: `now` is explicit, and wall-clock
 * forms are read in the time zone of the JavaScript runtime (the browser's), the zone VK renders
 * them in for that browser.
 *
 * Forms (ru, en and uk interfaces; case and spacing do not matter):
 *   "22 авг в 12:25"  "22 августа в 12:25"  (year implied: this year, or last year when that
 *                                            would lie in the future)
 *   "12 авг 2024 в 10:30"  "12 авг 2024"  "сегодня в 12:30"  "вчера в 18:00"  "позавчера в 9:05"
 *   "today at 1:23 pm"  "yesterday at 13:23"  "5 Jan at 1:23 pm"  "Jan 5 at 1:23 pm"
 *   "Jan 5, 2020 at 1:23 pm"  "5 Jan 2020"  "сьогодні о 12:30"  "22 сер о 12:25"
 *   "только что" / "just now", "5 минут назад" / "5 minutes ago" / "минуту назад" (minute precision)
 *   "12.08.2024 в 10:30", ISO 8601 (`time[datetime]`), Unix seconds (`rel_date[time]`).
 *
 * Forms that do not pin the time to the minute ("два часа назад", "2 hours ago") are unknown (null):
 * they would place a post up to an hour off. A date without a time ("12 авг 2024") is returned as
 * midnight UTC of that day, the store's convention for a date without a time.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A date this far in the future is not a date at all (VK's display zone may differ from ours by hours). */
const FUTURE_TOLERANCE_MS = 36 * 3_600_000;
/** A date without a year this far in the future is last year's (26 h: the widest span of time zones). */
const IMPLIED_YEAR_TOLERANCE_MS = 26 * 3_600_000;
/** VK launched in 2006: nothing on it is older. */
const EARLIEST = Date.UTC(2006, 0, 1);

/** Month words as VK writes them, in calendar order: ru (abbreviated, genitive, nominative), en, uk. */
const MONTH_WORDS = [
  'янв(?:арь|аря)?|jan(?:uary)?|січ(?:ень|ня)?',
  'фев(?:р|раль|раля)?|feb(?:ruary)?|лют(?:ий|ого)?',
  'мар(?:т|та)?|mar(?:ch)?|бер(?:езень|езня)?',
  'апр(?:ель|еля)?|apr(?:il)?|кві(?:т|тень|тня)?',
  'ма[йя]|may|тра(?:в|вень|вня)?',
  'июн(?:ь|я)?|june?|чер(?:в|вень|вня)?',
  'июл(?:ь|я)?|july?|лип(?:ень|ня)?',
  'авг(?:уст|уста)?|aug(?:ust)?|сер(?:п|пень|пня)?',
  'сен(?:т|тябрь|тября)?|sep(?:t|tember)?|вер(?:есень|есня)?',
  'окт(?:ябрь|ября)?|oct(?:ober)?|жов(?:т|тень|тня)?',
  'ноя(?:б|брь|бря)?|nov(?:ember)?|лис(?:т|топад|топада)?',
  'дек(?:абрь|абря)?|dec(?:ember)?|гру(?:д|день|дня)?',
].map((m) => new RegExp(`^(?:${m})$`));

/** Month index of a month word, or undefined. */
function monthOf(word: string): number | undefined {
  const i = MONTH_WORDS.findIndex((re) => re.test(word));
  return i >= 0 ? i : undefined;
}

const TODAY = new Set(['сегодня', 'today', 'сьогодні']);
const YESTERDAY = new Set(['вчера', 'yesterday', 'учора', 'вчора']);
const BEFORE_YESTERDAY = new Set(['позавчера', 'позавчора']);

/** Between a date and its time: "в", "at", "о", a comma, or nothing. */
const AT = '(?:\\s+(?:в|во|at|о|об)|,)?\\s+';
const TIME = '(\\d{1,2})[:.](\\d{2})(?:\\s*([ap])\\.?\\s?m\\.?)?';
const WORD = '([\\p{L}]+)\\.?';

const YEAR = '(?:,?\\s+(\\d{4})(?:\\s*г\\.?)?)?';
const RE_DAY_WORD = new RegExp(`^([\\p{L}]+)${AT}${TIME}$`, 'u');
const RE_D_MON = new RegExp(`^(\\d{1,2})\\s+${WORD}${YEAR}(?:${AT}${TIME})?$`, 'u');
const RE_MON_D = new RegExp(`^${WORD}\\s+(\\d{1,2})${YEAR}(?:${AT}${TIME})?$`, 'u');
const RE_NUMERIC = new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?:${AT}${TIME})?$`, 'u');
const RE_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

const NUMBER_WORDS: Record<string, number> = {
  одну: 1,
  одна: 1,
  один: 1,
  две: 2,
  два: 2,
  три: 3,
  четыре: 4,
  пять: 5,
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
};

function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b-\u200f\u2060-\u2069\ufeff]/g, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Hours and minutes of a matched TIME, or null when out of range. */
function clock(h: string | undefined, m: string | undefined, ampm: string | undefined): [number, number] | null {
  if (h === undefined || m === undefined) return null;
  let hour = Number(h);
  const minute = Number(m);
  if (minute > 59) return null;
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm === 'p' ? 12 : 0);
  } else if (hour > 23) return null;
  return [hour, minute];
}

/** A local wall-clock time, or null when the day does not exist (31 Feb). */
function local(year: number, month: number, day: number, hm: [number, number] | null): number | null {
  if (day < 1 || day > 31) return null;
  if (!hm) {
    const t = Date.UTC(year, month, day);
    const d = new Date(t);
    return d.getUTCFullYear() === year && d.getUTCMonth() === month && d.getUTCDate() === day ? t : null;
  }
  const d = new Date(year, month, day, hm[0], hm[1], 0, 0);
  if (d.getFullYear() !== year || d.getMonth() !== month || d.getDate() !== day) return null;
  return d.getTime();
}

function plausible(t: number | null, now: number): number | null {
  if (t === null || !Number.isFinite(t) || t < EARLIEST || t > now + FUTURE_TOLERANCE_MS) return null;
  return t;
}

/** A date written without a year: this year's, unless that lies in the future, then last year's. */
function impliedYear(month: number, day: number, hm: [number, number] | null, now: number): number | null {
  const year = new Date(now).getFullYear();
  const thisYear = local(year, month, day, hm);
  if (thisYear !== null && thisYear <= now + IMPLIED_YEAR_TOLERANCE_MS) return thisYear;
  return local(year - 1, month, day, hm);
}

function relative(s: string, now: number): number | null {
  if (s === 'только что' || s === 'just now' || s === 'щойно' || s === 'right now') return now;
  const m = /^(\d{1,2}|[\p{L}]+)?\s*(секунд|сек|минут|мин|second|sec|minute|min|хвилин)[\p{L}.]*\s+(назад|ago|тому)$/u.exec(s);
  if (!m) return null;
  const n = m[1] === undefined ? 1 : /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS[m[1]];
  if (n === undefined) return null;
  const unit = /^(секунд|сек|second|sec)/.test(m[2]) ? 1000 : MINUTE;
  // "5 минут назад": between 5 and 6 minutes ago; minute precision, rounded down to the minute.
  return Math.floor((now - n * unit) / MINUTE) * MINUTE;
}

/** Parse a date as VK shows it. Returns epoch milliseconds, or null when the text is not a date. */
export function parseVkDate(text: string | null | undefined, now: number): number | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 80 || !Number.isFinite(now)) return null;
  const s = normalize(text);
  if (RE_ISO.test(s.toUpperCase())) return plausible(Date.parse(s.toUpperCase()), now);

  const rel = relative(s, now);
  if (rel !== null) return plausible(rel, now);

  const m = RE_DAY_WORD.exec(s);
  if (m) {
    const word = m[1];
    const offset = TODAY.has(word) ? 0 : YESTERDAY.has(word) ? 1 : BEFORE_YESTERDAY.has(word) ? 2 : -1;
    const hm = clock(m[2], m[3], m[4]);
    if (offset < 0 || !hm) return null;
    const base = new Date(now);
    const t = new Date(base.getFullYear(), base.getMonth(), base.getDate() - offset, hm[0], hm[1], 0, 0).getTime();
    return plausible(t, now);
  }

  // "22 авг 2024 в 10:30" | "Jan 5, 2020 at 1:23 pm" | "12.08.2024 в 10:30"
  const dMon = RE_D_MON.exec(s);
  const monD = dMon ? null : RE_MON_D.exec(s);
  const numeric = dMon || monD ? null : RE_NUMERIC.exec(s);
  const found = dMon ?? monD ?? numeric;
  if (!found) return null;
  const day = Number(monD ? found[2] : found[1]);
  const month = numeric ? Number(found[2]) - 1 : monthOf(dMon ? found[2] : found[1]);
  const year: string | undefined = found[3];
  const hmParts: [string | undefined, string | undefined, string | undefined] = [found[4], found[5], found[6]];
  if (month === undefined || month < 0 || month > 11) return null;
  const hm = hmParts[0] === undefined ? null : clock(...hmParts);
  if (hmParts[0] !== undefined && !hm) return null;
  if (year === undefined) return plausible(impliedYear(month, day, hm, now), now);
  return plausible(local(Number(year), month, day, hm), now);
}

/** Unix seconds as VK writes them (`rel_date[time]`, page data): epoch milliseconds or null. */
export function parseUnixSeconds(value: unknown, now: number): number | null {
  const n = typeof value === 'string' && /^\d{9,11}$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) return null;
  return plausible(n * 1000, now);
}

/** ISO string of an instant (what PostObservation.publishedAt carries). */
export function isoOf(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Two readings of one date agree when they fall within the same minute (text has minute precision). */
export function sameMinute(a: number, b: number): boolean {
  return Math.abs(a - b) < MINUTE;
}

/** Is `t` a date without a time (midnight UTC, the store's convention)? */
export function isDateOnly(t: number): boolean {
  return t % DAY === 0;
}
