/**
 * Settings: language (browser's, Russian, English), theme, the in-page overlay per site, and how
 * many recent posts the ER uses (changing it recomputes every account's summary, with progress).
 * Every change is saved at once and said so.
 */
import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import type { Settings } from '@/lib/settings';
import { useT } from '../common/i18n';
import type { DashboardData } from './Dashboard';

export interface SettingsViewProps {
  data: DashboardData;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onSettings: (patch: Partial<Settings>) => Promise<Settings>;
}

const RECENT = [6, 9, 12, 18, 24, 30] as const;

export function SettingsView({ data, headingRef, onSettings }: SettingsViewProps) {
  const t = useT();
  const s = data.settings;
  const [saved, setSaved] = useState('');
  const save = async (patch: Partial<Settings>) => {
    await onSettings(patch);
    setSaved(t.t('dash.settings.saved'));
  };
  const recent = RECENT.includes(s.recentPosts as never) ? RECENT : [...RECENT, s.recentPosts].sort((a, b) => a - b);
  return (
    <section class="dash-section" aria-labelledby="dash-settings-h">
      <h2 id="dash-settings-h" ref={headingRef} tabIndex={-1}>
        {t.t('dash.section.settings')}
      </h2>
      <div class="settings-grid">
        <label>
          <span>{t.t('dash.settings.language')}</span>
          <select
            value={s.language}
            onChange={(e) => void save({ language: e.currentTarget.value as Settings['language'] })}
            data-testid="set-language"
          >
            <option value="auto">{t.t('dash.settings.languageAuto')}</option>
            <option value="ru">Русский</option>
            <option value="en">English</option>
          </select>
        </label>
        <label>
          <span>{t.t('dash.settings.theme')}</span>
          <select
            value={s.theme}
            onChange={(e) => void save({ theme: e.currentTarget.value as Settings['theme'] })}
            data-testid="set-theme"
          >
            <option value="auto">{t.t('dash.settings.themeAuto')}</option>
            <option value="light">{t.t('dash.settings.themeLight')}</option>
            <option value="dark">{t.t('dash.settings.themeDark')}</option>
          </select>
        </label>
        <label>
          <span>{t.t('dash.settings.recentPosts')}</span>
          <select
            value={String(s.recentPosts)}
            onChange={(e) => void save({ recentPosts: Number(e.currentTarget.value) })}
            data-testid="set-recent"
          >
            {recent.map((n) => (
              <option value={String(n)} key={n}>
                {t.t('dash.settings.posts', { n })}
              </option>
            ))}
          </select>
          <small class="muted">{t.t('dash.settings.recentPostsHint')}</small>
        </label>
      </div>
      <fieldset class="overlay-switches">
        <legend>{t.t('dash.settings.overlay')}</legend>
        <label>
          <input
            type="checkbox"
            checked={s.overlay.vk}
            onChange={(e) => void save({ overlay: { ...s.overlay, vk: e.currentTarget.checked } })}
          />{' '}
          {t.t('platform.vk')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={s.overlay.instagram}
            onChange={(e) => void save({ overlay: { ...s.overlay, instagram: e.currentTarget.checked } })}
          />{' '}
          {t.t('platform.instagram')}
        </label>
        <small class="muted">{t.t('dash.settings.overlayHint')}</small>
      </fieldset>
      <p aria-live="polite" class="muted" data-testid="settings-saved">
        {saved}
      </p>
      <p class="muted small">{t.t('dash.settings.retentionWhere')}</p>
    </section>
  );
}
