/**
 * The UI's i18n layer: Russian and English, the browser's language unless the settings force one.
 * (Manifest strings come from public/_locales; everything else from here, so the language can be
 * switched in settings, which browser.i18n cannot do.) The translator itself is in ./translator.ts,
 * apart from the catalogs, so a content script can use it with a part of a catalog.
 */
import { en, type MessageKey, type Messages } from './en';
import { resolveLang } from './lang';
import { ru } from './ru';
import { type Lang, makeTranslator, type Translator } from './translator';

export type { Catalog, Lang, Params, Translator } from './translator';
export type { MessageKey };
export { resolveLang };

const CATALOGS: Record<Lang, Messages> = { en, ru };
export function createTranslator(lang: Lang): Translator {
  return makeTranslator(lang, CATALOGS[lang], en);
}

/** The messages of `lang` whose keys start with one of `prefixes` (what the overlay needs). */
export function catalogPart(lang: Lang, prefixes: readonly string[]): Partial<Messages> {
  const out: Partial<Messages> = {};
  for (const [k, v] of Object.entries(CATALOGS[lang]) as [MessageKey, string][]) if (prefixes.some((p) => k.startsWith(p))) out[k] = v;
  return out;
}
