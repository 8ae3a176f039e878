/**
 * What the content script knows from data the VK page holds beyond its markup (React props, the
 * apiPrefetchCache; read by the MAIN-world helper, ./main-world.ts, and checked in ./bridge.ts),
 * in the shape the extractors use: counts as Count, dates as epoch ms.
 */
import { type Count, reconcileCounts } from '../../count';

/** What the page's data says about one post. */
export interface PostData {
  likes: Count | null;
  comments: Count | null;
  shares: Count | null;
  views: Count | null;
  /** epoch ms */
  date: number | null;
  pinned: boolean | null;
}

/** What the page's data says about one account. */
export interface OwnerData {
  /** VK numeric id, signed: "-2513295" community, "1" user */
  id: string;
  screenName: string | null;
  name: string | null;
  kind: 'user' | 'community';
  followers: Count | null;
  posts: Count | null;
}

export interface PageData {
  owners: Map<string, OwnerData>;
  /** "<id>:followers" / "<id>:posts" read twice with different exact values: unknown for good */
  conflicts: Set<string>;
  /** screen name (lower case) -> numeric id */
  screenNames: Map<string, string>;
  posts: Map<string, PostData>;
}

export function emptyPageData(): PageData {
  return { owners: new Map(), conflicts: new Set(), screenNames: new Map(), posts: new Map() };
}

/** Two readings of one account counter: they must agree, or the counter is unknown from then on. */
function mergeCount(data: PageData, key: string, a: Count | null | undefined, b: Count | null): Count | null {
  if (data.conflicts.has(key)) return null;
  if (!a || !b) return b ?? a ?? null;
  const merged = reconcileCounts([a, b]);
  if (!merged) data.conflicts.add(key);
  return merged;
}

export function addOwner(data: PageData, owner: OwnerData): void {
  const prev = data.owners.get(owner.id);
  data.owners.set(owner.id, {
    id: owner.id,
    kind: owner.kind,
    screenName: owner.screenName ?? prev?.screenName ?? null,
    name: owner.name ?? prev?.name ?? null,
    followers: mergeCount(data, `${owner.id}:followers`, prev?.followers, owner.followers),
    posts: mergeCount(data, `${owner.id}:posts`, prev?.posts, owner.posts),
  });
  if (owner.screenName) data.screenNames.set(owner.screenName, owner.id);
}

/** Merge post data, keeping what is known; a later reading (live React props) replaces an earlier one. */
export function addPost(data: PageData, id: string, post: PostData): void {
  const prev = data.posts.get(id);
  data.posts.set(
    id,
    prev
      ? {
          likes: post.likes ?? prev.likes,
          comments: post.comments ?? prev.comments,
          shares: post.shares ?? prev.shares,
          views: post.views ?? prev.views,
          date: post.date ?? prev.date,
          pinned: post.pinned ?? prev.pinned,
        }
      : post,
  );
}
