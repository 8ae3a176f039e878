/** The platform registry: everything the platform-neutral code may ask about a site. */
import type { Platform, PostKind } from '../model';
import { detectInstagramPage, instagramPostUrl, instagramProfileUrl, isInstagramHost } from './instagram/url';
import type { PageInfo } from './page';
import { OTHER_PAGE, toUrl } from './page';
import { detectVkPage, isVkHost, vkAccountUrl, vkPostUrl } from './vk/url';

export type { PageInfo } from './page';

export function platformOfUrl(input: string | URL): Platform | null {
  const url = toUrl(input);
  if (!url) return null;
  if (isVkHost(url.hostname)) return 'vk';
  if (isInstagramHost(url.hostname)) return 'instagram';
  return null;
}

export function detectPage(input: string | URL): PageInfo & { platform: Platform | null } {
  const platform = platformOfUrl(input);
  if (platform === 'vk') return { ...detectVkPage(input), platform };
  if (platform === 'instagram') return { ...detectInstagramPage(input), platform };
  return { ...OTHER_PAGE, platform: null };
}

export function canonicalPostUrl(platform: Platform, id: string, kind: PostKind | null): string {
  return platform === 'vk' ? vkPostUrl(id) : instagramPostUrl(id, kind);
}

export function canonicalAccountUrl(platform: Platform, id: string): string {
  return platform === 'vk' ? vkAccountUrl(id) : instagramProfileUrl(id);
}

/** Does a post URL say the same as the canonical one (VK: any VK host; Instagram: same path)? */
export function isCanonicalPostUrl(platform: Platform, id: string, kind: PostKind | null, url: string): boolean {
  const canonical = toUrl(canonicalPostUrl(platform, id, kind));
  const given = toUrl(url);
  if (!canonical || !given || given.search || given.hash) return false;
  const host = platform === 'vk' ? isVkHost(given.hostname) : given.hostname === canonical.hostname;
  return host && given.pathname === canonical.pathname;
}
