/**
 * The Instagram reader: what an Instagram page shows, as account and post observations.
 *
 * Sources, most exact first, cross-checked with reconcileCounts (agreeing readings sharpen each
 * other; exact readings that disagree give unknown):
 *   1. JSON the page holds (data-sjs blobs, 2021 _sharedData) or receives while the person
 *      scrolls (the MAIN-world script ./network.ts hands it over the page bridge): ./json.ts
 *   2. the rendered page: header counters with exact `title`s, post containers, grid tiles: ./dom.ts
 *   3. meta tags, only in the document's first session and only when they name the URL's account
 *      or post (they describe the page as first loaded): ./meta.ts
 * See docs/instagram-reader.md.
 */
import type { PageSession, Reading, SiteReader } from '../../content/run-site';
import { type Count, reconcileCounts } from '../../count';
import type { AccountObservationInput, CommentObservation, PostKind, PostObservationInput } from '../../model';
import { jsonCount } from '../../numbers';
import { pathSegments, toUrl } from '../page';
import {
  type DomPost,
  findPostRoots,
  findTiles,
  type HeaderReading,
  isTileLink,
  pageRoot,
  postLinkOf,
  readPostRoot,
  readProfileHeader,
  readTile,
  selectedTab,
} from './dom';
import { cleanIgData, type IgComment, type IgData, type IgMedia, type IgUser, MAX_SAMPLE } from './json';
import { readPostMeta, readProfileMeta } from './meta';
import type { PageFacts } from './pagejson';
import { SEL } from './selectors';
import { detectInstagramPage, instagramPostUrl, instagramProfileUrl, isUsername } from './url';

// ---- what JSON told us, kept for the life of the content script ----------------------------------

interface Held<T> {
  v: T;
  /** the session it arrived in */
  gen: number;
}

/** Media and users known from JSON, by shortcode and lower-case username; bounded. */
export class IgStore {
  media = new Map<string, Held<IgMedia>>();
  users = new Map<string, Held<IgUser>>();
  /** What the page's own JSON says about the page as first loaded (./pagejson.ts). */
  facts: PageFacts = { profileId: null, mediaType: null, mediaOwnerId: null };
  constructor(private readonly max = 5000) {}

  add(data: IgData, gen: number): { media: string[]; users: string[] } {
    const changed = { media: [] as string[], users: [] as string[] };
    for (const m of data.media) {
      const old = this.media.get(m.code)?.v;
      const v: IgMedia = old ? mergeMedia(old, m) : m;
      if (old && sameData(old, v)) continue;
      this.media.delete(m.code);
      this.media.set(m.code, { v, gen });
      changed.media.push(m.code);
    }
    for (const u of data.users) {
      const key = u.username.toLowerCase();
      const old = this.users.get(key)?.v;
      const v: IgUser = old ? fillIn(old, u) : u;
      if (old && sameData(old, v)) continue;
      this.users.delete(key);
      this.users.set(key, { v, gen });
      changed.users.push(key);
    }
    for (const map of [this.media, this.users] as Map<string, unknown>[]) {
      while (map.size > this.max) map.delete(map.keys().next().value as string);
    }
    return changed;
  }
}

/** A later copy of the same media: its known fields win, the ones it lacks are kept. */
function mergeMedia(old: IgMedia, m: IgMedia): IgMedia {
  const v = fillIn(old, m);
  for (const c of old.sample)
    if (v.sample.length < MAX_SAMPLE && !v.sample.some((d) => d.text === c.text && d.author === c.author)) v.sample.push(c);
  v.hidden = m.hidden || old.hidden;
  v.ad = m.ad || old.ad;
  if (v.hidden) [v.likes, v.views] = [null, []];
  else if (!m.views.length) v.views = old.views;
  return v;
}

/** `next` with its null fields filled in from `prev`. */
function fillIn<T extends object>(prev: T, next: T): T {
  const out = { ...next } as Record<string, unknown>;
  for (const [k, v] of Object.entries(prev)) if (out[k] === null || out[k] === undefined) out[k] = v;
  if (Array.isArray(out.sample)) out.sample = [...(out.sample as unknown[])];
  return out as T;
}

// ---- pure readers (tests call these) --------------------------------------------------------------

/** Read the account a profile page shows, from its meta tags. Pure: document and URL in, observation out. */
export function readInstagramAccount(doc: Document, url: string, metaFresh = true): AccountObservationInput | null {
  const page = detectInstagramPage(url);
  if (!page.account || (page.kind !== 'profile' && page.kind !== 'reels')) return null;
  const meta = metaFresh ? readProfileMeta(doc, doc.documentElement.lang) : null;
  // Meta tags describe the page as first loaded: use them only when they name this URL's account.
  const fresh = meta && meta.handle?.toLowerCase() === page.account.id ? meta : null;
  return {
    platform: 'instagram',
    id: page.account.id,
    handle: fresh?.handle ?? page.account.handle,
    name: fresh?.name ?? null,
    url: instagramProfileUrl(page.account.id),
    followers: fresh?.followers ?? null,
    following: fresh?.following ?? null,
    posts: fresh?.posts ?? null,
  };
}

const known = (xs: Array<Count | null | undefined>): Count | null => {
  const list = xs.filter((c): c is Count => c != null);
  return list.length ? reconcileCounts(list) : null;
};
const isoOf = (sec: number | null) => (sec === null ? null : new Date(sec * 1000).toISOString());

/**
 * Do two observations say the same (what JSON.stringify of each would tell, for the plain data
 * observations are: the same fields in the same order, arrays and Count objects compared inside),
 * without writing either out: the reader asks this for every post it reads again.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** The page's account as the URL names it; stories pages (/stories/<user>/...) name one too. */
function urlAccount(url: string): { id: string; handle: string } | null {
  const page = detectInstagramPage(url);
  if (page.account) return { id: page.account.id, handle: page.account.handle ?? page.account.id };
  const u = toUrl(url);
  const seg = u ? pathSegments(u) : [];
  return seg[0] === 'stories' && seg[1] && isUsername(seg[1]) ? { id: seg[1].toLowerCase(), handle: seg[1] } : null;
}

/** The display name in the document title: "NASA (@nasa) • Instagram photos and videos". */
function titleName(doc: Document, id: string): string | null {
  const m = /^(.*?)\s*\(@([A-Za-z0-9._]{1,30})\)/.exec(doc.title ?? '');
  return m && m[2].toLowerCase() === id ? m[1].trim() || null : null;
}

/** Data from the MAIN-world script (./network.ts), checked. */
export type IgDelivery = IgData & { facts?: PageFacts };

export interface ReaderOptions {
  store?: IgStore;
  /** Subscribe to data from the MAIN-world script (it replays what it saw before); returns an unsubscribe function. */
  subscribe?: (onData: (data: IgDelivery) => void) => () => void;
  /** Ask the MAIN-world script to read the JSON of scripts new in the page (answered through `subscribe`). */
  requestPageJson?: () => void;
}

// ---- the session ----------------------------------------------------------------------------------

export function createInstagramReader(options: ReaderOptions = {}): SiteReader {
  const store = options.store ?? new IgStore();
  let sessions = 0;
  let listener: ((data: IgData) => void) | null = null;
  let subscribed = false;

  return {
    platform: 'instagram',
    start(doc, url, push): PageSession {
      const gen = sessions++;
      // Meta tags and the page's JSON facts are only true of the document's first page.
      const first = gen === 0;
      const locale = doc.documentElement.lang || undefined;
      const page = detectInstagramPage(url);
      const acct = urlAccount(url);
      const seg = (() => {
        const u = toUrl(url);
        return u ? pathSegments(u).map((s) => s.toLowerCase()) : [];
      })();
      const onReelsTab = page.kind === 'reels';
      // Tiles on /<user>/ and /<user>/reels/ are the account's own; on tagged/saved they are not.
      const gridTab = page.account && (seg.length === 1 || onReelsTab);
      const pageCode = page.kind === 'post' ? page.postId : null;
      const facts = store.facts;

      const dom = new Map<string, DomPost>();
      const tileOwner = new Map<string, string>();
      /** What was last handed on for each post, and for the account: only changes go again. */
      const emitted = new Map<string, PostObservationInput>();
      /** Containers read as one post: tiles inside them are that post's, not a grid. */
      const postRoots = new WeakSet<Element>();
      let mainRoot: Element | null = null;
      let header: HeaderReading | null = null;
      let accountSent: AccountObservationInput | null = null;

      /** Whose grid the tiles are: the URL's account when its header is on the page, or the profile behind a post dialog. */
      const gridOwner = (): string | null => {
        if (!header) return null;
        const h = header.handle.toLowerCase();
        if (page.kind === 'post') {
          const tab = selectedTab(doc, header.handle);
          return tab === null || tab === '' || tab === 'reels' ? h : null;
        }
        return acct && gridTab && h === acct.id ? h : null;
      };

      const readHeader = () => {
        // Profile pages: the URL's account. Post pages: whichever profile a dialog is open over.
        const want = page.kind === 'post' ? null : acct ? acct.handle : undefined;
        if (want === undefined) return;
        const h = readProfileHeader(doc, want, locale);
        // No header (any more) means no grid owner: tiles are never guessed to be someone's.
        header = h && (want === null || h.handle.toLowerCase() === acct?.id) ? h : null;
      };

      /** Tiles read in this session: a rescan skips them (what changes inside one comes through `added`). */
      const tilesRead = new WeakSet<Element>();
      const readTile1 = (a: Element, owner: string, changed: Set<string>, again = true) => {
        if (!again && tilesRead.has(a)) return;
        tilesRead.add(a);
        const r = a.closest(SEL.postRoots);
        if (r && postRoots.has(r)) return;
        const t = readTile(a, locale, onReelsTab);
        if (!t) return;
        dom.set(t.code, mergeDom(dom.get(t.code), t));
        if (!tileOwner.has(t.code)) tileOwner.set(t.code, owner);
        changed.add(t.code);
      };

      const readTiles = (scope: ParentNode, changed: Set<string>) => {
        const owner = gridOwner();
        if (owner) for (const a of findTiles(scope)) readTile1(a, owner, changed, false);
      };

      const readRoot = (root: Element, code: string, changed: Set<string>) => {
        postRoots.add(root);
        dom.set(code, mergeDom(dom.get(code), readPostRoot(root, code, locale)));
        changed.add(code);
      };

      const readRoots = (scope: ParentNode, changed: Set<string>) => {
        for (const { root, code } of findPostRoots(scope, pageCode)) readRoot(root, code, changed);
      };

      const readPageRoot = (changed: Set<string>) => {
        if (!pageCode || [...dom.keys()].includes(pageCode)) return;
        const r = pageRoot(doc, pageCode);
        if (r) {
          mainRoot = r.root;
          readRoot(r.root, r.code, changed);
        }
      };

      const mainAuthor = (): string | null =>
        pageCode
          ? ((store.media.get(pageCode)?.v.owner ?? dom.get(pageCode)?.author ?? metaPost()?.author ?? null)?.toLowerCase() ?? null)
          : null;

      // ---- building observations ----

      const buildAccount = (): AccountObservationInput | null => {
        const id = page.kind === 'post' ? (header?.handle.toLowerCase() ?? null) : (acct?.id ?? null);
        if (!id) return null;
        const u = store.users.get(id)?.v ?? null;
        const h = header && header.handle.toLowerCase() === id ? header : null;
        const metaRaw = first && acct ? readProfileMeta(doc, locale) : null;
        const meta = metaRaw && metaRaw.handle?.toLowerCase() === id ? metaRaw : null;
        const followers = known([jsonCount(u?.followers), h?.followers, meta?.followers]);
        const following = known([jsonCount(u?.following), h?.following, meta?.following]);
        const posts = known([jsonCount(u?.posts), h?.posts, meta?.posts]);
        if (!followers && !following && !posts) return null;
        const isPrivate = u?.isPrivate ?? (h?.isPrivate ? true : null);
        return {
          platform: 'instagram',
          id,
          nativeId: u?.pk ?? (first && page.kind === 'profile' && meta ? facts.profileId : null),
          handle: u?.username ?? h?.handle ?? meta?.handle ?? acct?.handle ?? id,
          name: u?.name ?? titleName(doc, id) ?? meta?.name ?? null,
          url: instagramProfileUrl(id),
          kind: 'user',
          followers,
          following,
          posts,
          isPrivate,
        };
      };

      const metaPost = () => {
        if (!first || !pageCode) return null;
        const m = readPostMeta(doc, locale);
        return m && m.code === pageCode ? m : null;
      };

      const buildPost = (code: string): PostObservationInput | null => {
        const d = dom.get(code) ?? null;
        const j = store.media.get(code)?.v ?? null;
        const m = code === pageCode ? metaPost() : null;
        if (!d && !j && !m) return null;
        const pageKindFromFacts: PostKind | null =
          code === pageCode && first && facts.mediaType
            ? facts.mediaType === 8
              ? 'carousel'
              : facts.mediaType === 1
                ? 'photo'
                : facts.mediaType === 2
                  ? m?.kind === 'reel' || postLinkIsReel(url)
                    ? 'reel'
                    : 'video'
                  : null
            : null;
        const kind = j?.kind ?? pageKindFromFacts ?? d?.kind ?? m?.kind ?? (code === pageCode && postLinkIsReel(url) ? 'reel' : null);
        const authorHandle =
          j?.owner ?? d?.author ?? m?.author ?? tileOwner.get(code) ?? (code === pageCode ? (acct?.handle ?? null) : null);
        const authorId = authorHandle?.toLowerCase() ?? null;
        const hidden = Boolean(j?.hidden || d?.likesHidden);
        const likes = hidden ? null : known([jsonCount(j?.likes), d?.likes, m?.likes]);
        const comments = known([jsonCount(j?.comments), d?.comments, m?.comments]);
        let views: Count | null = null;
        const jsonViews = hidden ? [] : (j?.views ?? []);
        if (d?.views) {
          const agreeing = jsonViews.map((v) => jsonCount(v)).find((c) => c && reconcileCounts([c, d.views]));
          views = jsonViews.length ? (agreeing ? known([agreeing, d.views]) : null) : d.views;
        } else if (jsonViews.length) views = jsonCount(jsonViews[0]);
        const pinList = onReelsTab ? j?.pinnedClips : j?.pinnedTimeline;
        const ownerPk = j?.ownerPk ?? (authorId ? (store.users.get(authorId)?.v.pk ?? null) : null);
        const jsonPinned = pinList ? pinList.length > 0 && (!ownerPk || pinList.includes(ownerPk)) : null;
        const sample: CommentObservation[] = [];
        const add = (c: { text: string; author: string | null; at: string | null }) => {
          if (sample.length >= MAX_SAMPLE || sample.some((s) => s.text === c.text && s.author === c.author)) return;
          sample.push({ text: c.text, author: c.author, at: c.at, byOwner: Boolean(authorId && c.author?.toLowerCase() === authorId) });
        };
        for (const c of d?.sample ?? []) add(c);
        for (const c of j?.sample ?? ([] as IgComment[])) add({ text: c.text, author: c.author, at: isoOf(c.at) });
        return {
          platform: 'instagram',
          id: code,
          url: instagramPostUrl(code, kind),
          authorId,
          authorHandle,
          authorName: j?.ownerName ?? null,
          publishedAt: isoOf(j?.takenAt ?? null) ?? d?.publishedAt ?? m?.publishedAt ?? null,
          kind,
          likes,
          comments,
          shares: d?.shares ?? null,
          views,
          pinned: Boolean(jsonPinned || d?.pinned),
          likesHidden: hidden,
          ad: Boolean(j?.ad || d?.ad),
          caption: j?.caption ?? d?.caption ?? m?.caption ?? null,
          commentsSample: sample,
        };
      };

      /** JSON media this page shows: its own grid, the feed, the post and its author's others. */
      const jsonBelongs = (code: string): boolean => {
        const held = store.media.get(code);
        if (!held) return false;
        if (dom.has(code) || code === pageCode) return true;
        if (held.gen !== gen) return false;
        const owner = held.v.owner?.toLowerCase() ?? null;
        if (page.kind === 'feed') return seg.length === 0;
        if (acct && gridTab) return owner === acct.id;
        if (pageCode) return owner !== null && owner === mainAuthor();
        return false;
      };

      const reading = (codes: Iterable<string>, withAccount: boolean): Reading => {
        const posts: PostObservationInput[] = [];
        for (const code of codes) {
          if (!dom.has(code) && !jsonBelongs(code) && !(code === pageCode && metaPost())) continue;
          const post = buildPost(code);
          if (!post || (!post.authorId && page.kind === 'feed')) continue;
          if (sameData(emitted.get(code), post)) continue;
          emitted.set(code, post);
          posts.push(post);
        }
        let account: AccountObservationInput | null = null;
        if (withAccount) {
          const a = buildAccount();
          if (a && !sameData(a, accountSent)) {
            accountSent = a;
            account = a;
          }
        }
        return { account, posts };
      };

      /** The document moved on to another URL: the next session reads it, this one reads nothing. */
      const gone = () => doc === globalThis.document && doc.location?.href !== url;
      const NOTHING: Reading = { account: null, posts: [] };

      let scanned = false;
      const scan = (): Reading => {
        scanned = true;
        if (gone()) return NOTHING;
        const changed = new Set<string>();
        readHeader();
        readRoots(doc, changed);
        readPageRoot(changed);
        readTiles(doc, changed);
        for (const code of store.media.keys()) if (jsonBelongs(code)) changed.add(code);
        if (pageCode) changed.add(pageCode);
        return reading(changed, true);
      };

      const added = (elements: Element[]): Reading => {
        if (gone()) return NOTHING;
        const changed = new Set<string>();
        // New page JSON (a page rendered with its data): the MAIN-world script reads it, the answer comes by `push`.
        if (elements.some((el) => el.matches(SEL.pageJson) || el.querySelector(SEL.pageJson))) options.requestPageJson?.();
        const hadOwner = gridOwner();
        // The header again only when it may have changed (not for every batch of tiles).
        if (!header || elements.some((el) => el.closest('header') || el.querySelector('header, a[href*="/followers"]'))) readHeader();
        // The header came after the grid: the tiles read so far are now known to be this account's.
        if (!hadOwner && gridOwner()) readTiles(doc, changed);
        const roots = new Set<Element>();
        /** tile links to read, and whether they are known to be tiles (found by findTiles) */
        const tiles = new Map<Element, boolean>();
        for (const el of elements) {
          // Rendered inside a post or tile already on the page: read that one again (only that one).
          const root = el.closest(SEL.postRoots) ?? (mainRoot?.contains(el) ? mainRoot : null);
          if (root) roots.add(root);
          for (const r of el.querySelectorAll(SEL.postRoots)) roots.add(r);
          const tile = el.closest(SEL.postLinks);
          if (tile && !tiles.has(tile)) tiles.set(tile, false);
          for (const t of findTiles(el)) tiles.set(t, true);
        }
        for (const root of roots) {
          if (root === mainRoot && pageCode) {
            const r = pageRoot(doc, pageCode);
            if (r) readRoot(r.root, r.code, changed);
          } else readRoots(root, changed);
        }
        readPageRoot(changed);
        const owner = gridOwner();
        if (owner) for (const [t, tile] of tiles) if (tile || isTileLink(t)) readTile1(t, owner, changed);
        return reading(changed, true);
      };

      listener = (data) => {
        const changed = store.add(data, gen);
        // Before the first scan (data replayed while the session starts) the scan reads it from the store.
        if (!scanned || gone()) return;
        const codes = changed.media.filter(jsonBelongs);
        const accountChanged = changed.users.some((u) => u === acct?.id || u === header?.handle.toLowerCase());
        if (codes.length || accountChanged) push?.(reading(codes, accountChanged));
      };

      if (!subscribed && options.subscribe) {
        subscribed = true;
        // Data that arrives between sessions is kept; the next session reads it from the store.
        options.subscribe((data) => {
          if (data.facts && !store.facts.profileId && !store.facts.mediaType) Object.assign(store.facts, data.facts);
          if (listener) listener(data);
          else store.add(data, sessions - 1);
        });
      }

      return {
        scan,
        added,
        dispose() {
          listener = null;
        },
      };
    },
  };
}

function postLinkIsReel(url: string): boolean {
  const u = toUrl(url);
  return Boolean(u && /\/(reel|reels)\//.test(u.pathname));
}

/** A newer DOM reading of the same post: what it reads wins, what it cannot read is kept. */
function mergeDom(old: DomPost | undefined, p: DomPost): DomPost {
  if (!old) return p;
  const v = fillIn(old, p);
  v.likesHidden = p.likesHidden || old.likesHidden;
  v.ad = p.ad || old.ad;
  if (v.likesHidden) v.likes = null;
  if (!p.sample.length) v.sample = old.sample;
  return v;
}

/** The isolated-world side of the page bridge: data from ./network.ts, checked field by field. */
export function bridgeSubscriber(
  onPageData: (channel: string, cb: (payload: unknown) => void) => () => void,
  channel: string,
): ReaderOptions['subscribe'] {
  return (onData) =>
    onPageData(channel, (payload) => {
      const facts = (payload as { facts?: Record<string, unknown> } | null)?.facts;
      const id = (x: unknown) => (typeof x === 'string' && /^\d{1,25}$/.test(x) ? x : null);
      const type = facts?.mediaType;
      onData({
        ...cleanIgData(payload),
        facts: facts
          ? {
              profileId: id(facts.profileId),
              mediaOwnerId: id(facts.mediaOwnerId),
              mediaType: type === 1 || type === 2 || type === 8 ? type : null,
            }
          : undefined,
      });
    });
}

export const instagramReader: SiteReader = createInstagramReader();

export { postLinkOf };
