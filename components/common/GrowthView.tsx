/**
 * Follower growth over a span, compact: "+1.0 % (+140)", with the visits used and the formula in
 * the tooltip; "unknown" with why (one visit, no visit near a date, ...). "Below display
 * precision" when abbreviated counts cannot tell the change from zero.
 */
import type { MessageKey } from '@/lib/i18n';
import { formulaMsg } from '@/lib/metrics/formulas';
import type { Direction } from '@/lib/metrics/growth';
import { renderMsg } from '@/lib/metrics/text';
import type { Metric, Msg } from '@/lib/metrics/types';
import { numParts } from './format';
import { useT } from './i18n';
import { lazyTitle } from './lazy-title';

export type GrowthLike =
  | { status: 'ok'; net: Metric; rate: Metric; from: number; to: number; days: number; direction: Direction; notes?: Msg[] }
  | { status: 'unknown'; missing: Msg[] };

export function GrowthView({ growth: g, testId, lazy }: { growth: GrowthLike; testId?: string; lazy?: boolean }) {
  const t = useT();
  const tip = (f: () => string) => (lazy ? lazyTitle(f) : { title: f() });
  if (g.status === 'unknown') {
    return (
      <span
        class="smm-metric smm-metric--unknown"
        data-testid={testId}
        {...tip(() => `${t.t('common.unknown')}\n${g.missing.map((m) => `– ${renderMsg(t, m)}`).join('\n')}`)}
      >
        <span class="smm-unknown">{t.t('common.unknown')}</span>
      </span>
    );
  }
  const rate = g.rate.status === 'ok' ? numParts(t, g.rate, 'percent', { signed: true }) : null;
  const net = g.net.status === 'ok' ? numParts(t, g.net, 'count', { signed: true }) : null;
  const unclear = g.direction === 'unclear';
  const lines = () => [
    t.t('growth.span', { d1: t.dateTime(g.from), d2: t.dateTime(g.to), days: t.number(Math.round(g.days * 10) / 10) }),
    `${t.t('growth.name.growthRate')}: ${rate ? rate.full : t.t('common.unknown')} — ${renderMsg(t, formulaMsg(g.rate))}`,
    `${t.t('growth.name.netChange')}: ${net ? net.full : t.t('common.unknown')} — ${renderMsg(t, formulaMsg(g.net))}`,
    unclear ? t.t('dash.view.belowPrecisionHint') : t.t(`growth.direction.${g.direction}` as MessageKey),
    ...(g.notes ?? []).filter((m) => !(unclear && m.key === 'growth.note.belowPrecision')).map((m) => renderMsg(t, m)),
  ];
  // A change the rounded counts cannot tell from zero is said so, never shown as growth.
  const main = unclear ? t.t('dash.view.belowPrecision') : rate ? rate.value : net?.value;
  const approx = g.net.status === 'ok' && !g.net.exact ? '≈' : '';
  return (
    <span
      class={`smm-metric smm-growth smm-growth--${g.direction}`}
      data-testid={testId}
      data-direction={g.direction}
      {...tip(() => lines().join('\n'))}
    >
      <span class={unclear ? 'smm-metric-value smm-unknown' : 'smm-metric-value'}>{main}</span>
      {!unclear && rate?.range && <span class="smm-metric-range"> ({rate.range})</span>}
      {net && (rate || unclear) && (
        <span class="smm-metric-range">
          {' '}
          [{approx}
          {net.value}]
        </span>
      )}
    </span>
  );
}
