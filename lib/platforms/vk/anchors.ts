/**
 * Where the overlay's badges go on VK pages (lib/overlay/anchors.ts), from the reader's selector
 * registry (./selectors.ts) and its post id rule (./post.ts postIdOf):
 * - every top-level post root (not a repost's original, not a comment): top-right, left of VK's
 *   own "..." menu in the post header;
 * - the page header of a community or profile: the block around the page name, top-right (over
 *   the cover image in the 2024+ designs; the header's buttons are lower down).
 */
import type { AnchorFinder, HeaderPlace, PostPlace } from '../../overlay/anchors';
import { postIdOf } from './post';
import { any, PAGE_NAME, POST_ROOT } from './selectors';

/**
 * The header block around the page name, nearest first. seen 2021-08 `.page_top` (legacy, the real
 * feed's markup family); 2025-03 `[data-testid="group_header"]` (redesign fixture, vknext);
 * 2026-07 `section[data-testid="group-header"]` (vk.ru app fixture, PinoK). [GUESS] profile-header.
 */
const HEADER_BLOCK = [
  '.page_top',
  '[data-testid="group-header"]',
  '[data-testid="group_header"]',
  '[data-testid="profile-header"]',
  '[data-testid="profile_header"]',
  '.page_block',
  'section',
  'header',
].join(',');

function isTopLevel(root: Element): boolean {
  const lvl = root.getAttribute('data-post-nesting-lvl');
  if (lvl !== null && lvl.trim() !== '0') return false;
  return !root.parentElement?.closest(any(POST_ROOT));
}

export function vkPosts(scope: ParentNode): PostPlace[] {
  const sel = any(POST_ROOT);
  const roots: Element[] = [];
  const self = scope as Element;
  if (typeof self.matches === 'function' && self.matches(sel)) roots.push(self);
  for (const el of scope.querySelectorAll(sel)) roots.push(el);
  const out: PostPlace[] = [];
  for (const root of roots) {
    if (!isTopLevel(root)) continue;
    const id = postIdOf(root);
    if (id) out.push({ id, host: root, corner: 'tr' });
  }
  return out;
}

export function vkHeader(doc: Document): HeaderPlace | null {
  const name = doc.querySelector(any(PAGE_NAME));
  if (!name) return null;
  const host = name.closest(HEADER_BLOCK) ?? name.parentElement;
  return host ? { host, corner: 'tr' } : null;
}

export const vkAnchors: AnchorFinder = {
  platform: 'vk',
  posts: (scope) => vkPosts(scope),
  header: (doc) => vkHeader(doc),
};
