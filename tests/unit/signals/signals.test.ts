/**
 * Scenario tests for each padding signal (SIGNALS.md) and its minimum-data state.
 */
import { describe, expect, it } from 'vitest';
import { createTranslator } from '@/lib/i18n';
import { renderMsg } from '@/lib/metrics/text';
import { evaluateSignals, peerGrowth } from '@/lib/signals';
import type { SignalId, SignalResult } from '@/lib/signals/types';
import type { AccountHistory } from '@/lib/store/records';
import { DAY, history, type PostSpec, posts, type SnapSpec, T0 } from './build';

const en = createTranslator('en');
const ru = createTranslator('ru');
const sig = (h: AccountHistory, id: SignalId, opts = {}): SignalResult =>
  evaluateSignals(h, opts).signals.find((s) => s.id === id) as SignalResult;
const text = (s: SignalResult) => s.explanations.map((m) => renderMsg(en, m)).join(' | ');
const missing = (s: SignalResult) => s.missing.map((m) => renderMsg(en, m));

/** Daily snapshots from day `from` to `to` with a follower function. */
function daily(from: number, to: number, f: (day: number) => number, extra: Partial<SnapSpec> = {}): SnapSpec[] {
  const out: SnapSpec[] = [];
  for (let d = from; d <= to; d++) out.push({ day: d, followers: Math.round(f(d)), ...extra });
  return out;
}

/** Ordinary posts: one every `every` days up to day `last`, likes around `likes` (+-20 %). */
function plainPosts(n: number, likes: number, last = 0, every = 1, extra: (i: number) => Partial<PostSpec> = () => ({})): PostSpec[] {
  const wobble = [1, 0.8, 1.15, 0.9, 1.2, 0.85, 1.05, 0.95, 1.1, 0.82, 1.18, 0.88];
  return posts(
    n,
    (i) => {
      const l = Math.round(likes * wobble[i % wobble.length]);
      return { likes: l, comments: Math.max(1, Math.round(l * 0.02)), ...extra(i) };
    },
    last,
    every,
  );
}

describe('S1: ER far from the size tier', () => {
  const base = (followers: number, likes: number, n = 12) =>
    history({ snapshots: [{ day: 12, followers }], posts: posts(n, () => ({ likes, comments: 0 }), 0) });
  it('moderate: ER below a third of B (micro, B = 1.6 %)', () => {
    const s = sig(base(20_000, 80), 'S1'); // 0.4 % < 0.533 %
    expect(s).toMatchObject({ status: 'flag', points: 2, family: 'engagement', parts: ['low'] });
    expect(text(s)).toBe('Engagement is 0.4%, about 4x below accounts of this size.');
    expect(renderMsg(ru, s.explanations[0])).toBe('Вовлечённость 0,4% — примерно в 4 раз ниже, чем у аккаунтов такого размера.');
  });
  it('strong: below a sixth (3 points)', () => {
    expect(sig(base(20_000, 40), 'S1')).toMatchObject({ status: 'flag', points: 3, parts: ['low', 'strong'] });
  });
  it('high: above 3B from 10k followers (1 point); information below 10k', () => {
    expect(sig(base(20_000, 1200), 'S1')).toMatchObject({ status: 'flag', points: 1, parts: ['high'] });
    expect(sig(base(6000, 600), 'S1')).toMatchObject({ status: 'info', points: 0, parts: ['high'] });
  });
  it('clear within the band', () => {
    expect(sig(base(20_000, 300), 'S1').status).toBe('clear');
  });
  it('minimum data: 9 posts and 5k followers', () => {
    const s = sig(base(3000, 30, 8), 'S1');
    expect(s.status).toBe('insufficient');
    expect(missing(s)).toEqual(['8 of 9 posts', '3,000 of 5,000 followers']);
  });
  it('abbreviated followers near a tier boundary: the benchmark that flags less is used', () => {
    // "10K" can be 9 500 (nano, B 3 %) or 10 999 (micro, B 1.6 %): low ER is judged against 1.6 %
    const h = history({ snapshots: [{ day: 12, followers: '10K' }], posts: posts(12, () => ({ likes: 60, comments: 0 }), 0) });
    expect(sig(h, 'S1').status).toBe('clear'); // 0.6 % is below 3/3 but not below 1.6/3
  });
});

describe('S2: follower spike', () => {
  // 60 days of +20 a day with a little noise, from 10 000
  const steady = (d: number) => 10_000 + (d + 60) * 20 + ((d * 7919) % 11) - 5;
  const spiky = (d: number) => steady(d) + (d >= -15 ? 1500 : 0);
  const posted = plainPosts(30, 300, 0, 2);

  it('flags a jump far above the usual growth, with dates and the checks made', () => {
    const h = history({ snapshots: daily(-60, 0, spiky, { posts: 100 }), posts: posted });
    const s = sig(h, 'S2');
    expect(s).toMatchObject({ status: 'flag', points: 3, family: 'growth' });
    expect(s.evidence.intervals).toEqual([{ from: T0 - 16 * DAY, to: T0 - 15 * DAY }]);
    expect(text(s)).toMatch(
      /^Followers rose by about 1,[45]\d\d between Dec 16, 2025 and Dec 17, 2025, far faster than usual, with no viral or giveaway post\.$/,
    );
    expect(s.evidence.checked.map((c) => [c.cause, c.found])).toEqual([
      ['giveawayPost', false],
      ['viralPost', false],
      ['adPost', false],
      ['shoutout', null],
    ]);
    const excess = s.evidence.numbers.find((n) => n.label.key === 'signal.num.excess');
    // 1500 bought on top of the usual 20 a day
    expect(excess?.value.value).toBeGreaterThan(1480);
    expect(excess?.value.value).toBeLessThan(1520);
  });
  it('steady growth: clear', () => {
    expect(sig(history({ snapshots: daily(-60, 0, steady), posts: posted }), 'S2').status).toBe('clear');
  });
  it('a giveaway post at the time explains it: information, no points', () => {
    const h = history({
      snapshots: daily(-60, 0, spiky),
      posts: [...posted, { id: 'give', day: -16.5, likes: 400, comments: 300, giveaway: true }],
    });
    const s = sig(h, 'S2');
    expect(s).toMatchObject({ status: 'info', points: 0 });
    expect(s.evidence.posts).toContainEqual(expect.objectContaining({ id: 'give', role: 'giveaway' }));
  });
  it('a viral post explains it only when it is big enough for the jump', () => {
    const big = history({ snapshots: daily(-60, 0, spiky), posts: [...posted, { id: 'vir', day: -16.5, likes: 3000, comments: 60 }] });
    expect(sig(big, 'S2').status).toBe('info');
    const small = history({
      snapshots: daily(-60, 0, (d) => steady(d) + (d >= -15 ? 5000 : 0)),
      posts: [...posted, { id: 'vir', day: -16.5, likes: 1000, comments: 20 }],
    });
    const s = sig(small, 'S2');
    expect(s.status).toBe('flag');
    expect(s.evidence.checked.find((c) => c.cause === 'viralPost')?.note.key).toBe('signal.cause.viralPost.tooSmall');
  });
  it('posts of those days not seen (the post counter says so): flagged, saying a cause cannot be ruled out', () => {
    // the counter rose by 5 between the visits around the jump, but no post of those days was seen
    const snaps = daily(-60, 0, spiky).map((s) => ({ ...s, posts: s.day < -15 ? 100 : 105 }));
    const s = sig(history({ snapshots: snaps, posts: posted.filter((p) => p.day < -25 || p.day > -10) }), 'S2');
    expect(s.status).toBe('flag');
    expect(s.explanations[0].key).toBe('signal.s2.explainUnchecked');
    expect(s.evidence.checked.find((c) => c.cause === 'giveawayPost')?.found).toBeNull();
  });
  it('the excess must reach max(1 % of F, 200)', () => {
    const h = history({ snapshots: daily(-60, 0, (d) => steady(d) + (d >= -15 ? 150 : 0)), posts: posted });
    expect(sig(h, 'S2').status).toBe('clear');
  });
  it('a drip-feed spread over weeks is one episode', () => {
    const drip = (d: number) => steady(d) + (d >= -30 && d < -10 ? (d + 30) * 120 : d >= -10 ? 2400 : 0);
    const s = sig(history({ snapshots: daily(-90, 0, drip), posts: posted }), 'S2');
    expect(s.status).toBe('flag');
    const [iv] = s.evidence.intervals;
    expect(iv.to - iv.from).toBeGreaterThan(10 * DAY);
  });
  it('abbreviated counts that cannot confirm a jump do not flag', () => {
    // "12K" steps of 1000 hide any wiggle; a jump of one step is within the rounding
    const snaps = daily(-40, 0, (d) => (d < -10 ? 12_000 : 13_000)).map((s) => ({
      ...s,
      followers: `${Math.round(Number(s.followers) / 1000)}K`,
    }));
    expect(sig(history({ snapshots: snaps, posts: posted }), 'S2').status).toBe('clear');
  });
  it('minimum data: "2 of 5 visits, 3 of 14 days"', () => {
    const s = sig(
      history({
        snapshots: [
          { day: 0, followers: 100 },
          { day: 3, followers: 110 },
        ],
      }),
      'S2',
    );
    expect(s.status).toBe('insufficient');
    expect(missing(s)).toEqual(['2 of 5 visits', '3 of 14 days']);
    expect(s.missing.map((m) => renderMsg(ru, m))).toEqual(['визитов 2 из 5', 'дней 3 из 14']);
    const r = evaluateSignals(
      history({
        snapshots: [
          { day: 0, followers: 100 },
          { day: 3, followers: 110 },
        ],
      }),
    );
    expect(r.verdict.collecting && renderMsg(en, r.verdict.collecting)).toBe('Collecting history: 2 of 5 visits, 3 of 14 days');
  });
  it('visits hours apart count as one', () => {
    const s = sig(history({ snapshots: [0, 0.1, 0.2, 0.3, 0.4, 20].map((d) => ({ day: d, followers: 100 })) }), 'S2');
    expect(missing(s)).toEqual(['2 of 5 visits']);
  });
});

describe('S3: drop after a spike', () => {
  const steady = (d: number) => 10_000 + (d + 90) * 20 + ((d * 7919) % 11) - 5;
  const posted = plainPosts(40, 300, 0, 2);
  it('flags when 20 % or more of the jump is lost within 30 days', () => {
    const f = (d: number) => steady(d) + (d >= -50 ? 2000 : 0) - (d >= -40 ? 1000 : 0);
    const s = sig(history({ snapshots: daily(-90, 0, f), posts: posted }), 'S3');
    expect(s).toMatchObject({ status: 'flag', points: 2, family: 'growth' });
    expect(text(s)).toMatch(/^About \d\d% of that jump vanished within 10 days, as often happens when bought followers are removed\.$/);
    expect(s.evidence.checked[0]).toMatchObject({ cause: 'platformPurge', found: null });
  });
  it('a platform-wide purge on the same dates is subtracted', () => {
    const f = (d: number) => steady(d) + (d >= -50 ? 2000 : 0) - (d >= -40 ? 1000 : 0);
    const h = history({ snapshots: daily(-90, 0, f), posts: posted });
    // three other accounts lost about 8 % on the same day
    const peers = [1, 2, 3].map((k) => {
      const p = history({ snapshots: daily(-90, 0, (d) => 20_000 * k * (d >= -40 ? 0.92 : 1)) });
      p.key = `instagram:peer${k}`;
      return p;
    });
    const s = sig(h, 'S3', { peers: peerGrowth([h, ...peers], 'instagram') });
    expect(s.status).toBe('clear');
    expect(s.evidence.checked[0]).toMatchObject({ cause: 'platformPurge', found: true });
  });
  it('kept followers: clear after 30 days', () => {
    const f = (d: number) => steady(d) + (d >= -50 ? 2000 : 0);
    expect(sig(history({ snapshots: daily(-90, 0, f), posts: posted }), 'S3').status).toBe('clear');
  });
  it('minimum data: days after the jump', () => {
    const f = (d: number) => steady(d) + (d >= -5 ? 2000 : 0);
    const s = sig(history({ snapshots: daily(-90, 0, f), posts: posted }), 'S3');
    expect(s.status).toBe('insufficient');
    expect(missing(s)).toEqual(['5 of 30 days after the jump']);
  });
  it('no jump: nothing to follow', () => {
    expect(sig(history({ snapshots: daily(-90, 0, steady), posts: posted }), 'S3')).toMatchObject({ status: 'clear', parts: ['noJump'] });
  });
});

describe('S4: followers grow, likes do not', () => {
  const grow = (d: number) => 10_000 + (d + 90) * 50; // +45 % over 90 days
  it('flags +30 % followers with flat typical likes', () => {
    const s = sig(history({ snapshots: daily(-90, 0, grow), posts: plainPosts(45, 300, 0, 2) }), 'S4');
    expect(s).toMatchObject({ status: 'flag', points: 3, family: 'growth' });
    expect(text(s)).toBe('Followers grew 45% but typical likes per post did not.'); // 10 000 -> 14 500
  });
  it('likes growing with followers: clear', () => {
    const ps = plainPosts(45, 300, 0, 2).map((p) => ({ ...p, likes: Math.round(Number(p.likes) * (1 + (p.day + 90) / 150)) }));
    expect(sig(history({ snapshots: daily(-90, 0, grow), posts: ps }), 'S4').status).toBe('clear');
  });
  it('a giveaway in the window: information', () => {
    const ps = [...plainPosts(45, 300, 0, 2), { id: 'g', day: -45.5, likes: 300, comments: 200, giveaway: true }];
    expect(sig(history({ snapshots: daily(-90, 0, grow), posts: ps }), 'S4').status).toBe('info');
  });
  it('minimum data: 60 days, 6 posts in the first and last 30 days', () => {
    const s = sig(history({ snapshots: daily(-40, 0, grow), posts: plainPosts(8, 300, 0, 2) }), 'S4');
    expect(s.status).toBe('insufficient');
    // window [-40, 0]: the first 30 days [-40, -10] hold the posts of days -14, -12 and -10
    expect(missing(s)).toEqual(['40 of 60 days', '3 of 6 posts in the first 30 days']);
  });
});

describe('S5: comments per 100 likes', () => {
  const h = (comments: (i: number) => number, extra: (i: number) => Partial<PostSpec> = () => ({}), followers = 20_000) =>
    history({ snapshots: [{ day: 12, followers }], posts: posts(12, (i) => ({ likes: 1000, comments: comments(i), ...extra(i) }), 0) });
  it('too few comments for the likes (bought likes)', () => {
    const s = sig(
      h(() => 3),
      'S5',
    ); // 0.3 per 100 likes
    expect(s).toMatchObject({ status: 'flag', points: 2, parts: ['low'] });
    expect(text(s)).toBe('0.3 comments per 100 likes; 0.5-5 is typical.');
    expect(renderMsg(ru, s.explanations[0])).toBe('0,3 комментариев на 100 лайков; обычно 0,5–5.');
  });
  it('too many comments for the likes', () => {
    expect(
      sig(
        h(() => 80),
        'S5',
      ),
    ).toMatchObject({ status: 'flag', parts: ['high'] });
  });
  it('fewer than 60 % of posts outside: clear', () => {
    expect(
      sig(
        h((i) => (i < 7 ? 20 : 3)),
        'S5',
      ).status,
    ).toBe('clear');
  });
  it('comments turned off (0 everywhere): information', () => {
    expect(
      sig(
        h(() => 0),
        'S5',
      ),
    ).toMatchObject({ status: 'info', points: 0 });
  });
  it('giveaway posts (comment to win) are left out, and named', () => {
    const s = sig(
      h(
        (i) => (i < 3 ? 900 : 20),
        (i) => ({ giveaway: i < 3 }),
      ),
      'S5',
    );
    expect(s.status).toBe('clear'); // the 9 other posts have 2 comments per 100 likes
    expect(s.evidence.checked.find((c) => c.cause === 'commentGiveaway')).toMatchObject({ found: true, postIds: ['p0', 'p1', 'p2'] });
    const few = sig(
      h(
        (i) => (i < 4 ? 900 : 20),
        (i) => ({ giveaway: i < 4 }),
      ),
      'S5',
    );
    expect(missing(few)).toEqual(['8 of 9 posts']);
  });
  it('minimum data: 9 posts, 5k followers', () => {
    expect(
      missing(
        sig(
          h(
            () => 3,
            () => ({}),
            4000,
          ),
          'S5',
        ),
      ),
    ).toEqual(['4,000 of 5,000 followers']);
  });
});

describe('S6: likes too uniform, or one post jumps alone', () => {
  const mk = (likes: (i: number) => number, comments: (i: number) => number) =>
    history({ snapshots: [{ day: 12, followers: 50_000 }], posts: posts(12, (i) => ({ likes: likes(i), comments: comments(i) }), 0) });
  it('uniform likes: 1 point', () => {
    const s = sig(
      mk(
        (i) => 500 + (i % 3),
        () => 10,
      ),
      'S6',
    );
    expect(s).toMatchObject({ status: 'flag', points: 1, parts: ['uniform'] });
  });
  it('one post jumps without the comments that come with likes: 2 points', () => {
    const s = sig(
      mk(
        (i) => (i === 4 ? 5000 : [300, 450, 380, 520, 0, 410, 600, 350, 480, 390, 560, 330][i]),
        (i) => (i === 4 ? 10 : 10),
      ),
      'S6',
    );
    expect(s).toMatchObject({ status: 'flag', points: 2, parts: ['jump'] });
    expect(s.evidence.posts).toEqual([expect.objectContaining({ id: 'p4', role: 'jump' })]);
  });
  it('a viral post that brings comments along: clear', () => {
    const likes = (i: number) => (i === 4 ? 5000 : [300, 450, 380, 520, 0, 410, 600, 350, 480, 390, 560, 330][i]);
    expect(
      sig(
        mk(likes, (i) => Math.round(likes(i) * 0.03)),
        'S6',
      ).status,
    ).toBe('clear');
  });
  it('minimum data: 12 posts', () => {
    const h = history({ snapshots: [{ day: 12, followers: 50_000 }], posts: posts(11, () => ({ likes: 500, comments: 10 }), 0) });
    expect(missing(sig(h, 'S6'))).toEqual(['11 of 12 posts']);
  });
});

describe('S7: views per like', () => {
  const mk = (platform: 'vk' | 'instagram', vpl: number) =>
    history({
      platform,
      snapshots: [{ day: 12, followers: 50_000 }],
      posts: posts(12, () => ({ likes: 1000, comments: 20, shares: 5, views: 1000 * vpl, kind: 'reel' }), 0),
    });
  it('likes without views (fewer than 2 views per like): 2 points', () => {
    const s = sig(mk('vk', 1.5), 'S7');
    expect(s).toMatchObject({ status: 'flag', points: 2, parts: ['low'] });
    expect(text(s)).toBe('1.5 views per like; fewer than 2 is rare.');
    expect(text(sig(mk('instagram', 1.5), 'S7'))).toBe('1.5 views per like; 2-10 is typical.');
  });
  it('many views per like: information on Instagram, normal on VK', () => {
    expect(sig(mk('instagram', 30), 'S7')).toMatchObject({ status: 'info', points: 0, parts: ['high'] });
    expect(sig(mk('vk', 30), 'S7').status).toBe('clear');
  });
  it('minimum data: 9 posts with views', () => {
    const h = history({ snapshots: [{ day: 12, followers: 50_000 }], posts: posts(12, () => ({ likes: 1000, comments: 20 }), 0) });
    expect(missing(sig(h, 'S7'))).toEqual(['0 of 9 posts with views']);
  });
});

describe('S8: mass following', () => {
  it('following 1500+ and more than followers: information', () => {
    const s = sig(history({ snapshots: [{ day: 0, followers: 1200, following: 2500 }] }), 'S8');
    expect(s).toMatchObject({ status: 'info', points: 0, parts: ['mass'] });
  });
  it('a swing of 500+ within 14 days: 1 point', () => {
    const s = sig(
      history({
        snapshots: [
          { day: 0, followers: 9000, following: 300 },
          { day: 10, followers: 9100, following: 1100 },
        ],
      }),
      'S8',
    );
    expect(s).toMatchObject({ status: 'flag', points: 1, parts: ['swing'] });
    expect(text(s)).toBe('Following changed by about 800 between Jan 1, 2026 and Jan 11, 2026.');
  });
  it('the same change over 30 days: clear', () => {
    expect(
      sig(
        history({
          snapshots: [
            { day: 0, followers: 9000, following: 300 },
            { day: 30, followers: 9100, following: 1100 },
          ],
        }),
        'S8',
      ).status,
    ).toBe('clear');
  });
  it('following not shown (VK communities): insufficient', () => {
    expect(sig(history({ platform: 'vk', snapshots: [{ day: 0, followers: 9000 }] }), 'S8').status).toBe('insufficient');
  });
});

describe('S9: low-quality comments', () => {
  const organic = (i: number, k: number) => `Подскажите, пожалуйста, сколько стоит доставка в Казань на ${i * 10 + k} человек?`;
  const mk = (perPost: (i: number) => Array<{ text: string; author: string }>, extra: (i: number) => Partial<PostSpec> = () => ({})) =>
    history({
      snapshots: [{ day: 12, followers: 20_000 }],
      posts: posts(6, (i) => ({ likes: 500, comments: 10, comments_: perPost(i), ...extra(i) }), 0),
    });
  it('half or more generic, emoji-only or repeated: 2 points, with examples', () => {
    const s = sig(
      mk((i) => [
        ...['Класс!', '🔥🔥🔥', 'Супер', 'Nice pic'].map((text, k) => ({ text, author: `fan${i}_${k}` })),
        ...[0, 1, 2].map((k) => ({ text: organic(i, k), author: `person${i}_${k}` })),
      ]),
      'S9',
    );
    expect(s).toMatchObject({ status: 'flag', points: 2, family: 'comments', parts: ['share'] });
    expect(text(s)).toBe('57% of visible comments are generic, emoji-only or repeated.');
    expect(s.evidence.comments.length).toBe(3);
    expect(new Set(s.evidence.comments.map((c) => c.postId)).size).toBe(3);
  });
  it('the same commenters in the same order on two posts: +1', () => {
    const s = sig(
      mk((i) => [
        ...['Класс!', 'Супер', 'Nice pic', '👍'].map((text, k) => ({ text, author: `bot${k}` })),
        ...[0, 1, 2].map((k) => ({ text: organic(i, k), author: `person${i}_${k}` })),
      ]),
      'S9',
    );
    expect(s).toMatchObject({ status: 'flag', points: 3, parts: ['share', 'order'] });
  });
  it('30-50 %: information', () => {
    const s = sig(
      mk((i) => [
        ...['Класс!', 'Супер'].map((text, k) => ({ text, author: `fan${i}_${k}` })),
        ...[0, 1, 2, 3].map((k) => ({ text: organic(i, k), author: `person${i}_${k}` })),
      ]),
      'S9',
    );
    expect(s).toMatchObject({ status: 'info', points: 0 });
  });
  it('fans writing emoji: information', () => {
    const s = sig(
      mk((i) => [
        ...['😍😍', '❤️', '🔥', '😂😂'].map((text, k) => ({ text, author: `fan${i}_${k}` })),
        ...[0, 1].map((k) => ({ text: organic(i, k), author: `person${i}_${k}` })),
      ]),
      'S9',
    );
    expect(s.status).toBe('info');
    expect(s.evidence.checked.find((c) => c.cause === 'fanCulture')?.found).toBe(true);
  });
  it('comments under giveaway posts and the owner’s replies are left out', () => {
    const s = sig(
      mk(
        (i) =>
          i < 2
            ? Array.from({ length: 20 }, (_, k) => ({ text: '@friend1 @friend2', author: `entrant${i}_${k}` }))
            : [
                ...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => ({ text: organic(i, k), author: `person${i}_${k}` })),
                { text: 'Спасибо!', author: 'owner' },
              ],
        (i) => ({ giveaway: i < 2 }),
      ),
      'S9',
    );
    expect(s.status).toBe('insufficient'); // 32 comments but only 4 posts once giveaways are left out
    expect(missing(s)).toEqual(['4 of 5 posts with comments']);
  });
  it('minimum data: 30 comments on 5 posts', () => {
    const s = sig(
      mk((i) => [{ text: organic(i, 0), author: `p${i}` }]),
      'S9',
    );
    expect(missing(s)).toEqual(['6 of 30 comments']);
  });
});

describe('signals for a period (contractor audit)', () => {
  const steady = (d: number) => 10_000 + (d + 90) * 20 + ((d * 7919) % 11) - 5;
  const f = (d: number) => steady(d) + (d >= -60 ? 2000 : 0);
  const h = history({ snapshots: daily(-90, 0, f), posts: plainPosts(45, 300, 0, 2) });
  it('a spike inside the period is reported; outside it is not', () => {
    expect(sig(h, 'S2', { period: { from: T0 - 70 * DAY, to: T0 - 40 * DAY } }).status).toBe('flag');
    expect(sig(h, 'S2', { period: { from: T0 - 30 * DAY, to: T0 } }).status).toBe('clear');
  });
});
