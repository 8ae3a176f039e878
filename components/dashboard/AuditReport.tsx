/**
 * The contractor audit report: actual against target, results of the period, what each result
 * cost, the padding signals inside the period with their evidence, and what data is missing. Every
 * number says how it was computed, in text (the report is printed: no tooltips on paper).
 */
import { Fragment } from 'preact';
import type { AuditReport as Report } from '@/lib/dashboard/audit';
import type { MessageKey, Translator } from '@/lib/i18n';
import type { KpiRow } from '@/lib/metrics/compare';
import { formulaMsg } from '@/lib/metrics/formulas';
import { renderMsg } from '@/lib/metrics/text';
import { isKnown, type Metric } from '@/lib/metrics/types';
import { numParts } from '../common/format';
import { useT } from '../common/i18n';
import { MetricView } from '../common/MetricView';
import { SignalList } from '../common/SignalList';
import { VerdictChip } from '../common/VerdictChip';

const unitOfKpi = { growthPct: 'percent', er: 'percent', postsPerWeek: 'countPerPeriod' } as const;

function money(t: Translator, v: number, currency: string): string {
  return numParts(t, { value: v, low: v, high: v, exact: true }, 'money', { currency }).value;
}

function metricText(t: Translator, m: Metric, currency?: string, signed?: boolean): string {
  return m.status === 'ok' ? numParts(t, m, m.unit, { currency, signed }).full : t.t('common.unknown');
}

function why(t: Translator, m: Metric): string {
  return m.status === 'unknown' ? m.missing.map((x) => renderMsg(t, x)).join('; ') : '';
}

function KpiResult({ k }: { k: KpiRow }) {
  const t = useT();
  if (k.actual.status === 'unknown') return <span class="kpi kpi--unknown">{t.t('dash.audit.kpi.unknown')}</span>;
  if (k.met === true) return <span class="kpi kpi--met">✓ {t.t('dash.audit.kpi.met')}</span>;
  if (k.met === false) return <span class="kpi kpi--missed">✗ {t.t('dash.audit.kpi.missed')}</span>;
  return <span class="kpi kpi--unclear">≈ {t.t('dash.audit.kpi.unclear')}</span>;
}

export function AuditReport({ r, now }: { r: Report; now: number }) {
  const t = useT();
  const a = r.activity;
  const g = a.growth;
  const c = r.costs;
  const met = r.kpis.filter((k) => k.met === true).length;
  const missed = r.kpis.filter((k) => k.met === false).length;
  const unclear = r.kpis.length - met - missed;
  const cur = r.currency;

  /** How a KPI's actual value was computed, with the numbers. */
  const kpiHow = (k: KpiRow): string => {
    if (k.actual.status === 'unknown') return why(t, k.actual);
    if (k.kpi === 'growthPct' && g.status === 'ok') {
      return t.t('dash.audit.how.growth', {
        start: numParts(t, g.start, 'count').full,
        d1: t.date(g.from),
        end: numParts(t, g.end, 'count').full,
        d2: t.date(g.to),
        net: metricText(t, g.net, undefined, true),
        rate: metricText(t, g.rate, undefined, true),
      });
    }
    const notes = (k.actual.notes ?? []).map((n) => renderMsg(t, n));
    return [renderMsg(t, formulaMsg(k.actual)), ...notes].join('. ');
  };

  const costLine = (m: Metric, kind: 'follower' | 'engagement' | 'lead' | 'sale'): string => {
    if (m.status === 'unknown' || r.budget === null) return why(t, m);
    const budget = money(t, r.budget, cur);
    const cost = metricText(t, m, cur);
    switch (kind) {
      case 'follower':
        return g.status === 'ok'
          ? t.t('dash.audit.how.perFollower', { budget, net: metricText(t, g.net), d1: t.date(g.from), d2: t.date(g.to), cost })
          : renderMsg(t, formulaMsg(m));
      case 'engagement':
        return t.t('dash.audit.how.perEngagement', {
          budget,
          reactions: metricText(t, a.reactions),
          n: a.reactions.sample?.n ?? a.postsSeen,
          cost,
        });
      case 'lead':
        return t.t('dash.audit.how.perLead', { budget, n: t.number(r.leads ?? 0), cost });
      case 'sale':
        return t.t('dash.audit.how.perSale', { budget, n: t.number(r.sales ?? 0), cost });
    }
  };

  const resultRows: Array<{ id: string; label: string; m: Metric; signed?: boolean; how?: string }> = [];
  if (g.status === 'ok') {
    resultRows.push({ id: 'net', label: t.t('growth.name.netChange'), m: g.net, signed: true });
    resultRows.push({ id: 'rate', label: t.t('growth.name.growthRate'), m: g.rate, signed: true });
  }
  resultRows.push(
    { id: 'ppw', label: t.t('metric.name.postsPerWeek'), m: a.postsPerWeek },
    { id: 'reactions', label: t.t('metric.name.reactionsInPeriod'), m: a.reactions },
    { id: 'rpp', label: t.t('metric.name.reactionsPerPost'), m: a.reactionsPerPost },
    { id: 'er', label: t.t('metric.name.erMedian'), m: a.er },
    { id: 'erView', label: t.t('metric.name.erViewMedian'), m: a.erView },
  );

  return (
    <article class="audit-report" data-testid="audit-report" aria-labelledby="audit-report-h">
      <header class="report-head">
        <p class="report-kicker">{t.t('dash.audit.kicker')}</p>
        <h3 id="audit-report-h">{r.account.name}</h3>
        <p>
          {t.t(`platform.${r.account.platform}`)} · <span class="report-url">{r.account.url}</span>
        </p>
        <p data-testid="audit-period">
          <strong>{t.t('dash.audit.periodLine', { from: t.date(r.period.from), to: t.date(r.period.to), days: r.days })}</strong>
        </p>
        <p class="muted small">{t.t('dash.audit.madeOn', { date: t.dateTime(now) })}</p>
      </header>

      <section class="report-summary" aria-labelledby="audit-sum-h">
        <h4 id="audit-sum-h">{t.t('dash.audit.summary')}</h4>
        <ul>
          {r.kpis.length > 0 ? (
            <li data-testid="audit-kpi-summary">{t.t('dash.audit.kpiSummary', { met, missed, unclear, total: r.kpis.length })}</li>
          ) : (
            <li>{t.t('dash.audit.noTargets')}</li>
          )}
          <li>
            {t.t('dash.audit.signalsSummary')} <VerdictChip verdict={r.signals.verdict} full testId="audit-verdict" />
          </li>
          {c && isKnown(c.perFollower) && <li>{t.t('dash.audit.costSummary', { cost: metricText(t, c.perFollower, cur) })}</li>}
          <li>{t.t('dash.audit.coverageSummary', { visits: a.visits, without: a.daysWithoutVisit, days: r.days })}</li>
        </ul>
      </section>

      {r.kpis.length > 0 && (
        <section aria-labelledby="audit-kpi-h">
          <h4 id="audit-kpi-h">{t.t('dash.audit.kpiTitle')}</h4>
          <table class="report-table" data-testid="audit-kpis">
            <thead>
              <tr>
                <th scope="col">{t.t('dash.audit.kpi.col')}</th>
                <th scope="col" class="num">
                  {t.t('dash.audit.kpi.target')}
                </th>
                <th scope="col" class="num">
                  {t.t('dash.audit.kpi.actual')}
                </th>
                <th scope="col">{t.t('dash.audit.kpi.result')}</th>
                <th scope="col" class="num">
                  {t.t('dash.audit.kpi.ofTarget')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.kpis.map((k) => (
                <Fragment key={k.kpi}>
                  <tr data-kpi={k.kpi}>
                    <th scope="row">{t.t(`dash.audit.kpi.${k.kpi}` as MessageKey)}</th>
                    <td class="num">
                      {numParts(t, { value: k.target, low: k.target, high: k.target, exact: true }, unitOfKpi[k.kpi]).value}
                    </td>
                    <td class="num" data-testid={`kpi-actual-${k.kpi}`}>
                      {metricText(t, k.actual, undefined, k.kpi === 'growthPct')}
                    </td>
                    <td>
                      <KpiResult k={k} />
                    </td>
                    <td class="num">{metricText(t, k.ofTarget)}</td>
                  </tr>
                  <tr class="how">
                    <td colSpan={5}>{kpiHow(k)}</td>
                  </tr>
                </Fragment>
              ))}
            </tbody>
          </table>
          <p class="muted small">{t.t('dash.audit.kpiRule')}</p>
        </section>
      )}

      <section aria-labelledby="audit-res-h">
        <h4 id="audit-res-h">{t.t('dash.audit.results')}</h4>
        {g.status === 'ok' ? (
          <p data-testid="audit-followers">
            {t.t('dash.audit.followersLine', {
              start: numParts(t, g.start, 'count').full,
              d1: t.dateTime(g.from),
              end: numParts(t, g.end, 'count').full,
              d2: t.dateTime(g.to),
            })}
          </p>
        ) : (
          <p class="notice warn" data-testid="audit-followers">
            {t.t('dash.audit.growthUnknown')} {g.missing.map((m) => renderMsg(t, m)).join('; ')}
          </p>
        )}
        <p>
          {t.t('dash.audit.postsLine', { n: a.postsSeen })}
          {r.counter &&
            ` ${t.t('dash.audit.counterLine', { n: numParts(t, r.counter.published, 'count').full, d1: t.date(r.counter.from), d2: t.date(r.counter.to) })}`}
        </p>
        <div class="report-metrics" data-testid="audit-results">
          {resultRows.map((x) => (
            <MetricView key={x.id} metric={x.m} variant="line" label={x.label} signed={x.signed} testId={`audit-${x.id}`} />
          ))}
        </div>
      </section>

      <section aria-labelledby="audit-cost-h">
        <h4 id="audit-cost-h">{t.t('dash.audit.costs')}</h4>
        {c === null || r.budget === null ? (
          <p class="muted">{t.t('dash.audit.noBudget')}</p>
        ) : (
          <>
            <p>{t.t('dash.audit.budgetLine', { budget: money(t, r.budget, cur) })}</p>
            <table class="report-table" data-testid="audit-costs">
              <tbody>
                {(
                  [
                    ['perFollower', 'follower', c.perFollower],
                    ['perEngagement', 'engagement', c.perEngagement],
                    ['perLead', 'lead', c.perLead],
                    ['perSale', 'sale', c.perSale],
                  ] as const
                ).map(([id, kind, m]) => (
                  <tr key={id} data-cost={id}>
                    <th scope="row">{t.t(`metric.name.cost${id[0].toUpperCase()}${id.slice(1)}` as MessageKey)}</th>
                    <td class="num" data-testid={`cost-${id}`}>
                      {metricText(t, m, cur)}
                    </td>
                    <td class="small">{costLine(m, kind)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="muted small">{t.t('dash.audit.costRule')}</p>
          </>
        )}
      </section>

      <section aria-labelledby="audit-sig-h" class="report-signals">
        <h4 id="audit-sig-h">{t.t('dash.audit.signals')}</h4>
        <p>
          <VerdictChip verdict={r.signals.verdict} full /> <span class="muted">{t.tn('dash.view.points', r.signals.verdict.points)}</span>
        </p>
        {r.signals.verdict.collecting && <p>{renderMsg(t, r.signals.verdict.collecting)}</p>}
        <SignalList signals={r.signals.signals} level={5} testId="audit-signals" />
        <p class="muted small">{renderMsg(t, r.signals.verdict.footer)}</p>
        <p class="muted small">{t.t(r.peersUsed ? 'dash.audit.peersUsed' : 'dash.audit.signalsRule')}</p>
      </section>

      <section aria-labelledby="audit-cov-h">
        <h4 id="audit-cov-h">{t.t('dash.audit.coverage')}</h4>
        <dl class="key-numbers small-dl" data-testid="audit-coverage">
          <div>
            <dt>{t.t('dash.audit.visits')}</dt>
            <dd>{t.number(a.visits)}</dd>
          </div>
          <div>
            <dt>{t.t('dash.audit.visitDays')}</dt>
            <dd>{t.number(a.visitDays)}</dd>
          </div>
          <div>
            <dt>{t.t('dash.audit.daysWithout')}</dt>
            <dd data-testid="audit-days-without">{t.number(a.daysWithoutVisit)}</dd>
          </div>
          <div>
            <dt>{t.t('dash.audit.longestGap')}</dt>
            <dd data-testid="audit-longest-gap">{t.t('dash.days', { n: t.number(Math.round(a.longestGapDays * 10) / 10) })}</dd>
          </div>
        </dl>
        {r.gaps.length > 0 ? (
          <>
            <p>{t.t('dash.audit.gapsIntro')}</p>
            <ul class="gaps" data-testid="audit-gaps">
              {r.gaps.map((x) => (
                <li key={x.from}>
                  {t.t('dash.audit.gap', { from: t.dateTime(x.from), to: t.dateTime(x.to), days: t.number(Math.round(x.days * 10) / 10) })}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t.t('dash.audit.noGaps')}</p>
        )}
        <p class="muted small">{t.t('dash.audit.coverageRule')}</p>
      </section>

      <footer class="report-foot">
        <p class="small">{t.t('dash.audit.footer')}</p>
      </footer>
    </article>
  );
}
