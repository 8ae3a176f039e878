import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, getSettings, SETTINGS_KEY, settingsOf, updateSettings } from '@/lib/settings';

/** The store's ingest reads the settings' stored value directly (in its one storage call): it must mean what getSettings says. */
describe('settings as stored', () => {
  const stored = async () => (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];

  it('nothing stored: the defaults, both ways', async () => {
    expect(await stored()).toBeUndefined();
    expect(settingsOf(await stored())).toEqual(DEFAULT_SETTINGS);
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('a stored value reads the same through settingsOf as through getSettings', async () => {
    await updateSettings({ retentionDays: 365, compactAfterDays: 30, recentPosts: 20 });
    expect(settingsOf(await stored())).toEqual(await getSettings());
    expect(settingsOf(await stored())).toMatchObject({ retentionDays: 365, compactAfterDays: 30, recentPosts: 20 });
  });

  it('a damaged value: the defaults (field by field), both ways', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { retentionDays: 'forever', recentPosts: 20 } });
    expect(settingsOf(await stored())).toEqual(await getSettings());
    expect(settingsOf(await stored())).toMatchObject({ retentionDays: null, recentPosts: 20 });
    expect(settingsOf('not an object')).toEqual(DEFAULT_SETTINGS);
  });
});
