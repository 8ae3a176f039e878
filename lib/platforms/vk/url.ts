/**
 * VK page detection: a pure function from a URL to the page kind and account.
 * Accounts are keyed by VK's numeric id when the URL or page shows it ("-2513295" for a community,
 * "1" for a user), otherwise by the screen name ("durov"); the reader fills in the numeric id from
 * the page and the store links the two.
 */
import { VK_HOSTS } from '../matches';
import { OTHER_PAGE, type PageInfo, pathSegments, toUrl } from '../page';

/** First path segments that are VK sections, never screen names (any `*.php` is one too: see detectVkPage). */
const RESERVED = new Set([
  'feed',
  'im',
  'friends',
  'groups',
  'search',
  'video',
  'videos',
  'music',
  'audio',
  'audios',
  'settings',
  'docs',
  'apps',
  'app',
  'market',
  'clips',
  'clip',
  'albums',
  'album',
  'photos',
  'login',
  'join',
  'bugs',
  'support',
  'services',
  'notifications',
  'bookmarks',
  'fave',
  'edit',
  'groups_create',
  'discover',
  'games',
  'stickers',
  'gifts',
  'podcasts',
  'dev',
  'about',
  'terms',
  'privacy',
  'blog',
  'jobs',
  'ads',
  'stats',
  'wall',
  'topic',
  'board',
  'narratives',
  'stories',
  'story',
  'pages',
  'page',
  'note',
  'notes',
  'poll',
  'doc',
  'link',
  'mail',
  'calls',
  'call',
  'vkpay',
  'restore',
  'verify',
  'friends_search',
  'communities',
  'memories',
  'live',
  'shopping',
  'help',
  'faq',
  'legal',
  'artist',
  'playlist',
  'product',
  'audio_playlist',
  'widget_community',
]);

const SCREEN_NAME = /^[A-Za-z0-9_.]{2,64}$/;
const WALL_POST = /^wall(-?\d{1,20})_(\d{1,20})$/;

export function isVkHost(host: string): boolean {
  return (VK_HOSTS as readonly string[]).includes(host.toLowerCase());
}

/** "club123" / "public123" / "event123" -> "-123"; "id123" -> "123"; otherwise null. */
export function numericIdFromSlug(slug: string): string | null {
  const community = /^(?:club|public|event)(\d{1,20})$/i.exec(slug);
  if (community) return `-${Number(community[1])}`;
  const user = /^id(\d{1,20})$/i.exec(slug);
  return user && user[1] !== '0' ? String(Number(user[1])) : null;
}

/** Canonical URL of an account: /club123 for communities, /id123 for users, /name otherwise. */
export function vkAccountUrl(id: string, host = 'vk.com'): string {
  if (/^-\d+$/.test(id)) return `https://${host}/club${id.slice(1)}`;
  if (/^\d+$/.test(id)) return `https://${host}/id${id}`;
  return `https://${host}/${id}`;
}

export function vkPostUrl(postId: string, host = 'vk.com'): string {
  return `https://${host}/wall${postId}`;
}

function accountFromOwner(owner: string) {
  return { id: String(Number(owner)), handle: null };
}

export function detectVkPage(input: string | URL): PageInfo {
  const url = toUrl(input);
  if (!url || !isVkHost(url.hostname)) return OTHER_PAGE;
  // A post opened as a layer over another page: ?w=wall-1_2 (also z= on some builds).
  for (const param of ['w', 'z']) {
    const layer = WALL_POST.exec((url.searchParams.get(param) ?? '').split('/')[0]);
    if (layer) return { kind: 'post', account: accountFromOwner(layer[1]), postId: `${Number(layer[1])}_${layer[2]}` };
  }
  const seg = pathSegments(url);
  if (seg.length === 0) return OTHER_PAGE;
  const first = seg[0];
  const post = WALL_POST.exec(first);
  if (post) return { kind: 'post', account: accountFromOwner(post[1]), postId: `${Number(post[1])}_${post[2]}` };
  if (seg.length > 1) return OTHER_PAGE;
  const lower = first.toLowerCase();
  if (lower === 'feed') return { kind: 'feed', account: null, postId: null };
  // /wall-123 is the wall of an account
  const wall = /^wall(-?\d{1,20})$/.exec(lower);
  if (wall) return { kind: 'profile', account: accountFromOwner(wall[1]), postId: null };
  const numeric = numericIdFromSlug(first);
  if (numeric) return { kind: 'profile', account: { id: numeric, handle: null }, postId: null };
  if (/^(?:club|public|event|id)\d+$/i.test(first)) return OTHER_PAGE;
  if (!SCREEN_NAME.test(first) || RESERVED.has(lower) || /\.php$/.test(lower) || /^\d/.test(first)) return OTHER_PAGE;
  // Other section pages with a numeric suffix: photo-1_2, video-1_2, album-1_2, topic-1_2 ...
  if (
    /^[a-z]+-?\d+(_\d+)?$/.test(lower) &&
    /(photo|video|album|topic|audio|doc|board|clip|market|note|poll|story|app|photos|videos|albums|audios|docs|wall)-?\d/.test(lower)
  ) {
    return OTHER_PAGE;
  }
  return { kind: 'profile', account: { id: lower, handle: first }, postId: null };
}
