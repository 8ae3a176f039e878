/**
 * The VK reader: a SiteReader for lib/content/run-site.ts. Per page view it reads the account the
 * page shows and every visible post, then only what scrolling or rendering adds:
 * - a post element is parsed when it appears, and again only when something is added inside it
 *   (comments expanded, a skeleton filled in, a live counter); never on unrelated mutations;
 * - numbers the markup does not carry (views since the 2024 redesign) come from data the page
 *   holds, through the MAIN-world helper (./main-world.ts): React props of posts, and the
 *   apiPrefetchCache of the document's first page (window.cur and its inline script);
 * - a long page is read in chunks of MAX_POSTS_PER_READING, the rest pushed between tasks;
 * - nothing here throws on odd markup; run-site guards the calls anyway.
 *
 * Extraction is pure (./post.ts, ./account.ts); `readVkPage` reads a whole document at once (tests).
 */
import type { PageSession, Reading, SiteReader } from '../../content/run-site';
import type { AccountObservationInput, PageKind, PostObservationInput } from '../../model';
import { type AccountContext, readVkAccount } from './account';
import type { VkPostBatch } from './batch';
import { applyAnswer, askPage } from './bridge';
import type { Ask } from './channel';
import { withQueryCache } from './dom';
import { emptyPageData, type PageData } from './page-data';
import { lacksData, type MarkupFields, type PostContext, postIdOf, readPostMarkup, withData } from './post';
import { any, POST_ROOT } from './selectors';
import { detectVkPage } from './url';

/**
 * Posts per reading: a chunk parses in about 30 ms in Chromium (0.3 ms a post), so a long page is
 * read without long tasks; well under MAX_POSTS_PER_REPORT (300, lib/model.ts; not imported: no zod).
 */
export const MAX_POSTS_PER_READING = 100;

/**
 * Wall-clock ms a reading of a live page may take (its account's reading, when it has one,
 * included: on a long page that searches the whole page) before the posts left over wait for the
 * next chunk (between tasks, like those beyond MAX_POSTS_PER_READING): on a slow machine, or on a fresh
 * page before the JavaScript engine has warmed up, 100 posts can take longer than a frame. Wall
 * time, not CPU: a busy machine that takes the thread away meanwhile makes the task longer for the
 * page too. Only with `push` (the content script's session, which can send the rest later); a
 * reading without it (readVkPage, tests) reads everything it takes.
 */
export const READING_BUDGET_MS = 16;

/** While only posts are added and the account is not settled, it is read again at every this-many readings. */
export const ACCOUNT_EVERY = 10;

/**
 * Reads a batch of posts somewhere other than the page's main thread (the content script: the
 * extension's reader document, through the background, lib/background/read-elsewhere.ts): one
 * entry per serialized post, null for an element that is no post. Rejects when there is no answer
 * (the batch is sent again); resolves with no posts when the batch was refused (it would be again).
 */
export type ReadElsewhere = (batch: VkPostBatch) => Promise<Array<PostObservationInput | null>>;

/** Longest serialized post sent elsewhere (characters; a longer one is not read). Matches VkPostBatchSchema in lib/protocol.ts. */
export const MAX_POST_CHARS = 2_000_000;
/**
 * A batch that got no answer (the worker stopped meanwhile, the extension reloaded) is sent again
 * after these ms, the last again and again: never given up, as the outbox never gives up a report.
 */
export const ELSEWHERE_RETRY_MS = [1000, 2000, 3000, 30_000];

export interface VkReadOptions {
  /** epoch ms; Date.now by default */
  now?: () => number;
  /** The MAIN-world round trip (tests replace it). */
  ask?: (ask: Ask) => unknown;
  /** The document is still the page it was loaded as (default: the first session of the document). */
  firstPage?: boolean;
  /** Send a reading that no DOM change asked for (the posts left over from a long page, read in chunks). */
  push?: (reading: Reading) => void;
  /**
   * Read the posts elsewhere, not here (with `push`, which delivers them): the page's main thread
   * only copies each post's markup out (XMLSerializer: the tree exactly as it is, no HTML parser
   * fix-ups on the other side) and asks the MAIN-world helper for its data, and the parsing runs in
   * another process (./batch.ts). The account is always read here (from the whole page).
   */
  elsewhere?: ReadElsewhere;
  /** Read the posts here (./post.ts): what `startVkSession` and `readVkPage` give. */
  parse?: ParseHere;
}

/** The post parsing of ./post.ts, passed in: a content script that reads elsewhere does not ship it. */
export interface ParseHere {
  read: typeof readPostMarkup;
  lacks: typeof lacksData;
  with: typeof withData;
}
const PARSE_HERE: ParseHere = { read: readPostMarkup, lacks: lacksData, with: withData };

export interface VkPageSession extends PageSession {
  /**
   * Counters (tests, benchmarks): post elements parsed (or sent to be read elsewhere), questions to
   * the page, readings of the account, batches sent elsewhere and those that got no answer.
   */
  readonly stats: { postsParsed: number; asks: number; accountReads: number; batches: number; failedBatches: number };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.endsWith('vk.ru') ? 'vk.ru' : 'vk.com';
  } catch {
    return 'vk.com';
  }
}

/** Post roots that are not inside another post (a repost's original, a comment). */
function isTopLevel(root: Element): boolean {
  const lvl = root.getAttribute('data-post-nesting-lvl');
  if (lvl !== null && lvl.trim() !== '0') return false;
  return !root.parentElement?.closest(any(POST_ROOT));
}

function topLevelOf(el: Element): Element | null {
  let root: Element | null = el.matches(any(POST_ROOT)) ? el : (el.parentElement?.closest(any(POST_ROOT)) ?? null);
  while (root && !isTopLevel(root)) root = root.parentElement?.closest(any(POST_ROOT)) ?? null;
  return root;
}

const seenDocuments = new WeakSet<Document>();

/** A session that reads its posts here (tests, tools); with `elsewhere`, they are read there. */
export function startVkSession(doc: Document, url: string, options: VkReadOptions = {}): VkPageSession {
  return openVkSession(doc, url, options.elsewhere ? options : { parse: PARSE_HERE, ...options });
}

function openVkSession(doc: Document, url: string, options: VkReadOptions): VkPageSession {
  const firstPage = options.firstPage ?? !seenDocuments.has(doc);
  seenDocuments.add(doc);
  const now = options.now ?? Date.now;
  const win = doc.defaultView;
  const ask = options.ask ?? ((a: Ask) => (win ? askPage(win, a) : null));
  const page = detectVkPage(url);
  const pageKind: PageKind = page.kind;
  const host = hostOf(url);
  // (a language tag is short: a page's odd lang attribute must not get every batch of posts refused)
  const locale = (doc.documentElement?.getAttribute('lang') || 'ru').slice(0, 35);
  const data: PageData = emptyPageData();
  const stats = { postsParsed: 0, asks: 0, accountReads: 0, batches: 0, failedBatches: 0 };
  const processed = new WeakSet<Element>();
  let pending: Element[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  let prefetchRead = false;
  const readPrefetch = () => {
    if (prefetchRead) return;
    prefetchRead = true;
    // The inline script and window.cur describe the page the document was loaded as.
    if (!firstPage || (pageKind !== 'profile' && pageKind !== 'post')) return;
    stats.asks++;
    applyAnswer(data, ask({ ids: [], prefetch: true }), new Set(), now());
  };

  let account: AccountObservationInput | null = null;
  let accountKey = '';
  let accountDone = pageKind === 'feed' || pageKind === 'other';
  /** readings that brought posts only (see `added`) */
  let postsOnly = 0;
  /** Read the account again; true when it changed. Stops once the page has told what it will tell. */
  const readAccount = (): boolean => {
    if (accountDone) return false;
    const reads = ++stats.accountReads;
    const ctx: AccountContext = { now: now(), host, data, firstPage, locale };
    const next = readVkAccount(doc, url, ctx);
    if ((next?.nativeId && (next.followers || reads > 10)) || reads > 50) accountDone = true;
    if (!next) return false;
    account = next;
    const key = JSON.stringify(next);
    if (key === accountKey) return false;
    accountKey = key;
    return true;
  };

  const postContext = (): PostContext => ({
    now: now(),
    host,
    pageKind,
    account: account ? { id: account.nativeId ?? account.id, handle: account.handle ?? null } : null,
    data,
    locale,
  });

  /** Parse these post roots; ask the page for what their markup lacks, once for the batch. */
  const readRoots = (roots: Element[]): PostObservationInput[] => {
    if (options.elsewhere && options.push) {
      sendElsewhere(roots, options.elsewhere, options.push);
      return [];
    }
    return withQueryCache(() => readRootsNow(roots));
  };
  const budget = options.push ? READING_BUDGET_MS : Number.POSITIVE_INFINITY;
  /** When the current reading began: the account's reading, when it has one, counts against the posts' budget. */
  let started = 0;
  /** At least one post per reading; past the budget, roots from `i` on go first in the next chunk. */
  const pastBudget = (roots: Element[], i: number): boolean => {
    if (!i || performance.now() - started <= budget) return false;
    pending = [...roots.slice(i), ...pending];
    return true;
  };
  /** Ask the page, once for the batch, for what it holds of these posts. */
  const askFor = (ids: Set<string>): void => {
    if (!ids.size) return;
    stats.asks++;
    const answer = ask({ ids: [...ids], prefetch: false });
    if (answer) applyAnswer(data, answer, ids, now());
  };
  const readRootsNow = (roots: Element[]): PostObservationInput[] => {
    const parse = options.parse;
    if (!parse) return [];
    const ctx = postContext();
    const read: Array<{ post: PostObservationInput; markup: MarkupFields }> = [];
    for (let i = 0; i < roots.length; i++) {
      if (pastBudget(roots, i)) {
        scheduleRest();
        break;
      }
      const root = roots[i];
      stats.postsParsed++;
      const parts = parse.read(root, ctx);
      if (!parts) continue;
      processed.add(root);
      read.push(parts);
    }
    const ids = new Set(
      read.filter(({ post: p, markup }) => !p.ad && parse.lacks(markup, data.posts.get(p.id))).map(({ post: p }) => p.id),
    );
    // the elements are unchanged (the ask is synchronous): the markup's readings are combined
    // with what the page told, without parsing the posts again
    askFor(ids);
    return read.map(({ post: p, markup }) => ({ ...p, ...parse.with(markup, data.posts.get(p.id)) }));
  };

  /** A batch sent elsewhere and not answered yet: the next waits for it (answers arrive in order, one at a time). */
  let inFlight = false;
  let failures = 0;
  const serializer = typeof XMLSerializer === 'function' ? new XMLSerializer() : null;
  /** Copy the posts' markup out and send it to be read elsewhere; the answer comes through `push`. */
  const sendElsewhere = (roots: Element[], elsewhere: ReadElsewhere, push: (reading: Reading) => void): void => {
    if (inFlight) {
      const back = new Set(roots);
      pending = [...roots, ...pending.filter((r) => !back.has(r))];
      return;
    }
    const ctx = postContext();
    const sent: Element[] = [];
    const markup: string[] = [];
    const ids = new Set<string>();
    const asked = new Set<string>();
    for (let i = 0; i < roots.length; i++) {
      if (pastBudget(roots, i)) break;
      const root = roots[i];
      // no id: a skeleton (read again when something is added inside it), or not a post
      const id = postIdOf(root);
      // legacy layouts: the replies, in a list of their own outside the post, go with it
      const replies = id ? doc.getElementById(`replies${id}`) : null;
      const xml =
        id && serializer
          ? serializer.serializeToString(root) + (replies && !root.contains(replies) ? serializer.serializeToString(replies) : '')
          : '';
      if (!id || !xml || xml.length > MAX_POST_CHARS) continue;
      stats.postsParsed++;
      sent.push(root);
      markup.push(xml);
      ids.add(id);
      // the views are never in the markup since the 2024 redesign: ask for what the page's data has not told yet
      if (!data.posts.get(id)?.views) asked.add(id);
    }
    askFor(asked);
    if (!sent.length) {
      scheduleRest();
      return;
    }
    const batch: VkPostBatch = {
      context: { now: ctx.now, host, pageKind, account: ctx.account, locale },
      data: [...ids].flatMap((id): VkPostBatch['data'] => {
        const d = data.posts.get(id);
        return d ? [[id, d]] : [];
      }),
      posts: markup,
    };
    inFlight = true;
    stats.batches++;
    elsewhere(batch).then(
      (posts) => {
        inFlight = false;
        failures = 0;
        if (disposed) return;
        const read: PostObservationInput[] = [];
        posts.forEach((p, i) => {
          if (!p || !sent[i]) return;
          processed.add(sent[i]);
          read.push(p);
        });
        if (read.length) push({ account: null, posts: read });
        scheduleRest();
      },
      () => {
        inFlight = false;
        stats.failedBatches++;
        if (disposed) return;
        // no answer (the worker was stopped, the extension reloaded): send them again, later and later
        const waiting = new Set(pending);
        pending = [...sent.filter((r) => r.isConnected && !waiting.has(r)), ...pending];
        scheduleRest(ELSEWHERE_RETRY_MS[Math.min(failures++, ELSEWHERE_RETRY_MS.length - 1)]);
      },
    );
  };

  /** Take at most MAX_POSTS_PER_READING roots; the rest wait for the next reading. */
  const take = (roots: Element[]): Element[] => {
    const waiting = new Set(pending);
    const all = [...pending, ...roots.filter((r) => !waiting.has(r))];
    pending = all.slice(MAX_POSTS_PER_READING);
    scheduleRest();
    return all.slice(0, MAX_POSTS_PER_READING);
  };

  /** A long page (a feed scrolled far, then reloaded): the posts left over are read in chunks, between tasks. */
  function scheduleRest(delay = 50): void {
    if (!options.push || pending.length === 0 || timer !== null || disposed || inFlight) return;
    timer = setTimeout(() => {
      timer = null;
      if (disposed) return;
      started = performance.now();
      try {
        const posts = readRoots(take([]).filter((r) => r.isConnected));
        if (posts.length) options.push?.({ account: null, posts });
      } catch {
        pending = []; // a failing chunk stops the chunks, never the page
      }
    }, delay);
  }

  return {
    stats,
    dispose() {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
    scan(): Reading {
      started = performance.now();
      readPrefetch();
      readAccount();
      const roots = [...doc.querySelectorAll(any(POST_ROOT))].filter(isTopLevel);
      const posts = readRoots(take(roots));
      // the wall's own posts can tell the account's numeric id: read it again after them
      if (account && !account.nativeId) readAccount();
      return { account, posts };
    },
    added(elements: Element[]): Reading {
      started = performance.now();
      readPrefetch();
      const roots = new Set<Element>();
      const rootSel = any(POST_ROOT);
      let outside = false;
      for (const el of elements) {
        // something added inside a post: that post changed (comments, a late counter, a skeleton filled)
        const host = el.parentElement ? topLevelOf(el.parentElement) : null;
        if (host) roots.add(host);
        const inside = el.matches(rootSel) ? [el, ...el.querySelectorAll(rootSel)] : [...el.querySelectorAll(rootSel)];
        // neither a post, nor in one, nor holding one: the page's header, a module, a sidebar
        if (!host && inside.length === 0) outside = true;
        for (const r of inside) {
          const top = isTopLevel(r) ? r : topLevelOf(r);
          if (top && (!processed.has(top) || top === host)) roots.add(top);
        }
      }
      // The account is read from the whole page (about 30 ms on a wall of 1000 posts: bench --reader).
      // Again at once when something came outside the posts (the header, a module), or while its
      // numeric id is unknown (the wall's own posts can tell it); when only posts came (an infinite
      // scroll, in wrappers that could also hold a late header), every ACCOUNT_EVERY-th reading.
      const due = outside || !account?.nativeId || ++postsOnly % ACCOUNT_EVERY === 0;
      const changed = due ? readAccount() : false;
      const posts = roots.size || pending.length ? readRoots(take([...roots])) : [];
      return { account: changed ? account : null, posts };
    },
  };
}

/** The content script's reader: the account read here, the posts read `elsewhere` (see VkReadOptions). */
export function createVkReader(elsewhere: ReadElsewhere): SiteReader {
  return {
    platform: 'vk',
    start(doc: Document, url: string, push?: (reading: Reading) => void): PageSession {
      return openVkSession(doc, url, { push, elsewhere });
    },
  };
}

/** Read a whole document at once: the account and every post (tests and tools). */
export function readVkPage(doc: Document, url: string, options: VkReadOptions = {}): Reading {
  const session = startVkSession(doc, url, { firstPage: true, ...options });
  const reading = session.scan();
  // a reading carries MAX_POSTS_PER_READING posts at most: the rest, reading after reading
  for (let more = session.added([]).posts; more.length; more = session.added([]).posts) reading.posts.push(...more);
  return reading;
}
