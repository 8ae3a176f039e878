import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * Summaries scheduled after an ingest (lib/store/store.ts scheduleMaintenance) must not land in
 * another test. The queue lives on globalThis (importing the store here would load wxt/browser
 * before the fake browser is installed).
 */
function cancelMaintenance() {
  const s = (globalThis as { __smmLensMaintenance?: { pending: Set<string>; timer: ReturnType<typeof setTimeout> | null } })
    .__smmLensMaintenance;
  if (!s) return;
  if (s.timer !== null) clearTimeout(s.timer);
  s.timer = null;
  s.pending.clear();
}

beforeEach(() => {
  fakeBrowser.reset();
  cancelMaintenance();
});
afterEach(() => {
  cancelMaintenance();
});
