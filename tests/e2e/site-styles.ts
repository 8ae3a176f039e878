/**
 * Stand-in stylesheets for the fixture pages in the overlay's end-to-end tests. The fixtures are
 * saved or synthetic HTML without the sites' CSS, so they render as bare text. These approximate
 * the sites' layout (Instagram's profile header and three-column grid, VK's white post cards on
 * grey), with flex and grid containers like the real ones, so that the screenshots show the
 * overlay on a page that looks like one, and the "no layout shift" check runs on real layouts.
 * Selectors are structural (no generated class names), and test-only. They count children by type
 * (`:first-of-type`), as the sites' own class-based CSS does not count children at all: the
 * overlay's anchor is the host's last child, which `:last-child` rules would notice (see
 * docs/overlay.md).
 */
export const INSTAGRAM_CSS = `
:root { color-scheme: light dark; }
body { margin: 0; font: 14px/18px -apple-system, system-ui, "Segoe UI", Roboto, sans-serif; background: #fff; color: #000; }
a { color: inherit; text-decoration: none; }
img { color: transparent; background: #dbdbdb; }
[role="navigation"] { position: fixed; inset: 0 auto 0 0; width: 220px; padding: 16px 12px; box-sizing: border-box; border-right: 1px solid #dbdbdb; display: flex; flex-direction: column; gap: 6px; overflow: hidden; }
[role="navigation"] span { margin-left: 12px; }
[role="navigation"] a, [role="navigation"] [role="button"] { display: flex; align-items: center; padding: 8px; border-radius: 8px; }
[role="navigation"] > div > a:first-of-type svg { width: 103px; height: 32px; }
svg { fill: currentColor; }
main { margin-left: 244px; max-width: 935px; padding: 30px 20px 40px; box-sizing: border-box; }
main header { display: flex; align-items: flex-start; gap: 28px; margin: 0 0 40px; min-height: 180px; }
main header > section:first-of-type { flex: 0 0 260px; display: flex; justify-content: center; }
main header > section:first-of-type img { width: 150px; height: 150px; border-radius: 50%; display: block; }
main header > section:last-of-type { flex: 1; display: flex; flex-direction: column; gap: 18px; }
main header h2 { font-size: 20px; font-weight: 400; margin: 0; }
main header > section:last-of-type > div:first-of-type > div { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
main header > section:last-of-type > div:first-of-type > div > div { display: flex; gap: 8px; }
main header button, main header [role="button"] { font: 600 14px/18px system-ui, sans-serif; padding: 7px 16px; border-radius: 8px; border: 0; background: #efefef; color: inherit; }
main header > section:last-of-type > div:nth-of-type(2) { display: flex; gap: 40px; font-size: 16px; }
main header h1 { font-size: 14px; font-weight: 400; margin: 4px 0; }
[role="presentation"] ul { display: flex; gap: 40px; list-style: none; padding: 0 0 0 40px; margin: 0 0 40px; }
[role="presentation"] img { width: 77px; height: 77px; border-radius: 50%; display: block; margin-bottom: 6px; }
[role="tablist"] { display: flex; justify-content: center; gap: 60px; border-top: 1px solid #dbdbdb; padding: 16px 0; font: 600 12px/16px system-ui, sans-serif; letter-spacing: 1px; text-transform: uppercase; }
[role="tablist"] svg { display: none; }
[role="tablist"] [aria-selected="true"] { border-top: 1px solid #000; margin-top: -17px; padding-top: 16px; }
div:has(> div > a[href*="/p/"] img), div:has(> div > a[href*="/reel/"] img) { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4px; margin-bottom: 4px; }
a[href*="/p/"]:has(img), a[href*="/reel/"]:has(img) { display: block; position: relative; aspect-ratio: 3 / 4; overflow: hidden; }
a[href*="/p/"]:has(img) img, a[href*="/reel/"]:has(img) img { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
div:has(> div > a[href*="/p/"] img) > div:nth-of-type(1) img { background: linear-gradient(150deg, #c7a17a, #6b4a2f); }
div:has(> div > a[href*="/p/"] img) > div:nth-of-type(2) img { background: linear-gradient(150deg, #e8d5b7, #a67c52); }
div:has(> div > a[href*="/p/"] img) > div:nth-of-type(3) img { background: linear-gradient(150deg, #8fa39a, #3e5249); }
a[href*="/p/"]:has(img) > div + div, a[href*="/reel/"]:has(img) > div + div { position: absolute; top: 8px; right: 8px; display: flex; gap: 4px; color: #fff; }
footer, nav:last-of-type { color: #737373; font-size: 12px; }
@media (prefers-color-scheme: dark) {
  body { background: #000; color: #f5f5f5; }
  img { background: #262626; }
  [role="navigation"], [role="tablist"] { border-color: #262626; }
  main header button, main header [role="button"] { background: #363636; }
  [role="tablist"] [aria-selected="true"] { border-top-color: #f5f5f5; }
}
`;

export const VK_CSS = `
:root { color-scheme: light dark; }
body { margin: 0; font: 13px/18px -apple-system, system-ui, "Segoe UI", Roboto, sans-serif; background: #edeef0; color: #000; }
a { color: #2a5885; text-decoration: none; }
img { color: transparent; background: #dde3ea; }
#app { display: flex; gap: 16px; max-width: 960px; margin: 0 auto; padding: 16px; box-sizing: border-box; }
nav[data-testid="leftmenu"] { flex: 0 0 150px; }
nav[data-testid="leftmenu"] ul { list-style: none; padding: 0; margin: 0; }
main { flex: 1; max-width: 600px; }
section[data-testid="group-header"] { background: #fff; border-radius: 12px; box-shadow: 0 0 0 1px #dce1e6; padding: 96px 20px 18px; margin-bottom: 16px; position: relative; background-image: linear-gradient(#c9b29a, #c9b29a); background-size: 100% 80px; background-repeat: no-repeat; }
section[data-testid="group-header"] h1 { font-size: 20px; line-height: 26px; margin: 0 0 4px; }
section[data-testid="group-header"] button { margin-top: 12px; font: 500 13px/18px system-ui, sans-serif; padding: 7px 16px; border-radius: 8px; border: 0; background: #2688eb; color: #fff; }
article[data-testid="post"][data-post-nesting-lvl="0"] { background: #fff; border-radius: 12px; box-shadow: 0 0 0 1px #dce1e6; margin-bottom: 12px; display: block; }
article[data-testid="post"] > div { padding: 14px 18px !important; display: flex; flex-direction: column; gap: 10px; position: relative; }
[data-testid="post-header"] { display: flex; align-items: center; gap: 10px; }
[data-testid="post-header"] img { width: 40px; height: 40px; border-radius: 50%; display: block; }
[data-testid="post-header-title"] { margin: 0; font-size: 13px; display: flex; flex-direction: column; }
[data-testid="post_date_block_preview"] { color: #818c99; font-weight: 400; }
[data-testid="primary-attachment-photo"] img { width: 100%; aspect-ratio: 16 / 9; display: block; border-radius: 8px; background: linear-gradient(150deg, #d9c3a5, #8a6a4a); }
article[data-post-nesting-lvl="1"] { border-left: 2px solid #dce1e6; padding-left: 12px; }
button[data-testid="post_context_menu_toggle"] { position: absolute; top: 18px; right: 14px; width: 28px; height: 28px; border: 0; border-radius: 50%; background: #f0f2f5; }
article > div > div:last-of-type { display: flex; gap: 8px; }
article > div > div:last-of-type button { display: inline-flex; align-items: center; gap: 4px; border: 0; border-radius: 16px; padding: 6px 12px; background: #f0f2f5; color: #626d7a; font: 500 13px/16px system-ui, sans-serif; }
article svg { width: 0; height: 0; }
@media (prefers-color-scheme: dark) {
  body { background: #141414; color: #e1e3e6; }
  a { color: #71aaeb; }
  section[data-testid="group-header"], article[data-testid="post"][data-post-nesting-lvl="0"] { background: #222; box-shadow: 0 0 0 1px #363738; }
  article > div > div:last-of-type button, button[data-testid="post_context_menu_toggle"] { background: #333; color: #aaa; }
}
`;
