/**
 * The overlay's Preact views as the site scripts use them (lib/overlay/ui.ts): the account badge
 * and the account and post panels (their stylesheet is in ./styles.ts). Each is wrapped in the
 * translator the site script built from the catalog the background sent.
 */
import { type ComponentChild, render } from 'preact';
import type { Translator } from '@/lib/i18n/translator';
import type { OverlayUi } from '@/lib/overlay/ui';
import { I18nContext } from '../common/i18n';
import { AccountBadge } from './AccountBadge';
import { AccountDetails } from './AccountDetails';
import { Panel } from './Panel';
import { PostDetails } from './PostDetails';

const withT = (t: Translator, ui: ComponentChild) => <I18nContext.Provider value={t}>{ui}</I18nContext.Provider>;

export const overlayUi: OverlayUi = {
  render: (node, container) => render(node as ComponentChild, container),
  accountBadge: (t, { analysis, expanded, onOpen }) => withT(t, <AccountBadge analysis={analysis} expanded={expanded} onOpen={onOpen} />),
  accountPanel: (t, { view, onClose, onDashboard }) =>
    withT(
      t,
      <Panel
        title={view.name ?? view.handle ?? view.id}
        subtitle={
          <>
            {view.handle && view.handle !== view.name ? `@${view.handle} · ` : ''}
            {t.t(`platform.${view.platform}`)}
          </>
        }
        onClose={onClose}
        testId="account-panel"
      >
        {view.analysis ? <AccountDetails analysis={view.analysis} /> : <p class="smm-muted">{t.t('common.loading')}</p>}
        <p class="smm-panel-foot">
          <button type="button" class="smm-link-button" onClick={onDashboard}>
            {t.t('overlay.openDashboard')}
          </button>
        </p>
      </Panel>,
    ),
  postPanel: (t, { post, view, onClose, onAccount }) =>
    withT(
      t,
      <Panel
        title={post.publishedAt !== null ? t.t('overlay.post.title', { date: t.date(post.publishedAt) }) : t.t('overlay.post.titleNoDate')}
        subtitle={view.name ?? view.handle ?? view.id}
        onClose={onClose}
        testId="post-panel"
      >
        <PostDetails post={post} platform={view.platform} accountEr={view.erMedian} />
        <p class="smm-panel-foot">
          <button type="button" class="smm-link-button" onClick={onAccount} data-testid="post-open-account">
            {t.t('overlay.post.openAccount')}
          </button>
        </p>
      </Panel>,
    ),
};
