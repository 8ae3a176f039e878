import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchDom } from '@/lib/content/watch';

/** Let the MutationObserver deliver its records (a microtask). */
const records = () => new Promise((r) => setTimeout(r, 0));

function wall(): HTMLElement {
  document.body.innerHTML = '';
  const el = document.createElement('div');
  document.body.append(el);
  return el;
}

function post(i: number): HTMLElement {
  const el = document.createElement('div');
  el.className = 'post';
  el.dataset.i = String(i);
  el.append(document.createElement('span'));
  return el;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('DOM watcher', () => {
  it('hands over the top-most added elements once, not their children, nor the overlay’s own', async () => {
    const root = wall();
    const seen: Element[][] = [];
    const w = watchDom({ root: document, onAdded: (els) => seen.push(els), onRescan: () => seen.push([]) });
    const a = post(1);
    root.append(a);
    a.append(document.createElement('i'));
    const anchor = document.createElement('smm-lens-anchor');
    root.append(anchor);
    await records();
    // a badge made in an anchor already on the page
    anchor.append(document.createElement('button'));
    await records();
    w.flush();
    expect(seen).toEqual([[a]]);
    w.stop();
  });

  it('tells at once, in the page’s task, that the page added elements (not for the overlay’s own, nor for text)', async () => {
    const root = wall();
    let changes = 0;
    const w = watchDom({
      root: document,
      onAdded: () => undefined,
      onRescan: () => undefined,
      onChange: () => changes++,
      minGapMs: 10_000,
    });
    root.append(post(1));
    await records();
    expect(changes).toBe(1);
    const anchor = document.createElement('smm-lens-anchor');
    root.append(anchor);
    root.append(document.createTextNode('text'));
    await records();
    expect(changes).toBe(1);
    anchor.append(document.createElement('button'));
    await records();
    expect(changes).toBe(1);
    // told at every change, whatever the reading's gap
    root.append(post(2));
    await records();
    expect(changes).toBe(2);
    w.stop();
  });

  it('reads what is added within minGapMs of the last reading in one go', async () => {
    const root = wall();
    const seen: Element[][] = [];
    const w = watchDom({ root: document, onAdded: (els) => seen.push(els), onRescan: () => undefined, minGapMs: 200, maxDelayMs: 50 });
    root.append(post(0));
    await records();
    // the first reading is not held back
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 150, interval: 5 });
    const started = Date.now();
    // an infinite scroll: a batch every 20 ms
    for (let i = 1; i <= 5; i++) {
      root.append(post(i));
      await new Promise((r) => setTimeout(r, 20));
    }
    await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 1000, interval: 5 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(seen[1].map((e) => (e as HTMLElement).dataset.i)).toEqual(['1', '2', '3', '4', '5']);
    w.stop();
  });

  it('without minGapMs, reads each batch at the next idle moment', async () => {
    const root = wall();
    const seen: Element[][] = [];
    const w = watchDom({ root: document, onAdded: (els) => seen.push(els), onRescan: () => undefined, maxDelayMs: 50 });
    for (let i = 1; i <= 3; i++) {
      root.append(post(i));
      await vi.waitFor(() => expect(seen).toHaveLength(i), { timeout: 500, interval: 5 });
    }
    w.stop();
  });

  it('asks for one rescan instead when more than maxQueued elements were added', async () => {
    const root = wall();
    const calls: string[] = [];
    const w = watchDom({
      root: document,
      onAdded: () => calls.push('added'),
      onRescan: () => calls.push('rescan'),
      maxQueued: 5,
    });
    for (let i = 0; i < 8; i++) root.append(post(i));
    await records();
    w.flush();
    expect(calls).toEqual(['rescan']);
    w.stop();
  });

  it('stops: nothing is handed over after stop()', async () => {
    const root = wall();
    const onAdded = vi.fn();
    const w = watchDom({ root: document, onAdded, onRescan: () => undefined, minGapMs: 10 });
    w.stop();
    root.append(post(1));
    await new Promise((r) => setTimeout(r, 50));
    w.flush();
    expect(onAdded).not.toHaveBeenCalled();
  });
});
