import { describe, expect, it } from 'vitest';
import { keepRecentAudits, parseUserNumber } from '@/lib/dashboard/inputs';
import { AuditInputsSchema } from '@/lib/settings';

describe('numbers typed by the user', () => {
  it.each([
    ['', {}, { ok: true, value: null }],
    ['   ', {}, { ok: true, value: null }],
    ['2,5', {}, { ok: true, value: 2.5 }],
    ['2.5', {}, { ok: true, value: 2.5 }],
    ['12 000', {}, { ok: true, value: 12000 }],
    ['12\u00a0000,50', {}, { ok: true, value: 12000.5 }],
    ['-3', {}, { ok: true, value: -3 }],
    ['-3', { min: 0 }, { ok: false }],
    ['.5', {}, { ok: true, value: 0.5 }],
    ['1e5', {}, { ok: false }],
    ['12abc', {}, { ok: false }],
    ['1,2,3', {}, { ok: false }],
    ['3.5', { integer: true }, { ok: false }],
    ['40', { integer: true }, { ok: true, value: 40 }],
    ['Infinity', {}, { ok: false }],
  ])('%j %j -> %j', (text, opts, out) => {
    expect(parseUserNumber(text, opts)).toEqual(out);
  });

  it('keeps the most recent saved audits only', () => {
    const a = (savedAt: number) => AuditInputsSchema.parse({ savedAt });
    const audits = { 'vk:-1': a(1), 'vk:-2': a(3), 'vk:-3': a(2) };
    expect(Object.keys(keepRecentAudits(audits, 2)).sort()).toEqual(['vk:-2', 'vk:-3']);
    expect(keepRecentAudits(audits, 5)).toBe(audits);
  });

  it('a damaged saved audit loses only its damaged fields', () => {
    expect(AuditInputsSchema.parse({ from: '2026-10-01', to: 'yesterday', budget: 'lots', currency: 'rubles', leads: 2.5, er: 3 })).toEqual(
      {
        from: '2026-10-01',
        to: null,
        growthPct: null,
        er: 3,
        postsPerWeek: null,
        budget: null,
        currency: 'RUB',
        leads: null,
        sales: null,
        savedAt: 0,
      },
    );
  });
});
