/**
 * Instagram's own JSON: the `data-sjs` blobs a page is served with, the 2021 `window._sharedData`,
 * and the API responses Instagram's code receives while the person scrolls (observed by the
 * MAIN-world script, see ./network.ts). One walker finds every media item and every user with
 * counters in any of these shapes, by their fields rather than their paths (Instagram moves the
 * paths with every rewrite; the field names have been stable for years):
 *
 *   media: code|shortcode + taken_at|taken_at_timestamp, like_count | edge_liked_by.count |
 *          edge_media_preview_like.count, comment_count | edge_media_to_comment.count,
 *          play_count | view_count | video_view_count | ig_play_count, media_type, product_type,
 *          like_and_view_counts_disabled, timeline_pinned_user_ids | pinned_for_users,
 *          clips_tab_pinned_user_ids, caption.text | edge_media_to_caption, user | owner
 *   user:  username + follower_count | edge_followed_by.count, following_count | edge_follow.count,
 *          media_count | edge_owner_to_timeline_media.count, full_name, pk | id, is_private
 *
 * Pure: JSON in, plain records out. Every value is checked (page data): counts are non-negative
 * safe integers, ids match their patterns, texts are bounded. No DOM, no browser API.
 */
import type { PostKind } from '../../model';

export interface IgComment {
  text: string;
  author: string | null;
  /** Unix seconds */
  at: number | null;
}

export interface IgMedia {
  code: string;
  pk: string | null;
  /** The author's username as written (case kept). */
  owner: string | null;
  ownerPk: string | null;
  ownerName: string | null;
  /** Unix seconds */
  takenAt: number | null;
  kind: PostKind | null;
  /** null when hidden or not in the JSON */
  likes: number | null;
  comments: number | null;
  /** View or play counts the JSON holds, most likely shown first: play_count, view_count, video_view_count, ig_play_count. */
  views: number[];
  /** like_and_view_counts_disabled: the author hid likes (and views); like_count is then a placeholder. */
  hidden: boolean;
  /** pks of the accounts whose profile grid has it pinned; null when the JSON does not say. */
  pinnedTimeline: string[] | null;
  /** pks of the accounts whose reels tab has it pinned; null when the JSON does not say. */
  pinnedClips: string[] | null;
  ad: boolean;
  caption: string | null;
  sample: IgComment[];
}

export interface IgUser {
  username: string;
  pk: string | null;
  name: string | null;
  followers: number | null;
  following: number | null;
  posts: number | null;
  isPrivate: boolean | null;
}

export interface IgData {
  media: IgMedia[];
  users: IgUser[];
}

export const SHORTCODE_RE = /^[A-Za-z0-9_-]{1,50}$/;
export const USERNAME_RE = /^[A-Za-z0-9._]{1,30}$/;
const PK_RE = /^\d{1,25}$/;
/** Instagram launched in 2010; nothing is published after 2100. */
const MIN_TIME = 1_262_304_000;
const MAX_TIME = 4_102_444_800;
export const MAX_SAMPLE = 30;

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj | null => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : null);

/** A count: a non-negative safe integer, or a string of digits. Anything else (-1, 1.5, "12K") is unknown. */
export function num(x: unknown): number | null {
  if (typeof x === 'number') return Number.isSafeInteger(x) && x >= 0 ? x : null;
  if (typeof x === 'string' && /^\d{1,15}$/.test(x)) return num(Number(x));
  return null;
}
const edgeCount = (x: unknown): number | null => num(obj(x)?.count);
const str = (x: unknown, max: number, re?: RegExp): string | null =>
  typeof x === 'string' && x.length > 0 && x.length <= max && (!re || re.test(x)) ? x : null;
/** At most `max` code points of a trimmed text (a text of at most `max` UTF-16 units is kept as it is, without splitting it). */
function clipText(x: unknown, max: number): string | null {
  if (typeof x !== 'string') return null;
  const t = x.trim();
  if (!t) return null;
  return t.length <= max ? t : Array.from(t).slice(0, max).join('');
}
function pkOf(x: unknown): string | null {
  if (typeof x === 'number') return Number.isSafeInteger(x) && x >= 0 ? String(x) : null;
  return str(x, 25, PK_RE);
}
const time = (x: unknown): number | null => {
  const t = num(x);
  return t !== null && t >= MIN_TIME && t <= MAX_TIME ? t : null;
};
const first = <T>(...xs: Array<T | null>): T | null => {
  for (const x of xs) if (x !== null) return x;
  return null;
};
function pkList(x: unknown): string[] | null {
  if (!Array.isArray(x)) return null;
  const out: string[] = [];
  for (const v of x.slice(0, 50)) {
    const pk = pkOf(v) ?? pkOf(obj(v)?.pk) ?? pkOf(obj(v)?.id);
    if (pk) out.push(pk);
  }
  return out;
}

function kindOf(o: Obj): PostKind | null {
  const product = o.product_type;
  const type = o.media_type;
  const typename = typeof o.__typename === 'string' ? o.__typename.replace(/^XDT/, '') : '';
  if (product === 'clips') return 'reel';
  if (
    type === 8 ||
    product === 'carousel_container' ||
    typename === 'GraphSidecar' ||
    (Array.isArray(o.carousel_media) && o.carousel_media.length > 0) ||
    num(o.carousel_media_count) ||
    obj(o.edge_sidecar_to_children)
  )
    return 'carousel';
  if (type === 2 || typename === 'GraphVideo' || o.is_video === true) return 'video';
  if (type === 1 || typename === 'GraphImage') return 'photo';
  return null;
}

function commentOf(x: unknown): IgComment | null {
  const o = obj(x);
  const text = clipText(o?.text, 1000);
  if (!o || !text) return null;
  const user = obj(o.user) ?? obj(o.owner);
  return { text, author: str(user?.username, 30, USERNAME_RE), at: time(o.created_at) };
}

function samplesOf(o: Obj): IgComment[] {
  const lists: unknown[] = [o.preview_comments, o.comments];
  const edges = obj(o.edge_media_to_parent_comment)?.edges ?? obj(o.edge_media_to_comment)?.edges;
  if (Array.isArray(edges)) lists.push(edges.map((e) => obj(e)?.node));
  const out: IgComment[] = [];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const comment = commentOf(c);
      if (comment && out.length < MAX_SAMPLE && !out.some((d) => d.text === comment.text && d.author === comment.author)) out.push(comment);
    }
  }
  return out;
}

const MEDIA_SIGNS = [
  'taken_at',
  'taken_at_timestamp',
  'like_count',
  'comment_count',
  'edge_liked_by',
  'edge_media_preview_like',
  'edge_media_to_comment',
  'media_type',
  'product_type',
];

/** A media item, or null when the object is not one. */
export function mediaOf(o: Obj): IgMedia | null {
  const code = str(o.code, 50, SHORTCODE_RE) ?? str(o.shortcode, 50, SHORTCODE_RE);
  if (!code || !MEDIA_SIGNS.some((k) => k in o)) return null;
  const user = obj(o.user) ?? obj(o.owner);
  const hidden = o.like_and_view_counts_disabled === true;
  const caption = obj(o.caption)?.text ?? obj(obj((obj(o.edge_media_to_caption)?.edges as unknown[] | undefined)?.[0])?.node)?.text;
  const views = [o.play_count, o.view_count, o.video_view_count, o.ig_play_count]
    .map(num)
    .filter((v, i, all): v is number => v !== null && all.indexOf(v) === i);
  return {
    code,
    pk: pkOf(o.pk) ?? pkOf(typeof o.id === 'string' ? o.id.split('_')[0] : o.id),
    owner: str(user?.username, 30, USERNAME_RE),
    ownerPk: pkOf(user?.pk) ?? pkOf(user?.id),
    ownerName: clipText(user?.full_name, 300),
    takenAt: time(o.taken_at) ?? time(o.taken_at_timestamp),
    kind: kindOf(o),
    likes: hidden ? null : first(num(o.like_count), edgeCount(o.edge_liked_by), edgeCount(o.edge_media_preview_like)),
    comments: first(
      num(o.comment_count),
      edgeCount(o.edge_media_to_comment),
      edgeCount(o.edge_media_preview_comment),
      edgeCount(o.edge_media_to_parent_comment),
    ),
    views: hidden ? [] : views,
    hidden,
    pinnedTimeline: first(pkList(o.timeline_pinned_user_ids), pkList(o.pinned_for_users)),
    pinnedClips: pkList(o.clips_tab_pinned_user_ids),
    ad: Boolean(o.ad_id || o.ad_action || o.injected),
    caption: clipText(caption, 2000),
    sample: samplesOf(o),
  };
}

/** A user with at least one counter, or null. */
export function userOf(o: Obj): IgUser | null {
  const username = str(o.username, 30, USERNAME_RE);
  if (!username) return null;
  const followers = first(num(o.follower_count), edgeCount(o.edge_followed_by));
  const following = first(num(o.following_count), edgeCount(o.edge_follow));
  const posts = first(num(o.media_count), edgeCount(o.edge_owner_to_timeline_media));
  if (followers === null && following === null && posts === null) return null;
  return {
    username,
    pk: pkOf(o.pk) ?? pkOf(o.id),
    name: clipText(o.full_name, 300),
    followers,
    following,
    posts,
    isPrivate: typeof o.is_private === 'boolean' ? o.is_private : null,
  };
}

/**
 * Every media item and user in a JSON value. Iterative (no recursion limit to hit), bounded by
 * `budget` visited nodes so a huge response cannot stall the page.
 */
export function extractIgData(root: unknown, budget = 400_000): IgData {
  const out: IgData = { media: [], users: [] };
  const stack: unknown[] = [root];
  let visited = 0;
  while (stack.length && visited++ < budget) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) if (node[i] && typeof node[i] === 'object') stack.push(node[i]);
      continue;
    }
    const o = obj(node);
    if (!o) continue;
    const media = mediaOf(o);
    if (media) {
      out.media.push(media);
      continue;
    }
    const user = userOf(o);
    if (user) out.users.push(user);
    const keys = Object.keys(o);
    for (let i = keys.length - 1; i >= 0; i--) {
      const v = o[keys[i]];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
  return out;
}

/** Cheap test before parsing a blob: does the text mention any field the walker reads? */
export function mayHoldIgData(text: string): boolean {
  return /"(like_count|comment_count|follower_count|edge_followed_by|edge_liked_by|taken_at|media_count|play_count)"/.test(text);
}

/**
 * Parse a response body as Instagram sends it: JSON, JSON behind Facebook's `for (;;);` guard, or
 * several JSON documents one per line (streamed GraphQL with @defer). Null when none parses.
 */
export function parseIgJson(text: string): unknown[] {
  const body = text.replace(/^\s*for\s*\(;;\);/, '');
  try {
    return [JSON.parse(body)];
  } catch {
    const out: unknown[] = [];
    for (const line of body.split(/\r?\n/)) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line));
      } catch {
        // not JSON: skip
      }
    }
    return out;
  }
}

/**
 * Check records that crossed the page bridge (the page could have sent anything): keep the ones
 * whose fields have the right types and ranges, by the same rules as the walker.
 */
export function cleanIgData(payload: unknown): IgData {
  const p = obj(payload);
  const list = (x: unknown) => (Array.isArray(x) ? x.slice(0, 2000).map(obj) : []);
  const out: IgData = { media: [], users: [] };
  for (const m of list(p?.media)) {
    const code = str(m?.code, 50, SHORTCODE_RE);
    if (!m || !code) continue;
    const hidden = m.hidden === true;
    out.media.push({
      code,
      pk: pkOf(m.pk),
      owner: str(m.owner, 30, USERNAME_RE),
      ownerPk: pkOf(m.ownerPk),
      ownerName: clipText(m.ownerName, 300),
      takenAt: time(m.takenAt),
      kind: ['photo', 'carousel', 'reel', 'video'].includes(m.kind as string) ? (m.kind as PostKind) : null,
      likes: hidden ? null : num(m.likes),
      comments: num(m.comments),
      views:
        hidden || !Array.isArray(m.views)
          ? []
          : m.views
              .slice(0, 4)
              .map(num)
              .filter((v): v is number => v !== null),
      hidden,
      pinnedTimeline: pkList(m.pinnedTimeline),
      pinnedClips: pkList(m.pinnedClips),
      ad: m.ad === true,
      caption: clipText(m.caption, 2000),
      sample: list(m.sample)
        .slice(0, MAX_SAMPLE)
        .flatMap((c) => {
          const text = clipText(c?.text, 1000);
          return text ? [{ text, author: str(c?.author, 30, USERNAME_RE), at: time(c?.at) }] : [];
        }),
    });
  }
  for (const u of list(p?.users)) {
    const username = str(u?.username, 30, USERNAME_RE);
    if (!u || !username) continue;
    out.users.push({
      username,
      pk: pkOf(u.pk),
      name: clipText(u.name, 300),
      followers: num(u.followers),
      following: num(u.following),
      posts: num(u.posts),
      isPrivate: typeof u.isPrivate === 'boolean' ? u.isPrivate : null,
    });
  }
  return out;
}
