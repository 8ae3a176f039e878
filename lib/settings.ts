/**
 * User settings, defined once. Stored under "settings" in browser.storage.local, versioned with
 * @wxt-dev/storage, validated with zod on every read (a damaged value falls back to defaults
 * field by field, and is never written back unasked).
 */
import { storage } from '@wxt-dev/storage';
import { z } from 'zod';
import { DEFAULT_HISTORY_OPTIONS, type HistoryOptions } from './store/history';

const DateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable()
  .catch(null)
  .default(null);
const Target = z.number().finite().min(-1e9).max(1e12).nullable().catch(null).default(null);
const Tally = z.number().int().min(0).max(1e9).nullable().catch(null).default(null);

/**
 * The inputs of a contractor audit (dashboard, #audit), kept per account so the user can come
 * back to them. Every field falls back on its own, so one damaged value loses only itself.
 */
export const AuditInputsSchema = z.object({
  /** contract start and end, local dates (YYYY-MM-DD), both days included */
  from: DateText,
  to: DateText,
  /** KPI targets: follower growth over the period (%), ER by followers (%), posts per week */
  growthPct: Target,
  er: Target,
  postsPerWeek: Target,
  /** the budget paid for the period, in `currency` (ISO 4217) */
  budget: Target,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .catch('RUB')
    .default('RUB'),
  /** leads and sales the business counted from social media (optional) */
  leads: Tally,
  sales: Tally,
  /** when these inputs were last changed (ms) */
  savedAt: z.number().catch(0).default(0),
});
export type AuditInputs = z.infer<typeof AuditInputsSchema>;

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
  /** The last contractor audit's inputs per account key (dashboard), and the account audited last. */
  audits: z.record(z.string().max(120), AuditInputsSchema).catch({}).default({}),
  lastAudit: z.string().max(120).nullable().catch(null).default(null),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/**
 * The storage.local key the settings live under. The store's ingest reads it directly, in the same
 * storage call as the account's head and chunks (`settingsOf`): the item has no migrations, so
 * the stored value is what `settingsItem.getValue()` returns. Give the item migrations and the
 * ingest must read through them (tests/unit/settings.test.ts compares the two).
 */
export const SETTINGS_KEY = 'settings';
export const settingsItem = storage.defineItem<Record<string, unknown>>(`local:${SETTINGS_KEY}`, {
  fallback: {},
  version: 1,
});

/** The settings a stored value gives (missing or damaged: the defaults). */
export function settingsOf(stored: unknown): Settings {
  try {
    return SettingsSchema.parse(stored ?? {});
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export async function getSettings(): Promise<Settings> {
  try {
    return settingsOf(await settingsItem.getValue());
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
