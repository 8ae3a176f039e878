/**
 * Where VK shows each number: an ordered list of fallbacks per marker, best first, for the four
 * markup generations (MARKERS.md section 1; see docs/vk-reader.md):
 *   A legacy desktop (to ~2021-22), B hybrid 2021-24, C wall redesign Dec 2024-2025, D vk.ru app 2026.
 * "seen YYYY-MM" names where the marker was checked: a saved real page (the 2021 feed in
 * tests/fixtures/vk) or the dated code of a public scraper/extension that relies on it.
 * [CODE] marks markers known from code but not seen in a saved page; [GUESS] markers nobody has
 * confirmed. A count read through one must still agree with every other reading (reconcileCounts);
 * when a guess is wrong, the value it was meant for stays unknown.
 *
 * Rules: prefer ids, data-*, data-testid, aria-label and title over class names; BEM-ish React
 * names are matched with [class*=...]; hashed names (vkit-XXXX, vkui*, CSS-module hashes) never.
 */

/** An ordered list of fallbacks, best first. `any()` joins it into one selector. */
export type Selectors = readonly string[];
const list = (...s: string[]): Selectors => s;
const joined = new WeakMap<Selectors, string>();
export function any(s: Selectors): string {
  let j = joined.get(s);
  if (j === undefined) {
    j = s.join(',');
    joined.set(s, j);
  }
  return j;
}

// ---- posts and what is not a post -----------------------------------------------------------

/** The root element of a post. Replies carry the same classes and ids, hence :not(.reply). */
export const POST_ROOT = list(
  'article[data-testid="post"][data-post-id]', // D: seen 2026-07 (PinoK FEED_RESEARCH, m.vk.ru feed)
  '.post[data-post-id]:not(.reply)', // A/B: seen 2021-08 (real feed); C: vknext onAddWallPost 2025-09
  '._post[data-post-id]:not(.reply)', // A/B: seen 2021-08
  '[class*="Post--redesign"][data-post-id]', // C: vknext 2025-09
  '.wall_item[data-post-id]', // m.vk.com legacy [GUESS: scrapers use .wall_item; id attribute not confirmed]
);

/**
 * Inside a post, the parts that belong to someone else: comments (replies) and the original of a
 * repost. A marker found inside one of these is not the post's own.
 */
export const NOT_OWN = list(
  '.replies', // seen 2021-08
  '.reply', // seen 2021-08
  '.copy_quote', // A/B repost original [GUESS: the legacy repost block; no repost in the saved feed]
  '[class*="PostCopyQuote"]', // B/C [GUESS: BEM name of the repost block]
  '[class*="CopyHistory"]', // C [GUESS]
  'article[data-post-nesting-lvl]:not([data-post-nesting-lvl="0"])', // D: nested post = repost original, seen 2026-07
  '[data-testid="post-repost"]', // D [GUESS]
  '[data-testid="comments"]', // D [GUESS]
  '[data-testid="comment"]', // D [GUESS]
);

// ---- header: author, date, link, pinned, ad -------------------------------------------------

/** The post's author link with the name as its text (href = screen name, data-from-id = numeric id). */
export const AUTHOR_NAME_LINK = list(
  '.post_author a.author', // A/B: seen 2021-08
  'a.author[data-from-id]', // A/B: seen 2021-08
  'a[class*="PostHeaderTitle__authorLink"]', // B 2023-24 [GUESS: BEM name of PostHeader--legacy]
  '[data-testid="post-header-title"] a[href]:not([data-testid])', // D: seen 2026-07 (the date link inside is not the author)
  'a.pi_author', // m.vk.com legacy [CODE scrapers]
);
/** Other links to the author (href only). */
export const AUTHOR_HREF = list(
  'a[data-testid="post-header-avatar"][href]', // D: seen 2026-07
  '.post_header a.post_image[href]', // A/B: seen 2021-08
);
/** Avatar images whose alt is the author's name. */
export const AUTHOR_AVATAR = list(
  '.post_header img.post_img[alt]', // seen 2021-08
  '[data-testid="post-header-avatar"] img[alt]', // D [GUESS: alt not confirmed]
);

/** Exact publication time: Unix seconds in `time`, ISO in `datetime`, text in `abs_time`. */
export const DATE_EXACT = list(
  '.rel_date[time]', // A: snscrape, RSS-Bridge 2023-12
  '[abs_time]', // A: a Go parser [CODE]
  'time[datetime]', // B/D [GUESS: the ISO attribute of <time>]
);
/** Where the date is written as text (title first, then text). */
export const DATE_TEXT = list(
  '.post_date .rel_date', // A/B: seen 2021-08 ("22 авг в 13:45")
  '.post_date a.post_link', // A/B: seen 2021-08
  'time[class*="PostHeaderSubtitle__item"]', // B 2023-24: RSS-Bridge 2023-12
  '[class*="PostHeaderSubtitle__link"]', // B 2023-24: RSS-Bridge 2023-12
  '[class*="PostDateBlock__root"] a', // C: vknext 2025-09
  '[class*="PostDateBlock__root"]', // C: vknext 2025-09
  '[data-testid="post_date_block_preview"]', // D: seen 2026-07
  'a.wi_date', // m.vk.com legacy [CODE scrapers]
);
/** Links to the post itself (its id when the root does not carry data-post-id). */
export const POST_LINK = list(
  'a.post_link[href]', // seen 2021-08
  'a[class*="PostHeaderSubtitle__link"][href]', // RSS-Bridge 2023-12
  'a[data-testid="post_date_block_preview"][href]', // D: seen 2026-07
  '[class*="PostDateBlock__root"] a[href]', // C: vknext 2025-09
  'a.wi_date[href]', // m.vk.com legacy
);

/** Root attributes and classes of a promoted post (an ad). */
export const AD_ROOT = list(
  '[data-ad]', // seen 2021-08
  '[data-ad-view]', // seen 2021-08
  '[data-ad-block-uid]', // seen 2021-08; vk_enhancer 2024-06
  '._ads_block_data_w', // seen 2021-08; vk_enhancer 2024-06
  '[data-testid="ads_post"]', // D [GUESS]
);
/** The promoted-post label that replaces the date. */
export const AD_LABEL = list(
  '.wall_text_name_explain_promoted_post', // seen 2021-08 ("Рекламная запись")
  '[data-testid="post_ads_label"]', // D [GUESS]
);
/** What the date slot says on a promoted post. */
export const AD_TEXT = /^(?:рекламная запись|реклама|промо|sponsored|promoted(?: post)?|advertisement|ad)(?:[\s·•,.|]*\d{1,2}\+)?$/i;

/** Pinned post: class on the root; labels in the header (never .wall_fixed_label, hidden on every feed post). */
export const PINNED_ROOT = list(
  '.post_fixed', // A/B: RSS-Bridge 2023-12
  '[class*="Post--pinned"]', // C [GUESS]
  '[data-pinned="1"]', // [GUESS]
);
export const PINNED_MARK = list(
  '[data-testid="post_pinned_label"]', // D [GUESS]
  '[data-testid="post-header-pinned"]', // D [GUESS]
  '[class*="PostHeaderSubtitle__pinned"]', // B 2023-24 [GUESS]
  '[class*="PinnedLabel"]', // C [GUESS]
);
export const PINNED_TEXT = /^(?:запись закреплена|закреплено|закреплённая запись|закрепленная запись|pinned(?: post)?|post is pinned)$/i;
/** The header area where pin and ad labels live. */
export const HEADER = list(
  '.post_header', // seen 2021-08
  '[class*="PostHeader"]', // B/C: RSS-Bridge 2023-12, vknext 2025
  '[data-testid="post-header"]', // D: seen 2026-07
);

// ---- footer: likes, comments, shares, views --------------------------------------------------

/** JSON array of counts per reaction: the total is the sum. */
export const REACTION_COUNTS = list('[data-reaction-counts]'); // seen 2021-08 ("[61,2,2,2,2]")
/** Total shown next to the reaction icons. */
export const REACTIONS_TOTAL = list(
  '[data-section-ref="like-button-count"]', // seen 2021-08 ("69")
  '.ReactionsPreview__count', // seen 2021-08; vk_enhancer 2024-06
);
/** aria-label "Оценили 69 человек". */
export const REACTIONS_LABEL = list(
  '[data-section-ref="reactions-preview-items"][aria-label]', // seen 2021-08
  '.ReactionsPreview[aria-label]', // seen 2021-08
);
export const LIKE_BUTTON = list(
  '[data-like-button-type="like"]', // B [CODE: same family as comment/share, seen 2021-08]
  '.like_btn.like', // A: seen 2021-08 (on replies); snscrape era posts
  '.PostBottomAction--like', // B [GUESS]
  '[data-testid="post_footer_action_like"]', // D: seen 2026-07
  'a.item_like', // m.vk.com legacy [CODE scrapers: aria-label="N Нравится"]
);
export const COMMENT_BUTTON = list(
  '[data-like-button-type="comment"]', // seen 2021-08 (data-count, aria-label "2 комментария")
  '.like_btn.comment', // A [CODE]
  '.PostBottomAction.comment', // seen 2021-08
  '[data-testid="post_footer_action_comment"]', // D: seen 2026-07
  'a.item_replies', // m.vk.com legacy [GUESS]
);
export const SHARE_BUTTON = list(
  '[data-like-button-type="share"]', // seen 2021-08 (data-count, aria-label "40 поделились")
  '.like_btn.share', // A [CODE]
  '.PostBottomAction.share', // seen 2021-08
  '[data-testid="post_footer_action_share"]', // D: seen 2026-07
  'a.item_share', // m.vk.com legacy [CODE scrapers: aria-label="N Поделиться"]
);
/** The number inside a footer button. */
export const BUTTON_COUNT = list(
  '.PostBottomAction__count', // seen 2021-08
  '.like_button_count', // A: seen 2021-08
  '[data-testid$="_count"]', // D [GUESS]
  'b.v_like', // m.vk.com legacy [CODE]
  'b.v_share', // m.vk.com legacy [CODE]
  'b.v_replies', // m.vk.com legacy [GUESS]
);
/** Views of the post (not of a video attachment: .post_video_views_count is the video's). */
export const VIEWS = list(
  '.like_views', // A/B: seen 2021-08 (title "1.1K просмотра", text "1.1K")
  '[data-testid="post_footer_views"]', // D [GUESS]
  '[data-testid="post-views"]', // D [GUESS]
  'b.v_views', // m.vk.com legacy [CODE scrapers]
);

/** The post's text. */
export const CAPTION = list(
  '.wall_post_text', // A/B: seen 2021-08
  '[class*="PostTextV2__root"]', // C: MARKERS (vknext 2025)
  '[class*="PostText__root"]', // C: vknext 2024-12
  '[data-testid="showmoretext-in"]', // D: seen 2026-07
  'div.pi_text', // m.vk.com legacy [CODE]
);
/** Inside the text: controls, not text. */
export const CAPTION_SKIP = list(
  '.wall_post_more', // seen 2021-08 ("Показать полностью...")
  '[data-testid="showmoretext-after"]', // D: seen 2026-07
  'script',
  'style',
  'button',
);

/** Attachments, for the post kind. */
export const VIDEO = list(
  '[data-video]', // seen 2021-08; D seen 2026-07
  '.page_post_thumb_video', // seen 2021-08
  '[data-testid="videooverlay-playbutton"]', // D: seen 2026-07
);
export const CLIP = list('a[href*="/clip-"]', 'a[href*="/clip"][href*="_"]', '[data-clip]');
export const PHOTO = list(
  '[data-photo-id]', // seen 2021-08
  '[data-testid="primary-attachment-photo"]', // D: seen 2026-07
  '[data-testid="media-grid-image"]', // D: seen 2026-07
);
export const OTHER_ATTACHMENT = list(
  '.audio_row', // seen 2021-08
  '[data-audio]', // seen 2021-08
  '.media_link', // A [CODE]
  '[class*="poll"]', // A/B [GUESS]
  '[data-testid*="attachment"]', // D: seen 2026-07
  'a[href^="/doc"]',
);

// ---- comments --------------------------------------------------------------------------------

/** One comment under a post. */
export const COMMENT = list(
  '.reply[data-post-id]', // seen 2021-08
  '[data-testid="comment"]', // D [GUESS]
);
export const COMMENT_AUTHOR = list(
  '.reply_author a.author', // seen 2021-08 (data-from-id)
  'a.author[data-from-id]', // seen 2021-08
  '[data-testid="comment-author"]', // D [GUESS]
  '[data-testid="comment-header-title"] a', // D [GUESS]
);
export const COMMENT_TEXT = list(
  '.wall_reply_text', // seen 2021-08
  '.reply_text', // seen 2021-08
  '[data-testid="comment-text"]', // D [GUESS]
);
export const COMMENT_DATE = list(
  '.reply_date .rel_date', // seen 2021-08
  '.reply_date a', // seen 2021-08
  '[data-testid="comment-date"]', // D [GUESS]
  'time', // [GUESS]
);
/** Removed comments leave a placeholder: not a comment. */
export const COMMENT_DELETED = list('.reply_deleted', '[class*="deleted"]');
/** Comments are closed on this post: the count is not shown (unknown, not 0). */
export const CLOSED_COMMENTS = list('.closed_comments'); // seen 2021-08

// ---- the account (community or user) -----------------------------------------------------------

export const PAGE_NAME = list(
  'h1.page_name', // A/B: snscrape 2023
  '.page_name', // A
  '.OwnerPageName', // B 2024 profile: vk_enhancer 2024-06
  '[class*="OwnerPageName"]', // B/C
  '[data-testid="profile-name"]', // D [GUESS]
  '[data-testid="group-name"]', // D [GUESS]
  '[data-testid="owner-page-name"]', // D [GUESS]
);
/** Community follower/member module: #public_followers (public page), #group_followers (group). */
export const COMMUNITY_FOLLOWERS = list(
  '#public_followers .header_count', // snscrape 2023; vk_enhancer skeleton 2024-06
  '#group_followers .header_count', // snscrape 2023
);
export const USER_FOLLOWERS = list(
  '#profile_followers .header_count', // A [CODE]
);
export const FOLLOWING = list(
  '#profile_idols .header_count', // A: snscrape ("Following" / "Интересные страницы")
);
/** Profile counters row (A): a.page_counter with .count and .label. */
export const PAGE_COUNTER = list('.counts_module a.page_counter'); // snscrape 2023
/** Hidden inputs of old walls with the number of posts. */
export const WALL_COUNT = list(
  'input#page_wall_count_all[value]', // A [CODE]
);
/** Module headers with a label and a count ("Подписчики 4 444", "Участники · 12K"). */
export const MODULE_HEADER = list(
  'section[class*="ProfileGroup"] h2', // B 2024: vk_enhancer 2024-06 (section.ProfileGroup)
  'section[class*="ProfileGroup"] h3',
  'section[class*="ProfileGroup"] [class*="Header"]',
  '.page_block .header_top', // A [CODE]
  '[data-testid="group-info-followers"]', // D [GUESS]
  '[data-testid="profile-followers"]', // D [GUESS]
  '[data-testid="followers-count"]', // D [GUESS]
  '[data-testid="group-members"]', // D [GUESS]
);
/**
 * The page's own header (not a post's, not a sidebar card): short texts in it such as
 * «12 345 подписчиков» or «Участники 4 444» name the account's counters.
 */
export const PAGE_HEADER = list(
  '.page_top', // A/B [CODE snscrape]
  '#page_info_wrap', // A [CODE]
  '#profile_redesigned [class*="ProfileHeader"]', // B 2024: vk_enhancer 2024-06
  '[class*="OwnerPageHeader"]', // C [GUESS]
  '[class*="GroupHeader"]', // C [GUESS]
  '[data-testid="group-header"]', // D [GUESS]
  '[data-testid="profile-header"]', // D [GUESS]
  '[data-testid="group_header"]', // C [GUESS]
  'main > header', // D [GUESS]
);
/** Links to an account's followers/members lists, whose text or aria-label names the count. */
export const FOLLOWERS_LINK = list(
  'a[href*="section=subscribers"]', // A [CODE]: /friends?id=1&section=subscribers
  'a[href*="c[group]="]', // A: /search?c[section]=people&c[group]=123
  'a[href*="c%5Bgroup%5D="]',
  'a[href$="/followers"]', // D [GUESS]
  'a[href*="act=members"]', // [GUESS]
);
/** Where the wall's own posts are (to learn the owner's numeric id from its posts). */
export const WALL = list(
  '#page_wall_posts', // A/B: vknext 2025-09
  '.page_wall_posts', // vknext 2025-09
  '#public_wall', // vknext 2025-09
  '#group_wall', // A [CODE]
  '#profile_wall', // A [CODE]
  '.wall_module', // vknext 2025-09
  '[data-testid="feed_main_container"]', // C: vknext 2025-09 (the wall of the redesign)
  '[data-testid="wall"]', // D [GUESS]
  '[data-testid="wall-posts"]', // D [GUESS]
);
/**
 * Links in the page's own header modules whose href carries the owner's numeric id
 * (/wall-123?own=1, /search?c[group]=123, /friends?id=1, /photo-123_456 of the avatar). Only
 * these modules: links elsewhere on the page (post text, sidebars) name other accounts.
 */
export const OWNER_ID_LINKS = list(
  '#page_wall_header a[href]', // A [CODE]
  '#wall_tabs a[href]', // A [CODE]
  '#public_followers a[href]', // A/B [CODE snscrape]
  '#group_followers a[href]', // A/B [CODE snscrape]
  '#profile_followers a[href]', // A [CODE]
  '.counts_module a[href]', // A [CODE snscrape]
  '#page_avatar a[href]', // A [CODE]
  'a#profile_photo_link[href]', // A [CODE]
);
