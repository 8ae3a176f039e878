/**
 * Extractors for Instagram's rendered (logged-in) page: pure functions of DOM elements.
 * They read stable markers only (./selectors.ts) and localised words (./labels.ts), and return
 * null for anything they cannot read for certain: two readings that disagree are unknown.
 */
import { type Count, reconcileCounts } from '../../count';
import type { PostKind } from '../../model';
import { findCount, parseCount } from '../../numbers';
import {
  AD_TEXT,
  CAROUSEL_ICON,
  CLIP_ICON,
  COMMENT_ICON,
  COMMENTS_LABEL,
  FIRST_LIKE_TEXT,
  FOLLOWERS_LABEL,
  FOLLOWING_LABEL,
  LIKE_ICON,
  LIKES_LABEL,
  labelOf,
  NEXT_ICON,
  OTHERS_TEXT,
  PINNED_ICON,
  POSTS_LABEL,
  PRIVATE_TEXT,
  REPOST_ICON,
  SHARE_ICON,
  VIDEO_ICON,
  VIEWS_ICON,
  VIEWS_LABEL,
} from './labels';
import { POST_PATH, PROFILE_PATH, SEL } from './selectors';
import { isUsername } from './url';

// ---- links ---------------------------------------------------------------------------------------

/** The path of an Instagram link ("/nasa/", "/p/CODE/"), or null for other sites. */
export function pathOf(href: string | null): string | null {
  if (!href) return null;
  const m = /^(?:https?:\/\/(?:www\.)?instagram\.com)?(\/(?!\/)[^?#]*)/.exec(href);
  return m ? m[1] : null;
}

export interface PostLink {
  code: string;
  reel: boolean;
  /** What follows the code: "" for the post itself, "liked_by/", "comments/", "c/123/" ... */
  tail: string;
}

export function postLinkOf(el: Element): PostLink | null {
  const m = POST_PATH.exec(pathOf(el.getAttribute('href')) ?? '');
  if (!m || m[3] === 'audio') return null;
  return { code: m[3], reel: m[2] === 'reel' || m[2] === 'reels', tail: m[4] ?? '' };
}

/** The username a profile link points to ("/nasa/" -> "nasa"), or null. */
export function profileOf(el: Element): string | null {
  const m = PROFILE_PATH.exec(pathOf(el.getAttribute('href')) ?? '');
  return m && isUsername(m[1]) ? m[1] : null;
}

// ---- text ----------------------------------------------------------------------------------------

/** The text of an element, its text nodes joined by spaces ("<b>12.4K</b><i>followers</i>" -> "12.4K followers"). */
function textOf(el: Element | null | undefined): string {
  return el ? walkText(walk(el), 0) : '';
}

/**
 * One walk over a subtree (a tile, a post): its elements and text nodes in document order, with
 * each node's parent and the end of its subtree. Readers that look at every element ask the DOM
 * once per node this way, instead of once per query, per element and per ancestor (a grid of a
 * thousand tiles is read a dozen tiles at a time, each as it arrives).
 */
interface Walk {
  /** The root, then every element and text node under it, in document order. */
  nodes: Node[];
  /** For each node: a text node's value; null for an element. */
  texts: Array<string | null>;
  /** For each node: the index of its parent (-1 for the root), and the index just past its subtree. */
  up: number[];
  end: number[];
}

function walk(root: Element): Walk {
  const w: Walk = { nodes: [root], texts: [null], up: [-1], end: [] };
  const open = [0];
  const walker = root.ownerDocument.createTreeWalker(root, 1 | 4); // elements and text
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = w.nodes.length;
    while (open.length > 1 && w.nodes[open[open.length - 1]] !== n.parentNode) w.end[open.pop() as number] = i;
    w.nodes.push(n);
    w.up.push(open[open.length - 1]);
    const element = n.nodeType === 1;
    w.texts.push(element ? null : (n.nodeValue ?? ''));
    if (element) open.push(i);
    else w.end[i] = i + 1;
  }
  for (const j of open) w.end[j] = w.nodes.length;
  return w;
}

/** The texts under node i, joined by `by`: its textContent (""), or textOf (" ", spaces folded). */
function walkText(w: Walk, i: number, by = ' '): string {
  const t = w.texts.slice(i + 1, w.end[i]).filter((x) => x !== null);
  return by ? t.join(by).replace(/\s+/g, ' ').trim() : t.join('');
}

/** For each node of a walk: is it, or an element above it (above the root too), a `tag`? (`closest(tag)`) */
function within(w: Walk, tag: string): boolean[] {
  const out = [(w.nodes[0] as Element).closest(tag) !== null];
  for (let i = 1; i < w.nodes.length; i++) out.push(out[w.up[i]] || (w.nodes[i] as Element).localName === tag);
  return out;
}

interface Phrase {
  count: Count | null;
  label: string;
}

/** A short text read as "<count> <label>": "1,2 тыс. отметок «Нравится»" -> 1200, 'отметок "нравится"'. */
export function phraseOf(text: string, locale?: string): Phrase | null {
  if (!text || text.length > 120) return null;
  const f = findCount(text, { locale });
  if (!f) return /\d/.test(text) ? null : { count: null, label: labelOf(text) };
  const count = { ...f.count, raw: f.text.slice(f.start, f.end) };
  return { count, label: labelOf(`${f.text.slice(0, f.start)} ${f.text.slice(f.end)}`) };
}

/** A text that is nothing but a count ("1,234", "12,3 тыс."), or null. */
function bareCount(text: string, locale?: string): Count | null {
  const p = phraseOf(text, locale);
  return p?.count && p.label === '' ? p.count : null;
}

/** The exact count in a `title` inside (or on) `el`: seen 2024-06 `span[title="1,234,567"]` by "1.2M". */
function titleCount(el: Element, locale?: string): Count | null {
  const holders = [el, ...el.querySelectorAll(SEL.exactTitle)];
  for (const h of holders) {
    const c = parseCount(h.getAttribute('title'), { locale });
    if (c?.exact) return c;
  }
  return null;
}

const svgLabel = (el: Element): string => labelOf(el.getAttribute('aria-label') ?? el.querySelector('title')?.textContent ?? '');

function iconLabels(scope: Element): string[] {
  return [...scope.querySelectorAll(SEL.icons)].map(svgLabel).filter(Boolean);
}

/** An ISO time from `time[datetime]`, or null when it is not a plausible publish time. */
export function isoTime(value: string | null): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  if (!Number.isFinite(t) || t < Date.UTC(2010, 0, 1) || t > Date.UTC(2100, 0, 1)) return null;
  return new Date(t).toISOString();
}

// ---- icon + number pairs (action bar, grid tiles) -------------------------------------------------

export type IconKind = 'like' | 'comment' | 'share' | 'repost' | 'views' | 'other';

function iconKind(label: string): IconKind {
  if (LIKE_ICON.test(label)) return 'like';
  if (COMMENT_ICON.test(label)) return 'comment';
  if (SHARE_ICON.test(label)) return 'share';
  if (REPOST_ICON.test(label)) return 'repost';
  if (VIEWS_ICON.test(label)) return 'views';
  return 'other';
}

/**
 * The numbers written right after icons, in document order: [♡][1,234][💬][56] -> like 1,234,
 * comment 56. A number belongs to the icon just before it, with no other text between them; a
 * number with no icon before it belongs to nobody. `skip` leaves out subtrees (other posts' tiles).
 */
export function iconCounts(container: Element, locale?: string, skip?: (el: Element) => boolean): Map<IconKind, Count> {
  return iconCountsIn(walk(container), locale, skip);
}

function iconCountsIn(w: Walk, locale?: string, skip?: (el: Element) => boolean): Map<IconKind, Count> {
  const out = new Map<IconKind, Count>();
  let current: IconKind | null = null;
  for (let i = 1; i < w.nodes.length; ) {
    const text = w.texts[i];
    if (text === null) {
      const el = w.nodes[i] as Element;
      const tag = el.localName;
      if (skip?.(el)) {
        i = w.end[i];
        continue;
      }
      if (tag === 'svg' || (el.getAttribute('role') === 'img' && el.hasAttribute('aria-label'))) {
        current = iconKind(svgLabel(el));
        i = w.end[i];
        continue;
      }
      if (tag === 'time' || tag === 'img' || tag === 'video') current = null;
    } else if (text.trim()) {
      const c = current && current !== 'other' ? bareCount(text.trim(), locale) : null;
      if (c && current && !out.has(current)) out.set(current, c);
      current = null;
    }
    i++;
  }
  return out;
}

// ---- profile header -------------------------------------------------------------------------------

export interface HeaderReading {
  /** The username the header is about, as written. */
  handle: string;
  followers: Count | null;
  following: Count | null;
  posts: Count | null;
  isPrivate: boolean | null;
}

type CounterKey = 'posts' | 'followers' | 'following';
const ORDER: CounterKey[] = ['posts', 'followers', 'following'];

/**
 * The profile header for `handle` (or, when null, for the account whose followers link the page
 * shows: a post opened over a profile). Null when the page shows no header of that account.
 */
export function readProfileHeader(doc: Document, handle: string | null, locale?: string): HeaderReading | null {
  const want = handle?.toLowerCase() ?? null;
  const linkOf = (suffix: string) =>
    [...doc.querySelectorAll(suffix === 'followers' ? SEL.followersLink : SEL.followingLink)].find((a) => {
      const m = /^\/([A-Za-z0-9._]{1,30})\/(followers|following)\/?$/.exec(pathOf(a.getAttribute('href')) ?? '');
      return m && m[2] === suffix && (want === null || m[1].toLowerCase() === want);
    }) ?? null;
  const followersLink = linkOf('followers');
  const followingLink = linkOf('following');
  const linked = followersLink ?? followingLink;
  const who = linked ? /^\/([A-Za-z0-9._]{1,30})\//.exec(pathOf(linked.getAttribute('href')) ?? '')?.[1] : handle;
  if (!who) return null;
  let root: Element | null = linked?.closest('header') ?? null;
  if (!root && followersLink && followingLink) root = commonAncestor(followersLink, followingLink);
  if (!root && !linked && handle) {
    // Private accounts show spans, not links: the page's header, if it names the account (else it
    // is still the previous page's header, shown until the new page renders).
    for (const sel of SEL.header) {
      root = doc.querySelector(sel);
      if (root) break;
    }
    if (root && !names(root, handle)) root = null;
  }
  if (!root) return null;

  const out: HeaderReading = { handle: who, followers: null, following: null, posts: null, isPrivate: null };
  const found: Array<{ el: Element; key: CounterKey; count: Count }> = [];
  for (const el of root.querySelectorAll(SEL.counterItems)) {
    const text = textOf(el);
    if (!text || text.length > 60) continue;
    const p = phraseOf(text, locale);
    if (!p?.count) continue;
    const key = POSTS_LABEL.test(p.label)
      ? 'posts'
      : FOLLOWERS_LABEL.test(p.label)
        ? 'followers'
        : FOLLOWING_LABEL.test(p.label)
          ? 'following'
          : null;
    if (key) found.push({ el, key, count: p.count });
  }
  const minimal = found.filter((f) => !found.some((g) => g !== f && g.key === f.key && f.el.contains(g.el)));
  const readings: Record<CounterKey, Array<Count | null>> = { posts: [], followers: [], following: [] };
  const keys = new Set(minimal.map((f) => f.key));
  for (const f of minimal) readings[f.key].push(titleCount(f.el, locale), f.count);
  if (keys.size === 0) {
    // A language we have no words for: links say which is which; the fixed order does the rest.
    const byLink: Array<[CounterKey, Element | null]> = [
      ['followers', followersLink],
      ['following', followingLink],
    ];
    for (const [key, a] of byLink) if (a) readings[key].push(titleCount(a, locale), countIn(a, locale));
    const list = (followersLink ?? followingLink)?.closest('li')?.parentElement;
    const items = list ? [...list.children] : [];
    if (items.length === 3)
      for (const [i, key] of ORDER.entries()) readings[key].push(titleCount(items[i], locale), countIn(items[i], locale));
  } else if (found.filter((f) => f.key === 'followers').length === 0 && followersLink) {
    const c = countIn(followersLink, locale);
    if (c) readings.followers.push(titleCount(followersLink, locale), c);
  }
  for (const key of ORDER) {
    const known = readings[key].filter((c): c is Count => c !== null);
    out[key] = known.length ? reconcileCounts(known) : null;
  }
  if (!out.followers && !out.following && !out.posts) return null;
  // A private profile shows no posts: look for its notice only then (cheap on long grids).
  out.isPrivate = ![...doc.querySelectorAll(SEL.postLinks)].some((a) => postLinkOf(a)) && isPrivatePage(doc) ? true : null;
  return out;
}

/** Does the header show this username (its profile link, or the name as a heading)? */
function names(root: Element, handle: string): boolean {
  const h = handle.toLowerCase();
  for (const el of root.querySelectorAll('a[href], h1, h2, span')) {
    if (el.localName === 'a' ? profileOf(el)?.toLowerCase() === h : textOf(el).toLowerCase() === h) return true;
  }
  return false;
}

/** The one count inside an element ("97.4M followers" in an unknown language: the number alone). */
function countIn(el: Element, locale?: string): Count | null {
  const numbers = [...el.querySelectorAll('span, div')].map((s) => bareCount(textOf(s), locale)).filter((c): c is Count => c !== null);
  const own = bareCount(textOf(el), locale);
  if (own) numbers.push(own);
  return numbers.length ? reconcileCounts(numbers) : null;
}

function commonAncestor(a: Element, b: Element): Element | null {
  for (let p: Element | null = a.parentElement; p; p = p.parentElement) if (p.contains(b)) return p;
  return null;
}

/** "This account is private" shown on the page. */
export function isPrivatePage(doc: Document): boolean {
  for (const el of doc.querySelectorAll('main h1, main h2, main h3, main span, main div')) {
    const t = el.textContent ?? '';
    if (t.length < 60 && PRIVATE_TEXT.test(labelOf(t))) return true;
  }
  return false;
}

/** The profile tab shown as selected ("tagged", "saved", "reels" or "" for posts), or null. */
export function selectedTab(doc: Document, handle: string): string | null {
  const tab = doc.querySelector('[role="tab"][aria-selected="true"]');
  const path = pathOf(tab?.getAttribute('href') ?? null);
  const m = path ? /^\/([A-Za-z0-9._]{1,30})\/(?:([a-z_]+)\/)?$/.exec(path) : null;
  return m && m[1].toLowerCase() === handle.toLowerCase() ? (m[2] ?? '') : null;
}

// ---- posts ----------------------------------------------------------------------------------------

export interface DomComment {
  text: string;
  author: string | null;
  at: string | null;
}

export interface DomPost {
  code: string;
  kind: PostKind | null;
  /** Author's username as written, when the post shows it. */
  author: string | null;
  publishedAt: string | null;
  likes: Count | null;
  comments: Count | null;
  views: Count | null;
  shares: Count | null;
  likesHidden: boolean;
  /** null: the page does not say */
  pinned: boolean | null;
  ad: boolean;
  caption: string | null;
  sample: DomComment[];
}

/** A post link that is a grid tile: to the post itself, with a picture (or its box) inside. */
export const isTileLink = (a: Element) => {
  const link = postLinkOf(a);
  return Boolean(link && link.tail === '' && a.querySelector('img, video, div'));
};

/** Grid tiles (profile posts and reels tabs, "more posts") in `scope`, outside `exclude`. */
export function findTiles(scope: ParentNode): Element[] {
  const out: Element[] = [];
  const self = scope as Element;
  if (typeof self.matches === 'function' && self.matches(SEL.postLinks) && isTileLink(self)) out.push(self);
  for (const a of scope.querySelectorAll(SEL.postLinks)) if (isTileLink(a)) out.push(a);
  return out;
}

/** Read a grid tile: shortcode, kind and pin from its icons, numbers from its overlays. */
export function readTile(a: Element, locale?: string, onReelsTab = false): DomPost | null {
  const link = postLinkOf(a);
  if (!link) return null;
  // One walk over the tile, then every reading below from it (a tile is read as it arrives).
  const w = walk(a);
  const { nodes, texts, up } = w;
  const counts = iconCountsIn(w, locale);
  const words = phraseCountsIn(w, locale);
  let likes = known([counts.get('like') ?? null, ...words.likes]);
  let comments = known([counts.get('comment') ?? null, ...words.comments]);
  let views = known([counts.get('views') ?? null, ...words.views]);
  // Numbers standing alone on the tile (spans and divs with no span or div inside), outside the
  // hover overlay's list; and that list: seen 2023-2024 as `ul > li` likes, then comments (sprite icons).
  const tag = (i: number) => (texts[i] === null ? (nodes[i] as Element).localName : '');
  const box = (i: number) => tag(i) === 'span' || tag(i) === 'div';
  const boxInside = nodes.map(() => false);
  for (let i = nodes.length - 1; i > 0; i--) if (boxInside[i] || box(i)) boxInside[up[i]] = true;
  const inList = within(w, 'ul');
  const labels: string[] = [];
  const loose: Array<Count | null> = [];
  const nums: Array<Count | null> = [];
  for (let i = 1; i < nodes.length; i++) {
    if (texts[i] !== null) continue;
    const el = nodes[i] as Element;
    // SEL.icons: svg[aria-label], [role="img"][aria-label]
    if (el.hasAttribute('aria-label') && (tag(i) === 'svg' || el.getAttribute('role') === 'img')) labels.push(svgLabel(el));
    if (box(i) && !boxInside[i] && !inList[i]) loose.push(bareCount(walkText(w, i), locale));
    if (tag(i) === 'li' && tag(up[i]) === 'ul') nums.push(bareCount(walkText(w, i), locale));
  }
  if (!likes && !comments && nums.length === 2 && nums.every(Boolean)) [likes, comments] = nums;
  // The reels tab shows one number on every tile, outside the overlay: the view count (seen 2024-06).
  const alone = loose.filter(Boolean);
  if (!views && onReelsTab && alone.length === 1) views = alone[0];
  const kind: PostKind | null =
    link.reel || labels.some((l) => CLIP_ICON.test(l))
      ? 'reel'
      : labels.some((l) => CAROUSEL_ICON.test(l))
        ? 'carousel'
        : labels.some((l) => VIDEO_ICON.test(l))
          ? 'video'
          : a.querySelector('img')
            ? 'photo'
            : null;
  return {
    code: link.code,
    kind,
    author: null,
    publishedAt: null,
    likes,
    comments,
    views,
    shares: null,
    likesHidden: false,
    pinned: labels.some((l) => PINNED_ICON.test(l)),
    ad: false,
    caption: null,
    sample: [],
  };
}

/**
 * Post containers in `scope`: feed articles and the post dialog, each with the shortcode it shows.
 * Containers that show several posts (an old grid wrapped in an article) or none are left out.
 * `pageCode` is the post the URL names: a dialog without links of its own shows that one.
 */
export function findPostRoots(scope: ParentNode, pageCode: string | null): Array<{ root: Element; code: string }> {
  const out: Array<{ root: Element; code: string }> = [];
  const consider = (root: Element) => {
    // An article inside a dialog is the post itself: read that.
    if (root.localName !== 'article' && root.querySelector('article')) return;
    const inDialog = Boolean(root.closest('[role="dialog"]'));
    const code = codeOfRoot(root) ?? (inDialog && pageCode && !hasPostLinks(root) ? pageCode : null);
    if (code && (root.querySelector(SEL.time) || actionBar(root))) out.push({ root, code });
  };
  const self = scope as Element;
  if (typeof self.matches === 'function' && self.matches(SEL.postRoots)) consider(self);
  for (const root of scope.querySelectorAll(SEL.postRoots)) consider(root);
  return out;
}

/**
 * A post page without an article or dialog around the post: the main element shows it, with the
 * "more posts" tiles below (left out by readPostRoot). Its code is the one its own links name,
 * or the URL's when it has none (never the URL's while the page still shows another post).
 */
export function pageRoot(doc: Document, pageCode: string): { root: Element; code: string } | null {
  const main = doc.querySelector('main') ?? doc.body;
  if (!main || !(actionBar(main) || main.querySelector(SEL.time))) return null;
  const code = codeOfRoot(main) ?? (hasPostLinks(main) ? null : pageCode);
  return code ? { root: main, code } : null;
}

function hasPostLinks(root: Element): boolean {
  return [...root.querySelectorAll(SEL.postLinks)].some((a) => !isTileLink(a) && postLinkOf(a));
}

/** The shortcode a post container is about: its time's permalink, else the one code its links share. */
function codeOfRoot(root: Element): string | null {
  const timeLink = root.querySelector(SEL.time)?.closest('a');
  const fromTime = timeLink ? postLinkOf(timeLink) : null;
  if (fromTime) return fromTime.code;
  const codes = new Set<string>();
  for (const a of root.querySelectorAll(SEL.postLinks)) {
    if (isTileLink(a)) continue;
    const link = postLinkOf(a);
    if (link) codes.add(link.code);
  }
  return codes.size === 1 ? [...codes][0] : null;
}

/** The action bar: the smallest element holding the post's Like icon and its Comment (or Share) icon. */
function actionBar(root: Element, skip?: (el: Element) => boolean): Element | null {
  for (const icon of root.querySelectorAll(SEL.icons)) {
    if (!LIKE_ICON.test(svgLabel(icon)) || skip?.(icon)) continue;
    for (let p = icon.parentElement; p && root.contains(p); p = p.parentElement) {
      const kinds = iconLabels(p).map(iconKind);
      if (kinds.includes('comment') || kinds.includes('share')) return p;
    }
  }
  return null;
}

/** Comment items under a post: `li` with an author link and a text (seen 2024-06). */
function commentItems(root: Element, skip: (el: Element) => boolean): Element[] {
  const items: Element[] = [];
  for (const li of root.querySelectorAll(SEL.commentItems)) {
    // replies are items of their own (nested li); readComment reads an item without them
    if (skip(li) || !li.querySelector('a[href]') || ![...li.querySelectorAll('a[href]')].some((a) => profileOf(a))) continue;
    items.push(li);
  }
  return items;
}

function readComment(item: Element, locale?: string): DomComment | null {
  const authorLink = [...item.querySelectorAll('a[href]')].find((a) => profileOf(a));
  const author = authorLink ? profileOf(authorLink) : null;
  const nested = (el: Element) => [...item.querySelectorAll('li')].some((li) => li.contains(el));
  let text = '';
  for (const span of item.querySelectorAll(SEL.commentText)) {
    if (nested(span) || span.closest('h2, h3, a, time') || span.querySelector('h2, h3, time')) continue;
    const t = textOf(span);
    if (t && t !== author) {
      text = t;
      break;
    }
  }
  if (!text) {
    // no dir= spans: the item's text without the author, time and controls
    const clone = item.cloneNode(true) as Element;
    for (const el of clone.querySelectorAll('li, h2, h3, a, time, button, [role="button"]')) el.remove();
    text = textOf(clone);
  }
  if (!text || (phraseOf(text, locale)?.count && LIKES_LABEL.test(phraseOf(text, locale)?.label ?? ''))) return null;
  const time = [...item.querySelectorAll(SEL.time)].find((t) => !nested(t));
  return { text: text.slice(0, 1000), author, at: isoTime(time?.getAttribute('datetime') ?? null) };
}

export interface Words {
  likes: Array<Count | null>;
  comments: Array<Count | null>;
  views: Array<Count | null>;
  hidden: boolean;
  ad: boolean;
}

/** Are there words before the count in this text? */
function wordsBefore(text: string, locale?: string): boolean {
  const f = findCount(text, { locale });
  return Boolean(f && labelOf(f.text.slice(0, f.start)));
}

/** Counts written in words in `scope` (texts of at most 120 characters, and aria-labels with digits). */
export function phraseCounts(scope: Element, locale?: string, skip?: (el: Element) => boolean): Words {
  return phraseCountsIn(walk(scope), locale, skip);
}

function phraseCountsIn(w: Walk, locale?: string, skip?: (el: Element) => boolean): Words {
  const out: Words = { likes: [], comments: [], views: [], hidden: false, ad: false };
  const texts = new Set<string>();
  const inSvg = within(w, 'svg');
  for (let i = 0; i < w.nodes.length; i++) {
    if (w.texts[i] !== null) continue;
    const el = w.nodes[i] as Element;
    if (inSvg[i] || skip?.(el)) continue;
    const label = el.getAttribute('aria-label');
    if (label && /\d/.test(label)) texts.add(label);
    // its textContent: at most 120 characters, not blank
    const t = walkText(w, i, '');
    if (t.length <= 120 && t.trim()) texts.add(walkText(w, i));
  }
  for (const text of texts) {
    const p = phraseOf(text, locale);
    if (!p) continue;
    if (p.count) {
      if (LIKES_LABEL.test(p.label)) out.likes.push(p.count);
      else if (COMMENTS_LABEL.test(p.label)) out.comments.push(p.count);
      // views are written after the count ("12,345 views"); "View 1" is what is left of the
      // button "View 1 comment" when its last word is missing, not one view
      else if (VIEWS_LABEL.test(p.label) && !wordsBefore(text, locale)) out.views.push(p.count);
    } else if (OTHERS_TEXT.test(p.label)) out.hidden = true;
    else if (FIRST_LIKE_TEXT.test(p.label)) out.likes.push({ value: 0, low: 0, high: 0, exact: true, raw: text });
    else if (AD_TEXT.test(p.label)) out.ad = true;
  }
  return out;
}

const known = (xs: Array<Count | null>): Count | null => {
  const list = xs.filter((c): c is Count => c !== null);
  return list.length ? reconcileCounts(list) : null;
};

/** Read one post container. `code` is the post it shows (see findPostRoots). */
export function readPostRoot(root: Element, code: string, locale?: string, maxComments = 30): DomPost {
  // Other posts' tiles inside the container (a post page's "more posts") are not this post.
  const tiles = new Set(findTiles(root).filter((a) => postLinkOf(a)?.code !== code));
  const inTile = (el: Element) => {
    for (let p: Element | null = el; p && p !== root; p = p.parentElement) if (tiles.has(p)) return true;
    return false;
  };
  const caption = [...root.querySelectorAll(SEL.caption)].find((h) => !inTile(h)) ?? null;
  const items = commentItems(root, (el) => inTile(el) || Boolean(caption && el.contains(caption)));
  const inComment = (el: Element) => items.some((it) => it.contains(el)) || Boolean(caption?.contains(el));
  const skip = (el: Element) => inTile(el) || inComment(el);

  // Numbers in words: "1,234 likes", "View all 56 comments", "12,345 views", and aria-labels.
  const words = phraseCounts(root, locale, skip);
  const { likes, comments, views } = words;
  const hidden = words.hidden;
  const ad = words.ad;
  // The like count link: seen 2024-06 `a[href$="/liked_by/"]` ("others" when likes are hidden).
  for (const a of root.querySelectorAll(SEL.likedBy)) {
    if (skip(a)) continue;
    const p = phraseOf(textOf(a), locale);
    if (p?.count && (p.label === '' || LIKES_LABEL.test(p.label))) likes.push(titleCount(a, locale), p.count);
  }
  // Numbers by the action bar icons: seen 2025 [♡ 1,234] [💬 56] [➤ 7].
  const bar = actionBar(root, skip);
  const byIcon = bar ? iconCounts(bar, locale, skip) : new Map<IconKind, Count>();
  if (byIcon.has('like')) likes.push(byIcon.get('like') ?? null);
  if (byIcon.has('comment')) comments.push(byIcon.get('comment') ?? null);
  if (byIcon.has('views')) views.push(byIcon.get('views') ?? null);
  const shares = byIcon.get('share') ?? byIcon.get('repost') ?? null;

  // Time: the post's own permalink first (comments have times too).
  const ownTime = [...root.querySelectorAll(SEL.time)].find((t) => {
    const a = t.closest('a');
    const link = a ? postLinkOf(a) : null;
    return link?.code === code && link.tail === '' && !skip(t);
  });
  const otherTimes = [...root.querySelectorAll(SEL.time)].filter((t) => !skip(t)).map((t) => isoTime(t.getAttribute('datetime')));
  const headerTime = [...root.querySelectorAll(`header ${SEL.time}`)].find((t) => !skip(t));
  const publishedAt =
    isoTime((ownTime ?? headerTime)?.getAttribute('datetime') ?? null) ?? (new Set(otherTimes).size === 1 ? otherTimes[0] : null);

  // Author: the post header's profile link; the avatar link; the caption's author; else the one
  // profile the links outside the comments name (users tagged on the photo are links too, so they
  // come last). Never a liker: "Liked by <a>alice</a> and <a liked_by>others</a>" names who liked.
  const profileLinks = [...root.querySelectorAll('a[href]')].filter(
    (a) => !skip(a) && !a.closest(SEL.likedBy) && !a.parentElement?.querySelector(SEL.likedBy) && profileOf(a),
  );
  const captionHolder = caption?.parentElement?.parentElement ?? caption?.parentElement ?? null;
  const named = new Set(profileLinks.map((a) => profileOf(a)?.toLowerCase()));
  const authorLink =
    profileLinks.find((a) => a.closest('header')) ??
    profileLinks.find((a) => a.querySelector('img')) ??
    (captionHolder ? [...captionHolder.querySelectorAll('a[href]')].find((a) => profileOf(a)) : undefined) ??
    (named.size === 1 ? profileLinks[0] : undefined);
  const author = authorLink ? profileOf(authorLink) : null;

  // Kind: reels link or clip icon; carousel icon, slides or a Next button by the media; video; photo.
  // Icons inside a link to somewhere else are that link's (a tile of another post whose href is
  // not there yet would otherwise lend this post its Clip or Pinned icon).
  const elsewhere = (el: Element) => {
    const a = el.closest('a');
    return Boolean(a && root.contains(a) && postLinkOf(a)?.code !== code);
  };
  const labels = [...root.querySelectorAll(SEL.icons)].filter((el) => !skip(el) && !elsewhere(el)).map(svgLabel);
  const ownLink = [...root.querySelectorAll(SEL.postLinks)].map(postLinkOf).find((l) => l?.code === code);
  const slides = [...root.querySelectorAll(SEL.slides)].filter((li) => !skip(li) && li.querySelector('img, video'));
  const next = [...root.querySelectorAll(SEL.buttons)].some(
    (b) => !skip(b) && NEXT_ICON.test(labelOf(b.getAttribute('aria-label') ?? '')) && Boolean(b.parentElement?.querySelector('img, video')),
  );
  // The post's media: not avatars (inside links and `role=link` spans) and not other posts' tiles.
  const media = [...root.querySelectorAll('img, video')].filter((m) => !skip(m) && !m.closest('header, a[href], [role="link"]'));
  let kind: PostKind | null = null;
  if (labels.some((l) => CAROUSEL_ICON.test(l)) || slides.length >= 2 || next) kind = 'carousel';
  else if (ownLink?.reel || labels.some((l) => CLIP_ICON.test(l)) || media.some((m) => m.localName === 'video')) kind = 'reel';
  else if (media.length) kind = 'photo';

  // Comments visible under the post, without the caption.
  const sample: DomComment[] = [];
  for (const item of items) {
    if (sample.length >= maxComments) break;
    const c = readComment(item, locale);
    if (c && !sample.some((s) => s.text === c.text && s.author === c.author)) sample.push(c);
  }

  return {
    code,
    kind,
    author,
    publishedAt,
    likes: hidden ? null : known(likes),
    comments: known(comments),
    views: known(views),
    shares,
    likesHidden: hidden,
    pinned: labels.some((l) => PINNED_ICON.test(l)) ? true : null,
    ad,
    caption: caption ? textOf(caption).slice(0, 2000) || null : captionNearAuthor(root, author, skip, media[0]),
    sample,
  };
}

/** Feed captions: "<author> <text>" in one block after the media, outside the comments. */
function captionNearAuthor(root: Element, author: string | null, skip: (el: Element) => boolean, media?: Element): string | null {
  if (!author) return null;
  for (const a of root.querySelectorAll('a[href]')) {
    if (skip(a) || profileOf(a)?.toLowerCase() !== author.toLowerCase()) continue;
    if (media && !(media.compareDocumentPosition(a) & 4)) continue; // the post header comes before the media
    for (let block = a.parentElement, i = 0; block && block !== root && i < 3; block = block.parentElement, i++) {
      const text = textOf(block);
      if (block.querySelector('time, svg, img') || text.length > 2200) break;
      const rest = text.slice(author.length).trim();
      if (AD_TEXT.test(labelOf(rest))) break;
      if (text.startsWith(author) && rest) return rest.slice(0, 2000);
    }
  }
  return null;
}
