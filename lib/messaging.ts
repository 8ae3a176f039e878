/**
 * The one messaging protocol between content scripts, the background worker and the extension's
 * pages (@webext-core/messaging). Every message is validated with zod on arrival, and messages
 * from anything but this extension's own content scripts and pages are ignored.
 * The zod schemas of the payloads are in ./protocol.ts (imported where messages arrive, so the
 * content scripts, which only send, do not ship zod).
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import { browser } from 'wxt/browser';
import type { PageReportInput, PostObservationInput } from './model';
import type { ViewsReply, ViewsRequest } from './overlay/types';
import { platformOfUrl } from './platforms';
import type { VkPostBatch } from './platforms/vk/batch';
import type { PopupViewReply, PopupViewRequest } from './popup-view';
import type { PageState } from './protocol';

export type { PageState };

export type IngestReply =
  | { ok: true; accounts: string[]; posts: number }
  | { ok: false; error: 'invalid' | 'quota' | 'write' | 'read' | 'untrusted'; message: string };

/** The posts of a batch read off the page (one per copy sent, null for none), or why not. */
export type ReadPostsReply = { ok: true; posts: Array<PostObservationInput | null> } | { ok: false; message: string };

export interface ProtocolMap {
  /** content script -> background: store a page report */
  ingest(report: PageReportInput): IngestReply;
  /** popup -> content script: what is this page */
  getPageState(): PageState;
  /** overlay (content script) -> background: the stored analyses of the accounts a page shows (lib/background/views.ts) */
  getAccountViews(request: ViewsRequest): ViewsReply;
  /** VK content script -> background: read these posts off the page's main thread (lib/background/read-elsewhere.ts) */
  readVkPosts(batch: VkPostBatch): ReadPostsReply;
  /** background -> the reader document (entrypoints/reader, Chrome's offscreen document): read them there */
  readVkPostsInDocument(batch: VkPostBatch): ReadPostsReply;
  /** overlay -> background: open the dashboard on an account (content scripts cannot open extension pages) */
  openDashboard(request: { key: string | null }): boolean;

  // ---- the popup ----
  /** popup -> background: everything the popup shows, ready to render (lib/popup-view.ts, lib/background/views.ts) */
  getPopupView(request: PopupViewRequest): PopupViewReply;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();

export type SenderKind = 'content' | 'extension-page';

interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/** Who sent a message: one of our content scripts (on VK or Instagram), one of our pages, or nobody we trust. */
export function classifySender(sender: SenderLike | undefined): SenderKind | null {
  if (!sender || sender.id !== browser.runtime.id) return null;
  const url = sender.url ?? '';
  if (url.startsWith(browser.runtime.getURL('/'))) return 'extension-page';
  if (sender.tab && platformOfUrl(url)) return 'content';
  return null;
}
