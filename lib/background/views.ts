/**
 * The background's answer to the overlay's `getAccountViews`: for each account a page names, its
 * analysis computed from the store (lib/metrics analyzeAccount), trimmed to what the overlay
 * shows, with the overlay's settings and, once per language, the part of the UI catalog it needs.
 * The content script only renders; it never computes a metric. Kept apart from the entrypoint so
 * it is tested without a browser.
 *
 * Analyses are cached in memory by the stored record's stamp (last seen, size, snapshots, posts,
 * settings): scrolling a wall asks often, and an unchanged account is not analysed twice. The
 * cache is only a cache: the worker may be stopped at any time and nothing is lost.
 */
import { browser } from 'wxt/browser';
import type { Count } from '../count';
import { catalogPart, type Lang, resolveLang } from '../i18n';
import { classifySender, type PageState, sendMessage } from '../messaging';
import { type AccountAnalysis, analyzeAccount } from '../metrics/analyze';
import type { PostMetrics } from '../metrics/engagement';
import type { SeriesPoint } from '../metrics/growth';
import type { Metric } from '../metrics/types';
import { zodIssues } from '../model';
import type { AccountView, AccountViewRequest, AnalysisView, OverlayConfig, ViewsReply } from '../overlay/types';
import { platformOfUrl } from '../platforms';
import type { CountKind, PopupAccount, PopupRecent, PopupViewReply } from '../popup-view';
import { OpenDashboardSchema, PageStateSchema, PopupViewRequestSchema, ViewsRequestSchema } from '../protocol';
import { getSettings } from '../settings';
import { decodeRecord, keyOf } from '../store/history';
import { type AccountHistory, type AccountRecord, type IndexEntry, unpackCount } from '../store/records';
import { getLastProblem, getRecords, listAccounts } from '../store/store';
import type { Sender } from './ingest';

/** The catalog keys the overlay shows (its own, and those of the shared views and the engine's messages). */
export const OVERLAY_CATALOG_PREFIXES = [
  'overlay.',
  'common.',
  'platform.',
  'count.',
  'metric.',
  'growth.',
  'signal.',
  'verdict.',
  'dash.view.',
  'dash.chart.',
] as const;

/** Points of the follower series sent for the panel's sparkline, at most. */
export const SERIES_POINTS = 240;
const CACHE_SIZE = 60;

interface Cached {
  stamp: string;
  analysis: AccountAnalysis;
  /** what the popup shows of the history itself (its header and latest counts) */
  head: PopupHead;
}
const cache = new Map<string, Cached>();

/** Forget cached analyses (tests; settings that change every analysis). */
export function clearViewCache(): void {
  cache.clear();
}

const lower = (s: string | null | undefined) => (s ?? '').toLowerCase();
const isNumeric = (id: string) => /^-?\d+$/.test(id);

/** The stored account a page's reference names: its key, else (VK) a record keyed by numeric id with that screen name. */
export function resolveRef(
  ref: { platform: string; id: string; handle: string | null },
  entries: readonly IndexEntry[],
): IndexEntry | null {
  const exact = entries.find((e) => e.key === `${ref.platform}:${ref.id}`);
  if (exact) return exact;
  const same = entries.filter((e) => e.platform === ref.platform);
  const id = lower(ref.id);
  const byId = same.find((e) => lower(e.id) === id);
  if (byId) return byId;
  if (ref.platform === 'vk' && !isNumeric(ref.id)) {
    const names = new Set([id, lower(ref.handle)].filter(Boolean));
    return same.find((e) => isNumeric(e.id) && names.has(lower(e.handle))) ?? null;
  }
  return null;
}

function stampOf(e: IndexEntry, recentPosts: number): string {
  return [e.last, e.bytes, e.snapshots, e.posts, recentPosts].join('|');
}

/** The popup's account header: the history's names, snapshot count, last visit and latest counts. */
export type PopupHead = Omit<PopupAccount, 'analysis'>;

/** The latest known value of each count across the snapshots (the popup's "Followers / Following / Posts"). */
export function latestCounts(history: AccountHistory): Record<CountKind, Count | null> {
  const pick = (k: CountKind) => {
    for (let i = history.snapshots.length - 1; i >= 0; i--) {
      const c = history.snapshots[i][k];
      if (c) return c;
    }
    return null;
  };
  return { followers: pick('followers'), following: pick('following'), posts: pick('posts') };
}

export function headOf(history: AccountHistory): PopupHead {
  return {
    key: history.key,
    platform: history.platform,
    id: history.id,
    handle: history.handle,
    name: history.name,
    url: history.url,
    snapshots: history.snapshots.length,
    lastSeen: history.lastSeen,
    counts: latestCounts(history),
  };
}

/** Analyse a record (lib/metrics analyzeAccount) and keep the result under the index entry's stamp. */
function remember(e: IndexEntry, rec: AccountRecord, recentPosts: number): Cached {
  const history = decodeRecord(rec);
  const c: Cached = { stamp: stampOf(e, recentPosts), analysis: analyzeAccount(history, { recentPosts }), head: headOf(history) };
  cache.delete(e.key);
  cache.set(e.key, c);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return c;
}

/** A metric without the list of post ids in its sample (the overlay shows n and what was left out). */
function lean(m: Metric): Metric {
  return m.sample ? { ...m, sample: { ...m.sample, postIds: [] } } : m;
}

export function leanPost(p: PostMetrics): PostMetrics {
  return { ...p, er: lean(p.er), erView: lean(p.erView), multiplier: lean(p.multiplier) };
}

/** At most `max` points, evenly spread, keeping the first, the last and those at the edges of flagged intervals. */
export function thinSeries(series: readonly SeriesPoint[], max: number, keepAt: readonly number[] = []): SeriesPoint[] {
  if (series.length <= max) return [...series];
  const keep = new Set<number>([0, series.length - 1]);
  for (let k = 0; k < max - 2; k++) keep.add(Math.round((k * (series.length - 1)) / (max - 3)));
  for (const at of keepAt) {
    let best = 0;
    for (let i = 1; i < series.length; i++) if (Math.abs(series[i].at - at) < Math.abs(series[best].at - at)) best = i;
    keep.add(best);
  }
  return [...keep].sort((a, b) => a - b).map((i) => series[i]);
}

/** What the post badges of an account depend on; a change makes the overlay ask for all its posts again. */
export function basisOf(a: AccountAnalysis, recentPosts: number): string {
  const s = a.growth.series;
  const last = s.length ? s[s.length - 1] : null;
  const med = a.engagement.medianReactions;
  return [
    s.length,
    last?.at ?? '',
    last?.low ?? '',
    last?.high ?? '',
    med.status === 'ok' ? `${med.low}-${med.high}` : '-',
    recentPosts,
  ].join('|');
}

export function viewOf(entry: IndexEntry, a: AccountAnalysis, req: AccountViewRequest, recentPosts: number): AccountView {
  const wanted = new Set(req.posts);
  const posts = a.posts.filter((p) => wanted.has(p.id)).map(leanPost);
  let analysis: AnalysisView | null = null;
  if (req.detail) {
    const { posts: _all, ...rest } = a;
    const edges = a.growth.flagged.flatMap((f) => [f.from, f.to]);
    analysis = { ...rest, growth: { ...rest.growth, series: thinSeries(rest.growth.series, SERIES_POINTS, edges) } };
  }
  return {
    key: entry.key,
    platform: entry.platform,
    id: entry.id,
    handle: entry.handle,
    name: entry.name,
    url: entry.url,
    basis: basisOf(a, recentPosts),
    posts,
    analysis,
    erMedian: lean(a.engagement.erMedian),
  };
}

export interface ViewsDeps {
  /** the browser's UI language (browser.i18n.getUILanguage) */
  uiLanguage: () => string | undefined;
}

export async function handleAccountViews(data: unknown, sender: Sender | undefined, deps: ViewsDeps): Promise<ViewsReply> {
  const from = classifySender(sender);
  if (!from) return { ok: false, error: 'untrusted', message: 'ignored: not from this extension' };
  const parsed = ViewsRequestSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, error: 'invalid', message: zodIssues(parsed.error) };
  }
  const req = parsed.data;
  // A content script asks about its own site only.
  const site = from === 'content' ? platformOfUrl(sender?.url ?? '') : null;
  if (site && req.refs.some((r) => r.platform !== site)) return { ok: false, error: 'invalid', message: 'an account of another site' };
  if (req.refs.reduce((n, r) => n + r.posts.length, 0) > 400)
    return { ok: false, error: 'invalid', message: 'too many posts in one request' };

  try {
    const settings = await getSettings();
    // "auto": the browser's UI language, asked here (a content script's first i18n call costs the page ~10 ms)
    const lang: Lang = resolveLang(settings.language, deps.uiLanguage());
    const config: OverlayConfig = { enabled: { ...settings.overlay }, lang, theme: settings.theme };
    const catalog = req.have === lang ? null : catalogPart(lang, OVERLAY_CATALOG_PREFIXES);
    if (req.refs.length === 0) return { ok: true, config, catalog, views: [] };

    const entries = await listAccounts();
    const resolved = req.refs.map((r) => resolveRef(r, entries));
    const stale = [...new Set(resolved.filter((e): e is IndexEntry => e !== null))].filter(
      (e) => cache.get(e.key)?.stamp !== stampOf(e, settings.recentPosts),
    );
    if (stale.length) {
      const records = await getRecords(stale.map((e) => e.key));
      const byKey = new Map(records.map((r) => [keyOf(r) as string, r]));
      for (const e of stale) {
        const rec = byKey.get(e.key);
        if (!rec) continue;
        remember(e, rec, settings.recentPosts);
      }
    }
    const views = req.refs.map((r, i) => {
      const e = resolved[i];
      const c = e ? cache.get(e.key) : undefined;
      return e && c ? viewOf(e, c.analysis, r, settings.recentPosts) : null;
    });
    return { ok: true, config, catalog, views };
  } catch (e) {
    return { ok: false, error: 'read', message: e instanceof Error ? e.message : String(e) };
  }
}

/** The overlay's "open in dashboard": the options page on the account (lib/dashboard/route.ts), in a new tab. */
export async function handleOpenDashboard(
  data: unknown,
  sender: Sender | undefined,
  open: (url: string) => Promise<void>,
): Promise<boolean> {
  if (!classifySender(sender)) return false;
  const parsed = OpenDashboardSchema.safeParse(data);
  if (!parsed.success) return false;
  const key = parsed.data.key;
  const hash = key && /^(vk|instagram):[\p{L}\p{N}._-]{1,100}$/u.test(key) ? `#accounts/${encodeURIComponent(key)}` : '#accounts';
  await open(browser.runtime.getURL(`/options.html${hash}` as '/options.html'));
  return true;
}

// ---- the popup -------------------------------------------------------------------------------

export interface PopupDeps extends ViewsDeps {
  /** what the content script in a tab says about its page (message getPageState); throws when there is none */
  pageState: (tab: number) => Promise<unknown>;
}

/** The content script's answer, checked; null when the tab has none (not VK or Instagram) or it is malformed. */
async function pageOf(tab: number | null, deps: PopupDeps): Promise<PageState | null> {
  if (tab === null) return null;
  try {
    const state = PageStateSchema.safeParse(await deps.pageState(tab));
    return state.success ? state.data : null;
  } catch {
    return null;
  }
}

/** What the recent-accounts list shows of an index entry. */
export function recentOf(e: IndexEntry): PopupRecent {
  return {
    key: e.key,
    platform: e.platform,
    id: e.id,
    handle: e.handle,
    name: e.name,
    url: e.url,
    followers: unpackCount(e.followers),
    last: e.last,
    verdict: e.sum ? e.sum.verdict : null,
  };
}

/**
 * The stored account of the popup's page: the record under the page's key, else (a VK account
 * seen by screen name may be stored under its numeric id) the one of the same site with that handle.
 * Analyses come from the cache shared with the overlay when the record is unchanged.
 */
async function accountOf(page: PageState, entries: readonly IndexEntry[], recentPosts: number): Promise<PopupAccount | null> {
  const key = page.accountKey;
  if (!key) return null;
  const cached = async (e: IndexEntry): Promise<Cached | null> => {
    const hit = cache.get(e.key);
    if (hit && hit.stamp === stampOf(e, recentPosts)) return hit;
    const [rec] = await getRecords([e.key]);
    return rec ? remember(e, rec, recentPosts) : null;
  };
  let found: Cached | null = null;
  const exact = entries.find((e) => e.key === key);
  if (exact) found = await cached(exact);
  else {
    // a record the index does not list (yet): analysed as is, not cached
    const [rec] = await getRecords([key]);
    if (rec) {
      const history = decodeRecord(rec);
      found = { stamp: '', analysis: analyzeAccount(history, { recentPosts }), head: headOf(history) };
    }
  }
  if (!found) {
    const [, id] = key.split(':');
    const match = entries.find((e) => e.platform === page.platform && e.handle?.toLowerCase() === id.toLowerCase());
    if (match) found = await cached(match);
  }
  if (!found) return null;
  const { posts: _posts, ...analysis } = found.analysis;
  return { ...found.head, analysis };
}

/**
 * The popup's one question (message getPopupView): the tab's page, its stored account with the
 * analysis, the recent accounts (when the popup lists them), the storage problem, the language and
 * theme. Only this extension's pages may ask (a content script has no business reading other tabs).
 */
export async function handlePopupView(data: unknown, sender: Sender | undefined, deps: PopupDeps): Promise<PopupViewReply> {
  if (classifySender(sender) !== 'extension-page') return { ok: false, error: 'untrusted', message: 'ignored: not from this extension' };
  const parsed = PopupViewRequestSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, error: 'invalid', message: zodIssues(parsed.error) };
  }
  const req = parsed.data;
  try {
    const [page, settings, entries, problem] = await Promise.all([pageOf(req.tab, deps), getSettings(), listAccounts(), getLastProblem()]);
    const account = page ? await accountOf(page, entries, settings.recentPosts) : null;
    return {
      ok: true,
      lang: resolveLang(settings.language, req.ui ?? deps.uiLanguage()),
      theme: settings.theme,
      page,
      account,
      // the list is shown where the page names no single account
      recent: page?.accountKey ? [] : entries.map(recentOf),
      problem: problem ? { code: problem.code, message: problem.message, at: problem.at } : null,
    };
  } catch (e) {
    return { ok: false, error: 'read', message: e instanceof Error ? e.message : String(e) };
  }
}

/** The tab's content script's answer to getPageState (the entrypoint's dependency of handlePopupView). */
export const askPageState = (tab: number): Promise<unknown> => sendMessage('getPageState', undefined, tab);
