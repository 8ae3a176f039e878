import { runSite } from '@/lib/content/run-site';
import { instagramReader } from '@/lib/platforms/instagram/reader';
import { INSTAGRAM_MATCHES } from '@/lib/platforms/matches';

export default defineContentScript({
  matches: INSTAGRAM_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    runSite(ctx, instagramReader);
  },
});
