import { describe, expect, it, vi } from 'vitest';
import { createStoreApi } from '@/components/dashboard/api';
import { buildBackup } from '@/lib/backup/export';
import { checkBackup } from '@/lib/backup/import';
import { getGroups, saveGroups } from '@/lib/dashboard/groups';
import { getSettings, updateSettings } from '@/lib/settings';
import { listAccounts, mergeIntoStore } from '@/lib/store/store';
import { DEMO_NOW, DEMO_TEXT, demoRecords } from './demo';

function api() {
  const download = vi.fn();
  return { download, api: createStoreApi({ download, print: vi.fn(), appVersion: '9.9.9' }) };
}

describe('groups in the backup file', () => {
  it('an export carries the groups; a file without them still reads', () => {
    const recs = demoRecords().slice(0, 2);
    const withGroups = buildBackup(recs, '1', DEMO_NOW, [{ name: 'Клиенты', accounts: [{ platform: 'instagram', id: 'coffee_lab' }] }]);
    const check = checkBackup(JSON.parse(JSON.stringify(withGroups)), DEMO_NOW);
    expect(check.ok && check.backup.groups).toEqual([{ name: 'Клиенты', accounts: [{ platform: 'instagram', id: 'coffee_lab' }] }]);
    const without = buildBackup(recs, '1', DEMO_NOW);
    expect('groups' in without).toBe(false);
    const check2 = checkBackup(JSON.parse(JSON.stringify(without)), DEMO_NOW);
    expect(check2.ok && check2.backup.groups).toBeUndefined();
  });

  it.each([
    [{ name: '', accounts: [] }, 'groups[0].name'],
    [{ name: 'x', accounts: [{ platform: 'tiktok', id: 'a' }] }, 'groups[0].accounts[0].platform'],
    [{ name: 'x', accounts: [{ platform: 'vk', id: 'a b' }] }, 'groups[0].accounts[0].id'],
  ])('a bad group %j is refused with its place in the file', (group, path) => {
    const file = { ...buildBackup(demoRecords().slice(0, 1), '1', DEMO_NOW), groups: [group] };
    const check = checkBackup(JSON.parse(JSON.stringify(file)), DEMO_NOW);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problems[0].path).toBe(path);
  });

  it('import through the dashboard merges groups by name; export writes them back', async () => {
    const { api: a, download } = api();
    await saveGroups([{ id: 'mine', name: 'конкуренты', members: ['vk:-999'] }]);
    // the fixture's times are all before 16 Nov 2026, so the import's "not in the future" check passes
    const out = await a.importFile(new File([DEMO_TEXT], 'demo.json', { type: 'application/json' }));
    expect(out).toEqual({ ok: true, added: 7, merged: 0, groups: 2 });
    const groups = await getGroups();
    expect(groups.map((g) => [g.name, g.members])).toEqual([
      ['конкуренты', ['vk:-999', 'instagram:bloom_flowers', 'instagram:urban_style_msk', 'vk:-210000002']],
      ['Клиенты', ['instagram:coffee_lab', 'vk:-210000001']],
    ]);
    await a.exportJson();
    const [name, text] = download.mock.calls[0];
    expect(name).toMatch(/^smm-lens-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(text);
    expect(file.app.version).toBe('9.9.9');
    expect(file.accounts).toHaveLength(7);
    expect(file.groups[1]).toEqual({
      name: 'Клиенты',
      accounts: [
        { platform: 'instagram', id: 'coffee_lab' },
        { platform: 'vk', id: '-210000001' },
      ],
    });
  });

  it('deleting accounts takes them out of groups and forgets their saved audits', async () => {
    await mergeIntoStore(demoRecords());
    await saveGroups([{ id: 'g', name: 'G', members: ['instagram:coffee_lab', 'vk:-210000001'] }]);
    await updateSettings({
      audits: { 'instagram:coffee_lab': (await getSettings()).audits.x ?? ({} as never) },
      lastAudit: 'instagram:coffee_lab',
    });
    const { api: a } = api();
    await a.deleteAccounts(['instagram:coffee_lab']);
    expect((await listAccounts()).map((e) => e.key)).not.toContain('instagram:coffee_lab');
    expect((await getGroups())[0].members).toEqual(['vk:-210000001']);
    const s = await getSettings();
    expect(s.audits).toEqual({});
    expect(s.lastAudit).toBeNull();
  });
});
