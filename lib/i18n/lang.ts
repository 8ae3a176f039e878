/** The UI language, without the catalogs (an extension page loads only the catalog it shows). */
import type { Lang } from './translator';

const RUSSIAN_FIRST = ['ru', 'be', 'kk'];

/** The UI language for a browser language and a setting ("auto", "ru", "en"). */
export function resolveLang(setting: string | undefined, browserLang: string | undefined): Lang {
  if (setting === 'ru' || setting === 'en') return setting;
  const base = (browserLang ?? '').toLowerCase().split(/[-_]/)[0];
  return RUSSIAN_FIRST.includes(base) ? 'ru' : 'en';
}
