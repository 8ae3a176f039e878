import { describe, expect, it } from 'vitest';
import {
  applyAccount,
  applyPost,
  compactRecord,
  DEFAULT_HISTORY_OPTIONS,
  decodeRecord,
  mergeRecords,
  newRecord,
} from '@/lib/store/history';
import { AccountRecordSchema } from '@/lib/store/records';
import { abbr, igAccount, igPost, n } from '../../helpers/reports';

const T0 = Date.UTC(2026, 9, 1, 12) / 1000;
const H = 3600;
const D = 86400;

describe('snapshots', () => {
  it('identical readings within the merge window merge, later ones add a snapshot', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    applyAccount(rec, igAccount('nasa', 1000), T0);
    applyAccount(rec, igAccount('nasa', 1000), T0 + 10 * 60);
    applyAccount(rec, igAccount('nasa', 1000), T0 + 50 * 60);
    expect(rec.s).toHaveLength(1);
    applyAccount(rec, igAccount('nasa', 1000), T0 + 2 * H);
    expect(rec.s).toHaveLength(2);
    expect(rec.last).toBe(T0 + 2 * H);
  });

  it('a different reading within the window is a new snapshot', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    applyAccount(rec, igAccount('nasa', 1000), T0);
    applyAccount(rec, igAccount('nasa', 1001), T0 + 60);
    expect(rec.s.map((s) => s[1])).toEqual([1000, 1001]);
  });

  it('an exact reading sharpens an agreeing abbreviation within the window', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    applyAccount(rec, { ...igAccount('nasa', null), followers: abbr('1.2K') }, T0);
    applyAccount(rec, igAccount('nasa', 1234), T0 + 60);
    expect(rec.s).toHaveLength(1);
    expect(rec.s[0][1]).toBe(1234);
  });

  it('fills counts a previous reading did not have', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    applyAccount(rec, { ...igAccount('nasa', 1000), following: null, posts: null }, T0);
    applyAccount(rec, { ...igAccount('nasa', 1000), posts: n(9) }, T0 + 60);
    expect(rec.s).toEqual([[T0, 1000, 10, 9]]);
  });

  it('readings arriving out of order are kept in time order', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    applyAccount(rec, igAccount('nasa', 1200), T0 + 5 * D);
    applyAccount(rec, igAccount('nasa', 1000), T0);
    applyAccount(rec, igAccount('nasa', 1100), T0 + 2 * D);
    expect(rec.s.map((s) => s[1])).toEqual([1000, 1100, 1200]);
    expect(rec.first).toBe(T0);
    expect(rec.last).toBe(T0 + 5 * D);
  });

  it('a reading with no counts adds nothing', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    applyAccount(rec, { ...igAccount('nasa', null), following: null, posts: null }, T0);
    expect(rec.s).toHaveLength(0);
  });

  it('names and handles follow the newest reading', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    applyAccount(rec, igAccount('nasa', 1, { name: 'Old' }), T0 + D);
    applyAccount(rec, igAccount('nasa', 1, { name: 'Older' }), T0);
    expect(rec.name).toBe('Old');
  });
});

describe('posts', () => {
  it('keeps latest values and a bounded series with the first and last observation', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    for (let i = 0; i < 40; i++) applyPost(rec, igPost('AAAAA', 100 + i), T0 + i * 2 * H);
    const o = rec.p.AAAAA.o;
    expect(o).toHaveLength(DEFAULT_HISTORY_OPTIONS.maxObservationsPerPost);
    expect(o[0][1]).toBe(100);
    expect(o[o.length - 1][1]).toBe(139);
    expect(o.map((x) => x[0])).toEqual([...o.map((x) => x[0])].sort((a, b) => a - b));
  });

  it('identical readings within the window merge', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    applyPost(rec, igPost('AAAAA', 100), T0);
    applyPost(rec, igPost('AAAAA', 100), T0 + 60);
    expect(rec.p.AAAAA.o).toHaveLength(1);
  });

  it('hidden likes are never stored as a number', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    applyPost(rec, igPost('AAAAA', 3, { likesHidden: true }), T0);
    const post = decodeRecord(rec).posts[0];
    expect(post.likesHidden).toBe(true);
    expect(post.observations[0].likes).toBeNull();
  });

  it('flags follow the newest observation; giveaway sticks', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    applyPost(rec, igPost('AAAAA', 1, { pinned: true, caption: 'Большой РОЗЫГРЫШ призов!' }), T0 + D);
    applyPost(rec, igPost('AAAAA', 1, { pinned: false }), T0);
    applyPost(rec, igPost('AAAAA', 2, { pinned: true }), T0 + 2 * D);
    const post = decodeRecord(rec).posts[0];
    expect(post.pinned).toBe(true);
    expect(post.giveaway).toBe(true);
  });

  it('a date-only published time does not replace a precise one', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    applyPost(rec, igPost('AAAAA', 1, { publishedAt: '2021-05-29T14:31:07.000Z' }), T0);
    applyPost(rec, igPost('AAAAA', 1, { publishedAt: '2021-05-29T00:00:00.000Z' }), T0 + D);
    expect(decodeRecord(rec).posts[0].publishedAt).toBe(Date.parse('2021-05-29T14:31:07.000Z'));
  });

  it('comment samples merge without duplicates and stay bounded', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    const comments = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ text: `comment ${from + i}`, author: `u${from + i}`, at: null, byOwner: false }));
    applyPost(rec, igPost('AAAAA', 1, { commentsSample: comments(0, 20) }), T0);
    applyPost(rec, igPost('AAAAA', 1, { commentsSample: comments(10, 20) }), T0 + D);
    const c = decodeRecord(rec).posts[0].comments;
    expect(c).toHaveLength(DEFAULT_HISTORY_OPTIONS.maxCommentsPerPost);
    expect(new Set(c.map((x) => x.text)).size).toBe(c.length);
    expect(c[c.length - 1].text).toBe('comment 29');
  });

  it('a canonical URL is not stored, another one is', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    applyPost(rec, igPost('AAAAA', 1), T0);
    applyPost(rec, igPost('BBBBB', 1, { url: 'https://www.instagram.com/reel/BBBBB/', kind: 'reel' }), T0);
    applyPost(rec, igPost('CCCCC', 1, { url: 'https://www.instagram.com/p/CCCCC/?img_index=2' }), T0);
    expect(rec.p.AAAAA.u).toBeUndefined();
    expect(rec.p.BBBBB.u).toBeUndefined();
    expect(rec.p.CCCCC.u).toBe('https://www.instagram.com/p/CCCCC/?img_index=2');
    expect(decodeRecord(rec).posts.find((p) => p.id === 'BBBBB')?.url).toBe('https://www.instagram.com/reel/BBBBB/');
  });
});

describe('compaction', () => {
  it('keeps one snapshot a day beyond the configured age and everything newer', () => {
    const now = T0 + 200 * D;
    const rec = newRecord('instagram', 'nasa', T0);
    for (let h = 0; h < 200 * 24; h += 3) applyAccount(rec, igAccount('nasa', 1000 + h), T0 + h * H);
    const cutoff = now - 90 * D;
    const newerBefore = rec.s.filter((s) => s[0] >= cutoff).length;
    expect(compactRecord(rec, now)).toBe(true);
    const old = rec.s.filter((s) => s[0] < cutoff);
    const days = new Set(old.map((s) => Math.floor(s[0] / D)));
    expect(old.length).toBe(days.size);
    expect(days.size).toBeGreaterThanOrEqual(109);
    expect(rec.s.filter((s) => s[0] >= cutoff).length).toBe(newerBefore);
    // the last reading of each old day is the one kept
    const lastOfFirstDay = Math.max(
      ...Array.from({ length: 8 }, (_, i) => T0 + i * 3 * H).filter((t) => Math.floor(t / D) === Math.floor(T0 / D)),
    );
    expect(rec.s[0][0]).toBe(lastOfFirstDay);
    expect(AccountRecordSchema.safeParse(rec).success).toBe(true);
  });

  it('a year of daily visits stays small', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    for (let d = 0; d < 365; d++) applyAccount(rec, igAccount('nasa', 10_000 + d * 7), T0 + d * D);
    compactRecord(rec, T0 + 365 * D);
    expect(new TextEncoder().encode(JSON.stringify(rec)).length).toBeLessThan(12_000);
  });

  it('retention removes what is older, and posts with nothing left', () => {
    const rec = newRecord('instagram', 'nasa', T0);
    applyAccount(rec, igAccount('nasa', 1), T0);
    applyAccount(rec, igAccount('nasa', 2), T0 + 100 * D);
    applyPost(rec, igPost('OLDPOST', 1), T0);
    applyPost(rec, igPost('NEWPOST', 1), T0 + 100 * D);
    compactRecord(rec, T0 + 101 * D, { ...DEFAULT_HISTORY_OPTIONS, retentionDays: 30 });
    expect(rec.s.map((s) => s[1])).toEqual([2]);
    expect(Object.keys(rec.p)).toEqual(['NEWPOST']);
  });
});

describe('mergeRecords', () => {
  it('unites snapshots and posts; base wins where both have the same time', () => {
    const a = newRecord('instagram', 'nasa', T0);
    applyAccount(a, igAccount('nasa', 100), T0);
    applyPost(a, igPost('AAAAA', 5), T0);
    const b = newRecord('instagram', 'nasa', T0);
    applyAccount(b, igAccount('nasa', 999), T0);
    applyAccount(b, igAccount('nasa', 200), T0 + D);
    applyPost(b, igPost('AAAAA', 7), T0 + D);
    applyPost(b, igPost('BBBBB', 1), T0 + D);
    mergeRecords(a, b);
    expect(a.s.map((s) => s[1])).toEqual([100, 200]);
    expect(a.p.AAAAA.o.map((o) => o[1])).toEqual([5, 7]);
    expect(Object.keys(a.p).sort()).toEqual(['AAAAA', 'BBBBB']);
    // merging again changes nothing
    const again = JSON.stringify(mergeRecords(structuredClone(a), b));
    expect(again).toBe(JSON.stringify(a));
  });
});
