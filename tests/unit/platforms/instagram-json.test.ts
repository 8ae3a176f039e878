import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanIgData, extractIgData, type IgData, parseIgJson } from '@/lib/platforms/instagram/json';
import { parseMetaDate, parsePostDescription } from '@/lib/platforms/instagram/meta';

const node = (extra: Record<string, unknown> = {}) => ({
  code: 'C8jKl1MnO3p',
  pk: '3600000000000015838',
  id: '3600000000000015838_48211735902',
  taken_at: 1748520000,
  media_type: 1,
  product_type: 'feed',
  like_count: 734,
  comment_count: 41,
  like_and_view_counts_disabled: false,
  timeline_pinned_user_ids: [],
  user: { pk: '48211735902', username: 'kofeynya_utro', full_name: 'Кофейня' },
  caption: { text: 'Новый раф' },
  ...extra,
});

describe('media in every shape Instagram used', () => {
  it('2023-2025 GraphQL timeline (xdt_api__v1__feed__user_timeline_graphql_connection)', () => {
    const data = extractIgData({ data: { xdt_api__v1__feed__user_timeline_graphql_connection: { edges: [{ node: node() }] } } });
    expect(data.media).toEqual([
      {
        code: 'C8jKl1MnO3p',
        pk: '3600000000000015838',
        owner: 'kofeynya_utro',
        ownerPk: '48211735902',
        ownerName: 'Кофейня',
        takenAt: 1748520000,
        kind: 'photo',
        likes: 734,
        comments: 41,
        views: [],
        hidden: false,
        pinnedTimeline: [],
        pinnedClips: null,
        ad: false,
        caption: 'Новый раф',
        sample: [],
      },
    ]);
  });

  it('reels (clips connection: node.media), with play counts most likely shown first', () => {
    const data = extractIgData({
      data: {
        xdt_api__v1__clips__user__connection_v2: {
          edges: [
            {
              node: {
                media: node({
                  media_type: 2,
                  product_type: 'clips',
                  play_count: 48213,
                  ig_play_count: 45002,
                  clips_tab_pinned_user_ids: [48211735902],
                }),
              },
            },
          ],
        },
      },
    });
    expect(data.media[0]).toMatchObject({ kind: 'reel', views: [48213, 45002], pinnedClips: ['48211735902'] });
  });

  it('2021 _sharedData / web_profile_info: user with edge counts and GraphSidecar posts', () => {
    const data = extractIgData({
      graphql: {
        user: {
          username: 'pluto__travel',
          id: '3640900328',
          full_name: 'Pluto',
          is_private: false,
          edge_followed_by: { count: 2187 },
          edge_follow: { count: 110 },
          edge_owner_to_timeline_media: {
            count: 142,
            edges: [
              {
                node: {
                  __typename: 'GraphSidecar',
                  shortcode: 'CP5lh1YLbj4',
                  taken_at_timestamp: 1623242461,
                  edge_liked_by: { count: 16 },
                  edge_media_preview_like: { count: 16 },
                  edge_media_to_comment: { count: 1 },
                  edge_media_to_caption: { edges: [{ node: { text: 'Disappointed?' } }] },
                  owner: { id: '3640900328', username: 'pluto__travel' },
                  pinned_for_users: [{ id: '3640900328', username: 'pluto__travel' }],
                },
              },
            ],
          },
        },
      },
    });
    expect(data.users).toEqual([
      { username: 'pluto__travel', pk: '3640900328', name: 'Pluto', followers: 2187, following: 110, posts: 142, isPrivate: false },
    ]);
    expect(data.media[0]).toMatchObject({
      code: 'CP5lh1YLbj4',
      kind: 'carousel',
      likes: 16,
      comments: 1,
      takenAt: 1623242461,
      caption: 'Disappointed?',
      pinnedTimeline: ['3640900328'],
    });
  });

  it('hidden likes: the placeholder like_count (3) and the play count are never numbers', () => {
    const m = extractIgData(node({ like_and_view_counts_disabled: true, like_count: 3, play_count: 90210 })).media[0];
    expect(m).toMatchObject({ hidden: true, likes: null, views: [] });
  });

  it('-1, fractions, unsafe integers and numeric strings', () => {
    expect(extractIgData(node({ like_count: -1 })).media[0].likes).toBeNull();
    expect(extractIgData(node({ like_count: 1.5 })).media[0].likes).toBeNull();
    expect(extractIgData(node({ like_count: '812' })).media[0].likes).toBe(812);
    expect(extractIgData(node({ pk: 2 ** 63, id: undefined })).media[0].pk).toBeNull();
  });

  it('comments under a post, and feed ads', () => {
    const m = extractIgData(
      node({
        ad_id: '1203',
        preview_comments: [
          { text: 'Вкусно!', created_at: 1748530000, user: { username: 'marina.k' } },
          { text: '', user: {} },
        ],
      }),
    ).media[0];
    expect(m).toMatchObject({ ad: true, sample: [{ text: 'Вкусно!', author: 'marina.k', at: 1748530000 }] });
  });

  it('carousel children (no code) are not posts of their own', () => {
    const data = extractIgData(
      node({
        media_type: 8,
        carousel_media: [
          { pk: '1', media_type: 1 },
          { pk: '2', media_type: 1 },
        ],
      }),
    );
    expect(data.media.map((m) => [m.code, m.kind])).toEqual([['C8jKl1MnO3p', 'carousel']]);
  });

  it('survives anything: never throws, never a negative or fractional count', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const d = extractIgData(v);
        for (const m of d.media)
          for (const n of [m.likes, m.comments, ...m.views]) if (n !== null && !(Number.isSafeInteger(n) && n >= 0)) return false;
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('stops at its budget on huge input', () => {
    const big = Array.from({ length: 5000 }, (_, i) => ({ x: [{ y: i }] }));
    expect(() => extractIgData(big, 1000)).not.toThrow();
  });
});

describe('response bodies', () => {
  it('JSON, the for (;;); guard, and one JSON document per line', () => {
    expect(parseIgJson('{"a":1}')).toEqual([{ a: 1 }]);
    expect(parseIgJson('for (;;);{"a":1}')).toEqual([{ a: 1 }]);
    expect(parseIgJson('{"a":1}\r\n{"b":2}\nnot json')).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('records survive the trip over the page bridge unchanged', () => {
    const data: IgData = extractIgData({
      items: [
        node({
          media_type: 2,
          product_type: 'clips',
          play_count: 5,
          view_count: 7,
          preview_comments: [{ text: 'hi', user: { username: 'a.b' }, created_at: 1748530000 }],
        }),
      ],
      user: { username: 'x.y', follower_count: 10, media_count: 0 },
    });
    expect(cleanIgData(JSON.parse(JSON.stringify(data)))).toEqual(data);
  });

  it('what a page forges on the bridge is checked like page text', () => {
    const forged = {
      media: [
        {
          code: 'C8jKl1MnO3p',
          likes: -1,
          comments: '12',
          views: [1.5, 7, 'x'],
          kind: 'story',
          takenAt: 99,
          sample: [{ text: 'x', author: '<b>' }],
          hidden: 'yes',
        },
        { code: '../../etc', likes: 5 },
        'junk',
      ],
      users: [
        { username: 'a b', followers: 5 },
        { username: 'ok.user', followers: 2 ** 60, isPrivate: 'no' },
      ],
    };
    expect(cleanIgData(forged)).toEqual({
      media: [
        {
          code: 'C8jKl1MnO3p',
          pk: null,
          owner: null,
          ownerPk: null,
          ownerName: null,
          takenAt: null,
          kind: null,
          likes: null,
          comments: 12,
          views: [7],
          hidden: false,
          pinnedTimeline: null,
          pinnedClips: null,
          ad: false,
          caption: null,
          sample: [{ text: 'x', author: null, at: null }],
        },
      ],
      users: [{ username: 'ok.user', pk: null, name: null, followers: null, following: null, posts: null, isPrivate: null }],
    });
    expect(cleanIgData(null)).toEqual({ media: [], users: [] });
  });
});

describe('post meta descriptions', () => {
  it('English (seen 2024-12)', () => {
    expect(parsePostDescription('298K likes, 553 comments - willyrex on May 29, 2021: "Una de mis nuevas sudaderas". ')).toMatchObject({
      author: 'willyrex',
      likes: { value: 298000, low: 297500, high: 299000, exact: false },
      comments: { value: 553, exact: true },
      publishedAt: '2021-05-29T00:00:00.000Z',
      caption: 'Una de mis nuevas sudaderas',
    });
  });
  it('Russian, labels first', () => {
    expect(parsePostDescription('Отметки «Нравится»: 2 301, комментарии: 19 — kofeynya_utro, 29 мая 2025: «Новый раф»')).toMatchObject({
      author: 'kofeynya_utro',
      likes: { value: 2301, exact: true },
      comments: { value: 19, exact: true },
      publishedAt: '2025-05-29T00:00:00.000Z',
      caption: 'Новый раф',
    });
  });
  it('is not a profile description', () => {
    expect(parsePostDescription('2,362 Followers, 136 Following, 224 Posts - See Instagram photos')).toBeNull();
  });
  it('dates', () => {
    expect(parseMetaDate('on April 19, 2021')).toBe('2021-04-19T00:00:00.000Z');
    expect(parseMetaDate('Feb 30, 2021')).toBeNull();
    expect(parseMetaDate('1 июня 2025')).toBe('2025-06-01T00:00:00.000Z');
  });
});
