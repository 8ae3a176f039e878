import { readFileSync } from 'node:fs';
import { expect, launchExtension, storageDump, tabIdOf, test, waitForStorage } from './fixtures';

const PROFILE_URL = 'https://www.instagram.com/pluto__travel/';
const routes = { [PROFILE_URL]: 'instagram/instagram-profile-loggedout-2024-12.html' };

test('instagram profile -> stored -> popup -> export JSON -> import into a fresh profile', async () => {
  const a = await launchExtension(routes);
  let backupPath: string;
  try {
    const page = await a.context.newPage();
    await page.goto(PROFILE_URL);
    const store = await waitForStorage(a, (s) => 'acct:instagram:pluto__travel' in s);
    const rec = store['acct:instagram:pluto__travel'] as { s: unknown[][]; handle: string; name: string };
    expect(rec.s).toHaveLength(1);
    expect(rec.s[0].slice(1)).toEqual([2362, 136, 224]);
    expect(rec.name).toBe('Pluto');

    // The popup, for the tab showing the profile
    const tabId = await tabIdOf(a, page);
    const popup = await a.context.newPage();
    await popup.goto(`chrome-extension://${a.extensionId}/popup.html?tab=${tabId}`);
    await expect(popup.getByRole('heading', { name: /Pluto/ })).toBeVisible();
    await expect(popup.locator('[data-count="followers"] dd')).toHaveText('2,362');
    await expect(popup.locator('[data-count="following"] dd')).toHaveText('136');
    await expect(popup.locator('[data-count="posts"] dd')).toHaveText('224');
    await expect(popup.getByTestId('snapshot-count')).toContainText('1 snapshot stored');

    // Export from the dashboard
    const dash = await a.context.newPage();
    await dash.goto(`chrome-extension://${a.extensionId}/options.html`);
    await expect(dash.getByTestId('accounts-table')).toContainText('Pluto');
    const [download] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name: 'Export JSON' }).click()]);
    backupPath = test.info().outputPath('backup.json');
    await download.saveAs(backupPath);
    const backup = JSON.parse(readFileSync(backupPath, 'utf8'));
    expect(backup).toMatchObject({ format: 'smm-lens-backup', version: 1 });
    const account = backup.accounts.find((x: { id: string }) => x.id === 'pluto__travel');
    expect(account.snapshots[0].followers).toEqual({ value: 2362, low: 2362, high: 2362, exact: true, raw: '2362' });
    expect(account.snapshots[0].following.value).toBe(136);
    expect(account.snapshots[0].posts.value).toBe(224);
    expect(a.extensionRequests).toEqual([]);
  } finally {
    await a.close();
  }

  // A fresh browser profile: import restores it.
  const b = await launchExtension();
  try {
    const dash = await b.context.newPage();
    await dash.goto(`chrome-extension://${b.extensionId}/options.html`);
    await expect(dash.getByText(/No accounts yet/)).toBeVisible();
    await dash.getByTestId('import-input').setInputFiles(backupPath);
    await expect(dash.getByTestId('import-result')).toContainText('Imported: 1 new accounts');
    await expect(dash.getByTestId('accounts-table')).toContainText('Pluto');
    const store = await storageDump(b);
    expect((store['acct:instagram:pluto__travel'] as { s: unknown[][] }).s[0].slice(1)).toEqual([2362, 136, 224]);
    expect(b.extensionRequests).toEqual([]);
  } finally {
    await b.close();
  }
});

test('a malformed backup is refused with a clear message and the store unchanged', async () => {
  const h = await launchExtension(routes);
  try {
    const page = await h.context.newPage();
    await page.goto(PROFILE_URL);
    const before = await waitForStorage(h, (s) => 'acct:instagram:pluto__travel' in s);
    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.extensionId}/options.html`);
    await dash.getByTestId('import-input').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"smm-lens-backup","version":1,"accounts":[{"platform":"tiktok"}]}'),
    });
    const alert = dash.getByRole('alert');
    await expect(alert).toContainText('The file was not imported, and nothing stored was changed.');
    await expect(alert).toContainText('A value in the file is not valid.');
    const after = await storageDump(h);
    expect(after).toEqual(before);
  } finally {
    await h.close();
  }
});
