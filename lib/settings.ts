/**
 * User settings, defined once. Stored under "settings" in browser.storage.local, versioned with
 * @wxt-dev/storage, validated with zod on every read (a damaged value falls back to defaults
 * field by field, and is never written back unasked).
 */
import { storage } from '@wxt-dev/storage';
import { z } from 'zod';
import { DEFAULT_HISTORY_OPTIONS, type HistoryOptions } from './store/history';

export const SettingsSchema = z.object({
  /** UI language: the browser's, or forced. */
  language: z.enum(['auto', 'ru', 'en']).catch('auto').default('auto'),
  /** Colour theme of the extension's pages and overlay. */
  theme: z.enum(['auto', 'light', 'dark']).catch('auto').default('auto'),
  /** In-page overlay, per site. */
  overlay: z
    .object({ vk: z.boolean().catch(true).default(true), instagram: z.boolean().catch(true).default(true) })
    .catch({ vk: true, instagram: true })
    .default({ vk: true, instagram: true }),
  /** Beyond this many days, keep one snapshot a day. */
  compactAfterDays: z
    .number()
    .int()
    .min(7)
    .max(3650)
    .catch(DEFAULT_HISTORY_OPTIONS.compactAfterDays)
    .default(DEFAULT_HISTORY_OPTIONS.compactAfterDays),
  /** Delete history older than this many days; null keeps everything. */
  retentionDays: z.number().int().min(30).max(36500).nullable().catch(null).default(null),
  /** How many recent posts the engagement metrics use. */
  recentPosts: z.number().int().min(3).max(100).catch(12).default(12),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

export const settingsItem = storage.defineItem<Record<string, unknown>>('local:settings', {
  fallback: {},
  version: 1,
});

export async function getSettings(): Promise<Settings> {
  try {
    return SettingsSchema.parse((await settingsItem.getValue()) ?? {});
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = SettingsSchema.parse({ ...(await getSettings()), ...patch });
  await settingsItem.setValue(next);
  return next;
}

export function watchSettings(cb: (s: Settings) => void): () => void {
  return settingsItem.watch((value) => cb(SettingsSchema.parse(value ?? {})));
}

export function historyOptions(s: Settings): HistoryOptions {
  return { ...DEFAULT_HISTORY_OPTIONS, compactAfterDays: s.compactAfterDays, retentionDays: s.retentionDays };
}
