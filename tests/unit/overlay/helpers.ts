/**
 * Test wiring of the overlay as in the browser, without a browser: a fixture page in the test
 * document, its reading stored through the real store (fake browser storage), the real
 * background handler answering the overlay, the real views (open shadow roots, to look inside).
 */
import { vi } from 'vitest';
import { postBadgeContent } from '@/components/overlay/post-badge';
import { overlayCss } from '@/components/overlay/styles';
import { overlayUi } from '@/components/overlay/views';
import { handleAccountViews } from '@/lib/background/views';
import type { Bus, BusPost, ReaderEvent } from '@/lib/content/bus';
import { createBus } from '@/lib/content/bus';
import { type PageReport, PageReportSchema } from '@/lib/model';
import type { AnchorFinder } from '@/lib/overlay/anchors';
import { type Overlay, startOverlay } from '@/lib/overlay/controller';
import type { ViewsReply, ViewsRequest } from '@/lib/overlay/types';
import type { OverlayUi } from '@/lib/overlay/ui';
import { ingestReport } from '@/lib/store/store';
import { fixtureText } from '../../helpers/fixtures';

export const EXTENSION_ID = 'test-extension-id';

type Count = number | { value: number; low: number; high: number; exact?: boolean; raw?: string } | null;
/** Counts in the expected files are numbers (exact) or intervals without `raw`. */
const withRaw = (c: Count) =>
  c === null || c === undefined
    ? null
    : typeof c === 'number'
      ? { value: c, low: c, high: c, exact: true, raw: String(c) }
      : { ...c, exact: c.exact ?? c.low === c.high, raw: c.raw ?? String(c.value) };

/** A fixture's expected reading (tests/fixtures/<site>/**.expected.json) as a page report. */
export function reportOf(expectedPath: string, observedAt: number, pageKind: PageReport['pageKind']): PageReport {
  const e = JSON.parse(fixtureText(expectedPath));
  const platform = expectedPath.startsWith('vk/') ? 'vk' : 'instagram';
  const a = e.account && { platform, ...e.account };
  return PageReportSchema.parse({
    url: e.url,
    pageKind,
    observedAt: new Date(observedAt).toISOString(),
    account: a
      ? {
          ...a,
          nativeId: a.nativeId ?? null,
          kind: a.kind ?? null,
          isPrivate: a.isPrivate ?? null,
          followers: withRaw(a.followers),
          following: withRaw(a.following),
          posts: withRaw(a.posts),
        }
      : null,
    posts: e.posts.map((p: Record<string, unknown>) => ({
      platform,
      authorHandle: null,
      authorName: null,
      caption: null,
      kind: null,
      ...p,
      likes: withRaw(p.likes as Count),
      comments: withRaw(p.comments as Count),
      shares: withRaw(p.shares as Count),
      views: withRaw(p.views as Count),
      commentsSample: ((p.commentsSample as Array<Record<string, unknown>>) ?? []).map((c) => ({
        text: c.text,
        author: c.author ?? null,
        at: c.at ?? null,
        byOwner: Boolean(c.byOwner),
      })),
    })),
  });
}

/** Put a fixture page into the test document (scripts are not run: innerHTML). */
export function loadPage(path: string): Document {
  const html = fixtureText(path);
  const inner = /<html[^>]*>([\s\S]*)<\/html>/i.exec(html)?.[1] ?? html;
  document.documentElement.innerHTML = inner.replace(/<!--[\s\S]*?-->/g, '');
  return document;
}

export async function store(report: PageReport): Promise<void> {
  await ingestReport(report);
}

export interface Harness {
  bus: Bus;
  overlay: Overlay;
  asks: ViewsRequest[];
  log: ReturnType<typeof vi.fn>;
  openDashboard: ReturnType<typeof vi.fn>;
  settingsChanged(raw: unknown): void;
  emit(e: ReaderEvent): void;
  /** a reading as the reader publishes it */
  read(sessionId: number, report: PageReport): void;
}

export function start(
  finder: AnchorFinder,
  opts: {
    url: string;
    bus?: Bus;
    ui?: OverlayUi | null;
    /** the browser's UI language (the background's i18n.getUILanguage), for "auto" */
    lang?: string;
    ask?: (r: ViewsRequest) => Promise<ViewsReply>;
    /** badge what the page adds only near the viewport (the browser's setting; needs an IntersectionObserver) */
    nearViewport?: string;
    /** take badges off beyond this margin (with nearViewport) */
    farViewport?: string;
  },
): Harness {
  const bus = opts.bus ?? createBus();
  const asks: ViewsRequest[] = [];
  const log = vi.fn();
  const openDashboard = vi.fn();
  let settingsCb: (raw: unknown) => void = () => undefined;
  const sender = { id: EXTENSION_ID, url: opts.url, tab: { id: 7 } };
  const ui = opts.ui === undefined ? overlayUi : opts.ui;
  const overlay = startOverlay({
    doc: document,
    finder,
    bus,
    postBadge: postBadgeContent,
    css: overlayCss,
    ui: () => ui,
    onUi: () => () => undefined,
    ask: async (request) => {
      asks.push(request);
      // as the message would: a JSON copy
      const data = JSON.parse(JSON.stringify(request));
      return opts.ask
        ? opts.ask(data)
        : JSON.parse(JSON.stringify(await handleAccountViews(data, sender, { uiLanguage: () => opts.lang ?? 'en-US' })));
    },
    openDashboard,
    onSettingsChange: (cb) => {
      settingsCb = cb;
      return () => undefined;
    },
    log,
    shadowMode: 'open',
    askDelay: 5,
    placeDelay: 1,
    nearViewport: opts.nearViewport,
    farViewport: opts.farViewport,
  });
  return {
    bus,
    overlay,
    asks,
    log,
    openDashboard,
    settingsChanged: (raw) => settingsCb(raw),
    emit: (e) => bus.push(e),
    read: (sessionId, report) =>
      bus.push({
        type: 'reading',
        sessionId,
        account: report.account,
        posts: report.posts.map((p): BusPost => ({ id: p.id, authorId: p.authorId, authorHandle: p.authorHandle })),
      }),
  };
}

/** The post badges on the page: post id (from the host) -> label. */
export function badgeLabels(doc: Document, idOf: (host: Element) => string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of doc.querySelectorAll('smm-lens-anchor > button[smm-lens-badge]')) {
    const host = b.parentElement?.parentElement;
    const id = host ? idOf(host) : null;
    if (id) out.set(id, b.getAttribute('smm-lens-label') ?? '');
  }
  return out;
}

export const igIdOf = (host: Element): string | null => {
  const href =
    host.localName === 'a'
      ? host.getAttribute('href')
      : (host.querySelector('time')?.closest('a') ?? host.querySelector('a[href*="/p/"], a[href*="/reel/"]'))?.getAttribute('href');
  return /\/(?:p|reel)\/([A-Za-z0-9_-]+)/.exec(href ?? '')?.[1] ?? null;
};

/** Everything the extension added to the page. */
export const added = (doc: Document) => doc.querySelectorAll('smm-lens-anchor, smm-lens-account, smm-lens-panel, style[smm-lens-style]');

/** The text inside an (open) shadow root host. */
export const shadowText = (host: Element | null) => host?.shadowRoot?.textContent ?? '';
