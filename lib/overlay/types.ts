/**
 * What the background sends the overlay (message `getAccountViews`, lib/messaging.ts): for each
 * account the page names, its stored analysis (lib/metrics analyzeAccount), trimmed to what the
 * overlay shows. Types only: the content script imports nothing of the metrics engine but the
 * text helpers.
 */
import type { Catalog, Lang } from '../i18n/translator';
import type { AccountAnalysis } from '../metrics/analyze';
import type { PostMetrics } from '../metrics/engagement';
import type { Platform, StoredAccountName } from '../model';

/** An account as the page names it (the reader's id: an Instagram username, a VK id or screen name). */
export interface AccountRef {
  platform: Platform;
  id: string;
  handle: string | null;
}

export interface AccountViewRequest extends AccountRef {
  /** posts of this account the page shows, whose badges are wanted */
  posts: string[];
  /** the whole analysis (account badge, panel); otherwise only the post badges and the headline ER */
  detail: boolean;
}

export interface ViewsRequest {
  refs: AccountViewRequest[];
  /** the language whose catalog the overlay already has (the reply then leaves the catalog out) */
  have: Lang | null;
}

export interface OverlayConfig {
  /** the overlay per site (settings.overlay) */
  enabled: Record<Platform, boolean>;
  lang: Lang;
  theme: 'auto' | 'light' | 'dark';
}

/** A post badge's numbers: PostMetrics without the lists of sample post ids. */
export type PostBadgeView = PostMetrics;

/** The analysis without its per-post list, with the follower series thinned for a sparkline. */
export type AnalysisView = Omit<AccountAnalysis, 'posts'>;

export interface AccountView extends StoredAccountName {
  /**
   * What the post badges depend on (follower snapshots, the sample's median reactions, settings):
   * when it changes, the overlay asks again for every post of the account it shows.
   */
  basis: string;
  /** the requested posts the history has */
  posts: PostBadgeView[];
  /** the whole analysis when asked for (detail), else null */
  analysis: AnalysisView | null;
  /** the headline ER and the median reactions the multipliers use (always sent) */
  erMedian: AccountAnalysis['engagement']['erMedian'];
}

export type ViewsReply =
  | {
      ok: true;
      config: OverlayConfig;
      /** the catalog part the overlay shows, when `have` was not `config.lang` */
      catalog: Catalog | null;
      /** one per request ref, in order; null when nothing is stored for it */
      views: Array<AccountView | null>;
    }
  | { ok: false; error: 'untrusted' | 'invalid' | 'read'; message: string };

/** Limits of one request (the overlay splits bigger ones). */
export const MAX_REFS_PER_REQUEST = 40;
export const MAX_POSTS_PER_REQUEST = 400;
