import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup, type PopupData } from '@/components/popup/Popup';
import type { PageState } from '@/lib/messaging';
import { applyAccount, decodeRecord, newRecord } from '@/lib/store/history';
import type { IndexEntry } from '@/lib/store/records';
import { renderIn } from '../../helpers/render';
import { abbr, igAccount } from '../../helpers/reports';

afterEach(cleanup);

const T = Date.UTC(2026, 9, 1, 12) / 1000;
function history() {
  const rec = newRecord('instagram', 'pluto__travel', T);
  applyAccount(rec, igAccount('pluto__travel', 2362, { name: 'Pluto' }), T);
  applyAccount(rec, { ...igAccount('pluto__travel', null, { name: 'Pluto' }), followers: abbr('2.4K') }, T + 86400);
  return decodeRecord(rec);
}
const page = (over: Partial<PageState> = {}): PageState => ({
  platform: 'instagram',
  url: 'https://www.instagram.com/pluto__travel/',
  pageKind: 'profile',
  accountKey: 'instagram:pluto__travel',
  accountName: 'Pluto',
  status: 'ok',
  posts: 0,
  lastReportAt: null,
  lastReply: null,
  ...over,
});
const entry = (key: string, name: string): IndexEntry => ({
  key,
  platform: 'instagram',
  id: key.split(':')[1],
  handle: key.split(':')[1],
  name,
  url: `https://www.instagram.com/${key.split(':')[1]}/`,
  first: 0,
  last: T * 1000,
  followers: 1000,
  snapshots: 1,
  posts: 0,
  bytes: 100,
});
const show = (data: PopupData | Promise<PopupData>, lang: 'ru' | 'en' = 'en') =>
  renderIn(lang, <Popup load={() => Promise.resolve(data)} openDashboard={() => undefined} />);

describe('popup', () => {
  it('loading', () => {
    renderIn('en', <Popup load={() => new Promise(() => undefined)} openDashboard={() => undefined} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
  });

  it('the current account with its latest numbers and snapshot count', async () => {
    show({ page: page(), history: history(), recent: [], problem: null });
    await screen.findByText('Pluto');
    expect(screen.getByText('≈2.4K').getAttribute('title')).toContain('2.4K');
    expect(screen.getByText('10')).toBeTruthy();
    expect(screen.getByTestId('snapshot-count').textContent).toContain('2 snapshots stored');
  });

  it('the same in Russian', async () => {
    show({ page: page(), history: history(), recent: [], problem: null }, 'ru');
    await screen.findByText('Подписчики');
    expect(screen.getByTestId('snapshot-count').textContent).toContain('Сохранено 2 снимка');
  });

  it('nothing stored yet', async () => {
    show({ page: page(), history: null, recent: [], problem: null });
    await screen.findByText('Nothing is stored for this account yet.');
  });

  it('page not readable', async () => {
    show({ page: page({ status: 'unreadable' }), history: null, recent: [], problem: null });
    expect((await screen.findByRole('status')).textContent).toContain('may have changed');
  });

  it('still reading', async () => {
    show({ page: page({ status: 'reading' }), history: null, recent: [], problem: null });
    expect((await screen.findByRole('status')).textContent).toBe('Reading the page…');
  });

  it('storage error', async () => {
    show({ page: page(), history: history(), recent: [], problem: { code: 'quota', message: 'Storage is full', at: 0 } });
    expect((await screen.findByRole('alert')).textContent).toContain('Storage is full');
  });

  it('a failure to read storage at all', async () => {
    renderIn('en', <Popup load={() => Promise.reject(new Error('boom'))} openDashboard={() => undefined} />);
    expect((await screen.findByRole('alert')).textContent).toContain('boom');
  });

  it('elsewhere: recently seen accounts, searchable', async () => {
    show({ page: null, history: null, recent: [entry('instagram:nasa', 'NASA'), entry('instagram:pluto', 'Pluto')], problem: null });
    await screen.findByText('NASA');
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search accounts' }), { target: { value: 'plu' } });
    await waitFor(() => expect(screen.queryByText('NASA')).toBeNull());
    expect(screen.getByText('Pluto').closest('a')?.getAttribute('href')).toBe('https://www.instagram.com/pluto/');
  });

  it('elsewhere with nothing seen yet', async () => {
    show({ page: null, history: null, recent: [], problem: null });
    await screen.findByText(/No accounts seen yet/);
  });

  it('opens the dashboard', async () => {
    const open = vi.fn();
    renderIn('en', <Popup load={() => Promise.resolve({ page: null, history: null, recent: [], problem: null })} openDashboard={open} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open dashboard' }));
    expect(open).toHaveBeenCalled();
  });
});
