/**
 * Benchmark-only script (built only when SMM_BENCH=1, see wxt.config.ts; never shipped). The
 * harness (bench/store.ts) loads it into an extension page, where it runs the real store code
 * against the real extension storage (chrome.storage.local) and exposes `window.smmBench`.
 * An unlisted script is bundled on its own, so the popup's and dashboard's chunks stay exactly as
 * in the build users get.
 */
import { exposeBench } from '@/bench/lib/page-api';

export default defineUnlistedScript(() => {
  exposeBench();
});
