/**
 * What the overlay asks of a site (lib/platforms/<site>/anchors.ts): where each post the page
 * shows is, and where the page's account header is. Finders read the page's DOM only through the
 * readers' selector registries and never change it; the overlay inserts its own elements.
 */
import type { BusAccount } from '../content/bus';
import type { Platform } from '../model';

/**
 * Where a badge goes, relative to `host`: its top-left corner ("tl": grid tiles), near its top-right
 * corner ("tr": posts, left of the site's own menu button there; VK page headers, over the cover),
 * its bottom-right corner ("br"), or just below it, right-aligned ("under": Instagram's profile
 * header, in the margin above the highlights, clear of the header's buttons and counters).
 */
export type Corner = 'tl' | 'tr' | 'br' | 'under';

export interface PostPlace {
  /** the post id as the reader reports it (Instagram shortcode, VK "<owner>_<post>") */
  id: string;
  host: Element;
  corner: Corner;
}

export interface HeaderPlace {
  host: Element;
  corner: Corner;
}

export interface AnchorFinder {
  platform: Platform;
  /** The posts in `scope` (an element the page added, or the whole document). */
  posts(scope: ParentNode, url: string): PostPlace[];
  /** The header of the account the page shows, when it is on the page. */
  header(doc: Document, account: BusAccount, url: string): HeaderPlace | null;
}
