/**
 * One account's numbers in full, for the overlay's panel and the popup: the verdict with each
 * flag's explanation and evidence, every ER variant with its formula and sample, growth since the
 * previous visit, over 7 and 30 days and the whole history (per day, week and 30 days, rate), the
 * follower chart with the band of abbreviated counts and the flagged intervals, and where the
 * numbers came from. Built from the shared views in components/common.
 */
import type { MessageKey } from '@/lib/i18n/translator';
import type { Growth } from '@/lib/metrics/growth';
import { renderMsg } from '@/lib/metrics/text';
import type { Metric } from '@/lib/metrics/types';
import type { AnalysisView } from '@/lib/overlay/types';
import { GrowthView } from '../common/GrowthView';
import { useT } from '../common/i18n';
import { LineChart } from '../common/LineChart';
import { MetricView } from '../common/MetricView';
import { SignalList } from '../common/SignalList';
import { VerdictChip } from '../common/VerdictChip';

export interface AccountDetailsProps {
  analysis: AnalysisView;
  /** heading level of the sections (the panel: 3; the popup: 2) */
  level?: 2 | 3;
  /** chart height in the SVG's units (its width is 760) */
  chartHeight?: number;
}

type Section = 'verdict' | 'engagement' | 'growth' | 'chart' | 'data';

function Heading({ level, section }: { level: 2 | 3; section: Section }) {
  const t = useT();
  const H = `h${level}` as 'h3';
  return <H class="smm-section-title">{t.t(`overlay.section.${section}` as MessageKey)}</H>;
}

const SPANS = ['sincePrevious', 'last7', 'last30', 'overall'] as const;

/** The span whose per-day, per-week and per-30-days figures are shown: the last 30 days, else the whole history. */
function rateSpan(a: AnalysisView): { key: 'last30' | 'overall'; growth: Growth } {
  return a.growth.last30.status === 'ok' ? { key: 'last30', growth: a.growth.last30 } : { key: 'overall', growth: a.growth.overall };
}

export function AccountDetails({ analysis: a, level = 3, chartHeight = 220 }: AccountDetailsProps) {
  const t = useT();
  const e = a.engagement;
  const metrics: Metric[] = [
    e.erMedian,
    e.erMean,
    e.erView,
    e.erDay,
    e.loveRate,
    e.talkRate,
    ...(a.platform === 'vk' || e.amplification.status === 'ok' ? [e.amplification] : []),
    e.commentsPer100Likes,
    e.viewsPerLike,
    e.avgLikes,
    e.avgComments,
    e.avgReactions,
    e.medianReactions,
  ];
  const span = rateSpan(a);
  const g = span.growth;
  const flaggedLabel = (id: string) => {
    const s = a.signals.find((x) => x.id === id);
    return s ? `${id} ${renderMsg(t, s.title)}` : id;
  };
  const d = a.data;
  const tier = a.tier;
  return (
    <div class="smm-details">
      <section class="smm-section" data-section="verdict">
        <Heading level={level} section="verdict" />
        <p class="smm-verdict-line">
          <VerdictChip verdict={a.verdict} full testId="details-verdict" />
        </p>
        {a.verdict.collecting && (
          <p class="smm-muted" data-testid="details-collecting">
            {renderMsg(t, a.verdict.collecting)}
          </p>
        )}
        <SignalList signals={a.signals} level={level === 2 ? 3 : 4} testId="details-signals" />
        <p class="smm-muted smm-footnote">{renderMsg(t, a.verdict.footer)}</p>
      </section>

      <section class="smm-section" data-section="engagement">
        <Heading level={level} section="engagement" />
        {metrics.map((m) => (
          <MetricView metric={m} variant="line" key={m.formula} testId={`metric-${m.formula}`} />
        ))}
        {tier.benchmark !== null && (
          <p class="smm-muted smm-footnote" data-testid="details-benchmark">
            {t.t(`metric.tier.${tier.tier}` as MessageKey)}: {t.t('metric.benchmark.prior', { b: t.number(tier.benchmark) })} (
            {renderMsg(t, tier.source)})
          </p>
        )}
      </section>

      <section class="smm-section" data-section="growth">
        <Heading level={level} section="growth" />
        <table class="smm-growth-table">
          <tbody>
            {SPANS.map((k) => (
              <tr key={k}>
                <th scope="row">{t.t(`overlay.growth.${k}` as MessageKey)}</th>
                <td class="num">
                  <GrowthView growth={a.growth[k]} testId={`growth-${k}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {g.status === 'ok' ? (
          <div class="smm-rates" data-testid="growth-rates">
            <p class="smm-muted">
              {t.t(`overlay.growth.ratesOf.${span.key}` as MessageKey)}:{' '}
              {t.t('growth.span', { d1: t.date(g.from), d2: t.date(g.to), days: t.number(Math.round(g.days * 10) / 10) })}
            </p>
            {[g.perDay, g.perWeek, g.per30Days, g.rate, g.ratePer30Days].map((m) => (
              <MetricView metric={m} variant="line" key={m.formula} signed testId={`growth-${m.formula}`} />
            ))}
            {g.notes.map((n, i) => (
              <p class="smm-muted smm-footnote" key={i}>
                {renderMsg(t, n)}
              </p>
            ))}
          </div>
        ) : (
          <p class="smm-muted" data-testid="growth-rates-missing">
            {g.missing.map((m) => renderMsg(t, m)).join('; ')}
          </p>
        )}
      </section>

      <section class="smm-section" data-section="chart">
        <Heading level={level} section="chart" />
        <LineChart
          title={t.t('overlay.chart.title')}
          unit="count"
          height={chartHeight}
          series={[{ key: a.key, label: t.t('count.followers'), points: a.growth.series }]}
          shaded={a.growth.flagged.map((f) => ({ from: f.from, to: f.to, label: flaggedLabel(f.signal) }))}
          description={a.growth.series.some((p) => p.low !== p.high) ? t.t('overlay.chart.band') : undefined}
          testId="details-chart"
        />
      </section>

      <section class="smm-section" data-section="data">
        <Heading level={level} section="data" />
        <ul class="smm-data-list" data-testid="details-data">
          <li>
            {d.followersExact === null
              ? t.t('overlay.data.followersUnknown')
              : d.followersExact
                ? t.t('overlay.data.followersExact')
                : t.t('overlay.data.followersApprox')}
          </li>
          {d.approxLikesShare !== null && d.approxLikesShare > 0 && (
            <li>{t.t('overlay.data.approxLikes', { p: t.number(Math.round(d.approxLikesShare * 100)) })}</li>
          )}
          {d.postsWithHiddenLikes > 0 && <li>{t.t('overlay.data.hiddenLikes', { n: t.number(d.postsWithHiddenLikes) })}</li>}
          {d.ads > 0 && <li>{t.t('overlay.data.ads', { n: t.number(d.ads) })}</li>}
          <li>
            {t.t('overlay.data.visits', {
              n: t.number(d.snapshots),
              days: t.number(d.visitDays),
              first: t.date(d.firstSeen),
            })}
          </li>
          {d.longestGapDays >= 2 && <li>{t.t('overlay.data.gap', { n: t.number(Math.round(d.longestGapDays)) })}</li>}
          <li>{t.t('overlay.data.posts', { n: t.number(d.postsSeen) })}</li>
          <li data-testid="details-last-seen">{t.t('overlay.data.lastSeen', { when: t.dateTime(d.lastSeen) })}</li>
        </ul>
      </section>
    </div>
  );
}
