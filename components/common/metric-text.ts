/**
 * The text of a metric's tooltip (value, interval, formula with n, what was left out, notes, or
 * why it is unknown), apart from the MetricView component so that code without Preact (the
 * overlay's post badges, lib/overlay) can use it too.
 */
import type { MessageKey, Translator } from '@/lib/i18n';
import { formulaMsg, nameMsg } from '@/lib/metrics/formulas';
import { renderMsg } from '@/lib/metrics/text';
import type { Exclusions, Metric } from '@/lib/metrics/types';
import { type FormatOptions, numParts } from './format';

const EXCLUSION_ORDER: (keyof Exclusions)[] = [
  'pinned',
  'ad',
  'likesHidden',
  'tooNew',
  'ageUnknown',
  'countUnknown',
  'older',
  'outsidePeriod',
  'notSeenYet',
];

/** "left out: pinned 1, ads 2" for a sample, or null. */
export function leftOutText(t: Translator, m: Metric): string | null {
  const ex = m.sample?.excluded;
  if (!ex) return null;
  const parts = EXCLUSION_ORDER.filter((k) => ex[k] > 0).map((k) =>
    t.t('dash.view.excludedItem', { what: t.t(`metric.excluded.${k}` as MessageKey), n: t.number(ex[k]) }),
  );
  return parts.length ? t.t('dash.view.leftOut', { list: parts.join(', ') }) : null;
}

/** Everything the tooltip says: value and interval, formula with n, what was left out, notes, or why unknown. */
export function metricTitle(t: Translator, m: Metric, o: FormatOptions = {}, label?: string): string {
  const name = label ?? renderMsg(t, nameMsg(m));
  const lines: string[] = [];
  if (m.status === 'ok') {
    const p = numParts(t, m, m.unit, o);
    lines.push(`${name}: ${p.value}`);
    if (p.range) lines.push(t.t('dash.view.between', { range: p.range }));
  } else {
    lines.push(`${name}: ${t.t('common.unknown')}`);
    for (const x of m.missing) lines.push(`– ${renderMsg(t, x)}`);
  }
  lines.push(t.t('dash.view.formula', { formula: renderMsg(t, formulaMsg(m)) }));
  const left = leftOutText(t, m);
  if (left) lines.push(left);
  for (const n of m.notes ?? []) lines.push(renderMsg(t, n));
  return lines.join('\n');
}
