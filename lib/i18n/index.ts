/**
 * The UI's i18n layer: Russian and English, the browser's language unless the settings force one.
 * (Manifest strings come from public/_locales; everything else from here, so the language can be
 * switched in settings, which browser.i18n cannot do.)
 */
import type { Count } from '../count';
import { en, type MessageKey, type Messages } from './en';
import { ru } from './ru';

export type Lang = 'ru' | 'en';
export type { MessageKey };

const CATALOGS: Record<Lang, Messages> = { en, ru };
const RUSSIAN_FIRST = ['ru', 'be', 'kk'];

/** The UI language for a browser language and a setting ("auto", "ru", "en"). */
export function resolveLang(setting: string | undefined, browserLang: string | undefined): Lang {
  if (setting === 'ru' || setting === 'en') return setting;
  const base = (browserLang ?? '').toLowerCase().split(/[-_]/)[0];
  return RUSSIAN_FIRST.includes(base) ? 'ru' : 'en';
}

export type Params = Record<string, string | number>;

function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

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

export function createTranslator(lang: Lang): Translator {
  const catalog = CATALOGS[lang];
  const plural = new Intl.PluralRules(lang);
  const nf = new Intl.NumberFormat(lang);
  const compact = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 });
  const df = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric' });
  const dtf = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const t = (key: MessageKey, params?: Params) => fill(catalog[key] ?? en[key] ?? key, params);
  return {
    lang,
    t,
    tn(base, n, params) {
      const key = `${base}_${plural.select(n)}` as MessageKey;
      const fallback = `${base}_other` as MessageKey;
      return fill(catalog[key] ?? catalog[fallback] ?? base, { n: nf.format(n), ...params });
    },
    number: (n, digits) =>
      digits === undefined
        ? nf.format(n)
        : new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n),
    count: (c) => (c === null ? '—' : c.exact ? nf.format(c.value) : `≈${compact.format(c.value)}`),
    countTitle: (c) =>
      c === null
        ? catalog['common.unknownHint']
        : c.exact
          ? fill(catalog['common.exact'], { raw: c.raw })
          : fill(catalog['common.approx'], { raw: c.raw, low: nf.format(c.low), high: nf.format(Math.max(c.low, c.high - 1)) }),
    date: (ms) => df.format(new Date(ms)),
    dateTime: (ms) => dtf.format(new Date(ms)),
    bytes: (n) => {
      const [unit, value] = n < 1024 ? ['byte', n] : n < 1024 * 1024 ? ['kilobyte', n / 1024] : ['megabyte', n / 1024 / 1024];
      return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value as number);
    },
  };
}
