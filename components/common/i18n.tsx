import { type ComponentChildren, createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { createTranslator, type Lang, resolveLang, type Translator } from '@/lib/i18n';
import { makeTranslator } from '@/lib/i18n/translator';

/**
 * The default (no provider) shows message keys: building the English translator here would pull
 * both catalogs into every bundle that uses these views, the overlay's content script included,
 * which gets its part of the catalog from the background (lib/overlay). Pages use I18nProvider.
 */
export const I18nContext = createContext<Translator>(makeTranslator('en', {}));

export function useT(): Translator {
  return useContext(I18nContext);
}

export function I18nProvider({ lang, children }: { lang: Lang; children: ComponentChildren }) {
  const [t, setT] = useState(() => createTranslator(lang));
  useEffect(() => {
    setT(createTranslator(lang));
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }, [lang]);
  return <I18nContext.Provider value={t}>{children}</I18nContext.Provider>;
}

export { resolveLang };
