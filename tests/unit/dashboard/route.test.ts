import { describe, expect, it } from 'vitest';
import { formatHash, parseHash, type Route } from '@/lib/dashboard/route';

describe('dashboard routes in the URL hash', () => {
  it.each<[string, Route]>([
    ['', { section: 'accounts', key: null }],
    ['#', { section: 'accounts', key: null }],
    ['#accounts', { section: 'accounts', key: null }],
    ['#accounts/vk%3A-2513295', { section: 'accounts', key: 'vk:-2513295' }],
    ['#accounts/instagram:pluto__travel', { section: 'accounts', key: 'instagram:pluto__travel' }],
    ['#accounts/tiktok%3Ax', { section: 'accounts', key: null }],
    ['#accounts/%E0%A4%A', { section: 'accounts', key: null }],
    ['#compare', { section: 'compare', keys: [], from: null, to: null }],
    [
      '#compare?a=vk%3A-1,instagram%3Ab&from=2026-10-01&to=2026-10-31',
      { section: 'compare', keys: ['vk:-1', 'instagram:b'], from: '2026-10-01', to: '2026-10-31' },
    ],
    ['#compare?a=vk%3A-1,vk%3A-1,bad&from=2026-1-1', { section: 'compare', keys: ['vk:-1'], from: null, to: null }],
    ['#audit', { section: 'audit', key: null }],
    ['#audit/instagram%3Acoffee_lab', { section: 'audit', key: 'instagram:coffee_lab' }],
    ['#data', { section: 'data' }],
    ['#settings', { section: 'settings' }],
    ['#nonsense', { section: 'accounts', key: null }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it.each<Route>([
    { section: 'accounts', key: null },
    { section: 'accounts', key: 'vk:-2513295' },
    { section: 'accounts', key: 'instagram:ёлка.spb' },
    { section: 'compare', keys: ['vk:-1', 'instagram:a_b'], from: '2026-01-01', to: '2026-01-31' },
    { section: 'compare', keys: [], from: null, to: '2026-01-31' },
    { section: 'audit', key: 'vk:durov' },
    { section: 'data' },
    { section: 'settings' },
  ])('formats and reads back %j', (route) => {
    expect(parseHash(formatHash(route))).toEqual(route);
  });

  it('formats short hashes', () => {
    expect(formatHash({ section: 'accounts', key: 'vk:-1' })).toBe('#accounts/vk%3A-1');
    expect(formatHash({ section: 'compare', keys: [], from: null, to: null })).toBe('#compare');
    expect(formatHash({ section: 'data' })).toBe('#data');
  });
});
