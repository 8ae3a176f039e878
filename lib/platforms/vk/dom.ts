/**
 * Small DOM helpers for the VK extractors: a post's own elements (not those of its comments or of
 * a reposted original), text as shown, and counts read from attributes and text. No page state.
 */
import { type Count, exactCount, reconcileCounts } from '../../count';
import { findCount, parseCount } from '../../numbers';
import { any, NOT_OWN, POST_ROOT, type Selectors } from './selectors';

/** Is `el` (inside `root`) part of the post itself, not of a comment or a reposted original? */
export function isOwn(el: Element, root: Element, inside = false): boolean {
  // While the lookups are remembered (withQueryCache): the parts of root that are not its own,
  // found once per root, instead of an ancestor walk per element asked about. `inside`: el was
  // found by a query of root (no need to ask root whether it holds el).
  const parts = memo ? notOwnPartsOf(root) : null;
  if (parts && (inside || root.contains(el))) {
    for (const p of parts) if (p.contains(el)) return false;
    return true;
  }
  // One native ancestor walk (closest) instead of two `matches` per ancestor: the nearest ancestor
  // (or el itself) that is a comment, a repost or another post; own when it is root or outside it.
  const c = el.closest(notOwnOrPost());
  if (c === null || c === root) return true;
  if (root.contains(c)) return false;
  // c is above root: el is root's own unless el is not inside root at all (then check up to the top, as before)
  return root.contains(el);
}

/**
 * The parts of root that are not its own, remembered per root while `withQueryCache` runs (null
 * outside it). Empty (most posts): root holds no comment, no repost and no other post, so the
 * queries for those (./post.ts) need not run.
 */
export function notOwnPartsOf(root: Element): Element[] | null {
  return memo ? remembered(root, root, () => notOwnParts(root)) : null;
}

/** The top-most comments, reposted originals and other posts inside root (document order). */
function notOwnParts(root: Element): Element[] {
  const parts: Element[] = [];
  for (const m of root.querySelectorAll(notOwnOrPost())) if (!parts[parts.length - 1]?.contains(m)) parts.push(m);
  return parts;
}

let notOwnOrPostSel: string | null = null;
const notOwnOrPost = () => {
  if (notOwnOrPostSel === null) notOwnOrPostSel = `${any(NOT_OWN)},${any(POST_ROOT)}`;
  return notOwnOrPostSel;
};

/**
 * Answers of ownAll / ownFirst / isOwn while `withQueryCache` runs: the reader parses a post again
 * once the page has told what its markup lacks (./reader.ts), and the same registry lookups on an
 * unchanged element give the same elements. Per root, keyed by the registry list (ownFirst), a
 * one-element array holding it (ownAll) or the root itself (its parts that are not its own).
 */
let memo: Map<Element, Map<unknown, unknown>> | null = null;
const allKeys = new WeakMap<Selectors, Selectors[]>();

/** Run `fn` with the lookups of ownAll / ownFirst remembered (the DOM must not change meanwhile). */
export function withQueryCache<T>(fn: () => T): T {
  if (memo) return fn();
  memo = new Map();
  try {
    return fn();
  } finally {
    memo = null;
  }
}

function remembered<V>(root: Element, key: unknown, compute: () => V): V {
  if (!memo) return compute();
  let byRoot = memo.get(root);
  if (!byRoot) {
    byRoot = new Map();
    memo.set(root, byRoot);
  }
  if (!byRoot.has(key)) byRoot.set(key, compute());
  return byRoot.get(key) as V;
}

/** Every element of `root` matching any of the selectors (document order) that is the post's own. */
export function ownAll(root: Element, selectors: Selectors): Element[] {
  let key = allKeys.get(selectors);
  if (!key) {
    key = [selectors];
    allKeys.set(selectors, key);
  }
  return remembered(root, key, () => ownAllNow(root, selectors)).slice();
}

function ownAllNow(root: Element, selectors: Selectors): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll(any(selectors))) if (isOwn(el, root, true)) out.push(el);
  return out;
}

/** The first own element for the first selector (in registry order) that has one. */
export function ownFirst(root: Element, selectors: Selectors): Element | null {
  return remembered(root, selectors, () => ownFirstNow(root, selectors));
}

/**
 * Per registry list, the highest rank that has given a post its element so far (the list's
 * "head"; kept for the content script's life, across in-app navigations). A page is written in one
 * markup generation, and its elements match the same few fallbacks: the fallbacks below the head
 * are queried only when the head finds no own element. The answer is the one a query of the whole
 * list gives (an own element at or above the head beats every one below it; ties go to document
 * order in both), whatever was read before (a test reads every fixture after every other). It
 * saves selectors, not queries: the reader 5-10 % faster on the benchmark's wall (bench --reader).
 */
let heads = new WeakMap<Selectors, Head>();
/** The head's rank, the list up to it joined, the rest joined ('' when the head is the last). */
type Head = [number, string, string];

/** The head learned for a list (tests). */
export function listHead(selectors: Selectors): number | undefined {
  return heads.get(selectors)?.[0];
}

/** Forget what was learned (tests: a reader as on a fresh page). */
export function forgetListHeads(): void {
  heads = new WeakMap();
}

function ownFirstNow(root: Element, selectors: Selectors): Element | null {
  const head = heads.get(selectors);
  if (head) {
    const [el] = ownFirstIn(root, selectors, head[1], 0, head[0] + 1);
    if (el || !head[2]) return el;
  }
  const [el, rank] = ownFirstIn(root, selectors, head ? head[2] : any(selectors), head ? head[0] + 1 : 0, selectors.length);
  // found below the head (or with no head yet): the head moves down to it
  if (el) heads.set(selectors, [rank, selectors.slice(0, rank + 1).join(), selectors.slice(rank + 1).join()]);
  return el;
}

/**
 * The first own element for the first selector of selectors[from..to) (joined) that has one, and
 * its rank: exact when several elements were found; `from` when one was, not ranked (a lower bound:
 * a head learned from it moves down a fallback at a time; the answers are right whatever the head).
 */
function ownFirstIn(root: Element, selectors: Selectors, joined: string, from: number, to: number): [Element | null, number] {
  // One query for the whole range (a query per fallback was most of the reader's time on long
  // walls), then the registry order among the few elements found.
  const found = root.querySelectorAll(joined);
  if (found.length === 0) return [null, -1];
  // one element found (the usual case): no registry order to settle
  if (found.length === 1) return isOwn(found[0], root, true) ? [found[0], from] : [null, -1];
  let best: Element | null = null;
  let bestRank = to;
  for (const el of found) {
    let rank = from;
    while (rank < bestRank && !el.matches(selectors[rank])) rank++;
    if (rank < bestRank && isOwn(el, root, true)) {
      best = el;
      bestRank = rank;
      if (rank === from) break;
    }
  }
  return [best, best ? bestRank : -1];
}

/** The element itself or its first descendant matching (registry order). */
export function selfOrFirst(el: Element, selectors: Selectors): Element | null {
  // one query for the list, then the registry order among the few found (el first for each selector)
  const sel = any(selectors);
  const found = el.querySelectorAll(sel);
  const self = el.matches(sel);
  if (!self && found.length === 0) return null;
  if (found.length === 0) return el;
  if (!self && found.length === 1) return found[0];
  for (const s of selectors) {
    if (self && el.matches(s)) return el;
    for (const f of found) if (f.matches(s)) return f;
  }
  return null;
}

/** Whitespace collapsed, trimmed. */
export function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/**
 * The text of an element as a reader sees it: emoji images give their alt, <br> a line break,
 * controls ("Показать полностью...") are skipped. Bounded.
 */
export function shownText(el: Element, skip: string, max = 2000): string {
  let out = '';
  const walk = (node: Node): void => {
    if (out.length > max) return;
    if (node.nodeType === 3) {
      out += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const e = node as Element;
    // localName, not tagName: lower case in a rebuilt copy (an XML document: ./batch.ts) as in the page
    const tag = e.localName;
    if (tag === 'br') {
      out += '\n';
      return;
    }
    if (tag === 'img') {
      out += e.getAttribute('alt') ?? '';
      return;
    }
    if (skip && e.matches(skip)) return;
    const block = tag === 'div' || tag === 'p';
    if (block && out && !out.endsWith('\n')) out += '\n';
    for (let c = e.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(el);
  return out
    .replace(/[ \t\u00a0\u202f]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, max);
}

// ---- counts ---------------------------------------------------------------------------------

export interface CountContext {
  /** Page language (document.documentElement.lang). */
  locale: string;
}

/**
 * Labels that name a count among others ("Вы и ещё 5 человек", "you and 5 others") are not the
 * total: refuse them rather than read the wrong number.
 */
const PARTIAL_LABEL = /(?:ещё|еще|(?<!\p{L})(?:и|вы|вам|and|more|others?|you)(?!\p{L}))/iu;

/** A count from an aria-label or title ("2 комментария", "Оценили 69 человек", "1.1K просмотра"). */
export function labelCount(label: string | null | undefined, ctx: CountContext): Count | null {
  if (!label || PARTIAL_LABEL.test(label)) return null;
  return parseCount(label, { locale: ctx.locale });
}

/** A count from the text of an element (digits, "1.1K", "12,3 тыс."); empty text is no reading. */
export function textCount(el: Element | null, ctx: CountContext): Count | null {
  if (!el) return null;
  const t = (el.textContent ?? '').trim();
  // plain digits (most buttons' counts): what parseCount makes of them, without its regular
  // expressions (a test holds the two to the same answers)
  if (PLAIN.test(t)) return exactCount(Number(t), t);
  return t ? parseCount(t, { locale: ctx.locale }) : null;
}

const PLAIN = /^\d{1,13}$/;

/**
 * A count from an element that holds nothing but the count (`.header_count`, `.count`): "12 345",
 * "12K", "1,2 тыс.". Any other text in it ("Infinity 345": a damaged number) is no reading.
 */
export function bareCount(el: Element | null, ctx: CountContext): Count | null {
  if (!el) return null;
  const found = findCount((el.textContent ?? '').trim(), { locale: ctx.locale });
  return found && found.start === 0 && found.end === found.text.length ? found.count : null;
}

/** data-count="12": an exact count; anything else is no reading. */
export function dataCount(el: Element | null): Count | null {
  const v = el?.getAttribute('data-count');
  if (v == null) return null;
  const t = v.trim();
  return /^\d{1,13}$/.test(t) ? exactCount(Number(t), t) : null;
}

/** data-reaction-counts="[61,2,2,2,2]": the sum of the reactions, exact; malformed is no reading. */
export function reactionSum(el: Element | null): Count | null {
  const v = el?.getAttribute('data-reaction-counts');
  if (v == null || v.length > 500) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length > 50) return null;
  let sum = 0;
  for (const n of parsed) {
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return null;
    sum += n;
  }
  return exactCount(sum, v);
}

/** The button's count is certainly zero: VK marks empty buttons (class `empty`) or writes data-count="0". */
export function certainlyZero(button: Element): boolean {
  return button.classList.contains('empty') || button.getAttribute('data-count')?.trim() === '0';
}

/** Combine readings: exact ones win over agreeing abbreviations; disagreement is unknown. */
export function combine(readings: ReadonlyArray<Count | null>): Count | null {
  return reconcileCounts(readings);
}
