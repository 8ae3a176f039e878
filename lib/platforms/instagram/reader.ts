/**
 * The Instagram reader: (document, url) -> what the page shows.
 * Sources, most exact first (see docs/READERS.md): page JSON, the rendered page, meta tags.
 */
import type { PageSession, Reading, SiteReader } from '../../content/run-site';
import type { AccountObservationInput } from '../../model';
import { readProfileMeta } from './meta';
import { detectInstagramPage, instagramProfileUrl } from './url';

/** Read the account a profile page shows, from its meta tags. Pure: document and URL in, observation out. */
export function readInstagramAccount(doc: Document, url: string, metaFresh = true): AccountObservationInput | null {
  const page = detectInstagramPage(url);
  if (!page.account || (page.kind !== 'profile' && page.kind !== 'reels')) return null;
  const meta = metaFresh ? readProfileMeta(doc, doc.documentElement.lang) : null;
  // Meta tags describe the page as first loaded: use them only when they name this URL's account.
  const fresh = meta && meta.handle?.toLowerCase() === page.account.id ? meta : null;
  return {
    platform: 'instagram',
    id: page.account.id,
    handle: fresh?.handle ?? page.account.handle,
    name: fresh?.name ?? null,
    url: instagramProfileUrl(page.account.id),
    followers: fresh?.followers ?? null,
    following: fresh?.following ?? null,
    posts: fresh?.posts ?? null,
  };
}

let sessions = 0;

export const instagramReader: SiteReader = {
  platform: 'instagram',
  start(doc, url): PageSession {
    // Meta tags are only true of the document's first page, before any in-app navigation.
    const metaFresh = sessions++ === 0;
    let accountSent = false;
    const read = (): Reading => {
      if (accountSent) return { account: null, posts: [] };
      const account = readInstagramAccount(doc, url, metaFresh);
      if (account && (account.followers || account.following || account.posts)) accountSent = true;
      return { account, posts: [] };
    };
    return { scan: read, added: read };
  },
};
