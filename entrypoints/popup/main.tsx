/**
 * The popup's entry: one question to the background (getPopupView), which answers with everything
 * the popup shows, ready to render (lib/popup-view.ts); meanwhile the catalog of the UI language
 * is loaded (one language, its own chunk). Nothing here imports the store, the metrics engine, zod
 * or both catalogs (docs/PERFORMANCE.md, section 2).
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import '@/components/common/theme.css';
import '@/components/common/views.css';
import '@/components/overlay/overlay.css';
import './popup.css';
import { I18nContext } from '@/components/common/i18n';
import { loadDetails, Popup } from '@/components/popup/Popup';
import { type Catalog, type Lang, makeTranslator, type Translator } from '@/lib/i18n/translator';
import type { ProtocolMap } from '@/lib/messaging';
import { isPopupViewReply, type PopupView } from '@/lib/popup-view';

performance.mark('smm-popup-module');

// The protocol of lib/messaging.ts (types only: that module's sender checks are the background's).
const { sendMessage } = defineExtensionMessaging<ProtocolMap>();

const RUSSIAN_FIRST = ['ru', 'be', 'kk'];
type Theme = PopupView['theme'];

/** The language and theme of the last answer, remembered by this page (localStorage is synchronous). */
const REMEMBERED = 'smm-popup-look';

/**
 * The language and theme to start with, before the background answers (it has the final word):
 * those of the last answer, else the browser's language (as lib/i18n resolveLang for "auto").
 */
function guess(ui: string): { lang: Lang; theme: Theme } {
  try {
    const last = JSON.parse(localStorage.getItem(REMEMBERED) ?? 'null') as { lang?: unknown; theme?: unknown } | null;
    if ((last?.lang === 'ru' || last?.lang === 'en') && (last.theme === 'auto' || last.theme === 'light' || last.theme === 'dark'))
      return { lang: last.lang, theme: last.theme };
  } catch {
    // nothing remembered
  }
  const base = ui.toLowerCase().split(/[-_]/)[0];
  return { lang: RUSSIAN_FIRST.includes(base) ? 'ru' : 'en', theme: 'auto' };
}

function remember(view: PopupView) {
  try {
    localStorage.setItem(REMEMBERED, JSON.stringify({ lang: view.lang, theme: view.theme }));
  } catch {
    // not kept: the next opening guesses from the browser's language
  }
}

const catalogs: Partial<Record<Lang, Promise<Catalog>>> = {};
function catalog(lang: Lang): Promise<Catalog> {
  catalogs[lang] ??= lang === 'ru' ? import('@/lib/i18n/ru').then((m) => m.ru) : import('@/lib/i18n/en').then((m) => m.en);
  return catalogs[lang];
}
// Both catalogs are complete (typed Messages): the English fallback of lib/i18n is never used.
const translator = async (lang: Lang): Promise<Translator> => makeTranslator(lang, await catalog(lang));

function applyTheme(theme: Theme) {
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/**
 * The tab the popup is about: the active tab of its window. popup.html?tab=<id> asks about that
 * tab instead (end-to-end tests, the benchmark; handy for debugging too).
 */
async function activeTab(): Promise<number | null> {
  const forced = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(forced) && forced > 0) return forced;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** The background's answer; rejects with its reason (shown as a storage error, as a failed read was). */
async function requestView(ui: string): Promise<PopupView> {
  const tab = await activeTab();
  performance.mark('smm-popup-asked');
  const reply: unknown = await sendMessage('getPopupView', { tab, ui });
  performance.mark('smm-popup-answered');
  if (!isPopupViewReply(reply)) throw new Error('unexpected answer from the extension');
  if (!reply.ok) throw new Error(reply.message);
  const { ok: _ok, ...view } = reply;
  return view;
}

function openDashboard(key?: string) {
  const hash = key ? `#accounts/${encodeURIComponent(key)}` : '';
  void browser.tabs.create({ url: browser.runtime.getURL(`/options.html${hash}` as '/options.html') }).then(() => window.close());
}

function Root({ initial, data }: { initial: Translator; data: Promise<PopupView> }) {
  const [t, setT] = useState(initial);
  // The answer is shown in its own language: when the guess was another, that catalog is loaded
  // before the numbers are drawn.
  const [load] = useState(
    () => () =>
      data.then(async (view) => {
        applyTheme(view.theme);
        remember(view);
        if (view.lang !== initial.lang) {
          const other = await translator(view.lang);
          document.documentElement.lang = view.lang;
          setT(other);
        }
        return view;
      }),
  );
  return (
    <I18nContext.Provider value={t}>
      <Popup
        load={load}
        openDashboard={openDashboard}
        // The time from opening the popup to its numbers on screen (measured by the e2e tests).
        onShown={() => requestAnimationFrame(() => performance.mark('smm-popup-shown'))}
      />
    </I18nContext.Provider>
  );
}

async function main() {
  const ui = browser.i18n.getUILanguage();
  const data = requestView(ui);
  // the details' chunk is fetched while the headline is drawn
  data.then(
    (view) => view.account && void loadDetails(),
    () => undefined,
  );
  // The language and theme are needed to draw anything: the catalog of the likely language loads
  // while the background answers.
  const start = guess(ui);
  applyTheme(start.theme);
  document.documentElement.lang = start.lang;
  const initial = await translator(start.lang);
  performance.mark('smm-popup-catalog');
  render(<Root initial={initial} data={data} />, document.getElementById('app') as HTMLElement);
}

void main();
