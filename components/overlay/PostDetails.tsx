/**
 * One post's numbers, for the panel a post badge opens: the post's ER and ER by views, its
 * multiplier against the account's typical post, the counts as last seen, the follower count used
 * (the snapshot nearest to the publish date), whether the post is in the account's sample and why
 * not, and the account's own ER for comparison.
 */
import type { MessageKey } from '@/lib/i18n/translator';
import type { Num } from '@/lib/metrics/num';
import type { Metric } from '@/lib/metrics/types';
import type { PostBadgeView } from '@/lib/overlay/types';
import { numParts } from '../common/format';
import { useT } from '../common/i18n';
import { MetricView } from '../common/MetricView';

export interface PostDetailsProps {
  post: PostBadgeView;
  platform: 'vk' | 'instagram';
  /** the account's headline ER */
  accountEr: Metric | null;
}

function CountLine({ label, n, testId }: { label: string; n: Num | null; testId: string }) {
  const t = useT();
  return (
    <div data-testid={testId}>
      <dt>{label}</dt>
      <dd>{n ? numParts(t, n, 'count').full : <span class="smm-unknown">{t.t('common.unknown')}</span>}</dd>
    </div>
  );
}

export function PostDetails({ post: p, platform, accountEr }: PostDetailsProps) {
  const t = useT();
  return (
    <div class="smm-details">
      <p class={`smm-post-status smm-post-status--${p.status}`} data-testid="post-status">
        {t.t(`metric.postStatus.${p.status}` as MessageKey)}
      </p>
      {p.outlier && (
        <p class={`smm-outlier smm-outlier--${p.outlier}`} data-testid="post-outlier">
          {p.outlier === 'high' ? '↑ ' : '↓ '}
          {t.t(`metric.outlier.${p.outlier}`)}
        </p>
      )}
      {p.status !== 'ad' && (
        <>
          <MetricView metric={p.er} variant="line" testId="post-er" />
          <MetricView metric={p.multiplier} variant="line" testId="post-multiplier" />
          <MetricView metric={p.erView} variant="line" testId="post-er-view" />
          {accountEr && <MetricView metric={accountEr} variant="line" label={t.t('overlay.post.accountEr')} testId="post-account-er" />}
        </>
      )}
      <dl class="smm-counts-list">
        <CountLine label={t.t('overlay.post.likes')} n={p.likes} testId="post-likes" />
        <CountLine label={t.t('overlay.post.comments')} n={p.comments} testId="post-comments" />
        {/* Instagram shows no repost counts: no line rather than "unknown" on every post */}
        {(platform === 'vk' || p.shares) && <CountLine label={t.t('overlay.post.shares')} n={p.shares} testId="post-shares" />}
        <CountLine label={t.t('overlay.post.views')} n={p.views} testId="post-views" />
        <CountLine label={t.t('overlay.post.followers')} n={p.followers} testId="post-followers" />
      </dl>
      <p class="smm-muted smm-footnote">
        {p.observedAt !== null && t.t('overlay.post.seen', { when: t.dateTime(p.observedAt) })}
        {p.followersAt !== null && ` ${t.t('overlay.post.followersAt', { when: t.date(p.followersAt) })}`}
      </p>
      <p>
        <a href={p.url} target="_blank" rel="noreferrer noopener">
          {t.t('overlay.post.open')}
        </a>
      </p>
    </div>
  );
}
