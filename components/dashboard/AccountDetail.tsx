/**
 * One account in full: every ER variant with its formula and sample, growth over four spans, the
 * follower chart with the band of abbreviated counts and flagged intervals, the signals with their
 * evidence, the data behind it all, its posts; groups, audit, compare and delete.
 */
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { displayName } from '@/lib/dashboard/accounts';
import { needsPeers } from '@/lib/dashboard/audit';
import { addMembers, type Group, removeMembers } from '@/lib/dashboard/groups';
import { formatHash } from '@/lib/dashboard/route';
import { summaryOf } from '@/lib/dashboard/summary';
import type { MessageKey } from '@/lib/i18n';
import { type AccountAnalysis, analyzeAccount } from '@/lib/metrics/analyze';
import type { Growth } from '@/lib/metrics/growth';
import { renderMsg } from '@/lib/metrics/text';
import type { Metric } from '@/lib/metrics/types';
import type { AccountHistory, Summary } from '@/lib/store/records';
import { numParts } from '../common/format';
import { useT } from '../common/i18n';
import { LineChart } from '../common/LineChart';
import { MetricView } from '../common/MetricView';
import { SignalList } from '../common/SignalList';
import { VerdictChip } from '../common/VerdictChip';
import type { DashboardApi } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import type { DashboardData } from './Dashboard';

export interface AccountDetailProps {
  api: DashboardApi;
  accountKey: string;
  data: DashboardData;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onDeleted: (keys: string[]) => Promise<void>;
  onSummary: (key: string, sum: Summary) => void;
  onGroups: (g: Group[]) => Promise<void>;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'error'; message: string }
  | { state: 'ok'; history: AccountHistory; analysis: AccountAnalysis; peers: boolean };

const ENGAGEMENT: Array<keyof AccountAnalysis['engagement']> = [
  'erMedian',
  'erMean',
  'erView',
  'erDay',
  'loveRate',
  'talkRate',
  'amplification',
  'commentsPer100Likes',
  'viewsPerLike',
  'avgLikes',
  'avgComments',
  'avgReactions',
  'medianReactions',
];

function GrowthRow({ label, g }: { label: string; g: Growth }) {
  const t = useT();
  if (g.status === 'unknown') {
    return (
      <tr>
        <th scope="row">{label}</th>
        <td colSpan={5} class="muted">
          {t.t('common.unknown')}: {g.missing.map((m) => renderMsg(t, m)).join('; ')}
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        {t.t('dash.detail.span', { d1: t.date(g.from), d2: t.date(g.to), days: t.number(Math.round(g.days * 10) / 10) })}
        {g.direction === 'unclear' && (
          <span class="smm-unknown small" title={t.t('dash.view.belowPrecisionHint')}>
            {' '}
            ({t.t('dash.view.belowPrecision')})
          </span>
        )}
      </td>
      <td class="num">
        <MetricView metric={g.net} signed />
      </td>
      <td class="num">
        <MetricView metric={g.perDay} signed />
      </td>
      <td class="num">
        <MetricView metric={g.rate} signed />
      </td>
      <td class="num">
        <MetricView metric={g.ratePer30Days} signed />
      </td>
    </tr>
  );
}

function Cell({ m }: { m: Metric }) {
  return <MetricView metric={m} />;
}

export function AccountDetail({ api, accountKey, data, headingRef, onDeleted, onSummary, onGroups }: AccountDetailProps) {
  const t = useT();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [confirm, setConfirm] = useState(false);
  const rp = data.settings.recentPosts;
  const row = data.rows.find((r) => r.key === accountKey);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const [history] = await api.histories([accountKey]);
        if (cancelled) return;
        if (!history) {
          setLoaded({ state: 'missing' });
          return;
        }
        let analysis = analyzeAccount(history, { recentPosts: rp });
        let peers = false;
        if (needsPeers(analysis)) {
          // S3's purge correction: the other tracked accounts of the platform over the same dates
          analysis = analyzeAccount(history, { recentPosts: rp, peers: await api.peers(history.platform) });
          peers = true;
          onSummary(accountKey, summaryOf(analysis, rp));
        }
        if (!cancelled) setLoaded({ state: 'ok', history, analysis, peers });
      } catch (e) {
        if (!cancelled) setLoaded({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, accountKey, rp, onSummary]);

  const back = (
    <p class="no-print">
      <a href="#accounts">{t.t('dash.detail.back')}</a>
    </p>
  );
  if (loaded.state !== 'ok') {
    return (
      <section class="dash-section" aria-labelledby="dash-detail-h">
        {back}
        <h2 id="dash-detail-h" ref={headingRef} tabIndex={-1}>
          {row ? displayName(row) : accountKey}
        </h2>
        {loaded.state === 'loading' && (
          <p class="muted" role="status">
            {t.t('common.loading')}
          </p>
        )}
        {loaded.state === 'missing' && <p class="notice warn">{t.t('dash.detail.missing')}</p>}
        {loaded.state === 'error' && (
          <p class="notice error" role="alert">
            {t.t('popup.storeError', { message: loaded.message })}
          </p>
        )}
      </section>
    );
  }
  const { history: h, analysis: a } = loaded;
  const name = displayName(h);
  const e = a.engagement;
  const memberOf = new Set(data.groups.filter((g) => g.members.includes(accountKey)).map((g) => g.id));
  const toggleGroup = (g: Group, on: boolean) =>
    void onGroups(on ? addMembers(data.groups, g.id, [accountKey]) : removeMembers(data.groups, g.id, [accountKey]));
  const flagged = a.growth.flagged.map((f) => ({ from: f.from, to: f.to, label: f.signal }));
  const posts = a.posts.slice(0, 40);

  return (
    <article class="dash-section dash-detail" aria-labelledby="dash-detail-h" data-testid="account-detail">
      {back}
      <header class="detail-head">
        <div>
          <h2 id="dash-detail-h" ref={headingRef} tabIndex={-1}>
            {name}
          </h2>
          <p class="muted">
            {t.t(`platform.${h.platform}`)}
            {h.handle ? ` · @${h.handle}` : ''} · {h.kind ? t.t(`dash.kind.${h.kind}` as MessageKey) : ''}{' '}
            <a href={h.url} target="_blank" rel="noreferrer noopener">
              {t.t('dash.detail.openPage')}
            </a>
          </p>
        </div>
        <div class="detail-actions no-print">
          <a class="smm-button" href={formatHash({ section: 'audit', key: accountKey })}>
            {t.t('dash.detail.audit')}
          </a>
          <a class="smm-button" href={formatHash({ section: 'compare', keys: [accountKey], from: null, to: null })}>
            {t.t('dash.detail.compare')}
          </a>
          <button type="button" class="danger-outline" onClick={() => setConfirm(true)}>
            {t.t('dash.detail.delete')}
          </button>
        </div>
      </header>

      <section class="detail-verdict" aria-labelledby="dash-verdict-h">
        <h3 id="dash-verdict-h" class="visually-hidden">
          {t.t('dash.detail.verdict')}
        </h3>
        <p>
          <VerdictChip verdict={a.verdict} full testId="detail-verdict" />{' '}
          <span class="muted">{t.tn('dash.view.points', a.verdict.points)}</span>
        </p>
        {a.verdict.collecting && <p>{renderMsg(t, a.verdict.collecting)}</p>}
        <p class="muted small">{renderMsg(t, a.verdict.footer)}</p>
        {loaded.peers && <p class="muted small">{t.t('dash.detail.peersUsed')}</p>}
      </section>

      <section aria-labelledby="dash-numbers-h">
        <h3 id="dash-numbers-h">{t.t('dash.detail.numbers')}</h3>
        <dl class="key-numbers">
          <div>
            <dt>{t.t('count.followers')}</dt>
            <dd data-testid="detail-followers">{a.followers ? numParts(t, a.followers, 'count').full : t.t('common.unknown')}</dd>
            {a.followersAt !== null && <dd class="muted small">{t.t('dash.detail.asOf', { when: t.dateTime(a.followersAt) })}</dd>}
          </div>
          <div>
            <dt>{t.t('count.following')}</dt>
            <dd>{a.following ? numParts(t, a.following, 'count').full : t.t('common.unknown')}</dd>
          </div>
          <div>
            <dt>{t.t('count.posts')}</dt>
            <dd>{a.postsCount ? numParts(t, a.postsCount, 'count').full : t.t('common.unknown')}</dd>
          </div>
          <div>
            <dt>{t.t('dash.detail.tier')}</dt>
            <dd>{a.tier.tier ? t.t(`metric.tier.${a.tier.tier}`) : t.t('common.unknown')}</dd>
            {a.tier.benchmark !== null && (
              <dd class="muted small">
                {t.t('metric.benchmark.prior', { b: t.number(a.tier.benchmark, 1) })} ({renderMsg(t, a.tier.source)})
              </dd>
            )}
          </div>
          <div>
            <dt>{t.t('dash.col.lastSeen')}</dt>
            <dd>{t.dateTime(h.lastSeen)}</dd>
            <dd class="muted small">{t.t('dash.detail.firstSeen', { when: t.date(h.firstSeen) })}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="dash-eng-h">
        <h3 id="dash-eng-h">{t.t('dash.detail.engagement')}</h3>
        <p class="muted small">{t.t('dash.detail.sampleRule', { n: rp })}</p>
        <div class="metric-grid" data-testid="detail-engagement">
          {ENGAGEMENT.map((k) => (
            <MetricView key={k} metric={e[k] as Metric} variant="line" testId={`eng-${k}`} />
          ))}
        </div>
      </section>

      <section aria-labelledby="dash-growth-h">
        <h3 id="dash-growth-h">{t.t('dash.detail.growth')}</h3>
        <div class="table-wrap">
          <table class="growth-table" data-testid="detail-growth">
            <thead>
              <tr>
                <th scope="col">{t.t('dash.detail.spanCol')}</th>
                <th scope="col">{t.t('dash.detail.visitsUsed')}</th>
                <th scope="col" class="num">
                  {t.t('growth.name.netChange')}
                </th>
                <th scope="col" class="num">
                  {t.t('growth.name.perDay')}
                </th>
                <th scope="col" class="num">
                  {t.t('growth.name.growthRate')}
                </th>
                <th scope="col" class="num">
                  {t.t('growth.name.growthRatePer30Days')}
                </th>
              </tr>
            </thead>
            <tbody>
              <GrowthRow label={t.t('dash.detail.sincePrevious')} g={a.growth.sincePrevious} />
              <GrowthRow label={t.t('dash.col.g7')} g={a.growth.last7} />
              <GrowthRow label={t.t('dash.col.g30')} g={a.growth.last30} />
              <GrowthRow label={t.t('dash.detail.overall')} g={a.growth.overall} />
            </tbody>
          </table>
        </div>
        <ul class="muted small formulas">
          <li>{t.t('dash.detail.growthRule')}</li>
          <li>
            {t.t('growth.name.netChange')}: {t.t('growth.formula.netChange')}
          </li>
          <li>
            {t.t('growth.name.perDay')}: {t.t('growth.formula.perDay')}
          </li>
          <li>
            {t.t('growth.name.growthRate')}: {t.t('growth.formula.growthRate')}
          </li>
          <li>
            {t.t('growth.name.growthRatePer30Days')}: {t.t('growth.formula.growthRatePer30Days')}
          </li>
        </ul>
        <LineChart
          title={t.t('dash.detail.chartTitle', { name })}
          unit="count"
          series={[{ key: accountKey, label: t.t('count.followers'), points: a.growth.series }]}
          shaded={flagged}
          description={a.growth.series.some((p) => !p.exact) ? t.t('dash.detail.chartBand') : undefined}
          testId="detail-chart"
        />
        {a.growth.series.some((p) => !p.exact) && <p class="muted small">{t.t('dash.detail.chartBand')}</p>}
      </section>

      <section aria-labelledby="dash-signals-h">
        <h3 id="dash-signals-h">{t.t('dash.detail.signals')}</h3>
        <SignalList signals={a.signals} testId="detail-signals" />
      </section>

      <section aria-labelledby="dash-data-h">
        <h3 id="dash-data-h">{t.t('dash.detail.data')}</h3>
        <dl class="key-numbers small-dl">
          <div>
            <dt>{t.t('dash.detail.snapshots')}</dt>
            <dd>{t.number(a.data.snapshots)}</dd>
          </div>
          <div>
            <dt>{t.t('dash.detail.visitDays')}</dt>
            <dd>{t.number(a.data.visitDays)}</dd>
          </div>
          <div>
            <dt>{t.t('dash.detail.historyDays')}</dt>
            <dd>{t.number(Math.round(a.data.historyDays))}</dd>
          </div>
          <div>
            <dt>{t.t('dash.detail.longestGap')}</dt>
            <dd>{t.t('dash.days', { n: t.number(Math.round(a.data.longestGapDays * 10) / 10) })}</dd>
          </div>
          <div>
            <dt>{t.t('dash.detail.postsSeen')}</dt>
            <dd>{t.number(a.data.postsSeen)}</dd>
          </div>
          <div>
            <dt>{t.t('dash.detail.hiddenLikes')}</dt>
            <dd>{t.number(a.data.postsWithHiddenLikes)}</dd>
          </div>
          <div>
            <dt>{t.t('dash.detail.ads')}</dt>
            <dd>{t.number(a.data.ads)}</dd>
          </div>
          <div>
            <dt>{t.t('dash.detail.followersPrecision')}</dt>
            <dd>
              {a.data.followersExact === null
                ? t.t('common.unknown')
                : a.data.followersExact
                  ? t.t('dash.detail.exact')
                  : t.t('dash.detail.abbreviated')}
            </dd>
          </div>
          <div>
            <dt>{t.t('dash.detail.storage')}</dt>
            <dd>{row ? t.bytes(row.bytes) : t.t('common.unknown')}</dd>
          </div>
        </dl>
      </section>

      {posts.length > 0 && (
        <section aria-labelledby="dash-posts-h">
          <h3 id="dash-posts-h">{t.t('dash.detail.posts', { n: posts.length, total: a.posts.length })}</h3>
          <div class="table-wrap">
            <table class="posts-table" data-testid="detail-posts">
              <thead>
                <tr>
                  <th scope="col">{t.t('dash.detail.published')}</th>
                  <th scope="col" class="num">
                    {t.t('dash.detail.likes')}
                  </th>
                  <th scope="col" class="num">
                    {t.t('dash.detail.comments')}
                  </th>
                  <th scope="col" class="num">
                    {t.t('dash.detail.shares')}
                  </th>
                  <th scope="col" class="num">
                    {t.t('dash.detail.views')}
                  </th>
                  <th scope="col" class="num">
                    {t.t('metric.name.postEr')}
                  </th>
                  <th scope="col" class="num">
                    {t.t('dash.detail.multiplier')}
                  </th>
                  <th scope="col">{t.t('dash.detail.status')}</th>
                </tr>
              </thead>
              <tbody>
                {posts.map((p) => (
                  <tr key={p.id} class={p.outlier ? `outlier-${p.outlier}` : undefined}>
                    <th scope="row">
                      <a href={p.url} target="_blank" rel="noreferrer noopener">
                        {p.publishedAt === null ? p.id : t.dateTime(p.publishedAt)}
                      </a>
                    </th>
                    {[p.likes, p.comments, p.shares, p.views].map((n, i) => (
                      <td class="num" key={i}>
                        {n ? numParts(t, n, 'count').value : '—'}
                      </td>
                    ))}
                    <td class="num">
                      <Cell m={p.er} />
                    </td>
                    <td class="num">
                      <Cell m={p.multiplier} />
                      {p.outlier && <span class="smm-tag">{t.t(`metric.outlier.${p.outlier}`)}</span>}
                    </td>
                    <td class="small">{t.t(`metric.postStatus.${p.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section aria-labelledby="dash-groups-of-h" class="no-print">
        <h3 id="dash-groups-of-h">{t.t('dash.groups.title')}</h3>
        {data.groups.length === 0 ? (
          <p class="muted">{t.t('dash.detail.noGroups')}</p>
        ) : (
          <fieldset class="group-checks">
            <legend class="visually-hidden">{t.t('dash.groups.title')}</legend>
            {data.groups.map((g) => (
              <label key={g.id}>
                <input type="checkbox" checked={memberOf.has(g.id)} onChange={(ev) => toggleGroup(g, ev.currentTarget.checked)} /> {g.name}
              </label>
            ))}
          </fieldset>
        )}
      </section>

      {confirm && (
        <ConfirmDialog
          title={t.t('dash.deleteTitle', { n: 1 })}
          confirmLabel={t.t('dash.deleteConfirm')}
          onCancel={() => setConfirm(false)}
          onConfirm={() => {
            setConfirm(false);
            void api.deleteAccounts([accountKey]).then(async () => {
              await onDeleted([accountKey]);
              location.hash = '#accounts';
            });
          }}
        >
          <p>{t.t('dash.deleteBody')}</p>
          <ul class="delete-list">
            <li>{name}</li>
          </ul>
        </ConfirmDialog>
      )}
    </article>
  );
}
