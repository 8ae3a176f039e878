/**
 * Where the overlay's badges go on Instagram pages (lib/overlay/anchors.ts). Uses the reader's own
 * finders and selector registry (./dom.ts, ./selectors.ts), so a post gets a badge exactly where
 * the reader found it:
 * - grid tiles (profile posts, reels tab, "more posts"): the tile link, top-left corner;
 * - feed articles, the post dialog, a post page's main element: the container, top-right (left of
 *   Instagram's own "More options" button there);
 * - the profile header: the header around the account's followers link (or a private account's
 *   header that shows its username); the badge hangs just below it, right-aligned, in the margin
 *   above the story highlights (the header itself is full: buttons, counters, bio).
 */
import type { BusAccount } from '../../content/bus';
import type { AnchorFinder, HeaderPlace, PostPlace } from '../../overlay/anchors';
import { findPostRoots, findTiles, pageRoot, pathOf, postLinkOf } from './dom';
import { SEL } from './selectors';
import { detectInstagramPage } from './url';

const isDocument = (n: ParentNode): n is Document => (n as Node).nodeType === 9;

/** The last page detected (the overlay asks for every element the page adds, with the same URL). */
let detected: { url: string; page: ReturnType<typeof detectInstagramPage> } | null = null;

export function instagramPosts(scope: ParentNode, url: string): PostPlace[] {
  if (detected?.url !== url) detected = { url, page: detectInstagramPage(url) };
  const page = detected.page;
  const out: PostPlace[] = [];
  for (const a of findTiles(scope)) {
    const link = postLinkOf(a);
    if (link) out.push({ id: link.code, host: a, corner: 'tl' });
  }
  const roots = findPostRoots(scope, page.postId);
  for (const { root, code } of roots) out.push({ id: code, host: root, corner: 'tr' });
  // A post page without an article or dialog: the main element shows the post.
  if (page.kind === 'post' && page.postId && !roots.some((r) => r.code === page.postId)) {
    const doc = isDocument(scope) ? scope : (scope as Node).ownerDocument;
    const main = doc?.querySelector('main');
    if (doc && main && (isDocument(scope) || (scope as Node).contains(main) || main.contains(scope as Node))) {
      const r = pageRoot(doc, page.postId);
      if (r) out.push({ id: r.code, host: r.root, corner: 'tr' });
    }
  }
  return out;
}

/** The header of `account`'s profile: around its followers/following links, or a header naming it. */
export function instagramHeader(doc: Document, account: BusAccount): HeaderPlace | null {
  const handle = (account.handle ?? account.id).toLowerCase();
  const links = [...doc.querySelectorAll(`${SEL.followersLink}, ${SEL.followingLink}`)].filter((a) => {
    const m = /^\/([A-Za-z0-9._]{1,30})\/(?:followers|following)\/?$/.exec(pathOf(a.getAttribute('href')) ?? '');
    return m?.[1].toLowerCase() === handle;
  });
  let host: Element | null = links[0]?.closest('header') ?? null;
  if (!host && links.length >= 2) {
    for (let p = links[0].parentElement; p && !host; p = p.parentElement) if (p.contains(links[1])) host = p;
  }
  if (!host) {
    // a private account shows its counters as text: the page's header, when it shows the username
    for (const sel of SEL.header) {
      const h = doc.querySelector(sel);
      if (h && [...h.querySelectorAll('h1, h2, span, a[href]')].some((el) => (el.textContent ?? '').trim().toLowerCase() === handle)) {
        host = h;
        break;
      }
    }
  }
  return host ? { host, corner: 'under' } : null;
}

export const instagramAnchors: AnchorFinder = {
  platform: 'instagram',
  posts: instagramPosts,
  header: (doc, account) => instagramHeader(doc, account),
};
