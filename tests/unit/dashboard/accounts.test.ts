import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, filterRows, firstDir, foldText, rowsFrom, sortRows, staleKeys, totalsOf } from '@/lib/dashboard/accounts';
import { summarize } from '@/lib/dashboard/summary';
import type { IndexEntry, Summary } from '@/lib/store/records';
import { history, posts } from '../signals/build';

const sum = (er: number | null, g7: number | null, level: Summary['verdict']['level'], points = 0): Summary => ({
  v: 1,
  rp: 12,
  at: 0,
  er: er === null ? { m: [{ key: 'metric.missing.noPosts' }] } : { n: [er], s: 12, r: 'lc' },
  g7: g7 === null ? { m: [{ key: 'growth.missing.oneVisit' }] } : { net: [g7 * 10], rate: [g7], from: 0, to: 7 * 86_400_000, dir: 'up' },
  g30: { m: [{ key: 'growth.missing.oneVisit' }] },
  verdict: { level, points, fired: [], collecting: null },
});
const entry = (
  key: string,
  name: string | null,
  followers: number | null,
  s: Summary | undefined,
  over: Partial<IndexEntry> = {},
): IndexEntry => {
  const [platform, id] = key.split(':') as ['vk' | 'instagram', string];
  return {
    key,
    platform,
    id,
    handle: id,
    name,
    url: 'https://vk.com/x',
    first: 0,
    last: 1,
    followers,
    snapshots: 3,
    posts: 5,
    bytes: 100,
    ...(s ? { sum: s } : {}),
    ...over,
  };
};
const entries = [
  entry('instagram:ёлка', 'Ёлка', 5000, sum(3.1, 1.2, 'none', 1), { last: 5, bytes: 300 }),
  entry('vk:-1', 'Пекарня', 12000, sum(1.2, null, 'several', 9), { last: 3 }),
  entry('vk:-2', null, null, sum(null, null, 'insufficient'), { snapshots: 0, last: 4 }),
  entry('instagram:zz', 'Zeta', 800, sum(5.5, -0.4, 'some', 4), { last: 1, bytes: 50 }),
  entry('instagram:old', 'Old', 900, undefined),
];
const groups = new Map([
  ['vk:-1', ['g1']],
  ['instagram:zz', ['g1', 'g2']],
]);
const rows = rowsFrom(entries, groups, 12);
const keys = (rs: { key: string }[]) => rs.map((r) => r.key);

describe('accounts table rows', () => {
  it('carry the summary, groups and the feed-only mark; a missing summary is null', () => {
    expect(rows.map((r) => [r.key, r.feedOnly, r.groups.length, r.view === null])).toEqual([
      ['instagram:ёлка', false, 0, false],
      ['vk:-1', false, 1, false],
      ['vk:-2', true, 0, false],
      ['instagram:zz', false, 2, false],
      ['instagram:old', false, 0, true],
    ]);
    expect(staleKeys(entries, 12)).toEqual(['instagram:old']);
    expect(staleKeys(entries, 18)).toHaveLength(5);
    expect(staleKeys(entries, 12, new Map([['instagram:old', sum(1, 1, 'none')]]))).toEqual([]);
  });

  it('a summary computed in this session wins over the index’s', () => {
    const fresh = rowsFrom(entries, groups, 12, new Map([['vk:-1', sum(9.9, 1, 'none')]]));
    expect(fresh[1].view?.er).toMatchObject({ status: 'ok', value: 9.9 });
  });

  it.each([
    [{}, ['instagram:ёлка', 'vk:-1', 'instagram:zz', 'instagram:old']],
    [{ source: 'feed' }, ['vk:-2']],
    [{ source: 'all' }, ['instagram:ёлка', 'vk:-1', 'vk:-2', 'instagram:zz', 'instagram:old']],
    [{ platform: 'vk', source: 'all' }, ['vk:-1', 'vk:-2']],
    [{ group: 'g1' }, ['vk:-1', 'instagram:zz']],
    [{ group: 'g2' }, ['instagram:zz']],
    [{ group: 'none' }, ['instagram:ёлка', 'instagram:old']],
    [{ verdict: 'several' }, ['vk:-1']],
    [{ verdict: 'insufficient', source: 'all' }, ['vk:-2']],
    [{ query: 'елка' }, ['instagram:ёлка']],
    [{ query: '@ЁЛКА' }, ['instagram:ёлка']],
    [{ query: 'пек' }, ['vk:-1']],
    [{ query: 'zeta zz' }, ['instagram:zz']],
    [{ query: 'zeta ёлка' }, []],
  ] as const)('filter %j', (f, want) => {
    expect(keys(filterRows(rows, { ...DEFAULT_FILTER, ...f }))).toEqual(want);
  });

  it.each([
    ['followers', 'desc', ['vk:-1', 'instagram:ёлка', 'instagram:old', 'instagram:zz', 'vk:-2']],
    ['followers', 'asc', ['instagram:zz', 'instagram:old', 'instagram:ёлка', 'vk:-1', 'vk:-2']],
    ['er', 'desc', ['instagram:zz', 'instagram:ёлка', 'vk:-1', 'vk:-2', 'instagram:old']],
    ['er', 'asc', ['vk:-1', 'instagram:ёлка', 'instagram:zz', 'vk:-2', 'instagram:old']],
    ['g7', 'desc', ['instagram:ёлка', 'instagram:zz', 'vk:-2', 'vk:-1', 'instagram:old']],
    ['verdict', 'desc', ['vk:-1', 'instagram:zz', 'instagram:ёлка', 'vk:-2', 'instagram:old']],
    ['last', 'desc', ['instagram:ёлка', 'vk:-2', 'vk:-1', 'instagram:old', 'instagram:zz']],
    ['bytes', 'asc', ['instagram:zz', 'vk:-2', 'vk:-1', 'instagram:old', 'instagram:ёлка']],
    // Russian collation puts Cyrillic before Latin; ties and unknowns are ordered by name
    ['name', 'asc', ['vk:-2', 'instagram:ёлка', 'vk:-1', 'instagram:old', 'instagram:zz']],
  ] as const)('sort by %s %s: unknown last in both directions', (key, dir, want) => {
    expect(keys(sortRows(rows, key, dir, 'ru'))).toEqual(want);
  });

  it('first clicks sort numbers high first, names A to Z', () => {
    expect(firstDir('er')).toBe('desc');
    expect(firstDir('name')).toBe('asc');
  });

  it('totals', () => {
    expect(totalsOf(rows)).toEqual({ accounts: 5, vk: 2, instagram: 3, feedOnly: 1, bytes: 650 });
    expect(foldText('@Ёжик')).toBe('ежик');
  });

  it('sorting and filtering 500 rows is cheap', () => {
    const many = rowsFrom(
      Array.from({ length: 500 }, (_, i) => entry(`vk:-${i + 1}`, `Сообщество ${i}`, 1000 + i, sum((i % 37) / 10, (i % 11) - 5, 'none'))),
      new Map(),
      12,
    );
    const t0 = performance.now();
    for (let k = 0; k < 10; k++) sortRows(filterRows(many, { ...DEFAULT_FILTER, query: 'сооб' }), 'er', 'desc');
    expect((performance.now() - t0) / 10).toBeLessThan(50);
  });

  it('rows from a real summary', () => {
    const h = history({
      snapshots: [
        { day: -7, followers: 1000 },
        { day: 0, followers: 1100 },
      ],
      posts: posts(5, () => ({ likes: 50, comments: 5 }), -2, 1),
    });
    const [r] = rowsFrom([entry('instagram:test', 'T', 1100, summarize(h, 12))], new Map(), 12);
    expect(r.view?.g7).toMatchObject({ status: 'ok', direction: 'up' });
    expect(r.view?.er.status).toBe('ok');
  });
});
