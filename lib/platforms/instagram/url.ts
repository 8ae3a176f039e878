/**
 * Instagram page detection: a pure function from a URL to the page kind and account.
 * Accounts are keyed by the lower-case username (the URL's own key); the numeric pk, when the page
 * shows it, travels beside it as `nativeId`.
 */
import { OTHER_PAGE, type PageInfo, pathSegments, toUrl } from '../page';

export const INSTAGRAM_HOSTS = ['www.instagram.com', 'instagram.com'] as const;

/** First path segments that are site sections, never usernames. */
const RESERVED = new Set([
  'about',
  'accounts',
  'api',
  'ar',
  'archive',
  'audio',
  'challenge',
  'developer',
  'direct',
  'directory',
  'emails',
  'explore',
  'graphql',
  'legal',
  'lite',
  'locations',
  'nametag',
  'oauth',
  'p',
  'privacy',
  'reel',
  'reels',
  'session',
  'stories',
  'terms',
  'topics',
  'tv',
  'web',
  'your_activity',
  'static',
  'data',
  'download',
  'press',
  'threads',
  'meta',
  'help',
  'blog',
  'sem',
  'create',
  'notifications',
]);

const USERNAME = /^[A-Za-z0-9._]{1,30}$/;
const SHORTCODE = /^[A-Za-z0-9_-]{1,50}$/;

export function isInstagramHost(host: string): boolean {
  return (INSTAGRAM_HOSTS as readonly string[]).includes(host.toLowerCase());
}

export function isUsername(segment: string): boolean {
  return USERNAME.test(segment) && !RESERVED.has(segment.toLowerCase()) && !/^\.|\.$|\.\./.test(segment);
}

/** Canonical profile URL for an account id (lower-case username). */
export function instagramProfileUrl(username: string): string {
  return `https://www.instagram.com/${username}/`;
}

/** Canonical post URL: /reel/ for reels, /p/ for the rest. */
export function instagramPostUrl(shortcode: string, kind: string | null = null): string {
  return `https://www.instagram.com/${kind === 'reel' ? 'reel' : 'p'}/${shortcode}/`;
}

export function detectInstagramPage(input: string | URL): PageInfo {
  const url = toUrl(input);
  if (!url || !isInstagramHost(url.hostname)) return OTHER_PAGE;
  const seg = pathSegments(url);
  const post = (code: string | undefined, user: string | null): PageInfo =>
    code && SHORTCODE.test(code)
      ? { kind: 'post', account: user ? { id: user.toLowerCase(), handle: user } : null, postId: code }
      : OTHER_PAGE;

  if (seg.length === 0) return { kind: 'feed', account: null, postId: null };
  const [first, second, third] = seg;
  const lower = first.toLowerCase();
  // /p/CODE/, /reel/CODE/, /reels/CODE/, /tv/CODE/
  if (lower === 'p' || lower === 'reel' || lower === 'tv') return post(second, null);
  if (lower === 'reels') return second ? post(second, null) : { kind: 'feed', account: null, postId: null };
  if (!isUsername(first)) return OTHER_PAGE;
  const account = { id: lower, handle: first };
  if (seg.length === 1) return { kind: 'profile', account, postId: null };
  const sub = second.toLowerCase();
  // /nasa/p/CODE/ and /nasa/reel/CODE/ (2024+ shapes of the same post pages)
  if (sub === 'p' || sub === 'reel' || sub === 'tv') return post(third, first);
  if (sub === 'reels' && seg.length === 2) return { kind: 'reels', account, postId: null };
  // Tabs and dialogs that show over the profile header.
  if (['tagged', 'saved', 'followers', 'following', 'guides', 'channel', 'feed', 'igtv', 'related_profiles'].includes(sub)) {
    return { kind: 'profile', account, postId: null };
  }
  return OTHER_PAGE;
}
