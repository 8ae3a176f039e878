import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ImportProblem } from '@/lib/backup/import';
import type { MessageKey } from '@/lib/i18n';
import type { IndexEntry } from '@/lib/store/records';
import { unpackCount } from '@/lib/store/records';
import type { StoreStatus } from '@/lib/store/store';
import { CountValue } from '../common/CountValue';
import { useT } from '../common/i18n';

export type ImportOutcome =
  | { ok: true; added: number; merged: number }
  | { ok: false; problems: ImportProblem[] | Array<{ code: 'write'; detail: string; path?: string }> };

export interface DashboardApi {
  listAccounts(): Promise<IndexEntry[]>;
  status(): Promise<StoreStatus>;
  exportJson(): Promise<void>;
  exportCsv(): Promise<void>;
  importFile(file: File): Promise<ImportOutcome>;
}

export function Dashboard({ api }: { api: DashboardApi }) {
  const t = useT();
  const [accounts, setAccounts] = useState<IndexEntry[] | null>(null);
  const [status, setStatus] = useState<StoreStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [importState, setImportState] = useState<'idle' | 'busy' | ImportOutcome>('idle');
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(() => {
    Promise.all([api.listAccounts(), api.status()]).then(
      ([a, s]) => {
        setAccounts(a);
        setStatus(s);
      },
      (e: unknown) => setFailure(e instanceof Error ? e.message : String(e)),
    );
  }, [api]);
  useEffect(refresh, [refresh]);

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
    refresh();
  };

  return (
    <main class="dashboard">
      <h1>{t.t('dash.title')}</h1>
      <p class="muted">{t.t('dash.privacy')}</p>
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

      <section aria-labelledby="smm-data">
        <h2 id="smm-data">{t.t('dash.data')}</h2>
        <div class="actions">
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
        </div>
        <div aria-live="polite" data-testid="import-result">
          {typeof importState === 'object' && importState.ok && (
            <p class="notice" role="status">
              {t.t('dash.imported', { added: importState.added, merged: importState.merged })}
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
        {status && (
          <p class="muted" data-testid="storage-use">
            {t.t('dash.storage', { size: t.bytes(status.bytes), accounts: status.accounts })}
          </p>
        )}
        {status && status.quarantined.length > 0 && (
          <p class="notice warn" role="status">
            {t.t('dash.quarantined', { list: status.quarantined.map((q) => q.accountKey).join(', ') })}
          </p>
        )}
      </section>

      <section aria-labelledby="smm-accounts">
        <h2 id="smm-accounts">{t.t('dash.accounts')}</h2>
        {accounts === null ? (
          <p class="muted" role="status">
            {t.t('common.loading')}
          </p>
        ) : accounts.length === 0 ? (
          <p class="notice">{t.t('dash.noAccounts')}</p>
        ) : (
          <table data-testid="accounts-table">
            <thead>
              <tr>
                <th scope="col">{t.t('dash.col.account')}</th>
                <th scope="col">{t.t('dash.col.platform')}</th>
                <th scope="col" class="num">
                  {t.t('dash.col.followers')}
                </th>
                <th scope="col" class="num">
                  {t.t('dash.col.snapshots')}
                </th>
                <th scope="col" class="num">
                  {t.t('dash.col.posts')}
                </th>
                <th scope="col">{t.t('dash.col.lastSeen')}</th>
                <th scope="col" class="num">
                  {t.t('dash.col.size')}
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.key} data-account={a.key}>
                  <td>
                    <a href={a.url} target="_blank" rel="noreferrer">
                      {a.name ?? a.handle ?? a.id}
                    </a>
                  </td>
                  <td>{t.t(`platform.${a.platform}`)}</td>
                  <td class="num">
                    <CountValue count={unpackCount(a.followers)} />
                  </td>
                  <td class="num">{t.number(a.snapshots)}</td>
                  <td class="num">{t.number(a.posts)}</td>
                  <td>{t.dateTime(a.last)}</td>
                  <td class="num">{t.bytes(a.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
