/**
 * The toolbar popup.
 *
 * - On a VK or Instagram page whose account has a stored history: the account's numbers in full
 *   (components/overlay/AccountDetails: every ER variant with its formula, growth per day, week
 *   and 30 days and the growth rate, the follower chart with the band of abbreviated counts and the
 *   flagged intervals, the verdict with each flag's evidence, where the numbers came from), when it
 *   was last seen, and a link to its page in the dashboard.
 * - Elsewhere (or on a feed): the recently seen accounts, searchable, each opening its page.
 * - A state for everything: loading, still reading the page, nothing stored yet, page not readable
 *   (the site may have changed), storage error.
 *
 * It only renders: the background builds everything it shows in one answer (message getPopupView,
 * lib/popup-view.ts), so this bundle holds neither the store, the metrics engine nor zod. The
 * headline numbers come first; the full details (chart, every variant, each flag's evidence) are a
 * separate chunk, drawn right after the first frame.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { MessageKey } from '@/lib/i18n/translator';
import { renderMsg } from '@/lib/metrics/text';
import type { PopupAccount, PopupRecent, PopupView } from '@/lib/popup-view';
import { CountValue } from '../common/CountValue';
import { GrowthView } from '../common/GrowthView';
import { useT } from '../common/i18n';
import { MetricView } from '../common/MetricView';
import { VerdictChip } from '../common/VerdictChip';

type Details = typeof import('../overlay/AccountDetails').AccountDetails;

let detailsModule: Promise<Details> | null = null;
/** The details' chunk (chart, signal lists), loaded once; main.tsx starts it as soon as an account is known. */
export function loadDetails(): Promise<Details> {
  detailsModule ??= import('../overlay/AccountDetails').then(
    (m) => m.AccountDetails,
    (e: unknown) => {
      detailsModule = null; // tried again by the next view
      throw e;
    },
  );
  return detailsModule;
}

/** Run `fn` after the next frame is produced (the headline painted first), else after a task. */
function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => (timer = setTimeout(fn, 0))) : undefined;
  if (frame === undefined) timer = setTimeout(fn, 0);
  return () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

export interface PopupProps {
  /** the view model (the background's answer); rejects with the reason when it cannot be had */
  load: () => Promise<PopupView>;
  /** open the dashboard, on an account when a key is given */
  openDashboard: (key?: string) => void;
  /** called once the numbers (or the state that replaces them) are on screen */
  onShown?: () => void;
}

function AccountView({ account, openDashboard }: { account: PopupAccount; openDashboard: PopupProps['openDashboard'] }) {
  const t = useT();
  const counts = account.counts;
  const a = account.analysis;
  // The headline numbers first; the full details (chart, signals, every variant) once the first
  // frame is out, so the numbers are on screen as soon as they are known.
  const [Details, setDetails] = useState<Details | null>(null);
  useEffect(() => {
    let live = true;
    const cancel = afterPaint(() => {
      loadDetails().then(
        (D) => {
          if (live) setDetails(() => D);
        },
        () => undefined, // the headline stays; the details say they are loading
      );
    });
    return () => {
      live = false;
      cancel();
    };
  }, []);
  return (
    <section aria-labelledby="smm-account-name" data-testid="popup-account">
      <h2 id="smm-account-name" class="account-name">
        <a href={account.url} target="_blank" rel="noreferrer">
          {account.name ?? account.handle ?? account.id}
        </a>{' '}
        <span class="muted">
          {account.handle && account.handle !== account.name ? `@${account.handle} · ` : ''}
          {t.t(`platform.${account.platform}`)}
        </span>
      </h2>
      <p class="muted" data-testid="snapshot-count">
        {t.tn('popup.snapshots', account.snapshots)} · {t.t('popup.lastSeen', { when: t.dateTime(account.lastSeen) })}
      </p>
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
      <div class="headline" data-testid="popup-headline">
        <div>
          <span class="headline-label">{t.t('metric.name.erMedian')}</span>
          <span class="headline-value">
            <MetricView metric={a.engagement.erMedian} testId="popup-er" />
          </span>
          <span class="muted headline-sub">
            {a.engagement.erMedian.status === 'ok'
              ? t.tn('overlay.account.sample', a.engagement.erMedian.sample?.n ?? 0)
              : a.engagement.erMedian.missing.map((m) => renderMsg(t, m)).join('; ')}
          </span>
        </div>
        <div>
          <span class="headline-label">{t.t('overlay.account.sincePrevious')}</span>
          <span class="headline-value">
            <GrowthView growth={a.growth.sincePrevious} testId="popup-growth-previous" />
          </span>
        </div>
        <div>
          <VerdictChip verdict={a.verdict} testId="popup-verdict" />
        </div>
      </div>
      {Details ? (
        <Details analysis={a} level={3} chartHeight={260} />
      ) : (
        <p class="muted" role="status">
          {t.t('common.loading')}
        </p>
      )}
      <p>
        <button type="button" onClick={() => openDashboard(account.key)} data-testid="popup-open-account">
          {t.t('popup.openAccount')}
        </button>
      </p>
    </section>
  );
}

function RecentList({ recent }: { recent: PopupRecent[] }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = q ? recent.filter((e) => `${e.name ?? ''} ${e.handle ?? ''} ${e.id}`.toLowerCase().includes(q)) : recent;
    return list.slice(0, 50);
  }, [recent, query]);
  if (recent.length === 0) return <p class="muted">{t.t('popup.noRecent')}</p>;
  return (
    <section aria-labelledby="smm-recent" data-testid="popup-recent">
      <h2 id="smm-recent">{t.t('popup.recent')}</h2>
      <input
        type="search"
        aria-label={t.t('popup.search')}
        placeholder={t.t('popup.search')}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {shown.length === 0 ? (
        <p class="muted" role="status">
          {t.t('popup.noMatches', { q: query.trim() })}
        </p>
      ) : (
        <ul class="recent">
          {shown.map((e) => (
            <li key={e.key}>
              <a href={e.url} target="_blank" rel="noreferrer">
                {e.name ?? e.handle ?? e.id}
              </a>{' '}
              <span class="muted">
                {t.t(`platform.${e.platform}`)} · <CountValue count={e.followers} /> · {t.t('popup.recentSeen', { when: t.date(e.last) })}
              </span>
              {e.verdict && (
                <>
                  {' '}
                  <VerdictChip verdict={e.verdict as Parameters<typeof VerdictChip>[0]['verdict']} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Popup({ load, openDashboard, onShown }: PopupProps) {
  const t = useT();
  const [data, setData] = useState<PopupView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    load().then(setData, (e: unknown) => setFailure(e instanceof Error ? e.message : String(e)));
  }, [load]);
  useEffect(() => {
    if (data || failure) onShown?.();
  }, [data, failure, onShown]);

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
    const { page, account, recent } = data;
    if (!page)
      body = (
        <>
          <p class="notice">{t.t('popup.notSupported')}</p>
          <RecentList recent={recent} />
        </>
      );
    else if (account) body = <AccountView account={account} openDashboard={openDashboard} />;
    else if (page.status === 'unreadable')
      body = (
        <p class="notice warn" role="status">
          {t.t('popup.unreadable')}
        </p>
      );
    else if (!page.accountKey)
      body = (
        <>
          <p class="notice">
            {t.t('popup.noAccountOnPage', { kind: t.t(`page.${page.pageKind}` as MessageKey) })}
            {page.pageKind === 'feed' && <> {t.t('popup.feedHint')}</>}
            {page.posts > 0 && (
              <>
                {' '}
                <span class="muted">{t.tn('popup.postsRead', page.posts)}</span>
              </>
            )}
          </p>
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
        <button type="button" onClick={() => openDashboard()}>
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
