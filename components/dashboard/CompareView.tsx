/**
 * Compare any number of accounts over a period: follower growth as % on one chart; ER, ERview,
 * posts per week, reactions per post and share of voice within the selection in a table that
 * exports to CSV. The selection and the period live in the URL (#compare?a=...&from=...&to=...).
 */
import type { RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { displayName, foldText } from '@/lib/dashboard/accounts';
import { buildComparison, type ComparisonResult, comparisonCsv } from '@/lib/dashboard/compare';
import { localDate, periodOf, presetDates } from '@/lib/dashboard/period';
import type { Route } from '@/lib/dashboard/route';
import type { PeriodActivity } from '@/lib/metrics/compare';
import { renderMsg } from '@/lib/metrics/text';
import { isKnown, type Metric } from '@/lib/metrics/types';
import { numParts } from '../common/format';
import { GrowthView } from '../common/GrowthView';
import { useT } from '../common/i18n';
import { LineChart } from '../common/LineChart';
import { MetricView } from '../common/MetricView';
import type { DashboardApi } from './api';
import type { DashboardData, Go } from './Dashboard';
import { PeriodPicker } from './PeriodPicker';

export interface CompareViewProps {
  api: DashboardApi;
  data: DashboardData;
  route: Extract<Route, { section: 'compare' }>;
  go: Go;
  headingRef: RefObject<HTMLHeadingElement | null>;
  now?: number;
}

type Col = 'name' | 'growth' | 'er' | 'erView' | 'ppw' | 'rpp' | 'sov';
const metricValue = (m: Metric | null | undefined) => (m && isKnown(m) ? m.value : null);

function valueFor(a: PeriodActivity, share: Metric | undefined, col: Col): number | null {
  switch (col) {
    case 'growth':
      return a.growth.status === 'ok' ? metricValue(a.growth.rate) : null;
    case 'er':
      return metricValue(a.er);
    case 'erView':
      return metricValue(a.erView);
    case 'ppw':
      return metricValue(a.postsPerWeek);
    case 'rpp':
      return metricValue(a.reactionsPerPost);
    case 'sov':
      return metricValue(share);
    default:
      return null;
  }
}

export function CompareView({ api, data, route, go, headingRef, now = Date.now() }: CompareViewProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<
    { state: 'idle' | 'busy' } | { state: 'ok'; r: ComparisonResult } | { state: 'error'; message: string }
  >({
    state: 'idle',
  });
  const [sort, setSort] = useState<{ col: Col; dir: 1 | -1 }>({ col: 'sov', dir: -1 });
  const [saved, setSaved] = useState('');

  const defaults = presetDates('last30', localDate(now));
  const from = route.from ?? defaults.from;
  const to = route.to ?? defaults.to;
  const keys = route.keys.filter((k) => data.rows.some((r) => r.key === k));
  const p = periodOf(from, to);
  // The latest selection, so quick successive changes build on each other, not on a stale render.
  const latest = useRef<{ keys: string[]; from: string | null; to: string | null }>({ keys, from, to });
  latest.current = { keys, from, to };
  const set = (patch: Partial<{ keys: string[]; from: string | null; to: string | null }>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    go({ section: 'compare', ...next }, { replace: true });
  };

  const keyStr = keys.join(',');
  const periodKey = p.ok ? `${p.period.from}-${p.period.to}` : '';
  useEffect(() => {
    if (!p.ok || keys.length === 0) {
      setResult({ state: 'idle' });
      return;
    }
    let cancelled = false;
    setResult({ state: 'busy' });
    void (async () => {
      try {
        const histories = await api.histories(keys);
        await new Promise((res) => setTimeout(res, 0));
        const r = buildComparison(histories, p.period);
        if (!cancelled) setResult({ state: 'ok', r });
      } catch (e) {
        if (!cancelled) setResult({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    })();
    return () => {
      cancelled = true;
    };
    // keyStr and periodKey stand for the keys and the period (new arrays and objects every render)
  }, [api, keyStr, periodKey]);

  const candidates = useMemo(() => {
    const q = foldText(query.trim());
    return data.rows.filter((r) => !q || r.search.includes(q)).sort((a, b) => displayName(a).localeCompare(displayName(b), t.lang));
  }, [data.rows, query, t.lang]);
  const chosen = new Set(keys);
  const toggle = (k: string, on: boolean) => set({ keys: on ? [...keys, k] : keys.filter((x) => x !== k) });

  const r = result.state === 'ok' ? result.r : null;
  const share = new Map(r?.comparison.shareOfVoice.rows.map((s) => [s.key, s.share]) ?? []);
  const names = new Map(r?.accounts.map((a) => [a.key, a.name]) ?? []);
  const order = r
    ? r.comparison.rows
        .map((a, i) => ({ a, i, v: sort.col === 'name' ? null : valueFor(a, share.get(a.key), sort.col) }))
        .sort((x, y) => {
          if (sort.col === 'name') return sort.dir * (names.get(x.a.key) ?? '').localeCompare(names.get(y.a.key) ?? '', t.lang);
          if (x.v === null || y.v === null) return x.v === null ? (y.v === null ? 0 : 1) : -1;
          return sort.dir * (x.v - y.v);
        })
    : [];
  const sortBy = (col: Col) => setSort((s) => (s.col === col ? { col, dir: s.dir === 1 ? -1 : 1 } : { col, dir: col === 'name' ? 1 : -1 }));
  const th = (col: Col, label: string, num = true) => (
    <th
      scope="col"
      class={num ? 'num' : undefined}
      aria-sort={sort.col === col ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" class="sort" onClick={() => sortBy(col)}>
        {label}
        <span aria-hidden="true">{sort.col === col ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );

  const exportCsv = () => {
    if (!r) return;
    const name = `smm-lens-compare-${from}-${to}.csv`;
    api.download(name, comparisonCsv(t, r), 'text/csv;charset=utf-8');
    setSaved(t.t('dash.saved', { name }));
  };

  return (
    <section class="dash-section" aria-labelledby="dash-compare-h">
      <h2 id="dash-compare-h" ref={headingRef} tabIndex={-1}>
        {t.t('dash.section.compare')}
      </h2>
      <p class="muted">{t.t('dash.compare.intro')}</p>
      <div class="compare-controls no-print">
        <fieldset class="picker">
          <legend>{t.t('dash.compare.pick', { n: keys.length })}</legend>
          <label>
            <span class="visually-hidden">{t.t('dash.filter.search')}</span>
            <input
              type="search"
              value={query}
              placeholder={t.t('dash.filter.searchHint')}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
          </label>
          <div class="picker-actions">
            {data.groups.map((g) => (
              <button
                type="button"
                key={g.id}
                onClick={() => set({ keys: [...new Set([...keys, ...g.members.filter((k) => data.rows.some((x) => x.key === k))])] })}
              >
                {t.t('dash.compare.addGroup', { name: g.name })}
              </button>
            ))}
            <button type="button" onClick={() => set({ keys: [...new Set([...keys, ...candidates.map((c) => c.key)])] })}>
              {t.t('dash.compare.addShown', { n: candidates.length })}
            </button>
            <button type="button" disabled={keys.length === 0} onClick={() => set({ keys: [] })}>
              {t.t('dash.compare.clear')}
            </button>
          </div>
          <ul class="picker-list" data-testid="compare-picker">
            {candidates.map((c) => (
              <li key={c.key}>
                <label>
                  <input type="checkbox" checked={chosen.has(c.key)} onChange={(e) => toggle(c.key, e.currentTarget.checked)} />{' '}
                  {displayName(c)}{' '}
                  <span class="muted small">
                    {t.t(`platform.${c.platform}`)}
                    {c.feedOnly ? ` · ${t.t('dash.feedOnlyShort')}` : ''}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <PeriodPicker idPrefix="compare" from={from} to={to} now={now} onChange={(patch) => set(patch)} />
      </div>

      <div aria-live="polite" class="compare-result">
        {keys.length === 0 && <p class="notice">{t.t('dash.compare.none')}</p>}
        {result.state === 'busy' && (
          <p class="muted" role="status">
            {t.t('dash.compare.busy', { n: keys.length })}
          </p>
        )}
        {result.state === 'error' && (
          <p class="notice error" role="alert">
            {t.t('popup.storeError', { message: result.message })}
          </p>
        )}
      </div>

      {r && (
        <div data-testid="compare-result">
          <h3>{t.t('dash.compare.period', { from: t.date(r.period.from), to: t.date(r.period.to) })}</h3>
          <LineChart
            title={t.t('dash.compare.chartTitle')}
            unit="percent"
            series={r.lines.map((l) => ({ key: l.key, label: names.get(l.key) ?? l.key, points: l.points }))}
            description={t.t('dash.compare.chartDesc')}
            testId="compare-chart"
          />
          <p class="muted small">{t.t('dash.compare.chartDesc')}</p>
          {r.offChart.length > 0 && (
            <p class="muted small">{t.t('dash.compare.offChart', { list: r.offChart.map((k) => names.get(k) ?? k).join(', ') })}</p>
          )}
          <div class="table-actions no-print">
            <button type="button" onClick={exportCsv}>
              {t.t('dash.compare.exportCsv')}
            </button>
            <span aria-live="polite" class="muted small">
              {saved}
            </span>
          </div>
          <div class="table-wrap">
            <table data-testid="compare-table" class="compare-table">
              <caption class="visually-hidden">{t.t('dash.compare.caption')}</caption>
              <thead>
                <tr>
                  {th('name', t.t('dash.col.account'), false)}
                  <th scope="col" class="num">
                    {t.t('dash.compare.col.followers')}
                  </th>
                  {th('growth', t.t('dash.compare.col.growth'))}
                  {th('er', t.t('dash.compare.col.er'))}
                  {th('erView', t.t('dash.compare.col.erView'))}
                  {th('ppw', t.t('dash.compare.col.ppw'))}
                  {th('rpp', t.t('dash.compare.col.rpp'))}
                  <th scope="col" class="num">
                    {t.t('dash.compare.col.posts')}
                  </th>
                  {th('sov', t.t('dash.compare.col.sov'))}
                  <th scope="col" class="num">
                    {t.t('dash.compare.col.visits')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {order.map(({ a, i }) => {
                  const g = a.growth;
                  return (
                    <tr key={a.key} data-account={a.key}>
                      <th scope="row">
                        <a href={`#accounts/${encodeURIComponent(a.key)}`}>{r.accounts[i].name}</a>{' '}
                        <span class="muted small">{t.t(`platform.${r.accounts[i].platform}`)}</span>
                      </th>
                      <td class="num" data-col="followers">
                        {g.status === 'ok' ? (
                          <span
                            title={`${t.t('growth.span', { d1: t.dateTime(g.from), d2: t.dateTime(g.to), days: t.number(Math.round(g.days * 10) / 10) })}\n${numParts(t, g.start, 'count').full} → ${numParts(t, g.end, 'count').full}`}
                          >
                            {g.start.exact ? '' : '≈'}
                            {numParts(t, g.start, 'count').value} → {g.end.exact ? '' : '≈'}
                            {numParts(t, g.end, 'count').value}
                          </span>
                        ) : (
                          <span class="smm-unknown" title={g.missing.map((m) => renderMsg(t, m)).join('\n')}>
                            {t.t('common.unknown')}
                          </span>
                        )}
                      </td>
                      <td class="num" data-col="growth">
                        <GrowthView growth={g.status === 'ok' ? { ...g } : { status: 'unknown', missing: g.missing }} />
                      </td>
                      <td class="num" data-col="er">
                        <MetricView metric={a.er} />
                      </td>
                      <td class="num" data-col="erView">
                        <MetricView metric={a.erView} />
                      </td>
                      <td class="num" data-col="ppw">
                        <MetricView metric={a.postsPerWeek} />
                      </td>
                      <td class="num" data-col="rpp">
                        <MetricView metric={a.reactionsPerPost} />
                      </td>
                      <td class="num" data-col="posts">
                        {t.number(a.postsSeen)}
                      </td>
                      <td class="num" data-col="sov">
                        {share.get(a.key) ? <MetricView metric={share.get(a.key) as Metric} /> : '—'}
                      </td>
                      <td
                        class="num"
                        data-col="visits"
                        title={t.t('dash.compare.visitsTitle', { gap: t.number(Math.round(a.longestGapDays * 10) / 10) })}
                      >
                        {t.number(a.visits)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {r.comparison.shareOfVoice.unknown.length > 0 && (
            <p class="muted small">
              {t.t('dash.compare.sovUnknown', { list: r.comparison.shareOfVoice.unknown.map((k) => names.get(k) ?? k).join(', ') })}
            </p>
          )}
          <div class="dash-legend">
            <h3>{t.t('dash.legend.title')}</h3>
            <ul>
              <li>{t.t('dash.compare.legend.growth')}</li>
              <li>{t.t('dash.compare.legend.er')}</li>
              <li>{t.t('dash.compare.legend.ppw')}</li>
              <li>{t.t('dash.compare.legend.rpp')}</li>
              <li>{t.t('dash.compare.legend.sov')}</li>
              <li>{t.t('dash.legend.hover')}</li>
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
