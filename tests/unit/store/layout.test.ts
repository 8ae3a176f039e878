import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { updateSettings } from '@/lib/settings';
import { compactRecord, DEFAULT_HISTORY_OPTIONS, newRecord } from '@/lib/store/history';
import {
  assemble,
  ChunkSchema,
  candidateChunks,
  chunkOf,
  decode,
  encodeAccount,
  HEAD_LEVEL,
  HeadSchema,
  PACKED,
  pack,
  readableStore,
  recentCutoff,
  unpack,
} from '@/lib/store/layout';
import type { AccountRecord, ObsTuple } from '@/lib/store/records';
import {
  getAccountHistory,
  getAllRecords,
  ingestReport,
  listAccounts,
  listQuarantined,
  mergeIntoStore,
  runMaintenance,
} from '@/lib/store/store';
import { igAccount, igPost, report, vkAccount } from '../../helpers/reports';

const DAY = 86_400_000;
// the seeded posts (180 days before T) run from August 2025 to February 2026: two yearly chunks
const T = Date.UTC(2026, 1, 20, 12);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * An account with posts published over six months (one every 5 days, 26 in 2025 and 10 in 2026
 * before T), then written whole (the maintenance after the ingests): the 16 newest in the recent
 * chunk r, the 20 older ones in 2025's chunk.
 */
async function seed(now = T): Promise<void> {
  for (let i = 0; i < 36; i++) {
    const at = now - (180 - i * 5) * DAY;
    await ingestReport(
      report(igAccount('shop', 1000 + i), [igPost(`P${String(i).padStart(3, '0')}xxxx`, 10 + i, { publishedAt: iso(at - 3600_000) })], at),
    );
  }
  await runMaintenance({ force: true });
}

describe('store layout 5', () => {
  it('chunks by published year; a post is looked up around its date and in the undated chunk', () => {
    expect(chunkOf(null)).toBe('x');
    expect(chunkOf(Date.UTC(2026, 0, 31, 23) / 1000)).toBe('2026');
    expect(chunkOf(Date.UTC(2025, 11, 31, 23, 59) / 1000)).toBe('2025');
    expect(candidateChunks(Date.UTC(2026, 0, 31, 23) / 1000).sort()).toEqual(['2026', 'x']);
    expect(candidateChunks(Date.UTC(2025, 11, 31, 23) / 1000).sort()).toEqual(['2025', '2026', 'x']);
    expect(candidateChunks(Date.UTC(2026, 0, 1, 1) / 1000).sort()).toEqual(['2025', '2026', 'x']);
    expect(candidateChunks(null)).toEqual(['x']);
    // with a recent chunk: posts from its cutoff on are in r, around the cutoff both
    const r = Date.UTC(2026, 0, 20) / 1000;
    expect(chunkOf(r, r)).toBe('r');
    expect(chunkOf(r - 1, r)).toBe('2026');
    expect(chunkOf(null, r)).toBe('x');
    expect(candidateChunks(r + 10 * 86_400, r).sort()).toEqual(['r', 'x']);
    expect(candidateChunks(r + 3600, r).sort()).toEqual(['2026', 'r', 'x']);
    expect(candidateChunks(r - 10 * 86_400, r).sort()).toEqual(['2026', 'x']);
  });

  it('the recent chunk keeps its cutoff up to 32 posts, then moves it to leave the 16 newest', () => {
    const rec: AccountRecord = newRecord('instagram', 'a', 1_700_000_000);
    const add = (i: number) => {
      rec.p[`P${i}`] = { t: 1_700_000_000 + i * 86_400, k: 'p', f: 0, o: [[1_700_000_000 + i * 86_400, i, 0, null, null]] };
    };
    for (let i = 0; i < 10; i++) add(i);
    // fewer than 16 posts: all of them
    expect(recentCutoff(rec, null)).toBe(1_700_000_000);
    for (let i = 10; i < 40; i++) add(i);
    const r = recentCutoff(rec, null) as number;
    expect(r).toBe(1_700_000_000 + 24 * 86_400);
    expect(Object.values(rec.p).filter((p) => chunkOf(p.t, r) === 'r')).toHaveLength(16);
    // kept while the recent chunk holds at most 32 posts
    for (let i = 40; i < 56; i++) add(i);
    expect(recentCutoff(rec, r)).toBe(r);
    add(56);
    expect(recentCutoff(rec, r)).toBe(1_700_000_000 + 41 * 86_400);
    expect(recentCutoff(newRecord('instagram', 'b', 1), null)).toBeNull();
  });

  it('an ingest writes the head, the chunk of the posts it saw and the index entry, not the whole history', async () => {
    await seed();
    const keysBefore = Object.keys(await fakeBrowser.storage.local.get(null));
    expect(keysBefore.filter((k) => k.startsWith('posts:instagram:shop:')).sort()).toEqual([
      'posts:instagram:shop:2025',
      'posts:instagram:shop:r',
    ]);
    const spy = vi.spyOn(fakeBrowser.storage.local, 'set');
    await ingestReport(report(igAccount('shop', 2000), [igPost('P035xxxx', 99, { publishedAt: iso(T - 6 * DAY) })], T + DAY));
    expect(spy).toHaveBeenCalledTimes(1);
    const written = Object.keys(spy.mock.calls[0][0] as Record<string, unknown>).sort();
    spy.mockRestore();
    // the newest posts are in the recent chunk: no year's chunk is read or written
    expect(written).toEqual([`acct:instagram:shop`, 'idx:instagram:shop', 'posts:instagram:shop:r']);
    const h = await getAccountHistory('instagram:shop');
    expect(h?.posts).toHaveLength(36);
    expect(h?.posts.find((p) => p.id === 'P035xxxx')?.observations.at(-1)?.likes?.value).toBe(99);
  });

  it('an ingest reads storage once: the settings, the head and the chunks its posts may be in', async () => {
    await seed();
    const spy = vi.spyOn(fakeBrowser.storage.local, 'get');
    const published = T - 6 * DAY - 3600_000;
    await ingestReport(report(igAccount('shop', 2000), [igPost('P035xxxx', 99, { publishedAt: iso(published) })], T + DAY));
    expect(spy).toHaveBeenCalledTimes(1);
    const read = spy.mock.calls[0][0] as string[];
    spy.mockRestore();
    expect(read).toEqual(expect.arrayContaining(['settings', 'acct:instagram:shop', 'posts:instagram:shop:r', 'posts:instagram:shop:x']));
    expect(read).not.toContain(`posts:instagram:shop:${chunkOf(published / 1000)}`);
    expect((await getAccountHistory('instagram:shop'))?.posts.find((p) => p.id === 'P035xxxx')?.observations.at(-1)?.likes?.value).toBe(99);
  });

  it('a VK page read by numeric id and screen name: one read, without the account list (the screen name’s head tells)', async () => {
    const vk = (followers: number, at: number) => ({ ...report(vkAccount('1', 'durov', followers), [], at), url: 'https://vk.com/durov' });
    await ingestReport(vk(100, T));
    const spy = vi.spyOn(fakeBrowser.storage.local, 'get');
    await ingestReport(vk(110, T + DAY));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][0]).toEqual(expect.arrayContaining(['settings', 'acct:vk:1', 'acct:vk:durov']));
    expect(spy.mock.calls[0][0]).not.toContain('index');
    spy.mockRestore();
    expect((await getAccountHistory('vk:1'))?.snapshots.map((s) => s.followers?.value)).toEqual([100, 110]);
  });

  it('a VK page read by screen name only: the account list comes in the first read (the numeric head in a second)', async () => {
    const byName = (followers: number, at: number) => ({
      ...report(vkAccount('durov', 'durov', followers), [], at),
      url: 'https://vk.com/durov',
    });
    await ingestReport({ ...report(vkAccount('1', 'durov', 100), [], T), url: 'https://vk.com/durov' });
    const spy = vi.spyOn(fakeBrowser.storage.local, 'get');
    await ingestReport(byName(110, T + DAY));
    expect(spy.mock.calls[0][0]).toEqual(expect.arrayContaining(['settings', 'index', 'acct:vk:durov']));
    expect(spy.mock.calls[1][0]).toEqual(['acct:vk:1']);
    spy.mockRestore();
    expect((await listAccounts()).map((e) => e.key)).toEqual(['vk:1']);
    expect((await getAccountHistory('vk:1'))?.snapshots.map((s) => s.followers?.value)).toEqual([100, 110]);
  });

  it('the settings read with the account still apply (retention)', async () => {
    // retention counts from the real now
    const now = Date.now();
    await seed(now - DAY);
    expect((await getAccountHistory('instagram:shop'))?.snapshots).toHaveLength(36);
    await updateSettings({ retentionDays: 30 });
    await ingestReport(report(igAccount('shop', 2000), [], now));
    const at = (await getAccountHistory('instagram:shop'))?.snapshots.map((s) => s.at) ?? [];
    expect(at.length).toBeGreaterThan(1);
    expect(at.length).toBeLessThan(36);
    expect(Math.min(...at)).toBeGreaterThanOrEqual(now - 31 * DAY);
  });

  it('a head packed at another deflate level (as written before) is read; the ingest writes it at HEAD_LEVEL', async () => {
    await seed();
    const stored = (await fakeBrowser.storage.local.get('acct:instagram:shop'))['acct:instagram:shop'] as string;
    const json = unpack(stored);
    const old = PACKED + btoa(String.fromCharCode(...deflateSync(strToU8(json), { level: 9 })));
    expect(old).not.toBe(stored);
    await fakeBrowser.storage.local.set({ 'acct:instagram:shop': old });
    expect((await getAccountHistory('instagram:shop'))?.snapshots).toHaveLength(36);
    await ingestReport(report(igAccount('shop', 2000), [], T + DAY));
    const now = (await fakeBrowser.storage.local.get('acct:instagram:shop'))['acct:instagram:shop'] as string;
    expect(now).toBe(pack(unpack(now), HEAD_LEVEL));
    expect((await getAccountHistory('instagram:shop'))?.snapshots).toHaveLength(37);
  });

  it('a post first seen without a date and later with one is one post', async () => {
    await ingestReport(report(igAccount('shop', 1), [igPost('UNDATEDxx', 5, { publishedAt: null })], T));
    await ingestReport(report(igAccount('shop', 1), [igPost('UNDATEDxx', 7, { publishedAt: iso(T - DAY) })], T + DAY));
    const h = await getAccountHistory('instagram:shop');
    expect(h?.posts.map((p) => [p.id, p.observations.length, p.publishedAt])).toEqual([['UNDATEDxx', 2, T - DAY]]);
    const raw = await fakeBrowser.storage.local.get(null);
    // no dated post when the account was first written: no recent chunk yet (the maintenance makes one)
    expect(Object.keys(raw).filter((k) => k.startsWith('posts:'))).toEqual([`posts:instagram:shop:${chunkOf((T - DAY) / 1000)}`]);
  });

  it('a damaged chunk is set aside alone: the head and the other chunks stay', async () => {
    await seed();
    const chunk = 'posts:instagram:shop:r';
    expect((await fakeBrowser.storage.local.get(chunk))[chunk]).toBeDefined();
    await fakeBrowser.storage.local.set({ [chunk]: '{"v":4,"p":{"x":{"o":"oops"}}}' });
    expect((await listQuarantined()).map((q) => q.storageKey)).toEqual([chunk]);
    // the 20 posts of 2025's chunk stay
    expect((await getAccountHistory('instagram:shop'))?.posts).toHaveLength(20);
    await ingestReport(report(igAccount('shop', 5000), [], T + DAY));
    // the ingest read no chunk; the whole account is read after it
    expect(await runMaintenance({ force: true })).toBe(1);
    const after = await fakeBrowser.storage.local.get(null);
    expect(after[chunk]).toBeUndefined();
    const q = Object.entries(after).find(([k]) => k.startsWith('quarantine:instagram:shop:posts-'));
    expect((q?.[1] as { value: unknown } | undefined)?.value).toBe('{"v":4,"p":{"x":{"o":"oops"}}}');
    expect((await getAccountHistory('instagram:shop'))?.snapshots.at(-1)?.followers?.value).toBe(5000);
  });

  it('a damaged head is set aside; the fresh head adopts the chunks, no post is lost', async () => {
    await seed();
    await fakeBrowser.storage.local.set({ 'acct:instagram:shop': '{"v":4,"platform":"instagram"' });
    expect(await getAccountHistory('instagram:shop')).toBeNull();
    await ingestReport(report(igAccount('shop', 7), [], T + DAY));
    const h = await getAccountHistory('instagram:shop');
    expect(h?.snapshots.map((s) => s.followers?.value)).toEqual([7]);
    expect(h?.posts).toHaveLength(36);
    const all = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(all).filter((k) => k.startsWith('quarantine:instagram:shop:'))).toHaveLength(1);
    expect((await listAccounts()).find((e) => e.key === 'instagram:shop')?.posts).toBe(36);
  });

  it('after the ingest: the summary and the thinning of old posts, off the acknowledgement', async () => {
    const now = Date.now();
    await seed(now);
    // a post published 150 days ago, seen daily for 16 days, with 30 long comments
    const rec = (await getAllRecords())[0];
    const id = Object.keys(rec.p).sort()[5];
    const post = rec.p[id];
    const t0 = post.o[0][0];
    post.o = Array.from({ length: 16 }, (_, i): ObsTuple => [t0 + i * 86_400, 10 + i, 1, null, null]);
    post.c = Array.from({ length: 30 }, (_, i) => [`comment ${i} `.repeat(30), `u${i}`, null, 0]);
    await fakeBrowser.storage.local.clear();
    await mergeIntoStore([rec], { ...DEFAULT_HISTORY_OPTIONS, compactAfterDays: 100_000 });
    expect((await getAccountHistory('instagram:shop'))?.posts.find((p) => p.id === id)?.observations).toHaveLength(16);
    await ingestReport(report(igAccount('shop', 3000), [], now));
    expect((await listAccounts())[0].sum).toBeUndefined();
    expect(await runMaintenance({ force: true })).toBe(1);
    const entry = (await listAccounts())[0];
    expect(entry.sum?.v).toBeGreaterThan(0);
    const thin = (await getAccountHistory('instagram:shop'))?.posts.find((p) => p.id === id);
    expect(thin?.observations.map((o) => o.likes?.value)).toEqual([10, 25]);
    expect(thin?.comments).toHaveLength(5);
    expect(thin?.comments.every((c) => c.text.length <= 100)).toBe(true);
    expect(thin?.comments.at(-1)?.author).toBe('u29');
  });

  it('encodeAccount and assemble give back the record; readableStore shows whole records', () => {
    const rec: AccountRecord = newRecord('instagram', 'a', 1_700_000_000);
    rec.s.push([1_700_000_000, 5, null, null]);
    rec.p.A = { t: 1_700_000_000, k: 'p', f: 0, o: [[1_700_000_100, 1, 2, null, null]] };
    rec.p.B = { t: null, k: null, f: 0, o: [[1_700_000_100, 3, 4, null, null]] };
    // the cutoff chosen: the oldest dated post's time (fewer than RECENT_KEEP posts), so A is in r
    expect([...encodeAccount(rec).chunks.keys()].sort()).toEqual(['r', 'x']);
    const enc = encodeAccount(rec, {}, undefined, null);
    expect([...enc.chunks.keys()].sort()).toEqual(['2023', 'x']);
    const head = HeadSchema.parse(decode(enc.headText));
    expect(
      assemble(
        head,
        [...enc.chunks.values()].map((c) => (decode(c) as { p: AccountRecord['p'] }).p),
      ),
    ).toEqual(rec);
    const raw: Record<string, unknown> = { 'acct:instagram:a': enc.headText };
    for (const [n, c] of enc.chunks) raw[`posts:instagram:a:${n}`] = c;
    expect(readableStore(raw)).toEqual({ 'acct:instagram:a': rec });
  });

  it('long heads and chunks are packed (deflate + base64), short ones stay JSON; both read back', () => {
    const short = '{"v":4,"p":{}}';
    expect(pack(short)).toBe(short);
    const rec: AccountRecord = newRecord('vk', '-1', 1_700_000_000);
    for (let d = 0; d < 60; d++) rec.s.push([1_700_000_000 + d * 86_400, 10_000 + d * 7, null, 300 + d]);
    for (let i = 0; i < 40; i++) {
      rec.p[`-1_${i}`] = {
        t: 1_700_000_000 + i * 3600,
        k: null,
        f: 0,
        o: [[1_700_000_000 + i * 3600 + 600, [1200, 1150, 1249, '1,2 тыс.'], i, 2, 1500 + i]],
        c: [['Отличный пост! 👍 «кавычки» \\ "quotes"', 'user1', 1_700_000_100, 0]],
      };
    }
    const enc = encodeAccount(rec, {}, undefined, null);
    expect(enc.headText.startsWith(PACKED)).toBe(true);
    const chunkText = [...enc.chunks.values()][0];
    expect(chunkText.startsWith(PACKED)).toBe(true);
    // packing pays: the stored strings are well under half the JSON text
    const plain = JSON.stringify({ v: 5, p: rec.p });
    expect(chunkText.length).toBeLessThan(plain.length / 2);
    // and every character survives (non-ASCII text, quotes, backslashes)
    expect(assemble(HeadSchema.parse(decode(enc.headText)), [(decode(chunkText) as { p: AccountRecord['p'] }).p])).toEqual(rec);
    expect(unpack(chunkText)).toBe(plain);
    expect(ChunkSchema.parse(decode(chunkText)).p).toEqual(rec.p);
    // a damaged packed value throws (and is then set aside like any damaged value)
    expect(() => decode(`${PACKED}not base64 at all!`)).toThrow();
    expect(() => decode(`${PACKED}${btoa('garbage')}`)).toThrow();
  });

  it('compaction keeps of an old post its first, its last and its recent readings', () => {
    const now = 1_800_000_000;
    const rec = newRecord('vk', '-1', now - 200 * 86_400);
    const o = (d: number, likes: number): ObsTuple => [now - d * 86_400, likes, null, null, null];
    rec.p['-1_1'] = { t: now - 150 * 86_400, k: 't', f: 1, o: [o(150, 1), o(140, 2), o(120, 3), o(95, 4), o(60, 5), o(10, 6)] };
    rec.p['-1_2'] = { t: now - 30 * 86_400, k: 't', f: 0, o: [o(30, 1), o(29, 2), o(28, 3)] };
    compactRecord(rec, now);
    expect(rec.p['-1_1'].o.map((x) => x[1])).toEqual([1, 5, 6]);
    expect(rec.p['-1_2'].o.map((x) => x[1])).toEqual([1, 2, 3]);
  });

  it('comments are thinned only on posts not seen for 90 days; an old post read today keeps them all', () => {
    const now = 1_800_000_000;
    const rec = newRecord('vk', '-1', now - 400 * 86_400);
    const long = 'к'.repeat(250);
    const comments = Array.from({ length: 12 }, (_, i): [string, string, number, 0] => [
      `${i} ${long}`,
      `u${i}`,
      now - 300 * 86_400 + i,
      0,
    ]);
    const o = (d: number): ObsTuple => [now - d * 86_400, 10, 2, null, null];
    rec.p['-1_1'] = { t: now - 300 * 86_400, k: 't', f: 0, o: [o(300), o(1)], c: comments.map((c) => [...c]) };
    rec.p['-1_2'] = { t: now - 300 * 86_400, k: 't', f: 0, o: [o(300), o(120)], c: comments.map((c) => [...c]) };
    compactRecord(rec, now);
    expect(rec.p['-1_1'].c).toEqual(comments);
    const thinned = rec.p['-1_2'].c ?? [];
    expect(thinned.map((c) => c[1])).toEqual(['u7', 'u8', 'u9', 'u10', 'u11']);
    for (const c of thinned) expect(c[0].length).toBeLessThanOrEqual(100);
    expect(thinned[0][0].startsWith('7 кккк')).toBe(true);
  });
});
