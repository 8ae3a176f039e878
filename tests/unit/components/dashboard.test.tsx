import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dashboard, type DashboardApi } from '@/components/dashboard/Dashboard';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import type { IndexEntry } from '@/lib/store/records';
import type { StoreStatus } from '@/lib/store/store';
import { renderIn } from '../../helpers/render';

afterEach(cleanup);

const status = (over: Partial<StoreStatus> = {}): StoreStatus => ({
  schemaVersion: 2,
  accounts: 1,
  snapshots: 3,
  posts: 2,
  bytes: 2048,
  quarantined: [],
  problem: null,
  ...over,
});
const entry: IndexEntry = {
  key: 'vk:-2513295',
  platform: 'vk',
  id: '-2513295',
  handle: 'prfkm',
  name: 'Профком студентов КубГТУ',
  url: 'https://vk.com/prfkm',
  first: 0,
  last: Date.UTC(2026, 9, 1),
  followers: [1100, 1050, 1200, '1.1K'],
  snapshots: 3,
  posts: 2,
  bytes: 1500,
};
function api(over: Partial<DashboardApi> = {}): DashboardApi {
  return {
    listAccounts: vi.fn(async () => [entry]),
    status: vi.fn(async () => status()),
    exportJson: vi.fn(async () => undefined),
    exportCsv: vi.fn(async () => undefined),
    importFile: vi.fn(async () => ({ ok: true as const, added: 1, merged: 0 })),
    histories: vi.fn(async () => []),
    deleteAccounts: vi.fn(async () => undefined),
    saveSummaries: vi.fn(async () => 0),
    peers: vi.fn(async () => ({ series: [] })),
    groups: vi.fn(async () => []),
    saveGroups: vi.fn(async () => undefined),
    settings: vi.fn(async () => DEFAULT_SETTINGS),
    updateSettings: vi.fn(async (patch) => ({ ...DEFAULT_SETTINGS, ...patch })),
    download: vi.fn(),
    print: vi.fn(),
    ...over,
  };
}

describe('dashboard', () => {
  it('lists tracked accounts with storage use', async () => {
    renderIn('en', <Dashboard api={api()} />);
    await screen.findByText('Профком студентов КубГТУ');
    expect(screen.getByText('≈1.1K')).toBeTruthy();
    expect((await screen.findByTestId('storage-use')).textContent).toContain('2 kB');
  });

  it('empty state', async () => {
    renderIn('en', <Dashboard api={api({ listAccounts: async () => [], status: async () => status({ accounts: 0 }) })} />);
    await screen.findByText(/No accounts yet/);
  });

  it('buttons have accessible names in both languages', async () => {
    const a = api();
    renderIn('en', <Dashboard api={a} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export JSON' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(screen.getByRole('button', { name: 'Import' })).toBeTruthy();
    expect(a.exportJson).toHaveBeenCalled();
    expect(a.exportCsv).toHaveBeenCalled();
    cleanup();
    renderIn('ru', <Dashboard api={api()} />);
    expect(await screen.findByRole('button', { name: 'Экспорт JSON' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Экспорт CSV' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Импорт' })).toBeTruthy();
  });

  it('shows what was imported', async () => {
    renderIn('en', <Dashboard api={api()} />);
    const input = (await screen.findByTestId('import-input')) as HTMLInputElement;
    const file = new File(['{}'], 'backup.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file] });
    fireEvent.change(input);
    await waitFor(() => expect(screen.getByTestId('import-result').textContent).toContain('Imported: 1 new accounts'));
  });

  it('says why a file was refused', async () => {
    const refuse = api({
      importFile: async () => ({ ok: false, problems: [{ code: 'wrong-version', detail: 'backup version 2 is not supported' }] }),
    });
    renderIn('ru', <Dashboard api={refuse} />);
    const input = (await screen.findByTestId('import-input')) as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'b.json')] });
    fireEvent.change(input);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Файл не импортирован');
    expect(alert.textContent).toContain('версией');
  });

  it('storage problems and set-aside records are shown', async () => {
    renderIn(
      'en',
      <Dashboard
        api={api({
          status: async () =>
            status({
              problem: { code: 'quota', message: 'Storage is full', at: 0 },
              quarantined: [{ storageKey: 'quarantine:x', accountKey: 'instagram:broken', at: 0, reason: 'bad' }],
            }),
        })}
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Storage is full');
    expect(screen.getByText(/instagram:broken/)).toBeTruthy();
  });
});
