import { VK_MATCHES } from '@/lib/platforms/matches';
import { installMainWorld } from '@/lib/platforms/vk/main-world';

/**
 * The VK reader's MAIN-world helper: answers the content script's questions about data the page's
 * own JavaScript holds (React props of posts, window.cur.apiPrefetchCache). Reads only; see
 * lib/platforms/vk/main-world.ts. Runs at document_start so it is listening before the content
 * script (document_idle) asks.
 */
export default defineContentScript({
  matches: VK_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    try {
      installMainWorld(window);
    } catch {
      // never disturb the page
    }
  },
});
