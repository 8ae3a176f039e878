/**
 * Render the engine's messages with a translator (for the UI and for tests). The engine itself
 * never formats: numbers and dates are formatted here, in the UI language.
 */
import type { Translator } from '../i18n';
import type { Num } from './num';
import type { Metric, Msg, MsgParam } from './types';

function defaultDigits(v: number): number {
  if (Number.isInteger(v)) return 0;
  const a = Math.abs(v);
  return a < 1 ? 2 : a < 100 ? 1 : 0;
}

/** "2.4" when exact, "2.4 (2.3–2.5)" otherwise. */
export function renderNum(t: Translator, n: Num, digits?: number): string {
  const d = digits ?? defaultDigits(n.value);
  const v = t.number(n.value, d);
  if (n.exact) return v;
  const lo = t.number(n.low, d);
  const hi = t.number(n.high, d);
  return lo === hi ? v : `${v} (${lo}–${hi})`;
}

/** At most `digits` fraction digits, trailing zeros dropped ("0.4", "4", "2.37"). */
function upTo(t: Translator, v: number, digits: number): string {
  const rounded = Number(v.toFixed(digits));
  let d = 0;
  while (d < digits && Number(rounded.toFixed(d)) !== rounded) d++;
  return t.number(rounded, d);
}

function param(t: Translator, p: MsgParam): string {
  switch (p.t) {
    case 'num':
      return upTo(t, p.v, p.digits ?? defaultDigits(p.v));
    case 'range':
      return renderNum(t, p.v, p.digits);
    case 'date':
      return t.date(p.v);
    case 'text':
      return p.v;
    case 'msg':
      return renderMsg(t, p.v);
    case 'list':
      return p.v.map((m) => renderMsg(t, m)).join(', ');
  }
}

export function renderMsg(t: Translator, m: Msg): string {
  const params: Record<string, string> = {};
  for (const [k, p] of Object.entries(m.params ?? {})) params[k] = param(t, p);
  return t.t(m.key, params);
}

/** A metric as "2.4 %" / "2.4 % (2.3–2.5)" / "unknown". */
export function renderMetric(t: Translator, m: Metric, digits?: number): string {
  if (m.status === 'unknown') return t.t('common.unknown');
  const body = renderNum(t, m, digits);
  switch (m.unit) {
    case 'percent':
    case 'share':
      return t.t('metric.unit.percent', { v: body });
    case 'times':
      return t.t('metric.unit.times', { v: body });
    case 'percentPerPeriod':
      return t.t('metric.unit.percent', { v: body });
    default:
      return body;
  }
}
