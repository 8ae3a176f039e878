import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/common/theme.css';
import '@/components/common/views.css';
import '@/components/overlay/overlay.css';
import './popup.css';
import { I18nProvider, resolveLang } from '@/components/common/i18n';
import { Popup, type PopupData } from '@/components/popup/Popup';
import { type PageState, sendMessage } from '@/lib/messaging';
import { analyzeAccount } from '@/lib/metrics/analyze';
import { PageStateSchema } from '@/lib/protocol';
import { getSettings, type Settings } from '@/lib/settings';
import { getAccountHistory, getLastProblem, listAccounts } from '@/lib/store/store';

performance.mark('smm-popup-module');

/**
 * Ask the active tab's content script what page it is; null when there is none (not VK/Instagram).
 * popup.html?tab=<id> asks that tab instead (end-to-end tests; handy for debugging too).
 */
async function activePage(): Promise<PageState | null> {
  const forced = Number(new URLSearchParams(location.search).get('tab'));
  const tabId = Number.isInteger(forced) && forced > 0 ? forced : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return null;
  try {
    const state = PageStateSchema.safeParse(await sendMessage('getPageState', undefined, tabId));
    return state.success ? state.data : null;
  } catch {
    return null;
  }
}

/** Everything the popup shows, read from the store here (no round trip through the worker, which may be asleep). */
async function load(settings: Promise<Settings>): Promise<PopupData> {
  performance.mark('smm-popup-load');
  const [page, recent, problem] = await Promise.all([activePage(), listAccounts(), getLastProblem()]);
  performance.mark('smm-popup-read');
  let history = page?.accountKey ? await getAccountHistory(page.accountKey) : null;
  if (!history && page?.accountKey) {
    // a VK account seen by screen name may be stored under its numeric id
    const [, id] = page.accountKey.split(':');
    const match = recent.find((e) => e.platform === page.platform && e.handle?.toLowerCase() === id.toLowerCase());
    if (match) history = await getAccountHistory(match.key);
  }
  performance.mark('smm-popup-history');
  const analysis = history ? analyzeAccount(history, { recentPosts: (await settings).recentPosts }) : null;
  performance.mark('smm-popup-analysed');
  return { page, history, analysis, recent, problem };
}

function openDashboard(key?: string) {
  const hash = key ? `#accounts/${encodeURIComponent(key)}` : '';
  void browser.tabs.create({ url: browser.runtime.getURL(`/options.html${hash}` as '/options.html') }).then(() => window.close());
}

async function main() {
  // the store is read while the settings are (the language and theme are needed to draw anything)
  const pending = getSettings();
  const data = load(pending);
  const settings = await pending;
  performance.mark('smm-popup-settings');
  const lang = resolveLang(settings.language, browser.i18n.getUILanguage());
  if (settings.theme !== 'auto') document.documentElement.dataset.theme = settings.theme;
  render(
    <I18nProvider lang={lang}>
      <Popup
        load={() => data}
        openDashboard={openDashboard}
        // The time from opening the popup to its numbers on screen (measured by the e2e tests).
        onShown={() => requestAnimationFrame(() => performance.mark('smm-popup-shown'))}
      />
    </I18nProvider>,
    document.getElementById('app') as HTMLElement,
  );
}

void main();
