/**
 * The anchor finders on every fixture page: each post the reader reports gets a place for its
 * badge (and only posts do: comments and reposted originals do not), and the account header is
 * found where the page shows one.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instagramHeader, instagramPosts } from '@/lib/platforms/instagram/anchors';
import { vkHeader, vkPosts } from '@/lib/platforms/vk/anchors';
import { FIXTURES, fixtureDocument, fixtureText } from '../../helpers/fixtures';
import { vkDocument } from '../platforms/vk/helpers';

interface Expected {
  url: string;
  account: { id: string; handle: string | null } | null;
  posts: Array<{ id: string }>;
}

const igFixtures = readdirSync(join(FIXTURES, 'instagram/synthetic'))
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => ({
    name: f.replace('.expected.json', ''),
    expected: JSON.parse(fixtureText(`instagram/synthetic/${f}`)) as Expected,
  }));

const vkFixtures = readdirSync(join(FIXTURES, 'vk'))
  .filter((f) => f.endsWith('.expected.json') && readdirSync(join(FIXTURES, 'vk')).includes(f.replace('.expected.json', '.html')))
  .map((f) => ({ name: f.replace('.expected.json', ''), expected: JSON.parse(fixtureText(`vk/${f}`)) as Expected }));

describe('Instagram anchors', () => {
  it.each(igFixtures)('$name: every post the reader reports has a place', ({ name, expected }) => {
    const doc = fixtureDocument(`instagram/synthetic/${name}.html`);
    const places = instagramPosts(doc, expected.url);
    const ids = new Set(places.map((p) => p.id));
    for (const p of expected.posts) expect(ids, p.id).toContain(p.id);
    for (const p of places) {
      expect(p.host.isConnected || p.host.ownerDocument === doc).toBe(true);
      // tiles at the top-left corner (the site's icons are top-right), containers top-right
      expect(p.corner).toBe(p.host.localName === 'a' ? 'tl' : 'tr');
    }
  });

  it('the profile grid: one tile place per post, found again inside an added element only', () => {
    const { expected } = igFixtures.find((f) => f.name === 'instagram-profile-en-loggedin-2025-06')!;
    const doc = fixtureDocument('instagram/synthetic/instagram-profile-en-loggedin-2025-06.html');
    const tiles = instagramPosts(doc, expected.url).filter((p) => p.corner === 'tl');
    expect(tiles.map((p) => p.id).sort()).toEqual(expected.posts.map((p) => p.id).sort());
    // an added subtree: only the tiles inside it
    const one = tiles[2].host;
    expect(instagramPosts(one.parentElement as Element, expected.url).map((p) => p.id)).toEqual([tiles[2].id]);
  });

  it('the feed: each article, once, with its own shortcode', () => {
    const { expected } = igFixtures.find((f) => f.name === 'instagram-feed-en-loggedin-2025-06')!;
    const doc = fixtureDocument('instagram/synthetic/instagram-feed-en-loggedin-2025-06.html');
    const places = instagramPosts(doc, expected.url);
    const articles = places.filter((p) => p.host.localName === 'article');
    expect(articles.map((p) => p.id)).toEqual(expected.posts.map((p) => p.id));
  });

  it('a post page: the post itself has a place', () => {
    const { expected } = igFixtures.find((f) => f.name === 'instagram-post-en-loggedin-2025-06')!;
    const doc = fixtureDocument('instagram/synthetic/instagram-post-en-loggedin-2025-06.html');
    const own = instagramPosts(doc, expected.url).filter((p) => p.id === 'C8qR7tYuI3o');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((p) => p.corner === 'tr')).toBe(true);
  });

  it.each([
    ['instagram-profile-en-loggedin-2025-06', 'northwind.coffee'],
    ['instagram-profile-ru-loggedin-2025-06', 'kofeynya_utro'],
    ['instagram-reels-en-loggedin-2025-06', 'northwind.coffee'],
    ['instagram-profile-private-en-loggedin-2025-06', 'quiet.harbor'],
    ['instagram-post-modal-ru-loggedin-2025-06', 'lesnaya.tropa'],
  ])('%s: the header of %s', (name, handle) => {
    const doc = fixtureDocument(`instagram/synthetic/${name}.html`);
    const place = instagramHeader(doc, { platform: 'instagram', id: handle, handle });
    expect(place).not.toBeNull();
    expect(place?.corner).toBe('under');
    expect(place?.host.textContent).toContain(handle);
  });

  it('no header for an account the page does not show', () => {
    const doc = fixtureDocument('instagram/synthetic/instagram-profile-en-loggedin-2025-06.html');
    expect(instagramHeader(doc, { platform: 'instagram', id: 'kofeynya_utro', handle: 'kofeynya_utro' })).toBeNull();
    const feed = fixtureDocument('instagram/synthetic/instagram-feed-en-loggedin-2025-06.html');
    expect(instagramHeader(feed, { platform: 'instagram', id: 'alice.bakes', handle: 'alice.bakes' })).toBeNull();
  });
});

describe('VK anchors', () => {
  it.each(vkFixtures)('$name: exactly the posts the reader reports', ({ name, expected }) => {
    const doc = vkDocument(`vk/${name}.html`);
    const places = vkPosts(doc);
    expect(places.map((p) => p.id).sort()).toEqual(expected.posts.map((p) => p.id).sort());
    for (const p of places) {
      expect(p.corner).toBe('tr');
      expect(p.host.getAttribute('data-post-id') ?? p.host.id).toMatch(/\d+_\d+/);
    }
  });

  const walls = vkFixtures.filter((f) => f.expected.account && !f.expected.url.includes('/wall'));
  it.each(walls)('$name: the page header', ({ name }) => {
    const doc = vkDocument(`vk/${name}.html`);
    const place = vkHeader(doc);
    expect(place?.corner).toBe('tr');
    // the header holds the page name, and no post
    expect(place?.host.querySelector('[data-post-id]')).toBeNull();
  });

  it.each(vkFixtures.filter((f) => !walls.includes(f)))('$name: no header on a feed or a post page', ({ name }) => {
    expect(vkHeader(vkDocument(`vk/${name}.html`))).toBeNull();
  });

  it('a post added later is found inside the added element', () => {
    const doc = vkDocument('vk/vk-community-app-2026-07.html');
    const first = vkPosts(doc)[0];
    expect(vkPosts(first.host).map((p) => p.id)).toEqual([first.id]);
  });
});
