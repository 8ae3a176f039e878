import { postBadgeContent } from '@/components/overlay/post-badge';
import { overlayCss } from '@/components/overlay/styles';
import { startSiteOverlay } from '@/lib/overlay/start';
import { instagramAnchors } from '@/lib/platforms/instagram/anchors';
import { INSTAGRAM_MATCHES } from '@/lib/platforms/matches';

/**
 * The in-page overlay on Instagram (lib/overlay): badges on posts and beside the profile header.
 * Its own content script, beside the reader's (same pages, same isolated world), so each stays
 * under the 20 KB budget; it learns what the reader read through lib/content/bus.ts.
 */
export default defineContentScript({
  matches: INSTAGRAM_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    startSiteOverlay(ctx, instagramAnchors, postBadgeContent, overlayCss);
  },
});
