/**
 * Component-test harness for the dashboard: the real store on WXT's fake browser, loaded with the
 * prepared backup (tests/fixtures/backups/dashboard-demo.json) once and restored before each test.
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createStoreApi, type DashboardApi } from '@/components/dashboard/api';
import { Dashboard } from '@/components/dashboard/Dashboard';
import { mergePortable, saveGroups } from '@/lib/dashboard/groups';
import type { Lang } from '@/lib/i18n';
import { mergeIntoStore } from '@/lib/store/store';
import { renderIn } from '../../helpers/render';
import { demoCheck } from './demo';

let snapshot: Record<string, unknown> | null = null;

/** Fill the fake storage with the demo backup (computed once, then copied). */
export async function loadDemo(): Promise<void> {
  if (!snapshot) {
    const check = demoCheck();
    await mergeIntoStore(structuredClone(check.records));
    await saveGroups(
      mergePortable(
        [],
        check.backup.groups ?? [],
        (() => {
          let n = 0;
          return () => `g${++n}`;
        })(),
      ).groups,
    );
    snapshot = structuredClone(await fakeBrowser.storage.local.get(null));
  } else {
    await fakeBrowser.storage.local.set(structuredClone(snapshot));
  }
}

export function storeApi(): DashboardApi & { download: ReturnType<typeof vi.fn>; print: ReturnType<typeof vi.fn> } {
  const download = vi.fn();
  const print = vi.fn();
  return Object.assign(createStoreApi({ download, print, appVersion: '0.0.0-test' }), { download, print });
}

export function openAt(hash: string, lang: Lang = 'en', api: DashboardApi = storeApi()) {
  history.replaceState(null, '', `${location.pathname}${hash}`);
  const r = renderIn(lang, <Dashboard api={api} />);
  return { ...r, api };
}
