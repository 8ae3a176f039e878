import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { storage } from '@wxt-dev/storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSettings } from '@/lib/settings';
import { listAccounts } from '@/lib/store/store';
import { loadDemo, openAt } from '../dashboard/harness';

beforeEach(async () => {
  process.env.TZ = 'UTC';
  await loadDemo();
});
afterEach(() => {
  cleanup();
  history.replaceState(null, '', location.pathname);
});

describe('data', () => {
  it('storage use in total, per platform and per account', async () => {
    openAt('#data');
    const d = await screen.findByTestId('data-storage');
    await waitFor(() => expect(d.textContent).toMatch(/Accounts7/));
    expect(d.textContent).toMatch(/Snapshots271/);
    expect(screen.getByRole('table', { name: 'Largest accounts' }).querySelectorAll('tbody tr')).toHaveLength(7);
    expect(await screen.findByTestId('quarantine-none')).toBeTruthy(); // after the scan the Data section asks for
  });

  it('records set aside are listed with why, never deleted', async () => {
    await storage.setItem('local:acct:instagram:broken', { v: 2, platform: 'instagram', id: 'broken', s: 'not a list' });
    openAt('#data');
    const q = await screen.findByTestId('quarantine-table');
    expect(q.textContent).toContain('instagram:broken');
    expect(q.textContent).toContain('acct:instagram:broken');
    expect(screen.getAllByText(/Records that could not be read were set aside/).length).toBeGreaterThan(0);
    expect(await storage.getItem('local:acct:instagram:broken')).not.toBeNull();
  });

  it('retention and compaction settings are saved at once', async () => {
    openAt('#data');
    fireEvent.change(await screen.findByTestId('retention'), { target: { value: '365' } });
    await waitFor(async () => expect((await getSettings()).retentionDays).toBe(365));
    expect(screen.getByTestId('data-saved').textContent).toBe('Saved.');
    fireEvent.change(screen.getByTestId('retention'), { target: { value: '' } });
    await waitFor(async () => expect((await getSettings()).retentionDays).toBeNull());
    fireEvent.change(screen.getByLabelText('Keep one snapshot a day after'), { target: { value: '180' } });
    await waitFor(async () => expect((await getSettings()).compactAfterDays).toBe(180));
  });
});

describe('settings', () => {
  it('language, theme and overlay switches are saved', async () => {
    openAt('#settings');
    fireEvent.change(await screen.findByTestId('set-language'), { target: { value: 'ru' } });
    await waitFor(async () => expect((await getSettings()).language).toBe('ru'));
    fireEvent.change(screen.getByTestId('set-theme'), { target: { value: 'dark' } });
    await waitFor(async () => expect((await getSettings()).theme).toBe('dark'));
    fireEvent.click(screen.getByRole('checkbox', { name: 'VK' }));
    await waitFor(async () => expect((await getSettings()).overlay).toEqual({ vk: false, instagram: true }));
    expect(screen.getByTestId('settings-saved').textContent).toBe('Saved.');
  });

  it('changing the posts the ER uses recomputes every summary, shows progress, and stores them', async () => {
    openAt('#settings');
    fireEvent.change(await screen.findByTestId('set-recent'), { target: { value: '6' } });
    await waitFor(async () => expect((await listAccounts()).every((e) => e.sum?.rp === 6)).toBe(true), { timeout: 8000 });
    history.replaceState(null, '', `${location.pathname}#accounts`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const t = await screen.findByTestId('accounts-table');
    await waitFor(() => {
      const cell = t.querySelector('tr[data-account="instagram:coffee_lab"] [data-col="er"] .smm-metric') as HTMLElement;
      fireEvent.mouseEnter(cell);
      expect(cell.getAttribute('title')).toContain('median over 6 posts');
    });
    expect(screen.getByTestId('accounts-legend').textContent).toContain('the 6 most recent posts');
  });
});
