/**
 * Reading VK posts off the page's main thread (lib/platforms/vk/batch.ts). The VK content script
 * sends the copies of new post elements (`readVkPosts`); the background checks who sent them and
 * their shape (zod), then has them read where there is a DOM parser:
 * - in Firefox, the background is a page: it reads them itself;
 * - in Chrome, the service worker has no DOM: it opens the extension's reader document
 *   (entrypoints/reader, an offscreen document, reason DOM_PARSER; permission `offscreen`) once and
 *   passes the batch on (`readVkPostsInDocument`), which reads it with the same checks.
 * The reading's result goes back to the content script, which reports it like any reading (the
 * store validates it again on `ingest`). Nothing is stored here, and the copies are not kept.
 * Kept apart from the entrypoints so it is tested without a browser.
 */
import { browser } from 'wxt/browser';
import { classifySender, type ReadPostsReply, sendMessage } from '../messaging';
import { zodIssues } from '../model';
import { platformOfUrl } from '../platforms';
import { readVkBatch, type VkPostBatch } from '../platforms/vk/batch';
import { VkPostBatchSchema } from '../protocol';
import type { Sender } from './ingest';

function check(data: unknown): VkPostBatch | string {
  const parsed = VkPostBatchSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  return zodIssues(parsed.error);
}

/** Read a checked batch here, with this context's DOMParser. */
function readHere(batch: VkPostBatch): ReadPostsReply {
  try {
    return { ok: true, posts: readVkBatch(batch, new DOMParser()) };
  } catch (e) {
    return { ok: false, message: `reading failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * The background's answer to `readVkPosts`. `elsewhere` reads a checked batch where there is a DOM
 * (default: here when this context has DOMParser, Firefox; else the reader document, Chrome).
 */
export async function handleReadVkPosts(
  data: unknown,
  sender: Sender | undefined,
  elsewhere: (batch: VkPostBatch) => Promise<ReadPostsReply> = readWhereThereIsADom,
): Promise<ReadPostsReply> {
  if (classifySender(sender) !== 'content' || platformOfUrl(sender?.url ?? '') !== 'vk') {
    return { ok: false, message: 'ignored: not from this extension’s VK content script' };
  }
  const batch = check(data);
  if (typeof batch === 'string') return { ok: false, message: batch };
  return elsewhere(batch);
}

/** The reader document's answer to `readVkPostsInDocument`: only the extension's own pages (the worker) ask. */
export function handleReadInDocument(data: unknown, sender: Sender | undefined): ReadPostsReply {
  if (classifySender(sender) !== 'extension-page') return { ok: false, message: 'ignored: not from this extension' };
  const batch = check(data);
  return typeof batch === 'string' ? { ok: false, message: batch } : readHere(batch);
}

const READER_DOCUMENT = '/reader.html';

interface OffscreenApi {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
}
interface ChromeLike {
  offscreen?: OffscreenApi;
  runtime?: { getContexts?(filter: { contextTypes: string[]; documentUrls?: string[] }): Promise<unknown[]> };
}

let opening: Promise<void> | null = null;

/** Open the reader document unless it is open (it outlives the worker: a restarted worker finds it). */
async function openReaderDocument(): Promise<void> {
  const chrome = (globalThis as { chrome?: ChromeLike }).chrome;
  const offscreen = chrome?.offscreen;
  if (!offscreen) throw new Error('no offscreen documents in this browser');
  const url = browser.runtime.getURL(READER_DOCUMENT);
  const open = await chrome.runtime?.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (open?.length) return;
  opening ??= offscreen
    .createDocument({ url, reasons: ['DOM_PARSER'], justification: 'Read the posts of the VK page being viewed off its main thread.' })
    .catch((e: unknown) => {
      // opened meanwhile by another call (a worker restarted while it was being opened)
      if (!/single offscreen/i.test(String(e))) throw e;
    })
    .finally(() => {
      opening = null;
    });
  await opening;
}

/** Throws when the reader document cannot be opened or does not answer: the content script then sends the batch again. */
async function readWhereThereIsADom(batch: VkPostBatch): Promise<ReadPostsReply> {
  if (typeof DOMParser === 'function') return readHere(batch);
  await openReaderDocument();
  return sendMessage('readVkPostsInDocument', batch);
}
