/**
 * The contractor audit: pick an account and the contract period, enter the KPI targets, the budget
 * and (optionally) the leads and sales the business counted; the report below updates as you type
 * and prints as a clean A4 report (window.print(); "Save as PDF" in the print dialog) or exports
 * as CSV. The inputs of the last audit of each account are kept in settings.
 */
import type { RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { displayName } from '@/lib/dashboard/accounts';
import { auditCsv, buildAudit, needsPeers, type AuditReport as Report } from '@/lib/dashboard/audit';
import { CURRENCIES, inputText, keepRecentAudits, parseUserNumber } from '@/lib/dashboard/inputs';
import { localDate, presetDates } from '@/lib/dashboard/period';
import type { Route } from '@/lib/dashboard/route';
import type { MessageKey } from '@/lib/i18n';
import { type AuditInputs, AuditInputsSchema, type Settings } from '@/lib/settings';
import type { AccountHistory } from '@/lib/store/records';
import { useT } from '../common/i18n';
import { AuditReport } from './AuditReport';
import type { DashboardApi } from './api';
import type { DashboardData, Go } from './Dashboard';
import { PeriodPicker } from './PeriodPicker';

export interface AuditViewProps {
  api: DashboardApi;
  data: DashboardData;
  route: Extract<Route, { section: 'audit' }>;
  go: Go;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onSettings: (patch: Partial<Settings>) => Promise<Settings>;
  now?: number;
}

type Field = 'growthPct' | 'er' | 'postsPerWeek' | 'budget' | 'leads' | 'sales';
const FIELDS: Field[] = ['growthPct', 'er', 'postsPerWeek', 'budget', 'leads', 'sales'];
const INTEGER: Partial<Record<Field, boolean>> = { leads: true, sales: true };
const MIN: Partial<Record<Field, number>> = { er: 0, postsPerWeek: 0, budget: 0, leads: 0, sales: 0 };

function defaultsFor(now: number): AuditInputs {
  const prev = presetDates('prevMonth', localDate(now));
  return AuditInputsSchema.parse({ from: prev.from, to: prev.to });
}

export function AuditView({ api, data, route, go, headingRef, onSettings, now = Date.now() }: AuditViewProps) {
  const t = useT();
  const key = route.key && data.rows.some((r) => r.key === route.key) ? route.key : null;
  const saved = key ? data.settings.audits[key] : undefined;
  const [inputs, setInputs] = useState<AuditInputs>(() => saved ?? defaultsFor(now));
  const [texts, setTexts] = useState<Record<Field, string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f, inputText(inputs[f])])) as Record<Field, string>,
  );
  const [history, setHistory] = useState<{ key: string; h: AccountHistory | null } | null>(null);
  const [report, setReport] = useState<
    { state: 'none' } | { state: 'busy' } | { state: 'ok'; r: Report } | { state: 'problem'; problem: string }
  >({
    state: 'none',
  });
  const [exported, setExported] = useState('');
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The latest inputs, so quick successive changes build on each other, not on a stale render.
  const latest = useRef(inputs);
  latest.current = inputs;

  // No account in the URL: open the one audited last.
  useEffect(() => {
    if (!route.key && data.settings.lastAudit && data.rows.some((r) => r.key === data.settings.lastAudit)) {
      go({ section: 'audit', key: data.settings.lastAudit }, { replace: true });
    }
  }, [route.key, data.settings.lastAudit, data.rows, go]);

  // Another account: its saved inputs (or the previous month and no targets). Not on the first
  // render: the state already holds this account's inputs, and the user may have typed since.
  const inputsFor = useRef(key);
  useEffect(() => {
    if (inputsFor.current === key) return;
    inputsFor.current = key;
    const next = (key && data.settings.audits[key]) || defaultsFor(now);
    latest.current = next;
    setInputs(next);
    setTexts(Object.fromEntries(FIELDS.map((f) => [f, inputText(next[f])])) as Record<Field, string>);
  }, [key]);

  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    void api.histories([key]).then(([h]) => {
      if (!cancelled) setHistory({ key, h: h ?? null });
    });
    return () => {
      cancelled = true;
    };
  }, [api, key]);

  const invalid = useMemo(() => FIELDS.filter((f) => !parseUserNumber(texts[f], { integer: INTEGER[f], min: MIN[f] }).ok), [texts]);

  // Build the report whenever the inputs or the history change.
  useEffect(() => {
    if (!key || !history || history.key !== key) {
      setReport({ state: 'none' });
      return;
    }
    if (!history.h) {
      setReport({ state: 'problem', problem: 'missing' });
      return;
    }
    const h = history.h;
    let cancelled = false;
    const first = buildAudit(h, inputs);
    if (!first.ok) {
      setReport({ state: 'problem', problem: first.problem });
      return;
    }
    setReport({ state: 'ok', r: first.report });
    if (needsPeers(first.report.signals)) {
      void api.peers(h.platform).then((peers) => {
        const again = buildAudit(h, inputs, peers);
        if (!cancelled && again.ok) setReport({ state: 'ok', r: again.report });
      });
    }
    return () => {
      cancelled = true;
    };
  }, [api, key, history, inputs]);

  const persist = (next: AuditInputs) => {
    if (!key) return;
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      const audits = keepRecentAudits({ ...data.settings.audits, [key]: { ...next, savedAt: Date.now() } });
      void onSettings({ audits, lastAudit: key });
    }, 400);
  };
  useEffect(
    () => () => {
      if (saveTimer.current) clearTimeout(saveTimer.current);
    },
    [],
  );
  const change = (patch: Partial<AuditInputs>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    setInputs(next);
    persist(next);
  };
  const onNumber = (f: Field, text: string) => {
    setTexts((x) => ({ ...x, [f]: text }));
    const p = parseUserNumber(text, { integer: INTEGER[f], min: MIN[f] });
    if (p.ok) change({ [f]: p.value } as Partial<AuditInputs>);
  };

  const accounts = useMemo(
    () => [...data.rows].filter((r) => !r.feedOnly || r.key === key).sort((a, b) => displayName(a).localeCompare(displayName(b), t.lang)),
    [data.rows, key, t.lang],
  );
  const numberField = (f: Field, label: MessageKey, hint?: MessageKey) => (
    <div class={invalid.includes(f) ? 'field invalid' : 'field'}>
      <label for={`audit-${f}`}>{t.t(label)}</label>
      <input
        id={`audit-${f}`}
        type="text"
        inputMode="decimal"
        value={texts[f]}
        aria-invalid={invalid.includes(f) ? 'true' : undefined}
        aria-describedby={hint ? `audit-${f}-hint` : undefined}
        onInput={(e) => onNumber(f, e.currentTarget.value)}
        data-field={f}
      />
      {hint && (
        <small id={`audit-${f}-hint`} class="muted">
          {t.t(hint)}
        </small>
      )}
    </div>
  );

  const exportCsv = () => {
    if (report.state !== 'ok') return;
    const r = report.r;
    const name = `smm-lens-audit-${r.account.id.replace(/[^\p{L}\p{N}._-]/gu, '_')}-${inputs.from}-${inputs.to}.csv`;
    api.download(name, auditCsv(t, r), 'text/csv;charset=utf-8');
    setExported(t.t('dash.saved', { name }));
  };

  return (
    <section class="dash-section audit" aria-labelledby="dash-audit-h">
      <h2 id="dash-audit-h" ref={headingRef} tabIndex={-1} class="no-print">
        {t.t('dash.section.audit')}
      </h2>
      <p class="muted no-print">{t.t('dash.audit.intro')}</p>
      <form class="audit-form no-print" onSubmit={(e) => e.preventDefault()}>
        <label class="wide">
          <span>{t.t('dash.audit.account')}</span>
          <select
            value={key ?? ''}
            onChange={(e) => go({ section: 'audit', key: e.currentTarget.value || null })}
            data-testid="audit-account"
          >
            <option value="">{t.t('dash.audit.pickAccount')}</option>
            {accounts.map((r) => (
              <option value={r.key} key={r.key}>
                {displayName(r)} ({t.t(`platform.${r.platform}`)})
              </option>
            ))}
          </select>
        </label>
        <PeriodPicker
          idPrefix="audit"
          from={inputs.from}
          to={inputs.to}
          now={now}
          fromLabel={t.t('dash.audit.start')}
          toLabel={t.t('dash.audit.end')}
          onChange={(patch) => change(patch)}
        />
        <fieldset>
          <legend>{t.t('dash.audit.targets')}</legend>
          {numberField('growthPct', 'dash.audit.growthPct', 'dash.audit.growthPctHint')}
          {numberField('er', 'dash.audit.er', 'dash.audit.erHint')}
          {numberField('postsPerWeek', 'dash.audit.ppw')}
        </fieldset>
        <fieldset>
          <legend>{t.t('dash.audit.money')}</legend>
          {numberField('budget', 'dash.audit.budget')}
          <div class="field">
            <label for="audit-currency">{t.t('dash.audit.currency')}</label>
            <select id="audit-currency" value={inputs.currency} onChange={(e) => change({ currency: e.currentTarget.value })}>
              {CURRENCIES.map((c) => (
                <option value={c} key={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          {numberField('leads', 'dash.audit.leads', 'dash.audit.optional')}
          {numberField('sales', 'dash.audit.sales', 'dash.audit.optional')}
        </fieldset>
        {invalid.length > 0 && (
          <p class="notice warn" role="status">
            {t.t('dash.audit.invalid')}
          </p>
        )}
      </form>

      {!key && <p class="notice">{t.t('dash.audit.noAccount')}</p>}
      {report.state === 'problem' && (
        <p class="notice warn" role="status">
          {report.problem === 'missing' ? t.t('dash.detail.missing') : t.t(`dash.period.problem.${report.problem}` as MessageKey)}
        </p>
      )}
      {report.state === 'ok' && (
        <>
          <div class="table-actions no-print">
            <button type="button" class="primary" onClick={() => api.print()}>
              {t.t('dash.audit.print')}
            </button>
            <button type="button" onClick={exportCsv}>
              {t.t('dash.audit.exportCsv')}
            </button>
            <span class="muted small" aria-live="polite">
              {exported || t.t('dash.audit.printHint')}
            </span>
          </div>
          <AuditReport r={report.r} now={now} />
        </>
      )}
    </section>
  );
}
