/**
 * The overlay's Preact views (the account badge and the panels) live in their own content script,
 * entrypoints/overlay-ui.content (one for both sites), which registers them here; each site's
 * overlay script (lib/overlay/controller.ts) finds them here. Both scripts run in the same
 * isolated world, whose global object the page cannot see. The split keeps each content script
 * under its 20 KB budget: the site script places the many light post badges without Preact.
 */
import type { Translator } from '../i18n/translator';
import type { AccountView, AnalysisView, PostBadgeView } from './types';

/** A Preact element, opaque to the site script. */
export type UiNode = unknown;

export interface OverlayUi {
  /** Preact's render of the UI script (null unmounts) */
  render(node: UiNode | null, container: Element): void;
  accountBadge(t: Translator, props: { analysis: AnalysisView; expanded: boolean; onOpen: (el: HTMLElement) => void }): UiNode;
  accountPanel(t: Translator, props: { view: AccountView; onClose: () => void; onDashboard: () => void }): UiNode;
  postPanel(t: Translator, props: { post: PostBadgeView; view: AccountView; onClose: () => void; onAccount: () => void }): UiNode;
}

interface Slot {
  ui: OverlayUi | null;
  waiting: Set<() => void>;
}
const KEY = Symbol.for('smm-lens.overlay-ui.v1');

function slot(): Slot {
  const g = globalThis as unknown as Record<symbol, Slot | undefined>;
  g[KEY] ??= { ui: null, waiting: new Set() };
  return g[KEY];
}

export function registerOverlayUi(ui: OverlayUi): void {
  const s = slot();
  s.ui = ui;
  for (const cb of s.waiting) {
    try {
      cb();
    } catch {
      // the site script logs its own failures
    }
  }
}

export function unregisterOverlayUi(ui: OverlayUi): void {
  const s = slot();
  if (s.ui === ui) s.ui = null;
}

export const currentOverlayUi = (): OverlayUi | null => slot().ui;

/** Call `cb` whenever the views are registered (now, if they are); returns the remover. */
export function onOverlayUi(cb: () => void): () => void {
  const s = slot();
  s.waiting.add(cb);
  return () => s.waiting.delete(cb);
}
