/**
 * What a post badge says (lib/overlay/badges.ts draws it): the post's ER and its multiplier
 * against the account's typical post ("ER 2.4 % · 2.3×"), an arrow for an outlier, "Ad · not
 * counted" for ads, and why a number is unknown. The tooltip has every number with its formula,
 * sample and interval. Pure: a post's metrics and a translator in, text out.
 */
import type { MessageKey, Translator } from '@/lib/i18n/translator';
import { renderMsg } from '@/lib/metrics/text';
import type { BadgeContent } from '@/lib/overlay/badges';
import type { PostBadgeView } from '@/lib/overlay/types';
import { numParts } from '../common/format';
import { metricTitle } from '../common/metric-text';

/** "2.4 %", or "≈2.4 %" when the numbers behind it were abbreviated (the tooltip has the range). */
function short(t: Translator, m: { value: number; low: number; high: number; exact: boolean }, unit: 'percent' | 'times'): string {
  const p = numParts(t, m, unit);
  return p.range ? `≈${p.value}` : p.value;
}

const TAGGED: Partial<Record<PostBadgeView['status'], MessageKey>> = {
  pinned: 'overlay.badge.pinned',
  tooNew: 'overlay.badge.tooNew',
  older: 'overlay.badge.older',
};

export function postBadgeContent(t: Translator, post: PostBadgeView): BadgeContent {
  const statusLine = t.t(`metric.postStatus.${post.status}` as MessageKey);
  const action = t.t('overlay.badge.action');
  if (post.status === 'ad') {
    return { label: t.t('overlay.badge.ad'), tip: `${statusLine}\n${action}`, state: 'ad' };
  }
  if (post.status === 'likesHidden') {
    return { label: t.t('overlay.badge.likesHidden'), tip: `${statusLine}\n${action}`, state: 'muted' };
  }
  const tips: string[] = [metricTitle(t, post.er)];
  let label = post.er.status === 'ok' ? t.t('overlay.badge.er', { v: short(t, post.er, 'percent') }) : t.t('overlay.badge.erUnknown');
  if (post.multiplier.status === 'ok') {
    label += ` · ${short(t, post.multiplier, 'times')}`;
    tips.push(metricTitle(t, post.multiplier));
  }
  if (post.outlier) {
    label += post.outlier === 'high' ? ' ↑' : ' ↓';
    tips.push(t.t(`metric.outlier.${post.outlier}`));
  }
  const tag = TAGGED[post.status];
  if (tag) label += ` · ${t.t(tag)}`;
  tips.push(statusLine, action);
  const state =
    post.er.status !== 'ok'
      ? 'unknown'
      : post.outlier === 'high'
        ? 'high'
        : post.outlier === 'low'
          ? 'low'
          : post.status === 'eligible'
            ? 'ok'
            : 'muted';
  return { label, tip: tips.join('\n'), state };
}

/** Why a post has no numbers yet (nothing stored for its author). */
export function unknownAuthorBadge(t: Translator): BadgeContent {
  return {
    label: t.t('overlay.badge.erUnknown'),
    tip: `${renderMsg(t, { key: 'metric.missing.followers' })}\n${t.t('overlay.badge.visitProfile')}`,
    state: 'unknown',
  };
}
