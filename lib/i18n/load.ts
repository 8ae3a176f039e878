/**
 * The translator of one language over its own catalog, loaded on demand (its own chunk): an
 * extension page ships neither catalog in its entry and loads only the one it shows. Both catalogs
 * hold every key (tests/unit/i18n.test.ts), so no fallback catalog is needed.
 */
import { type Catalog, type Lang, makeTranslator, type Translator } from './translator';

const loaded: Partial<Record<Lang, Promise<Translator>>> = {};

export function loadTranslator(lang: Lang): Promise<Translator> {
  loaded[lang] ??= (lang === 'ru' ? import('./ru').then((m): Catalog => m.ru) : import('./en').then((m): Catalog => m.en)).then((c) =>
    makeTranslator(lang, c),
  );
  return loaded[lang];
}
