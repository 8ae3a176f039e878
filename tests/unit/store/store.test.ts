import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageReport } from '@/lib/model';
import { ChunkSchema } from '@/lib/store/layout';
import {
  getAccountHistory,
  getLastProblem,
  getStoreStatus,
  ingestReport,
  listAccounts,
  listQuarantined,
  StoreError,
} from '@/lib/store/store';
import { igAccount, igPost, report, vkAccount } from '../../helpers/reports';

const T = Date.UTC(2026, 9, 1, 12);
const HOUR = 3600_000;

describe('history store', () => {
  it('stores a snapshot and lists the account', async () => {
    await ingestReport(report(igAccount('nasa', 1000), [igPost('AAAAA', 10)], T));
    const h = await getAccountHistory('instagram:nasa');
    expect(h?.snapshots).toHaveLength(1);
    expect(h?.snapshots[0].followers?.value).toBe(1000);
    expect(h?.posts.map((p) => p.id)).toEqual(['AAAAA']);
    const list = await listAccounts();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ key: 'instagram:nasa', snapshots: 1, posts: 1, followers: 1000 });
    expect(list[0].bytes).toBeGreaterThan(50);
  });

  it('a chunk this worker wrote is read back without validating it again; any other text is validated', async () => {
    const posts = Array.from({ length: 40 }, (_, i) => igPost(`P${String(i).padStart(4, '0')}x`, 10 + i));
    await ingestReport(report(igAccount('nasa', 1000), posts, T));
    const spy = vi.spyOn(ChunkSchema, 'safeParse');
    try {
      await ingestReport(report(igAccount('nasa', 1001), [igPost('P0000x', 99)], T + 24 * HOUR));
      expect(spy).not.toHaveBeenCalled();
      // another writer changed the chunk (an import, another version): read and validated as usual
      const all = await fakeBrowser.storage.local.get(null);
      const key = Object.keys(all).find((k) => k.startsWith('posts:instagram:nasa:'));
      if (!key) throw new Error('no chunk');
      const other = await ingestReportElsewhere(all, key);
      await fakeBrowser.storage.local.set({ [key]: other });
      await ingestReport(report(igAccount('nasa', 1002), [igPost('P0001x', 77)], T + 48 * HOUR));
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    const h = await getAccountHistory('instagram:nasa');
    expect(h?.posts.find((p) => p.id === 'P0000x')?.observations.at(-1)?.likes?.value).toBe(99);
    expect(h?.posts.find((p) => p.id === 'P0001x')?.observations.at(-1)?.likes?.value).toBe(77);
    expect(h?.posts).toHaveLength(40);
  });

  it('repeated identical observations within a short window merge', async () => {
    for (let i = 0; i < 10; i++) await ingestReport(report(igAccount('nasa', 1000), [igPost('AAAAA', 10)], T + i * 60_000));
    const h = await getAccountHistory('instagram:nasa');
    expect(h?.snapshots).toHaveLength(1);
    expect(h?.posts[0].observations).toHaveLength(1);
  });

  it('1000 observations sent at once from 20 tabs all land', async () => {
    const jobs: Promise<unknown>[] = [];
    for (let tab = 0; tab < 20; tab++) {
      for (let i = 0; i < 50; i++) {
        // each tab watches its own account; every observation is a distinct time and count
        const at = T + i * 2 * HOUR;
        jobs.push(ingestReport(report(igAccount(`acct${tab}`, 1000 + i), [igPost(`P${tab}x${i}xx`, i)], at)));
      }
    }
    await Promise.all(jobs);
    const list = await listAccounts();
    expect(list).toHaveLength(20);
    for (const entry of list) {
      expect(entry.snapshots).toBe(50);
      expect(entry.posts).toBe(50);
    }
  });

  it('concurrent writes to the same account are not lost', async () => {
    await Promise.all(Array.from({ length: 100 }, (_, i) => ingestReport(report(igAccount('same', 5000 + i), [], T + i * 2 * HOUR))));
    expect((await getAccountHistory('instagram:same'))?.snapshots).toHaveLength(100);
  });

  it('a worker restarted between writes loses nothing', async () => {
    await ingestReport(report(igAccount('nasa', 1000), [igPost('AAAAA', 10)], T));
    // a new service worker: fresh module state, same storage
    vi.resetModules();
    const fresh = await import('@/lib/store/store');
    await fresh.ingestReport(report(igAccount('nasa', 1100), [igPost('BBBBB', 20)], T + 24 * HOUR));
    vi.resetModules();
    const again = await import('@/lib/store/store');
    const h = await again.getAccountHistory('instagram:nasa');
    expect(h?.snapshots.map((s) => s.followers?.value)).toEqual([1000, 1100]);
    expect(h?.posts.map((p) => p.id).sort()).toEqual(['AAAAA', 'BBBBB']);
  });

  it('when storage is full the user is told, old data stays, nothing is half-written', async () => {
    await ingestReport(report(igAccount('nasa', 1000), [], T));
    const before = await fakeBrowser.storage.local.get(null);
    const spy = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    await expect(ingestReport(report(igAccount('nasa', 2000), [igPost('XXXXX', 1)], T + 48 * HOUR))).rejects.toMatchObject({
      name: 'StoreError',
      code: 'quota',
    });
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
    expect(await getLastProblem()).toMatchObject({ code: 'quota' });
    spy.mockRestore();
    await ingestReport(report(igAccount('nasa', 2000), [], T + 49 * HOUR));
    expect(await getLastProblem()).toBeNull();
    expect((await getAccountHistory('instagram:nasa'))?.snapshots).toHaveLength(2);
  });

  it('a record that fails validation is set aside, reported, never deleted; the rest keeps working', async () => {
    await ingestReport(report(igAccount('good', 1), [], T));
    const damaged = { v: 2, platform: 'instagram', id: 'bad', s: 'not an array' };
    await fakeBrowser.storage.local.set({ 'acct:instagram:bad': damaged });
    expect(await getAccountHistory('instagram:bad')).toBeNull();
    await ingestReport(report(igAccount('bad', 77), [], T + HOUR));
    const all = await fakeBrowser.storage.local.get(null);
    const qKey = Object.keys(all).find((k) => k.startsWith('quarantine:instagram:bad:'));
    expect(qKey).toBeDefined();
    expect((all[qKey as string] as { value: unknown }).value).toEqual(damaged);
    expect((await getAccountHistory('instagram:bad'))?.snapshots[0].followers?.value).toBe(77);
    expect((await getAccountHistory('instagram:good'))?.snapshots).toHaveLength(1);
    expect((await listQuarantined()).map((q) => q.accountKey)).toContain('instagram:bad');
    expect((await getStoreStatus()).quarantined.length).toBeGreaterThan(0);
  });

  it('a damaged index is rebuilt from the records', async () => {
    await ingestReport(report(igAccount('nasa', 1000), [], T));
    await fakeBrowser.storage.local.set({ index: { v: 1, accounts: 'oops' } });
    expect((await listAccounts()).map((e) => e.key)).toEqual(['instagram:nasa']);
  });

  it('a VK account seen by screen name is folded into its numeric id once known', async () => {
    await ingestReport({ ...report(vkAccount('durov', 'durov', 100), [], T), url: 'https://vk.com/durov' });
    await ingestReport({ ...report(vkAccount('1', 'durov', 110), [], T + 24 * HOUR), url: 'https://vk.com/durov' });
    await ingestReport({ ...report(vkAccount('durov', 'durov', 120), [], T + 48 * HOUR), url: 'https://vk.com/durov' });
    const keys = (await listAccounts()).map((e) => e.key);
    expect(keys).toEqual(['vk:1']);
    expect((await getAccountHistory('vk:1'))?.snapshots.map((s) => s.followers?.value)).toEqual([100, 110, 120]);
  });

  it('feed posts are kept under their authors; posts without an author are skipped', async () => {
    const feed: PageReport = {
      url: 'https://www.instagram.com/',
      pageKind: 'feed',
      observedAt: new Date(T).toISOString(),
      account: null,
      posts: [
        igPost('AAAAA', 1, { authorId: 'alice', authorHandle: 'alice', authorName: 'Alice' }),
        igPost('BBBBB', 2, { authorId: 'bob', authorHandle: 'bob' }),
        igPost('CCCCC', 3),
      ],
    };
    const r = await ingestReport(feed);
    expect(r).toMatchObject({ posts: 2, skippedPosts: 1 });
    const list = await listAccounts();
    expect(list.map((e) => e.key).sort()).toEqual(['instagram:alice', 'instagram:bob']);
    expect(list.find((e) => e.key === 'instagram:alice')?.name).toBe('Alice');
  });

  it('a time in the future is clamped to now', async () => {
    await ingestReport(report(igAccount('nasa', 1), [], Date.now() + 10 * 24 * HOUR));
    const h = await getAccountHistory('instagram:nasa');
    expect(h?.snapshots[0].at).toBeLessThanOrEqual(Date.now());
  });

  it('reports storage use', async () => {
    await ingestReport(report(igAccount('a', 1), [], T));
    await ingestReport(report(igAccount('b', 2), [], T));
    const s = await getStoreStatus();
    expect(s).toMatchObject({ accounts: 2, snapshots: 2, schemaVersion: 5, problem: null });
    expect(s.bytes).toBeGreaterThan(0);
  });

  it('StoreError carries a code', () => {
    expect(new StoreError('quota', 'x').code).toBe('quota');
  });
});

/** The chunk `key` as the same data written by another writer: the same JSON, stored unpacked (a different text). */
async function ingestReportElsewhere(all: Record<string, unknown>, key: string): Promise<string> {
  const { unpack } = await import('@/lib/store/layout');
  return unpack(all[key] as string);
}
