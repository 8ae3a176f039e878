import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('account detail', () => {
  it('every ER variant with its formula and sample; growth over four spans', async () => {
    openAt('#accounts/instagram%3Acoffee_lab');
    const d = await screen.findByTestId('account-detail', {}, { timeout: 5000 });
    expect(within(d).getByRole('heading', { level: 2 }).textContent).toBe('Coffee Lab | кофейня');
    const er = screen.getByTestId('eng-erMedian');
    // median of the 12 most recent eligible posts (hand computation in tests/e2e/dashboard.spec.ts): 3.43 %
    expect(er.querySelector('.smm-metric-value')?.textContent).toBe('3.4 %');
    expect(er.textContent).toContain('How: median over 12 posts of (likes + comments) / followers × 100 %');
    expect(er.textContent).toContain('Left out: 1 pinned, 1 less than a day old, 57 older than the recent posts');
    expect(screen.getByTestId('eng-amplification').textContent).toContain('Reposts are not shown (Instagram does not show them)');
    for (const k of [
      'erMean',
      'erView',
      'erDay',
      'loveRate',
      'talkRate',
      'commentsPer100Likes',
      'viewsPerLike',
      'avgLikes',
      'avgComments',
      'avgReactions',
      'medianReactions',
    ])
      expect(screen.getByTestId(`eng-${k}`).textContent, k).toMatch(/How: /);
    const growth = screen.getByTestId('detail-growth');
    expect(growth.querySelectorAll('tbody tr')).toHaveLength(4);
    expect(growth.textContent).toContain('Nov 8, 2026 – Nov 15, 2026 (7 days)');
    expect(growth.textContent).toContain('+140');
    expect(screen.getByTestId('detail-verdict').textContent).toContain('No clear signs in the data we have');
  });

  it('the padded account: several signs, the spike shaded on the chart, evidence as text', async () => {
    openAt('#accounts/instagram%3Abloom_flowers');
    await screen.findByTestId('account-detail', {}, { timeout: 5000 });
    await waitFor(() => expect(screen.getByText(/checked against the other tracked accounts/)).toBeTruthy());
    expect(screen.getByTestId('detail-verdict').getAttribute('data-level')).toBe('several');
    const signals = screen.getByTestId('detail-signals');
    const s2 = signals.querySelector('[data-signal="S2"]') as HTMLElement;
    expect(s2.getAttribute('data-status')).toBe('flag');
    expect(s2.textContent).toMatch(/Followers rose by about 6,000 \(5,702–6,298\) between Sep 8, 2026 and Sep 12, 2026/);
    expect(s2.textContent).toContain('not found: No viral post among the posts of that time.');
    expect(s2.textContent).toContain('Rule: Flags a stretch between visits');
    const s9 = signals.querySelector('[data-signal="S9"]') as HTMLElement;
    const quotes = s9.querySelectorAll('q.smm-comment-text');
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.length).toBeLessThanOrEqual(3);
    for (const q of quotes) expect(q.children).toHaveLength(0); // page text as text only
    const chart = screen.getByTestId('detail-chart');
    const svg = chart.querySelector('svg[role="img"]') as SVGElement;
    expect(svg.querySelector('title')?.textContent).toBe('Followers of Bloom Flowers — доставка цветов over time');
    expect(svg.querySelector('desc')?.textContent).toContain('Shaded: S2, Sep 8, 2026 – Sep 12, 2026.');
    expect(chart.querySelectorAll('.smm-chart-shade').length).toBeGreaterThanOrEqual(2);
    expect(chart.querySelector('.smm-chart-band')).toBeTruthy(); // abbreviated counts: a band
    expect(chart.querySelectorAll('.smm-chart-data tbody tr')).toHaveLength(70);
    const posts = screen.getByTestId('detail-posts');
    expect(posts.querySelectorAll('tbody tr')).toHaveLength(40);
    expect(posts.querySelector('a')?.getAttribute('rel')).toContain('noopener');
  });

  it('delete from the detail, confirmed; Escape cancels and gives focus back', async () => {
    openAt('#accounts/instagram%3Anew_bakery_spb');
    await screen.findByTestId('account-detail', {}, { timeout: 5000 });
    const button = screen.getByRole('button', { name: 'Delete account…' });
    button.focus();
    fireEvent.click(button);
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(async () => expect((await listAccounts()).map((e) => e.key)).not.toContain('instagram:new_bakery_spb'));
    await waitFor(() => expect(location.hash).toBe('#accounts'));
  });

  it('group membership from the detail', async () => {
    openAt('#accounts/instagram%3Anew_bakery_spb', 'ru');
    await screen.findByTestId('account-detail', {}, { timeout: 5000 });
    const box = screen.getByRole('checkbox', { name: 'Конкуренты' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    await waitFor(() => expect((screen.getByRole('checkbox', { name: 'Конкуренты' }) as HTMLInputElement).checked).toBe(true));
  });

  it('an account that is not stored', async () => {
    openAt('#accounts/vk%3A-1');
    expect(await screen.findByText(/Nothing is stored for this account/, {}, { timeout: 5000 })).toBeTruthy();
  });

  it('a feed-only account: numbers unknown with why', async () => {
    openAt('#accounts/vk%3A-210000003');
    await screen.findByTestId('account-detail', {}, { timeout: 5000 });
    expect(screen.getByTestId('detail-followers').textContent).toBe('unknown');
    expect(screen.getByTestId('eng-erMedian').textContent).toContain('Follower count not seen yet');
    expect(screen.getByText('No follower counts to draw yet.')).toBeTruthy();
  });
});
