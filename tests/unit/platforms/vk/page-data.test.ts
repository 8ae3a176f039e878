import { afterEach, describe, expect, it } from 'vitest';
import { postToExtension } from '@/lib/content/page-bridge';
import { applyAnswer, askPage } from '@/lib/platforms/vk/bridge';
import { answer, installMainWorld, PAGE_DATA_CHANNEL, prefetchFromScripts, readPostFromReact } from '@/lib/platforms/vk/main-world';
import { emptyPageData } from '@/lib/platforms/vk/page-data';
import { interpretPrefetch, prefetchEntries } from '@/lib/platforms/vk/prefetch';

const NOW = Date.parse('2026-07-15T10:00:00+03:00');
const doc = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const script = (code: string) => doc(`<html><head><script>${code}</script></head><body></body></html>`);

const GROUP = {
  method: 'groups.getById',
  version: '5.288',
  request: { group_id: 'zerno_ru' },
  response: { groups: [{ id: 220011, name: 'Зерно &quot;кофе&quot;', screen_name: 'zerno_ru', members_count: 12345 }], profiles: [] },
};

describe('apiPrefetchCache in the inline scripts of the server HTML', () => {
  it('reads the array form inside window.cur = Object.assign(...)', () => {
    const d = script(
      `window.cur = Object.assign(window.cur || {}, {"module":"public","apiPrefetchCache":[${JSON.stringify(GROUP)}],"x":"]}"});`,
    );
    expect(prefetchEntries(prefetchFromScripts(d))).toEqual([
      { method: 'groups.getById', request: GROUP.request, response: GROUP.response },
    ]);
  });

  it('reads the object form cur.apiPrefetchCache = {...}', () => {
    const d = script(`cur.apiPrefetchCache = {"groups.getById:5.288:x": ${JSON.stringify(GROUP)}};`);
    expect(prefetchEntries(prefetchFromScripts(d)).map((e) => e.method)).toEqual(['groups.getById']);
  });

  it('reads JSON.parse("...") and an HTML-encoded string', () => {
    const json = JSON.stringify([GROUP]);
    expect(prefetchEntries(prefetchFromScripts(script(`cur.apiPrefetchCache = JSON.parse(${JSON.stringify(json)});`)))).toHaveLength(1);
    const encoded = json.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    expect(prefetchEntries(prefetchFromScripts(script(`var c = {"apiPrefetchCache":"${encoded}"};`)))).toHaveLength(1);
  });

  it('reads [method, version, request, response] tuples', () => {
    const d = script(`cur.apiPrefetchCache = [["users.getFollowers","5.288",{"user_id":5},{"count":7,"items":[]}]];`);
    expect(prefetchEntries(prefetchFromScripts(d))).toEqual([
      { method: 'users.getFollowers', request: { user_id: 5 }, response: { count: 7, items: [] } },
    ]);
  });

  it('ignores what is not JSON (and never evaluates it)', () => {
    for (const code of [
      'cur.apiPrefetchCache = buildCache();',
      'cur.apiPrefetchCache = [{method: "groups.getById"}];',
      'cur.apiPrefetchCache = [{"method":"groups.getById", "response": {"groups": [',
      'if (cur.apiPrefetchCache) {}',
    ]) {
      expect(prefetchEntries(prefetchFromScripts(script(code)))).toEqual([]);
    }
  });
});

describe('interpreting the entries (MAIN world) and checking them (content script)', () => {
  it('groups, users, followers, screen names, the wall and its posts', () => {
    const facts = interpretPrefetch(
      prefetchEntries([
        GROUP,
        { method: 'utils.resolveScreenName', request: { screen_name: 'Ivan.Petrov' }, response: { type: 'user', object_id: 505050 } },
        {
          method: 'users.get',
          request: {},
          response: [
            {
              id: 505050,
              first_name: 'Иван',
              last_name: 'Петров',
              domain: 'ivan.petrov',
              followers_count: 1480,
              counters: { followers: 1480 },
            },
          ],
        },
        { method: 'users.getFollowers', request: { user_id: '505050' }, response: { count: 1480 } },
        {
          method: 'wall.get',
          request: { owner_id: -220011 },
          response: {
            count: 321,
            items: [{ id: 512, owner_id: -220011, date: 1783839600, is_pinned: 1, likes: { count: 1234 }, views: { count: 15678 } }],
          },
        },
        { method: 'newsfeed.get', request: {}, response: { items: [{ id: 1, owner_id: -5, likes: { count: 9 } }] } },
      ]),
    );
    expect(facts.owners).toEqual([
      { id: '-220011', screenName: 'zerno_ru', name: 'Зерно "кофе"', followers: 12345, posts: 321 },
      { id: '505050', screenName: 'ivan.petrov', name: 'Иван Петров', followers: 1480, posts: null },
    ]);
    expect(facts.screenNames).toEqual({ zerno_ru: '-220011', 'ivan.petrov': '505050' });
    expect(facts.posts).toEqual([
      { id: '-220011_512', likes: 1234, comments: undefined, reposts: undefined, views: 15678, date: 1783839600, pinned: 1 },
    ]);

    const data = emptyPageData();
    applyAnswer(data, { posts: [], prefetch: facts }, new Set(), NOW);
    expect(data.owners.get('-220011')).toMatchObject({
      kind: 'community',
      followers: { value: 12345, exact: true },
      posts: { value: 321 },
    });
    expect(data.posts.get('-220011_512')).toMatchObject({
      likes: { value: 1234 },
      views: { value: 15678 },
      pinned: true,
      date: 1783839600000,
    });
    expect(data.screenNames.get('ivan.petrov')).toBe('505050');
  });

  it('two exact follower counts that disagree are unknown (users.get against users.getFollowers)', () => {
    const facts = interpretPrefetch(
      prefetchEntries([
        { method: 'users.get', request: {}, response: [{ id: 5, followers_count: 1480 }] },
        { method: 'users.getFollowers', request: { user_id: 5 }, response: { count: 1490 } },
        { method: 'users.get', request: {}, response: [{ id: 5, followers_count: 1480 }] },
      ]),
    );
    expect(facts.owners[0]?.followers).toBeNull();
  });

  it('the content script drops what does not check out', () => {
    const data = emptyPageData();
    applyAnswer(
      data,
      {
        posts: [{ id: '-1_2', views: 5 }],
        prefetch: {
          owners: [
            { id: 'durov', followers: 5 },
            { id: '-0', followers: 5 },
            { id: '-7', followers: -3, posts: 'many', name: 'x'.repeat(400), screenName: 'Bad Name' },
          ],
          screenNames: { ok_name: '-7', 'bad name': '-8', other: 'abc' },
          posts: [
            { id: 'wall-1_2', views: 1 },
            { id: '-7_1', views: 2.5, date: 99999999999 },
          ],
        },
      },
      new Set(),
      NOW,
    );
    expect([...data.owners.keys()]).toEqual(['-7']);
    expect(data.owners.get('-7')).toEqual({ id: '-7', kind: 'community', screenName: null, name: null, followers: null, posts: null });
    expect([...data.screenNames]).toEqual([['ok_name', '-7']]);
    expect([...data.posts.keys()]).toEqual(['-7_1']); // -1_2 was not asked for
    expect(data.posts.get('-7_1')).toMatchObject({ views: null, date: null });
  });
});

describe('React props (MAIN world)', () => {
  const page = () =>
    doc(`<div class="post Post--redesign" data-post-id="-5_10"><div class="PostDateBlock__root"><div><a>вчера</a></div></div>
      <div class="copy_quote"><div class="PostDateBlock__root" id="inner"><div></div></div></div></div>
      <article data-testid="post" data-post-id="7_3"></article>`);

  it("reads viewsCount and date of PostDateBlock (root container props, or the child's props)", () => {
    const d = page();
    const root = d.querySelector('[data-post-id="-5_10"]') as Element;
    const block = root.querySelector('.PostDateBlock__root') as Element & Record<string, unknown>;
    block.__reactContainer$abc = { memoizedState: { element: { props: { viewsCount: 4321, date: 1741000837 } } } };
    expect(readPostFromReact(root, '-5_10')).toEqual({ id: '-5_10', views: 4321, date: 1741000837 });
    delete block.__reactContainer$abc;
    (block.firstElementChild as Element & Record<string, unknown>).__reactProps$abc = { children: { props: { viewsCount: 99 } } };
    expect(readPostFromReact(root, '-5_10')).toEqual({ id: '-5_10', views: 99 });
  });

  it('ignores the date block of a reposted original', () => {
    const d = page();
    const root = d.querySelector('[data-post-id="-5_10"]') as Element;
    (d.getElementById('inner') as unknown as Record<string, unknown>).__reactContainer$abc = {
      memoizedState: { element: { props: { viewsCount: 1 } } },
    };
    expect(readPostFromReact(root, '-5_10')).toBeNull();
  });

  it('finds the API post object in the props of the components above the post element, for this post only', () => {
    const d = page();
    const el = d.querySelector('[data-post-id="7_3"]') as Element & Record<string, unknown>;
    const other = { id: 4, owner_id: 7, views: { count: 1 } };
    const mine = {
      id: 3,
      owner_id: 7,
      likes: { count: 12 },
      comments: { count: 2 },
      reposts: { count: 1 },
      views: { count: 640 },
      date: 1786449000,
      is_pinned: 0,
    };
    el.__reactFiber$x = {
      memoizedProps: {},
      return: { memoizedProps: { item: other }, return: { memoizedProps: { post: mine }, return: null } },
    };
    expect(readPostFromReact(el, '7_3')).toEqual({
      id: '7_3',
      views: 640,
      likes: 12,
      comments: 2,
      reposts: 1,
      date: 1786449000,
      pinned: 0,
    });
  });

  it('a cyclic or endless fiber chain is walked a bounded number of steps', () => {
    const d = page();
    const el = d.querySelector('[data-post-id="7_3"]') as Element & Record<string, unknown>;
    const fiber: Record<string, unknown> = { memoizedProps: {} };
    fiber.return = fiber;
    el.__reactFiber$x = fiber;
    expect(readPostFromReact(el, '7_3')).toBeNull();
  });
});

describe('the round trip between the worlds', () => {
  let remove: (() => void) | null = null;
  afterEach(() => remove?.());

  it('is synchronous: the answer is there when dispatchEvent returns', () => {
    document.body.innerHTML = '<article data-testid="post" data-post-id="7_3"></article>';
    const el = document.querySelector('article') as unknown as Record<string, unknown>;
    el.__reactFiber$q = { memoizedProps: { post: { id: 3, owner_id: 7, views: { count: 640 } } }, return: null };
    remove = installMainWorld(window);
    expect(askPage(window, { ids: ['7_3'], prefetch: false })).toEqual({ posts: [{ id: '7_3', views: 640 }], prefetch: null });
    expect(answer(document, window, { ids: ['7_3'], prefetch: false }).posts).toHaveLength(1);
  });

  it('without the MAIN-world script there is no answer; data the page sends outside an ask is not taken', () => {
    expect(askPage(window, { ids: ['7_3'], prefetch: false })).toBeNull();
    let got: unknown = 'untouched';
    // the page itself dispatching page data at another time: nobody is listening
    postToExtension(PAGE_DATA_CHANNEL, { posts: [{ id: '7_3', views: 1 }] });
    got = askPage(window, { ids: [], prefetch: false });
    expect(got).toBeNull();
  });
});
