import { browser } from 'wxt/browser';
import { handleIngest } from '@/lib/background/ingest';
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
  let problemShown = false;

  onMessage('ingest', async ({ data, sender }) => {
    const reply = await handleIngest(data, sender);
    const storageProblem = !reply.ok && (reply.error === 'quota' || reply.error === 'write');
    if (storageProblem !== problemShown) {
      problemShown = storageProblem;
      await showProblem(storageProblem);
    }
    return reply;
  });

  // After an update, bring stored records to the current schema (records also migrate when read).
  void migrateAll().catch((e) => console.warn('[SMM Lens] migration failed; records migrate when read', e));
});
