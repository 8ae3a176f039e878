/**
 * The translator's context, without the catalogs: the shared views (and the overlay's and the
 * popup's components) read their translator here, so a bundle that uses them does not ship the
 * Russian and English catalogs. Pages provide the translator: the dashboard with I18nProvider
 * (./i18n-provider.tsx, both catalogs bundled), the popup over the one catalog of its language,
 * loaded on demand, the overlay over the part of the catalog the background sends.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { makeTranslator, type Translator } from '@/lib/i18n/translator';

/** The default (no provider) shows message keys. */
export const I18nContext = createContext<Translator>(makeTranslator('en', {}));

export function useT(): Translator {
  return useContext(I18nContext);
}
