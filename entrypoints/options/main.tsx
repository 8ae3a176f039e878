import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/common/theme.css';
import '@/components/common/views.css';
import './options.css';
import { I18nProvider, resolveLang } from '@/components/common/i18n-provider';
import { createStoreApi } from '@/components/dashboard/api';
import { Dashboard } from '@/components/dashboard/Dashboard';
import { getSettings, type Settings, watchSettings } from '@/lib/settings';
import { downloadText } from '@/lib/ui/download';

const api = createStoreApi({
  download: downloadText,
  print: () => window.print(),
  appVersion: browser.runtime.getManifest().version,
});

const browserLang = browser.i18n.getUILanguage();
const root = document.getElementById('app') as HTMLElement;

/** Language and theme follow the settings, live: a change in Settings re-renders in place. */
function apply(settings: Settings) {
  const lang = resolveLang(settings.language, browserLang);
  if (settings.theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = settings.theme;
  document.title = lang === 'ru' ? 'Панель SMM Lens' : 'SMM Lens dashboard';
  render(
    <I18nProvider lang={lang}>
      <Dashboard api={api} />
    </I18nProvider>,
    root,
  );
}

async function main() {
  apply(await getSettings());
  watchSettings(apply);
}

void main();
