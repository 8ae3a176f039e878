/**
 * The API answers a vk.ru page embeds for its first render (`window.cur.apiPrefetchCache`, also
 * text in an inline script of the server HTML): entries `{method, version, request, response}`
 * for groups.getById, users.get, users.getFollowers, utils.resolveScreenName, wall.get ...
 * (pinokio240/PinoK_1, 2026). This runs in the MAIN-world helper and turns the entries into plain
 * facts (ids, names, counts as integers); the content script checks every one of them again
 * (./bridge.ts) before it is used. Pure: no DOM, no request.
 */
import { decodeEntities } from './entities';
import type { PostPayload } from './main-world';

export interface PrefetchEntry {
  method: string;
  request: Record<string, unknown>;
  response: unknown;
}

/** What the entries say about one account; numbers as the API wrote them (checked later). */
export interface OwnerFact {
  /** signed numeric id: "-220011" community, "505050" user */
  id: string;
  screenName: string | null;
  name: string | null;
  followers: number | null;
  posts: number | null;
}

export interface PrefetchFacts {
  owners: OwnerFact[];
  /** screen name (lower case) -> signed numeric id */
  screenNames: Record<string, string>;
  posts: PostPayload[];
}

const MAX_ENTRIES = 500;
type Obj = Record<string, unknown>;

function asObject(v: unknown): Obj {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

/** Normalise the cache (array of entries, object of entries, or 4-tuples) to a list of entries. */
export function prefetchEntries(value: unknown): PrefetchEntry[] {
  const out: PrefetchEntry[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (out.length >= MAX_ENTRIES || depth > 3 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      if (v.length === 4 && typeof v[0] === 'string' && /^[a-z]+\.[A-Za-z]+$/.test(v[0])) {
        out.push({ method: v[0], request: asObject(v[2]), response: v[3] });
        return;
      }
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Obj;
    if (typeof o.method === 'string' && ('response' in o || 'result' in o)) {
      out.push({ method: o.method, request: asObject(o.request ?? o.params ?? o.args), response: o.response ?? o.result });
      return;
    }
    for (const x of Object.values(o)) visit(x, depth + 1);
  };
  visit(value, 0);
  return out;
}

const int = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v)) return Number(v);
  return null;
};
const count = (v: unknown): number | null => {
  const n = int(v);
  return n !== null && n >= 0 ? n : null;
};
const str = (v: unknown, max = 300): string | null =>
  typeof v === 'string' && v.trim() && v.length <= max ? decodeEntities(v).replace(/\s+/g, ' ').trim() : null;
const screenName = (v: unknown): string | null => (typeof v === 'string' && /^[A-Za-z0-9_.]{2,64}$/.test(v) ? v.toLowerCase() : null);
const countOf = (v: unknown): unknown => (v && typeof v === 'object' ? (v as { count?: unknown }).count : v);

/** A post object as the API and React props carry it: {id, owner_id, likes:{count}, views:{count}, date}. */
export function postFromApi(p: unknown): PostPayload | null {
  const o = asObject(p);
  const owner = int(o.owner_id ?? o.source_id ?? o.ownerId);
  const id = int(o.id ?? o.post_id ?? o.postId);
  if (owner === null || id === null || id <= 0 || owner === 0) return null;
  return {
    id: `${owner}_${id}`,
    likes: countOf(o.likes),
    comments: countOf(o.comments),
    reposts: countOf(o.reposts),
    views: countOf(o.views),
    date: o.date,
    pinned: o.is_pinned,
  };
}

/** Turn prefetch entries into facts. Entries the reader does not use are ignored. */
export function interpretPrefetch(entries: readonly PrefetchEntry[]): PrefetchFacts {
  const owners = new Map<string, OwnerFact>();
  const conflicts = new Set<string>();
  const screenNames: Record<string, string> = {};
  const posts: PostPayload[] = [];
  const merge = (key: string, a: number | null, b: number | null): number | null => {
    if (conflicts.has(key)) return null;
    if (a !== null && b !== null && a !== b) {
      conflicts.add(key); // two exact readings that disagree: unknown
      return null;
    }
    return b ?? a;
  };
  const add = (f: OwnerFact) => {
    const prev = owners.get(f.id);
    owners.set(f.id, {
      id: f.id,
      screenName: f.screenName ?? prev?.screenName ?? null,
      name: f.name ?? prev?.name ?? null,
      followers: merge(`${f.id}:f`, prev?.followers ?? null, f.followers),
      posts: merge(`${f.id}:p`, prev?.posts ?? null, f.posts),
    });
    if (f.screenName) screenNames[f.screenName] = f.id;
  };

  for (const e of entries) {
    const r = asObject(e.response);
    const response = 'response' in r ? r.response : e.response;
    const res = asObject(response);
    switch (e.method) {
      case 'groups.getById': {
        const groups = Array.isArray(response) ? response : (res.groups ?? res.items);
        if (!Array.isArray(groups)) break;
        for (const g of groups.slice(0, 50)) {
          const o = asObject(g);
          const id = int(o.id);
          if (id !== null && id > 0)
            add({ id: `-${id}`, screenName: screenName(o.screen_name), name: str(o.name), followers: count(o.members_count), posts: null });
        }
        break;
      }
      case 'users.get': {
        const users = Array.isArray(response) ? response : res.items;
        if (!Array.isArray(users)) break;
        for (const u of users.slice(0, 50)) {
          const o = asObject(u);
          const id = int(o.id);
          if (id === null || id <= 0) continue;
          const name = [str(o.first_name, 100), str(o.last_name, 100)].filter(Boolean).join(' ') || null;
          const base = { id: String(id), screenName: screenName(o.screen_name) ?? screenName(o.domain), name, posts: null };
          add({ ...base, followers: count(o.followers_count) });
          add({ ...base, followers: count(asObject(o.counters).followers) });
        }
        break;
      }
      case 'users.getFollowers': {
        const userId = int(e.request.user_id);
        const n = count(res.count);
        if (userId !== null && userId > 0 && n !== null)
          add({ id: String(userId), screenName: null, name: null, followers: n, posts: null });
        break;
      }
      case 'utils.resolveScreenName': {
        const name = screenName(e.request.screen_name);
        const objectId = int(res.object_id);
        if (!name || objectId === null || objectId <= 0) break;
        if (res.type === 'group' || res.type === 'page' || res.type === 'event') screenNames[name] = `-${objectId}`;
        else if (res.type === 'user' || res.type === 'profile') screenNames[name] = String(objectId);
        break;
      }
      case 'wall.get':
      case 'wall.getById': {
        const ownerId = int(e.request.owner_id);
        const n = count(res.count);
        if (e.method === 'wall.get' && ownerId !== null && ownerId !== 0 && n !== null) {
          add({ id: String(ownerId), screenName: null, name: null, followers: null, posts: n });
        }
        const items = Array.isArray(response) ? response : res.items;
        if (Array.isArray(items)) {
          for (const item of items.slice(0, 200)) {
            const post = postFromApi(item);
            if (post) posts.push(post);
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return { owners: [...owners.values()], screenNames, posts };
}
