import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '@/components/popup/Popup';
import { headOf, recentOf } from '@/lib/background/views';
import type { PageState } from '@/lib/messaging';
import { analyzeAccount } from '@/lib/metrics/analyze';
import type { PopupView } from '@/lib/popup-view';
import { applyAccount, applyPost, decodeRecord, newRecord } from '@/lib/store/history';
import type { IndexEntry } from '@/lib/store/records';
import { renderIn } from '../../helpers/render';
import { abbr, igAccount, igPost } from '../../helpers/reports';

afterEach(cleanup);

const T = Date.UTC(2026, 9, 1, 12) / 1000;
function history() {
  const rec = newRecord('instagram', 'pluto__travel', T);
  applyAccount(rec, igAccount('pluto__travel', 2362, { name: 'Pluto' }), T);
  applyAccount(rec, { ...igAccount('pluto__travel', null, { name: 'Pluto' }), followers: abbr('2.4K') }, T + 86400);
  // four posts, two days old at the visit: (likes + 3 comments) / 2 362
  for (const [i, likes] of [97, 47, 147, 197].entries()) {
    applyPost(rec, igPost(`P${i}AAAA`, likes, { publishedAt: new Date((T - 2 * 86400 - i * 86400) * 1000).toISOString() }), T);
  }
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
/** The background's answer (lib/background/views.ts), through a JSON round trip as messages are sent. */
const sent = (v: PopupView): PopupView => JSON.parse(JSON.stringify(v));
const withHistory = (): PopupView => {
  const h = history();
  const { posts: _posts, ...analysis } = analyzeAccount(h);
  return sent({ lang: 'en', theme: 'auto', page: page(), account: { ...headOf(h), analysis }, recent: [], problem: null });
};
const nothing = (over: Partial<PopupView> = {}): PopupView =>
  sent({
    lang: 'en',
    theme: 'auto',
    page: null,
    account: null,
    recent: [],
    problem: null,
    ...over,
  });
const show = (
  data: PopupView | Promise<PopupView>,
  lang: 'ru' | 'en' = 'en',
  more: { openDashboard?: (k?: string) => void; onShown?: () => void } = {},
) =>
  renderIn(
    lang,
    <Popup load={() => Promise.resolve(data)} openDashboard={more.openDashboard ?? (() => undefined)} onShown={more.onShown} />,
  );

describe('popup', () => {
  it('loading', () => {
    renderIn('en', <Popup load={() => new Promise(() => undefined)} openDashboard={() => undefined} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
  });

  it('the current account: latest counts, snapshots, last seen', async () => {
    show(withHistory());
    await screen.findByText('Pluto');
    expect(screen.getByText('≈2.4K').getAttribute('title')).toContain('2.4K');
    expect(screen.getByTestId('snapshot-count').textContent).toContain('2 snapshots stored');
    expect(screen.getByTestId('snapshot-count').textContent).toContain('Last seen Oct 2, 2026');
  });

  it('its numbers: ER (median, n posts) with its formula, growth since the last visit, verdict, and the full details', async () => {
    const onShown = vi.fn();
    const { container } = show(withHistory(), 'en', { onShown });
    await screen.findByTestId('popup-headline');
    // reactions 50, 100, 150, 200 -> median 125; 125 / 2 362 = 5.29 % (the follower count nearest to publishing)
    expect(screen.getByTestId('popup-er').textContent).toBe('5.3 %');
    expect(screen.getByTestId('popup-er').getAttribute('title')).toContain('median over 4 posts of (likes + comments) / followers × 100 %');
    expect(screen.getByText('median of 4 posts')).toBeTruthy();
    // 2 362 -> "2.4K" (2 350-2 449): the change cannot be told from zero
    const growth = screen.getByTestId('popup-growth-previous');
    expect(growth.getAttribute('data-direction')).toBe('unclear');
    expect(growth.textContent).not.toMatch(/^\+/);
    expect(screen.getByTestId('popup-verdict')).toBeTruthy();
    // the full details follow the headline
    expect(await screen.findByTestId('details-chart')).toBeTruthy();
    expect(container.querySelectorAll('[data-formula]').length).toBeGreaterThanOrEqual(12);
    expect(screen.getByTestId('details-data').textContent).toContain('abbreviated on the page');
    await waitFor(() => expect(onShown).toHaveBeenCalled());
  });

  it('the same in Russian', async () => {
    show(withHistory(), 'ru');
    await screen.findByTestId('popup-headline');
    expect(document.querySelector('[data-count="followers"] dt')?.textContent).toBe('Подписчики');
    expect(screen.getByTestId('snapshot-count').textContent).toContain('Сохранено 2 снимка');
    expect(screen.getByTestId('popup-er').textContent).toBe('5,3 %');
    expect(screen.getByTestId('popup-headline').textContent).toContain('медиана по 4 постам');
  });

  it('opens the account in the dashboard', async () => {
    const open = vi.fn();
    show(withHistory(), 'en', { openDashboard: open });
    fireEvent.click(await screen.findByTestId('popup-open-account'));
    expect(open).toHaveBeenCalledWith('instagram:pluto__travel');
  });

  it('nothing stored yet', async () => {
    show(nothing({ page: page() }));
    await screen.findByText('Nothing is stored for this account yet.');
  });

  it('page not readable', async () => {
    show(nothing({ page: page({ status: 'unreadable' }) }));
    expect((await screen.findByRole('status')).textContent).toContain('may have changed');
  });

  it('still reading', async () => {
    show(nothing({ page: page({ status: 'reading' }) }));
    expect((await screen.findByRole('status')).textContent).toBe('Reading the page…');
  });

  it('storage error', async () => {
    show({ ...withHistory(), problem: { code: 'quota', message: 'Storage is full', at: 0 } });
    expect((await screen.findByRole('alert')).textContent).toContain('Storage is full');
  });

  it('a failure to read storage at all', async () => {
    const onShown = vi.fn();
    renderIn('en', <Popup load={() => Promise.reject(new Error('boom'))} openDashboard={() => undefined} onShown={onShown} />);
    expect((await screen.findByRole('alert')).textContent).toContain('boom');
    await waitFor(() => expect(onShown).toHaveBeenCalled());
  });

  it('a feed: no single account, a hint, and the recent accounts', async () => {
    show(nothing({ page: page({ pageKind: 'feed', accountKey: null, posts: 5 }), recent: [recentOf(entry('instagram:nasa', 'NASA'))] }));
    await screen.findByText('NASA');
    expect(screen.getByText(/This page shows no single account \(feed\)/).textContent).toContain('A feed shows many accounts');
    expect(screen.getByText('5 posts read on this page')).toBeTruthy();
  });

  it('elsewhere: recently seen accounts, searchable, each opening its page', async () => {
    show(nothing({ recent: [recentOf(entry('instagram:nasa', 'NASA')), recentOf(entry('instagram:pluto', 'Pluto'))] }));
    await screen.findByText('NASA');
    const search = screen.getByRole('searchbox', { name: 'Search accounts' });
    fireEvent.input(search, { target: { value: 'plu' } });
    await waitFor(() => expect(screen.queryByText('NASA')).toBeNull());
    const link = screen.getByText('Pluto').closest('a');
    expect(link?.getAttribute('href')).toBe('https://www.instagram.com/pluto/');
    expect(link?.getAttribute('target')).toBe('_blank');
    fireEvent.input(search, { target: { value: 'zzz' } });
    expect((await screen.findByRole('status')).textContent).toBe('No account matches “zzz”.');
  });

  it('elsewhere with nothing seen yet', async () => {
    show(nothing());
    await screen.findByText(/No accounts seen yet/);
  });

  it('opens the dashboard', async () => {
    const open = vi.fn();
    show(nothing(), 'en', { openDashboard: open });
    fireEvent.click(await screen.findByRole('button', { name: 'Open dashboard' }));
    expect(open).toHaveBeenCalledWith();
  });
});
