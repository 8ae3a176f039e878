/**
 * The user's groups ("Конкуренты", "Клиенты"): create, rename, delete, and show a group's accounts
 * in the table. Members are added and removed from the table's selection or the account's page.
 */
import { useState } from 'preact/hooks';
import type { AccountRow } from '@/lib/dashboard/accounts';
import { checkName, createGroup, deleteGroup, type Group, MAX_GROUP_NAME, renameGroup } from '@/lib/dashboard/groups';
import { formatHash } from '@/lib/dashboard/route';
import type { MessageKey } from '@/lib/i18n';
import { useT } from '../common/i18n';
import { ConfirmDialog } from './ConfirmDialog';

export interface GroupsPanelProps {
  groups: Group[];
  rows: AccountRow[];
  onGroups: (g: Group[]) => Promise<void>;
  onShow: (id: string) => void;
}

export function GroupsPanel({ groups, rows, onGroups, onShow }: GroupsPanelProps) {
  const t = useT();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [confirm, setConfirm] = useState<Group | null>(null);
  const [status, setStatus] = useState('');
  const existing = new Set(rows.map((r) => r.key));

  const create = async (e: Event) => {
    e.preventDefault();
    const p = checkName(groups, name);
    if (p) {
      setProblem(t.t(`dash.groups.problem.${p}` as MessageKey, { max: MAX_GROUP_NAME }));
      return;
    }
    setProblem(null);
    await onGroups(createGroup(groups, name));
    setStatus(t.t('dash.groups.created', { name: name.trim() }));
    setName('');
  };
  const rename = async (e: Event) => {
    e.preventDefault();
    if (!editing) return;
    const p = checkName(groups, editing.name, editing.id);
    if (p) {
      setProblem(t.t(`dash.groups.problem.${p}` as MessageKey, { max: MAX_GROUP_NAME }));
      return;
    }
    setProblem(null);
    await onGroups(renameGroup(groups, editing.id, editing.name));
    setEditing(null);
  };

  return (
    <section class="dash-groups" aria-labelledby="dash-groups-h">
      <h3 id="dash-groups-h">{t.t('dash.groups.title')}</h3>
      <p class="muted">{t.t('dash.groups.hint')}</p>
      {groups.length > 0 && (
        <ul class="group-list" data-testid="groups-list">
          {groups.map((g) => {
            const members = g.members.filter((k) => existing.has(k));
            return (
              <li key={g.id} data-group={g.name}>
                {editing?.id === g.id ? (
                  <form onSubmit={(e) => void rename(e)} class="inline-form">
                    <label>
                      <span class="visually-hidden">{t.t('dash.groups.newName')}</span>
                      <input
                        value={editing.name}
                        maxLength={MAX_GROUP_NAME}
                        onInput={(e) => setEditing({ id: g.id, name: e.currentTarget.value })}
                      />
                    </label>
                    <button type="submit">{t.t('dash.save')}</button>
                    <button type="button" onClick={() => setEditing(null)}>
                      {t.t('dash.cancel')}
                    </button>
                  </form>
                ) : (
                  <>
                    <strong>{g.name}</strong> <span class="muted">{t.t('dash.groups.members', { n: members.length })}</span>{' '}
                    <button type="button" class="link" onClick={() => onShow(g.id)}>
                      {t.t('dash.groups.show')}
                    </button>{' '}
                    <a
                      href={formatHash({ section: 'compare', keys: members, from: null, to: null })}
                      class={members.length ? undefined : 'disabled'}
                    >
                      {t.t('dash.groups.compare')}
                    </a>{' '}
                    <button
                      type="button"
                      class="link"
                      onClick={() => setEditing({ id: g.id, name: g.name })}
                      aria-label={t.t('dash.groups.renameNamed', { name: g.name })}
                    >
                      {t.t('dash.groups.rename')}
                    </button>{' '}
                    <button
                      type="button"
                      class="link danger-text"
                      onClick={() => setConfirm(g)}
                      aria-label={t.t('dash.groups.deleteNamed', { name: g.name })}
                    >
                      {t.t('dash.groups.delete')}
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <form class="inline-form" onSubmit={(e) => void create(e)}>
        <label>
          <span>{t.t('dash.groups.newLabel')}</span>
          <input
            value={name}
            maxLength={MAX_GROUP_NAME + 10}
            placeholder={t.t('dash.groups.placeholder')}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <button type="submit">{t.t('dash.groups.create')}</button>
      </form>
      <p aria-live="polite" class={problem ? 'notice error' : 'muted'}>
        {problem ?? status}
      </p>
      {confirm && (
        <ConfirmDialog
          title={t.t('dash.groups.deleteTitle', { name: confirm.name })}
          confirmLabel={t.t('dash.groups.delete')}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const g = confirm;
            setConfirm(null);
            void onGroups(deleteGroup(groups, g.id)).then(() => setStatus(t.t('dash.groups.deleted', { name: g.name })));
          }}
        >
          <p>{t.t('dash.groups.deleteBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
