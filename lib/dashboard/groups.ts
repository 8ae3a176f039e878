/**
 * Groups of accounts the user names ("Конкуренты", "Клиенты"). Stored under `groups` in
 * browser.storage.local (versioned, validated with zod on read), carried in the backup file
 * (docs/export-format.md, `groups`). The operations are pure: a list in, a new list out.
 */
import { storage } from '@wxt-dev/storage';
import { z } from 'zod';

export const MAX_GROUP_NAME = 60;
const KEY = z.string().regex(/^(vk|instagram):[\p{L}\p{N}._-]{1,100}$/u);

export const GroupSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(MAX_GROUP_NAME),
  /** account keys ("vk:-2513295", "instagram:nasa"), in the order added */
  members: z.array(KEY).max(100_000),
});
export type Group = z.infer<typeof GroupSchema>;

export const GroupsSchema = z.object({ v: z.literal(1), groups: z.array(GroupSchema).max(1000) });

export const groupsItem = storage.defineItem<{ v: 1; groups: Group[] }>('local:groups', {
  fallback: { v: 1, groups: [] },
  version: 1,
});

export async function getGroups(): Promise<Group[]> {
  const parsed = GroupsSchema.safeParse(await groupsItem.getValue());
  if (parsed.success) return parsed.data.groups;
  // A damaged value: keep the groups that still read, never silently drop all of them.
  const raw = (await groupsItem.getValue()) as { groups?: unknown };
  const list = Array.isArray(raw?.groups) ? raw.groups : [];
  return list.flatMap((g) => {
    const one = GroupSchema.safeParse(g);
    return one.success ? [one.data] : [];
  });
}

export async function saveGroups(groups: Group[]): Promise<void> {
  await groupsItem.setValue({ v: 1, groups });
}

// ---- pure operations --------------------------------------------------------------------------

export type GroupProblem = 'empty' | 'tooLong' | 'exists';

const fold = (s: string) => s.trim().toLocaleLowerCase().replace(/ё/g, 'е');
export const cleanName = (s: string) => s.replace(/\s+/g, ' ').trim();

export function checkName(groups: readonly Group[], name: string, exceptId?: string): GroupProblem | null {
  const n = cleanName(name);
  if (!n) return 'empty';
  if (n.length > MAX_GROUP_NAME) return 'tooLong';
  if (groups.some((g) => g.id !== exceptId && fold(g.name) === fold(n))) return 'exists';
  return null;
}

let counter = 0;
export function newGroupId(now = Date.now()): string {
  counter = (counter + 1) % 1_000_000;
  return `g${now.toString(36)}${counter.toString(36)}`;
}

export function createGroup(groups: readonly Group[], name: string, id = newGroupId()): Group[] {
  if (checkName(groups, name)) return [...groups];
  return [...groups, { id, name: cleanName(name), members: [] }];
}

export function renameGroup(groups: readonly Group[], id: string, name: string): Group[] {
  if (checkName(groups, name, id)) return [...groups];
  return groups.map((g) => (g.id === id ? { ...g, name: cleanName(name) } : g));
}

export function deleteGroup(groups: readonly Group[], id: string): Group[] {
  return groups.filter((g) => g.id !== id);
}

export function addMembers(groups: readonly Group[], id: string, keys: readonly string[]): Group[] {
  return groups.map((g) => {
    if (g.id !== id) return g;
    const have = new Set(g.members);
    const fresh: string[] = [];
    for (const k of keys) {
      if (have.has(k)) continue;
      have.add(k);
      fresh.push(k);
    }
    return fresh.length ? { ...g, members: [...g.members, ...fresh] } : g;
  });
}

export function removeMembers(groups: readonly Group[], id: string, keys: readonly string[]): Group[] {
  const drop = new Set(keys);
  return groups.map((g) => (g.id === id ? { ...g, members: g.members.filter((k) => !drop.has(k)) } : g));
}

/** After accounts are deleted: take them out of every group. */
export function forgetAccounts(groups: readonly Group[], keys: readonly string[]): Group[] {
  const drop = new Set(keys);
  return groups.map((g) => (g.members.some((k) => drop.has(k)) ? { ...g, members: g.members.filter((k) => !drop.has(k)) } : g));
}

/** Group ids of each account key. */
export function groupsByAccount(groups: readonly Group[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of groups) for (const k of g.members) out.set(k, [...(out.get(k) ?? []), g.id]);
  return out;
}

/** Groups as the backup carries them: name and member accounts. */
export interface PortableGroup {
  name: string;
  accounts: Array<{ platform: 'vk' | 'instagram'; id: string }>;
}

export function toPortable(groups: readonly Group[]): PortableGroup[] {
  return groups.map((g) => ({
    name: g.name,
    accounts: g.members.map((k) => {
      const i = k.indexOf(':');
      return { platform: k.slice(0, i) as 'vk' | 'instagram', id: k.slice(i + 1) };
    }),
  }));
}

/**
 * Merge groups from a backup: a group of the same name (case and ё folded) gains the members it
 * lacks; other groups are added. Nothing is removed. Returns the new list and how many groups were
 * added or extended.
 */
export function mergePortable(
  groups: readonly Group[],
  incoming: readonly PortableGroup[],
  makeId = newGroupId,
): { groups: Group[]; added: number; extended: number } {
  let out = [...groups];
  let added = 0;
  let extended = 0;
  for (const pg of incoming) {
    const name = cleanName(pg.name).slice(0, MAX_GROUP_NAME);
    if (!name) continue;
    const keys = pg.accounts.map((a) => `${a.platform}:${a.id}`).filter((k) => KEY.safeParse(k).success);
    const existing = out.find((g) => fold(g.name) === fold(name));
    if (existing) {
      const before = existing.members.length;
      out = addMembers(out, existing.id, keys);
      if ((out.find((g) => g.id === existing.id) as Group).members.length > before) extended++;
    } else {
      const id = makeId();
      out = addMembers([...out, { id, name, members: [] }], id, keys);
      added++;
    }
  }
  return { groups: out, added, extended };
}
