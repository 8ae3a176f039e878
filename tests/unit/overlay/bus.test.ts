/** The in-world bus (lib/content/bus.ts) between the reader and the overlay. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentBus, createBus, emit } from '@/lib/content/bus';
import { igAccount, igPost } from '../../helpers/reports';

const KEY = Symbol.for('smm-lens.content-bus.v1');
const g = globalThis as unknown as Record<symbol, unknown>;
afterEach(() => {
  delete g[KEY];
});

const session = (id: number) =>
  ({ type: 'session', session: { id, platform: 'instagram', url: 'https://www.instagram.com/nasa/', pageKind: 'profile' } }) as const;

describe('the content bus', () => {
  it('keeps ids of what was read, never page text', () => {
    const bus = createBus();
    const seen = vi.fn();
    bus.subscribe(seen);
    bus.push(session(1));
    bus.push({
      type: 'reading',
      sessionId: 1,
      account: igAccount('nasa', 1),
      posts: [igPost('AAAAA', 3, { caption: 'secret', authorId: 'nasa' })],
    });
    expect(seen).toHaveBeenLastCalledWith({
      type: 'reading',
      sessionId: 1,
      account: { platform: 'instagram', id: 'nasa', handle: 'nasa' },
      posts: [{ id: 'AAAAA', authorId: 'nasa', authorHandle: null }],
    });
    expect(JSON.stringify(bus.replay())).not.toContain('secret');
  });

  it('a late subscriber replays the current session (not added elements nor page changes, not the previous session)', () => {
    const bus = createBus();
    bus.push(session(1));
    bus.push({ type: 'stored', sessionId: 1, accounts: ['instagram:a'] });
    bus.push(session(2));
    bus.push({ type: 'added', sessionId: 2, scope: [document] });
    bus.push({ type: 'mutated', sessionId: 2 });
    bus.push({ type: 'stored', sessionId: 2, accounts: ['instagram:b'] });
    expect(bus.replay()).toEqual([session(2), { type: 'stored', sessionId: 2, accounts: ['instagram:b'] }]);
  });

  it('a listener that throws does not stop the others, nor the reader', () => {
    const bus = createBus();
    const after = vi.fn();
    bus.subscribe(() => {
      throw new Error('boom');
    });
    bus.subscribe(after);
    expect(() => bus.push(session(1))).not.toThrow();
    expect(after).toHaveBeenCalled();
  });

  it('what the reader emits before the overlay exists waits, from its last session on', () => {
    emit(session(1));
    emit({ type: 'stored', sessionId: 1, accounts: ['x'] });
    emit(session(2));
    emit({ type: 'stored', sessionId: 2, accounts: ['y'] });
    const bus = contentBus();
    expect(bus.replay()).toEqual([session(2), { type: 'stored', sessionId: 2, accounts: ['y'] }]);
    // from now on the reader's emit goes straight to the bus
    const seen = vi.fn();
    bus.subscribe(seen);
    emit({ type: 'stored', sessionId: 2, accounts: ['z'] });
    expect(seen).toHaveBeenCalledWith({ type: 'stored', sessionId: 2, accounts: ['z'] });
    expect(contentBus()).toBe(bus);
  });
});
