/**
 * The one parser for counts shown on VK and Instagram pages.
 *
 * Accepts the forms both sites use in their Russian and English interfaces and the cheap forms of
 * other common Instagram languages (uk, de, es, pt, fr, it, tr, kk):
 *   "1,234"  "1 234" (space, NBSP U+00A0, narrow NBSP U+202F, thin space)  "1.234" (dot grouping)
 *   "1.2K"  "12M"  "1.5B"  "1,2 тыс."  "12 млн"  "1,5 млрд"  "12,3 Mio."  "1,2 mil"  "1,2 B" (tr)
 * and a count inside a short phrase: "2 комментария", "Оценили 69 человек", "1.1K просмотра".
 *
 * Rules that keep it from ever inventing a number:
 * - exactly one number in the text, not glued to letters ("9e999"), not negative ("-5"), and no
 *   other digit anywhere in it (the rest of a damaged number: "--4 444", "1,x2K");
 * - without an abbreviation the number must be a whole number written with consistent
 *   3-digit grouping ("1,234,567"; "1,5" is refused, a count has no decimals);
 * - an abbreviation gives an interval, not an exact count (see `abbreviationInterval`);
 * - anything longer than 200 characters or larger than 10^13 is refused.
 */
import { type Count, exactCount, intervalCount, MAX_COUNT } from './count';

export interface ParseCountOptions {
  /** BCP 47 language of the page (`document.documentElement.lang`), e.g. "ru", "en-US", "tr". */
  locale?: string;
}

type Unit = 1e3 | 1e6 | 1e9;

/** Abbreviation words, lower-cased, without a trailing dot. */
const SUFFIXES: Record<string, Unit> = {
  // thousand
  k: 1e3,
  к: 1e3, // Cyrillic letter, seen in hand-made VK labels
  тыс: 1e3,
  тис: 1e3, // uk
  мың: 1e3, // kk
  mil: 1e3, // es, pt
  tsd: 1e3, // de (rare; Instagram de mostly shows "1.234" and "12.345")
  // million
  m: 1e6,
  млн: 1e6, // ru, uk, kk
  mio: 1e6, // de
  mln: 1e6, // it, pl
  mn: 1e6, // tr (milyon)
  mi: 1e6, // pt (milhões)
  // billion
  b: 1e9, // en; thousand in Turkish, see below
  млрд: 1e9,
  mrd: 1e9, // de
  md: 1e9, // fr
  mld: 1e9, // it
  mr: 1e9, // tr (milyar)
  bi: 1e9, // pt
  mm: 1e9, // pt-PT ("1,5 mM", mil milhões)
};

function suffixUnit(word: string, locale: string): Unit | undefined {
  if (/^mm\.?$/i.test(word) && !/^mM\.?$/.test(word)) return undefined; // "mM" only: "35 mm" is a length
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w === 'b' && locale.startsWith('tr')) return 1e3; // Turkish "B" = bin (thousand)
  return Object.hasOwn(SUFFIXES, w) ? SUFFIXES[w] : undefined;
}

// Spaces people and ICU put between digit groups, folded to a plain space.
const SPACES = /[\u00a0\u202f\u2009\u2007\u200a\u2002\u2003\u2004\u2005\u2006\u3000]/g;
// Direction marks and zero-width characters Instagram and VK sprinkle around numbers.
const INVISIBLE = /[\u200b-\u200f\u2060-\u2069\ufeff]/g;

// A number: digits with separators inside, then an optional abbreviation word.
// The look-behind refuses numbers glued to letters or digits ("user1", "9e999" is caught below).
const NUMBER = /(?<![\p{L}\p{N}_.,\-\u2212])([-+\u2212]?)(\d(?:[\d ,.'\u2019]*\d)?)(?:( ?)(\p{L}+\.?))?/gu;

interface Mantissa {
  value: number;
  decimals: number;
}

/** Split "1 234,5" style text into an integer or a decimal, or refuse it. */
function readMantissa(text: string, abbreviated: boolean): Mantissa | null {
  const parts = text.split(/([ ,.'\u2019])/);
  // parts alternate digits, separator, digits, ...
  const digits: string[] = [];
  const seps: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) digits.push(parts[i]);
    else seps.push(parts[i]);
  }
  if (digits.some((d) => d.length === 0)) return null; // two separators in a row
  if (seps.length === 0) return { value: Number(digits[0]), decimals: 0 };

  let intDigits = digits;
  let intSeps = seps;
  let fraction = '';
  const last = digits[digits.length - 1];
  const lastSep = seps[seps.length - 1];
  if (abbreviated && (lastSep === '.' || lastSep === ',') && last.length <= 2) {
    fraction = last;
    intDigits = digits.slice(0, -1);
    intSeps = seps.slice(0, -1);
  } else if (abbreviated && last.length === 3 && (lastSep === '.' || lastSep === ',') && seps.length === 1) {
    // "1.234K": 1.234 thousand or 1 234 thousand? Refuse rather than guess.
    return null;
  }
  // Grouping: all the same separator (a fraction separator must differ), first group 1-3 digits,
  // the others exactly 3.
  if (intSeps.length > 0) {
    const sep = intSeps[0];
    if (intSeps.some((s) => s !== sep)) return null;
    if (fraction && sep === seps[seps.length - 1]) return null; // "1,234,5K"
    if (intDigits[0].length > 3 || intDigits.slice(1).some((d) => d.length !== 3)) return null;
  }
  const whole = intDigits.join('');
  const value = Number(fraction ? `${whole}.${fraction}` : whole);
  return Number.isFinite(value) ? { value, decimals: fraction.length } : null;
}

/**
 * The interval an abbreviated count stands for. Sites differ in whether they round ("1.25K" ->
 * "1.3K") or truncate ("1.29K" -> "1.2K"), and drop a trailing ".0" ("1.0M" -> "1M"); we cannot
 * tell which from the page, so the interval covers both: from half a step below the shown value to
 * one step above it, where a step is one unit of the last digit shown. "1.2K" -> [1150, 1300),
 * "12M" -> [11.5M, 13M). METRICS.md gives the rounding interval [1150, 1250); we widen it on the
 * side of truncation so the true count is never outside it. `high` is exclusive.
 */
export function abbreviationInterval(mantissa: number, decimals: number, unit: number): [number, number, number] {
  const step = unit / 10 ** decimals;
  const value = Math.round(mantissa * unit);
  const low = Math.max(0, Math.ceil(value - step / 2));
  const high = Math.floor(value + step);
  return [value, low, high];
}

/** A count found in a text, and where its number (with the abbreviation) stands in `text`. */
export interface FoundCount {
  count: Count;
  /** The text searched, normalized: NFKC, invisible marks removed, every kind of space a plain space, trimmed. */
  text: string;
  start: number;
  end: number;
}

/** The text as parseCount reads it (see FoundCount.text). */
export function normalizeCountText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/**
 * Find the one count in a short text ("1,2 тыс. отметок «Нравится»", "View all 553 comments") and
 * say where it stands, so a caller can read the words around it. Unknown (null) unless the text
 * holds exactly one count.
 */
export function findCount(text: string | null | undefined, options: ParseCountOptions = {}): FoundCount | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 200) return null;
  // Markup or code is not a count label, whatever digits it holds.
  if (/[<>{}[\]=;$\\|`]/.test(text)) return null;
  const locale = (options.locale ?? '').toLowerCase();
  const normalized = normalizeCountText(text);
  const matches = [...normalized.matchAll(NUMBER)];
  if (matches.length !== 1) return null;
  const [whole, sign, mantissaText, space, word] = matches[0];
  if (sign) return null;
  const start = matches[0].index ?? 0;
  let end = start + whole.length;
  let unit = word ? suffixUnit(word, locale) : undefined;
  if (word && !unit && !space) return null; // "9e999", "12abc": digits glued to a word
  if (!unit) end = start + sign.length + mantissaText.length;
  if (word && unit) {
    // Spanish writes a thousand million as "mil M" ("1,5 mil M"): read it whole, never as 1,5 thousand.
    const billion = unit === 1e3 && /^mil$/i.test(word) ? /^ ?M\b\.?/.exec(normalized.slice(end)) : null;
    if (billion) {
      unit = 1e9;
      end += billion[0].length;
    }
    // The abbreviation must end the word: "12 млн" yes, "12 mild" no (that is not "mld").
    if (/^\p{L}/u.test(normalized.slice(end))) return null;
  }
  // Exactly one number: no other digit anywhere ("--4 444", "1,x2K": the rest of a garbled number),
  // and none glued on through a separator ("1,x").
  if (/\p{Nd}/u.test(normalized.slice(0, start) + normalized.slice(end))) return null;
  if (/^[.,'\u2019][\p{L}\p{N}]/u.test(normalized.slice(end))) return null;
  const mantissa = readMantissa(mantissaText, unit !== undefined);
  if (!mantissa) return null;
  const raw = text.trim();
  let count: Count | null;
  if (unit === undefined) {
    if (mantissa.decimals > 0 || !Number.isSafeInteger(mantissa.value)) return null;
    count = mantissa.value > MAX_COUNT ? null : exactCount(mantissa.value, raw);
  } else {
    if (mantissa.value * unit > MAX_COUNT) return null;
    const [value, low, high] = abbreviationInterval(mantissa.value, mantissa.decimals, unit);
    count = intervalCount(value, low, high, raw);
  }
  return count ? { count, text: normalized, start, end } : null;
}

/** Parse one count from a short text. Unknown (null) unless the text holds exactly one count. */
export function parseCount(text: string | null | undefined, options: ParseCountOptions = {}): Count | null {
  return findCount(text, options)?.count ?? null;
}

/**
 * An exact count from JSON the page holds: a non-negative safe integer, or a string of digits.
 * Placeholders such as -1 are refused here; hidden-like placeholders that look valid (3) must be
 * caught by the reader from the page's own "likes hidden" flag.
 */
export function jsonCount(value: unknown, raw?: string): Count | null {
  if (typeof value === 'number') return exactCount(value, raw ?? String(value));
  if (typeof value === 'string' && /^\d{1,14}$/.test(value)) return exactCount(Number(value), raw ?? value);
  return null;
}
