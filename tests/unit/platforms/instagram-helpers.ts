/**
 * Test wiring of the Instagram reader as in the browser: the page's own JSON is read by the
 * MAIN-world code (network.ts pagePayload) and crosses the page bridge as JSON text, checked on
 * arrival (bridgeSubscriber), when the reader subscribes and whenever it asks for new scripts.
 */

import { pagePayload } from '@/lib/platforms/instagram/network';
import type { PageFacts } from '@/lib/platforms/instagram/pagejson';
import { bridgeSubscriber, createInstagramReader, type IgStore } from '@/lib/platforms/instagram/reader';

export function readerFor(doc: Document, store?: IgStore) {
  let sink: ((payload: unknown) => void) | null = null;
  const subscribe = bridgeSubscriber((_channel, cb) => {
    sink = cb;
    return () => {
      sink = null;
    };
  }, 'instagram');
  const seen = new WeakSet<Element>();
  const facts: PageFacts = { profileId: null, mediaType: null, mediaOwnerId: null };
  const scan = () => sink?.(JSON.parse(JSON.stringify(pagePayload(doc, seen, facts))));
  return createInstagramReader({
    store,
    subscribe: (cb) => {
      const off = subscribe?.(cb) ?? (() => undefined);
      scan();
      return off;
    },
    requestPageJson: scan,
  });
}
