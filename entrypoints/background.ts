import { browser } from 'wxt/browser';
import { handleIngest } from '@/lib/background/ingest';
import { handleReadVkPosts } from '@/lib/background/read-elsewhere';
import { askPageState, handleAccountViews, handleOpenDashboard, handlePopupView } from '@/lib/background/views';
import { onMessage } from '@/lib/messaging';
import { migrateAll } from '@/lib/store/store';

/** A red "!" on the toolbar icon while storage cannot be written; cleared by the next good write. */
async function showProblem(problem: boolean): Promise<void> {
  try {
    await browser.action.setBadgeText({ text: problem ? '!' : '' });
    if (problem) await browser.action.setBadgeBackgroundColor({ color: '#c62828' });
  } catch {
    // no toolbar button: the popup and dashboard still show the problem
  }
}

export default defineBackground(() => {
  // Unknown after a (re)start: the badge outlives the worker (stopped after 30 s idle), so the
  // first answer sets it either way; a "!" left by the previous worker is cleared by a good write.
  let problemShown: boolean | null = null;

  onMessage('ingest', async ({ data, sender }) => {
    const reply = await handleIngest(data, sender);
    const storageProblem = !reply.ok && (reply.error === 'quota' || reply.error === 'write');
    if (storageProblem !== problemShown) {
      problemShown = storageProblem;
      await showProblem(storageProblem);
    }
    return reply;
  });

  // VK posts, copied out of the page, read off its main thread (here in Firefox, in the reader document in Chrome).
  onMessage('readVkPosts', ({ data, sender }) => handleReadVkPosts(data, sender));

  // The overlay's numbers: analyses of the accounts a page shows, computed from the store.
  onMessage('getAccountViews', ({ data, sender }) => handleAccountViews(data, sender, { uiLanguage: () => browser.i18n.getUILanguage() }));
  // The popup's view model: everything it shows, in one answer (lib/popup-view.ts).
  onMessage('getPopupView', ({ data, sender }) =>
    handlePopupView(data, sender, { uiLanguage: () => browser.i18n.getUILanguage(), pageState: askPageState }),
  );
  onMessage('openDashboard', ({ data, sender }) =>
    handleOpenDashboard(data, sender, (url) => browser.tabs.create({ url }).then(() => undefined)),
  );

  // After an update, bring stored records to the current schema (records also migrate when read).
  void migrateAll().catch((e) => console.warn('[SMM Lens] migration failed; records migrate when read', e));
});
