/**
 * Numbers typed by the user (audit targets, budget, leads): "2,5", "12 000", "1.5" all read; an
 * empty field is "not set"; anything else is a problem to show, never a guess.
 */
import type { AuditInputs } from '../settings';

export type Parsed = { ok: true; value: number | null } | { ok: false };

export function parseUserNumber(text: string, opts: { integer?: boolean; min?: number } = {}): Parsed {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (s === '') return { ok: true, value: null };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return { ok: false };
  const v = Number(s);
  if (!Number.isFinite(v)) return { ok: false };
  if (opts.integer && !Number.isInteger(v)) return { ok: false };
  if (opts.min !== undefined && v < opts.min) return { ok: false };
  return { ok: true, value: v };
}

/** A number for an input field ("" when not set), in the form the user typed: dot decimals. */
export const inputText = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export const CURRENCIES = ['RUB', 'USD', 'EUR', 'KZT', 'BYN', 'UAH', 'UZS', 'KGS', 'AMD', 'GEL', 'AZN', 'TRY', 'CNY', 'GBP'] as const;

/** At most this many accounts keep their last audit's inputs (the oldest are dropped). */
export const MAX_SAVED_AUDITS = 200;

export function keepRecentAudits(audits: Record<string, AuditInputs>, max = MAX_SAVED_AUDITS): Record<string, AuditInputs> {
  const entries = Object.entries(audits);
  if (entries.length <= max) return audits;
  entries.sort((a, b) => b[1].savedAt - a[1].savedAt);
  return Object.fromEntries(entries.slice(0, max));
}
