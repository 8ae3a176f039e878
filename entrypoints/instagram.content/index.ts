import { onPageData } from '@/lib/content/page-bridge';
import { runSite } from '@/lib/content/run-site';
import { IG_CHANNEL, requestPageScan, requestReplay } from '@/lib/platforms/instagram/network';
import { bridgeSubscriber, createInstagramReader } from '@/lib/platforms/instagram/reader';
import { detectInstagramPage } from '@/lib/platforms/instagram/url';
import { INSTAGRAM_MATCHES } from '@/lib/platforms/matches';

export default defineContentScript({
  matches: INSTAGRAM_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const fromPage = bridgeSubscriber(onPageData, IG_CHANNEL);
    const reader = createInstagramReader({
      subscribe(onData) {
        const off = fromPage?.(onData) ?? (() => undefined);
        ctx.onInvalidated(off);
        // The MAIN-world script started at document_start: ask for what it saw before now.
        requestReplay();
        return off;
      },
      requestPageJson: () => requestPageScan(),
    });
    runSite(ctx, reader, detectInstagramPage);
  },
});
