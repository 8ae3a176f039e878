/**
 * The content scripts' side of lib/messaging.ts, without @webext-core/messaging: the same messages
 * on the wire (`{ id, type, data, timestamp }`, answered `{ res }` or `{ err }`), so the background
 * and the popup, which use @webext-core/messaging, see no difference. The content scripts only send
 * (`send`) and answer the popup's one question (`answer`); the library's generic machinery (and
 * its error serialiser) would cost each of them most of a kilobyte of its 20 KB budget.
 */
import { browser } from 'wxt/browser';
import type { ProtocolMap } from '../messaging';

type Data<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];
type Reply<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;

let seq = Math.floor(Math.random() * 1e4);

/** Send to the background; resolves with its answer, rejects when there is none or it failed. */
export async function send<K extends keyof ProtocolMap>(type: K, data: Data<K>): Promise<Reply<K>> {
  const reply = (await browser.runtime.sendMessage({ id: seq++, type, data, timestamp: Date.now() })) as
    | { res?: Reply<K>; err?: { message?: string } | null }
    | undefined;
  if (!reply) throw new Error('No response');
  if (reply.err != null) throw new Error(reply.err.message ?? String(reply.err));
  return reply.res as Reply<K>;
}

/** Answer messages of this type (from the popup); other messages are left to other listeners. */
export function answer<K extends keyof ProtocolMap>(type: K, handler: () => Reply<K>): void {
  browser.runtime.onMessage.addListener((message: unknown) => {
    const m = message as { type?: unknown; timestamp?: unknown } | null;
    if (!m || m.type !== type || typeof m.timestamp !== 'number') return undefined;
    return Promise.resolve()
      .then(handler)
      .then(
        (res) => ({ res }),
        (e: unknown) => ({ err: { message: e instanceof Error ? e.message : String(e) } }),
      );
  });
}
