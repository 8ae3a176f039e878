/** What a post badge says, for every kind of post (components/overlay/post-badge.ts). */
import { describe, expect, it } from 'vitest';
import { postBadgeContent, unknownAuthorBadge } from '@/components/overlay/post-badge';
import { createTranslator } from '@/lib/i18n';
import type { PostMetrics } from '@/lib/metrics/engagement';
import { known, msg, unknown } from '@/lib/metrics/types';

const en = createTranslator('en');
const ru = createTranslator('ru');
const exact = (v: number) => ({ value: v, low: v, high: v, exact: true });
const sample = {
  n: 12,
  postIds: [],
  considered: 14,
  excluded: { pinned: 1, ad: 1, likesHidden: 0, tooNew: 0, ageUnknown: 0, countUnknown: 0, older: 0, outsidePeriod: 0, notSeenYet: 0 },
  from: null,
  to: null,
};

function post(over: Partial<PostMetrics> = {}): PostMetrics {
  return {
    id: 'AAAAA',
    url: 'https://www.instagram.com/p/AAAAA/',
    publishedAt: Date.UTC(2026, 9, 1),
    status: 'eligible',
    observedAt: Date.UTC(2026, 9, 3),
    likes: exact(230),
    comments: exact(10),
    shares: null,
    views: null,
    reactions: exact(240),
    followers: exact(10_000),
    followersAt: Date.UTC(2026, 9, 1),
    er: known('postEr', 'percent', exact(2.4), { reactions: 'lc' }),
    erView: unknown('postErView', 'percent', [msg('metric.missing.noViews')], { reactions: 'lc' }),
    multiplier: known('postMultiplier', 'times', exact(2.3), { reactions: 'lc', sample }),
    outlier: null,
    ...over,
  };
}

describe('post badge', () => {
  it('ER and multiplier, with both formulas and the sample in the tooltip', () => {
    const b = postBadgeContent(en, post());
    expect(b.label).toBe('ER 2.4 % · 2.3×');
    expect(b.state).toBe('ok');
    expect(b.tip).toContain('Post ER: 2.4 %');
    expect(b.tip).toContain('(likes + comments) / followers near the publish date × 100 %');
    expect(b.tip).toContain('median (likes + comments) of 12 recent posts');
    expect(b.tip).toContain('Left out: 1 pinned, 1 ads');
    expect(b.tip).toContain('Counted in the account’s ER');
  });

  it('in Russian', () => {
    const b = postBadgeContent(ru, post());
    expect(b.label).toBe('ER 2,4 % · 2,3×');
    expect(b.tip).toContain('Учтён в ER аккаунта');
    expect(b.tip).toContain('подписчики на дату публикации');
  });

  it('from abbreviated counts: marked approximate, the range in the tooltip', () => {
    const er = known('postEr', 'percent', { value: 2.4, low: 2.3, high: 2.5, exact: false }, { reactions: 'lc' });
    const b = postBadgeContent(en, post({ er }));
    expect(b.label).toBe('≈2.4 % · 2.3×'.replace('≈2.4', 'ER ≈2.4'));
    expect(b.tip).toContain('2.3–2.5');
  });

  it('an outlier is marked with an arrow (not colour alone)', () => {
    expect(postBadgeContent(en, post({ outlier: 'high' }))).toMatchObject({ label: 'ER 2.4 % · 2.3× ↑', state: 'high' });
    expect(postBadgeContent(en, post({ outlier: 'low' }))).toMatchObject({ label: 'ER 2.4 % · 2.3× ↓', state: 'low' });
    expect(postBadgeContent(en, post({ outlier: 'high' })).tip).toContain('Far above this account’s usual');
  });

  it('an ad is marked as an ad and left out', () => {
    const b = postBadgeContent(en, post({ status: 'ad', er: unknown('postEr', 'percent', [msg('metric.missing.ad')]) }));
    expect(b).toMatchObject({ label: 'Ad · not counted', state: 'ad' });
  });

  it('hidden likes: no number at all', () => {
    expect(postBadgeContent(en, post({ status: 'likesHidden' }))).toMatchObject({ label: 'Likes hidden', state: 'muted' });
  });

  it('pinned and too-new posts: their numbers, marked as not in the sample', () => {
    expect(postBadgeContent(en, post({ status: 'pinned' }))).toMatchObject({ label: 'ER 2.4 % · 2.3× · pinned', state: 'muted' });
    expect(postBadgeContent(en, post({ status: 'tooNew' })).label).toBe('ER 2.4 % · 2.3× · new');
  });

  it('unknown ER: says so and why, never a number', () => {
    const b = postBadgeContent(
      en,
      post({
        er: unknown('postEr', 'percent', [msg('metric.missing.followers')]),
        multiplier: unknown('postMultiplier', 'times', [msg('metric.missing.noPosts')]),
      }),
    );
    expect(b).toMatchObject({ label: 'ER ?', state: 'unknown' });
    expect(b.tip).toContain('Follower count not seen yet');
    expect(unknownAuthorBadge(en).tip).toContain('profile');
  });
});
