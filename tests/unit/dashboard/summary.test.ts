import { storage } from '@wxt-dev/storage';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCurrent, packNum, SUMMARY_VERSION, summarize, unpackNum, viewOf } from '@/lib/dashboard/summary';
import { analyzeAccount } from '@/lib/metrics/analyze';
import { isKnown } from '@/lib/metrics/types';
import { updateSettings } from '@/lib/settings';
import { decodeRecord } from '@/lib/store/history';
import { INDEX_KEY } from '@/lib/store/records';
import { getRecords, getStoreStatus, ingestReport, listAccounts, mergeIntoStore, runMaintenance, saveSummaries } from '@/lib/store/store';
import { history, posts, T0 } from '../signals/build';
import { demoRecords } from './demo';

describe('summary numbers', () => {
  it('exact numbers stay exact', () => {
    expect(packNum({ value: 2.5, low: 2.5, high: 2.5, exact: true })).toEqual([2.5]);
    expect(unpackNum([2.5])).toEqual({ value: 2.5, low: 2.5, high: 2.5, exact: true });
  });
  it('intervals are rounded outwards to 6 significant digits: the true value stays inside', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (v, a, b) => {
          const n = { value: v, low: v - a, high: v + b, exact: false };
          const p = unpackNum(packNum(n));
          expect(p.low).toBeLessThanOrEqual(n.low);
          expect(p.high).toBeGreaterThanOrEqual(n.high);
          expect(p.value).toBeGreaterThanOrEqual(p.low);
          expect(p.value).toBeLessThanOrEqual(p.high);
          if (Math.abs(v) > 1e-9) expect(Math.abs(p.value - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-5 + 1e-12);
        },
      ),
    );
    expect(packNum({ value: 2.428571428571, low: 2.3571428571, high: 2.5000001, exact: false })).toEqual([2.42857, 2.35714, 2.50001]);
  });
});

describe('summary of an account', () => {
  const recs = demoRecords();
  it('holds the analysis’ ER, growth over 7 and 30 days and verdict', () => {
    for (const rec of recs) {
      const h = decodeRecord(rec);
      const a = analyzeAccount(h, { recentPosts: 12, withPosts: false });
      const v = viewOf(summarize(h, 12));
      expect(v.er.status, h.key).toBe(a.engagement.erMedian.status);
      if (isKnown(a.engagement.erMedian) && isKnown(v.er)) {
        expect(v.er.value).toBeCloseTo(a.engagement.erMedian.value, 4);
        expect(v.er.low).toBeLessThanOrEqual(a.engagement.erMedian.low);
        expect(v.er.sample?.n).toBe(a.engagement.erMedian.sample?.n);
      }
      for (const [mine, theirs] of [
        [v.g7, a.growth.last7],
        [v.g30, a.growth.last30],
      ] as const) {
        expect(mine.status).toBe(theirs.status);
        if (mine.status === 'ok' && theirs.status === 'ok') {
          expect(isKnown(mine.net) && mine.net.value).toBe(isKnown(theirs.net) && theirs.net.value);
          expect(mine.from).toBe(theirs.from);
          expect(mine.direction).toBe(theirs.direction);
        }
        if (mine.status === 'unknown' && theirs.status === 'unknown') expect(mine.missing).toEqual(theirs.missing);
      }
      expect(v.verdict.level).toBe(a.verdict.level);
      expect(v.verdict.fired).toEqual(a.verdict.fired);
    }
  });
  it('is current only for its version and recentPosts', () => {
    const sum = summarize(decodeRecord(recs[0]), 12);
    expect(isCurrent({ sum }, 12)).toBe(true);
    expect(isCurrent({ sum }, 18)).toBe(false);
    expect(isCurrent({ sum: { ...sum, v: SUMMARY_VERSION + 1 } }, 12)).toBe(false);
    expect(isCurrent({}, 12)).toBe(false);
  });
});

describe('summaries in the store index', () => {
  it('are written with every import, with the recentPosts setting', async () => {
    await updateSettings({ recentPosts: 9 });
    await mergeIntoStore(demoRecords());
    const entries = await listAccounts();
    expect(entries).toHaveLength(7);
    for (const e of entries) expect(e.sum?.rp, e.key).toBe(9);
    const bloom = entries.find((e) => e.key === 'instagram:bloom_flowers');
    expect(bloom?.sum?.verdict.level).toBe('several');
    expect(bloom?.sum?.verdict.fired).toContain('S2');
  });

  it('are written with every ingest', async () => {
    const rep = {
      url: 'https://www.instagram.com/shop/',
      observedAt: new Date(T0).toISOString(),
      pageKind: 'profile' as const,
      account: {
        platform: 'instagram' as const,
        id: 'shop',
        nativeId: null,
        handle: 'shop',
        name: 'Shop',
        url: 'https://www.instagram.com/shop/',
        kind: 'user' as const,
        isPrivate: false,
        followers: { value: 1000, low: 1000, high: 1000, exact: true, raw: '1000' },
        following: null,
        posts: null,
      },
      posts: [],
    };
    await ingestReport(rep as never);
    // computed after the ingest is acknowledged, not in its path
    expect((await listAccounts())[0].sum).toBeUndefined();
    expect(await runMaintenance({ force: true })).toBe(1);
    const [e] = await listAccounts();
    expect(e.sum).toMatchObject({ v: SUMMARY_VERSION, rp: 12, verdict: { level: 'insufficient' } });
    expect(e.sum?.g7).toEqual({ m: [{ key: 'growth.missing.oneVisit' }] });
  });

  it('saveSummaries keeps a summary only when the record did not change since it was read', async () => {
    await mergeIntoStore(demoRecords());
    const entries = await listAccounts();
    const [rec] = await getRecords(['instagram:coffee_lab']);
    const sum = summarize(decodeRecord(rec), 30);
    const coffee = entries.find((e) => e.key === 'instagram:coffee_lab');
    if (!coffee) throw new Error('no coffee_lab');
    expect(await saveSummaries([{ key: coffee.key, last: coffee.last - 1000, bytes: coffee.bytes, sum }])).toBe(0);
    expect(
      await saveSummaries([
        { key: coffee.key, last: coffee.last, bytes: coffee.bytes, sum },
        { key: 'vk:-404', last: 0, bytes: 0, sum },
      ]),
    ).toBe(1);
    expect((await listAccounts()).find((e) => e.key === coffee.key)?.sum?.rp).toBe(30);
  });

  it('a damaged or old account list is rebuilt from the heads; the entries keep their summaries', async () => {
    await mergeIntoStore(demoRecords());
    await storage.setItem(`local:${INDEX_KEY}`, { v: 2, accounts: {} });
    const entries = await listAccounts();
    expect(entries).toHaveLength(7);
    expect(entries.every((e) => e.sum !== undefined)).toBe(true);
  });

  it('a damaged index entry is rebuilt from the head, without a summary (the dashboard fills it)', async () => {
    await mergeIntoStore(demoRecords());
    await storage.setItem('local:idx:instagram:coffee_lab', '{"broken":');
    const entries = await listAccounts();
    expect(entries).toHaveLength(7);
    const coffee = entries.find((e) => e.key === 'instagram:coffee_lab');
    expect(coffee?.sum).toBeUndefined();
    expect(coffee?.posts).toBeGreaterThan(0);
  });

  it('a damaged summary drops itself, not the index entry', async () => {
    await mergeIntoStore([demoRecords()[0]]);
    const raw = (await storage.getItem<string>('local:idx:instagram:coffee_lab')) as string;
    await storage.setItem('local:idx:instagram:coffee_lab', JSON.stringify({ ...JSON.parse(raw), sum: { v: 'x' } }));
    const [e] = await listAccounts();
    expect(e.key).toBe('instagram:coffee_lab');
    expect(e.sum).toBeUndefined();
  });
});

describe('store status for the dashboard', () => {
  it('a quick status skips the search for damaged records, and says so', async () => {
    await mergeIntoStore([demoRecords()[0]]);
    await storage.setItem('local:acct:instagram:broken', { v: 2, platform: 'instagram' });
    const quick = await getStoreStatus({ scan: false });
    expect(quick).toMatchObject({ accounts: 1, quarantined: [], scanned: false });
    const full = await getStoreStatus();
    expect(full.scanned).toBeUndefined();
    expect(full.quarantined.map((q) => q.accountKey)).toEqual(['instagram:broken']);
    expect(full.bytes).toBe(quick.bytes);
  });
});

describe('unknown stays unknown', () => {
  it('an account with one visit and two posts: ER and growth unknown with why', () => {
    const h = history({ snapshots: [{ day: 0, followers: 1000 }], posts: posts(2, () => ({ likes: 40, comments: 2 }), -5, 2) });
    const v = viewOf(summarize(h, 12));
    expect(v.er).toMatchObject({ status: 'unknown', missing: [{ key: 'metric.missing.fewPosts' }] });
    expect(v.g30).toEqual({ status: 'unknown', missing: [{ key: 'growth.missing.oneVisit' }] });
    expect(v.verdict.collecting?.key).toBe('verdict.collecting');
  });
});
