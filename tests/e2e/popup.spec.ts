/**
 * The popup's language and theme (entrypoints/popup/main.tsx): it starts drawing in a guessed
 * language (the last answer's, else the browser's) while the background answers with the
 * settings'; a setting other than the browser's language is followed at once and remembered for
 * the next opening. The popup's numbers are checked in overlay.spec.ts, roundtrip.spec.ts and
 * resilience.spec.ts.
 */
import { expect, launchExtension, test } from './fixtures';

test('the popup follows a language setting other than the browser’s, and remembers it', async () => {
  const h = await launchExtension({}, { locale: 'en-US' });
  try {
    const setup = await h.context.newPage();
    await setup.goto(`chrome-extension://${h.extensionId}/popup.html?tab=999999`);
    await expect(setup.getByRole('button', { name: 'Open dashboard' })).toBeVisible();
    await expect(setup.locator('html')).toHaveAttribute('lang', 'en');
    await setup.evaluate(() => chrome.storage.local.set({ settings: { language: 'ru', theme: 'dark' } }));
    await setup.close();
    for (const remembered of [false, true]) {
      const popup = await h.context.newPage();
      await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tab=999999`);
      await expect(popup.getByRole('button', { name: 'Открыть панель' })).toBeVisible();
      await expect(popup.locator('html')).toHaveAttribute('lang', 'ru');
      await expect(popup.locator('html')).toHaveAttribute('data-theme', 'dark');
      expect(
        JSON.parse((await popup.evaluate(() => localStorage.getItem('smm-popup-look'))) ?? 'null'),
        `opening ${remembered ? 2 : 1}`,
      ).toEqual({
        lang: 'ru',
        theme: 'dark',
      });
      await popup.close();
    }
  } finally {
    await h.close();
  }
});
