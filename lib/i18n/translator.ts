/**
 * The translator over one catalog, without the catalogs themselves: lib/i18n/index.ts builds it
 * from the bundled Russian and English catalogs (extension pages, the worker); the in-page overlay
 * builds it from the part of the catalog the background sends, so its content script does not ship
 * both catalogs (about 15 KB gzipped, most of the 20 KB budget of a content script).
 */
import type { Count } from '../count';
import type { MessageKey } from './en';

export type { MessageKey };

export type Lang = 'ru' | 'en';
export type Params = Record<string, string | number>;
/** Some or all of a language's messages (the overlay gets the keys it shows). */
export type Catalog = Partial<Record<MessageKey, string>>;

export interface Translator {
  lang: Lang;
  t(key: MessageKey, params?: Params): string;
  /** Plural: key is the base ("popup.snapshots"), n picks the form. */
  tn(base: string, n: number, params?: Params): string;
  number(n: number, digits?: number): string;
  count(c: Count | null): string;
  countTitle(c: Count | null): string;
  date(ms: number): string;
  dateTime(ms: number): string;
  bytes(n: number): string;
}

function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** A translator for `lang` over `catalog`; a key missing there comes from `fallback`, else is shown as is. */
export function makeTranslator(lang: Lang, catalog: Catalog, fallback: Catalog = {}): Translator {
  const plural = new Intl.PluralRules(lang);
  const nf = new Intl.NumberFormat(lang);
  const compact = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 });
  const df = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric' });
  const dtf = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const text = (key: MessageKey): string => catalog[key] ?? fallback[key] ?? key;
  // Number formats are built once per options (building one costs about 0.1 ms; tables of 500 accounts format thousands).
  const formats = new Map<string, Intl.NumberFormat>();
  const cached = (k: string, o: Intl.NumberFormatOptions) => {
    let f = formats.get(k);
    if (!f) {
      f = new Intl.NumberFormat(lang, o);
      formats.set(k, f);
    }
    return f;
  };
  const t = (key: MessageKey, params?: Params) => fill(text(key), params);
  return {
    lang,
    t,
    tn(base, n, params) {
      const key = `${base}_${plural.select(n)}` as MessageKey;
      const other = `${base}_other` as MessageKey;
      return fill(catalog[key] ?? catalog[other] ?? fallback[key] ?? fallback[other] ?? base, { n: nf.format(n), ...params });
    },
    number: (n, digits) =>
      digits === undefined
        ? nf.format(n)
        : cached(`d${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n),
    count: (c) => (c === null ? '—' : c.exact ? nf.format(c.value) : `≈${compact.format(c.value)}`),
    countTitle: (c) =>
      c === null
        ? text('common.unknownHint')
        : c.exact
          ? fill(text('common.exact'), { raw: c.raw })
          : fill(text('common.approx'), { raw: c.raw, low: nf.format(c.low), high: nf.format(Math.max(c.low, c.high - 1)) }),
    date: (ms) => df.format(new Date(ms)),
    dateTime: (ms) => dtf.format(new Date(ms)),
    bytes: (n) => {
      const [unit, value] = n < 1024 ? ['byte', n] : n < 1024 * 1024 ? ['kilobyte', n / 1024] : ['megabyte', n / 1024 / 1024];
      return cached(unit, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value as number);
    },
  };
}
