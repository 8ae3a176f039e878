/**
 * The contractor audit of Coffee Lab for October 2026 (UTC), by hand (the data: see
 * dashboard-compare.test.tsx): followers 12 721 (30 Sep 21:00) -> 13 330 (31 Oct 18:00), +609,
 * 4.79 %; ER median of the 12 October posts 3.48 %; 2.72 posts a week; 5 798 reactions.
 * Targets: growth 5 % (not met, 95.7 % of it), ER 3 % (met, 116 %), 3 posts a week (not met).
 * Budget 60 000 ₽: per new follower 60 000 / 609 = 98.52; per engagement 60 000 / 5 798 = 10.35;
 * 24 leads: 2 500; 6 sales: 10 000. Visits on 8 days of 31: 23 days without a visit; the longest
 * stretch 16 Oct 12:00 – 23 Oct 09:08, 6.9 days.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSettings } from '@/lib/settings';
import { loadDemo, openAt, storeApi } from '../dashboard/harness';

beforeEach(async () => {
  process.env.TZ = 'UTC';
  await loadDemo();
});
afterEach(() => {
  cleanup();
  history.replaceState(null, '', location.pathname);
});

async function fill(lang: 'en' | 'ru' = 'en') {
  const L =
    lang === 'en'
      ? {
          start: 'Contract start',
          end: 'Contract end',
          growth: 'Follower growth over the period, %',
          er: 'ER by followers, %',
          ppw: 'Posts per week',
          budget: 'Budget for the period',
          leads: 'Leads from social media',
          sales: 'Sales from social media',
        }
      : {
          start: 'Начало договора',
          end: 'Конец договора',
          growth: 'Рост подписчиков за период, %',
          er: 'ER по подписчикам, %',
          ppw: 'Постов в неделю',
          budget: 'Бюджет за период',
          leads: 'Лиды из соцсетей',
          sales: 'Продажи из соцсетей',
        };
  fireEvent.change(await screen.findByLabelText(L.start), { target: { value: '2026-10-01' } });
  fireEvent.change(screen.getByLabelText(L.end), { target: { value: '2026-10-31' } });
  fireEvent.input(screen.getByLabelText(L.growth), { target: { value: '5' } });
  fireEvent.input(screen.getByLabelText(L.er), { target: { value: '3' } });
  fireEvent.input(screen.getByLabelText(L.ppw), { target: { value: '3' } });
  fireEvent.input(screen.getByLabelText(L.budget), { target: { value: '60 000' } });
  fireEvent.input(screen.getByLabelText(L.leads), { target: { value: '24' } });
  fireEvent.input(screen.getByLabelText(L.sales), { target: { value: '6' } });
}

describe('contractor audit', () => {
  it('actual against target, costs, signals and missing data, by hand', async () => {
    openAt('#audit/instagram%3Acoffee_lab');
    await fill();
    const report = await screen.findByTestId('audit-report', {}, { timeout: 5000 });
    await waitFor(() => expect(screen.getByTestId('kpi-actual-growthPct').textContent).toBe('+4.8 %'));
    expect(screen.getByTestId('audit-period').textContent).toBe('Contract period: Oct 1, 2026 – Oct 31, 2026 (31 days)');
    const kpis = screen.getByTestId('audit-kpis');
    const kpi = (k: string) => kpis.querySelector(`tr[data-kpi="${k}"]`)?.textContent ?? '';
    expect(kpi('growthPct')).toContain('not met');
    expect(kpi('growthPct')).toContain('95.7 %');
    expect(kpi('er')).toContain('3.5 %');
    expect(kpi('er')).toContain('✓ met');
    expect(kpi('er')).toContain('116 %');
    expect(kpi('postsPerWeek')).toContain('2.7');
    expect(kpi('postsPerWeek')).toContain('not met');
    expect(kpis.textContent).toContain(
      '12,721 followers on Sep 30, 2026 → 13,330 on Oct 31, 2026: net change +609; +609 / 12,721 × 100 % = +4.8 %.',
    );
    expect(screen.getByTestId('audit-kpi-summary').textContent).toBe('KPI met: 1 of 3; not met: 2; cannot be told from the data: 0.');
    expect(screen.getByTestId('cost-perFollower').textContent).toBe('₽98.52');
    expect(screen.getByTestId('cost-perEngagement').textContent).toBe('₽10.35');
    expect(screen.getByTestId('cost-perLead').textContent).toBe('₽2,500');
    expect(screen.getByTestId('cost-perSale').textContent).toBe('₽10,000');
    expect(screen.getByTestId('audit-costs').textContent).toContain(
      '₽60,000 / 609 net new followers (Sep 30, 2026 – Oct 31, 2026) = ₽98.52',
    );
    expect(screen.getByTestId('audit-verdict').getAttribute('data-level')).toBe('none');
    expect(screen.getByTestId('audit-days-without').textContent).toBe('23');
    expect(screen.getByTestId('audit-longest-gap').textContent).toBe('6.9 days');
    expect(screen.getByTestId('audit-gaps').textContent).toContain('Oct 16, 2026, 12:00 PM – Oct 23, 2026, 09:08 AM: 6.9 days');
    expect(report.textContent).toContain('The profile’s post counter rose by 12 between the visits of Sep 30, 2026 and Oct 31, 2026.');
    // the inputs are kept for this account
    await waitFor(
      async () =>
        expect((await getSettings()).audits['instagram:coffee_lab']).toMatchObject({
          from: '2026-10-01',
          to: '2026-10-31',
          growthPct: 5,
          er: 3,
          postsPerWeek: 3,
          budget: 60_000,
          currency: 'RUB',
          leads: 24,
          sales: 6,
        }),
      { timeout: 3000 },
    );
    expect((await getSettings()).lastAudit).toBe('instagram:coffee_lab');
  });

  it('prints, exports CSV, and comes back to the saved inputs', async () => {
    const api = storeApi();
    const first = openAt('#audit/instagram%3Acoffee_lab', 'en', api);
    await fill();
    await screen.findByTestId('audit-report', {}, { timeout: 5000 });
    fireEvent.click(screen.getByRole('button', { name: 'Print or save as PDF' }));
    expect(api.print).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Export report CSV' }));
    const [name, text] = api.download.mock.calls[0];
    expect(name).toBe('smm-lens-audit-coffee_lab-2026-10-01-2026-10-31.csv');
    expect(text).toContain('\r\ncost,per_follower,98.5221674876847');
    await waitFor(async () => expect((await getSettings()).audits['instagram:coffee_lab']?.budget).toBe(60_000), { timeout: 3000 });
    first.unmount();
    openAt('#audit');
    // no account in the URL: the one audited last, with its inputs
    await waitFor(() => expect(decodeURIComponent(location.hash)).toBe('#audit/instagram:coffee_lab'));
    await waitFor(() => expect((screen.getByLabelText('Budget for the period') as HTMLInputElement).value).toBe('60000'));
    expect(await screen.findByTestId('audit-report')).toBeTruthy();
  });

  it('the padded account in September: S2 inside the period, with its evidence', async () => {
    openAt('#audit/instagram%3Abloom_flowers');
    fireEvent.change(await screen.findByLabelText('Contract start'), { target: { value: '2026-09-01' } });
    fireEvent.change(screen.getByLabelText('Contract end'), { target: { value: '2026-09-30' } });
    const report = await screen.findByTestId('audit-report', {}, { timeout: 5000 });
    await waitFor(() => expect(report.querySelector('[data-signal="S2"]')?.getAttribute('data-status')).toBe('flag'));
    expect(report.querySelector('[data-signal="S2"]')?.textContent).toContain('Followers rose by about 6,000');
    expect(screen.getByText('Enter the budget to see the cost per follower, engagement, lead and sale.')).toBeTruthy();
    expect(screen.getByText('No KPI targets entered.')).toBeTruthy();
  });

  it('says what is wrong with an input, and with the dates', async () => {
    openAt('#audit/instagram%3Acoffee_lab', 'ru');
    await fill('ru');
    fireEvent.input(screen.getByLabelText('Лиды из соцсетей'), { target: { value: '2,5' } });
    expect(await screen.findByText(/Число не распознано/)).toBeTruthy();
    expect(screen.getByLabelText('Лиды из соцсетей').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(screen.getByLabelText('Начало договора'), { target: { value: '2026-11-05' } });
    expect((await screen.findAllByText('Конец раньше начала.')).length).toBeGreaterThan(0);
    expect(screen.queryByTestId('audit-report')).toBeNull();
  });

  it('without an account: asks for one', async () => {
    openAt('#audit');
    expect(await screen.findByText('Choose an account to audit.')).toBeTruthy();
    expect(screen.queryByTestId('audit-report')).toBeNull();
  });
});
