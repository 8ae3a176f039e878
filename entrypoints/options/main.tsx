import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/common/theme.css';
import './options.css';
import { I18nProvider, resolveLang } from '@/components/common/i18n';
import { Dashboard, type DashboardApi } from '@/components/dashboard/Dashboard';
import { postsCsv, snapshotsCsv } from '@/lib/backup/csv';
import { backupFileName, buildBackup } from '@/lib/backup/export';
import { MAX_BACKUP_BYTES } from '@/lib/backup/format';
import { checkBackupText } from '@/lib/backup/import';
import { getSettings } from '@/lib/settings';
import { getAllRecords, getStoreStatus, listAccounts, mergeIntoStore } from '@/lib/store/store';
import { downloadText } from '@/lib/ui/download';

const api: DashboardApi = {
  listAccounts,
  status: getStoreStatus,
  async exportJson() {
    const backup = buildBackup(await getAllRecords(), browser.runtime.getManifest().version);
    downloadText(backupFileName(), JSON.stringify(backup, null, 1), 'application/json');
  },
  async exportCsv() {
    const records = await getAllRecords();
    downloadText(backupFileName(new Date(), 'csv', 'snapshots'), snapshotsCsv(records), 'text/csv;charset=utf-8');
    downloadText(backupFileName(new Date(), 'csv', 'posts'), postsCsv(records), 'text/csv;charset=utf-8');
  },
  async importFile(file) {
    if (file.size > MAX_BACKUP_BYTES) {
      return { ok: false, problems: [{ code: 'too-large', detail: `${Math.round(file.size / 1024 / 1024)} MB` }] };
    }
    const check = checkBackupText(await file.text());
    if (!check.ok) return check;
    try {
      return { ok: true, ...(await mergeIntoStore(check.records)) };
    } catch (e) {
      return { ok: false, problems: [{ code: 'write', detail: e instanceof Error ? e.message : String(e) }] };
    }
  },
};

async function main() {
  const settings = await getSettings();
  const lang = resolveLang(settings.language, browser.i18n.getUILanguage());
  if (settings.theme !== 'auto') document.documentElement.dataset.theme = settings.theme;
  document.title = lang === 'ru' ? 'Панель SMM Lens' : 'SMM Lens dashboard';
  render(
    <I18nProvider lang={lang}>
      <Dashboard api={api} />
    </I18nProvider>,
    document.getElementById('app') as HTMLElement,
  );
}

void main();
