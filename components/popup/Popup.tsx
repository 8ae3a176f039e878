import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PageState } from '@/lib/messaging';
import type { AccountHistory, IndexEntry } from '@/lib/store/records';
import { unpackCount } from '@/lib/store/records';
import type { StoreProblem } from '@/lib/store/store';
import { CountValue } from '../common/CountValue';
import { useT } from '../common/i18n';

export interface PopupData {
  /** null when the active tab has no content script (not VK or Instagram). */
  page: PageState | null;
  /** stored history of the page's account, when there is one */
  history: AccountHistory | null;
  recent: IndexEntry[];
  problem: StoreProblem | null;
}

export interface PopupProps {
  load: () => Promise<PopupData>;
  openDashboard: () => void;
}

function latest(history: AccountHistory) {
  const pick = (k: 'followers' | 'following' | 'posts') => {
    for (let i = history.snapshots.length - 1; i >= 0; i--) {
      const c = history.snapshots[i][k];
      if (c) return c;
    }
    return null;
  };
  return { followers: pick('followers'), following: pick('following'), posts: pick('posts') };
}

function AccountNumbers({ history }: { history: AccountHistory }) {
  const t = useT();
  const counts = latest(history);
  return (
    <section aria-labelledby="smm-account-name">
      <h2 id="smm-account-name" class="account-name">
        <a href={history.url} target="_blank" rel="noreferrer">
          {history.name ?? history.handle ?? history.id}
        </a>{' '}
        <span class="muted">{t.t(`platform.${history.platform}`)}</span>
      </h2>
      <dl class="counts">
        {(['followers', 'following', 'posts'] as const).map((k) => (
          <div key={k} data-count={k}>
            <dt>{t.t(`count.${k}`)}</dt>
            <dd>
              <CountValue count={counts[k]} />
            </dd>
          </div>
        ))}
      </dl>
      <p class="muted" data-testid="snapshot-count">
        {t.tn('popup.snapshots', history.snapshots.length)} · {t.t('popup.lastSeen', { when: t.dateTime(history.lastSeen) })}
      </p>
    </section>
  );
}

function RecentList({ recent }: { recent: IndexEntry[] }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = q ? recent.filter((e) => `${e.name ?? ''} ${e.handle ?? ''} ${e.id}`.toLowerCase().includes(q)) : recent;
    return list.slice(0, 50);
  }, [recent, query]);
  if (recent.length === 0) return <p class="muted">{t.t('popup.noRecent')}</p>;
  return (
    <section aria-labelledby="smm-recent">
      <h2 id="smm-recent">{t.t('popup.recent')}</h2>
      <input
        type="search"
        aria-label={t.t('popup.search')}
        placeholder={t.t('popup.search')}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <ul class="recent">
        {shown.map((e) => (
          <li key={e.key}>
            <a href={e.url} target="_blank" rel="noreferrer">
              {e.name ?? e.handle ?? e.id}
            </a>{' '}
            <span class="muted">
              {t.t(`platform.${e.platform}`)} · <CountValue count={unpackCount(e.followers)} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Popup({ load, openDashboard }: PopupProps) {
  const t = useT();
  const [data, setData] = useState<PopupData | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    load().then(setData, (e: unknown) => setFailure(e instanceof Error ? e.message : String(e)));
  }, [load]);

  let body: JSX.Element;
  if (failure)
    body = (
      <p class="notice error" role="alert">
        {t.t('popup.storeError', { message: failure })}
      </p>
    );
  else if (!data)
    body = (
      <p class="muted" role="status">
        {t.t('common.loading')}
      </p>
    );
  else {
    const { page, history, recent } = data;
    if (!page)
      body = (
        <>
          <p class="notice">{t.t('popup.notSupported')}</p>
          <RecentList recent={recent} />
        </>
      );
    else if (history) body = <AccountNumbers history={history} />;
    else if (page.status === 'unreadable')
      body = (
        <p class="notice warn" role="status">
          {t.t('popup.unreadable')}
        </p>
      );
    else if (!page.accountKey)
      body = (
        <>
          <p class="notice">{t.t('popup.noAccountOnPage', { kind: t.t(`page.${page.pageKind}`) })}</p>
          <RecentList recent={recent} />
        </>
      );
    else if (page.status === 'reading')
      body = (
        <p class="muted" role="status">
          {t.t('popup.reading')}
        </p>
      );
    else body = <p class="notice">{t.t('popup.nothingStored')}</p>;
  }
  return (
    <main class="popup">
      <header>
        <h1>{t.t('popup.title')}</h1>
        <button type="button" onClick={openDashboard}>
          {t.t('popup.openDashboard')}
        </button>
      </header>
      {data?.problem && (
        <p class="notice error" role="alert">
          {t.t('popup.storeError', { message: data.problem.message })}
        </p>
      )}
      {body}
    </main>
  );
}
