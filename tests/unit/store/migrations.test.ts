import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { decodeRecord } from '@/lib/store/history';
import { decode, readableStore } from '@/lib/store/layout';
import { MIGRATIONS, migrateRecord } from '@/lib/store/migrations';
import { AccountRecordSchema, SCHEMA_VERSION } from '@/lib/store/records';
import { getAccountHistory, getAllRecords, listAccounts, listQuarantined, migrateAll } from '@/lib/store/store';
import { fixtureText } from '../../helpers/fixtures';

const v1 = () => JSON.parse(fixtureText('store/record-v1.json'));
/** A whole schema-2 store (two accounts, its index and meta), saved before schema 3 existed. */
const v2Store = () => JSON.parse(fixtureText('store/store-v2.json')) as Record<string, unknown>;

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
    expect((stored['acct:instagram:pluto__travel'] as { v: number }).v).toBe(3);
    expect(stored['acct:instagram:broken']).toBeUndefined();
    const q = await listQuarantined();
    expect(q.map((x) => x.accountKey)).toEqual(['instagram:broken']);
    expect((await getAccountHistory('instagram:pluto__travel'))?.snapshots).toHaveLength(2);
    // a second run has nothing to do
    expect(await migrateAll()).toEqual({ migrated: 0, quarantined: 0 });
  });

  it('v2 -> v3: a whole schema-2 store is split into heads, monthly post chunks and index entries, every number kept', async () => {
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
    expect(raw.meta).toEqual({ version: 3 });
    const chunks = Object.keys(raw).filter((k) => k.startsWith('posts:instagram:pluto__travel:'));
    expect(chunks.sort()).toEqual([
      'posts:instagram:pluto__travel:2026-04',
      'posts:instagram:pluto__travel:2026-05',
      'posts:instagram:pluto__travel:2026-06',
      'posts:instagram:pluto__travel:2026-07',
      'posts:instagram:pluto__travel:2026-08',
    ]);
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
    expect(raw.index).toEqual(JSON.stringify({ v: 3, a: { 'instagram:pluto__travel': 'pluto__travel', 'vk:-101': 'club101' } }));
    expect(await migrateAll()).toEqual({ migrated: 0, quarantined: 0 });
  });
});
