/**
 * The popup's view model (message `getPopupView`, lib/messaging.ts): everything the toolbar popup
 * shows, computed by the background (lib/background/views.ts buildPopupView) from the store and
 * the metrics engine, as plain serialisable data. The popup only renders it, so its bundle holds
 * neither the store, nor the metrics engine, nor zod, nor both catalogs.
 *
 * Types, and a zod check of the reply's outline (isPopupViewReply) for the popup: the reply comes
 * from this extension's own background, whose request was validated with zod where it arrived.
 * The popup checks the outline with zod/mini (a full schema of the whole analysis would cost the
 * popup the 60 KB zod build and a parse of every metric on each opening).
 */
import * as z from 'zod/mini';
import type { Count } from './count';
import type { Lang } from './i18n/translator';
import type { StoredAccountName } from './model';
import type { AnalysisView } from './overlay/types';
import type { PageState } from './protocol';
import type { VerdictLevel } from './signals/types';

/** The popup's question: the tab it was opened over (or forced with ?tab=), and the browser's UI language. */
export interface PopupViewRequest {
  /** the tab whose page the popup is about; null when there is none */
  tab: number | null;
  /** browser.i18n.getUILanguage() as the popup sees it, for the "auto" language */
  ui: string | null;
}

export type CountKind = 'followers' | 'following' | 'posts';

/** The account on the page, with its stored history's numbers. */
export interface PopupAccount extends StoredAccountName {
  /** snapshots stored */
  snapshots: number;
  /** last seen (ms) */
  lastSeen: number;
  /** the latest known value of each count across the snapshots */
  counts: Record<CountKind, Count | null>;
  /** the analysis (lib/metrics analyzeAccount with the user's settings), without the per-post list */
  analysis: AnalysisView;
}

/** A recently seen account (the list shown away from a stored account's page). */
export interface PopupRecent extends StoredAccountName {
  followers: Count | null;
  /** last seen (ms) */
  last: number;
  /** the cached summary's verdict, when there is one */
  verdict: {
    level: VerdictLevel;
    points: number;
    fired: string[];
    collecting: { key: string; params?: Record<string, unknown> } | null;
  } | null;
}

export interface PopupView {
  lang: Lang;
  theme: 'auto' | 'light' | 'dark';
  /** null when the tab has no content script (not VK or Instagram) */
  page: PageState | null;
  /** the page's account when something is stored for it */
  account: PopupAccount | null;
  /** the recently seen accounts, newest first; empty when the popup shows an account (it does not list them then) */
  recent: PopupRecent[];
  /** the last storage problem, if any */
  problem: { code: string; message: string; at: number } | null;
}

export type PopupViewReply = ({ ok: true } & PopupView) | { ok: false; error: 'untrusted' | 'invalid' | 'read'; message: string };

// The reply's outline, checked with zod's tree-shakable build (zod/mini: a few KB in the popup,
// not the 60 KB of the full build): what the popup reads before rendering. The inside of the
// analysis is the metrics engine's own output, built by this extension's background.
const CountOutline = z.nullable(z.object({ value: z.number(), low: z.number(), high: z.number(), exact: z.boolean() }));
const Some = z.object({});
const AccountOutline = z.nullable(
  z.object({
    key: z.string(),
    url: z.string(),
    snapshots: z.number(),
    lastSeen: z.number(),
    counts: z.object({ followers: CountOutline, following: CountOutline, posts: CountOutline }),
    analysis: z.object({
      engagement: Some,
      growth: z.object({ series: z.array(z.unknown()) }),
      verdict: Some,
      signals: z.array(z.unknown()),
      data: Some,
      tier: Some,
    }),
  }),
);
const RecentOutline = z.object({
  key: z.string(),
  url: z.string(),
  id: z.string(),
  last: z.number(),
  followers: CountOutline,
  verdict: z.nullable(Some),
});
const PopupViewReplyOutline = z.union([
  z.object({
    ok: z.literal(true),
    lang: z.enum(['ru', 'en']),
    theme: z.enum(['auto', 'light', 'dark']),
    page: z.nullable(z.object({ status: z.string(), pageKind: z.string(), posts: z.number() })),
    account: AccountOutline,
    recent: z.array(RecentOutline),
    problem: z.nullable(z.object({ message: z.string() })),
  }),
  z.object({ ok: z.literal(false), error: z.string(), message: z.string() }),
]);

/** The reply's outline: what the popup reads before rendering (the background built it, see above). */
export function isPopupViewReply(x: unknown): x is PopupViewReply {
  return PopupViewReplyOutline.safeParse(x).success;
}
