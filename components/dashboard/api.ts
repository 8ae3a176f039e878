/**
 * What the dashboard needs from the extension, as one interface: the options page wires it to the
 * store (createStoreApi), component tests give it the same store on WXT's fake browser or a stub.
 */
import { postsCsv, snapshotsCsv } from '@/lib/backup/csv';
import { backupFileName, buildBackup } from '@/lib/backup/export';
import { MAX_BACKUP_BYTES } from '@/lib/backup/format';
import { checkBackupText, type ImportProblem } from '@/lib/backup/import';
import { forgetAccounts, type Group, getGroups, mergePortable, saveGroups, toPortable } from '@/lib/dashboard/groups';
import { peersFromRecords } from '@/lib/dashboard/peers';
import type { Platform } from '@/lib/model';
import { getSettings, type Settings, updateSettings } from '@/lib/settings';
import type { PeerGrowth } from '@/lib/signals/types';
import { decodeRecord } from '@/lib/store/history';
import type { AccountHistory, IndexEntry, Summary } from '@/lib/store/records';
import {
  deleteAccount,
  getAllRecords,
  getRecords,
  getStoreStatus,
  listAccounts,
  mergeIntoStore,
  type StoreStatus,
  saveSummaries,
} from '@/lib/store/store';

export type ImportOutcome =
  | { ok: true; added: number; merged: number; groups?: number }
  | { ok: false; problems: ImportProblem[] | Array<{ code: 'write'; detail: string; path?: string }> };

export interface DashboardApi {
  listAccounts(): Promise<IndexEntry[]>;
  /** storage use, damaged records set aside, the last write problem; `scan: false` skips the (slow) search for damaged records */
  status(opts?: { scan?: boolean }): Promise<StoreStatus>;
  exportJson(): Promise<void>;
  exportCsv(): Promise<void>;
  importFile(file: File): Promise<ImportOutcome>;
  /** decoded histories of these accounts (missing ones left out) */
  histories(keys: string[]): Promise<AccountHistory[]>;
  /** delete accounts (their records and their place in groups and saved audits) */
  deleteAccounts(keys: string[]): Promise<void>;
  /** store summaries computed by the dashboard (kept only when the record did not change since) */
  saveSummaries(items: Array<{ key: string; last: number; bytes: number; sum: Summary }>): Promise<number>;
  /** the other tracked accounts' follower series, for S3's purge correction */
  peers(platform: Platform): Promise<PeerGrowth>;
  groups(): Promise<Group[]>;
  saveGroups(groups: Group[]): Promise<void>;
  settings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  /** save a text file through the browser's download */
  download(fileName: string, text: string, mime: string): void;
  /** the browser's print dialog (print or save as PDF) */
  print(): void;
}

export interface StoreApiDeps {
  download: DashboardApi['download'];
  print: DashboardApi['print'];
  appVersion: string;
}

export function createStoreApi(deps: StoreApiDeps): DashboardApi {
  let peerCache: { at: number; platform: Platform; peers: PeerGrowth } | null = null;
  return {
    listAccounts,
    status: (opts) => getStoreStatus(opts),
    async exportJson() {
      const backup = buildBackup(await getAllRecords(), deps.appVersion, Date.now(), toPortable(await getGroups()));
      deps.download(backupFileName(), JSON.stringify(backup, null, 1), 'application/json');
    },
    async exportCsv() {
      const records = await getAllRecords();
      deps.download(backupFileName(new Date(), 'csv', 'snapshots'), snapshotsCsv(records), 'text/csv;charset=utf-8');
      deps.download(backupFileName(new Date(), 'csv', 'posts'), postsCsv(records), 'text/csv;charset=utf-8');
    },
    async importFile(file) {
      if (file.size > MAX_BACKUP_BYTES) {
        return { ok: false, problems: [{ code: 'too-large', detail: `${Math.round(file.size / 1024 / 1024)} MB` }] };
      }
      const check = checkBackupText(await file.text());
      if (!check.ok) return check;
      try {
        const result = await mergeIntoStore(check.records);
        let groups = 0;
        if (check.backup.groups?.length) {
          const merged = mergePortable(await getGroups(), check.backup.groups);
          await saveGroups(merged.groups);
          groups = merged.added + merged.extended;
        }
        peerCache = null;
        return { ok: true, ...result, groups };
      } catch (e) {
        return { ok: false, problems: [{ code: 'write', detail: e instanceof Error ? e.message : String(e) }] };
      }
    },
    async histories(keys) {
      return (await getRecords(keys)).map(decodeRecord);
    },
    async deleteAccounts(keys) {
      for (const k of keys) await deleteAccount(k);
      await saveGroups(forgetAccounts(await getGroups(), keys));
      const s = await getSettings();
      const audits = { ...s.audits };
      for (const k of keys) delete audits[k];
      await updateSettings({ audits, lastAudit: s.lastAudit && keys.includes(s.lastAudit) ? null : s.lastAudit });
      peerCache = null;
    },
    saveSummaries,
    async peers(platform) {
      // one minute of cache: the detail view and the audit of the same session reuse it
      if (peerCache && peerCache.platform === platform && Date.now() - peerCache.at < 60_000) return peerCache.peers;
      const peers = peersFromRecords(await getAllRecords(), platform);
      peerCache = { at: Date.now(), platform, peers };
      return peers;
    },
    groups: getGroups,
    saveGroups,
    settings: getSettings,
    updateSettings,
    download: deps.download,
    print: deps.print,
  };
}
