/**
 * The account badge beside a profile's or community's header, compact (two or three short rows):
 * ER (median, n posts) and the verdict chip; average likes and comments, growth since the previous
 * visit and over 30 days when the history has them; "Collecting history: 2 of 5 visits" while the
 * history is short. The whole badge is one button that opens the panel. Every number has its
 * formula and sample in its tooltip; unknown numbers say why.
 */
import { renderMsg } from '@/lib/metrics/text';
import type { AnalysisView } from '@/lib/overlay/types';
import { GrowthView } from '../common/GrowthView';
import { useT } from '../common/i18n';
import { MetricView } from '../common/MetricView';
import { VerdictChip } from '../common/VerdictChip';

export interface AccountBadgeProps {
  analysis: AnalysisView;
  expanded: boolean;
  onOpen: (button: HTMLButtonElement) => void;
}

export function AccountBadge({ analysis: a, expanded, onOpen }: AccountBadgeProps) {
  const t = useT();
  const e = a.engagement;
  const er = e.erMedian;
  const g = a.growth;
  const collecting = a.verdict.collecting;
  return (
    <button
      type="button"
      class="smm-ab"
      aria-haspopup="dialog"
      aria-expanded={expanded}
      data-testid="account-badge"
      onClick={(ev) => {
        ev.preventDefault();
        ev.stopPropagation();
        onOpen(ev.currentTarget);
      }}
    >
      <span class="smm-ab-row">
        <span class="smm-ab-brand">SMM Lens</span>
        <span class="smm-ab-er" data-testid="account-er">
          {t.t('overlay.account.er')} <MetricView metric={er} />
        </span>
        <span class="smm-ab-muted" data-testid="account-er-sample">
          {er.status === 'ok' ? t.tn('overlay.account.sample', er.sample?.n ?? 0) : er.missing.map((m) => renderMsg(t, m)).join('; ')}
        </span>
        <VerdictChip verdict={a.verdict} testId="account-verdict" />
      </span>
      <span class="smm-ab-row smm-ab-small">
        <span>
          {t.t('overlay.account.likes')} <MetricView metric={e.avgLikes} testId="account-avg-likes" />
        </span>
        <span>
          {t.t('overlay.account.comments')} <MetricView metric={e.avgComments} testId="account-avg-comments" />
        </span>
        <span>
          {t.t('overlay.account.sincePrevious')} <GrowthView growth={g.sincePrevious} testId="account-growth-previous" />
        </span>
        {g.last30.status === 'ok' && (
          <span>
            {t.t('overlay.account.last30')} <GrowthView growth={g.last30} testId="account-growth-30" />
          </span>
        )}
      </span>
      {collecting && (
        <span class="smm-ab-row smm-ab-small smm-ab-muted" data-testid="account-collecting">
          {renderMsg(t, collecting)}
        </span>
      )}
    </button>
  );
}
