/**
 * The dashboard (options page): accounts, compare, contractor audit, data, settings. Sections live
 * in the URL hash (lib/dashboard/route.ts), so Back works and a section can be linked; navigation
 * uses real links. The backup actions (Export JSON / CSV, Import) sit in the header on every
 * section. Summaries for the accounts table come from the index; missing or stale ones are
 * computed here in small batches and stored back (lib/dashboard/summary.ts).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type AccountRow, rowsFrom, staleKeys } from '@/lib/dashboard/accounts';
import { type Group, groupsByAccount } from '@/lib/dashboard/groups';
import { formatHash, parseHash, type Route, SECTIONS, type Section } from '@/lib/dashboard/route';
import { summarize } from '@/lib/dashboard/summary';
import type { MessageKey } from '@/lib/i18n';
import type { Settings } from '@/lib/settings';
import type { IndexEntry, Summary } from '@/lib/store/records';
import type { StoreStatus } from '@/lib/store/store';
import { useT } from '../common/i18n';
import { AccountDetail } from './AccountDetail';
import { AccountsView } from './AccountsView';
import { AuditView } from './AuditView';
import type { DashboardApi, ImportOutcome } from './api';
import { CompareView } from './CompareView';
import { DataSection } from './DataSection';
import { SettingsView } from './SettingsView';

export type { DashboardApi, ImportOutcome } from './api';

/** Summaries computed per batch; between batches the page stays responsive. */
const BATCH = 25;

/** Run when the page is idle (at most a few seconds later). */
function idle(fn: () => void): void {
  const w = globalThis as unknown as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number };
  if (typeof w.requestIdleCallback === 'function') w.requestIdleCallback(fn, { timeout: 4000 });
  else setTimeout(fn, 300);
}

function currentHash(): string {
  return typeof location === 'undefined' ? '' : location.hash;
}

/** Navigate: a new history entry, or `replace` for changes within a section (a picked account, a date). */
export type Go = (r: Route, opts?: { replace?: boolean }) => void;

export function useRoute(): [Route, Go] {
  const [route, setRoute] = useState<Route>(() => parseHash(currentHash()));
  useEffect(() => {
    const on = () => setRoute(parseHash(currentHash()));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = useCallback<Go>((r, opts) => {
    const h = formatHash(r);
    if (currentHash() === h) setRoute(r);
    else if (opts?.replace) {
      history.replaceState(history.state, '', h);
      setRoute(r);
    } else location.hash = h;
  }, []);
  return [route, go];
}

export interface DashboardData {
  entries: IndexEntry[];
  rows: AccountRow[];
  groups: Group[];
  settings: Settings;
  status: StoreStatus | null;
  /** summaries are being computed (rows without one show "computing") */
  computing: boolean;
}

export function Dashboard({ api }: { api: DashboardApi }) {
  const t = useT();
  const [route, go] = useRoute();
  const [entries, setEntries] = useState<IndexEntry[] | null>(null);
  const [status, setStatus] = useState<StoreStatus | null>(null);
  const [groups, setGroups] = useState<Group[]>([]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [fresh, setFresh] = useState<Map<string, Summary>>(() => new Map());
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [importState, setImportState] = useState<'idle' | 'busy' | ImportOutcome>('idle');
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const fileInput = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const scanning = useRef<Promise<void> | null>(null);
  const scan = useCallback((): Promise<void> => {
    scanning.current ??= api
      .status()
      .then(setStatus, (e: unknown) => setFailure(e instanceof Error ? e.message : String(e)))
      .finally(() => {
        scanning.current = null;
      });
    return scanning.current;
  }, [api]);

  const refresh = useCallback(async () => {
    const fail = (e: unknown) => setFailure(e instanceof Error ? e.message : String(e));
    try {
      const [a, g, st] = await Promise.all([api.listAccounts(), api.groups(), api.settings()]);
      setEntries(a);
      setGroups(g);
      setSettings(st);
      setFresh(new Map());
    } catch (e) {
      fail(e);
    }
    // Storage use once the table is up (it reads every index entry again: not on the way to the
    // first rows); the search for damaged records (it reads and checks every record, about a
    // second for 500 accounts) after it, or when the Data section asks.
    idle(() => {
      api.status({ scan: false }).then((s) => setStatus((prev) => (prev && prev.scanned !== false ? prev : s)), fail);
      scan();
    });
  }, [api, scan]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Compute the summaries the index lacks (or that are stale for these settings), in batches.
  const recentPosts = settings?.recentPosts ?? 12;
  useEffect(() => {
    if (!entries) return;
    const stale = staleKeys(entries, recentPosts);
    if (stale.length === 0) {
      setProgress(null);
      return;
    }
    let cancelled = false;
    const byKey = new Map(entries.map((e) => [e.key, e]));
    void (async () => {
      const computed = new Map<string, Summary>();
      setProgress({ done: 0, total: stale.length });
      for (let i = 0; i < stale.length && !cancelled; i += BATCH) {
        let histories: Awaited<ReturnType<DashboardApi['histories']>>;
        try {
          histories = await api.histories(stale.slice(i, i + BATCH));
        } catch (e) {
          // the rows say "unknown" (not "computing" forever); the reason is shown at the top
          setProgress(null);
          setFailure(e instanceof Error ? e.message : String(e));
          return;
        }
        for (const h of histories) {
          try {
            computed.set(h.key, summarize(h, recentPosts));
          } catch (e) {
            console.warn('[SMM Lens] could not summarise', h.key, e);
          }
        }
        if (cancelled) return;
        setFresh((prev) => new Map([...prev, ...computed]));
        setProgress({ done: Math.min(stale.length, i + BATCH), total: stale.length });
        await new Promise((r) => setTimeout(r, 0));
      }
      if (cancelled) return;
      setProgress(null);
      const items = [...computed].flatMap(([key, sum]) => {
        const e = byKey.get(key);
        return e ? [{ key, last: e.last, bytes: e.bytes, sum }] : [];
      });
      api.saveSummaries(items).catch((e: unknown) => console.warn('[SMM Lens] could not store summaries', e));
    })();
    return () => {
      cancelled = true;
    };
  }, [entries, recentPosts, api]);

  const rows = useMemo(
    () => (entries ? rowsFrom(entries, groupsByAccount(groups), recentPosts, fresh) : null),
    [entries, groups, recentPosts, fresh],
  );

  // Move focus to the section's heading when the user goes to another section or account page
  // (not on first load, and not while picking accounts or dates within a section).
  const place = route.section === 'accounts' ? `accounts/${route.key ?? ''}` : route.section;
  const lastPlace = useRef(place);
  useEffect(() => {
    if (lastPlace.current === place) return;
    lastPlace.current = place;
    headingRef.current?.focus();
  }, [place]);

  const onFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setImportState('busy');
    try {
      setImportState(await api.importFile(file));
    } catch (err) {
      setImportState({ ok: false, problems: [{ code: 'write', detail: err instanceof Error ? err.message : String(err) }] });
    }
    await refresh();
  };

  const saveGroups = async (next: Group[]) => {
    setGroups(next);
    await api.saveGroups(next);
  };
  const saveSettings = async (patch: Partial<Settings>) => {
    const next = await api.updateSettings(patch);
    setSettings(next);
    return next;
  };
  const onDeleted = async (keys: string[]) => {
    setSelected((s) => new Set([...s].filter((k) => !keys.includes(k))));
    await refresh();
  };
  /** A summary recomputed elsewhere (the detail view, with the other accounts for S3): show it in the table. */
  const onSummary = useCallback((key: string, sum: Summary) => setFresh((prev) => new Map(prev).set(key, sum)), []);

  const section: Section = route.section;
  const ready = rows && settings;
  const data: DashboardData | null = ready
    ? { entries: entries as IndexEntry[], rows, groups, settings, status, computing: progress !== null }
    : null;

  return (
    <div class="dashboard">
      <header class="dash-header no-print">
        <div class="dash-title">
          <h1>{t.t('dash.title')}</h1>
          <p class="muted">{t.t('dash.privacy')}</p>
        </div>
        <fieldset class="dash-backup">
          <legend class="visually-hidden">{t.t('dash.backup')}</legend>
          <button type="button" onClick={() => void api.exportJson()}>
            {t.t('dash.exportJson')}
          </button>
          <button type="button" onClick={() => void api.exportCsv()}>
            {t.t('dash.exportCsv')}
          </button>
          <button type="button" class="primary" onClick={() => fileInput.current?.click()} disabled={importState === 'busy'}>
            {importState === 'busy' ? t.t('dash.importing') : t.t('dash.import')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            class="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={onFile}
            data-testid="import-input"
          />
        </fieldset>
      </header>
      <div aria-live="polite" data-testid="import-result" class="no-print">
        {typeof importState === 'object' && importState.ok && (
          <p class="notice" role="status">
            {t.t('dash.imported', { added: importState.added, merged: importState.merged })}
            {importState.groups ? ` ${t.t('dash.importedGroups', { n: importState.groups })}` : ''}
          </p>
        )}
        {typeof importState === 'object' && !importState.ok && (
          <div class="notice error" role="alert">
            <p>{t.t('dash.importRefused')}</p>
            <ul>
              {importState.problems.map((p, i) => (
                <li key={i}>
                  {t.t(`dash.importProblem.${p.code}` as MessageKey)} {p.path ? <code>{p.path}</code> : null}{' '}
                  <span class="muted">{p.detail}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {failure && (
        <p class="notice error" role="alert">
          {t.t('popup.storeError', { message: failure })}
        </p>
      )}
      {status?.problem && (
        <p class="notice error" role="alert">
          {t.t('popup.storeError', { message: status.problem.message })}
        </p>
      )}
      {status && status.quarantined.length > 0 && (
        <p class="notice warn no-print" role="status">
          {t.t('dash.quarantined', { list: status.quarantined.map((q) => q.accountKey).join(', ') })}{' '}
          <a href="#data">{t.t('dash.quarantinedMore')}</a>
        </p>
      )}

      <nav class="dash-nav no-print" aria-label={t.t('dash.nav')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <a href={`#${s}`} aria-current={section === s ? 'page' : undefined}>
                {t.t(`dash.section.${s}` as MessageKey)}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {progress && (
        <p class="notice no-print" role="status" aria-live="polite" data-testid="summary-progress">
          {t.t('dash.computing', { done: progress.done, total: progress.total })}
        </p>
      )}

      <main class="dash-main" id="dash-main">
        {!data ? (
          <p class="muted" role="status">
            {t.t('common.loading')}
          </p>
        ) : section === 'accounts' && route.section === 'accounts' && route.key ? (
          <AccountDetail
            key={route.key}
            api={api}
            accountKey={route.key}
            data={data}
            headingRef={headingRef}
            onDeleted={onDeleted}
            onSummary={onSummary}
            onGroups={saveGroups}
          />
        ) : section === 'accounts' ? (
          <AccountsView
            api={api}
            data={data}
            headingRef={headingRef}
            selected={selected}
            onSelected={setSelected}
            onGroups={saveGroups}
            onDeleted={onDeleted}
          />
        ) : route.section === 'compare' ? (
          <CompareView api={api} data={data} route={route} go={go} headingRef={headingRef} />
        ) : route.section === 'audit' ? (
          <AuditView api={api} data={data} route={route} go={go} headingRef={headingRef} onSettings={saveSettings} />
        ) : section === 'data' ? (
          <DataSection data={data} status={status} headingRef={headingRef} onSettings={saveSettings} onScan={scan} />
        ) : (
          <SettingsView data={data} headingRef={headingRef} onSettings={saveSettings} />
        )}
      </main>
    </div>
  );
}
