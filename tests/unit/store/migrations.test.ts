import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { decodeRecord } from '@/lib/store/history';
import { MIGRATIONS, migrateRecord } from '@/lib/store/migrations';
import { AccountRecordSchema, SCHEMA_VERSION } from '@/lib/store/records';
import { getAccountHistory, listQuarantined, migrateAll } from '@/lib/store/store';
import { fixtureText } from '../../helpers/fixtures';

const v1 = () => JSON.parse(fixtureText('store/record-v1.json'));

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
    const stored = await fakeBrowser.storage.local.get(null);
    expect((stored['acct:instagram:pluto__travel'] as { v: number }).v).toBe(2);
    expect(stored['acct:instagram:broken']).toBeUndefined();
    const q = await listQuarantined();
    expect(q.map((x) => x.accountKey)).toEqual(['instagram:broken']);
    expect((await getAccountHistory('instagram:pluto__travel'))?.snapshots).toHaveLength(2);
    // a second run has nothing to do
    expect(await migrateAll()).toEqual({ migrated: 0, quarantined: 0 });
  });
});
