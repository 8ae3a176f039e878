/**
 * The overlay's content-script wiring: the browser side of lib/overlay/controller.ts (messages to
 * the background, the settings' storage events, the invalidation of the content script).
 * entrypoints/<site>-overlay.content/ call this with their site's anchor finder; the Preact views
 * come from entrypoints/overlay-ui.content (lib/overlay/ui.ts).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { contentBus } from '../content/bus';
import { sendMessage } from '../messaging';
import type { AnchorFinder } from './anchors';
import { type PostBadgeText, startOverlay } from './controller';
import { currentOverlayUi, onOverlayUi } from './ui';

/** Where lib/settings.ts keeps the settings in browser.storage.local ("local:settings"). */
const SETTINGS_KEY = 'settings';
/** The overlay's IntersectionObserver root margin (lib/overlay/controller.ts nearViewport). */
const NEAR_VIEWPORT = '50% 0px';
/** Badges further than this from the viewport are taken off (lib/overlay/controller.ts farViewport). */
const FAR_VIEWPORT = '150% 0px';

const logged = new Set<string>();
function logOnce(part: string, error?: unknown): void {
  if (logged.has(part)) return;
  logged.add(part);
  console.debug(`[SMM Lens] ${part}`, error ?? '');
}

export function startSiteOverlay(ctx: ContentScriptContext, finder: AnchorFinder, postBadge: PostBadgeText, css: string): void {
  try {
    const overlay = startOverlay({
      doc: document,
      finder,
      bus: contentBus(),
      postBadge,
      css,
      ui: currentOverlayUi,
      onUi: onOverlayUi,
      ask: (request) => sendMessage('getAccountViews', request),
      openDashboard: (key) => {
        sendMessage('openDashboard', { key }).catch((e: unknown) => logOnce('could not open the dashboard', e));
      },
      onSettingsChange(cb) {
        const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
          if (area === 'local' && SETTINGS_KEY in changes) cb(changes[SETTINGS_KEY].newValue);
        };
        browser.storage.onChanged.addListener(listener);
        return () => browser.storage.onChanged.removeListener(listener);
      },
      log: logOnce,
      // badges for posts within half a screen of the viewport; the rest when scrolled near
      nearViewport: NEAR_VIEWPORT,
      // and taken off again beyond a screen and a half: the page holds a few screens of badges
      farViewport: FAR_VIEWPORT,
    });
    ctx.onInvalidated(() => overlay.dispose());
  } catch (e) {
    logOnce('overlay failed to start', e);
  }
}
