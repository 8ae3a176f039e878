/**
 * The VK reader: (document, url) -> what the page shows. For now it knows the page kind and the
 * account from the URL only; the full reader of counts and posts is issue #4.
 */
import type { PageSession, SiteReader } from '../../content/run-site';

export const vkReader: SiteReader = {
  platform: 'vk',
  start(): PageSession {
    const empty = () => ({ account: null, posts: [] });
    return { scan: empty, added: empty };
  },
};
