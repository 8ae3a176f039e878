import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BOM, csvCell, postsCsv, snapshotsCsv } from '@/lib/backup/csv';
import { buildBackup } from '@/lib/backup/export';
import { BackupSchema } from '@/lib/backup/format';
import { checkBackup, checkBackupText } from '@/lib/backup/import';
import { getAccountHistory, getAllRecords, ingestReport, listAccounts, mergeIntoStore } from '@/lib/store/store';
import { abbr, igAccount, igPost, report, vkAccount } from '../../helpers/reports';

const T = Date.UTC(2026, 9, 1, 12);
const DAY = 86_400_000;

async function seed() {
  await ingestReport(
    report(
      { ...igAccount('pluto__travel', 2362), name: 'Плуто, "travel"' },
      [igPost('CPeC-Eenc8l', 120, { commentsSample: [{ text: '🔥🔥', author: 'fan', at: null, byOwner: false }] })],
      T,
    ),
  );
  await ingestReport(
    report(
      { ...igAccount('pluto__travel', null), name: 'Плуто, "travel"', followers: abbr('2.4K') },
      [igPost('CPeC-Eenc8l', 150)],
      T + DAY,
    ),
  );
  await ingestReport({ ...report(vkAccount('-2513295', 'prfkm', 1234), [], T), url: 'https://vk.com/prfkm' });
}

describe('JSON backup', () => {
  it('exports every field and validates against its own schema', async () => {
    await seed();
    const backup = buildBackup(await getAllRecords(), '0.1.0', T + 2 * DAY);
    expect(BackupSchema.safeParse(backup).success).toBe(true);
    expect(backup).toMatchObject({ format: 'smm-lens-backup', version: 1, exportedAt: new Date(T + 2 * DAY).toISOString() });
    const ig = backup.accounts.find((a) => a.id === 'pluto__travel');
    expect(ig).toMatchObject({ platform: 'instagram', handle: 'pluto__travel', url: 'https://www.instagram.com/pluto__travel/' });
    expect(ig?.snapshots).toEqual([
      {
        at: new Date(T).toISOString(),
        followers: { value: 2362, low: 2362, high: 2362, exact: true, raw: '2362' },
        following: { value: 10, low: 10, high: 10, exact: true, raw: '10' },
        posts: { value: 5, low: 5, high: 5, exact: true, raw: '5' },
      },
      {
        at: new Date(T + DAY).toISOString(),
        followers: { value: 2400, low: 2350, high: 2500, exact: false, raw: '2.4K' },
        following: { value: 10, low: 10, high: 10, exact: true, raw: '10' },
        posts: { value: 5, low: 5, high: 5, exact: true, raw: '5' },
      },
    ]);
    expect(ig?.posts[0]).toMatchObject({
      id: 'CPeC-Eenc8l',
      url: 'https://www.instagram.com/p/CPeC-Eenc8l/',
      publishedAt: '2026-10-01T10:00:00.000Z',
    });
    expect(ig?.posts[0].observations.map((o) => o.likes?.value)).toEqual([120, 150]);
    expect(ig?.posts[0].comments[0]).toMatchObject({ text: '🔥🔥', author: 'fan' });
  });

  it('round trip: export, import into an empty store, export again gives the same file', async () => {
    await seed();
    const first = buildBackup(await getAllRecords(), '0.1.0', T);
    const text = JSON.stringify(first);
    fakeBrowser.reset();
    expect(await listAccounts()).toEqual([]);
    const check = checkBackupText(text, T + DAY);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(await mergeIntoStore(check.records)).toEqual({ added: 2, merged: 0 });
    expect(buildBackup(await getAllRecords(), '0.1.0', T)).toEqual(first);
  });

  it('import merges without duplicates', async () => {
    await seed();
    const backup = buildBackup(await getAllRecords(), '0.1.0', T);
    const check = checkBackup(JSON.parse(JSON.stringify(backup)), T + DAY);
    if (!check.ok) throw new Error('should pass');
    expect(await mergeIntoStore(check.records)).toEqual({ added: 0, merged: 2 });
    const h = await getAccountHistory('instagram:pluto__travel');
    expect(h?.snapshots).toHaveLength(2);
    expect(h?.posts[0].observations).toHaveLength(2);
    expect(h?.posts[0].comments).toHaveLength(1);
  });

  it('an account that appears twice in one file is merged', () => {
    const account = {
      platform: 'instagram',
      id: 'nasa',
      handle: 'nasa',
      name: null,
      url: 'https://www.instagram.com/nasa/',
      snapshots: [
        { at: '2026-01-01T00:00:00Z', followers: null, following: null, posts: { value: 1, low: 1, high: 1, exact: true, raw: '1' } },
      ],
      posts: [],
    };
    const second = { ...account, snapshots: [{ ...account.snapshots[0], at: '2026-01-02T00:00:00Z' }] };
    const check = checkBackup(
      { format: 'smm-lens-backup', version: 1, exportedAt: '2026-02-01T00:00:00Z', accounts: [account, second] },
      T,
    );
    expect(check.ok && check.records).toHaveLength(1);
    expect(check.ok && check.records[0].s).toHaveLength(2);
  });
});

describe('a bad backup is refused with a clear message and the store unchanged', () => {
  const good = () => ({
    format: 'smm-lens-backup',
    version: 1,
    exportedAt: '2026-10-01T00:00:00.000Z',
    accounts: [
      {
        platform: 'vk',
        id: '-1',
        handle: 'apiclub',
        name: 'API',
        url: 'https://vk.com/apiclub',
        snapshots: [
          { at: '2026-09-01T00:00:00.000Z', followers: { value: 5, low: 5, high: 5, exact: true, raw: '5' }, following: null, posts: null },
        ],
        posts: [],
      },
    ],
  });

  it.each([
    ['empty file', '', 'empty-file'],
    ['not JSON', '{"format": ', 'not-json'],
    ['another format', JSON.stringify({ hello: 1 }), 'wrong-format'],
    ['a newer version', JSON.stringify({ ...good(), version: 2 }), 'wrong-version'],
    [
      'a negative count',
      JSON.stringify({
        ...good(),
        accounts: [
          {
            ...good().accounts[0],
            snapshots: [
              {
                at: '2026-09-01T00:00:00Z',
                followers: { value: -5, low: -5, high: -5, exact: true, raw: '-5' },
                following: null,
                posts: null,
              },
            ],
          },
        ],
      }),
      'invalid',
    ],
    [
      'an exact count with an interval',
      JSON.stringify({
        ...good(),
        accounts: [
          {
            ...good().accounts[0],
            snapshots: [
              { at: '2026-09-01T00:00:00Z', followers: { value: 5, low: 4, high: 6, exact: true, raw: '5' }, following: null, posts: null },
            ],
          },
        ],
      }),
      'invalid',
    ],
    ['a bad platform', JSON.stringify({ ...good(), accounts: [{ ...good().accounts[0], platform: 'tiktok' }] }), 'invalid'],
    [
      'a time in the future',
      JSON.stringify({
        ...good(),
        accounts: [{ ...good().accounts[0], snapshots: [{ ...good().accounts[0].snapshots[0], at: '2099-01-01T00:00:00Z' }] }],
      }),
      'invalid',
    ],
    ['a javascript: URL', JSON.stringify({ ...good(), accounts: [{ ...good().accounts[0], url: 'javascript:alert(1)' }] }), 'invalid'],
    ['a string where a number belongs', JSON.stringify(good()).replace('"value":5', '"value":"5"'), 'invalid'],
  ])('%s', async (_name, text, code) => {
    await seed();
    const before = await fakeBrowser.storage.local.get(null);
    const check = checkBackupText(text, T);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems[0].code).toBe(code);
    expect(check.problems[0].detail.length).toBeGreaterThan(5);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  it('says where the bad value is', () => {
    const bad = good();
    (bad.accounts[0].snapshots[0] as { at: string }).at = 'yesterday';
    const check = checkBackup(bad, T);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems[0].path).toBe('accounts[0].snapshots[0].at');
  });

  it('accepts the good file', () => {
    expect(checkBackup(good(), T).ok).toBe(true);
  });
});

describe('CSV export', () => {
  it('starts with a BOM, has one row per snapshot and per post observation, keeps Cyrillic', async () => {
    await seed();
    const records = await getAllRecords();
    const snaps = snapshotsCsv(records);
    expect(snaps.startsWith(BOM)).toBe(true);
    const lines = snaps.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'platform,account_id,handle,name,at,followers,followers_low,followers_high,followers_exact,following,following_low,following_high,following_exact,posts,posts_low,posts_high,posts_exact',
    );
    expect(lines).toHaveLength(4);
    expect(snaps).toContain('"Плуто, ""travel"""');
    expect(snaps).toContain('2400,2350,2500,false');
    const posts = postsCsv(records).slice(1).trim().split('\r\n');
    expect(posts).toHaveLength(3);
    expect(posts[1]).toContain('https://www.instagram.com/p/CPeC-Eenc8l/');
  });

  it('neutralises formulas in page text', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+7 999')).toBe("'+7 999");
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('-2513295')).toBe('-2513295');
    expect(csvCell('-2+3+cmd|x')).toBe("'-2+3+cmd|x");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});
