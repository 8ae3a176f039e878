/**
 * One MutationObserver per document that only queues added elements; the queue is flushed once per
 * idle period (or animation frame where idle callbacks are missing). Above `maxQueued` nodes, one
 * rescan of the whole root replaces the queue. Processed nodes are remembered in a WeakSet by the
 * caller's extractors, so no node is parsed twice. (uBlock Origin domWatcher; Dark Reader dom.ts.)
 */
export interface DomWatcherOptions {
  root: Node;
  /** Called with the elements added since the last flush (top-most only). */
  onAdded: (elements: Element[]) => void;
  /** Called instead of onAdded when too many nodes were added at once. */
  onRescan: () => void;
  maxQueued?: number;
  /** Longest wait before a flush, ms. */
  maxDelayMs?: number;
  onError?: (error: unknown) => void;
  /** Called at once (in the MutationObserver's callback, within the page's task) when the page added elements. Must not throw. */
  onChange?: () => void;
  /**
   * Least ms between two flushes: what an infinite scroll adds meanwhile is read in one go (the
   * costs of a reading that do not grow with its posts are paid once for several batches).
   */
  minGapMs?: number;
}

export interface DomWatcher {
  stop(): void;
  /** Flush now (tests, navigation). */
  flush(): void;
}

type IdleWindow = Window & {
  requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number;
  cancelIdleCallback?: (id: number) => void;
};

export function watchDom(options: DomWatcherOptions): DomWatcher {
  const max = options.maxQueued ?? 1000;
  const maxDelay = options.maxDelayMs ?? 400;
  const win = (options.root.ownerDocument?.defaultView ?? globalThis) as unknown as IdleWindow;
  let queued: Element[] = [];
  let overflow = false;
  let scheduled: { cancel: () => void } | null = null;
  let stopped = false;
  const minGap = options.minGapMs ?? 0;
  let lastFlush = Number.NEGATIVE_INFINITY;

  const flush = () => {
    scheduled?.cancel();
    scheduled = null;
    if (stopped) return;
    lastFlush = Date.now();
    const batch = queued;
    const rescan = overflow;
    queued = [];
    overflow = false;
    try {
      if (rescan) options.onRescan();
      else if (batch.length) {
        // keep only elements still in the document, and not inside another queued element
        const set = new Set(batch);
        const top = batch.filter((el) => {
          if (!el.isConnected) return false;
          for (let p = el.parentElement; p; p = p.parentElement) if (set.has(p)) return false;
          return true;
        });
        if (top.length) options.onAdded(top);
      }
    } catch (e) {
      options.onError?.(e);
    }
  };

  const schedule = () => {
    if (scheduled || stopped) return;
    const wait = lastFlush + minGap - Date.now();
    if (wait > 0) {
      const id = setTimeout(() => {
        scheduled = null;
        schedule();
      }, wait);
      scheduled = { cancel: () => clearTimeout(id) };
      return;
    }
    if (typeof win.requestIdleCallback === 'function') {
      const id = win.requestIdleCallback(flush, { timeout: maxDelay });
      scheduled = { cancel: () => win.cancelIdleCallback?.(id) };
    } else {
      const id = setTimeout(flush, Math.min(maxDelay, 100));
      scheduled = { cancel: () => clearTimeout(id) };
    }
  };

  const observer = new MutationObserver((records) => {
    if (overflow) return;
    const before = queued.length;
    for (const r of records) {
      // added inside the extension's own overlay elements (a badge made in its anchor): not the page's
      // content either, and not a change of the page's (lib/overlay writes with the page's changes)
      if ((r.target as Element).localName?.startsWith('smm-lens-')) continue;
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1) continue;
        // The extension's own overlay (lib/overlay: <smm-lens-*> elements) is not the page's content.
        if ((node as Element).localName.startsWith('smm-lens-')) continue;
        queued.push(node as Element);
      }
      if (queued.length > max) {
        overflow = true;
        queued = [];
        break;
      }
    }
    if (queued.length || overflow) schedule();
    if (queued.length > before) options.onChange?.();
  });
  observer.observe(options.root, { childList: true, subtree: true });

  return {
    stop() {
      stopped = true;
      observer.disconnect();
      scheduled?.cancel();
      queued = [];
    },
    flush,
  };
}
