/**
 * Your data: storage use in total, per platform and per account; records set aside because they
 * could not be read; the last storage problem; how long history is kept. Export and import sit
 * in the page header, on every section.
 */
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { displayName } from '@/lib/dashboard/accounts';
import type { Settings } from '@/lib/settings';
import type { StoreStatus } from '@/lib/store/store';
import { useT } from '../common/i18n';
import type { DashboardData } from './Dashboard';

export interface DataSectionProps {
  data: DashboardData;
  status: StoreStatus | null;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onSettings: (patch: Partial<Settings>) => Promise<Settings>;
  /** look for damaged records now (when the status has not yet) */
  onScan: () => Promise<void>;
}

const RETENTION = [null, 90, 180, 365, 730, 1095] as const;
const COMPACT = [30, 90, 180, 365] as const;

export function DataSection({ data, status, headingRef, onSettings, onScan }: DataSectionProps) {
  const t = useT();
  const unscanned = !status || status.scanned === false;
  useEffect(() => {
    if (unscanned) void onScan();
  }, [unscanned, onScan]);
  const [saved, setSaved] = useState('');
  const rows = data.rows;
  const byPlatform = { vk: 0, instagram: 0 };
  for (const r of rows) byPlatform[r.platform] += r.bytes;
  const largest = [...rows].sort((a, b) => b.bytes - a.bytes).slice(0, 10);
  const save = async (patch: Partial<Settings>) => {
    await onSettings(patch);
    setSaved(t.t('dash.settings.saved'));
  };
  const retention = data.settings.retentionDays;
  const retentionOptions = RETENTION.includes(retention as never) ? RETENTION : [...RETENTION, retention];

  return (
    <section class="dash-section" aria-labelledby="dash-data-h">
      <h2 id="dash-data-h" ref={headingRef} tabIndex={-1}>
        {t.t('dash.section.data')}
      </h2>
      <p class="muted">{t.t('dash.data.intro')}</p>

      <section aria-labelledby="dash-storage-h">
        <h3 id="dash-storage-h">{t.t('dash.data.storage')}</h3>
        {status ? (
          <dl class="key-numbers" data-testid="data-storage">
            <div>
              <dt>{t.t('dash.data.total')}</dt>
              <dd>{t.bytes(status.bytes)}</dd>
            </div>
            <div>
              <dt>{t.t('dash.data.accounts')}</dt>
              <dd>{t.number(status.accounts)}</dd>
            </div>
            <div>
              <dt>{t.t('dash.detail.snapshots')}</dt>
              <dd>{t.number(status.snapshots)}</dd>
            </div>
            <div>
              <dt>{t.t('dash.detail.postsSeen')}</dt>
              <dd>{t.number(status.posts)}</dd>
            </div>
            <div>
              <dt>{t.t('platform.instagram')}</dt>
              <dd>{t.bytes(byPlatform.instagram)}</dd>
            </div>
            <div>
              <dt>{t.t('platform.vk')}</dt>
              <dd>{t.bytes(byPlatform.vk)}</dd>
            </div>
          </dl>
        ) : (
          <p class="muted">{t.t('common.loading')}</p>
        )}
        {largest.length > 0 && (
          <table class="largest">
            <caption>{t.t('dash.data.largest')}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('dash.col.account')}</th>
                <th scope="col" class="num">
                  {t.t('dash.detail.snapshots')}
                </th>
                <th scope="col" class="num">
                  {t.t('dash.detail.postsSeen')}
                </th>
                <th scope="col" class="num">
                  {t.t('dash.col.size')}
                </th>
              </tr>
            </thead>
            <tbody>
              {largest.map((r) => (
                <tr key={r.key}>
                  <th scope="row">
                    <a href={`#accounts/${encodeURIComponent(r.key)}`}>{displayName(r)}</a>
                  </th>
                  <td class="num">{t.number(r.snapshots)}</td>
                  <td class="num">{t.number(r.posts)}</td>
                  <td class="num">{t.bytes(r.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="dash-backup-h">
        <h3 id="dash-backup-h">{t.t('dash.data.backupTitle')}</h3>
        <p>{t.t('dash.data.backupText')}</p>
      </section>

      <section aria-labelledby="dash-quarantine-h">
        <h3 id="dash-quarantine-h">{t.t('dash.data.quarantine')}</h3>
        {status?.problem && (
          <p class="notice error" role="alert">
            {t.t('dash.data.problem', { when: t.dateTime(status.problem.at), message: status.problem.message })}
          </p>
        )}
        {unscanned ? (
          <p class="muted" role="status">
            {t.t('dash.data.scanning')}
          </p>
        ) : !status || status.quarantined.length === 0 ? (
          <p class="muted" data-testid="quarantine-none">
            {t.t('dash.data.quarantineNone')}
          </p>
        ) : (
          <>
            <p>{t.t('dash.data.quarantineText')}</p>
            <table data-testid="quarantine-table">
              <thead>
                <tr>
                  <th scope="col">{t.t('dash.col.account')}</th>
                  <th scope="col">{t.t('dash.data.setAside')}</th>
                  <th scope="col">{t.t('dash.data.reason')}</th>
                  <th scope="col">{t.t('dash.data.storageKey')}</th>
                </tr>
              </thead>
              <tbody>
                {status.quarantined.map((q) => (
                  <tr key={q.storageKey}>
                    <th scope="row">{q.accountKey}</th>
                    <td>{q.at ? t.dateTime(q.at) : t.t('dash.data.notYet')}</td>
                    <td>
                      <code class="reason">{q.reason.split('\n').slice(0, 3).join(' ')}</code>
                    </td>
                    <td>
                      <code>{q.storageKey}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section aria-labelledby="dash-retention-h">
        <h3 id="dash-retention-h">{t.t('dash.data.retention')}</h3>
        <div class="settings-grid">
          <label>
            <span>{t.t('dash.data.retentionLabel')}</span>
            <select
              value={retention === null ? '' : String(retention)}
              onChange={(e) => void save({ retentionDays: e.currentTarget.value ? Number(e.currentTarget.value) : null })}
              data-testid="retention"
            >
              {retentionOptions.map((d) => (
                <option value={d === null ? '' : String(d)} key={String(d)}>
                  {d === null ? t.t('dash.data.keepAll') : t.t('dash.data.days', { n: d })}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t.t('dash.data.compactLabel')}</span>
            <select
              value={String(data.settings.compactAfterDays)}
              onChange={(e) => void save({ compactAfterDays: Number(e.currentTarget.value) })}
            >
              {(COMPACT.includes(data.settings.compactAfterDays as never) ? COMPACT : [...COMPACT, data.settings.compactAfterDays]).map(
                (d) => (
                  <option value={String(d)} key={d}>
                    {t.t('dash.data.days', { n: d })}
                  </option>
                ),
              )}
            </select>
          </label>
        </div>
        <p class="muted small">{t.t('dash.data.retentionText')}</p>
        <p aria-live="polite" class="muted small" data-testid="data-saved">
          {saved}
        </p>
      </section>
    </section>
  );
}
