/**
 * Comparison of the demo accounts over October 2026 (UTC). Hand computation (data listed with
 * `npx tsx tests/fixtures/backups/make-dashboard-demo.ts --list <key>`):
 *
 * Coffee Lab (Instagram, likes + comments): visits nearest to the ends 30 Sep 21:00, 12 721 followers,
 *   and 31 Oct 18:00, 13 330: +609, 609 / 12 721 = 4.79 %. Post counter 235 -> 247: 12 posts in
 *   30.875 days = 2.72 a week. 12 posts of October with 5 798 reactions: 483 a post.
 * Пекарня «Колосок» (VK, likes + comments + reposts): 1 Oct 10:00 5 209 -> 31 Oct 16:00 5 297: +88,
 *   1.69 %; counter 1 012 -> 1 031: 19 in 30.25 days = 4.40 a week; 19 posts, 1 406 reactions, 74 a post.
 * Кофейня «Зерно» (VK): 1 Oct 14:00 8 405 -> 31 Oct 12:00 8 446: +41, 0.49 %; counter 2 329 -> 2 339:
 *   10 in 29.92 days = 2.34 a week; 9 posts seen (one fell in the 12-day gap), 967 reactions, 107 a post.
 * Share of voice: 5 798 + 1 406 + 967 = 8 171; 71.0 %, 17.2 %, 11.8 %.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemo, openAt, storeApi } from '../dashboard/harness';

beforeEach(async () => {
  process.env.TZ = 'UTC';
  await loadDemo();
});
afterEach(() => {
  cleanup();
  history.replaceState(null, '', location.pathname);
});

const HASH = '#compare?a=instagram%3Acoffee_lab,vk%3A-210000001,vk%3A-210000002&from=2026-10-01&to=2026-10-31';
const cell = (t: HTMLElement, key: string, col: string) =>
  (t.querySelector(`tr[data-account="${key}"] [data-col="${col}"]`) as HTMLElement).textContent;

describe('compare', () => {
  it('growth, ER, posts per week, reactions per post and share of voice, by hand', async () => {
    openAt(HASH);
    const t = await screen.findByTestId('compare-table', {}, { timeout: 5000 });
    expect(t.querySelectorAll('tbody tr')).toHaveLength(3);
    expect(cell(t, 'instagram:coffee_lab', 'followers')).toBe('12,721 → 13,330');
    expect(cell(t, 'instagram:coffee_lab', 'growth')).toBe('+4.8 % [+609]');
    expect(cell(t, 'instagram:coffee_lab', 'er')).toBe('3.5 %');
    expect(cell(t, 'instagram:coffee_lab', 'ppw')).toBe('2.7');
    expect(cell(t, 'instagram:coffee_lab', 'rpp')).toBe('483');
    expect(cell(t, 'instagram:coffee_lab', 'sov')).toBe('71.0 %');
    expect(cell(t, 'vk:-210000001', 'growth')).toBe('+1.7 % [+88]');
    expect(cell(t, 'vk:-210000001', 'ppw')).toBe('4.4');
    expect(cell(t, 'vk:-210000001', 'rpp')).toBe('74');
    expect(cell(t, 'vk:-210000001', 'sov')).toBe('17.2 %');
    expect(cell(t, 'vk:-210000002', 'growth')).toBe('+0.49 % [+41]');
    expect(cell(t, 'vk:-210000002', 'posts')).toBe('9');
    expect(cell(t, 'vk:-210000002', 'rpp')).toBe('107');
    expect(cell(t, 'vk:-210000002', 'sov')).toBe('11.8 %');
    // sorted by share of voice, largest first
    expect([...t.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-account'))).toEqual([
      'instagram:coffee_lab',
      'vk:-210000001',
      'vk:-210000002',
    ]);
    const chart = screen.getByTestId('compare-chart');
    expect(chart.querySelectorAll('.smm-chart-series')).toHaveLength(3);
    // the line runs between the visits the table uses: its end is the table's +4.8 %
    expect(chart.querySelector('desc')?.textContent).toContain('Coffee Lab | кофейня: 0.0 % on Sep 30, 2026, +4.8 % on Oct 31, 2026');
  });

  it('exports the table as CSV', async () => {
    const api = storeApi();
    openAt(HASH, 'en', api);
    await screen.findByTestId('compare-table', {}, { timeout: 5000 });
    fireEvent.click(screen.getByRole('button', { name: 'Export comparison CSV' }));
    expect(api.download).toHaveBeenCalledTimes(1);
    const [name, text, mime] = api.download.mock.calls[0];
    expect(name).toBe('smm-lens-compare-2026-10-01-2026-10-31.csv');
    expect(mime).toBe('text/csv;charset=utf-8');
    const lines = (text as string).trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(
      /^instagram,coffee_lab,Coffee Lab \| кофейня,https:\/\/www.instagram.com\/coffee_lab\/,2026-10-01T00:00:00.000Z,2026-10-31T23:59:59.999Z,/,
    );
    expect(lines[1]).toContain(',12721,12721,12721,13330,13330,13330,609,609,609,');
    expect(await screen.findByText('Saved as smm-lens-compare-2026-10-01-2026-10-31.csv')).toBeTruthy();
  });

  it('picking accounts and the period updates the URL; a group at once', async () => {
    openAt('#compare?from=2026-10-01&to=2026-10-31');
    expect(await screen.findByText('Pick at least one account.')).toBeTruthy();
    const picker = screen.getByTestId('compare-picker');
    fireEvent.click(within(picker).getByRole('checkbox', { name: /URBAN STYLE MSK/ }));
    await waitFor(() =>
      expect(decodeURIComponent(location.hash)).toBe('#compare?a=instagram:urban_style_msk&from=2026-10-01&to=2026-10-31'),
    );
    fireEvent.click(screen.getByRole('button', { name: '+ group “Клиенты”' }));
    await waitFor(() => expect(screen.getByTestId('compare-table').querySelectorAll('tbody tr')).toHaveLength(3));
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-10-15' } });
    await waitFor(() => expect(location.hash).toContain('to=2026-10-15'));
    expect(screen.getByTestId('compare-days').textContent).toBe('15 days, both ends included');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-10-20' } });
    expect(await screen.findByText('The end is before the start.')).toBeTruthy();
  });

  it('in Russian', async () => {
    openAt(HASH, 'ru');
    const t = await screen.findByTestId('compare-table', {}, { timeout: 5000 });
    expect(cell(t, 'instagram:coffee_lab', 'growth')).toBe('+4,8 % [+609]');
    expect(screen.getByRole('button', { name: 'Экспорт сравнения в CSV' })).toBeTruthy();
  });
});
