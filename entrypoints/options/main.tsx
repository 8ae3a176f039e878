/**
 * The dashboard's entry. On the way to the accounts table (issue 8: 500 accounts within 500 ms):
 * the account list is asked for at once, while the settings and the catalog of the UI language
 * (one language, its own chunk; the other is loaded only when the language is switched) come in.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/common/theme.css';
import '@/components/common/views.css';
import './options.css';
import { I18nContext } from '@/components/common/i18n';
import { createStoreApi, type DashboardApi } from '@/components/dashboard/api';
import { Dashboard } from '@/components/dashboard/Dashboard';
import { resolveLang } from '@/lib/i18n/lang';
import { loadTranslator } from '@/lib/i18n/load';
import { getSettings, type Settings, watchSettings } from '@/lib/settings';
import { downloadText } from '@/lib/ui/download';

const store = createStoreApi({
  download: downloadText,
  print: () => window.print(),
  appVersion: browser.runtime.getManifest().version,
});
// The first listAccounts is started now, not after the first render; later calls read again.
let early: ReturnType<DashboardApi['listAccounts']> | null = store.listAccounts();
early.catch(() => undefined); // its failure is reported to the Dashboard, which asks for it
const api: DashboardApi = {
  ...store,
  listAccounts() {
    const p = early ?? store.listAccounts();
    early = null;
    return p;
  },
};

const browserLang = browser.i18n.getUILanguage();
const root = document.getElementById('app') as HTMLElement;

let shown: Settings | null = null;
/** Language and theme follow the settings, live: a change in Settings re-renders in place. */
async function apply(settings: Settings) {
  shown = settings;
  const lang = resolveLang(settings.language, browserLang);
  const t = await loadTranslator(lang);
  if (shown !== settings) return; // a newer change came in while the catalog loaded
  if (settings.theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = settings.theme;
  document.documentElement.lang = lang;
  document.title = lang === 'ru' ? 'Панель SMM Lens' : 'SMM Lens dashboard';
  render(
    <I18nContext.Provider value={t}>
      <Dashboard api={api} />
    </I18nContext.Provider>,
    root,
  );
}

async function main() {
  await apply(await getSettings());
  watchSettings((s) => void apply(s));
}

void main();
