import { installNetworkObserver } from '@/lib/platforms/instagram/network';
import { INSTAGRAM_MATCHES } from '@/lib/platforms/matches';

/**
 * MAIN world, before Instagram's own scripts: observe the API responses the page receives and
 * hand their counts to the content script (lib/platforms/instagram/network.ts). No request of its own.
 */
export default defineContentScript({
  matches: INSTAGRAM_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installNetworkObserver();
  },
});
