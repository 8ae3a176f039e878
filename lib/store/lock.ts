/**
 * Serialized writes. Every write to the history store runs inside `withStoreLock`, so 1000
 * observations from 20 tabs are applied one after another and none overwrites another.
 *
 * The Web Locks API (navigator.locks) is shared by the service worker and the extension's own
 * pages (same origin), so an import running in the dashboard and ingests running in the
 * background also take turns; a lock held by a worker that is stopped is released with it.
 * Where Web Locks are missing (unit tests in Node), an in-memory queue does the same in one context.
 */
const LOCK_NAME = 'smm-lens-store';

let tail: Promise<unknown> = Promise.resolve();

function queued<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn, fn);
  tail = run.catch(() => undefined);
  return run;
}

export function withStoreLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks && typeof locks.request === 'function') return locks.request(LOCK_NAME, fn) as Promise<T>;
  return queued(fn);
}
