/**
 * MAIN world: all of Instagram's JSON is read here. The responses Instagram's own code receives
 * (fetch and XMLHttpRequest), and the JSON the page was served with (data-sjs blobs, 2021
 * _sharedData; read when the content script asks, and again when it sees new scripts), are parsed
 * and their counts handed to the content script over the page bridge as plain records (./json.ts
 * IgData), which the content script checks again (cleanIgData). This is how a profile grid's likes
 * and comments are known without opening each post.
 *
 * The page gets exactly what it asked for, when it asked for it: the wrappers call the originals
 * with the same arguments and return their results untouched; reading happens on a clone of the
 * response, after it arrived, in an idle callback; only Instagram's own API paths are looked at;
 * bodies over 8 MB are skipped; nothing here throws into the page. The extension sends no request.
 */
import { postToExtension } from '../../content/page-bridge';
import { extractIgData, type IgData, mayHoldIgData, parseIgJson } from './json';
import { type PageFacts, pageScripts, readPageJson } from './pagejson';

/** What crosses the bridge: records, and (from the page's own JSON) facts about the first page. */
export interface IgPayload extends IgData {
  facts?: PageFacts;
}

/** The JSON of the page's scripts not read before (seen): its records and first-page facts. */
export function pagePayload(doc: Document, seen: WeakSet<Element>, facts: PageFacts): IgPayload {
  const data: IgData = { media: [], users: [] };
  readPageJson(pageScripts(doc), seen, data, facts);
  return { ...data, facts };
}

export const IG_CHANNEL = 'instagram';
/** The content script asks for what was seen before it started listening (it starts later). */
export const IG_REPLAY_EVENT = 'smm-lens:instagram-replay';
/** The content script saw new scripts in the page: read their JSON. */
export const IG_SCAN_EVENT = 'smm-lens:instagram-scan';

/** Instagram's API paths that carry media and profile counts (seen 2021-2025). */
const API_PATH = /^\/(graphql\/query|api\/graphql|graphql|api\/v1\/(feed|media|users|clips|discover|tags|fbsearch)\/)/;
const PLAIN_PATH = /^(\/(?!\/)[A-Za-z0-9_/-]*)(?:[?#]|$)/;
const MAX_BODY_CHARS = 8_000_000;
const REPLAY_KEEP = 40;
/**
 * Least ms between two readings of response bodies. An infinite scroll fetches a batch every few
 * tens of ms; the bodies that arrive meanwhile are read together and handed over as one payload:
 * each hand-over costs the page a bridge event and the content script a reading and a report.
 */
export const BODY_GAP_MS = 200;

export function isInstagramApi(url: string, pageUrl: string | (() => string)): boolean {
  // The page's own calls are mostly plain paths ("/graphql/query?..."): no dots, escapes or
  // backslashes that URL parsing would rewrite, so the path is the text before ? or #, on this origin.
  const plain = PLAIN_PATH.exec(url);
  if (plain) return API_PATH.test(plain[1]);
  try {
    const base = typeof pageUrl === 'function' ? pageUrl() : pageUrl;
    const u = new URL(url, base);
    return API_PATH.test(u.pathname) && u.origin === originOf(base);
  } catch {
    return false;
  }
}
/** The page's origin (the base changes with in-app navigation, its origin does not). */
let lastBase: { base: string; origin: string } | null = null;
function originOf(base: string): string {
  if (lastBase?.base !== base) lastBase = { base, origin: new URL(base).origin };
  return lastBase.origin;
}

/** Add the counts in one response body (text, or the object of an XHR with responseType "json") to `out`. */
function addBody(out: IgData, body: unknown): void {
  const docs = typeof body === 'string' ? (body.length <= MAX_BODY_CHARS && mayHoldIgData(body) ? parseIgJson(body) : []) : [body];
  for (const doc of docs) {
    const d = extractIgData(doc);
    out.media.push(...d.media);
    out.users.push(...d.users);
  }
}

/** The counts in some response bodies; null when none has any. A body that cannot be read is skipped. */
export function dataOfBodies(bodies: readonly unknown[]): IgData | null {
  const out: IgData = { media: [], users: [] };
  for (const body of bodies) {
    try {
      addBody(out, body);
    } catch {
      // a response we cannot read is skipped
    }
  }
  return out.media.length || out.users.length ? out : null;
}

/** The counts in one response body. */
export const dataOfBody = (body: unknown): IgData | null => dataOfBodies([body]);

type IdleWindow = Window & { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number };

export function installNetworkObserver(win: Window = window): void {
  // Kept now, at document_start, before any script of the page runs: the wrappers call the
  // originals with it, so a page that later breaks Function.prototype.apply/call (its right) still
  // gets its own fetch and XHR working.
  const call = Reflect.apply;
  const w = win as IdleWindow & { __smmLensNetwork?: boolean };
  if (w.__smmLensNetwork) return;
  w.__smmLensNetwork = true;
  const setTimer = w.setTimeout;
  const idle = w.requestIdleCallback;
  const now = Date.now;
  const sent: IgPayload[] = [];
  const scripts = new WeakSet<Element>();
  const facts: PageFacts = { profileId: null, mediaType: null, mediaOwnerId: null };
  const later = (fn: () => void) => {
    const run = () => {
      try {
        fn();
      } catch {
        // a response we cannot read is skipped
      }
    };
    if (typeof idle === 'function') call(idle, w, [run, { timeout: 1000 }]);
    else call(setTimer, w, [run, 0]);
  };
  // Response bodies wait, and are read together (BODY_GAP_MS), in an idle callback.
  let bodies: unknown[] = [];
  let waiting = false;
  let lastRead = Number.NEGATIVE_INFINITY;
  const readBodies = () => {
    waiting = false;
    lastRead = now();
    const data = dataOfBodies(bodies);
    bodies = [];
    if (data) keep(data);
  };
  const queueBody = (body: unknown) => {
    try {
      bodies[bodies.length] = body;
      if (waiting) return;
      waiting = true;
      call(setTimer, w, [() => later(readBodies), Math.max(0, lastRead + BODY_GAP_MS - now())]);
    } catch {
      // never in the page's way
    }
  };
  const keep = (payload: IgPayload) => {
    sent.push(payload);
    if (sent.length > REPLAY_KEEP) sent.shift();
    postToExtension(IG_CHANNEL, payload);
  };
  const interesting = (url: string) => isInstagramApi(url, () => w.location.href);

  try {
    const scan = () => {
      try {
        // the page's own JSON: scripts not read before (after in-app navigation, the new ones)
        const page = pagePayload(w.document, scripts, facts);
        if (page.media.length || page.users.length) keep(page);
        else postToExtension(IG_CHANNEL, page);
      } catch {
        // nothing to hand over
      }
    };
    w.addEventListener(IG_REPLAY_EVENT, () => {
      for (const data of sent) postToExtension(IG_CHANNEL, data);
      scan();
    });
    w.addEventListener(IG_SCAN_EVENT, scan);
  } catch {
    // no replay: data seen later still arrives
  }

  // fetch
  const originalFetch = w.fetch;
  if (typeof originalFetch === 'function') {
    const fetch = function (this: unknown, ...args: Parameters<typeof originalFetch>) {
      const result = call(originalFetch, this, args);
      try {
        const input = args[0];
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : (input as Request)?.url;
        if (url && interesting(url) && result && typeof result.then === 'function') {
          result.then(
            (res) => {
              try {
                if (!res?.ok || Number(res.headers.get('content-length')) > MAX_BODY_CHARS) return;
                res
                  .clone()
                  .text()
                  .then(
                    (text) => queueBody(text),
                    () => undefined,
                  );
              } catch {
                // the page's response stays as it is
              }
            },
            () => undefined,
          );
        }
      } catch {
        // never in the page's way
      }
      return result;
    };
    try {
      w.fetch = fetch as typeof w.fetch;
    } catch {
      // fetch is not writable here: no fetch observation
    }
  }

  // XMLHttpRequest
  const proto = (w as unknown as typeof globalThis).XMLHttpRequest?.prototype;
  if (proto) {
    const urls = new WeakMap<XMLHttpRequest, string>();
    const open = proto.open;
    const send = proto.send;
    proto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      try {
        urls.set(this, String(args[1]));
      } catch {
        // ignore
      }
      return call(open, this, args);
    } as typeof proto.open;
    proto.send = function (this: XMLHttpRequest, ...args: unknown[]) {
      try {
        const url = urls.get(this);
        if (url && interesting(url)) {
          this.addEventListener('load', () => {
            try {
              if (this.status !== 200) return;
              const type = this.responseType;
              const body = type === '' || type === 'text' ? this.responseText : type === 'json' ? this.response : null;
              if (body !== null) queueBody(body);
            } catch {
              // ignore
            }
          });
        }
      } catch {
        // ignore
      }
      return call(send, this, args);
    };
  }
}

/** Isolated world: ask the MAIN-world script for what it saw before this script started, and for the page's JSON. */
export function requestReplay(win: Window = window, event = IG_REPLAY_EVENT): void {
  try {
    win.dispatchEvent(new CustomEvent(event));
  } catch {
    // nothing to replay
  }
}

/** Isolated world: new scripts appeared in the page; ask for their JSON. */
export const requestPageScan = (win: Window = window) => requestReplay(win, IG_SCAN_EVENT);
