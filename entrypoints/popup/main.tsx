import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/common/theme.css';
import './popup.css';
import { I18nProvider, resolveLang } from '@/components/common/i18n';
import { Popup, type PopupData } from '@/components/popup/Popup';
import { type PageState, sendMessage } from '@/lib/messaging';
import { PageStateSchema } from '@/lib/protocol';
import { getSettings } from '@/lib/settings';
import { getAccountHistory, getLastProblem, listAccounts } from '@/lib/store/store';

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

async function load(): Promise<PopupData> {
  const [page, recent, problem] = await Promise.all([activePage(), listAccounts(), getLastProblem()]);
  let history = page?.accountKey ? await getAccountHistory(page.accountKey) : null;
  if (!history && page?.accountKey) {
    // a VK account seen by screen name may be stored under its numeric id
    const [, id] = page.accountKey.split(':');
    const match = recent.find((e) => e.platform === page.platform && e.handle?.toLowerCase() === id.toLowerCase());
    if (match) history = await getAccountHistory(match.key);
  }
  return { page, history, recent, problem };
}

async function main() {
  const settings = await getSettings();
  const lang = resolveLang(settings.language, browser.i18n.getUILanguage());
  if (settings.theme !== 'auto') document.documentElement.dataset.theme = settings.theme;
  render(
    <I18nProvider lang={lang}>
      <Popup load={load} openDashboard={() => void browser.runtime.openOptionsPage().then(() => window.close())} />
    </I18nProvider>,
    document.getElementById('app') as HTMLElement,
  );
}

void main();
