/**
 * The reader as a session: first load, infinite scroll, in-app navigation, data arriving from the
 * MAIN-world script. Uses the fixture pages for realistic markup.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Reading } from '@/lib/content/run-site';
import * as dom from '@/lib/platforms/instagram/dom';
import type { IgData } from '@/lib/platforms/instagram/json';
import { createInstagramReader, IgStore, sameData } from '@/lib/platforms/instagram/reader';
import { fixtureText } from '../../helpers/fixtures';
import { readerFor } from './instagram-helpers';

const page = (name: string) => new DOMParser().parseFromString(fixtureText(`instagram/synthetic/${name}.html`), 'text/html');
const EN = 'instagram-profile-en-loggedin-2025-06';
const RU = 'instagram-profile-ru-loggedin-2025-06';

function swapBody(doc: Document, from: Document): Element[] {
  doc.body.replaceWith(doc.importNode(from.body, true));
  return [doc.body];
}

describe('SPA navigation', () => {
  it('profile -> another profile: the second session reads only the new page, meta tags are stale', () => {
    const doc = page(EN);
    const reader = readerFor(doc);
    const first = reader.start(doc, 'https://www.instagram.com/northwind.coffee/').scan();
    expect(first.account).toMatchObject({ id: 'northwind.coffee', followers: { value: 12431 } });

    // pushState to the next profile: wxt:locationchange arrives before Instagram renders the new page
    const second = reader.start(doc, 'https://www.instagram.com/kofeynya_utro/');
    expect(second.scan()).toEqual({ account: null, posts: [] });
    // then the new page renders (its head still holds the first page's meta tags)
    const r = second.added(swapBody(doc, page(RU)));
    expect(r.account).toMatchObject({ id: 'kofeynya_utro', followers: { value: 97412, exact: true }, posts: { value: 342 } });
    expect(r.posts.map((p) => p.authorId)).toEqual(Array(r.posts.length).fill('kofeynya_utro'));
    expect(r.posts.length).toBe(9);
  });

  it('profile -> post dialog -> back: the dialog post is read with its own author, the grid is not re-sent', () => {
    const doc = page('instagram-post-modal-ru-loggedin-2025-06');
    const reader = readerFor(doc);
    const dialog = doc.querySelector('[role="dialog"]')?.parentElement?.parentElement?.parentElement as Element;
    const holder = dialog.parentElement as Element;
    dialog.remove();
    const profile = reader.start(doc, 'https://www.instagram.com/lesnaya.tropa/').scan();
    expect(profile.account).toMatchObject({ id: 'lesnaya.tropa', followers: { value: 5873 } });
    expect(profile.posts).toHaveLength(6);
    expect(profile.posts.every((p) => p.likes === null)).toBe(true);

    const modal = reader.start(doc, 'https://www.instagram.com/p/C9dE5fGhJ2k/');
    modal.scan();
    holder.append(dialog);
    const r = modal.added([dialog]);
    expect(r.posts).toEqual([
      expect.objectContaining({
        id: 'C9dE5fGhJ2k',
        authorId: 'lesnaya.tropa',
        likes: expect.objectContaining({ value: 2318 }),
        kind: 'carousel',
      }),
    ]);
  });
});

describe('infinite scroll', () => {
  it('new tiles are read once each; nothing already read is read again', () => {
    const doc = page(EN);
    const reader = createInstagramReader();
    const s = reader.start(doc, 'https://www.instagram.com/northwind.coffee/');
    const first = s.scan();
    expect(first.posts).toHaveLength(9);
    const spy = vi.spyOn(dom, 'readTile');
    const row = doc.querySelector('a[href*="/p/"]')?.closest('div')?.parentElement?.parentElement as Element;
    const more = doc.createElement('div');
    more.innerHTML = ['C9Aaaaaaaa1', 'C9Bbbbbbbb2', 'C9Ccccccc3']
      .map((c) => `<div><a href="/p/${c}/" role="link"><div><img alt="" src="x"></div></a></div>`)
      .join('');
    row.parentElement?.append(more);
    const r: Reading = s.added([more]);
    expect(r.posts.map((p) => p.id)).toEqual(['C9Aaaaaaaa1', 'C9Bbbbbbbb2', 'C9Ccccccc3']);
    expect(r.account).toBeNull(); // unchanged, not sent again
    expect(spy.mock.calls.map(([a]) => a.getAttribute('href'))).toEqual(['/p/C9Aaaaaaaa1/', '/p/C9Bbbbbbbb2/', '/p/C9Ccccccc3/']);
    spy.mockRestore();
  });

  it('a full rescan (too many nodes at once) reads no tile already read', () => {
    const doc = page(EN);
    const s = createInstagramReader().start(doc, 'https://www.instagram.com/northwind.coffee/');
    expect(s.scan().posts).toHaveLength(9);
    const spy = vi.spyOn(dom, 'readTile');
    expect(s.scan()).toEqual({ account: null, posts: [] });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('a hover overlay rendered into a tile later: that tile alone is read again', () => {
    const doc = page(EN);
    const s = createInstagramReader().start(doc, 'https://www.instagram.com/northwind.coffee/');
    s.scan();
    const tile = doc.querySelector('a[href="/p/C7pN4rTqA1b/"]') as Element;
    const overlay = doc.createElement('div');
    overlay.innerHTML = '<ul><li><span>2,001</span></li><li><span>45</span></li></ul>';
    tile.append(overlay);
    const r = s.added([overlay]);
    expect(r.posts).toEqual([
      expect.objectContaining({
        id: 'C7pN4rTqA1b',
        likes: expect.objectContaining({ value: 2001 }),
        comments: expect.objectContaining({ value: 45 }),
        pinned: true,
      }),
    ]);
  });
});

const media = (code: string, owner: string, likes: number, extra: Record<string, unknown> = {}) => ({
  code,
  pk: '1',
  owner,
  ownerPk: '42',
  ownerName: null,
  takenAt: 1748000000,
  kind: 'photo' as const,
  likes,
  comments: 3,
  views: [],
  hidden: false,
  pinnedTimeline: [],
  pinnedClips: null,
  ad: false,
  caption: null,
  sample: [],
  ...extra,
});

describe('data the page receives (MAIN-world bridge)', () => {
  it('is pushed for the page it belongs to, with exact numbers that sharpen the grid', () => {
    let deliver: (d: IgData) => void = () => undefined;
    const reader = createInstagramReader({
      subscribe: (cb) => {
        deliver = cb;
        return () => undefined;
      },
    });
    const pushed: Reading[] = [];
    const doc = page(EN);
    const s = reader.start(doc, 'https://www.instagram.com/northwind.coffee/', (r) => pushed.push(r));
    s.scan();
    deliver({
      media: [
        media('C8aB3cD4eF5', 'northwind.coffee', 1284),
        media('C9Zzzzzzzz9', 'northwind.coffee', 77),
        media('C9Yyyyyyyy8', 'someone.else', 5),
      ],
      users: [
        {
          username: 'northwind.coffee',
          pk: '42',
          name: 'Northwind Coffee',
          followers: 12431,
          following: 312,
          posts: 1208,
          isPrivate: false,
        },
      ],
    });
    expect(pushed).toHaveLength(1);
    expect(pushed[0].posts.map((p) => [p.id, p.likes?.value ?? null, p.comments?.value ?? null])).toEqual([
      ['C8aB3cD4eF5', 1284, null], // the tile says 37 comments, the JSON 3: exact sources disagree
      ['C9Zzzzzzzz9', 77, 3],
    ]);
    expect(pushed[0].account).toMatchObject({ nativeId: '42', isPrivate: false, followers: { value: 12431 } });
  });

  it('JSON that disagrees with an exact count on the page gives unknown; a placeholder under hidden likes is never a number', () => {
    const store = new IgStore();
    store.add({ media: [media('C8aB3cD4eF5', 'northwind.coffee', 999)], users: [] }, 0);
    store.add({ media: [media('C8Yt6Rs5Qp4', 'northwind.coffee', 3, { hidden: true, likes: null })], users: [] }, 0);
    const r = createInstagramReader({ store }).start(page(EN), 'https://www.instagram.com/northwind.coffee/').scan();
    const byId = Object.fromEntries(r.posts.map((p) => [p.id, p]));
    expect(byId.C8aB3cD4eF5.likes).toBeNull();
    expect(byId.C8Yt6Rs5Qp4).toMatchObject({ likes: null, likesHidden: true });
  });

  it("data of an earlier page is not reported as this page's unless this page shows the post", () => {
    const store = new IgStore();
    const doc = page(EN);
    const reader = readerFor(doc, store);
    reader.start(doc, 'https://www.instagram.com/northwind.coffee/').scan();
    store.add({ media: [media('C9Old000000', 'kofeynya_utro', 10)], users: [] }, 0);
    const s = reader.start(doc, 'https://www.instagram.com/kofeynya_utro/');
    s.scan();
    const r = s.added(swapBody(doc, page(RU)));
    expect(r.posts).toHaveLength(9);
    expect(r.posts.map((p) => p.id)).not.toContain('C9Old000000');
  });
});

describe('never throws into the page', () => {
  it('reads an empty or odd document without throwing', () => {
    for (const url of [
      'https://www.instagram.com/',
      'https://www.instagram.com/nasa/',
      'https://www.instagram.com/p/CAbcdefgh/',
      'https://www.instagram.com/explore/',
    ]) {
      const s = createInstagramReader().start(new DOMParser().parseFromString('<html><body></body></html>', 'text/html'), url);
      expect(s.scan()).toEqual({ account: null, posts: [] });
      expect(s.added([])).toEqual({ account: null, posts: [] });
    }
  });
});

describe('data replayed while a session starts', () => {
  it('is read by the first scan, not lost in a push the page loop cannot send yet', () => {
    const doc = page('instagram-post-hidden-likes-en-loggedin-2025-06');
    const pushed: Reading[] = [];
    const s = readerFor(doc).start(doc, 'https://www.instagram.com/reel/C9hIdDnLk4s/', (r) => pushed.push(r));
    const r = s.scan();
    expect(r.posts).toEqual([
      expect.objectContaining({ id: 'C9hIdDnLk4s', likesHidden: true, comments: expect.objectContaining({ value: 214 }) }),
    ]);
    expect(pushed).toEqual([]);
  });
});

describe('readings handed on only when they change', () => {
  it.each([
    [{ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } }, true],
    [{ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3] } }, false],
    [{ a: 1, b: null }, { a: 1, b: {} }, false],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, false], // as JSON.stringify: same builder, same order
    [{ a: [] }, { a: {} }, false],
    [{ a: 'x' }, { a: 'x', b: 1 }, false],
    [null, {}, false],
    [undefined, { a: 1 }, false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameData(a, b)).toBe(same);
    expect(sameData(b, a)).toBe(same);
  });
});
