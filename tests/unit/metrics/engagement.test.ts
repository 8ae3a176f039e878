import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engagement, postMetrics } from '@/lib/metrics/engagement';
import { isKnown, type Metric } from '@/lib/metrics/types';
import type { AccountHistory } from '@/lib/store/records';
import { DAY, HOUR, history, type PostSpec, posts, T0 } from '../signals/build';

const val = (m: Metric) => {
  if (!isKnown(m)) throw new Error(`unknown: ${JSON.stringify(m.missing)}`);
  return m.value;
};
const missingKeys = (m: Metric) => (m.status === 'unknown' ? m.missing.map((x) => x.key) : []);

// Five Instagram posts, followers 2000 throughout (exact).
//   likes     100  50  80  20  60
//   comments   10   5   0   2   6
//   L+C       110  55  80  22  66  -> ER % 5.5 2.75 4 1.1 3.3
const five: PostSpec[] = [
  { day: 0, likes: 100, comments: 10 },
  { day: -1, likes: 50, comments: 5 },
  { day: -2, likes: 80, comments: 0 },
  { day: -3, likes: 20, comments: 2 },
  { day: -4, likes: 60, comments: 6 },
].map((p, i) => ({ ...p, id: `p${i}` }));
const igFive = history({
  snapshots: [
    { day: -20, followers: 2000 },
    { day: 3, followers: 2000 },
  ],
  posts: five,
});

describe('engagement: hand-computed cases', () => {
  it('ER median and mean, (L+C)/F on Instagram', () => {
    const e = engagement(igFive);
    expect(e.reactions).toBe('lc');
    expect(val(e.erMedian)).toBeCloseTo(3.3, 12);
    expect(val(e.erMean)).toBeCloseTo((5.5 + 2.75 + 4 + 1.1 + 3.3) / 5, 12);
    expect(e.erMedian.sample).toMatchObject({ n: 5, postIds: ['p0', 'p1', 'p2', 'p3', 'p4'] });
    expect(e.erMedian.status === 'ok' && e.erMedian.exact).toBe(true);
    expect(e.erMedian.formula).toBe('erMedian');
  });
  it('love rate, talk rate, comments per 100 likes, averages', () => {
    const e = engagement(igFive);
    expect(val(e.loveRate)).toBeCloseTo(3, 12); // 5 2.5 4 1 3
    expect(val(e.talkRate)).toBeCloseTo(0.25, 12); // 0.5 0.25 0 0.1 0.3
    expect(val(e.commentsPer100Likes)).toBeCloseTo(10, 12); // 10 10 0 10 10
    expect(val(e.avgLikes)).toBeCloseTo(62, 12);
    expect(val(e.avgComments)).toBeCloseTo(4.6, 12);
    expect(val(e.medianReactions)).toBe(66);
    expect(val(e.avgReactions)).toBeCloseTo(66.6, 12);
    expect(missingKeys(e.amplification)).toContain('metric.missing.noShares');
    expect(missingKeys(e.erView)).toContain('metric.missing.noViews');
  });
  it('VK: (L+C+S)/F, ERview, amplification, views per like', () => {
    const h = history({
      platform: 'vk',
      snapshots: [{ day: 5, followers: 10_000 }],
      posts: [
        { id: 'a', day: 0, likes: 100, comments: 10, shares: 5, views: 1000 },
        { id: 'b', day: -1, likes: 200, comments: 20, shares: 10, views: 2000 },
        { id: 'c', day: -2, likes: 300, comments: 30, shares: 15, views: 3000 },
      ],
    });
    const e = engagement(h);
    expect(e.reactions).toBe('lcs');
    expect(val(e.erMedian)).toBeCloseTo(2.3, 12); // 115 230 345 over 10 000
    expect(val(e.erView)).toBeCloseTo(11.5, 12);
    expect(val(e.amplification)).toBeCloseTo(0.1, 12);
    expect(val(e.viewsPerLike)).toBeCloseTo(10, 12);
  });
  it('ERday: reactions of each day over followers, averaged over days with posts', () => {
    const h = history({
      snapshots: [{ day: 3, followers: 1000 }],
      posts: [
        { id: 'a', day: 0, likes: 10, comments: 0 },
        { id: 'b', day: 0.1, likes: 20, comments: 0 },
        { id: 'c', day: -1, likes: 30, comments: 0 },
        { id: 'd', day: -2, likes: 40, comments: 0 },
      ],
    });
    expect(val(engagement(h).erDay)).toBeCloseTo((3 + 3 + 4) / 3, 12);
  });
  it('post multiplier and per-post ER', () => {
    const pm = postMetrics(igFive);
    const p0 = pm.find((p) => p.id === 'p0');
    expect(p0?.status).toBe('eligible');
    expect(p0 && val(p0.er)).toBeCloseTo(5.5, 12);
    expect(p0 && val(p0.multiplier)).toBeCloseTo(110 / 66, 12);
  });
  it('per-post ER uses the followers nearest to the publish time', () => {
    const h = history({
      snapshots: [
        { day: -30, followers: 1000 },
        { day: -1, followers: 2000 },
        { day: 3, followers: 4000 },
      ],
      posts: [
        { id: 'old', day: -25, likes: 100, comments: 0 }, // nearest: day -30 -> 1000
        { id: 'mid', day: -2, likes: 100, comments: 0 }, // nearest: day -1 -> 2000
        { id: 'new', day: 2, likes: 100, comments: 0 }, // nearest: day 3 -> 4000
      ],
    });
    const pm = Object.fromEntries(postMetrics(h).map((p) => [p.id, p]));
    expect(val(pm.old.er)).toBeCloseTo(10, 12);
    expect(val(pm.mid.er)).toBeCloseTo(5, 12);
    expect(val(pm.new.er)).toBeCloseTo(2.5, 12);
    expect(pm.old.followersAt).toBe(T0 - 30 * DAY);
  });
});

describe('engagement: edge cases give "unknown" with what is missing', () => {
  it('zero followers', () => {
    const h = history({ snapshots: [{ day: 3, followers: 0 }], posts: five });
    const e = engagement(h);
    expect(e.erMedian.status).toBe('unknown');
    expect(missingKeys(e.erMedian)).toContain('metric.missing.noFollowers');
    expect(val(e.avgLikes)).toBeCloseTo(62, 12); // follower-free numbers still work
  });
  it('follower count never seen', () => {
    const e = engagement(history({ posts: five }));
    expect(missingKeys(e.erMedian)).toContain('metric.missing.followers');
  });
  it('no posts', () => {
    const e = engagement(history({ snapshots: [{ day: 0, followers: 500 }] }));
    for (const m of [e.erMedian, e.erMean, e.erView, e.erDay, e.loveRate, e.avgLikes, e.commentsPer100Likes]) {
      expect(m.status).toBe('unknown');
      expect(missingKeys(m)).toContain('metric.missing.noPosts');
    }
  });
  it('one post is not an account ER', () => {
    const e = engagement(history({ snapshots: [{ day: 3, followers: 500 }], posts: [five[0]] }));
    expect(e.erMedian.status).toBe('unknown');
    expect(e.erMedian.status === 'unknown' && e.erMedian.missing[0]).toEqual({
      key: 'metric.missing.fewPosts',
      params: { have: { t: 'num', v: 1 }, need: { t: 'num', v: 3 } },
    });
  });
  it('hidden likes are left out, never counted as 0', () => {
    const withHidden = [...five, { id: 'h1', day: 0.5, likes: 3, comments: 1, likesHidden: true }];
    const e = engagement(history({ snapshots: [{ day: 3, followers: 2000 }], posts: withHidden }));
    expect(e.sample.excluded.likesHidden).toBe(1);
    expect(val(e.erMedian)).toBeCloseTo(3.3, 12);
    const allHidden = engagement(
      history({ snapshots: [{ day: 3, followers: 2000 }], posts: five.map((p) => ({ ...p, likesHidden: true })) }),
    );
    expect(allHidden.erMedian.status).toBe('unknown');
    expect(allHidden.sample.excluded.likesHidden).toBe(5);
  });
  it('all-abbreviated counts give an interval with hand-computed bounds', () => {
    const h = history({
      snapshots: [{ day: 3, followers: '10K' }],
      posts: [0, -1, -2].map((d, i) => ({ id: `a${i}`, day: d, likes: '1.2K', comments: 0 })),
    });
    const er = engagement(h).erMedian;
    expect(er.status).toBe('ok');
    if (er.status !== 'ok') return;
    expect(er.exact).toBe(false);
    expect(er.value).toBeCloseTo(12, 12);
    expect(er.low).toBeCloseTo((1150 / 10_999) * 100, 12);
    expect(er.high).toBeCloseTo((1299 / 9500) * 100, 12);
  });
});

describe('the sample: which posts count', () => {
  it('pinned, ads, too new and unknown likes are left out, with reasons; recent N', () => {
    const h = history({
      snapshots: [{ day: 10, followers: 1000 }],
      lastSeen: T0 + 10 * DAY,
      posts: [
        { id: 'pin', day: -40, likes: 900, comments: 1, pinned: true, seenDay: 10 },
        { id: 'ad', day: 5, likes: 900, comments: 1, ad: true, seenDay: 10 },
        { id: 'young', day: 9.8, likes: 5, comments: 1, seenDay: 10 },
        { id: 'nolikes', day: 4, likes: null, comments: 1, seenDay: 10 },
        ...posts(5, (i) => ({ id: `ok${i}`, likes: 10 * (i + 1), comments: 0, seenDay: 10 }), 3),
      ],
    });
    const e = engagement(h, { recentPosts: 3 });
    expect(e.sample.postIds).toEqual(['ok0', 'ok1', 'ok2']);
    expect(e.sample.excluded).toMatchObject({ pinned: 1, ad: 1, tooNew: 1, countUnknown: 1, older: 2 });
    const badges = Object.fromEntries(postMetrics(h, { recentPosts: 3 }).map((p) => [p.id, p.status]));
    expect(badges).toMatchObject({ pin: 'pinned', ad: 'ad', young: 'tooNew', nolikes: 'countUnknown', ok0: 'eligible', ok4: 'older' });
  });
  it('a post is a day old at the observation used, not at the time of the calculation', () => {
    const h = history({
      snapshots: [{ day: 30, followers: 1000 }],
      posts: posts(3, (i) => ({ likes: 10 + i, comments: 0, seenDay: -i + 0.5 }), 0), // each seen 12 h after publishing
    });
    expect(engagement(h).sample.excluded.tooNew).toBe(3);
  });
  it('a date without a time counts from the end of that day', () => {
    const midnight = Date.UTC(2026, 0, 1);
    const h: AccountHistory = history({ snapshots: [{ day: 3, followers: 1000 }], posts: [{ id: 'd', day: 0, likes: 10, comments: 0 }] });
    h.posts[0].publishedAt = midnight;
    h.posts[0].observations[0].at = midnight + 30 * HOUR; // 30 h after midnight, maybe 6 h after publishing
    expect(engagement(h).sample.excluded.tooNew).toBe(1);
    h.posts[0].observations[0].at = midnight + 49 * HOUR;
    expect(engagement(h).sample.excluded.tooNew).toBe(0);
  });
  it('an undated post counts once it was seen a day apart', () => {
    const seenTwice = history({
      snapshots: [{ day: 3, followers: 1000 }],
      posts: [{ id: 'u', day: 0, likes: 10, comments: 0, undated: true, earlier: [[0, 5]], seenDay: 2 }],
    });
    expect(engagement(seenTwice).sample.excluded.ageUnknown).toBe(0);
    const seenOnce = history({
      snapshots: [{ day: 3, followers: 1000 }],
      posts: [{ id: 'u', day: 0, likes: 10, comments: 0, undated: true }],
    });
    expect(engagement(seenOnce).sample.excluded.ageUnknown).toBe(1);
  });
  it('as of a date: later observations and snapshots are ignored', () => {
    const h = history({
      snapshots: [
        { day: 0, followers: 1000 },
        { day: 20, followers: 2000 },
      ],
      posts: posts(3, (i) => ({ likes: 100, comments: 0, seenDay: 20, earlier: [[5 - i, 50]] }), 0),
    });
    const now = engagement(h);
    const then = engagement(h, { asOf: T0 + 6 * DAY });
    expect(val(now.avgLikes)).toBe(100);
    expect(val(then.avgLikes)).toBe(50);
    expect(then.followers?.value).toBe(1000);
  });
  it('in a period: the posts published in it, without the recent-N cap', () => {
    const h = history({ snapshots: [{ day: 40, followers: 1000 }], posts: posts(30, (i) => ({ likes: 10 + i, comments: 0 }), 0) });
    const e = engagement(h, { period: { from: T0 - 19.5 * DAY, to: T0 - 0.5 * DAY } });
    expect(e.sample.n).toBe(19);
    expect(e.sample.excluded.outsidePeriod).toBe(11);
  });
});

// ---- properties -----------------------------------------------------------------------------

const arbPosts = fc.array(
  fc.record({
    likes: fc.integer({ min: 0, max: 100_000 }),
    comments: fc.integer({ min: 0, max: 5000 }),
    shares: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
    views: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
    day: fc.integer({ min: -60, max: 0 }),
    pinned: fc.boolean(),
  }),
  { minLength: 0, maxLength: 25 },
);

function build(
  ps: Array<{ likes: number; comments: number; shares: number | null; views: number | null; day: number; pinned: boolean }>,
  followers: number,
  order: number[] | null = null,
) {
  const specs: PostSpec[] = ps.map((p, i) => ({ ...p, id: `p${i}`, day: p.day + i * 0.001 }));
  const h = history({ platform: 'vk', snapshots: [{ day: 5, followers }], posts: specs });
  if (order) h.posts = order.map((i) => h.posts[i % h.posts.length]).filter((p, i, a) => a.indexOf(p) === i);
  return h;
}

describe('engagement: properties', () => {
  it('ER does not depend on the order of the posts', () => {
    fc.assert(
      fc.property(arbPosts, fc.integer({ min: 1, max: 1e7 }), fc.integer(), (ps, f, seed) => {
        const a = build(ps, f);
        const b = build(ps, f);
        // a random permutation of the posts
        const idx = b.posts.map((_, i) => i);
        let s = seed >>> 0;
        for (let i = idx.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) >>> 0;
          const j = s % (i + 1);
          [idx[i], idx[j]] = [idx[j], idx[i]];
        }
        b.posts = idx.map((i) => b.posts[i]);
        expect(engagement(b)).toEqual(engagement(a));
      }),
    );
  });
  it('scaling every reaction by k scales ER by k', () => {
    fc.assert(
      fc.property(arbPosts, fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 2, max: 50 }), (ps, f, k) => {
        const a = engagement(build(ps, f));
        const b = engagement(
          build(
            ps.map((p) => ({ ...p, likes: p.likes * k, comments: p.comments * k, shares: p.shares === null ? null : p.shares * k })),
            f,
          ),
        );
        expect(b.erMedian.status).toBe(a.erMedian.status);
        if (isKnown(a.erMedian) && isKnown(b.erMedian)) expect(b.erMedian.value).toBeCloseTo(a.erMedian.value * k, 6);
        if (isKnown(a.erMean) && isKnown(b.erMean)) expect(b.erMean.value).toBeCloseTo(a.erMean.value * k, 6);
      }),
    );
  });
  it('no NaN and no Infinity in any result, whatever the counts', () => {
    fc.assert(
      fc.property(arbPosts, fc.integer({ min: 0, max: 1e9 }), (ps, f) => {
        const h = build(ps, f);
        const json = JSON.stringify([engagement(h), postMetrics(h)], (_k, v) => {
          if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`non-finite ${v}`);
          return v;
        });
        expect(json).not.toContain('NaN');
      }),
    );
  });
});
