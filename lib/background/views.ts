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
import { catalogPart, type Lang, resolveLang } from '../i18n';
import { classifySender } from '../messaging';
import { type AccountAnalysis, analyzeAccount } from '../metrics/analyze';
import type { PostMetrics } from '../metrics/engagement';
import type { SeriesPoint } from '../metrics/growth';
import type { Metric } from '../metrics/types';
import type { AccountView, AccountViewRequest, AnalysisView, OverlayConfig, ViewsReply } from '../overlay/types';
import { platformOfUrl } from '../platforms';
import { OpenDashboardSchema, ViewsRequestSchema } from '../protocol';
import { getSettings } from '../settings';
import { decodeRecord, keyOf } from '../store/history';
import type { IndexEntry } from '../store/records';
import { getRecords, listAccounts } from '../store/store';
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
    return { ok: false, error: 'invalid', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  const req = parsed.data;
  // A content script asks about its own site only.
  const site = from === 'content' ? platformOfUrl(sender?.url ?? '') : null;
  if (site && req.refs.some((r) => r.platform !== site)) return { ok: false, error: 'invalid', message: 'an account of another site' };
  if (req.refs.reduce((n, r) => n + r.posts.length, 0) > 400)
    return { ok: false, error: 'invalid', message: 'too many posts in one request' };

  try {
    const settings = await getSettings();
    const lang: Lang = resolveLang(settings.language, req.ui ?? deps.uiLanguage());
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
        const analysis = analyzeAccount(decodeRecord(rec), { recentPosts: settings.recentPosts });
        cache.delete(e.key);
        cache.set(e.key, { stamp: stampOf(e, settings.recentPosts), analysis });
        while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
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
