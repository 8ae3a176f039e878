/**
 * The UI's i18n layer: Russian and English, the browser's language unless the settings force one.
 * (Manifest strings come from public/_locales; everything else from here, so the language can be
 * switched in settings, which browser.i18n cannot do.) The translator itself is in ./translator.ts,
 * apart from the catalogs, so a content script can use it with a part of a catalog.
 */
import { en, type MessageKey, type Messages } from './en';
import { ru } from './ru';
import { type Lang, makeTranslator, type Translator } from './translator';

export type { Catalog, Lang, Params, Translator } from './translator';
export type { MessageKey };

const CATALOGS: Record<Lang, Messages> = { en, ru };
const RUSSIAN_FIRST = ['ru', 'be', 'kk'];

/** The UI language for a browser language and a setting ("auto", "ru", "en"). */
export function resolveLang(setting: string | undefined, browserLang: string | undefined): Lang {
  if (setting === 'ru' || setting === 'en') return setting;
  const base = (browserLang ?? '').toLowerCase().split(/[-_]/)[0];
  return RUSSIAN_FIRST.includes(base) ? 'ru' : 'en';
}

export function createTranslator(lang: Lang): Translator {
  return makeTranslator(lang, CATALOGS[lang], en);
}

/** The messages of `lang` whose keys start with one of `prefixes` (what the overlay needs). */
export function catalogPart(lang: Lang, prefixes: readonly string[]): Partial<Messages> {
  const out: Partial<Messages> = {};
  for (const [k, v] of Object.entries(CATALOGS[lang]) as [MessageKey, string][]) if (prefixes.some((p) => k.startsWith(p))) out[k] = v;
  return out;
}
