/**
 * A one-way bridge from a MAIN-world script (which can see the page's own JavaScript objects and
 * the responses the page's own code receives) to the isolated content script.
 *
 * Everything that crosses it is page data: a page can dispatch the same event, so the receiver
 * treats the payload like any text on the page (parse and check every number, never execute or
 * render it as HTML). Payloads travel as JSON strings, the one form both worlds can read in
 * Chrome and Firefox.
 */
export const BRIDGE_EVENT = 'smm-lens:page-data';
const MAX_PAYLOAD_CHARS = 5_000_000;

/** MAIN world: hand data to the content script. */
export function postToExtension(channel: string, payload: unknown): void {
  try {
    const detail = JSON.stringify({ channel, payload });
    if (detail.length > MAX_PAYLOAD_CHARS) return;
    window.dispatchEvent(new CustomEvent(BRIDGE_EVENT, { detail }));
  } catch {
    // never disturb the page
  }
}

/** Isolated world: receive what the MAIN-world script sends on `channel`. Returns a remover. */
export function onPageData(channel: string, callback: (payload: unknown) => void): () => void {
  const listener = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail !== 'string' || detail.length > MAX_PAYLOAD_CHARS) return;
    let message: unknown;
    try {
      message = JSON.parse(detail);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null || (message as { channel?: unknown }).channel !== channel) return;
    try {
      callback((message as { payload?: unknown }).payload);
    } catch {
      // a failing consumer must not break the page's event dispatch
    }
  };
  window.addEventListener(BRIDGE_EVENT, listener);
  return () => window.removeEventListener(BRIDGE_EVENT, listener);
}
