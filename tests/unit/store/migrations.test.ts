import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { decodeRecord } from '@/lib/store/history';
import { decode, readableStore } from '@/lib/store/layout';
import { MIGRATIONS, migrateRecord } from '@/lib/store/migrations';
import { type AccountRecord, AccountRecordSchema, SCHEMA_VERSION } from '@/lib/store/records';
import {
  getAccountHistory,
  getAllRecords,
  getRecords,
  ingestReport,
  listAccounts,
  listQuarantined,
  migrateAll,
  runMaintenance,
} from '@/lib/store/store';
import { fixtureText } from '../../helpers/fixtures';
import { igAccount, report, vkAccount } from '../../helpers/reports';

const v1 = () => JSON.parse(fixtureText('store/record-v1.json'));
/** A whole schema-2 store (two accounts, its index and meta), saved before schema 3 existed. */
const v2Store = () => JSON.parse(fixtureText('store/store-v2.json')) as Record<string, unknown>;

/** The post chunk keys of a stored store, sorted. */
const postKeys = (raw: Record<string, unknown>) =>
  Object.keys(raw)
    .filter((k) => k.startsWith('posts:'))
    .sort();
/**
 * The chunks of the fixture stores (store-v3.json, store-v4.json) once migrated to schema 5: atlas's
 * 16 newest posts (all of 2026's) in the recent chunk, the rest by year; vk:-202 has fewer than 16.
 */
const MIGRATED_CHUNKS = [
  'posts:instagram:atlas:2025',
  'posts:instagram:atlas:r',
  'posts:instagram:atlas:x',
  'posts:instagram:quiet:x',
  'posts:vk:-202:r',
];

describe('schema migrations', () => {
  it('has a step for every past version', () => {
    for (let v = 1; v < SCHEMA_VERSION; v++) expect(MIGRATIONS[v]).toBeTypeOf('function');
  });

  it('v1 -> v2 keeps every number', () => {
    const result = migrateRecord(v1());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migrated).toBe(true);
    expect(AccountRecordSchema.parse(result.record)).toBeTruthy();
    const h = decodeRecord(result.record);
    expect(h.snapshots).toHaveLength(2);
    expect(h.snapshots[0]).toMatchObject({
      at: Date.parse('2026-01-10T09:00:00Z'),
      followers: { value: 2187, exact: true },
      posts: { value: 142 },
    });
    expect(h.snapshots[1].followers).toMatchObject({ value: 2400, low: 2350, high: 2500, exact: false, raw: '2.4K' });
    expect(h.snapshots[1].following).toBeNull();
    const post = h.posts.find((p) => p.id === 'CPeC-Eenc8l');
    expect(post?.observations[0]).toMatchObject({ likes: { value: 120 }, comments: { value: 4 }, shares: null });
    const hidden = h.posts.find((p) => p.id === 'HIDDEN12345');
    expect(hidden).toMatchObject({ likesHidden: true, pinned: true, publishedAt: null });
    expect(h.firstSeen).toBe(Date.parse('2026-01-10T09:00:00Z'));
  });

  it('refuses records from a newer version or without one', () => {
    expect(migrateRecord({ ...v1(), v: 99 })).toMatchObject({ ok: false });
    expect(migrateRecord({ id: 'x' })).toMatchObject({ ok: false });
    expect(migrateRecord('garbage')).toMatchObject({ ok: false });
  });

  it('a v1 record that is damaged fails with a reason instead of throwing', () => {
    const bad = v1();
    bad.snapshots[0].at = 'yesterday';
    const r = migrateRecord(bad);
    expect(r.ok).toBe(false);
  });

  it('migrateAll rewrites stored v1 records and sets damaged ones aside', async () => {
    await fakeBrowser.storage.local.set({
      'acct:instagram:pluto__travel': v1(),
      'acct:instagram:broken': { v: 1, platform: 'instagram', id: 'broken' },
      meta: { version: 1 },
    });
    const r = await migrateAll();
    expect(r).toEqual({ migrated: 1, quarantined: 1 });
    const stored = readableStore(await fakeBrowser.storage.local.get(null));
    expect((stored['acct:instagram:pluto__travel'] as { v: number }).v).toBe(SCHEMA_VERSION);
    expect(stored['acct:instagram:broken']).toBeUndefined();
    const q = await listQuarantined();
    expect(q.map((x) => x.accountKey)).toEqual(['instagram:broken']);
    expect((await getAccountHistory('instagram:pluto__travel'))?.snapshots).toHaveLength(2);
    // a second run has nothing to do
    expect(await migrateAll()).toEqual({ migrated: 0, quarantined: 0 });
  });

  it('v2 -> v3 -> v4 -> v5: a whole schema-2 store is split into heads, yearly post chunks and index entries, every number kept', async () => {
    const store = v2Store();
    const before = Object.fromEntries(
      Object.entries(store)
        .filter(([k]) => k.startsWith('acct:'))
        .map(([k, v]) => [k, migrateRecord(v)]),
    );
    await fakeBrowser.storage.local.set(store);
    // read before the migration ran: schema-2 records are read as they are
    const early = await getAccountHistory('instagram:pluto__travel');
    expect(early?.posts).toHaveLength(30);
    expect(await migrateAll()).toEqual({ migrated: 2, quarantined: 0 });
    const raw = await fakeBrowser.storage.local.get(null);
    expect(raw.meta).toEqual({ version: 5 });
    const chunks = Object.keys(raw).filter((k) => k.startsWith('posts:instagram:pluto__travel:'));
    // published April to August 2026: one year's chunk, the 16 newest in the recent chunk
    expect(chunks.sort()).toEqual(['posts:instagram:pluto__travel:2026', 'posts:instagram:pluto__travel:r']);
    expect(typeof raw['acct:instagram:pluto__travel']).toBe('string');
    const head = decode(raw['acct:instagram:pluto__travel']) as { p?: unknown; s: unknown[]; c: unknown };
    expect(head.p).toBeUndefined();
    expect(head.s).toHaveLength(30);
    expect(Object.values(head.c as Record<string, [number, number]>).reduce((n, [p]) => n + p, 0)).toBe(30);
    // the same records, every field, after the split
    const after = new Map((await getAllRecords()).map((r) => [`acct:${r.platform}:${r.id}`, r]));
    for (const [k, r] of Object.entries(before)) {
      if (!r.ok) throw new Error(k);
      expect(after.get(k)).toEqual(r.record);
    }
    // the index: one entry per account, the schema-2 summaries carried over
    const list = await listAccounts();
    expect(list.map((e) => e.key).sort()).toEqual(['instagram:pluto__travel', 'vk:-101']);
    const pluto = list.find((e) => e.key === 'instagram:pluto__travel');
    expect(pluto).toMatchObject({ snapshots: 30, posts: 30 });
    expect(pluto?.sum).toEqual((store.index as { accounts: Record<string, { sum: unknown }> }).accounts['instagram:pluto__travel'].sum);
    // the account list's own format is unchanged (LIST_VERSION 3)
    expect(raw.index).toEqual(JSON.stringify({ v: 3, a: { 'instagram:pluto__travel': 'pluto__travel', 'vk:-101': 'club101' } }));
    expect(await migrateAll()).toEqual({ migrated: 0, quarantined: 0 });
  });

  describe('v3 -> v5: monthly chunks regrouped by year (and the newest posts in r)', () => {
    /** A whole schema-3 store made by the schema-3 store's own functions (tests/fixtures/store/make-store.ts). */
    const v3Store = () => JSON.parse(fixtureText('store/store-v3.json')) as Record<string, unknown>;
    const MONTHLY = /^posts:.*:\d{4}-\d{2}$/;

    /** Each account of the fixture as schema 3 stored it, assembled here by hand: head fields, snapshots, every chunk's posts. */
    function expectedRecords(store: Record<string, unknown>): Map<string, AccountRecord> {
      const out = new Map<string, AccountRecord>();
      for (const [k, v] of Object.entries(store)) {
        if (!k.startsWith('acct:')) continue;
        const { c, ...head } = decode(v) as AccountRecord & { c: Record<string, [number, number]> };
        const key = k.slice('acct:'.length);
        const p: AccountRecord['p'] = {};
        for (const name of Object.keys(c)) {
          const chunk = decode(store[`posts:${key}:${name}`]) as { v: number; p: AccountRecord['p'] };
          expect(chunk.v).toBe(3);
          for (const [id, post] of Object.entries(chunk.p)) {
            expect(p[id], `${id} stored twice`).toBeUndefined();
            p[id] = post;
          }
        }
        out.set(key, { ...head, v: SCHEMA_VERSION, p });
      }
      return out;
    }

    it('the fixture is a real schema-3 store: monthly chunks over two years, undated posts, comments, summaries', () => {
      const store = v3Store();
      expect(store.meta).toEqual({ version: 3 });
      const chunks = Object.keys(store).filter((k) => k.startsWith('posts:'));
      expect(chunks.filter((k) => MONTHLY.test(k)).length).toBeGreaterThanOrEqual(12);
      expect(chunks).toEqual(
        expect.arrayContaining([
          'posts:instagram:atlas:2025-12',
          'posts:instagram:atlas:2026-01',
          'posts:instagram:atlas:x',
          'posts:instagram:quiet:x',
        ]),
      );
      const recs = expectedRecords(store);
      expect([...recs.keys()].sort()).toEqual(['instagram:atlas', 'instagram:quiet', 'vk:-202']);
      const posts = [...recs.values()].flatMap((r) => Object.values(r.p));
      expect(posts.some((p) => p.t === null)).toBe(true);
      expect(posts.some((p) => (p.c?.length ?? 0) > 0)).toBe(true);
      for (const k of recs.keys()) expect((decode(store[`idx:${k}`]) as { sum?: unknown }).sum).toBeTruthy();
    });

    it('migrateAll writes every account by year, reads back identical, leaves no monthly key', async () => {
      const store = v3Store();
      const expected = expectedRecords(store);
      await fakeBrowser.storage.local.set(store);
      // read before the migration ran: schema-3 heads and monthly chunks are read as they are
      expect(await getAllRecords()).toEqual(expect.arrayContaining([...expected.values()]));
      expect(await migrateAll()).toEqual({ migrated: 3, quarantined: 0 });
      const raw = await fakeBrowser.storage.local.get(null);
      expect(raw.meta).toEqual({ version: 5 });
      expect(Object.keys(raw).filter((k) => MONTHLY.test(k))).toEqual([]);
      expect(postKeys(raw)).toEqual(MIGRATED_CHUNKS);
      for (const [k, v] of Object.entries(raw))
        if (k.startsWith('acct:') || k.startsWith('posts:')) expect((decode(v) as { v: number }).v).toBe(5);
      // every account: the same posts, observations, comments and snapshots
      const after = new Map((await getAllRecords()).map((r) => [`${r.platform}:${r.id}`, r]));
      expect(after).toEqual(expected);
      for (const [k, rec] of expected) expect(await getAccountHistory(k)).toEqual(decodeRecord(rec));
      // the summaries and counts of the index entries carried over
      const entries = await listAccounts();
      for (const e of entries) {
        const old = decode(store[`idx:${e.key}`]) as { sum: unknown; posts: number; snapshots: number };
        expect(e.sum).toEqual(old.sum);
        expect([e.posts, e.snapshots]).toEqual([old.posts, old.snapshots]);
      }
      expect(entries).toHaveLength(3);
      expect(await listQuarantined()).toEqual([]);
      expect(await migrateAll()).toEqual({ migrated: 0, quarantined: 0 });
    });

    it('interrupted between writing the years and removing the months: nothing lost or doubled, the next run removes the months', async () => {
      const store = v3Store();
      const expected = expectedRecords(store);
      await fakeBrowser.storage.local.set(store);
      const remove = vi.spyOn(fakeBrowser.storage.local, 'remove').mockRejectedValueOnce(new Error('worker stopped'));
      await expect(migrateAll()).rejects.toThrow();
      remove.mockRestore();
      const raw = await fakeBrowser.storage.local.get(null);
      expect(raw.meta).toEqual({ version: 3 });
      // the years are written, the months still there
      expect(Object.keys(raw).some((k) => k === 'posts:instagram:atlas:2025')).toBe(true);
      expect(Object.keys(raw).some((k) => MONTHLY.test(k))).toBe(true);
      expect(new Map((await getAllRecords()).map((r) => [`${r.platform}:${r.id}`, r]))).toEqual(expected);
      for (const [k, rec] of expected) expect(await getAccountHistory(k)).toEqual(decodeRecord(rec));
      expect((await migrateAll()).quarantined).toBe(0);
      const done = await fakeBrowser.storage.local.get(null);
      expect(done.meta).toEqual({ version: 5 });
      expect(Object.keys(done).filter((k) => MONTHLY.test(k))).toEqual([]);
      expect(new Map((await getAllRecords()).map((r) => [`${r.platform}:${r.id}`, r]))).toEqual(expected);
    });

    it('interrupted before anything was written: the schema-3 store is as it was', async () => {
      const store = v3Store();
      await fakeBrowser.storage.local.set(store);
      const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('worker stopped'));
      await expect(migrateAll()).rejects.toThrow();
      set.mockRestore();
      expect(await fakeBrowser.storage.local.get(null)).toEqual(store);
    });

    it('an ingest before migrateAll ran writes the account in the new layout and keeps every post', async () => {
      const store = v3Store();
      const expected = expectedRecords(store).get('vk:-202') as AccountRecord;
      await fakeBrowser.storage.local.set(store);
      await ingestReport(report(vkAccount('-202', 'club202', 4000), [], Date.UTC(2026, 2, 1, 12)));
      const raw = await fakeBrowser.storage.local.get(null);
      expect(
        Object.keys(raw)
          .filter((k) => k.startsWith('posts:vk:-202:'))
          .sort(),
      ).toEqual(['posts:vk:-202:r']);
      expect((decode(raw['acct:vk:-202']) as { v: number }).v).toBe(5);
      const rec = (await getRecords(['vk:-202']))[0];
      expect(rec.p).toEqual(expected.p);
      expect(rec.s).toHaveLength(expected.s.length + 1);
      // the other accounts are untouched until migrateAll
      expect(Object.keys(raw).filter((k) => k.startsWith('posts:instagram:atlas:2025-')).length).toBeGreaterThan(0);
    });
  });

  describe('v4 -> v5: the newest posts in a recent chunk', () => {
    /** A whole schema-4 store made by the schema-4 store's own functions (tests/fixtures/store/make-store.ts). */
    const v4Store = () => JSON.parse(fixtureText('store/store-v4.json')) as Record<string, unknown>;
    const byKey = (recs: AccountRecord[]) => new Map(recs.map((r) => [`${r.platform}:${r.id}`, r]));

    it('the fixture is a real schema-4 store: chunks by year and x, heads without a cutoff', () => {
      const store = v4Store();
      expect(store.meta).toEqual({ version: 4 });
      expect(Object.keys(store).filter((k) => k.startsWith('posts:'))).toEqual(
        expect.arrayContaining(['posts:instagram:atlas:2025', 'posts:instagram:atlas:2026', 'posts:instagram:atlas:x']),
      );
      for (const [k, v] of Object.entries(store))
        if (k.startsWith('acct:')) expect(decode(v)).toMatchObject({ v: 4, c: expect.any(Object) });
    });

    it('read as it is before migrateAll; migrateAll writes a recent chunk, every account reads back identical', async () => {
      const store = v4Store();
      await fakeBrowser.storage.local.set(store);
      // schema-4 heads are read as they are: nothing set aside, every post there
      const before = byKey(await getAllRecords());
      expect([...before.keys()].sort()).toEqual(['instagram:atlas', 'instagram:quiet', 'vk:-202']);
      expect(await listQuarantined()).toEqual([]);
      expect(await migrateAll()).toEqual({ migrated: 3, quarantined: 0 });
      const raw = await fakeBrowser.storage.local.get(null);
      expect(raw.meta).toEqual({ version: 5 });
      expect(postKeys(raw)).toEqual(MIGRATED_CHUNKS);
      const atlas = decode(raw['acct:instagram:atlas']) as { v: number; r: number; c: Record<string, [number, number]> };
      expect(atlas.v).toBe(5);
      expect(atlas.c.r[0]).toBe(16);
      const after = byKey(await getAllRecords());
      for (const [k, rec] of before) expect(after.get(k)).toEqual({ ...rec, v: SCHEMA_VERSION });
      for (const [k, rec] of before) expect(await getAccountHistory(k)).toEqual(decodeRecord({ ...rec, v: SCHEMA_VERSION }));
      // the summaries and counts of the index entries carried over
      for (const e of await listAccounts()) {
        const old = decode(store[`idx:${e.key}`]) as { sum: unknown; posts: number; snapshots: number };
        expect(e.sum).toEqual(old.sum);
        expect([e.posts, e.snapshots]).toEqual([old.posts, old.snapshots]);
      }
      expect(await listQuarantined()).toEqual([]);
      expect(await migrateAll()).toEqual({ migrated: 0, quarantined: 0 });
    });

    it('an ingest before migrateAll keeps the chunks by year; the maintenance after it makes the recent chunk', async () => {
      const store = v4Store();
      await fakeBrowser.storage.local.set(store);
      const before = byKey(await getAllRecords()).get('instagram:atlas') as AccountRecord;
      await ingestReport(report(igAccount('atlas', 5000), [], Date.UTC(2026, 2, 10, 12)));
      let raw = await fakeBrowser.storage.local.get(null);
      expect(decode(raw['acct:instagram:atlas'])).toMatchObject({ v: 5, r: null });
      expect(raw['posts:instagram:atlas:2026']).toBe(store['posts:instagram:atlas:2026']);
      expect((await getRecords(['instagram:atlas']))[0].p).toEqual(before.p);
      await runMaintenance({ force: true });
      raw = await fakeBrowser.storage.local.get(null);
      expect(
        Object.keys(raw)
          .filter((k) => k.startsWith('posts:instagram:atlas:'))
          .sort(),
      ).toEqual(['posts:instagram:atlas:2025', 'posts:instagram:atlas:r', 'posts:instagram:atlas:x']);
      expect((await getRecords(['instagram:atlas']))[0].p).toEqual(before.p);
    });
  });
});
