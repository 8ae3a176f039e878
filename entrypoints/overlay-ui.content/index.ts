import { overlayUi } from '@/components/overlay/views';
import { registerOverlayUi, unregisterOverlayUi } from '@/lib/overlay/ui';
import { INSTAGRAM_MATCHES, VK_MATCHES } from '@/lib/platforms/matches';

/**
 * The overlay's Preact views (account badge, panels; components/overlay), for both sites. The site
 * overlay scripts (entrypoints/<site>-overlay.content) render them; see lib/overlay/ui.ts for why
 * they are a script of their own.
 */
export default defineContentScript({
  matches: [...VK_MATCHES, ...INSTAGRAM_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    registerOverlayUi(overlayUi);
    ctx.onInvalidated(() => unregisterOverlayUi(overlayUi));
  },
});
