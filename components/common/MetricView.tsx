/**
 * One number as the product shows it: the value with its interval ("2.4 % (2.3–2.5)"), or
 * "unknown" with what is missing, and always how it was computed (the formula with its sample
 * size n). Shared by the dashboard, the popup and the overlay.
 *
 * - variant "cell": the value only; the formula, sample and interval in its tooltip (tables: the
 *   table's legend says the same in text, for keyboards and print);
 * - variant "line": name, value, and the formula, sample and notes as lines under it (detail
 *   views, printed reports).
 */
import { formulaMsg, nameMsg } from '@/lib/metrics/formulas';
import { renderMsg } from '@/lib/metrics/text';
import type { Metric } from '@/lib/metrics/types';
import { type FormatOptions, numParts } from './format';
import { useT } from './i18n';
import { lazyTitle } from './lazy-title';
import { leftOutText, metricTitle } from './metric-text';

export interface MetricViewProps extends FormatOptions {
  metric: Metric;
  variant?: 'cell' | 'line';
  /** shown instead of the metric's own name (variant "line") */
  label?: string;
  /** hide the formula line (when the surrounding text already says it) */
  noFormula?: boolean;
  /** compute the tooltip when the pointer reaches it (long tables) */
  lazy?: boolean;
  testId?: string;
}

export { leftOutText, metricTitle };

export function MetricView({ metric: m, variant = 'cell', label, noFormula, lazy, testId, ...o }: MetricViewProps) {
  const t = useT();
  const value =
    m.status === 'ok' ? (
      (() => {
        const p = numParts(t, m, m.unit, o);
        return (
          <span class="smm-metric-value" data-value={m.value}>
            {p.value}
            {p.range && <span class="smm-metric-range"> ({p.range})</span>}
          </span>
        );
      })()
    ) : (
      <span class="smm-metric-value smm-unknown">{t.t('common.unknown')}</span>
    );
  if (variant === 'cell') {
    const tip = lazy ? lazyTitle(() => metricTitle(t, m, o, label)) : { title: metricTitle(t, m, o, label) };
    return (
      <span class={`smm-metric smm-metric--${m.status}`} data-testid={testId} {...tip}>
        {value}
      </span>
    );
  }
  const left = leftOutText(t, m);
  return (
    <div class={`smm-metric-line smm-metric--${m.status}`} data-testid={testId} data-formula={m.formula}>
      <div class="smm-metric-head">
        <span class="smm-metric-name">{label ?? renderMsg(t, nameMsg(m))}</span>
        {value}
      </div>
      {m.status === 'unknown' && (
        <p class="smm-metric-missing">
          {t.t('dash.view.missing')} {m.missing.map((x) => renderMsg(t, x)).join('; ')}
        </p>
      )}
      {!noFormula && <p class="smm-metric-formula">{t.t('dash.view.formula', { formula: renderMsg(t, formulaMsg(m)) })}</p>}
      {left && <p class="smm-metric-sample">{left}</p>}
      {(m.notes ?? []).map((n, i) => (
        <p class="smm-metric-note" key={i}>
          {renderMsg(t, n)}
        </p>
      ))}
    </div>
  );
}
