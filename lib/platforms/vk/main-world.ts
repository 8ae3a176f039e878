/**
 * The MAIN-world half of the VK reader: it runs in the page's own JavaScript world, where the
 * objects VK renders from are visible, and answers the content script's questions about them.
 *
 * - Post numbers VK no longer writes into the markup (views since the December 2024 redesign):
 *   React keeps them in the props of the post components (`viewsCount` and `date` of
 *   PostDateBlock, as vknext/vk-classic-feed reads them; the API post object {id, owner_id,
 *   likes, comments, reposts, views, date} in the props of post components).
 * - `window.cur.apiPrefetchCache`, the API answers embedded for the first render (vk.ru 2026).
 *
 * It answers only when asked (a `smm-lens:vk-ask` event from the content script), synchronously,
 * through the one-way page bridge; it reads, never writes, and sends no request. Whatever it
 * sends is treated as page data on the other side. It must never disturb the page: everything is
 * guarded, walks are bounded.
 */
import { postToExtension } from '../../content/page-bridge';
import { ASK_EVENT, type Ask, PAGE_DATA_CHANNEL } from './channel';
import { decodeEntities } from './entities';
import { interpretPrefetch, type PrefetchFacts, prefetchEntries } from './prefetch';
import { any, NOT_OWN, POST_ROOT } from './selectors';

export { ASK_EVENT, type Ask, PAGE_DATA_CHANNEL } from './channel';

/** Raw numbers as found; the content script checks each one. */
export interface PostPayload {
  id: string;
  views?: unknown;
  likes?: unknown;
  comments?: unknown;
  reposts?: unknown;
  date?: unknown;
  pinned?: unknown;
}

export interface Answer {
  /** posts asked for, from React props */
  posts: PostPayload[];
  /** what the apiPrefetchCache says (when asked) */
  prefetch: PrefetchFacts | null;
}

const POST_ID = /^(-?\d{1,20})_(\d{1,20})$/;
const MAX_IDS = 300;
const MAX_FIBER_DEPTH = 30;
const PREFETCH_METHODS = new Set([
  'groups.getById',
  'users.get',
  'users.getFollowers',
  'utils.resolveScreenName',
  'wall.get',
  'wall.getById',
]);
const DATE_BLOCK = '[class*="PostDateBlock__root"]';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

/** React's private keys on a DOM node (`__reactFiber$<random>` and friends). */
function reactKey(el: Element, prefix: string): unknown {
  for (const k of Object.keys(el)) if (k.startsWith(prefix)) return (el as unknown as Obj)[k];
  return undefined;
}

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v)) return Number(v);
  return null;
}

const countOf = (v: unknown): unknown => (isObj(v) ? v.count : v);

/** Does `o` describe post owner_postId (the API post object)? */
function isPostObject(o: unknown, owner: number, postId: number): o is Obj {
  if (!isObj(o)) return false;
  return num(o.owner_id ?? o.source_id ?? o.ownerId) === owner && num(o.id ?? o.post_id ?? o.postId) === postId;
}

function fromPostObject(o: Obj, out: PostPayload): void {
  if (out.views === undefined && o.views !== undefined) out.views = countOf(o.views);
  if (out.likes === undefined && o.likes !== undefined) out.likes = countOf(o.likes);
  if (out.comments === undefined && o.comments !== undefined) out.comments = countOf(o.comments);
  if (out.reposts === undefined && o.reposts !== undefined) out.reposts = countOf(o.reposts);
  if (out.date === undefined && o.date !== undefined) out.date = o.date;
  if (out.pinned === undefined && o.is_pinned !== undefined) out.pinned = o.is_pinned;
}

/** Props of a PostDateBlock: {viewsCount, date} (vknext/vk-classic-feed oldPostDesign, 2024-12 .. 2025-09). */
function fromDateBlockProps(p: unknown, out: PostPayload): void {
  if (!isObj(p)) return;
  if (out.views === undefined && p.viewsCount !== undefined) out.views = p.viewsCount;
  if (out.date === undefined && p.date !== undefined) out.date = p.date;
}

const PROP_KEYS = ['post', 'item', 'data', 'entry', 'postData', 'wallPost', 'model', 'value'];

/** Look through the props React rendered a post from: the root's fiber and its owners, the date block. */
export function readPostFromReact(root: Element, id: string): PostPayload | null {
  const m = POST_ID.exec(id);
  if (!m) return null;
  const owner = Number(m[1]);
  const postId = Number(m[2]);
  const out: PostPayload = { id };

  let fiber = reactKey(root, '__reactFiber$') ?? reactKey(root, '__reactInternalInstance$');
  for (let depth = 0; isObj(fiber) && depth < MAX_FIBER_DEPTH; depth++) {
    const props = fiber.memoizedProps;
    if (isObj(props)) {
      if (isPostObject(props, owner, postId)) fromPostObject(props, out);
      for (const k of PROP_KEYS) if (isPostObject(props[k], owner, postId)) fromPostObject(props[k] as Obj, out);
    }
    fiber = fiber.return;
  }

  const notOwn = any(NOT_OWN);
  const post = any(POST_ROOT);
  for (const block of root.querySelectorAll(DATE_BLOCK)) {
    let own = true;
    for (let p = block.parentElement; p && p !== root; p = p.parentElement) {
      if (p.matches(notOwn) || p.matches(post)) {
        own = false;
        break;
      }
    }
    if (!own) continue;
    const container = reactKey(block, '__reactContainer$');
    if (isObj(container) && isObj(container.memoizedState) && isObj(container.memoizedState.element)) {
      fromDateBlockProps(container.memoizedState.element.props, out);
    }
    const child = block.firstElementChild;
    const childProps = child ? reactKey(child, '__reactProps$') : undefined;
    if (isObj(childProps) && isObj(childProps.children)) fromDateBlockProps(childProps.children.props, out);
    const props = reactKey(block, '__reactProps$');
    fromDateBlockProps(props, out);
  }
  return Object.keys(out).length > 1 ? out : null;
}

// ---- apiPrefetchCache ------------------------------------------------------------------------------

const MAX_SCRIPT_CHARS = 20_000_000;
const MAX_VALUE_CHARS = 5_000_000;

/** The end (exclusive) of the JSON array/object starting at `start`, or -1. Strings are skipped. */
function matchBrackets(text: string, start: number): number {
  let depth = 0;
  const limit = Math.min(text.length, start + MAX_VALUE_CHARS);
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < limit; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 || c === 123) depth++;
    else if (c === 93 || c === 125) {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

/** A JS string literal at `start` ("..." or '...'), unescaped; null when it is not one. */
function readStringLiteral(text: string, start: number): string | null {
  const quote = text[start];
  if (quote !== '"' && quote !== "'") return null;
  let out = '';
  const limit = Math.min(text.length, start + MAX_VALUE_CHARS);
  for (let i = start + 1; i < limit; i++) {
    const c = text[i];
    if (c === quote) return out;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = text[++i];
    if (e === 'n') out += '\n';
    else if (e === 't') out += '\t';
    else if (e === 'r') out += '\r';
    else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
      out += String.fromCharCode(Number.parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out += String.fromCharCode(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e !== undefined) out += e;
  }
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The value written after `apiPrefetchCache` at `pos`: `: [...]`, `= {...}`, `= JSON.parse("...")`, `: "..."`. */
function valueAfter(text: string, pos: number): unknown {
  let i = pos;
  if (text[i] === '"' || text[i] === "'") i++;
  while (i < text.length && /\s/.test(text[i])) i++;
  if (text[i] !== ':' && text[i] !== '=') return undefined;
  i++;
  while (i < text.length && /\s/.test(text[i])) i++;
  if (text.startsWith('JSON.parse(', i)) {
    i += 'JSON.parse('.length;
    while (i < text.length && /\s/.test(text[i])) i++;
  }
  const c = text[i];
  if (c === '[' || c === '{') {
    const end = matchBrackets(text, i);
    return end > 0 ? parseJson(text.slice(i, end)) : undefined;
  }
  const s = readStringLiteral(text, i);
  if (s === null) return undefined;
  const inner = s.trimStart();
  if (inner[0] !== '[' && inner[0] !== '{') return undefined;
  const direct = parseJson(inner);
  return direct !== undefined ? direct : parseJson(decodeEntities(inner));
}

/** apiPrefetchCache values written in the page's inline scripts (the server HTML, as sent). */
export function prefetchFromScripts(doc: Document): unknown[] {
  const out: unknown[] = [];
  for (const script of doc.querySelectorAll('script:not([src])')) {
    const text = script.textContent ?? '';
    if (text.length > MAX_SCRIPT_CHARS) continue;
    for (let i = text.indexOf('apiPrefetchCache'); i >= 0 && out.length < 20; i = text.indexOf('apiPrefetchCache', i + 1)) {
      const value = valueAfter(text, i + 'apiPrefetchCache'.length);
      if (value !== undefined) out.push(value);
    }
  }
  return out;
}

/** Keep the entries the reader uses, as plain JSON-able data. */
function usedEntries(cache: unknown, out: unknown[]): void {
  const entries = Array.isArray(cache) ? cache : isObj(cache) ? Object.values(cache) : [];
  for (const e of entries.slice(0, 500)) {
    const method = isObj(e) ? e.method : Array.isArray(e) ? e[0] : undefined;
    if (typeof method !== 'string' || !PREFETCH_METHODS.has(method)) continue;
    try {
      out.push(JSON.parse(JSON.stringify(e)));
    } catch {
      // a value the page made unserialisable: skip it
    }
  }
}

/**
 * The page's apiPrefetchCache: window.cur's (while the app has not consumed it) and the text of
 * the inline script that set it (which stays). Only the entries the reader uses.
 */
export function readPrefetch(doc: Document, win: Window): unknown[] {
  const out: unknown[] = [];
  try {
    usedEntries((win as unknown as { cur?: { apiPrefetchCache?: unknown } }).cur?.apiPrefetchCache, out);
  } catch {
    // a getter of the page threw: the scripts' text remains
  }
  for (const value of prefetchFromScripts(doc)) usedEntries(value, out);
  return out.slice(0, 500);
}

export function answer(doc: Document, win: Window, ask: Ask): Answer {
  const wanted = new Set(ask.ids.filter((id) => POST_ID.test(id)).slice(0, MAX_IDS));
  const posts: PostPayload[] = [];
  const read = (root: Element, id: string) => {
    wanted.delete(id);
    const data = readPostFromReact(root, id);
    if (data) posts.push(data);
  };
  // The reader asks about each batch of posts it reads: on a long wall, scanning every post for each
  // ask made a page of N posts cost N^2 / batch (bench/, docs/PERFORMANCE.md). VK gives a post's
  // element the id "post<owner>_<id>" (2021-2025 markups): found directly.
  for (const id of [...wanted]) {
    const el = doc.getElementById(`post${id}`);
    if (el && el.getAttribute('data-post-id') === id && el.matches(any(POST_ROOT))) read(el, id);
  }
  if (wanted.size) {
    // Without such ids (the 2026 app), the posts asked about are the newest, at the end: scan from there.
    const roots = doc.querySelectorAll(any(POST_ROOT));
    for (let i = roots.length - 1; i >= 0 && wanted.size; i--) {
      const id = roots[i].getAttribute('data-post-id') ?? '';
      if (wanted.has(id)) read(roots[i], id);
    }
  }
  return { posts, prefetch: ask.prefetch ? interpretPrefetch(prefetchEntries(readPrefetch(doc, win))) : null };
}

function parseAsk(detail: unknown): Ask | null {
  if (typeof detail !== 'string' || detail.length > 100_000) return null;
  const v: unknown = JSON.parse(detail);
  if (!isObj(v) || !Array.isArray(v.ids)) return null;
  return { ids: v.ids.filter((x): x is string => typeof x === 'string'), prefetch: v.prefetch === true };
}

/** Start answering. Returns a remover. */
export function installMainWorld(win: Window): () => void {
  const listener = (event: Event) => {
    try {
      const ask = parseAsk((event as CustomEvent<unknown>).detail);
      if (ask) postToExtension(PAGE_DATA_CHANNEL, answer(win.document, win, ask));
    } catch {
      // never disturb the page
    }
  };
  win.addEventListener(ASK_EVENT, listener);
  return () => win.removeEventListener(ASK_EVENT, listener);
}
