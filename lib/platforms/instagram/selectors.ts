/**
 * Selector registry for Instagram pages: for each thing read, the markers in order of preference,
 * each with when it was last seen. Only stable markers: URLs (href patterns), `time[datetime]`,
 * `title` and `aria-label` attributes, element roles. Never generated class names (`_ac2a`,
 * `x1lliihq`), which change every few months. Localised words live in ./labels.ts.
 *
 * "seen" dates: 2024-12 = the saved real pages (tests/fixtures/instagram, logged out);
 * 2024-06 / 2025-xx = markers from public scrapers and extensions listed in
 * shared/real-pages/MARKERS.md (logged-in DOM; no real saved logged-in page exists).
 */
export const SEL = {
  /** Profile header. seen 2024-06: `main header`; 2021: `#react-root section main header`. */
  header: ['main header', 'header'],
  /** Counters in the header. seen 2024-06: `header section ul li` (3 items: posts, followers, following). */
  counterItems: 'li, a, span, div, button, p, h2, h3',
  /** Exact counts: seen 2024-06 `a[href$="/followers/"] span[title]` (title="1,234,567", text "1.2M"). */
  exactTitle: '[title]',
  /** Followers / following links. seen 2024-06; private accounts show spans instead. */
  followersLink: 'a[href*="/followers"]',
  followingLink: 'a[href*="/following"]',
  /** Post containers: seen 2024-06 feed `article`; modal `div[role="dialog"]` (article inside until 2024). */
  postRoots: 'article, [role="dialog"]',
  /** Post links: seen 2024-12 `/p/<code>/`, `/reel/<code>/`, 2024+ `/<user>/p/<code>/`. */
  postLinks: 'a[href*="/p/"], a[href*="/reel/"], a[href*="/reels/"], a[href*="/tv/"]',
  /** Publish time: seen 2024-06 `time[datetime]` (ISO) inside the post's permalink. */
  time: 'time[datetime]',
  /** Like count line: seen 2024-06 `a[href$="/liked_by/"]` ("1,234 likes" / "others"). */
  likedBy: 'a[href*="/liked_by/"]',
  /** Icons: seen 2024-06 `svg[aria-label="Like"]`, "Comment", "Share Post", "Save", tile icons "Carousel", "Clip", "Pinned post icon". */
  icons: 'svg[aria-label], [role="img"][aria-label]',
  /** Caption on post pages: seen 2024-06 `h1` (the caption text), author in `h2`. */
  caption: 'h1',
  /** Comments: seen 2024-06 `ul li` with the author in `h3 a[href="/<user>/"]`, text `span[dir="auto"]`, `time[datetime]`. */
  commentItems: 'li',
  commentText: 'span[dir="auto"], span[dir]',
  /** Page JSON (read in the MAIN world, ./pagejson.ts): seen 2024-12 `script[type="application/json"][data-sjs]`; 2021 inline `window._sharedData = {...};`. */
  pageJson: 'script:not([src])',
  /** Carousel slides: seen 2024-06 `ul li` with one image each, and a "Next" button. */
  slides: 'ul > li',
  buttons: 'button[aria-label], [role="button"][aria-label]',
} as const;

/** A post path: /p/CODE/, /reel/CODE/, /reels/CODE/, /tv/CODE/, /user/p/CODE/, with an optional tail. */
export const POST_PATH = /^\/(?:([A-Za-z0-9._]{1,30})\/)?(p|reel|reels|tv)\/([A-Za-z0-9_-]{1,50})(?:\/(.*))?$/;
/** A profile path: /user/ */
export const PROFILE_PATH = /^\/([A-Za-z0-9._]{1,30})\/?$/;
