import { postBadgeContent } from '@/components/overlay/post-badge';
import { overlayCss } from '@/components/overlay/styles';
import { startSiteOverlay } from '@/lib/overlay/start';
import { VK_MATCHES } from '@/lib/platforms/matches';
import { vkAnchors } from '@/lib/platforms/vk/anchors';

/**
 * The in-page overlay on VK (lib/overlay): badges on posts and beside the community or profile
 * header. Its own content script, beside the reader's (same pages, same isolated world), so each
 * stays under the 20 KB budget; it learns what the reader read through lib/content/bus.ts.
 */
export default defineContentScript({
  matches: VK_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    startSiteOverlay(ctx, vkAnchors, postBadgeContent, overlayCss);
  },
});
