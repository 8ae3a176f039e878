/**
 * A small SVG line chart, drawn by hand (no chart library): one follower series with the band of
 * abbreviated counts ("12.3K" is anything from 12 250 to 12 399) and the intervals the signals
 * flagged shaded; or several series on one axis (the comparison, as % change).
 *
 * Accessible: the SVG is an image with a title and a generated description (first and last value
 * of each series, the shaded intervals), and the data follows as a table in a disclosure. Colours
 * come from CSS variables (components/common/views.css), so light, dark and print themes apply;
 * series past the eighth get dash patterns as well as colours.
 */
import { useId } from 'preact/hooks';
import type { Translator } from '@/lib/i18n';
import { plain } from './format';
import { useT } from './i18n';

export interface ChartPoint {
  at: number;
  value: number;
  low: number;
  high: number;
}
export interface ChartSeries {
  key: string;
  label: string;
  points: readonly ChartPoint[];
}
export interface ChartShade {
  from: number;
  to: number;
  label: string;
}
export interface LineChartProps {
  title: string;
  series: readonly ChartSeries[];
  unit: 'count' | 'percent';
  shaded?: readonly ChartShade[];
  /** a sentence added to the generated description */
  description?: string;
  height?: number;
  testId?: string;
}

const W = 960;
const M = { top: 14, right: 14, bottom: 30, left: 64 };
const DAY = 86_400_000;
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step || 0);
  return out;
}

/** Day ticks: about 6, on whole days, spaced 1, 2, 7, 14, 30, 61, 91, 182 or 365 days. */
export function dayTicks(from: number, to: number): number[] {
  const span = (to - from) / DAY;
  const step = [1, 2, 7, 14, 30, 61, 91, 182, 365].find((s) => span / s <= 7) ?? 730;
  const out: number[] = [];
  for (let d = Math.ceil(from / DAY) * DAY; d <= to; d += step * DAY) out.push(d);
  return out;
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function shortDate(lang: string, ms: number): string {
  let f = fmtCache.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short' });
    fmtCache.set(lang, f);
  }
  return f.format(new Date(ms));
}

function valueText(t: Translator, unit: LineChartProps['unit'], v: number, signed = false): string {
  const body = plain(t, v, unit === 'percent' ? (Math.abs(v) < 10 ? 1 : 0) : 0);
  const s = signed && v > 0 ? `+${body}` : body;
  return unit === 'percent' ? t.t('metric.unit.percent', { v: s }) : s;
}

function pointText(t: Translator, unit: LineChartProps['unit'], p: ChartPoint): string {
  const v = valueText(t, unit, p.value, unit === 'percent');
  return p.low === p.high
    ? v
    : `${v} (${valueText(t, unit, p.low, unit === 'percent')} … ${valueText(t, unit, p.high, unit === 'percent')})`;
}

export function chartDescription(t: Translator, p: Pick<LineChartProps, 'series' | 'unit' | 'shaded' | 'description'>): string {
  const parts: string[] = [];
  for (const s of p.series) {
    if (s.points.length === 0) continue;
    const a = s.points[0];
    const b = s.points[s.points.length - 1];
    parts.push(
      t.t('dash.chart.seriesDesc', {
        label: s.label,
        from: pointText(t, p.unit, a),
        d1: t.date(a.at),
        to: pointText(t, p.unit, b),
        d2: t.date(b.at),
        n: s.points.length,
      }),
    );
  }
  for (const sh of p.shaded ?? []) parts.push(t.t('dash.chart.shadedDesc', { label: sh.label, from: t.date(sh.from), to: t.date(sh.to) }));
  if (p.description) parts.push(p.description);
  return parts.join(' ');
}

export function LineChart({ title, series, unit, shaded = [], description, height = 260, testId }: LineChartProps) {
  const t = useT();
  const id = useId();
  const withData = series.filter((s) => s.points.length > 0);
  const desc = chartDescription(t, { series: withData, unit, shaded, description });
  if (withData.length === 0) {
    return (
      <figure class="smm-chart smm-chart--empty" data-testid={testId}>
        <figcaption>{title}</figcaption>
        <p class="smm-muted">{t.t('dash.chart.noData')}</p>
      </figure>
    );
  }
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const s of withData) {
    for (const p of s.points) {
      x0 = Math.min(x0, p.at);
      x1 = Math.max(x1, p.at);
      y0 = Math.min(y0, p.low);
      y1 = Math.max(y1, p.high);
    }
  }
  for (const sh of shaded) {
    x0 = Math.min(x0, sh.from);
    x1 = Math.max(x1, sh.to);
  }
  if (unit === 'percent') {
    y0 = Math.min(y0, 0);
    y1 = Math.max(y1, 0);
  }
  if (x1 - x0 < DAY) {
    x0 -= DAY / 2;
    x1 += DAY / 2;
  }
  const pad = (y1 - y0) * 0.06 || Math.max(1, Math.abs(y1) * 0.01);
  y0 -= pad;
  y1 += pad;
  const yTicks = niceTicks(y0, y1, 5);
  const xTicks = dayTicks(x0, x1);
  const H = height;
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  const X = (v: number) => M.left + ((v - x0) / (x1 - x0)) * iw;
  const Y = (v: number) => M.top + (1 - (v - y0) / (y1 - y0)) * ih;
  const r = (v: number) => Math.round(v * 10) / 10;
  const many = withData.length > 1;
  return (
    <figure class="smm-chart" data-testid={testId}>
      <svg
        class="smm-chart-svg"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        {shaded.map((sh, i) => (
          <g class="smm-chart-shade" key={`s${i}`}>
            <rect x={r(X(sh.from))} y={M.top} width={Math.max(2, r(X(sh.to) - X(sh.from)))} height={ih} />
            <text x={r(X(sh.from)) + 3} y={M.top + 12}>
              {sh.label}
            </text>
          </g>
        ))}
        {yTicks.map((v) => (
          <g class="smm-chart-grid" key={`y${v}`}>
            <line x1={M.left} x2={W - M.right} y1={r(Y(v))} y2={r(Y(v))} />
            <text x={M.left - 6} y={r(Y(v)) + 4} text-anchor="end">
              {valueText(t, unit, v, unit === 'percent')}
            </text>
          </g>
        ))}
        {xTicks.map((v) => (
          <g class="smm-chart-grid smm-chart-x" key={`x${v}`}>
            <line x1={r(X(v))} x2={r(X(v))} y1={M.top + ih} y2={M.top + ih + 4} />
            <text x={r(X(v))} y={H - 8} text-anchor="middle">
              {shortDate(t.lang, v)}
            </text>
          </g>
        ))}
        {withData.map((s, i) => {
          const cls = `smm-series-${i % 8}`;
          const band = s.points.some((p) => p.low !== p.high);
          const line = s.points.map((p, k) => `${k ? 'L' : 'M'}${r(X(p.at))},${r(Y(p.value))}`).join('');
          const area = band
            ? `${s.points.map((p, k) => `${k ? 'L' : 'M'}${r(X(p.at))},${r(Y(p.high))}`).join('')}${[...s.points]
                .reverse()
                .map((p) => `L${r(X(p.at))},${r(Y(p.low))}`)
                .join('')}Z`
            : null;
          return (
            <g class={`smm-chart-series ${cls}`} key={s.key} data-series={s.key}>
              {area && <path class="smm-chart-band" d={area} />}
              <path class="smm-chart-line" d={line} stroke-dasharray={DASHES[Math.floor(i / 8) % DASHES.length] || undefined} />
              {!many &&
                s.points.length <= 400 &&
                s.points.map((p) => (
                  <circle class="smm-chart-dot" cx={r(X(p.at))} cy={r(Y(p.value))} r={2.6} key={p.at}>
                    <title>{`${t.dateTime(p.at)}: ${pointText(t, unit, p)}`}</title>
                  </circle>
                ))}
            </g>
          );
        })}
      </svg>
      {many && (
        <ul class="smm-chart-legend">
          {withData.map((s, i) => {
            const last = s.points[s.points.length - 1];
            return (
              <li key={s.key} class={`smm-series-${i % 8}`}>
                <svg class="smm-chart-swatch" viewBox="0 0 24 8" aria-hidden="true">
                  <line x1="0" x2="24" y1="4" y2="4" stroke-dasharray={DASHES[Math.floor(i / 8) % DASHES.length] || undefined} />
                </svg>
                {s.label} <span class="smm-muted">{pointText(t, unit, last)}</span>
              </li>
            );
          })}
        </ul>
      )}
      <details class="smm-chart-data">
        <summary>{t.t('dash.chart.table')}</summary>
        {many ? (
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('dash.chart.series')}</th>
                <th scope="col">{t.t('dash.chart.first')}</th>
                <th scope="col">{t.t('dash.chart.last')}</th>
                <th scope="col" class="num">
                  {t.t('dash.chart.points')}
                </th>
              </tr>
            </thead>
            <tbody>
              {withData.map((s) => {
                const a = s.points[0];
                const b = s.points[s.points.length - 1];
                return (
                  <tr key={s.key}>
                    <th scope="row">{s.label}</th>
                    <td>{`${t.date(a.at)}: ${pointText(t, unit, a)}`}</td>
                    <td>{`${t.date(b.at)}: ${pointText(t, unit, b)}`}</td>
                    <td class="num">{t.number(s.points.length)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('dash.chart.when')}</th>
                <th scope="col" class="num">
                  {withData[0].label}
                </th>
              </tr>
            </thead>
            <tbody>
              {withData[0].points.map((p) => (
                <tr key={p.at}>
                  <td>{t.dateTime(p.at)}</td>
                  <td class="num">{pointText(t, unit, p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </figure>
  );
}
