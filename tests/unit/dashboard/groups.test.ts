import { describe, expect, it } from 'vitest';
import {
  addMembers,
  checkName,
  createGroup,
  deleteGroup,
  forgetAccounts,
  type Group,
  getGroups,
  groupsByAccount,
  groupsItem,
  mergePortable,
  removeMembers,
  renameGroup,
  saveGroups,
  toPortable,
} from '@/lib/dashboard/groups';

const g = (id: string, name: string, members: string[] = []): Group => ({ id, name, members });
const base = [g('a', 'Конкуренты', ['vk:-1', 'instagram:x']), g('b', 'Клиенты', ['vk:-1'])];

describe('groups', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['конкуренты', 'exists'],
    ['  КОНКУРЕНТЫ ', 'exists'],
    ['Клиeнты', null], // a Latin "e": another name
    ['x'.repeat(61), 'tooLong'],
    ['Партнёры', null],
  ])('name %j: %s', (name, problem) => {
    expect(checkName(base, name)).toBe(problem);
  });

  it('ё and е are the same letter in names', () => {
    expect(checkName([g('c', 'Ёлки')], 'елки')).toBe('exists');
  });

  it('create, rename, delete', () => {
    const made = createGroup(base, '  Партнёры   2026 ', 'c');
    expect(made.at(-1)).toEqual(g('c', 'Партнёры 2026'));
    expect(createGroup(base, 'клиенты', 'd')).toEqual(base);
    expect(renameGroup(made, 'c', 'Партнёры')[2].name).toBe('Партнёры');
    expect(renameGroup(made, 'c', 'Клиенты')).toEqual(made); // taken
    expect(renameGroup(made, 'b', 'клиенты')[1].name).toBe('клиенты'); // its own name, another case
    expect(deleteGroup(made, 'a').map((x) => x.id)).toEqual(['b', 'c']);
  });

  it('members: added once, in order; removed; forgotten when accounts are deleted', () => {
    const added = addMembers(base, 'b', ['instagram:x', 'vk:-1', 'instagram:x', 'vk:-9']);
    expect(added[1].members).toEqual(['vk:-1', 'instagram:x', 'vk:-9']);
    expect(added[0]).toBe(base[0]);
    expect(removeMembers(added, 'b', ['vk:-1'])[1].members).toEqual(['instagram:x', 'vk:-9']);
    const forgot = forgetAccounts(added, ['vk:-1']);
    expect(forgot.map((x) => x.members)).toEqual([['instagram:x'], ['instagram:x', 'vk:-9']]);
    expect(groupsByAccount(added).get('instagram:x')).toEqual(['a', 'b']);
  });

  it('round trip through the backup form, and merging by name', () => {
    const portable = toPortable(base);
    expect(portable[0]).toEqual({
      name: 'Конкуренты',
      accounts: [
        { platform: 'vk', id: '-1' },
        { platform: 'instagram', id: 'x' },
      ],
    });
    let n = 0;
    const merged = mergePortable(
      [g('z', 'КОНКУРЕНТЫ', ['vk:-1'])],
      [...portable, { name: 'Клиенты', accounts: [{ platform: 'vk', id: '-1' }] }, { name: '  ', accounts: [] }],
      () => `new${++n}`,
    );
    expect(merged.groups).toEqual([g('z', 'КОНКУРЕНТЫ', ['vk:-1', 'instagram:x']), g('new1', 'Клиенты', ['vk:-1'])]);
    expect(merged).toMatchObject({ added: 1, extended: 1 });
    expect(mergePortable(merged.groups, portable).extended).toBe(0);
  });

  it('stored in extension storage; a damaged entry loses only itself', async () => {
    expect(await getGroups()).toEqual([]);
    await saveGroups(base);
    expect(await getGroups()).toEqual(base);
    await groupsItem.setValue({ v: 1, groups: [base[0], { id: 'x', name: '', members: [] } as Group, base[1]] });
    expect(await getGroups()).toEqual(base);
  });
});
