/**
 * VK posts read off the page's main thread. The content script (./reader.ts with `elsewhere`)
 * copies each new post's element out with XMLSerializer and sends the copies, with what the page's
 * data told of them, as one batch; the extension's reader document (entrypoints/reader, an
 * offscreen document in Chrome; the background page itself in Firefox) rebuilds each element with
 * DOMParser and reads it with the same pure extractors (./post.ts) as a page read in place.
 *
 * Why XML: the XML parser rebuilds the tree exactly as serialized, while the HTML parser "fixes"
 * what the page's script built but HTML markup cannot say (a link inside a link, a block inside a
 * paragraph), which could move a counter out of the post it belongs to. A copy that does not parse
 * (a character XML forbids) is no reading (null), never a guess. A parsed copy is inert: no script
 * runs in it and nothing it names is fetched.
 */
import type { PageKind, PostObservationInput } from '../../model';
import { withQueryCache } from './dom';
import { emptyPageData, type PostData } from './page-data';
import { type PostContext, readPost } from './post';

/** The context a batch's posts are read in (./post.ts PostContext, less the page's data). */
export interface VkBatchContext {
  now: number;
  host: string;
  pageKind: PageKind;
  account: { id: string; handle: string | null } | null;
  locale: string;
}

export interface VkPostBatch {
  context: VkBatchContext;
  /** What the page's data (React props, the prefetch cache) told of the batch's posts, by post id. */
  data: Array<[string, PostData]>;
  /**
   * Each post's element, serialized by XMLSerializer; followed, in legacy layouts that keep a
   * post's replies in a list of their own outside it (#replies<id>), by that list.
   */
  posts: string[];
}

const XHTML = 'http://www.w3.org/1999/xhtml';

const parsedWell = (doc: Document) => doc.documentElement !== null && doc.getElementsByTagName('parsererror').length === 0;

const wrap = (xml: string) => `<smm-lens-post xmlns="${XHTML}">${xml}</smm-lens-post>`;

/**
 * The posts' elements rebuilt, each the first child of a wrapper (its replies list, if sent, the
 * second: the post finds it by id in the same document, as in the page). One parse for the batch;
 * each post on its own when the batch does not parse.
 */
function rebuild(posts: string[], parser: DOMParser): Array<Element | null> {
  const all = parser.parseFromString(
    `<smm-lens-batch xmlns="${XHTML}">${posts.map(wrap).join('')}</smm-lens-batch>`,
    'application/xhtml+xml',
  );
  if (parsedWell(all) && all.documentElement.children.length === posts.length) {
    return [...all.documentElement.children].map((w) => w.firstElementChild);
  }
  return posts.map((xml) => {
    const one = parser.parseFromString(wrap(xml), 'application/xhtml+xml');
    return parsedWell(one) ? one.documentElement.firstElementChild : null;
  });
}

/** Read a batch: one entry per serialized post, null for a copy that does not parse or is no post. */
export function readVkBatch(batch: VkPostBatch, parser: DOMParser): Array<PostObservationInput | null> {
  const data = emptyPageData();
  for (const [id, post] of batch.data) data.posts.set(id, post);
  const ctx: PostContext = { ...batch.context, data };
  const roots = rebuild(batch.posts, parser);
  return withQueryCache(() =>
    roots.map((root) => {
      if (!root) return null;
      try {
        return readPost(root, ctx);
      } catch {
        return null;
      }
    }),
  );
}
