/**
 * Every tracked account, VK and Instagram together: followers, ER, growth over 7 and 30 days,
 * verdict, last seen, storage; sort by any column, filter by platform, group and verdict, search;
 * accounts seen only in a feed listed apart; select accounts to compare, group or delete.
 */
import type { JSX, RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  type AccountRow,
  DEFAULT_FILTER,
  displayName,
  filterRows,
  firstDir,
  type RowFilter,
  type SortDir,
  type SortKey,
  sortRows,
  totalsOf,
} from '@/lib/dashboard/accounts';
import { addMembers, type Group, removeMembers } from '@/lib/dashboard/groups';
import { formatHash } from '@/lib/dashboard/route';
import type { MessageKey } from '@/lib/i18n';
import { CountValue } from '../common/CountValue';
import { GrowthView } from '../common/GrowthView';
import { useT } from '../common/i18n';
import { MetricView } from '../common/MetricView';
import { VerdictChip } from '../common/VerdictChip';
import type { DashboardApi } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import type { DashboardData } from './Dashboard';
import { GroupsPanel } from './GroupsPanel';

export interface AccountsViewProps {
  api: DashboardApi;
  data: DashboardData;
  headingRef: RefObject<HTMLHeadingElement | null>;
  selected: Set<string>;
  onSelected: (s: Set<string>) => void;
  onGroups: (g: Group[]) => Promise<void>;
  onDeleted: (keys: string[]) => Promise<void>;
}

/**
 * Rows rendered in the first pass (a screen and a half), then per batch: 500 rows in two passes.
 * A batch costs the script that builds its rows; the rows' layout is cheap since rows off screen
 * are skipped (`content-visibility: auto`, options.css), so batches are few and large.
 */
const FIRST_ROWS = 40;
const NEXT_ROWS = 460;

const COLUMNS: Array<{ key: SortKey; label: MessageKey; num?: boolean }> = [
  { key: 'name', label: 'dash.col.account' },
  { key: 'platform', label: 'dash.col.platform' },
  { key: 'followers', label: 'dash.col.followers', num: true },
  { key: 'er', label: 'dash.col.er', num: true },
  { key: 'g7', label: 'dash.col.g7', num: true },
  { key: 'g30', label: 'dash.col.g30', num: true },
  { key: 'verdict', label: 'dash.col.verdict' },
  { key: 'last', label: 'dash.col.lastSeen' },
  { key: 'bytes', label: 'dash.col.size', num: true },
];

function Row({
  r,
  groups,
  checked,
  onCheck,
  computing,
}: {
  r: AccountRow;
  groups: Map<string, Group>;
  checked: boolean;
  onCheck: (k: string, on: boolean) => void;
  computing: boolean;
}) {
  const t = useT();
  const name = displayName(r);
  const v = r.view;
  const none = computing ? (
    <span class="muted">{t.t('dash.computingShort')}</span>
  ) : (
    <span class="smm-unknown" title={t.t('dash.unreadable')}>
      {t.t('common.unknown')}
    </span>
  );
  return (
    <tr data-account={r.key}>
      <td class="sel">
        <input
          type="checkbox"
          checked={checked}
          aria-label={t.t('dash.selectAccount', { name })}
          onChange={(e) => onCheck(r.key, e.currentTarget.checked)}
        />
      </td>
      <th scope="row" class="acct">
        <a href={formatHash({ section: 'accounts', key: r.key })}>{name}</a>
        {r.handle && r.handle !== name && <span class="muted handle"> @{r.handle}</span>}
        {r.groups.length > 0 && (
          <span class="row-groups">
            {r.groups.map((g) => (
              <span class="smm-tag" key={g}>
                {groups.get(g)?.name}
              </span>
            ))}
          </span>
        )}
      </th>
      <td>{t.t(`platform.${r.platform}`)}</td>
      <td class="num">
        {r.feedOnly ? (
          <span class="muted" title={t.t('dash.feedOnlyHint')}>
            {t.t('dash.feedOnlyShort')}
          </span>
        ) : (
          <CountValue count={r.followers} lazy />
        )}
      </td>
      <td class="num" data-col="er">
        {v ? <MetricView metric={v.er} lazy /> : none}
      </td>
      <td class="num" data-col="g7">
        {v ? <GrowthView growth={v.g7} lazy /> : none}
      </td>
      <td class="num" data-col="g30">
        {v ? <GrowthView growth={v.g30} lazy /> : none}
      </td>
      <td data-col="verdict">{v ? <VerdictChip verdict={v.verdict} lazy /> : none}</td>
      <td data-col="last">{t.date(r.last)}</td>
      <td class="num" data-col="bytes">
        {t.bytes(r.bytes)}
      </td>
    </tr>
  );
}

export function AccountsView({ api, data, headingRef, selected, onSelected, onGroups, onDeleted }: AccountsViewProps) {
  const t = useT();
  const [filter, setFilter] = useState<RowFilter>(DEFAULT_FILTER);
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir }>({ key: 'last', dir: 'desc' });
  const [confirm, setConfirm] = useState<string[] | null>(null);
  const [groupTarget, setGroupTarget] = useState('');
  const [note, setNote] = useState<string | null>(null);

  const { rows, groups } = data;
  const groupMap = useMemo(() => new Map(groups.map((g) => [g.id, g])), [groups]);
  const totals = useMemo(() => totalsOf(rows), [rows]);
  const shown = useMemo(() => sortRows(filterRows(rows, filter), sort.key, sort.dir, t.lang), [rows, filter, sort, t.lang]);
  // The first screen of rows is painted at once, the rest right after (issue 8 asks for the table
  // of 500 accounts within 500 ms).
  const [limit, setLimit] = useState(FIRST_ROWS);
  useEffect(() => {
    if (limit >= shown.length) return;
    // in batches, so the page answers clicks and keys while the rest comes in
    const id = setTimeout(() => setLimit((n) => n + NEXT_ROWS), 0);
    return () => clearTimeout(id);
  }, [limit, shown.length]);
  // The rows' vnodes are kept while nothing they show changes: Preact then skips the rows already
  // rendered when the next batch comes in.
  // A vnode is reused per account while its row, selection, groups and state are the same, so
  // sorting and filtering only move rows, and the next batch renders only the new ones.
  const onCheckRef = useRef<(k: string, on: boolean) => void>(() => undefined);
  const cache = useRef(
    new Map<string, { r: AccountRow; checked: boolean; groups: Map<string, Group>; computing: boolean; node: JSX.Element }>(),
  );
  const rowNodes = useMemo(() => {
    const next = new Map<string, { r: AccountRow; checked: boolean; groups: Map<string, Group>; computing: boolean; node: JSX.Element }>();
    const nodes = shown.map((r) => {
      const checked = selected.has(r.key);
      const hit = cache.current.get(r.key);
      const entry =
        hit && hit.r === r && hit.checked === checked && hit.groups === groupMap && hit.computing === data.computing
          ? hit
          : {
              r,
              checked,
              groups: groupMap,
              computing: data.computing,
              node: (
                <Row
                  key={r.key}
                  r={r}
                  groups={groupMap}
                  checked={checked}
                  onCheck={(k, on) => onCheckRef.current(k, on)}
                  computing={data.computing}
                />
              ),
            };
      next.set(r.key, entry);
      return entry.node;
    });
    // keep the entries of rows filtered out for now, so they are reused when they come back
    const live = new Set(rows);
    for (const [k, v] of cache.current) if (!next.has(k) && live.has(v.r)) next.set(k, v);
    cache.current = next;
    return nodes;
  }, [shown, groupMap, selected, data.computing, rows]);
  const visible = limit >= rowNodes.length ? rowNodes : rowNodes.slice(0, limit);
  const set = (patch: Partial<RowFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const filtered = JSON.stringify(filter) !== JSON.stringify(DEFAULT_FILTER);

  onCheckRef.current = (k: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(k);
    else next.delete(k);
    onSelected(next);
  };
  const allShownSelected = shown.length > 0 && shown.every((r) => selected.has(r.key));
  const toggleAll = (on: boolean) => {
    const next = new Set(selected);
    for (const r of shown) {
      if (on) next.add(r.key);
      else next.delete(r.key);
    }
    onSelected(next);
  };
  const sel = [...selected].filter((k) => rows.some((r) => r.key === k));
  const selNames = sel.map((k) => displayName(rows.find((r) => r.key === k) as AccountRow));

  const sortBy = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: firstDir(key) }));

  const addToGroup = async () => {
    const g = groupMap.get(groupTarget);
    if (!g || sel.length === 0) return;
    await onGroups(addMembers(groups, g.id, sel));
    setNote(t.t('dash.groups.added', { n: sel.length, group: g.name }));
  };
  const removeFromGroup = async () => {
    const g = groupMap.get(groupTarget);
    if (!g || sel.length === 0) return;
    await onGroups(removeMembers(groups, g.id, sel));
    setNote(t.t('dash.groups.removed', { n: sel.length, group: g.name }));
  };
  const doDelete = async (keys: string[]) => {
    setConfirm(null);
    await api.deleteAccounts(keys);
    setNote(t.t('dash.deleted', { n: keys.length }));
    await onDeleted(keys);
  };

  return (
    <section aria-labelledby="dash-accounts-h" class="dash-section">
      <h2 id="dash-accounts-h" ref={headingRef} tabIndex={-1}>
        {t.t('dash.accounts')}
      </h2>
      {rows.length === 0 ? (
        <div class="notice">
          <p>{t.t('dash.noAccounts')}</p>
          <p class="muted">{t.t('dash.noAccountsImport')}</p>
        </div>
      ) : (
        <>
          <p class="muted" data-testid="accounts-totals">
            {t.t('dash.totals', { n: totals.accounts, instagram: totals.instagram, vk: totals.vk })}
            {data.status && (
              <span data-testid="storage-use">
                {' · '}
                {t.t('dash.storage', { size: t.bytes(data.status.bytes), accounts: data.status.accounts })}
              </span>
            )}
          </p>
          <search class="dash-filters">
            <label>
              <span>{t.t('dash.filter.search')}</span>
              <input
                type="search"
                value={filter.query}
                onInput={(e) => set({ query: e.currentTarget.value })}
                placeholder={t.t('dash.filter.searchHint')}
              />
            </label>
            <label>
              <span>{t.t('dash.filter.platform')}</span>
              <select value={filter.platform} onChange={(e) => set({ platform: e.currentTarget.value as RowFilter['platform'] })}>
                <option value="all">{t.t('dash.filter.all')}</option>
                <option value="instagram">{t.t('platform.instagram')}</option>
                <option value="vk">{t.t('platform.vk')}</option>
              </select>
            </label>
            <label>
              <span>{t.t('dash.filter.group')}</span>
              <select value={filter.group} onChange={(e) => set({ group: e.currentTarget.value })}>
                <option value="all">{t.t('dash.filter.all')}</option>
                {groups.map((g) => (
                  <option value={g.id} key={g.id}>
                    {g.name}
                  </option>
                ))}
                <option value="none">{t.t('dash.filter.noGroup')}</option>
              </select>
            </label>
            <label>
              <span>{t.t('dash.filter.verdict')}</span>
              <select value={filter.verdict} onChange={(e) => set({ verdict: e.currentTarget.value as RowFilter['verdict'] })}>
                <option value="all">{t.t('dash.filter.all')}</option>
                {(['several', 'some', 'none', 'insufficient'] as const).map((l) => (
                  <option value={l} key={l}>
                    {t.t(`dash.view.verdictShort.${l}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t.t('dash.filter.source')}</span>
              <select value={filter.source} onChange={(e) => set({ source: e.currentTarget.value as RowFilter['source'] })}>
                <option value="visited">{t.t('dash.filter.visited')}</option>
                <option value="feed">{t.t('dash.filter.feed')}</option>
                <option value="all">{t.t('dash.filter.allSources')}</option>
              </select>
            </label>
            {filtered && (
              <button type="button" onClick={() => setFilter(DEFAULT_FILTER)}>
                {t.t('dash.filter.reset')}
              </button>
            )}
          </search>
          <p class="muted" aria-live="polite" data-testid="accounts-count">
            {t.t('dash.showing', { n: shown.length, total: rows.length })}
            {filter.source === 'visited' && totals.feedOnly > 0 && (
              <>
                {' · '}
                <button type="button" class="link" onClick={() => set({ source: 'feed' })}>
                  {t.t('dash.feedOnlyCount', { n: totals.feedOnly })}
                </button>
              </>
            )}
          </p>

          <fieldset class="dash-bulk">
            <legend class="visually-hidden">{t.t('dash.bulk.label')}</legend>
            <span data-testid="selected-count">{t.t('dash.bulk.selected', { n: sel.length })}</span>
            <a
              class={`smm-button${sel.length < 1 ? ' disabled' : ''}`}
              href={sel.length ? formatHash({ section: 'compare', keys: sel, from: null, to: null }) : undefined}
              aria-disabled={sel.length < 1 ? 'true' : undefined}
            >
              {t.t('dash.bulk.compare')}
            </a>
            {groups.length > 0 && (
              <>
                <label>
                  <span class="visually-hidden">{t.t('dash.bulk.group')}</span>
                  <select value={groupTarget} onChange={(e) => setGroupTarget(e.currentTarget.value)}>
                    <option value="">{t.t('dash.bulk.pickGroup')}</option>
                    {groups.map((g) => (
                      <option value={g.id} key={g.id}>
                        {g.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="button" disabled={!groupTarget || sel.length === 0} onClick={() => void addToGroup()}>
                  {t.t('dash.bulk.addToGroup')}
                </button>
                <button type="button" disabled={!groupTarget || sel.length === 0} onClick={() => void removeFromGroup()}>
                  {t.t('dash.bulk.removeFromGroup')}
                </button>
              </>
            )}
            <button type="button" class="danger-outline" disabled={sel.length === 0} onClick={() => setConfirm(sel)}>
              {t.t('dash.bulk.delete')}
            </button>
            {sel.length > 0 && (
              <button type="button" class="link" onClick={() => onSelected(new Set())}>
                {t.t('dash.bulk.clear')}
              </button>
            )}
          </fieldset>
          <p aria-live="polite" class="muted" data-testid="accounts-note">
            {note}
          </p>

          {shown.length === 0 ? (
            <div class="notice">
              <p>{t.t('dash.noMatch')}</p>
              <button type="button" onClick={() => setFilter(DEFAULT_FILTER)}>
                {t.t('dash.filter.reset')}
              </button>
            </div>
          ) : (
            <div class="table-wrap">
              <table data-testid="accounts-table" class="accounts">
                <caption class="visually-hidden">{t.t('dash.accountsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" class="sel">
                      <input
                        type="checkbox"
                        checked={allShownSelected}
                        aria-label={t.t('dash.selectAll')}
                        onChange={(e) => toggleAll(e.currentTarget.checked)}
                      />
                    </th>
                    {COLUMNS.map((c) => (
                      <th
                        scope="col"
                        key={c.key}
                        class={c.num ? 'num' : undefined}
                        aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                      >
                        <button type="button" class="sort" onClick={() => sortBy(c.key)} data-sort={c.key}>
                          {t.t(c.label)}
                          <span aria-hidden="true" class="sort-mark">
                            {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                          </span>
                        </button>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>{visible}</tbody>
              </table>
            </div>
          )}
          <div class="dash-legend" data-testid="accounts-legend">
            <h3>{t.t('dash.legend.title')}</h3>
            <ul>
              <li>{t.t('dash.legend.followers')}</li>
              <li>{t.t('dash.legend.er', { n: data.settings.recentPosts })}</li>
              <li>{t.t('dash.legend.growth')}</li>
              <li>{t.t('dash.legend.verdict')}</li>
              <li>{t.t('dash.legend.hover')}</li>
            </ul>
          </div>
        </>
      )}
      <GroupsPanel groups={groups} rows={rows} onGroups={onGroups} onShow={(id) => set({ group: id })} />
      {confirm && (
        <ConfirmDialog
          title={t.t('dash.deleteTitle', { n: confirm.length })}
          confirmLabel={t.t('dash.deleteConfirm')}
          onCancel={() => setConfirm(null)}
          onConfirm={() => void doDelete(confirm)}
        >
          <p>{t.t('dash.deleteBody')}</p>
          <ul class="delete-list">
            {selNames.slice(0, 10).map((n) => (
              <li key={n}>{n}</li>
            ))}
            {selNames.length > 10 && <li>{t.t('dash.andMore', { n: selNames.length - 10 })}</li>}
          </ul>
        </ConfirmDialog>
      )}
    </section>
  );
}
