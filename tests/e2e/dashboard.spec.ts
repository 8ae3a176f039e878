/**
 * The dashboard end to end in Chromium: import the prepared backup through the Import button, then
 * the accounts table, an account's page, a comparison and a contractor audit against numbers
 * computed by hand, the printed report (print media and a PDF), the CSV downloads; screenshots in
 * both languages and themes into docs/screenshots/dashboard-*.png.
 *
 * The backup: tests/fixtures/backups/dashboard-demo.json, written by make-dashboard-demo.ts (list an
 * account's data with `npx tsx tests/fixtures/backups/make-dashboard-demo.ts --list instagram:coffee_lab`).
 * Times are UTC; the browser runs in UTC (TZ below) so the periods' day boundaries are those.
 *
 * ---- Hand computation ------------------------------------------------------------------------
 * Accounts table, Coffee Lab (Instagram; reactions = likes + comments; followers exact):
 *   followers: the latest visit, 15 Nov 12:00: 13 627.
 *   ER: the 12 most recent posts at least a day old, not pinned (the 14 Nov post is "too new"):
 *     post (latest reading)    L+C    followers at the nearest visit    ER
 *     13 Nov                   577    13 571 (12 Nov)                   4.2517 %
 *     11 Nov                   424    13 571 (12 Nov)                   3.1243 %
 *     8 Nov                    338    13 487 (8 Nov)                    2.5061 %
 *     5 Nov                    501    13 398 (3 Nov)                    3.7394 %
 *     2 Nov                    647    13 373 (2 Nov)                    4.8381 %
 *     31 Oct                   324    13 330 (31 Oct)                   2.4306 %
 *     28 Oct                   388    13 278 (28 Oct)                   2.9221 %
 *     25 Oct                   353    13 164 (23 Oct)                   2.6816 %
 *     22 Oct                   517    13 164 (23 Oct)                   3.9274 %
 *     20 Oct                   509    13 164 (23 Oct)                   3.8666 %
 *     18 Oct                   759    13 025 (16 Oct)                   5.8273 %
 *     15 Oct                   348    13 025 (16 Oct)                   2.6718 %
 *     median = (3.1243 + 3.7394) / 2 = 3.4318 % -> "3.4 %"
 *   7 days: visit 8 Nov 12:00, 13 487 -> 15 Nov 12:00, 13 627: +140; 140 / 13 487 = 1.04 % -> "+1.0 %"
 *   30 days: visit 16 Oct 12:00, 13 025 -> 13 627: +602; 602 / 13 025 = 4.62 % -> "+4.6 %"
 * Bloom Flowers: ~6 000 followers in two days (8-12 Sep) with no viral or giveaway post: S2 flags,
 *   S3 (a third gone within 23 days), generic comments (S9): "Several signs".
 *
 * Comparison, October 2026 (1 Oct 00:00 - 31 Oct 23:59:59):
 *   Coffee Lab: visits nearest to the ends 30 Sep 21:00 (12 721) and 31 Oct 18:00 (13 330): +609,
 *     609 / 12 721 = 4.79 % -> "+4.8 %"; post counter 235 -> 247 = 12 posts in 30.875 days:
 *     12 / 30.875 x 7 = 2.72 a week; the 12 October posts have 324+388+353+517+509+759+348+405+408+
 *     651+652+484 = 5 798 reactions: 483 a post.
 *   Пекарня «Колосок» (VK, likes + comments + reposts): 1 Oct 10:00 (5 209) -> 31 Oct 16:00 (5 297):
 *     +88, 1.69 %; counter 1 012 -> 1 031: 19 / 30.25 x 7 = 4.40 a week; 19 posts, 1 406 reactions,
 *     74 a post.
 *   Кофейня «Зерно» (VK): 1 Oct 14:00 (8 405) -> 31 Oct 12:00 (8 446): +41, 0.49 %; 9 posts seen,
 *     967 reactions, 107 a post (a tenth post fell into the 12-day gap without visits).
 *   Share of voice: 5 798 + 1 406 + 967 = 8 171 -> 71.0 %, 17.2 %, 11.8 %.
 *
 * Audit of Coffee Lab, October 2026, targets growth 5 %, ER 3 %, 3 posts a week; budget 60 000 ₽,
 * 24 leads, 6 sales:
 *   growth 4.79 % < 5: not met (95.7 % of the target); ER: the median of the 12 October posts'
 *   ER (list in tests/unit/components/dashboard-compare.test.tsx' data) = (3.1601 + 3.8047) / 2 =
 *   3.48 % >= 3: met; 2.72 posts a week < 3: not met.
 *   per new follower 60 000 / 609 = 98.52 ₽; per engagement 60 000 / 5 798 = 10.35 ₽;
 *   per lead 60 000 / 24 = 2 500 ₽; per sale 60 000 / 6 = 10 000 ₽.
 *   visits on 8 days (4, 8, 10, 11, 16, 23, 28, 31 Oct): 31 - 8 = 23 days without a visit; the
 *   longest stretch 16 Oct 12:00 - 23 Oct 09:08 = 6.9 days.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, launchExtension, test } from './fixtures';

process.env.TZ = 'UTC';
test.describe.configure({ mode: 'serial' });

const BACKUP = resolve('tests/fixtures/backups/dashboard-demo.json');
const SHOTS = resolve('docs/screenshots');
mkdirSync(SHOTS, { recursive: true });

async function openWithDemo(h: Awaited<ReturnType<typeof launchExtension>>, importText: RegExp): Promise<Page> {
  const dash = await h.context.newPage();
  await dash.setViewportSize({ width: 1280, height: 900 });
  await dash.goto(`chrome-extension://${h.extensionId}/options.html`);
  await dash.getByTestId('import-input').setInputFiles(BACKUP);
  await expect(dash.getByTestId('import-result')).toContainText(importText);
  await expect(dash.getByTestId('accounts-table').locator('tbody tr')).toHaveCount(6);
  return dash;
}

const go = async (page: Page, hash: string) => {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
};

const COMPARE = '#compare?a=instagram%3Acoffee_lab,vk%3A-210000001,vk%3A-210000002,instagram%3Abloom_flowers&from=2026-10-01&to=2026-10-31';

async function fillAudit(page: Page, labels: Record<string, string>) {
  await page.getByLabel(labels.start).fill('2026-10-01');
  await page.getByLabel(labels.end).fill('2026-10-31');
  await page.getByLabel(labels.growth).fill('5');
  await page.getByLabel(labels.er).fill('3');
  await page.getByLabel(labels.ppw).fill('3');
  await page.getByLabel(labels.budget).fill('60000');
  await page.getByLabel(labels.leads).fill('24');
  await page.getByLabel(labels.sales).fill('6');
}
const EN = {
  start: 'Contract start',
  end: 'Contract end',
  growth: 'Follower growth over the period, %',
  er: 'ER by followers, %',
  ppw: 'Posts per week',
  budget: 'Budget for the period',
  leads: 'Leads from social media',
  sales: 'Sales from social media',
};
const RU = {
  start: 'Начало договора',
  end: 'Конец договора',
  growth: 'Рост подписчиков за период, %',
  er: 'ER по подписчикам, %',
  ppw: 'Постов в неделю',
  budget: 'Бюджет за период',
  leads: 'Лиды из соцсетей',
  sales: 'Продажи из соцсетей',
};

test('import a prepared backup, then accounts, an account, a comparison and an audit against hand-computed numbers', async () => {
  const h = await launchExtension();
  try {
    const dash = await openWithDemo(h, /Imported: 7 new accounts, 0 merged with stored ones\. Groups added or extended: 2\./);
    const errors: string[] = [];
    dash.on('pageerror', (e) => errors.push(e.message));
    dash.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    // ---- accounts table
    const table = dash.getByTestId('accounts-table');
    const coffee = table.locator('tr[data-account="instagram:coffee_lab"]');
    await expect(coffee.locator('td').nth(2)).toHaveText('13,627');
    await expect(coffee.locator('[data-col="er"]')).toHaveText('3.4 %');
    await expect(coffee.locator('[data-col="g7"]')).toHaveText('+1.0 % [+140]');
    await expect(coffee.locator('[data-col="g30"]')).toHaveText('+4.6 % [+602]');
    await expect(coffee.locator('[data-col="verdict"]')).toContainText('No clear signs');
    await expect(coffee.locator('[data-col="last"]')).toHaveText('Nov 15, 2026');
    await expect(table.locator('tr[data-account="instagram:bloom_flowers"] [data-col="verdict"]')).toContainText('Several signs');
    await expect(table.locator('tr[data-account="vk:-210000003"]')).toHaveCount(0); // seen only in a feed: apart
    await dash.getByRole('button', { name: /Seen only in a feed: 1/ }).click();
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await dash.getByRole('button', { name: 'Reset filters' }).click();
    // keyboard: sort by ER from the keyboard
    await dash.getByRole('button', { name: 'ER', exact: true }).focus();
    await dash.keyboard.press('Enter');
    await expect(dash.locator('th[aria-sort="descending"]')).toContainText('ER');
    await expect(table.locator('tbody tr').first()).toHaveAttribute('data-account', 'instagram:new_bakery_spb');

    // ---- an account's page, by a real link; Back returns to the table
    await table.getByRole('link', { name: 'Bloom Flowers — доставка цветов' }).click();
    await expect(dash).toHaveURL(/#accounts\/instagram%3Abloom_flowers$/);
    const s2 = dash.locator('[data-testid="detail-signals"] [data-signal="S2"]');
    await expect(s2).toHaveAttribute('data-status', 'flag');
    await expect(s2).toContainText('Followers rose by about 6,000');
    await expect(dash.getByTestId('detail-chart').locator('.smm-chart-shade')).toHaveCount(2);
    await dash.goBack();
    await expect(dash).toHaveURL(/options\.html(#accounts)?$/);
    await expect(table).toBeVisible();

    // ---- comparison
    await go(dash, COMPARE);
    const cmp = dash.getByTestId('compare-table');
    await expect(cmp.locator('tbody tr')).toHaveCount(4);
    const cell = (key: string, col: string) => cmp.locator(`tr[data-account="${key}"] [data-col="${col}"]`);
    await expect(cell('instagram:coffee_lab', 'followers')).toHaveText('12,721 → 13,330');
    await expect(cell('instagram:coffee_lab', 'growth')).toHaveText('+4.8 % [+609]');
    await expect(cell('instagram:coffee_lab', 'ppw')).toHaveText('2.7');
    await expect(cell('instagram:coffee_lab', 'rpp')).toHaveText('483');
    await expect(cell('vk:-210000001', 'growth')).toHaveText('+1.7 % [+88]');
    await expect(cell('vk:-210000001', 'ppw')).toHaveText('4.4');
    await expect(cell('vk:-210000001', 'rpp')).toHaveText('74');
    await expect(cell('vk:-210000002', 'growth')).toHaveText('+0.49 % [+41]');
    await expect(cell('vk:-210000002', 'rpp')).toHaveText('107');
    // share of voice among the four: each account's October reactions over all four
    const [dl] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name: 'Export comparison CSV' }).click()]);
    expect(dl.suggestedFilename()).toBe('smm-lens-compare-2026-10-01-2026-10-31.csv');
    const csv = readFileSync(await dl.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.trim().split('\r\n');
    expect(rows).toHaveLength(5);
    const head = rows[0].slice(1).split(',');
    const coffeeRow = rows.find((r) => r.startsWith('instagram,coffee_lab,')) as string;
    const col = (name: string) => coffeeRow.split(',')[head.indexOf(name)];
    expect(col('net_change')).toBe('609');
    expect(Number(col('growth_pct'))).toBeCloseTo((609 / 12_721) * 100, 10);
    expect(Number(col('posts_per_week'))).toBeCloseTo((12 / 30.875) * 7, 10);
    expect(Number(col('reactions_total'))).toBe(5798);
    const bloomRow = rows.find((r) => r.startsWith('instagram,bloom_flowers,')) as string;
    const bloomReactions = Number(bloomRow.split(',')[head.indexOf('reactions_total')]);
    const total = 5798 + 1406 + 967 + bloomReactions;
    expect(Number(col('share_of_voice_pct'))).toBeCloseTo((5798 / total) * 100, 10);

    // three of them, as in the hand computation
    await go(dash, '#compare?a=instagram%3Acoffee_lab,vk%3A-210000001,vk%3A-210000002&from=2026-10-01&to=2026-10-31');
    await expect(cmp.locator('tbody tr')).toHaveCount(3);
    await expect(cell('instagram:coffee_lab', 'sov')).toHaveText('71.0 %');
    await expect(cell('vk:-210000001', 'sov')).toHaveText('17.2 %');
    await expect(cell('vk:-210000002', 'sov')).toHaveText('11.8 %');

    // ---- contractor audit
    await dash.getByRole('link', { name: 'Contractor audit' }).click();
    await dash.getByTestId('audit-account').selectOption('instagram:coffee_lab');
    await fillAudit(dash, EN);
    const report = dash.getByTestId('audit-report');
    await expect(dash.getByTestId('kpi-actual-growthPct')).toHaveText('+4.8 %');
    await expect(report.locator('tr[data-kpi="growthPct"]')).toContainText('not met');
    await expect(report.locator('tr[data-kpi="growthPct"]')).toContainText('95.7 %');
    await expect(dash.getByTestId('kpi-actual-er')).toHaveText('3.5 %');
    await expect(report.locator('tr[data-kpi="er"]')).toContainText('✓ met');
    await expect(dash.getByTestId('kpi-actual-postsPerWeek')).toHaveText('2.7');
    await expect(dash.getByTestId('cost-perFollower')).toHaveText('₽98.52');
    await expect(dash.getByTestId('cost-perEngagement')).toHaveText('₽10.35');
    await expect(dash.getByTestId('cost-perLead')).toHaveText('₽2,500');
    await expect(dash.getByTestId('cost-perSale')).toHaveText('₽10,000');
    await expect(dash.getByTestId('audit-days-without')).toHaveText('23');
    await expect(dash.getByTestId('audit-longest-gap')).toHaveText('6.9 days');
    await expect(report).toContainText('₽60,000 / 609 net new followers (Sep 30, 2026 – Oct 31, 2026) = ₽98.52');
    await expect(report).toContainText('How: median over 12 posts of (likes + comments) / followers × 100 %');

    // report CSV
    const [rdl] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name: 'Export report CSV' }).click()]);
    expect(rdl.suggestedFilename()).toBe('smm-lens-audit-coffee_lab-2026-10-01-2026-10-31.csv');
    const rcsv = readFileSync(await rdl.path(), 'utf8');
    const perFollower = rcsv.split('\r\n').find((l) => l.startsWith('cost,per_follower,')) as string;
    expect(Number(perFollower.split(',')[2])).toBeCloseTo(60_000 / 609, 10);
    expect(rcsv).toContain('\r\ncoverage,days_without_visit,23,');

    // print preview: only the report, no navigation or form; a PDF
    await dash.emulateMedia({ media: 'print' });
    await expect(dash.locator('.dash-nav')).toBeHidden();
    await expect(dash.locator('.audit-form')).toBeHidden();
    await expect(dash.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
    await expect(report).toBeVisible();
    await dash.screenshot({ path: `${SHOTS}/dashboard-audit-print-en.png`, fullPage: true });
    const pdfPath = test.info().outputPath('audit.pdf');
    const pdf = await dash.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(statSync(pdfPath).size).toBeGreaterThan(20_000);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(6);
    await dash.emulateMedia({ media: 'screen' });

    // ---- the raw data as CSV (two files)
    const downloads: string[] = [];
    dash.on('download', (d) => downloads.push(d.suggestedFilename()));
    await dash.getByRole('button', { name: 'Export CSV', exact: true }).click();
    await expect.poll(() => downloads.length).toBe(2);
    expect(downloads.sort()).toEqual([
      expect.stringMatching(/^smm-lens-posts-\d{4}-\d{2}-\d{2}\.csv$/),
      expect.stringMatching(/^smm-lens-snapshots-\d{4}-\d{2}-\d{2}\.csv$/),
    ]);

    // ---- settings apply at once: language and theme
    await dash.getByRole('link', { name: 'Settings' }).click();
    await dash.getByTestId('set-language').selectOption('ru');
    await expect(dash.getByRole('link', { name: 'Сравнение' })).toBeVisible();
    await expect(dash.locator('html')).toHaveAttribute('lang', 'ru');
    await dash.getByTestId('set-theme').selectOption('dark');
    await expect(dash.locator('html')).toHaveAttribute('data-theme', 'dark');
    await dash.goBack(); // Back leaves Settings for the audit
    await expect(dash.getByTestId('audit-report')).toBeVisible();

    expect(errors).toEqual([]);
    expect(h.extensionRequests).toEqual([]);
  } finally {
    await h.close();
  }
});

for (const [locale, lang] of [
  ['en-US', 'en'],
  ['ru-RU', 'ru'],
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`screenshots: ${lang}, ${scheme}`, async () => {
      const h = await launchExtension({}, { locale, colorScheme: scheme });
      try {
        const dash = await openWithDemo(h, lang === 'ru' ? /Импортировано/ : /Imported/);
        const shot = async (view: string, opts: { fullPage?: boolean; height?: number } = {}) => {
          await dash.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          const path = `${SHOTS}/dashboard-${view}-${lang}-${scheme}.png`;
          if (opts.height) await dash.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: opts.height } });
          else await dash.screenshot({ path, fullPage: opts.fullPage ?? true });
        };
        await shot('accounts');
        await go(dash, '#accounts/instagram%3Abloom_flowers');
        await expect(dash.locator('[data-testid="detail-signals"] [data-signal="S2"]')).toBeVisible();
        await shot('account', { height: 2600 });
        await go(dash, COMPARE);
        await expect(dash.getByTestId('compare-table').locator('tbody tr')).toHaveCount(4);
        await shot('compare');
        await go(dash, '#audit/instagram%3Acoffee_lab');
        await fillAudit(dash, lang === 'ru' ? RU : EN);
        await expect(dash.getByTestId('cost-perFollower')).toHaveText(lang === 'ru' ? '98,52\u00a0₽' : '₽98.52');
        await shot('audit');
        if (scheme === 'light') {
          await go(dash, '#data');
          await expect(dash.getByTestId('data-storage')).toBeVisible();
          await shot('data');
          await go(dash, '#settings');
          await shot('settings');
        }
        if (lang === 'ru' && scheme === 'light') {
          await go(dash, '#audit/instagram%3Acoffee_lab');
          await expect(dash.getByTestId('audit-report')).toBeVisible();
          await dash.emulateMedia({ media: 'print' });
          await dash.screenshot({ path: `${SHOTS}/dashboard-audit-print-ru.png`, fullPage: true });
          await dash.emulateMedia({ media: 'screen' });
        }
      } finally {
        await h.close();
      }
    });
  }
}
