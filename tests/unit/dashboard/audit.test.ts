/**
 * The contractor audit on a history small enough to compute by hand (times in UTC):
 *
 * visits (12:00): 3 Dec 2025 10 000 followers, post counter 100; 12 Dec 10 200; 22 Dec 10 300;
 *                 1 Jan 2026 10 600, counter 112.
 * posts (Instagram, likes + comments): 7, 12, 17, 22, 27 and 30 Dec, 300 likes + 20 comments each.
 * period 3 Dec – 1 Jan (30 days): visits nearest to the ends are 3 Dec and 1 Jan (12 h off).
 *
 * growth: 10 600 − 10 000 = +600; 600 / 10 000 × 100 = 6 %.
 * per-post ER, followers at the visit nearest to the publish date (the earlier one on a tie):
 *   7 Dec -> 3 Dec 10 000: 3.2 %; 12 Dec -> 10 200: 3.1373 %; 17 Dec (tie 12/22) -> 10 200: 3.1373 %;
 *   22 Dec -> 10 300: 3.1068 %; 27 Dec (tie 22 Dec/1 Jan) -> 10 300: 3.1068 %; 30 Dec -> 10 600: 3.0189 %.
 *   median of six = (3.1068 + 3.1373) / 2 = 3.1220 %.
 * posts per week from the counter: (112 − 100) / 29 days × 7 = 2.8966.
 * reactions 6 × 320 = 1 920; per post 320.
 * budget 30 000: per follower 30 000 / 600 = 50; per engagement 30 000 / 1 920 = 15.625;
 * 12 leads: 2 500; 3 sales: 10 000.
 * gaps of 2+ days: 3–12 Dec (9 days), 12–22 Dec (10), 22 Dec – 1 Jan (10); days without a visit 30 − 4 = 26.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCsv, buildAudit, gapsIn, needsPeers, postCounter } from '@/lib/dashboard/audit';
import { createTranslator } from '@/lib/i18n';
import { isKnown, type Metric } from '@/lib/metrics/types';
import { AuditInputsSchema } from '@/lib/settings';
import { decodeRecord } from '@/lib/store/history';
import { DAY, history, T0 } from '../signals/build';
import { demoRecords } from './demo';

const TZ = process.env.TZ;
beforeEach(() => {
  process.env.TZ = 'UTC';
});
afterEach(() => {
  if (TZ === undefined) delete process.env.TZ;
  else process.env.TZ = TZ;
});

const h = history({
  snapshots: [
    { day: -29, followers: 10_000, posts: 100 },
    { day: -20, followers: 10_200 },
    { day: -10, followers: 10_300 },
    { day: 0, followers: 10_600, posts: 112 },
  ],
  posts: [-25, -20, -15, -10, -5, -2].map((day, i) => ({ id: `p${i}`, day, likes: 300, comments: 20 })),
});
const inputs = AuditInputsSchema.parse({
  from: '2025-12-03',
  to: '2026-01-01',
  growthPct: 5,
  er: 3.5,
  postsPerWeek: 3,
  budget: 30_000,
  currency: 'RUB',
  leads: 12,
  sales: 3,
});
const v = (m: Metric | undefined) => (m && isKnown(m) ? m.value : Number.NaN);

describe('contractor audit', () => {
  it('actual against target, by hand', () => {
    const b = buildAudit(h, inputs);
    if (!b.ok) throw new Error(b.problem);
    const r = b.report;
    expect(r.days).toBe(30);
    const kpi = Object.fromEntries(r.kpis.map((k) => [k.kpi, k]));
    expect(v(kpi.growthPct.actual)).toBeCloseTo(6, 10);
    expect(kpi.growthPct.met).toBe(true);
    expect(v(kpi.growthPct.ofTarget)).toBeCloseTo(120, 10);
    expect(v(kpi.er.actual)).toBeCloseTo(((320 / 10_300 + 320 / 10_200) / 2) * 100, 10);
    expect(v(kpi.er.actual)).toBeCloseTo(3.122, 3);
    expect(kpi.er.met).toBe(false);
    expect(v(kpi.postsPerWeek.actual)).toBeCloseTo((12 / 29) * 7, 10);
    expect(kpi.postsPerWeek.met).toBe(false);
    expect(r.activity.postsSeen).toBe(6);
    expect(v(r.activity.reactions)).toBe(1920);
    expect(v(r.activity.reactionsPerPost)).toBe(320);
  });

  it('what each result cost, by hand', () => {
    const b = buildAudit(h, inputs);
    if (!b.ok) throw new Error(b.problem);
    const c = b.report.costs;
    expect(v(c?.perFollower)).toBe(50);
    expect(v(c?.perEngagement)).toBe(15.625);
    expect(v(c?.perLead)).toBe(2500);
    expect(v(c?.perSale)).toBe(10_000);
    const none = buildAudit(h, { ...inputs, budget: null, leads: null });
    expect(none.ok && none.report.costs).toBeNull();
    const noLeads = buildAudit(h, { ...inputs, leads: null, sales: 0 });
    expect(noLeads.ok && noLeads.report.costs?.perLead).toMatchObject({ status: 'unknown', missing: [{ key: 'metric.missing.leads' }] });
    expect(noLeads.ok && noLeads.report.costs?.perSale.status).toBe('unknown');
  });

  it('what data is missing: stretches without a visit, the post counter', () => {
    const b = buildAudit(h, inputs);
    if (!b.ok) throw new Error(b.problem);
    expect(b.report.gaps.map((g) => Math.round(g.days))).toEqual([9, 10, 10]);
    expect(b.report.activity.daysWithoutVisit).toBe(26);
    expect(b.report.activity.longestGapDays).toBeCloseTo(10, 10);
    expect(b.report.counter).toMatchObject({ published: { value: 12, exact: true } });
  });

  it.each([
    [{ from: null }, 'missing'],
    [{ to: '2025-13-01' }, 'invalid'],
    [{ from: '2026-01-02', to: '2026-01-01' }, 'reversed'],
  ])('a period %j is refused: %s', (patch, problem) => {
    expect(buildAudit(h, { ...inputs, ...patch })).toEqual({ ok: false, problem });
  });

  it('a period without visits near its ends: growth unknown, said why, no cost per follower', () => {
    const b = buildAudit(h, { ...inputs, from: '2025-10-01', to: '2025-10-31' });
    if (!b.ok) throw new Error(b.problem);
    expect(b.report.activity.growth.status).toBe('unknown');
    expect(b.report.costs?.perFollower.status).toBe('unknown');
    expect(b.report.kpis.find((k) => k.kpi === 'growthPct')?.met).toBeNull();
    expect(b.report.gaps).toEqual([{ from: Date.UTC(2025, 9, 1), to: Date.UTC(2025, 10, 1) - 1, days: (31 * DAY - 1) / DAY }]);
  });

  it('gaps and counter on their own', () => {
    expect(gapsIn(h, { from: T0 - 30 * DAY, to: T0 - 28 * DAY }, 1).map((g) => g.days)).toEqual([1, 1]);
    expect(postCounter(h, { from: T0 - 10 * DAY, to: T0 })).toBeNull(); // no counter read near 22 Dec
  });

  it('the padded demo account: S2 flags inside September, and peers are wanted', () => {
    const bloom = decodeRecord(demoRecords().find((r) => r.id === 'bloom_flowers') as never);
    const b = buildAudit(bloom, { ...inputs, from: '2026-09-01', to: '2026-09-30' });
    if (!b.ok) throw new Error(b.problem);
    const s2 = b.report.signals.signals.find((s) => s.id === 'S2');
    expect(s2?.status).toBe('flag');
    expect(needsPeers(b.report.signals)).toBe(true);
    const calm = buildAudit(bloom, { ...inputs, from: '2026-07-01', to: '2026-07-31' });
    expect(calm.ok && calm.report.signals.signals.find((s) => s.id === 'S2')?.status).not.toBe('flag');
  });

  it('CSV: one row per number with low, high, target and formula; texts in the UI language', () => {
    const b = buildAudit(h, inputs);
    if (!b.ok) throw new Error(b.problem);
    const csv = auditCsv(createTranslator('ru'), b.report);
    expect(csv.startsWith('\ufeffsection,item,value,low,high,unit,target,met,formula,details\r\n')).toBe(true);
    const rows = csv.trim().split('\r\n');
    expect(rows).toContain('kpi,growthPct,6,6,6,percent,5,true,изменение / подписчики на раннем визите × 100 %,');
    expect(rows.find((r) => r.startsWith('cost,per_follower,'))).toMatch(/^cost,per_follower,50,50,50,RUB,,,/);
    expect(rows.find((r) => r.startsWith('coverage,days_without_visit,'))).toBe('coverage,days_without_visit,26,,,days,,,,');
    expect(rows.filter((r) => r.startsWith('gap,'))).toHaveLength(3);
    expect(rows.filter((r) => r.startsWith('signal,'))).toHaveLength(9);
  });
});
