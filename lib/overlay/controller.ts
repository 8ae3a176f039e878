/**
 * The in-page overlay of one document: post badges on every post the reader read, the account
 * badge beside the page's account header, and the panel either opens.
 *
 * - It learns what the page shows from the reader (lib/content/bus.ts): sessions, the elements the
 *   reader's one MutationObserver saw added, readings, and acknowledgements that a reading was
 *   stored. It watches no DOM itself.
 * - It asks the background for the numbers (`getAccountViews`): after a reading (coalesced) and
 *   again after the background acknowledged storing it, for the accounts and posts read since.
 *   When an account's basis changes (new follower snapshot, new median), it asks for every post
 *   of that account it shows. The content script computes no metric; it only renders.
 * - It finds each post's element with the site's anchor finder, only inside what was added (a
 *   whole-document scan only when a session starts or the watcher overflowed).
 * - Everything it adds is removed when the session ends (navigation), when the content script is
 *   invalidated, and at once when the site is turned off in the settings (and comes back when it
 *   is turned on again).
 * - A failure is logged once and leaves the page and the reader alone.
 */
import type { Bus, BusAccount, BusEvent, BusPost, BusSession } from '../content/bus';
import { type Catalog, makeTranslator, type Translator } from '../i18n/translator';
import type { AnchorFinder, Corner } from './anchors';
import {
  ANCHOR_TAG,
  type AnchorBox,
  type BadgeContent,
  createAnchor,
  ensureStyle,
  ITEM_ATTR,
  measureAnchor,
  removeStyle,
  renderBadge,
  setAnchorBox,
  setAnchorFlow,
  setAnchorTheme,
} from './badges';
import { createShadowMount, type ShadowMount } from './mount';
import {
  type AccountView,
  type AccountViewRequest,
  MAX_POSTS_PER_REQUEST,
  MAX_REFS_PER_REQUEST,
  type OverlayConfig,
  type PostBadgeView,
  type ViewsReply,
  type ViewsRequest,
} from './types';
import type { OverlayUi } from './ui';

/** What a post badge says (components/overlay/post-badge.ts). */
export type PostBadgeText = (t: Translator, post: PostBadgeView) => BadgeContent;

export interface OverlayDeps {
  doc: Document;
  finder: AnchorFinder;
  bus: Bus;
  postBadge: PostBadgeText;
  /** the shadow roots' stylesheet (components/overlay/styles.ts) */
  css: string;
  /** the Preact views of the account badge and the panels (lib/overlay/ui.ts), once registered */
  ui(): OverlayUi | null;
  /** call `cb` when the views get registered; returns the remover */
  onUi(cb: () => void): () => void;
  ask(request: ViewsRequest): Promise<ViewsReply>;
  openDashboard(key: string | null): void;
  /** Call `cb` with the new stored settings (unchecked) when they change; returns the remover. */
  onSettingsChange(cb: (raw: unknown) => void): () => void;
  log(part: string, error?: unknown): void;
  /** closed in the browser; open in unit tests, which look inside */
  shadowMode?: ShadowRootMode;
  /** ms to wait for more readings before asking (default 150) */
  askDelay?: number;
  /** ms to wait for more added elements before placing badges (default 30) */
  placeDelay?: number;
  /**
   * Badge the posts the page adds later (infinite scroll) only near the viewport (an
   * IntersectionObserver with this root margin): a post's badge is made, and its box watched, when
   * the post first comes within the margin. The posts of a whole-document scan (the page as it
   * opened) are badged at once. Off when unset (tests) or where IntersectionObserver is missing.
   */
  nearViewport?: string;
  /**
   * With `nearViewport`: a badge whose post goes further than this root margin from the viewport
   * is taken off the page (a second IntersectionObserver), and made again when the post comes near
   * again. The page then holds the badges of a few screens, not of every post scrolled past: each
   * badge costs every layout and paint of the page something. Must be wider than `nearViewport`.
   */
  farViewport?: string;
}

export interface Overlay {
  /** Run what is scheduled now and wait for the answers (tests). */
  settle(): Promise<void>;
  dispose(): void;
  /** counters for tests and the benchmark */
  readonly stats: { asks: number; scans: number; badges: number; removed: number };
}

interface RefState {
  key: string;
  request: Omit<AccountViewRequest, 'posts'>;
  posts: Set<string>;
  /** posts read since they were last asked for */
  pending: Set<string>;
  /** posts of the last request (asked again when a stored acknowledgement follows it) */
  lastAsked: Set<string>;
  /**
   * posts to ask for when one of their hosts comes near the viewport: read, or their numbers changed
   * (a stored reading, a new basis), while far from it
   */
  whenNear: Set<string>;
  /** ask for every post (the basis changed) */
  all: boolean;
  /** ask even without posts (a new account, or its whole analysis is wanted now) */
  force: boolean;
  /** undefined: not asked yet; null: nothing stored */
  view: AccountView | null | undefined;
  badges: Map<string, PostBadgeView>;
}

interface Placed {
  id: string;
  corner: Corner;
  anchor: HTMLElement | null;
}

interface PanelState {
  mount: ShadowMount;
  opener: HTMLElement | null;
  kind: 'account' | 'post';
  refKey: string;
  postId: string | null;
}

const refKeyOf = (platform: string, id: string) => `${platform}:${id.toLowerCase()}`;
const SETTINGS_DELAY = 50;
/** ms a reading's posts wait for the store's acknowledgement before they are asked for anyway */
const ACK_WAIT = 2000;
/**
 * an unanswered question is asked again after this many ms times the failures in a row, up to
 * MAX_ASK_RETRIES times; then every SLOW_RETRY_MS for as long as the background does not answer
 * (a worker slow to start must not leave a still page without badges for good)
 */
const ASK_RETRY_MS = 500;
const MAX_ASK_RETRIES = 5;
const SLOW_RETRY_MS = 10_000;
/**
 * Longest wait, ms, for the page's own next change before the overlay's writes (badges made, moved,
 * taken off) go to the page in a frame of their own. See `writeSoon`.
 */
const WRITE_WAIT = 150;
/** The `back` observer's root reaches this far below the viewport: below the end of any page. */
const BELOW_ANY_PAGE = '10000000px';
/** ms between two drawings of the account badge after answers (its numbers change with each stored reading) */
const ACCOUNT_REDRAW_MS = 1000;

export function startOverlay(deps: OverlayDeps): Overlay {
  const { doc, finder, bus } = deps;
  const askDelay = deps.askDelay ?? 150;
  const placeDelay = deps.placeDelay ?? 30;
  const stats = { asks: 0, scans: 0, badges: 0, removed: 0 };
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let disposed = false;

  let session: BusSession | null = null;
  let account: BusAccount | null = null;
  const posts = new Map<string, BusPost>();
  const refs = new Map<string, RefState>();
  const places = new Map<Element, Placed>();
  const hostsById = new Map<string, Set<Element>>();
  let scopes: ParentNode[] = [];
  let dirty = new Set<string>();

  let config: OverlayConfig | null = null;
  let catalog: Catalog | null = null;
  let t: Translator | null = null;
  let shown = false;

  let accountBadge: { anchor: HTMLElement; host: Element; mount: ShadowMount } | null = null;
  let panel: PanelState | null = null;

  const guard = (part: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      deps.log(`overlay failed in ${part}`, e);
    }
  };

  const later = (fn: () => void, ms: number) => {
    const id = setTimeout(() => {
      timers.delete(id);
      if (!disposed) fn();
    }, ms);
    timers.add(id);
    return id;
  };

  // ---- the overlay's writes go with the page's own ----
  // Each change the overlay makes to the page (a badge made, filled, moved or taken off) has the
  // browser style, lay out and paint the page again; between two frames of the page, in a frame of
  // its own: on a long wall, the cost of a whole frame for a few badges. So they wait, and are
  // written when the page itself next changes (the reader's DOM watcher tells the bus from its
  // MutationObserver, within the page's own task: the page's next frame holds both), or after
  // WRITE_WAIT ms when the page is still.
  const offPage = new Set<Element>();
  /** When the page last added elements (the bus's `mutated`). */
  let pageChangedAt = Number.NEGATIVE_INFINITY;
  /** No element added for WRITE_WAIT ms: no frame of the page's own is coming to carry a write. */
  const pageStill = () => Date.now() - pageChangedAt >= WRITE_WAIT;
  /** The account badge's first draw waits for the page's next change (accountWithWrites). */
  let accountDue = false;
  // Observers to start on elements go with the writes too: an IntersectionObserver's first look at
  // an element has the browser update the page's rendering, a frame of its own between the page's.
  let toWatch: Array<[IntersectionObserver, Element, () => boolean]> = [];
  const watchSoon = (o: IntersectionObserver | null, el: Element, still: () => boolean) => {
    if (!o) return;
    toWatch.push([o, el, still]);
    writeSoon();
  };
  let writeTimer: ReturnType<typeof setTimeout> | null = null;
  let writesDue = false;
  function writeSoon() {
    writesDue = true;
    if (writeTimer === null && !disposed) writeTimer = later(writeNow, WRITE_WAIT);
  }
  function writeNow() {
    if (writeTimer !== null) {
      clearTimeout(writeTimer);
      timers.delete(writeTimer);
      writeTimer = null;
    }
    if (!writesDue || disposed) return;
    writesDue = false;
    guard('write', () => {
      for (const host of offPage) {
        const p = places.get(host);
        // come near again meanwhile: it stays
        if (!p?.anchor || near.has(host)) continue;
        p.anchor.remove();
        p.anchor = null;
        untrackWidth(host);
        stats.removed++;
      }
      offPage.clear();
      const watch = toWatch;
      toWatch = [];
      for (const [o, el, still] of watch) if (still()) o.observe(el);
      renderDirty();
      if (accountDue) {
        accountDue = false;
        renderAccount();
      }
      writeBoxes();
    });
  }

  // ---- anchors learn where their host's box is from one ResizeObserver ----
  // The observer's callback runs after layout: the boxes are read there without forcing a layout,
  // and, while the page is changing, written with the overlay's other writes (writeSoon), before a
  // frame's own style and layout: written in the callback, they would make the browser lay the
  // page out a second time in each of its frames (every absolutely positioned anchor of the
  // document again; on a still page, see below, that is the cheaper way). Only the host is
  // watched: the anchor is its last child, so what moves the anchor grows the host, and an element
  // added inside a host has it measured again.
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  const widthOf = new Map<Element, HTMLElement>();
  const RO = win?.ResizeObserver;
  let boxes: Array<[Element, HTMLElement, AnchorBox, boolean]> = [];
  const writeBoxes = () => {
    const list = boxes;
    boxes = [];
    for (const [host, anchor, box, flow] of list) {
      if (!anchor.isConnected) continue;
      setAnchorBox(anchor, box);
      flowOf.set(host, flow);
      // in the flow or out of it, the anchor moves a little (a margin): measured once more
      if (setAnchorFlow(anchor, flow)) trackWidth(host, anchor);
    }
  };
  /** What the last measurement of each host decided: an anchor made again (scrolled back to) starts there. */
  const flowOf = new WeakMap<Element, boolean>();
  const anchorFor = (host: Element, corner: Corner) => {
    const anchor = createAnchor(host, corner, theme());
    setAnchorFlow(anchor, flowOf.get(host) ?? false);
    return anchor;
  };
  /**
   * May the anchor be in the host's flow? An absolutely positioned anchor inside the page's content
   * has its containing block far up (the page's posts are not positioned): each of the page's
   * layouts then carries it up through every ancestor, which on a long wall cost the page more
   * than all the overlay's scripts (bench: about 190 ms per 1000 VK posts for about ten post
   * badges and the community badge; docs/overlay.md). In a block host, a positioned (relative)
   * zero-size empty block at the end changes no box of the page (margins collapse through it) and
   * holds the badge itself; in a flex, grid, inline or table host it would be an item of the
   * page's layout: there the anchor stays out of the flow.
   * Read after layout (the ResizeObserver's callback), when the style is up to date.
   */
  const flowOk = (host: Element) => {
    const d = win?.getComputedStyle(host).display;
    return d === 'block' || d === 'flow-root' || d === 'list-item';
  };
  const readBoxes = (hosts: Iterable<Element>) => {
    for (const host of hosts) {
      const anchor = widthOf.get(host);
      if (anchor?.isConnected) boxes.push([host, anchor, measureAnchor(host, anchor), flowOk(host)]);
    }
  };
  // On a page that has not changed for WRITE_WAIT ms (opened, read, and now being looked at) no
  // frame of the page's own is coming to carry the boxes: written later, they would cost a frame
  // of their own (on the benchmark's 1000-post wall about 20 ms: style, layout, pre-paint and
  // paint of the whole long document) right after the frame that made the badges. Written here,
  // in the callback, they cost the same frame a second layout of the few anchors instead.
  const resizer = RO
    ? new RO((entries) =>
        guard('resize', () => {
          readBoxes(new Set(entries.map((e) => e.target)));
          if (!boxes.length) return;
          if (pageStill()) writeBoxes();
          else writeSoon();
        }),
      )
    : null;
  const trackWidth = (host: Element, anchor: HTMLElement) => {
    widthOf.set(host, anchor);
    if (!resizer) {
      // no observer (tests): measured now
      readBoxes([host]);
      writeBoxes();
      return;
    }
    // observed again: the observer reports it once more, after the next layout
    resizer.unobserve(host);
    resizer.observe(host);
  };
  const untrackWidth = (host: Element) => {
    widthOf.delete(host);
    resizer?.unobserve(host);
  };
  /** Hosts an added element is inside (its children changed: the anchor may have moved). */
  const remeasureAround = (scope: ParentNode) => {
    if (widthOf.size === 0 || (scope as Node).nodeType !== 1) return;
    for (let el = (scope as Element).parentElement; el; el = el.parentElement) {
      const anchor = widthOf.get(el);
      if (anchor) trackWidth(el, anchor);
    }
  };

  // ---- badges only near the viewport: one IntersectionObserver, each host until it comes near ----
  const IO = win?.IntersectionObserver;
  const near = new WeakSet<Element>();
  // Posts above the viewport that are not near (scrolled past before they came near, or whose
  // badges were taken off) are not watched: each watched element costs every frame something. The
  // lowest of them (the sentinel) is watched by `back` alone, whose root reaches from the near
  // margin above the viewport down to the end of any page: the sentinel is in it as soon as the
  // page is scrolled back up to it or past it (a jump to the top included), and then they are all
  // watched again.
  const passed = new Set<Element>();
  let sentinel: Element | null = null;
  const rewatch = () => {
    if (sentinel) back?.unobserve(sentinel);
    sentinel = null;
    const list = [...passed];
    passed.clear();
    for (const host of list) watchSoon(nearby, host, () => host.isConnected && places.has(host) && !near.has(host));
  };
  const nearby =
    deps.nearViewport !== undefined && IO
      ? new IO(
          (entries) =>
            guard('near', () => {
              let any = false;
              let lowest: IntersectionObserverEntry | null = null;
              for (const e of entries) {
                if (!e.isIntersecting) {
                  // above the viewport, not near: not watched (but by way of the sentinel)
                  if (e.boundingClientRect.bottom < (e.rootBounds?.top ?? 0)) {
                    nearby?.unobserve(e.target);
                    passed.add(e.target);
                    if (!lowest || e.boundingClientRect.bottom >= lowest.boundingClientRect.bottom) lowest = e;
                  }
                  continue;
                }
                nearby?.unobserve(e.target);
                markNear(e.target);
                const p = places.get(e.target);
                if (p) {
                  dirty.add(p.id);
                  any = true;
                }
              }
              if (lowest) {
                const next = lowest.target;
                // the sentinel is the lowest passed post in the document (scrolling down passes later ones)
                // 4: Node.DOCUMENT_POSITION_FOLLOWING
                if (!sentinel?.isConnected || sentinel.compareDocumentPosition(next) & 4) {
                  if (sentinel) back?.unobserve(sentinel);
                  sentinel = next;
                  watchSoon(back, next, () => sentinel === next);
                }
              }
              if (any) writeSoon();
            }),
          { rootMargin: deps.nearViewport },
        )
      : null;
  const back =
    nearby && IO
      ? new IO((entries) => guard('back', () => entries.some((e) => e.isIntersecting) && rewatch()), {
          // the near margin above the viewport (the first value of nearViewport); 10,000,000 px below it
          rootMargin: `${(deps.nearViewport ?? '0px').trim().split(/\s+/)[0]} 0px ${BELOW_ANY_PAGE} 0px`,
        })
      : null;
  const isNear = (host: Element) => !nearby || near.has(host);
  const markNear = (host: Element) => {
    near.add(host);
    watchSoon(far, host, () => near.has(host));
    const id = places.get(host)?.id;
    const p = id === undefined ? undefined : posts.get(id);
    const owner = p ? ownerOf(p) : null;
    // its numbers were left for now: asked for now that it is near
    if (id !== undefined && owner?.whenNear.delete(id)) {
      owner.pending.add(id);
      scheduleAsk(askDelay);
    }
  };
  /**
   * Is a badge of this post shown, or about to be (a host near the viewport)? Only those posts are
   * asked for: on a long infinite scroll, asking again for every post read (after each stored
   * reading, each new basis) made replies of hundreds of KB for badges nobody could see.
   */
  const wantedNow = (id: string) => {
    if (!nearby) return true;
    for (const host of hostsById.get(id) ?? []) if (near.has(host)) return true;
    return false;
  };

  // ---- badges far from the viewport taken off: one more IntersectionObserver, on the badged hosts ----
  // A badged host that goes further than farViewport is badged no more (its anchor removed, its
  // ResizeObserver stopped) and watched by `nearby` again, as a post not seen yet: scrolled past
  // above, it joins the others there (only the lowest watched). What the overlay knows of it stays;
  // it is drawn again when it comes near. The badge holding the focus, or the open panel's opener,
  // stays.
  const far =
    nearby && deps.farViewport !== undefined && IO
      ? new IO(
          (entries) =>
            guard('far', () => {
              for (const e of entries) {
                if (e.isIntersecting) continue;
                const host = e.target;
                const p = places.get(host);
                const anchor = p?.anchor;
                if (anchor && (anchor.contains(doc.activeElement) || (panel?.opener && anchor.contains(panel.opener)))) continue;
                far?.unobserve(host);
                near.delete(host);
                if (!p) continue;
                if (anchor) {
                  offPage.add(host);
                  writeSoon();
                }
                watchSoon(nearby, host, () => places.has(host) && !near.has(host));
              }
            }),
          { rootMargin: deps.farViewport },
        )
      : null;

  // ---- the account badge's redraws wait while its header is far from the viewport ----
  // Each stored reading changes the account's numbers a little, and the badge is drawn again (at
  // most once a second). On a long infinite scroll the header is far above: nobody sees those
  // redraws, and each costs a render and a frame of the page. They wait until it comes near again.
  let headerNear = true;
  let accountWaits = false;
  const headerWatch =
    nearby && IO
      ? new IO(
          (entries) =>
            guard('header', () => {
              for (const e of entries) if (e.target === accountBadge?.host) headerNear = e.isIntersecting;
              if (headerNear && accountWaits) {
                accountWaits = false;
                renderAccount();
              }
            }),
          { rootMargin: deps.nearViewport },
        )
      : null;
  const forgetHeader = () => {
    headerWatch?.disconnect();
    headerNear = true;
    accountWaits = false;
  };

  const theme = () => config?.theme ?? 'auto';
  const enabled = () => Boolean(session && config?.enabled[session.platform]);

  // ---- accounts and posts the page names ----------------------------------------------------------

  function refFor(platform: BusSession['platform'], id: string, handle: string | null, detail: boolean): RefState {
    const key = refKeyOf(platform, id);
    let r = refs.get(key);
    if (!r) {
      r = {
        key,
        request: { platform, id, handle, detail },
        posts: new Set(),
        pending: new Set(),
        lastAsked: new Set(),
        whenNear: new Set(),
        all: false,
        force: true,
        view: undefined,
        badges: new Map(),
      };
      refs.set(key, r);
    } else if (detail && !r.request.detail) {
      r.request = { ...r.request, detail: true };
      r.force = true;
    }
    return r;
  }

  function ownerOf(p: BusPost): RefState | null {
    if (!session) return null;
    if (p.authorId) return refFor(session.platform, p.authorId, p.authorHandle, false);
    if (session.pageKind !== 'feed' && account) return refFor(session.platform, account.id, account.handle, true);
    return null;
  }

  function onReading(a: BusAccount | null, read: BusPost[]) {
    let soon = false;
    if (a && session) {
      account = a;
      soon = refFor(session.platform, a.id, a.handle, true).force;
    }
    for (const p of read) {
      posts.set(p.id, p);
      const owner = ownerOf(p);
      if (!owner) continue;
      owner.posts.add(p.id);
      owner.pending.add(p.id);
      if (owner.force || owner.view === undefined) soon = true;
    }
    // An account not asked about yet is asked for now. Otherwise the new posts are asked for when
    // the background acknowledges storing them (or says there was nothing new to store): asked
    // earlier, their numbers would not be there yet. The late ask is the fallback when no
    // acknowledgement comes (a refused write).
    scheduleAsk(soon ? askDelay : ACK_WAIT);
  }

  // ---- asking the background ---------------------------------------------------------------------

  let askTimer: ReturnType<typeof setTimeout> | null = null;
  let askDue = 0;
  let inFlight: Promise<void> | null = null;
  let again = false;
  let retry = false;
  let failures = 0;

  /** Ask in `ms` (or sooner, when already scheduled sooner). */
  function scheduleAsk(ms: number) {
    const due = Date.now() + ms;
    if (askTimer !== null) {
      if (due >= askDue) return;
      clearTimeout(askTimer);
      timers.delete(askTimer);
    }
    askDue = due;
    askTimer = later(() => {
      askTimer = null;
      void askNow();
    }, ms);
  }

  function buildRequests(): Array<{ request: ViewsRequest; sent: Array<[RefState, string[]]> }> {
    const out: Array<{ request: ViewsRequest; sent: Array<[RefState, string[]]> }> = [];
    let current: { request: ViewsRequest; sent: Array<[RefState, string[]]> } | null = null;
    let budget = 0;
    const have = catalog ? (t?.lang ?? null) : null;
    // Turned off for this site: only the settings are asked for (what is pending waits).
    if (config && session && !config.enabled[session.platform]) return [{ request: { refs: [], have }, sent: [] }];
    for (const r of refs.values()) {
      const wanted = (r.all ? [...r.posts] : [...r.pending]).filter((id) => {
        if (wantedNow(id)) return true;
        r.whenNear.add(id);
        return false;
      });
      if (wanted.length === 0 && !r.force) continue;
      let rest = wanted;
      do {
        if (!current || current.request.refs.length >= MAX_REFS_PER_REQUEST || budget >= MAX_POSTS_PER_REQUEST) {
          current = { request: { refs: [], have }, sent: [] };
          out.push(current);
          budget = 0;
        }
        const chunk = rest.slice(0, MAX_POSTS_PER_REQUEST - budget);
        rest = rest.slice(chunk.length);
        budget += chunk.length;
        current.request.refs.push({ ...r.request, posts: chunk });
        current.sent.push([r, chunk]);
      } while (rest.length > 0);
      r.pending.clear();
      r.all = false;
      r.force = false;
    }
    if (out.length === 0 && !config) out.push({ request: { refs: [], have }, sent: [] });
    return out;
  }

  async function askNow(): Promise<void> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      const batches = buildRequests();
      for (const [at, { request, sent }] of batches.entries()) {
        if (disposed) return;
        stats.asks++;
        let reply: ViewsReply;
        try {
          reply = await deps.ask(request);
        } catch (e) {
          // the worker asleep, starting or restarting: asked again a little later (quickly a few times, then every 10 s)
          deps.log('the background did not answer the overlay', e);
          // this question and the ones not asked yet
          for (const b of batches.slice(at)) {
            for (const [r, ids] of b.sent) {
              for (const id of ids) r.pending.add(id);
              r.force = true;
            }
          }
          failures++;
          retry = true;
          return;
        }
        failures = 0;
        if (disposed) return;
        if (!reply?.ok) {
          deps.log(`the background refused the overlay's question: ${reply ? reply.message : 'no reply'}`);
          return;
        }
        guard('reply', () => apply(reply, sent));
      }
    })();
    try {
      await inFlight;
    } finally {
      inFlight = null;
    }
    if (retry && !disposed) {
      retry = false;
      scheduleAsk(failures <= MAX_ASK_RETRIES ? ASK_RETRY_MS * failures : SLOW_RETRY_MS);
    }
    if (again && !disposed) {
      again = false;
      scheduleAsk(0);
    }
  }

  function apply(reply: Extract<ViewsReply, { ok: true }>, sent: Array<[RefState, string[]]>) {
    const was = config;
    config = reply.config;
    if (reply.catalog) catalog = reply.catalog;
    const langChanged = !t || t.lang !== config.lang;
    if (catalog && langChanged) t = makeTranslator(config.lang, catalog);
    if (!catalog && langChanged) {
      // the catalog of the new language comes with the next answer
      scheduleAsk(0);
    }
    reply.views.forEach((v, i) => {
      const entry = sent[i];
      if (!entry) return;
      const [r, ids] = entry;
      const prev = r.view;
      r.view = v;
      r.lastAsked = new Set(ids);
      if (!v) return;
      for (const p of v.posts) {
        r.badges.set(p.id, p);
        dirty.add(p.id);
      }
      if (prev && prev.basis !== v.basis) {
        r.all = true;
        scheduleAsk(0);
      }
      if (v.key && session && account && refKeyOf(session.platform, account.id) === r.key) renderAccountSoon();
      if (panel && panel.refKey === r.key) renderPanel();
    });
    const platform = session?.platform;
    const settingsChanged =
      !was || was.theme !== config.theme || (platform !== undefined && was.enabled[platform] !== config.enabled[platform]);
    if (settingsChanged || langChanged) refreshAll();
    else writeSoon();
    // turned back on: what waited is asked for now
    if (enabled() && [...refs.values()].some((r) => r.force || r.all || r.pending.size > 0)) scheduleAsk(0);
  }

  // ---- placing badges ------------------------------------------------------------------------------

  let placeTimer: ReturnType<typeof setTimeout> | null = null;
  function schedulePlace() {
    if (placeTimer !== null) return;
    placeTimer = later(() => {
      placeTimer = null;
      guard('place', place);
    }, placeDelay);
  }

  /** Find the posts inside what was added since the last time. */
  function place() {
    if (!session || !enabled()) {
      scopes = [];
      return;
    }
    const list = scopes;
    scopes = [];
    const url = session.url;
    for (const scope of list) {
      if ((scope as Node).nodeType !== 9 && !(scope as Node).isConnected) continue;
      remeasureAround(scope);
      stats.scans++;
      // a whole-document scan (the page as it opened, a rescan) badges every post at once; what
      // the page adds later (infinite scroll) is badged when it comes near the viewport
      const eager = (scope as Node).nodeType === 9;
      for (const p of finder.posts(scope, url)) {
        const known = places.get(p.host);
        if (known && known.id === p.id && known.anchor?.isConnected) continue;
        if (known && known.id !== p.id) removePlace(p.host);
        places.set(p.host, { id: p.id, corner: p.corner, anchor: known?.anchor ?? null });
        let hosts = hostsById.get(p.id);
        if (!hosts) {
          hosts = new Set();
          hostsById.set(p.id, hosts);
        }
        hosts.add(p.host);
        if (eager && !near.has(p.host)) markNear(p.host);
        if (isNear(p.host)) dirty.add(p.id);
        else {
          const host = p.host;
          watchSoon(nearby, host, () => places.has(host) && !near.has(host));
        }
      }
    }
    writeSoon();
    if (!accountBadge?.host.isConnected) accountWithWrites();
  }

  function removePlace(host: Element) {
    const p = places.get(host);
    if (!p) return;
    p.anchor?.remove();
    places.delete(host);
    offPage.delete(host);
    nearby?.unobserve(host);
    far?.unobserve(host);
    near.delete(host);
    passed.delete(host);
    if (host === sentinel) rewatch();
    untrackWidth(host);
    hostsById.get(p.id)?.delete(host);
  }

  function badgeFor(id: string): PostBadgeView | null {
    const p = posts.get(id);
    if (!p) return null;
    const owner = ownerOf(p);
    return owner?.badges.get(id) ?? null;
  }

  function renderDirty() {
    if (!t || !enabled()) {
      dirty.clear();
      return;
    }
    const ids = dirty;
    dirty = new Set();
    shown = true;
    ensureStyle(doc);
    const made: Element[] = [];
    for (const id of ids) {
      const hosts = hostsById.get(id);
      if (!hosts || hosts.size === 0) continue;
      const data = badgeFor(id);
      if (!data) continue;
      let content: BadgeContent | null = null;
      for (const host of [...hosts]) {
        if (!host.isConnected) {
          removePlace(host);
          continue;
        }
        const placed = places.get(host);
        if (!placed || !isNear(host)) continue;
        if (!placed.anchor?.isConnected || placed.anchor.parentNode !== host) {
          placed.anchor?.remove();
          placed.anchor = anchorFor(host, placed.corner);
          trackWidth(host, placed.anchor);
          made.push(host);
          stats.badges++;
        }
        content ??= deps.postBadge(t, data);
        renderBadge(placed.anchor, content, (button) => openPostPanel(id, button));
      }
    }
    placeIfStill(made);
  }

  /**
   * Anchors made on a still page, placed before the frame that shows them. Left to the
   * ResizeObserver, the first measurement (after that frame's layout) moves them, and a new anchor
   * switches into the host's flow and is measured again: the same frame is styled, laid out and
   * pre-painted a second time (on the benchmark's 1000-post wall a second pass of about 15 ms, for
   * the last badges after the page stopped). Here the host's display decides the flow first (style
   * only) and one forced layout places them all; the observer's own first look then finds every
   * box as written, and writes nothing. While the page changes, this waits for the page's frame
   * instead (writeSoon): a forced layout in the middle of its changes would be one more layout.
   */
  function placeIfStill(hosts: Element[]) {
    if (hosts.length === 0 || !resizer || !pageStill()) return;
    for (const host of hosts) {
      const anchor = widthOf.get(host);
      if (!anchor?.isConnected || flowOf.has(host)) continue;
      const flow = flowOk(host);
      flowOf.set(host, flow);
      setAnchorFlow(anchor, flow);
    }
    readBoxes(hosts);
    writeBoxes();
  }

  /** Everything again (settings or language changed, or the overlay was turned back on). */
  function refreshAll() {
    if (!enabled()) {
      hideAll();
      return;
    }
    if (!shown) scopes = [doc];
    for (const id of hostsById.keys()) dirty.add(id);
    for (const p of places.values()) if (p.anchor) setAnchorTheme(p.anchor, theme());
    if (accountBadge) setAnchorTheme(accountBadge.anchor, theme());
    accountBadge?.mount.setTheme(theme());
    panel?.mount.setTheme(theme());
    guard('place', place);
    // the first answer comes here too: while the page changes, the badges go with its next change
    if (pageStill()) renderDirty();
    else writeSoon();
    accountWithWrites();
    if (panel) renderPanel();
  }

  /** Remove every element the overlay added; keep what it knows, to come back at once. */
  function hideAll() {
    accountDue = false;
    closePanel(false);
    accountBadge?.mount.destroy();
    accountBadge?.anchor.remove();
    accountBadge = null;
    forgetHeader();
    for (const host of [...places.keys()]) removePlace(host);
    hostsById.clear();
    resizer?.disconnect();
    widthOf.clear();
    offPage.clear();
    toWatch = [];
    boxes = [];
    for (const a of doc.querySelectorAll(ANCHOR_TAG)) a.remove();
    removeStyle(doc);
    shown = false;
  }

  // ---- the account badge and the panel ---------------------------------------------------------------

  /**
   * The account badge again after an answer: the first time at once (or, while the page is
   * changing, with its next change: accountWithWrites), then at most once every
   * ACCOUNT_REDRAW_MS (an infinite scroll stores a reading every few hundred ms, and each changes
   * the account's analysis a little).
   */
  let accountTimer: ReturnType<typeof setTimeout> | null = null;
  let accountDrawnAt = Number.NEGATIVE_INFINITY;
  function renderAccountSoon() {
    if (accountTimer !== null) return;
    if (!accountBadge) return accountWithWrites();
    const wait = accountDrawnAt + ACCOUNT_REDRAW_MS - Date.now();
    if (wait <= 0) return redrawAccount();
    accountTimer = later(() => {
      accountTimer = null;
      redrawAccount();
    }, wait);
  }
  /**
   * The badge's first draw: at once on a still page; while the page changes (it is loading, an
   * infinite scroll is adding posts), with the overlay's other writes at the page's next change,
   * so that the page's frame carries it. Drawn at once, between two of the page's frames, it cost
   * a frame of its own (style, layout, pre-paint and paint of the page, about 7 ms on the
   * benchmark's VK wall as it loads).
   */
  function accountWithWrites() {
    if (pageStill()) return renderAccount();
    accountDue = true;
    writeSoon();
  }

  /** The badge again with new numbers: now, or when its header comes near the viewport. */
  function redrawAccount() {
    if (accountBadge?.host.isConnected && !headerNear) {
      accountWaits = true;
      return;
    }
    renderAccount();
  }

  function accountRef(): RefState | null {
    return session && account ? (refs.get(refKeyOf(session.platform, account.id)) ?? null) : null;
  }

  function renderAccount() {
    guard('account badge', () => {
      const r = accountRef();
      const analysis = r?.view?.analysis;
      const ui = deps.ui();
      if (!t || !ui || !enabled() || !session || !account || !r || !analysis) return;
      if (accountBadge && !accountBadge.host.isConnected) {
        untrackWidth(accountBadge.host);
        accountBadge.mount.destroy();
        accountBadge.anchor.remove();
        accountBadge = null;
      }
      if (!accountBadge) {
        const place = finder.header(doc, account, session.url);
        if (!place) return;
        ensureStyle(doc);
        const anchor = anchorFor(place.host, place.corner);
        const mount = createShadowMount(doc, 'smm-lens-account', ui, deps.css, deps.shadowMode);
        mount.setTheme(theme());
        mount.host.setAttribute(ITEM_ATTR, '');
        anchor.append(mount.host);
        trackWidth(place.host, anchor);
        placeIfStill([place.host]);
        accountBadge = { anchor, host: place.host, mount };
        forgetHeader();
        const host = place.host;
        watchSoon(headerWatch, host, () => accountBadge?.host === host);
      }
      const tr = t;
      const ab = accountBadge;
      accountDrawnAt = Date.now();
      ab.mount.render(
        ui.accountBadge(tr, {
          analysis,
          expanded: panel?.kind === 'account',
          onOpen: (el) => openAccountPanel(r.key, el),
        }),
      );
    });
  }

  function ensurePanel(ui: OverlayUi, opener: HTMLElement | null, kind: PanelState['kind'], refKey: string, postId: string | null) {
    if (panel) {
      panel.kind = kind;
      panel.refKey = refKey;
      panel.postId = postId;
      if (opener) panel.opener = opener;
      return panel;
    }
    const mount = createShadowMount(doc, 'smm-lens-panel', ui, deps.css, deps.shadowMode);
    mount.setTheme(theme());
    const s = mount.host.style;
    s.setProperty('all', 'initial', 'important');
    s.setProperty('position', 'fixed', 'important');
    s.setProperty('top', '72px', 'important');
    s.setProperty('right', '16px', 'important');
    s.setProperty('z-index', '2147483000', 'important');
    s.setProperty('display', 'block', 'important');
    doc.documentElement.append(mount.host);
    panel = { mount, opener, kind, refKey, postId };
    return panel;
  }

  function openAccountPanel(refKey: string, opener: HTMLElement | null) {
    guard('panel', () => {
      const ui = deps.ui();
      if (!ui) return;
      ensurePanel(ui, opener, 'account', refKey, null);
      const r = refs.get(refKey);
      if (r && !r.view?.analysis) {
        refFor(r.request.platform, r.request.id, r.request.handle, true);
        scheduleAsk(0);
      }
      renderPanel();
      renderAccount();
    });
  }

  function openPostPanel(postId: string, opener: HTMLElement) {
    guard('panel', () => {
      const p = posts.get(postId);
      const owner = p ? ownerOf(p) : null;
      const ui = deps.ui();
      if (!ui || !owner?.view || !owner.badges.has(postId)) return;
      ensurePanel(ui, opener, 'post', owner.key, postId);
      renderPanel();
    });
  }

  function renderPanel() {
    guard('panel', () => {
      const ui = deps.ui();
      if (!panel || !t || !ui) return;
      const r = refs.get(panel.refKey);
      const view = r?.view;
      if (!r || !view) return;
      const onClose = () => closePanel(true);
      const onDashboard = () => deps.openDashboard(view.key);
      if (panel.kind === 'post' && panel.postId) {
        const post = r.badges.get(panel.postId);
        if (!post) return;
        panel.mount.render(ui.postPanel(t, { post, view, onClose, onAccount: () => openAccountPanel(r.key, null) }));
      } else {
        panel.mount.render(ui.accountPanel(t, { view, onClose, onDashboard }));
      }
    });
  }

  function closePanel(returnFocus: boolean) {
    if (!panel) return;
    const { mount, opener } = panel;
    panel = null;
    mount.destroy();
    renderAccount();
    if (returnFocus && opener?.isConnected) opener.focus();
  }

  // ---- sessions ------------------------------------------------------------------------------------

  function startSession(s: BusSession | null) {
    hideAll();
    session = s;
    account = null;
    posts.clear();
    refs.clear();
    dirty.clear();
    scopes = s ? [doc] : [];
    if (s) scheduleAsk(0);
  }

  const onEvent = (e: BusEvent) =>
    guard(e.type, () => {
      if (disposed) return;
      // the page changed, in its own task: what the overlay has to write goes with it
      if (e.type === 'mutated') {
        pageChangedAt = Date.now();
        return writeNow();
      }
      if (e.type === 'session') return startSession(e.session);
      if (!session || e.sessionId !== session.id) {
        if (e.type === 'stored') onStored(e.accounts);
        return;
      }
      if (e.type === 'end') return startSession(null);
      if (e.type === 'added') {
        scopes.push(...e.scope);
        schedulePlace();
      } else if (e.type === 'reading') onReading(e.account, e.posts);
      else if (e.type === 'stored') onStored(e.accounts);
    });

  function onStored(keys: string[]) {
    const changed = new Set(keys);
    for (const r of refs.values()) {
      if (r.view === null || r.view === undefined || changed.has(r.view.key)) {
        for (const id of r.lastAsked) r.pending.add(id);
        if (r.view === null) r.view = undefined;
        // asked again even when it has no posts to ask about (a private account, a header-only
        // reading): its stored numbers are what changed
        r.force = true;
      }
    }
    scheduleAsk(askDelay);
  }

  // ---- start -------------------------------------------------------------------------------------------

  // A late start: the session's events so far, then the live ones.
  for (const e of bus.replay()) onEvent(e);
  const unsubscribe = bus.subscribe(onEvent);
  if (!session) scheduleAsk(0);
  schedulePlace();
  // The views script may start after this one: the account badge (and a panel) appear then.
  const stopUi = deps.onUi(() =>
    guard('views', () => {
      renderAccount();
      if (panel) renderPanel();
    }),
  );

  let settingsTimer: ReturnType<typeof setTimeout> | null = null;
  const stopSettings = deps.onSettingsChange((raw) => {
    // Turning the site off hides the overlay at once; the background's answer confirms the settings.
    const overlay = (raw as { overlay?: Record<string, unknown> } | null)?.overlay;
    if (session && config && overlay?.[session.platform] === false) {
      config = { ...config, enabled: { ...config.enabled, [session.platform]: false } };
      guard('hide', hideAll);
    }
    if (settingsTimer !== null) return;
    settingsTimer = later(() => {
      settingsTimer = null;
      // the answer carries the settings; every account is asked again (the language may have changed)
      for (const r of refs.values()) r.all = true;
      void askNow();
    }, SETTINGS_DELAY);
  });

  return {
    stats,
    async settle() {
      const drawAccount = () => {
        if (accountTimer === null) return;
        clearTimeout(accountTimer);
        timers.delete(accountTimer);
        accountTimer = null;
        renderAccount();
      };
      for (let i = 0; i < 20; i++) {
        drawAccount();
        if (placeTimer !== null) {
          clearTimeout(placeTimer);
          timers.delete(placeTimer);
          placeTimer = null;
          guard('place', place);
        }
        if (askTimer !== null) {
          clearTimeout(askTimer);
          timers.delete(askTimer);
          askTimer = null;
          await askNow();
        } else if (inFlight) await inFlight;
        else if (settingsTimer === null) break;
        else await new Promise((r) => setTimeout(r, SETTINGS_DELAY + 5));
      }
      drawAccount();
      writeNow();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unsubscribe();
      stopSettings();
      stopUi();
      for (const id of timers) clearTimeout(id);
      timers.clear();
      guard('dispose', hideAll);
      resizer?.disconnect();
      nearby?.disconnect();
      far?.disconnect();
      back?.disconnect();
      headerWatch?.disconnect();
      passed.clear();
    },
  };
}
