/**
 * Synthetic VK community wall for the page-overhead benchmark, in the December 2024 redesign
 * markup of tests/fixtures/vk/vk-community-redesign-2025-03.html (its <head> and group header are
 * copied from that fixture): `.post.Post--redesign[data-post-id]` cards with the
 * PostBottomActionLikeBtns footer (data-reaction-counts, data-count, aria-labels), dates as text
 * ("5 мар в 10:00"), and, as in the fixture, a stand-in for React that attaches each post's
 * `viewsCount` and `date` to its `.PostDateBlock__root` (the MAIN-world helper reads them there).
 * The page's own script appends 10 posts at a time, as the wall's infinite scroll does, and
 * scrolls to the bottom; until `total` posts. Numbers vary; counts of 1000+ are shown abbreviated
 * ("1,2K") and on every 6th post the comment and share buttons carry only that text.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const VK_URL = 'https://vk.com/citycafe';
export const VK_ID = '-998877';
export const VK_BATCH = 10;
const FIXTURE = 'tests/fixtures/vk/vk-community-redesign-2025-03.html';

function pageScript(total: number, intervalMs: number): string {
  return `
(function () {
  var total = ${total}, interval = ${intervalMs}, batch = ${VK_BATCH};
  var wall = document.querySelector('[data-testid="feed_main_container"]');
  var seed = 12345;
  function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
  var months = ['янв', 'фев', 'мар', 'апр', 'мая', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
  var done = 0, batches = 0, postNo = 1500, t = Math.floor(Date.UTC(2025, 2, 3, 11, 20) / 1000);
  var suffix = 'k3x9q2mz';
  function abbr(n) { return n >= 1000 ? (Math.floor(n / 100) / 10).toString().replace('.', ',') + 'K' : String(n); }
  function plural(n, one, few, many) { var m = n % 10, h = n % 100; return m === 1 && h !== 11 ? one : m >= 2 && m <= 4 && (h < 12 || h > 14) ? few : many; }
  function post() {
    var id = '-998877_' + postNo, n = postNo--;
    t -= Math.floor(20000 + rnd() * 100000);
    var d = new Date(t * 1000);
    var likes = Math.round(Math.pow(10, 1 + rnd() * 3.2)), parts = [Math.round(likes * 0.9), likes - Math.round(likes * 0.9)];
    var comments = Math.round(likes * rnd() * 0.12), shares = Math.round(likes * rnd() * 0.08), views = Math.round(likes * (15 + rnd() * 40));
    var plain = n % 6 !== 0;
    var c = plain ? ' data-count="' + comments + '" aria-label="' + comments + ' ' + plural(comments, 'комментарий', 'комментария', 'комментариев') + '"' : '';
    var s = plain ? ' data-count="' + shares + '" aria-label="' + shares + ' поделились"' : '';
    var html = '<div class="vkuiInternalGroup vkuiInternalGroup--mode-card vkuiGroup__host vkuiGroup__Q1w2e">' +
      '<div id="post' + id + '" class="post _post Post--redesign" data-post-id="' + id + '">' +
      '<div class="PostContentContainer__root vkuiDiv__host"><div class="PostHeader PostHeader__root">' +
      '<a class="PostHeader__avatar vkuiAvatar__host" href="/citycafe"><img class="vkuiImageBase__img" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Городское кафе"></a>' +
      '<div class="PostHeaderInfo"><div class="PostHeaderTitle"><a class="PostHeaderTitle__authorLink vkuiLink__host" href="/citycafe"><span class="PostHeaderTitle__authorName">Городское кафе</span></a></div>' +
      '<div class="PostDateBlock__root"><div><a class="vkuiLink vkuiLink__host" href="/wall' + id + '">' + d.getUTCDate() + ' ' + months[d.getUTCMonth()] + ' в ' + d.getUTCHours() + ':' + ('0' + d.getUTCMinutes()).slice(-2) + '</a></div></div></div></div>' +
      '<div class="PostTextV2__root vkuiText__host">Запись номер ' + n + ': новости кафе, меню недели и афиша вечеров. Приходите!</div>' +
      (n % 3 === 0 ? '<div class="PrimaryAttachment vkuiDiv__host"><a href="/photo-998877_' + (457390000 + n) + '" class="vkuiImageBase__host"></a></div>' : '') +
      '<div class="PostBottomActionLikeBtns like_cont vkuiFlex__host">' +
      '<div class="PostButtonReactionsContainer" data-section-ref="reactions-button-container"><div class="PostBottomAction PostButtonReactions PostButtonReactions--post" role="button" aria-label="Отправить реакцию «Нравится»" data-reaction-counts="[' + parts.join(',') + ']" data-section-ref="reactions-button"><span class="PostBottomAction__count vkuiCounter__host">' + abbr(likes) + '</span></div></div>' +
      '<div class="PostBottomAction comment vkuiTappable__host" role="button"' + c + ' data-like-button-type="comment"><span class="PostBottomAction__count">' + abbr(comments) + '</span></div>' +
      '<div class="PostBottomAction share vkuiTappable__host" role="button"' + s + ' data-like-button-type="share"><span class="PostBottomAction__count">' + abbr(shares) + '</span></div>' +
      '</div></div></div></div>';
    return { html: html, id: id, props: { viewsCount: views, date: t } };
  }
  function append() {
    var items = [], html = '';
    for (var i = 0; i < batch && done < total; i++, done++) { var p = post(); items.push(p); html += p.html; }
    wall.insertAdjacentHTML('beforeend', html);
    // what React attaches to the nodes it renders (see the fixture)
    var cards = wall.children;
    for (var j = 0; j < items.length; j++) {
      var card = cards[cards.length - items.length + j];
      var block = card && card.getElementsByClassName('PostDateBlock__root')[0];
      if (block) block['__reactContainer$' + suffix] = { tag: 3, memoizedState: { element: { props: items[j].props } } };
    }
    window.scrollTo(0, document.body.scrollHeight);
  }
  function next() {
    if (done >= total) { window.__benchDone = { posts: done, batches: batches, at: performance.now() }; return; }
    batches++;
    append();
    setTimeout(next, interval);
  }
  window.addEventListener('load', function () { setTimeout(next, interval); });
  window.__benchPosts = function () { return done; };
})();`;
}

/** The page's HTML: the fixture's head and group header, an empty wall, the page's script. */
export function vkPage(total: number, intervalMs: number, root = '.'): string {
  const fixture = readFileSync(resolve(root, FIXTURE), 'utf8');
  const head = /<head>[\s\S]*?<\/head>/.exec(fixture)?.[0];
  const start = fixture.indexOf('<div data-testid="group_header"');
  const end = fixture.indexOf('<div data-testid="feed_main_container"');
  if (!head || start < 0 || end < start) throw new Error(`${FIXTURE}: no <head> or group header found; the bench page is built from them`);
  const header = fixture.slice(start, end);
  return `<!DOCTYPE html>
<html lang="ru" dir="ltr" class="vkui">
${head}
<body class="vkui__root" data-useragent="chrome">
<div id="spa_root" class="vkuiAppRoot vkuiAppRoot__host">
  <div class="vkuiSplitLayout__host vkuiSplitLayout__Xk2p">
    ${header}
    <div data-testid="feed_main_container" class="vkuiGroup__host vkuiGroup__mode-plain"></div>
  </div>
</div>
<style>.post{border:1px solid #ddd;margin:8px;padding:8px;min-height:120px}</style>
<script>${pageScript(total, intervalMs)}</script>
</body>
</html>`;
}
