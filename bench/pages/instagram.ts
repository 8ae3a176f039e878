/**
 * Synthetic Instagram profile page for the page-overhead benchmark: the profile of
 * `northwind.coffee` as tests/fixtures/instagram/synthetic/instagram-profile-en-loggedin-2025-06.html
 * shows it (its <head> and profile <header> are copied from that fixture, so the reader sees the
 * markup it is tested on), and a grid that grows the way Instagram's infinite scroll grows it: the
 * page's own script asks `/graphql/query` for the next 12 posts (the response has Relay's
 * `xdt_api__v1__feed__user_timeline_graphql_connection` shape, as the fixture's data-sjs JSON),
 * renders their tiles from that JSON in rows of 3, and scrolls to the bottom; until `total` posts.
 * Tiles carry Carousel/Clip icons; every 7th tile shows the hover overlay with likes and comments,
 * abbreviated ("12.4K") when large. The page answers the same with or without the extension.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { rng, shortcode } from '../lib/generate';

export const IG_URL = 'https://www.instagram.com/northwind.coffee/';
export const IG_HANDLE = 'northwind.coffee';
export const IG_GRAPHQL = 'https://www.instagram.com/graphql/query';
const FIXTURE = 'tests/fixtures/instagram/synthetic/instagram-profile-en-loggedin-2025-06.html';
const OWNER_PK = '5521930077';
export const IG_BATCH = 12;

interface Media {
  code: string;
  pk: string;
  kind: 'photo' | 'carousel' | 'reel';
  takenAt: number;
  likes: number;
  comments: number;
  plays: number | null;
}

/** The posts of the page, newest first, deterministic. */
export function igMedia(total: number, seed = 7): Media[] {
  const r = rng(seed);
  const out: Media[] = [];
  let t = Math.floor(Date.UTC(2025, 5, 20) / 1000);
  for (let i = 0; i < total; i++) {
    t -= Math.floor(36_000 + r() * 150_000);
    const roll = r();
    const kind = roll < 0.45 ? 'photo' : roll < 0.75 ? 'carousel' : 'reel';
    const likes = Math.round(10 ** (1.5 + r() * 3.3));
    out.push({
      code: shortcode(r),
      pk: String(3_300_000_000_000_000_000n + BigInt(i) * 7919n),
      kind,
      takenAt: t,
      likes,
      comments: Math.round(likes * (0.005 + r() * 0.05)),
      plays: kind === 'reel' ? Math.round(likes * (10 + r() * 30)) : null,
    });
  }
  return out;
}

function mediaNode(m: Media) {
  const mt = { photo: 1, carousel: 8, reel: 2 }[m.kind];
  return {
    code: m.code,
    pk: m.pk,
    id: `${m.pk}_${OWNER_PK}`,
    taken_at: m.takenAt,
    media_type: mt,
    product_type: { photo: 'feed', carousel: 'carousel_container', reel: 'clips' }[m.kind],
    like_count: m.likes,
    comment_count: m.comments,
    like_and_view_counts_disabled: false,
    timeline_pinned_user_ids: [],
    clips_tab_pinned_user_ids: [],
    play_count: m.plays,
    ig_play_count: m.plays,
    view_count: null,
    carousel_media_count: m.kind === 'carousel' ? 3 : null,
    user: { pk: OWNER_PK, id: OWNER_PK, username: IG_HANDLE, full_name: 'Northwind Coffee', is_private: false, __typename: 'XDTUserDict' },
    owner: { pk: OWNER_PK, id: OWNER_PK, username: IG_HANDLE },
    caption: { pk: `${m.pk}9`, text: `Post ${m.code}: coffee of the day ☕`, created_at: m.takenAt },
    image_versions2: { candidates: [{ url: 'https://scontent.cdninstagram.com/v/t51.2885-15/x.jpg', width: 1080, height: 1350 }] },
    original_width: 1080,
    original_height: 1350,
    has_liked: false,
    __typename: 'XDTMediaDict',
  };
}

/** The JSON `/graphql/query` answers for the batch that starts at `from`. */
export function igBatchJson(media: Media[], from: number): string {
  const slice = media.slice(from, from + IG_BATCH);
  const next = from + slice.length;
  return JSON.stringify({
    data: {
      xdt_api__v1__feed__user_timeline_graphql_connection: {
        edges: slice.map((m, i) => ({ node: mediaNode(m), cursor: `c${from + i}` })),
        page_info: { end_cursor: `c${next}`, has_next_page: next < media.length, has_previous_page: from > 0, start_cursor: `c${from}` },
      },
    },
    extensions: { is_final: true },
  });
}

const GIF = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';

/** The page's own script: fetch a batch, render its tiles, scroll; repeat. Plain ES5-ish JS. */
function pageScript(total: number, intervalMs: number): string {
  return `
(function () {
  var total = ${total}, interval = ${intervalMs}, gif = '${GIF}';
  var grid = document.getElementById('bench-grid');
  var done = 0, cursor = 0, batches = 0;
  function abbr(n) {
    if (n < 1000) return String(n);
    if (n < 10000) return n.toLocaleString('en-US');
    if (n < 1e6) { var k = Math.floor(n / 100) / 10; return (k >= 100 ? Math.floor(k) : k.toFixed(1)) + 'K'; }
    return (Math.floor(n / 1e5) / 10).toFixed(1) + 'M';
  }
  function icon(label) {
    return '<div class="x1cpjm7i xo1l8bm"><svg aria-label="' + label + '" class="xvs91rp x8viiok" fill="currentColor" height="20" role="img" viewBox="0 0 24 24" width="20"><title>' + label + '</title><path d="M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20z"></path></svg></div>';
  }
  function tile(node, i) {
    var reel = node.media_type === 2;
    var href = reel ? '/northwind.coffee/reel/' + node.code + '/' : '/p/' + node.code + '/';
    var icons = node.media_type === 8 ? icon('Carousel') : reel ? icon('Clip') : '';
    var overlay = i % 7 === 3 ? '<div class="_ac2d x1n2onr6"><ul class="_abpo"><li class="_abpm"><span><span class="html-span xdj266r">' + abbr(node.like_count) + '</span></span><span class="_abpn _abpl"></span></li><li class="_abpm"><span><span class="html-span xdj266r">' + abbr(node.comment_count) + '</span></span><span class="_abpn _abpk"></span></li></ul></div>' : '';
    return '<div class="_aacl _aacx xcfux6l x1oa3qoh"><a href="' + href + '" role="link" tabindex="0" class="_aagu x1a2a7pz"><div class="_aagu x1lliihq _aacl"><div class="x1fj9vlw x1gmr53x"><img alt="Photo by Northwind Coffee" class="_aajy xeuugli" decoding="auto" src="' + gif + '" style="object-fit: cover;width:100%;height:100%"></div><div class="xat24cr _aad7"></div></div>' + (icons ? '<div class="x1qjc9v5 x1fj9vlw _aajy">' + icons + '</div>' : '') + overlay + '</a></div>';
  }
  function render(edges) {
    var html = '';
    for (var i = 0; i < edges.length; i += 3) {
      html += '<div class="_ac7v x1f01sob xcglkxh">';
      for (var j = i; j < Math.min(i + 3, edges.length); j++) html += tile(edges[j].node, done + j);
      html += '</div>';
    }
    grid.insertAdjacentHTML('beforeend', html);
    done += edges.length;
    window.scrollTo(0, document.body.scrollHeight);
  }
  function next() {
    if (done >= total) { window.__benchDone = { posts: done, batches: batches, at: performance.now() }; return; }
    batches++;
    fetch('/graphql/query', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'doc_id=7950326061742207&variables=' + encodeURIComponent(JSON.stringify({ after: 'c' + cursor, first: 12, username: 'northwind.coffee' })) })
      .then(function (res) { return res.json(); })
      .then(function (json) {
        var conn = json.data.xdt_api__v1__feed__user_timeline_graphql_connection;
        cursor = done + conn.edges.length;
        render(conn.edges.slice(0, total - done));
        setTimeout(next, interval);
      });
  }
  window.addEventListener('load', function () { setTimeout(next, interval); });
  window.__benchPosts = function () { return done; };
})();`;
}

/** The page's HTML: the fixture's head and profile header, an empty grid, the page's script. */
export function instagramPage(total: number, intervalMs: number, root = '.'): string {
  const fixture = readFileSync(resolve(root, FIXTURE), 'utf8');
  const head = /<head>[\s\S]*?<\/head>/.exec(fixture)?.[0];
  const header = /<header[\s\S]*?<\/header>/.exec(fixture)?.[0];
  if (!head || !header) throw new Error(`${FIXTURE}: no <head> or <header> found; the bench page is built from them`);
  return `<!DOCTYPE html>
<html class="_9dls js-focus-visible _aa4d" lang="en" dir="ltr">
${head}
<body class="system-fonts--body segoe">
<div id="mount_0_0_Ab"><div class="x1n2onr6"><main role="main" class="xvbhtw8 x78zum5">
<div class="x1gryazu xh8yej3 x10o80wk">${header}
<div role="tablist" class="x1qhh985 x1gmr53x"><a aria-selected="true" href="/northwind.coffee/" role="tab" tabindex="0"><span>Posts</span></a><a aria-selected="false" href="/northwind.coffee/reels/" role="tab" tabindex="0"><span>Reels</span></a><a aria-selected="false" href="/northwind.coffee/tagged/" role="tab" tabindex="0"><span>Tagged</span></a></div>
<style>#bench-grid ._ac7v{display:flex;gap:4px;margin-bottom:4px} #bench-grid ._aacl{flex:1;height:300px;position:relative}</style>
<div class="xggy1nq x1mh8g0r"><div class="x1n2onr6 x11i5rnm"><div id="bench-grid" class="_a6hd xozqiw3"></div></div></div>
</div></main></div></div>
<script>${pageScript(total, intervalMs)}</script>
</body>
</html>`;
}
