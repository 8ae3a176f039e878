/**
 * The popup's view model (message `getPopupView`, lib/messaging.ts): everything the toolbar popup
 * shows, computed by the background (lib/background/views.ts buildPopupView) from the store and
 * the metrics engine, as plain serialisable data. The popup only renders it, so its bundle holds
 * neither the store, nor the metrics engine, nor zod, nor both catalogs.
 *
 * Types, and a light check of the reply's shape (isPopupViewReply) for the popup: the reply comes
 * from this extension's own background, whose request was validated with zod where it arrived;
 * the popup checks the outline by hand (a zod schema of the whole analysis would cost the popup
 * the 60 KB zod chunk and a parse of every metric on each opening).
 */
import type { Count } from './count';
import type { Lang } from './i18n/translator';
import type { Platform } from './model';
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
export interface PopupAccount {
  key: string;
  platform: Platform;
  id: string;
  handle: string | null;
  name: string | null;
  url: string;
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
export interface PopupRecent {
  key: string;
  platform: Platform;
  id: string;
  handle: string | null;
  name: string | null;
  url: string;
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

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isCount = (x: unknown) => x === null || (isObj(x) && isNum(x.value) && isNum(x.low) && isNum(x.high) && typeof x.exact === 'boolean');

function isAccount(a: unknown): boolean {
  if (a === null) return true;
  if (!isObj(a) || !isStr(a.key) || !isStr(a.url) || !isNum(a.snapshots) || !isNum(a.lastSeen) || !isObj(a.counts)) return false;
  const counts = a.counts;
  const an = a.analysis;
  return (
    isCount(counts.followers) &&
    isCount(counts.following) &&
    isCount(counts.posts) &&
    isObj(an) &&
    isObj(an.engagement) &&
    isObj(an.growth) &&
    Array.isArray(an.growth.series) &&
    isObj(an.verdict) &&
    Array.isArray(an.signals) &&
    isObj(an.data) &&
    isObj(an.tier)
  );
}

const isRecent = (e: unknown) =>
  isObj(e) &&
  isStr(e.key) &&
  isStr(e.url) &&
  isStr(e.id) &&
  isNum(e.last) &&
  isCount(e.followers) &&
  (e.verdict === null || isObj(e.verdict));

/** The reply's outline: what the popup reads before rendering (the background built it, see above). */
export function isPopupViewReply(x: unknown): x is PopupViewReply {
  if (!isObj(x)) return false;
  if (x.ok === false) return isStr(x.error) && isStr(x.message);
  if (x.ok !== true) return false;
  const page = x.page;
  return (
    (x.lang === 'ru' || x.lang === 'en') &&
    (x.theme === 'auto' || x.theme === 'light' || x.theme === 'dark') &&
    (page === null || (isObj(page) && isStr(page.status) && isStr(page.pageKind) && isNum(page.posts))) &&
    isAccount(x.account) &&
    Array.isArray(x.recent) &&
    x.recent.every(isRecent) &&
    (x.problem === null || (isObj(x.problem) && isStr(x.problem.message)))
  );
}
