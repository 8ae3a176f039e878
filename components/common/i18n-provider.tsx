import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { createTranslator, type Lang, resolveLang } from '@/lib/i18n';
import { I18nContext } from './i18n';

/**
 * The translator of the dashboard (and of the component tests), over both bundled catalogs
 * (lib/i18n). Apart from ./i18n.tsx, which the shared views import, so that the popup and the
 * overlay, which use those views, do not ship both catalogs.
 */
export function I18nProvider({ lang, children }: { lang: Lang; children: ComponentChildren }) {
  const [t, setT] = useState(() => createTranslator(lang));
  useEffect(() => {
    setT(createTranslator(lang));
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }, [lang]);
  return <I18nContext.Provider value={t}>{children}</I18nContext.Provider>;
}

export { resolveLang };
