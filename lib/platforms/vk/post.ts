/**
 * One VK post: (post root element, context) -> PostObservation. Pure: reads the element and the
 * page data it is given, changes nothing. Works for the four markup generations (see
 * ./selectors.ts and docs/vk-reader.md); a number that is not shown, or whose sources disagree, is
 * unknown (null).
 */
import { type Count, exactCount } from '../../count';
import type { CommentObservation, PageKind, PostKind, PostObservationInput } from '../../model';
import { parseUnixSeconds, parseVkDate } from './dates';
import {
  type CountContext,
  certainlyZero,
  combine,
  dataCount,
  isOwn,
  labelCount,
  notOwnPartsOf,
  ownAll,
  ownFirst,
  reactionSum,
  selfOrFirst,
  shownText,
  squash,
  textCount,
} from './dom';
import type { PageData, PostData } from './page-data';
import {
  AD_LABEL,
  AD_ROOT,
  AD_TEXT,
  AUTHOR_AVATAR,
  AUTHOR_HREF,
  AUTHOR_NAME_LINK,
  any,
  BUTTON_COUNT,
  CAPTION,
  CAPTION_SKIP,
  CLIP,
  CLOSED_COMMENTS,
  COMMENT,
  COMMENT_AUTHOR,
  COMMENT_BUTTON,
  COMMENT_DATE,
  COMMENT_DELETED,
  COMMENT_TEXT,
  DATE_EXACT,
  DATE_TEXT,
  HEADER,
  LIKE_BUTTON,
  NOT_OWN,
  OTHER_ATTACHMENT,
  PHOTO,
  PINNED_MARK,
  PINNED_ROOT,
  PINNED_TEXT,
  POST_LINK,
  POST_ROOT,
  REACTION_COUNTS,
  REACTIONS_LABEL,
  REACTIONS_TOTAL,
  type Selectors,
  SHARE_BUTTON,
  VIDEO,
  VIEWS,
} from './selectors';
import { numericIdFromSlug, vkPostUrl } from './url';

/** Comments kept per post (MAX_COMMENTS_PER_POST in lib/model.ts; not imported: no zod here). */
export const MAX_COMMENTS = 30;
const MAX_CAPTION = 1000;
const MAX_COMMENT_TEXT = 1000;

export interface PostContext extends CountContext {
  /** epoch ms, for dates without a year and relative dates */
  now: number;
  /** host for post URLs: vk.com or vk.ru */
  host: string;
  pageKind: PageKind;
  /** the account the page shows, to tell its own posts and replies */
  account: { id: string; handle: string | null } | null;
  data: PageData;
}

const POST_ID = /^(-?\d{1,20})_(\d{1,20})$/;
const WALL_HREF = /\/wall(-?\d{1,20})_(\d{1,20})(?:$|[?#/])/;

function normId(owner: string, post: string): string | null {
  const o = Number(owner);
  const p = Number(post);
  if (!Number.isSafeInteger(o) || !Number.isSafeInteger(p) || o === 0 || p <= 0) return null;
  return `${o}_${p}`;
}

/** The post's id "<owner>_<post>": data-post-id, else its own link to /wall<owner>_<post>, else the element id. */
export function postIdOf(root: Element): string | null {
  const attr = POST_ID.exec(root.getAttribute('data-post-id') ?? '');
  if (attr) return normId(attr[1], attr[2]);
  const link = ownFirst(root, POST_LINK);
  const href = link ? WALL_HREF.exec(hrefPath(link)) : null;
  if (href) return normId(href[1], href[2]);
  const el = /^(?:post|wall)(-?\d{1,20})_(\d{1,20})$/.exec(root.id);
  return el ? normId(el[1], el[2]) : null;
}

/** The path (and query) of a link, whatever host it names. */
function hrefPath(a: Element): string {
  const href = a.getAttribute('href') ?? '';
  const m = /^(?:https?:\/\/(?:www\.|m\.)?vk\.(?:com|ru))?(\/[^\s]*)$/i.exec(href);
  return m ? m[1] : '';
}

/** The account a link points to: its screen name, or numeric id for /id1, /club1. */
function linkTarget(a: Element): { slug: string; numeric: string | null } | null {
  const m = /^\/([A-Za-z0-9_.]{2,64})\/?(?:[?#].*)?$/.exec(hrefPath(a));
  if (!m) return null;
  return { slug: m[1], numeric: numericIdFromSlug(m[1]) };
}

/**
 * Root holds no comment, repost or other post (known while ./dom.ts remembers lookups): then no
 * element matches COMMENT or REPOST_MARK either, whose selectors are among NOT_OWN's (a test
 * checks this on every fixture), and their queries are skipped.
 */
const holdsNone = (root: Element) => notOwnPartsOf(root)?.length === 0;

/** The registry lists joined once (any() remembers a list by identity). */
const AUTHOR_LINKS: Selectors = [...AUTHOR_NAME_LINK, ...AUTHOR_HREF];
const REPOST_MARK: Selectors = NOT_OWN.filter((s) => !/repl|comment/.test(s));

/** A screen name (not /id1, /club1, not all digits). */
const isScreenName = (slug: string) => numericIdFromSlug(slug) === null && !/^\d+$/.test(slug);

// ---- header ------------------------------------------------------------------------------------

export interface Author {
  handle: string | null;
  name: string | null;
}

/** The header's author, when it is the owner of the post id (a friend's post on a user's wall is not). */
export function readAuthor(root: Element, owner: string, ctx: PostContext): Author {
  const none = { handle: null, name: null };
  const links = ownAll(root, AUTHOR_LINKS);
  if (links.length === 0) return none;
  let verified = false;
  let handle: string | null = null;
  let name: string | null = null;
  for (const a of links) {
    const fromId = a.getAttribute('data-from-id');
    if (fromId !== null && /^-?\d+$/.test(fromId.trim()) && String(Number(fromId)) !== owner) return none;
    if (fromId !== null && String(Number(fromId)) === owner) verified = true;
    const target = linkTarget(a);
    if (target?.numeric) {
      if (target.numeric !== owner) return none;
      verified = true;
    } else if (target && isScreenName(target.slug) && !handle) {
      handle = target.slug;
    }
    const text = squash(a.textContent);
    if (!name && text && a.matches(any(AUTHOR_NAME_LINK))) name = text;
  }
  if (!name) {
    const img = ownFirst(root, AUTHOR_AVATAR);
    const alt = squash(img?.getAttribute('alt'));
    if (alt && alt !== '.') name = alt;
  }
  if (!verified && handle) {
    // No id on the page says whose header this is: trust it in the feed and on a post page (the
    // header shows the post's owner), and on a wall only when it is the wall's own screen name.
    const pageOwner = ctx.account;
    verified =
      ctx.pageKind === 'feed' ||
      ctx.pageKind === 'post' ||
      (pageOwner !== null && pageOwner.id === owner && pageOwner.handle?.toLowerCase() === handle.toLowerCase());
  }
  if (!verified) return none;
  return { handle: handle ? handle.toLowerCase() : null, name: name ? name.slice(0, 300) : null };
}

/** The element the date is written in (first own one, registry order). */
function dateSlot(root: Element): Element | null {
  return ownFirst(root, DATE_TEXT);
}

/**
 * The post's date as the markup tells it: `exact` (Unix seconds in `time`) comes before the page's
 * data, `other` (abs_time, ISO datetime, the tooltip, the text) after it (see `withData`), so it
 * is parsed only when neither of those gives the date.
 */
interface MarkupDate {
  exact: number | null;
  other: () => number | null;
}

function readDate(root: Element, slot: Element | null, ctx: PostContext): MarkupDate {
  // exact first: Unix seconds, the page's own data, abs_time, ISO datetime
  const places: Element[] = [];
  if (slot) places.push(slot);
  const header = ownFirst(root, HEADER);
  if (header) places.push(header);
  const exactEls: Element[] = [];
  for (const place of places) {
    for (const el of [place, ...place.querySelectorAll(any(DATE_EXACT))]) {
      if (!isOwn(el, root, true)) continue;
      exactEls.push(el);
      const unix = parseUnixSeconds(el.getAttribute('time'), ctx.now);
      if (unix !== null) return { exact: unix, other: () => null };
    }
  }
  let other: number | null | undefined;
  // read at once or not at all while the element is unchanged (./reader.ts combines within its task)
  const readOther = () => {
    if (other === undefined) other = otherDate(exactEls, slot, ctx);
    return other;
  };
  return { exact: null, other: readOther };
}

function otherDate(exactEls: Element[], slot: Element | null, ctx: PostContext): number | null {
  for (const el of exactEls) {
    const abs = parseVkDate(el.getAttribute('abs_time'), ctx.now) ?? parseVkDate(el.getAttribute('datetime'), ctx.now);
    if (abs !== null) return abs;
  }
  if (!slot) return null;
  // then the tooltip with the full date, then the text
  for (const el of [slot, ...slot.querySelectorAll('[title]')]) {
    const t = parseVkDate(el.getAttribute('title'), ctx.now);
    if (t !== null) return t;
  }
  const time = slot.matches('time') ? slot : slot.querySelector('time, .rel_date');
  return parseVkDate(squash((time ?? slot).textContent), ctx.now);
}

function isAd(root: Element, slot: Element | null): boolean {
  if (root.matches(any(AD_ROOT))) return true;
  if (ownFirst(root, AD_LABEL)) return true;
  return slot !== null && AD_TEXT.test(squash(slot.textContent));
}

/** Pinned by the markup (the page's data can add to it: see `withData`). */
function isPinned(root: Element): boolean {
  if (root.matches(any(PINNED_ROOT))) return true;
  if (ownFirst(root, PINNED_MARK)) return true;
  const header = ownFirst(root, HEADER);
  if (header) {
    for (const el of header.querySelectorAll('[aria-label], [title]')) {
      if (el.closest('.wall_fixed_label')) continue;
      if (PINNED_TEXT.test(squash(el.getAttribute('aria-label') ?? el.getAttribute('title')))) return true;
    }
  }
  return false;
}

// ---- counts ------------------------------------------------------------------------------------

/** A footer button's count: data-count, aria-label, the number inside; 0 only when VK marks it empty. */
function buttonCount(root: Element, selectors: Selectors, ctx: CountContext): Count | null {
  const button = ownFirst(root, selectors);
  if (!button) return null;
  const inner = selfOrFirst(button, BUTTON_COUNT);
  const readings = [
    dataCount(button),
    labelCount(button.getAttribute('aria-label'), ctx),
    inner && inner !== button ? textCount(inner, ctx) : textCount(button, ctx),
  ];
  const known = readings.filter((c) => c !== null);
  if (known.length === 0) return certainlyZero(button) ? exactCount(0, '0') : null;
  return combine(readings);
}

/** The markup's readings of the reactions (the page's data is one more: see `withData`). */
function likesOf(root: Element, ctx: CountContext): Array<Count | null> {
  const readings: Array<Count | null> = [];
  for (const el of ownAll(root, REACTION_COUNTS)) readings.push(reactionSum(el));
  for (const el of ownAll(root, REACTIONS_TOTAL)) readings.push(textCount(el, ctx));
  for (const el of ownAll(root, REACTIONS_LABEL)) {
    const label = el.getAttribute('aria-label') ?? '';
    // "Оценили 69 человек", "69 people reacted": the total; other phrasings are not taken
    if (/^\s*(?:оценил[аи]?\s|[\d\s.,]+(?:k|m|тыс\.?|млн)?\s*(?:people|person|человек))/iu.test(label))
      readings.push(labelCount(label, ctx));
  }
  readings.push(buttonCount(root, LIKE_BUTTON, ctx));
  return readings;
}

/** The markup's readings of the views. */
function viewsOf(root: Element, ctx: CountContext): Array<Count | null> {
  const el = ownFirst(root, VIEWS);
  return el ? [labelCount(el.getAttribute('title'), ctx), labelCount(el.getAttribute('aria-label'), ctx), textCount(el, ctx)] : [];
}

// ---- content -----------------------------------------------------------------------------------

function captionOf(root: Element): string | null {
  const el = ownFirst(root, CAPTION);
  if (!el) return null;
  const text = shownText(el, any(CAPTION_SKIP), MAX_CAPTION);
  return text || null;
}

/** The attachments' registries joined, for one query per post (kindOf). */
const MEDIA: Selectors = [...CLIP, ...VIDEO, ...PHOTO, ...OTHER_ATTACHMENT];

function kindOf(root: Element, caption: string | null): PostKind | null {
  const media = ownAll(root, MEDIA);
  const of = (list: Selectors) => media.filter((el) => el.matches(any(list)));
  if (media.length) {
    if (of(CLIP).length) return 'reel';
    if (of(VIDEO).length) return 'video';
  }
  const photos = of(PHOTO).filter((el, _i, all) => !all.some((o) => o !== el && o.contains(el)));
  if (photos.length >= 2) return 'carousel';
  if (photos.length === 1) return 'photo';
  if (of(OTHER_ATTACHMENT).length) return 'other';
  const repost = holdsNone(root) ? null : root.querySelector(any(REPOST_MARK));
  if (repost) return 'other';
  return caption ? 'text' : null;
}

// ---- comments ----------------------------------------------------------------------------------

/** Inside a comment, the part that is its own (not a nested reply). */
function firstInComment(comment: Element, selectors: Selectors): Element | null {
  const nested = any(COMMENT);
  for (const s of selectors) {
    for (const el of comment.querySelectorAll(s)) {
      const host = el.parentElement?.closest(nested);
      if (host === comment || host === null) return el;
    }
  }
  return null;
}

function commentElements(root: Element, id: string): Element[] {
  const found = new Set<Element>();
  const post = any(POST_ROOT);
  if (!holdsNone(root)) for (const el of root.querySelectorAll(any(COMMENT))) if (el.parentElement?.closest(post) === root) found.add(el);
  // legacy layouts keep the replies in #replies<owner>_<post>, sometimes outside the post element
  const doc = root.ownerDocument;
  const list = doc?.getElementById(`replies${id}`);
  if (list && !root.contains(list)) for (const el of list.querySelectorAll(any(COMMENT))) found.add(el);
  return [...found];
}

function readComments(root: Element, id: string, owner: string, ownerHandle: string | null, ctx: PostContext): CommentObservation[] {
  const out: CommentObservation[] = [];
  const skip = any(CAPTION_SKIP);
  for (const c of commentElements(root, id)) {
    if (out.length >= MAX_COMMENTS) break;
    if (c.matches(any(COMMENT_DELETED))) continue;
    const textEl = firstInComment(c, COMMENT_TEXT);
    const authorEl = firstInComment(c, COMMENT_AUTHOR);
    if (!textEl && !authorEl) continue;
    const text = textEl ? shownText(textEl, skip, MAX_COMMENT_TEXT) : '';
    const author = authorEl ? squash(authorEl.textContent).slice(0, 100) || null : null;
    let byOwner = false;
    if (authorEl) {
      const fromId = authorEl.getAttribute('data-from-id');
      const target = linkTarget(authorEl);
      byOwner =
        (fromId !== null && /^-?\d+$/.test(fromId.trim()) && String(Number(fromId)) === owner) ||
        target?.numeric === owner ||
        (target !== null && ownerHandle !== null && target.slug.toLowerCase() === ownerHandle);
    }
    const dateEl = firstInComment(c, COMMENT_DATE);
    let at: number | null = null;
    if (dateEl) {
      const exact = dateEl.matches('[time]') ? dateEl : dateEl.querySelector('[time]');
      at =
        parseUnixSeconds(exact?.getAttribute('time'), ctx.now) ??
        parseVkDate(dateEl.getAttribute('datetime'), ctx.now) ??
        parseVkDate(dateEl.getAttribute('title'), ctx.now) ??
        parseVkDate(squash(dateEl.textContent), ctx.now);
    }
    out.push({ text, author, at: at === null ? null : new Date(at).toISOString(), byOwner });
  }
  return out;
}

// ---- the post ----------------------------------------------------------------------------------

/** The fields of a post that the page's data (ctx.data) can add to: date, counts, pinned. */
type DataFields = Pick<PostObservationInput, 'publishedAt' | 'likes' | 'comments' | 'shares' | 'views' | 'pinned'>;

/**
 * What the markup says of those fields, read once: the page's data is combined with it after
 * (`withData`), so a post whose markup lacks a number is not parsed a second time once the page
 * has told it (./reader.ts asks for a whole batch).
 */
export interface MarkupFields {
  date: MarkupDate;
  likes: Array<Count | null>;
  comments: Count | null;
  shares: Count | null;
  views: Array<Count | null>;
  pinned: boolean;
}

function markupFields(root: Element, slot: Element | null, ctx: PostContext): MarkupFields {
  const closed = root.matches(any(CLOSED_COMMENTS));
  return {
    date: readDate(root, slot, ctx),
    likes: likesOf(root, ctx),
    comments: closed && !ownFirst(root, COMMENT_BUTTON) ? null : buttonCount(root, COMMENT_BUTTON, ctx),
    shares: buttonCount(root, SHARE_BUTTON, ctx),
    views: viewsOf(root, ctx),
    pinned: isPinned(root),
  };
}

/** The markup's readings with the page's data for the post: every source must agree, or unknown. */
export function withData(m: MarkupFields, data: PostData | undefined): DataFields {
  const published = m.date.exact ?? data?.date ?? m.date.other();
  return {
    publishedAt: published == null ? null : new Date(published).toISOString(),
    likes: combine([...m.likes, data?.likes ?? null]),
    comments: combine([m.comments, data?.comments ?? null]),
    shares: combine([m.shares, data?.shares ?? null]),
    views: combine([...m.views, data?.views ?? null]),
    pinned: m.pinned || data?.pinned === true,
  };
}

/** Read one post. Null when the element has no post id (a skeleton, or not a post). */
export function readPost(root: Element, ctx: PostContext): PostObservationInput | null {
  const parts = readPostMarkup(root, ctx);
  return parts && { ...parts.post, ...withData(parts.markup, ctx.data.posts.get(parts.post.id)) };
}

/**
 * A post's own fields and the markup's readings of those the page's data adds to, not combined yet
 * (the `post` has them null): ./reader.ts asks the page for what is missing first, then combines.
 */
export function readPostMarkup(root: Element, ctx: PostContext): { post: PostObservationInput; markup: MarkupFields } | null {
  const id = postIdOf(root);
  if (!id) return null;
  const owner = id.slice(0, id.indexOf('_'));
  const slot = dateSlot(root);
  const ad = isAd(root, slot);
  const author = readAuthor(root, owner, ctx);
  const markup = markupFields(root, slot, ctx);
  const caption = captionOf(root);
  const ownerHandle = author.handle ?? (ctx.account?.id === owner ? (ctx.account.handle?.toLowerCase() ?? null) : null);
  const post: PostObservationInput = {
    platform: 'vk',
    id,
    url: vkPostUrl(id, ctx.host),
    authorId: owner,
    authorHandle: author.handle,
    authorName: author.name,
    publishedAt: null,
    kind: kindOf(root, caption),
    likes: null,
    comments: null,
    shares: null,
    views: null,
    pinned: false,
    likesHidden: false,
    ad,
    caption,
    commentsSample: readComments(root, id, owner, ownerHandle, ctx),
  };
  return { post, markup };
}

/**
 * Numbers the markup does not give (with what the page told already): ./reader.ts asks the page
 * for them. The date's text is parsed last, only when the counts are all there: a post the page is
 * asked about anyway takes the page's date, which comes before the text.
 */
export function lacksData(m: MarkupFields, data: PostData | undefined): boolean {
  return (
    combine([...m.views, data?.views ?? null]) === null ||
    combine([...m.likes, data?.likes ?? null]) === null ||
    (m.date.exact === null && data?.date == null && m.date.other() === null)
  );
}
