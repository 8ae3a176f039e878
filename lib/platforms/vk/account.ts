/**
 * The account a VK page shows (community or user): (document, url, page data) -> AccountObservation.
 * Pure: reads the document and the page data it is given.
 *
 * Id: VK's numeric id when anything on the page says it (the URL, the page's own data, the wall's
 * own posts, the header modules' links), else the screen name (lower case). `var vk = {id: ...}` in
 * the head is the viewer's id and is never read.
 */
import type { Count } from '../../count';
import { exactCount } from '../../count';
import type { AccountObservationInput } from '../../model';
import { parseCount } from '../../numbers';
import { bareCount, type CountContext, combine, squash } from './dom';
import type { OwnerData, PageData } from './page-data';
import { postIdOf, readAuthor } from './post';
import {
  AD_ROOT,
  AUTHOR_HREF,
  AUTHOR_NAME_LINK,
  any,
  COMMUNITY_FOLLOWERS,
  FOLLOWERS_LINK,
  FOLLOWING,
  MODULE_HEADER,
  OWNER_ID_LINKS,
  PAGE_COUNTER,
  PAGE_HEADER,
  PAGE_NAME,
  POST_ROOT,
  USER_FOLLOWERS,
  WALL,
  WALL_COUNT,
} from './selectors';
import { detectVkPage, numericIdFromSlug, vkAccountUrl } from './url';

export interface AccountContext extends CountContext {
  now: number;
  /** vk.com or vk.ru, for the account URL */
  host: string;
  data: PageData;
  /** The document is still the page it was loaded as (meta tags and inline scripts describe it). */
  firstPage: boolean;
}

const NUMERIC = /^-?\d{1,20}$/;
const SCREEN_NAME = /^[A-Za-z0-9_.]{2,64}$/;

// ---- labels ------------------------------------------------------------------------------------

export type CounterKind = 'followers' | 'following' | 'posts';

/** What a module label names: followers/members, following, posts (ru, en, uk). */
export function labelKind(label: string): CounterKind | null {
  const l = squash(label).toLowerCase().replace(/ё/g, 'е');
  // Word endings are Cyrillic letters only: "участникиNaN" (a damaged count glued on) is no label.
  if (/^(?:подписчик[а-я]*|участник[а-я]*|followers?|members?|subscribers?|підписник[а-яіїєґ]*|учасник[а-яіїєґ]*)$/u.test(l))
    return 'followers';
  if (/^(?:интересные страницы|подписки|following|interesting pages|subscriptions|цікаві сторінки|підписки)$/u.test(l)) return 'following';
  if (/^(?:(?:все|all)\s+)?(?:запис[а-яіїєґ]*|posts?|публикаци[а-я]*)(?:\s+(?:сообщества|on the wall|на стене))?$/u.test(l)) return 'posts';
  return null;
}

const COUNT_PART = '(\\d[\\d\\s\\u00a0\\u202f.,]*(?:\\s?(?:k|m|к|тыс\\.?|млн))?)';
const LABEL_FIRST = new RegExp(`^(\\p{L}[\\p{L} ]*?)\\s*[·•:]?\\s*${COUNT_PART}$`, 'iu');
const COUNT_FIRST = new RegExp(`^${COUNT_PART}\\s*(\\p{L}[\\p{L} ]*)$`, 'iu');

/** "Подписчики 4 444", "Участники · 12K", "4 444 подписчика", "Подписчики4 444" -> kind and count. */
export function labelledCount(text: string, ctx: CountContext): { kind: CounterKind; count: Count } | null {
  const t = squash(text);
  if (!t || t.length > 80) return null;
  let label: string | undefined;
  let number: string | undefined;
  const a = LABEL_FIRST.exec(t);
  if (a) [label, number] = [a[1], a[2]];
  else {
    const b = COUNT_FIRST.exec(t);
    if (b) [number, label] = [b[1], b[2]];
  }
  if (!label || !number) return null;
  const kind = labelKind(label);
  const count = kind ? parseCount(number.trim(), { locale: ctx.locale }) : null;
  return kind && count ? { kind, count } : null;
}

// ---- ids ---------------------------------------------------------------------------------------

/** The one owner all these posts share, or null. */
function sharedOwner(roots: Iterable<Element>, min: number): string | null {
  const owners = new Set<string>();
  let n = 0;
  const post = any(POST_ROOT);
  for (const root of roots) {
    if (root.parentElement?.closest(post) || root.matches(any(AD_ROOT))) continue;
    const id = postIdOf(root);
    if (!id) continue;
    owners.add(id.slice(0, id.indexOf('_')));
    n++;
  }
  return owners.size === 1 && n >= min ? [...owners][0] : null;
}

/** The wall's owner: the posts in the page's wall container all belong to it. */
function wallOwner(doc: Document): string | null {
  const roots: Element[] = [];
  for (const wall of doc.querySelectorAll(any(WALL))) roots.push(...wall.querySelectorAll(any(POST_ROOT)));
  return sharedOwner(roots, 1);
}

/** Posts whose header links to this screen name: their owner is this account. */
function ownerByHandle(doc: Document, handle: string): string | null {
  const roots: Element[] = [];
  const linkSel = any([...AUTHOR_NAME_LINK, ...AUTHOR_HREF]);
  for (const root of doc.querySelectorAll(any(POST_ROOT))) {
    const link = root.querySelector(linkSel);
    const href = link?.getAttribute('href') ?? '';
    const m = /^(?:https?:\/\/(?:www\.|m\.)?vk\.(?:com|ru))?\/([A-Za-z0-9_.]{2,64})\/?$/.exec(href);
    if (m && m[1].toLowerCase() === handle) roots.push(root);
  }
  return sharedOwner(roots, 1);
}

/** The screen name the owner's own posts link to (author links whose data-from-id is the owner). */
function handleFromPosts(doc: Document, numeric: string): string | null {
  const names = new Set<string>();
  for (const a of doc.querySelectorAll('a[data-from-id][href]')) {
    if (String(Number(a.getAttribute('data-from-id'))) !== numeric || !a.closest(any(POST_ROOT))) continue;
    const m = /^(?:https?:\/\/(?:www\.|m\.)?vk\.(?:com|ru))?\/([A-Za-z0-9_.]{2,64})\/?$/.exec(a.getAttribute('href') ?? '');
    if (m && !numericIdFromSlug(m[1]) && !/^\d+$/.test(m[1])) names.add(m[1].toLowerCase());
  }
  return names.size === 1 ? [...names][0] : null;
}

/** An href with its %-escapes decoded; as written when they do not decode ("%9e" alone is no UTF-8). */
function safeDecode(href: string): string {
  try {
    return decodeURIComponent(href.replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
  } catch {
    return href;
  }
}

/** Numeric ids in the hrefs of the page's own header modules. */
function ownerFromLinks(doc: Document): string | null {
  const ids = new Set<string>();
  for (const a of doc.querySelectorAll(any(OWNER_ID_LINKS))) {
    const href = safeDecode(a.getAttribute('href') ?? '');
    let m = /^\/wall(-?\d{1,20})(?:[?#]|$)/.exec(href);
    if (m) ids.add(String(Number(m[1])));
    m = /[?&]c\[group\]=(\d{1,20})/.exec(href);
    if (m) ids.add(`-${Number(m[1])}`);
    m = /^\/friends\?(?:.*&)?id=(\d{1,20})/.exec(href);
    if (m) ids.add(String(Number(m[1])));
    m = /^\/(?:albums|photos|videos|audios)(-?\d{1,20})(?:[?#]|$)/.exec(href);
    if (m) ids.add(String(Number(m[1])));
    m = /^\/photo(-?\d{1,20})_\d+/.exec(href);
    if (m && a.matches('#page_avatar a, a#profile_photo_link')) ids.add(String(Number(m[1])));
  }
  ids.delete('0');
  return ids.size === 1 ? [...ids][0] : null;
}

// ---- counters ----------------------------------------------------------------------------------

function collectCounters(doc: Document, ctx: CountContext): Record<CounterKind, Array<Count | null>> {
  const out: Record<CounterKind, Array<Count | null>> = { followers: [], following: [], posts: [] };
  for (const el of doc.querySelectorAll(any(COMMUNITY_FOLLOWERS))) out.followers.push(bareCount(el, ctx));
  for (const el of doc.querySelectorAll(any(USER_FOLLOWERS))) out.followers.push(bareCount(el, ctx));
  for (const el of doc.querySelectorAll(any(FOLLOWING))) out.following.push(bareCount(el, ctx));
  for (const el of doc.querySelectorAll(any(PAGE_COUNTER))) {
    const label = el.querySelector('.label');
    const kind = label ? labelKind(label.textContent ?? '') : null;
    if (kind) out[kind].push(bareCount(el.querySelector('.count'), ctx));
  }
  for (const el of doc.querySelectorAll(any(WALL_COUNT))) {
    const v = (el.getAttribute('value') ?? '').trim();
    if (/^\d{1,13}$/.test(v)) out.posts.push(exactCount(Number(v), v));
  }
  const labelled = new Set<Element>(doc.querySelectorAll(any([...MODULE_HEADER, ...FOLLOWERS_LINK])));
  const post = any(POST_ROOT);
  for (const header of doc.querySelectorAll(any(PAGE_HEADER))) {
    if (header.closest(post)) continue;
    for (const el of header.querySelectorAll('a, span, div, li, h2, h3, button')) if (!el.closest(post)) labelled.add(el);
  }
  for (const el of labelled) {
    const found = labelledCount(el.textContent ?? '', ctx) ?? labelledCount(el.getAttribute('aria-label') ?? '', ctx);
    if (found) out[found.kind].push(found.count);
  }
  return out;
}

function metaContent(doc: Document, property: string): string | null {
  const el = doc.querySelector(`meta[property="${property}"], meta[name="${property}"]`);
  return squash(el?.getAttribute('content')) || null;
}

/** Text of an element without the badges inside it (verified mark, status icons). */
function textWithout(el: Element, skip: string): string {
  let out = '';
  const walk = (n: Node) => {
    if (n.nodeType === 3) out += n.nodeValue ?? '';
    else if (n.nodeType === 1 && !(n as Element).matches(skip)) for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(el);
  return squash(out);
}

const NAME_SKIP = '[class*="verif"], [class*="Verif"], [class*="Badge"], [class*="badge"], [aria-hidden="true"], script, style, button';

function pageName(doc: Document): string | null {
  for (const s of PAGE_NAME) {
    const el = doc.querySelector(s);
    const text = el ? textWithout(el, NAME_SKIP) : '';
    if (text) return text.slice(0, 300);
  }
  return null;
}

// ---- the account -------------------------------------------------------------------------------

function findOwner(data: PageData, numeric: string | null, screen: string | null): OwnerData | null {
  if (numeric) return data.owners.get(numeric) ?? null;
  if (!screen) return null;
  const resolved = data.screenNames.get(screen);
  if (resolved)
    return (
      data.owners.get(resolved) ?? {
        id: resolved,
        screenName: screen,
        name: null,
        kind: resolved.startsWith('-') ? 'community' : 'user',
        followers: null,
        posts: null,
      }
    );
  for (const o of data.owners.values()) if (o.screenName === screen) return o;
  return null;
}

function accountUrl(id: string, handle: string | null, host: string): string {
  return handle ? `https://${host}/${handle}` : vkAccountUrl(id, host);
}

/** A profile page (community or user): everything the page shows about its account. */
function readProfile(doc: Document, slug: { id: string; handle: string | null }, ctx: AccountContext): AccountObservationInput | null {
  const urlNumeric = NUMERIC.test(slug.id) ? slug.id : null;
  let screen = slug.handle && SCREEN_NAME.test(slug.handle) ? slug.handle.toLowerCase() : null;
  const owner = findOwner(ctx.data, urlNumeric, screen);

  // Whose page the markup is: posts that link to this screen name, the wall's posts, the header
  // modules' links. After in-app navigation the URL changes before (or after) the content does, so
  // a later page of the document is read only once the markup itself says it is this account.
  const byHandle = screen ? ownerByHandle(doc, screen) : null;
  const dom = [byHandle, wallOwner(doc), ownerFromLinks(doc)].filter((x): x is string => x !== null);
  const agreeing = dom.length > 0 && dom.every((x) => x === dom[0]) ? dom[0] : null;
  const numeric = urlNumeric ?? owner?.id ?? (byHandle !== null && agreeing === byHandle ? byHandle : ctx.firstPage ? agreeing : null);
  const contrary = numeric !== null && dom.some((x) => x !== numeric);
  if (contrary || !(ctx.firstPage || owner !== null || (numeric !== null && dom.includes(numeric)))) return null;

  // the screen name of a /club123 or /id1 page: the page's data, or its og:url on the first page
  if (!screen) screen = owner?.screenName ?? null;
  if (!screen && ctx.firstPage) {
    const og = /^https:\/\/(?:www\.|m\.)?vk\.(?:com|ru)\/([A-Za-z0-9_.]{2,64})\/?$/.exec(metaContent(doc, 'og:url') ?? '');
    if (og && !numericIdFromSlug(og[1]) && detectVkPage(`https://vk.com/${og[1]}`).kind === 'profile') screen = og[1].toLowerCase();
  }

  if (!screen && numeric) screen = handleFromPosts(doc, numeric);
  const id = numeric ?? screen;
  if (!id) return null;

  const counters = collectCounters(doc, ctx);
  const community = doc.querySelector(any(COMMUNITY_FOLLOWERS));
  const kind: 'user' | 'community' | null = numeric
    ? numeric.startsWith('-')
      ? 'community'
      : 'user'
    : community
      ? 'community'
      : (owner?.kind ?? null);

  let name = owner?.name ?? pageName(doc);
  if (!name && ctx.firstPage) {
    const ogUrl = metaContent(doc, 'og:url') ?? '';
    const ogSlug = /\/([A-Za-z0-9_.]{2,64})\/?$/.exec(ogUrl)?.[1]?.toLowerCase();
    const ogId = ogSlug ? numericIdFromSlug(ogSlug) : null;
    if (ogSlug && (ogSlug === screen || (ogId !== null && ogId === numeric))) name = metaContent(doc, 'og:title');
  }

  return {
    platform: 'vk',
    id,
    nativeId: numeric,
    handle: screen,
    name: name ? name.slice(0, 300) : null,
    url: accountUrl(id, screen, ctx.host),
    kind,
    followers: combine([owner?.followers ?? null, ...counters.followers]),
    following: kind === 'community' ? null : combine(counters.following),
    posts: combine([owner?.posts ?? null, ...counters.posts]),
  };
}

/** The owner of the post a post page shows: its id, and its name and screen name from the post header. */
function readPostOwner(doc: Document, postId: string, ctx: AccountContext): AccountObservationInput {
  const owner = postId.slice(0, postId.indexOf('_'));
  let handle: string | null = null;
  let name: string | null = null;
  const data = ctx.data.owners.get(owner);
  for (const root of doc.querySelectorAll(any(POST_ROOT))) {
    if (postIdOf(root) !== postId) continue;
    const author = readAuthor(root, owner, { ...ctx, pageKind: 'post', account: null });
    handle = author.handle;
    name = author.name;
    break;
  }
  handle = data?.screenName ?? handle;
  name = data?.name ?? name;
  return {
    platform: 'vk',
    id: owner,
    nativeId: owner,
    handle,
    name,
    url: accountUrl(owner, handle, ctx.host),
    kind: owner.startsWith('-') ? 'community' : 'user',
    followers: data?.followers ?? null,
    following: null,
    posts: data?.posts ?? null,
  };
}

/** The account the page at `url` shows; null on the feed and on pages of no account. */
export function readVkAccount(doc: Document, url: string, ctx: AccountContext): AccountObservationInput | null {
  const page = detectVkPage(url);
  if (page.kind === 'profile' && page.account) return readProfile(doc, page.account, ctx);
  if (page.kind !== 'post' || !page.postId) return null;
  // A post opened over a profile (/durov?w=wall1_2): the profile underneath is the page's account
  // when it is the post's owner.
  try {
    const base = new URL(url);
    base.searchParams.delete('w');
    base.searchParams.delete('z');
    const under = detectVkPage(base);
    if (under.kind === 'profile' && under.account) {
      const profile = readProfile(doc, under.account, ctx);
      const owner = page.postId.slice(0, page.postId.indexOf('_'));
      if (profile && (profile.id === owner || profile.nativeId === owner)) return profile;
    }
  } catch {
    // not a URL: fall through
  }
  return readPostOwner(doc, page.postId, ctx);
}
