/**
 * The in-world bus between the reader's content script (lib/content/run-site.ts) and the overlay's
 * content scripts (lib/overlay): they run in the extension's isolated world of the same document
 * and share its global object, which the page's own scripts cannot see. No DOM event carries
 * anything, so nothing of this is visible to the page.
 *
 * The reader `emit`s each page session, the elements its DOM watcher saw added, each reading
 * (which account and posts it read) and the background's acknowledgement that a reading was
 * stored. The overlay's `contentBus()` keeps only ids of what was read (never page text), and the
 * current session's events for a subscriber that starts late (`replay`; added elements and page
 * changes are not kept: a late subscriber scans the document once).
 *
 * The reader's side is one tiny function on purpose: it ships in the reader's content script,
 * which has a size budget. It pushes each event onto the world's slot, as analytics snippets push
 * onto a `dataLayer`: until the overlay's bus exists, the slot is an array and events wait there;
 * then it is the bus, whose `push` publishes. The overlay's content script is listed before the
 * reader's in the manifest (same run_at), so in practice the bus exists first and nothing waits.
 */
import type { AccountObservationInput, PageKind, Platform, PostObservationInput } from '../model';

export interface BusSession {
  /** increases with every session of the document */
  id: number;
  platform: Platform;
  url: string;
  pageKind: PageKind;
}

/** An account as a reading names it: enough for the background to find its stored history. */
export interface BusAccount {
  platform: Platform;
  id: string;
  handle: string | null;
}

/** A post as a reading names it. `authorId` null: the page's account (a profile or wall). */
export interface BusPost {
  id: string;
  authorId: string | null;
  authorHandle: string | null;
}

export type BusEvent =
  | { type: 'session'; session: BusSession }
  /** elements the DOM watcher saw added (top-most only), or the document on a full rescan */
  | { type: 'added'; sessionId: number; scope: ParentNode[] }
  | { type: 'reading'; sessionId: number; account: BusAccount | null; posts: BusPost[] }
  /**
   * the page added elements of its own: sent from the DOM watcher's MutationObserver, within the
   * page's task, so the overlay's writes join the frame the page's change makes anyway
   */
  | { type: 'mutated'; sessionId: number }
  /** the background stored a reading: these stored account keys changed */
  | { type: 'stored'; sessionId: number; accounts: string[] }
  /** the reader stopped (its content script was invalidated) */
  | { type: 'end'; sessionId: number };

/** What the reader emits: a reading carries the observations themselves (the bus keeps their ids). */
export type ReaderEvent =
  | Exclude<BusEvent, { type: 'reading' }>
  | {
      type: 'reading';
      sessionId: number;
      account: Pick<AccountObservationInput, 'platform' | 'id' | 'handle'> | null;
      posts: ReadonlyArray<Pick<PostObservationInput, 'id' | 'authorId' | 'authorHandle'>>;
    };

export interface Bus {
  /** Publish (the reader's `emit` calls it as `push`). */
  push(event: ReaderEvent): void;
  /** Listen; returns the remover. A listener that throws does not stop the others. */
  subscribe(listener: (event: BusEvent) => void): () => void;
  /** The current session's events so far (without `added` and `mutated`). */
  replay(): BusEvent[];
}

const KEY = Symbol.for('smm-lens.content-bus.v1');
/** Events kept for a late subscriber, at most (a long infinite scroll). */
const MAX_LOG = 3000;

type Slot = ReaderEvent[] | Bus;
const slots = () => globalThis as unknown as Record<symbol, Slot | undefined>;

/** The reader's side: hand an event to the overlay (or queue it until the overlay's bus exists). */
export function emit(event: ReaderEvent): void {
  const g = slots();
  let slot = g[KEY];
  if (!slot) {
    slot = [];
    g[KEY] = slot;
  }
  slot.push(event);
}

function normalise(e: ReaderEvent): BusEvent {
  if (e.type !== 'reading') return e;
  const a = e.account;
  return {
    type: 'reading',
    sessionId: e.sessionId,
    account: a && { platform: a.platform, id: a.id, handle: a.handle ?? null },
    posts: e.posts.map((p) => ({ id: p.id, authorId: p.authorId ?? null, authorHandle: p.authorHandle ?? null })),
  };
}

export function createBus(): Bus {
  const listeners = new Set<(event: BusEvent) => void>();
  const log: BusEvent[] = [];
  return {
    push(raw) {
      const event = normalise(raw);
      if (event.type === 'session') log.length = 0;
      if (event.type !== 'added' && event.type !== 'mutated' && log.length < MAX_LOG) log.push(event);
      for (const l of listeners) {
        try {
          l(event);
        } catch {
          // the overlay logs its own failures; the reader goes on
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    replay: () => log.slice(),
  };
}

/** The overlay's side: the bus of this isolated world, with what the reader emitted before it existed. */
export function contentBus(): Bus {
  const g = slots();
  const slot = g[KEY];
  if (slot && !Array.isArray(slot)) return slot;
  const bus = createBus();
  // what waited: from the last session on
  const waiting = slot ?? [];
  let from = 0;
  waiting.forEach((e, i) => {
    if (e.type === 'session') from = i;
  });
  for (const e of waiting.slice(from)) bus.push(e);
  g[KEY] = bus;
  return bus;
}
