/**
 * The overlay's logic on fixture pages in happy-dom, with the real store, background handler and
 * views: badges with the right numbers, the account badge, panels by keyboard, cleanup on
 * navigation and on dispose, the per-site setting, a late start, and failures kept to themselves.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { overlayUi } from '@/components/overlay/views';
import { clearViewCache, handleAccountViews } from '@/lib/background/views';
import type { ViewsReply, ViewsRequest } from '@/lib/overlay/types';
import { instagramAnchors } from '@/lib/platforms/instagram/anchors';
import { vkAnchors } from '@/lib/platforms/vk/anchors';
import { updateSettings } from '@/lib/settings';
import { added, badgeLabels, EXTENSION_ID, igIdOf, loadPage, reportOf, shadowText, start, store } from './helpers';

const RU_URL = 'https://www.instagram.com/kofeynya_utro/';
const RU_PAGE = 'instagram/synthetic/instagram-profile-ru-loggedin-2025-06.html';
const RU_EXPECTED = 'instagram/synthetic/instagram-profile-ru-loggedin-2025-06.expected.json';
const NOW = Date.UTC(2026, 10, 20, 12);

/** The real views, counting how often the account badge is drawn. */
function countingDraws() {
  const count = { draws: 0 };
  const ui = {
    ...overlayUi,
    accountBadge: (...a: Parameters<typeof overlayUi.accountBadge>) => {
      count.draws++;
      return overlayUi.accountBadge(...a);
    },
  };
  return { ui, count };
}

/** A reading a minute later with other followers, stored and told: the answer changes the analysis. */
async function storeChangedReading(h: ReturnType<typeof start>) {
  const later = reportOf(RU_EXPECTED, NOW + 60_000, 'profile');
  if (later.account?.followers) later.account.followers = { value: 99000, low: 99000, high: 99000, exact: true, raw: '99000' };
  await store(later);
  h.emit({ type: 'stored', sessionId: 1, accounts: ['instagram:kofeynya_utro'] });
}
const DAY = 86_400_000;

beforeEach(() => {
  clearViewCache();
});
afterEach(() => {
  document.documentElement.innerHTML = '<head></head><body></body>';
});

const session = (id: number, url = RU_URL, pageKind: 'profile' | 'feed' | 'post' = 'profile') =>
  ({ type: 'session', session: { id, platform: url.includes('vk.') ? 'vk' : 'instagram', url, pageKind } }) as const;

async function ruProfile(opts: { lang?: string; visits?: number } = {}) {
  const doc = loadPage(RU_PAGE);
  const report = reportOf(RU_EXPECTED, NOW, 'profile');
  // earlier visits: the same page, 15 and 8 days ago, with fewer followers
  const visits = opts.visits ?? 1;
  for (let v = visits - 1; v >= 1; v--) {
    const earlier = reportOf(RU_EXPECTED, NOW - v * 7 * DAY, 'profile');
    const a = earlier.account;
    if (a?.followers) a.followers = { value: 97412 - v * 700, low: 97412 - v * 700, high: 97412 - v * 700, exact: true, raw: 'x' };
    await store(earlier);
  }
  await store(report);
  const h = start(instagramAnchors, { url: RU_URL, lang: opts.lang });
  h.emit(session(1));
  h.read(1, report);
  await h.overlay.settle();
  return { doc, h, report };
}

describe('post badges', () => {
  it('every post of the profile, with its ER and multiplier against the account median (hand-computed)', async () => {
    const { doc, h } = await ruProfile();
    const labels = badgeLabels(doc, igIdOf);
    // 97 412 followers; sample: 7 posts (pinned and hidden-likes left out), median reactions 775
    expect(labels.get('C8kLm2NoP4q')).toBe('ER 5.35 % · 6.7×'.replace('5.35', '5.3')); // (5120 + 88) / 97412 = 5.35 %, 5208 / 775 = 6.72
    expect(labels.get('C8jKl1MnO3p')).toBe('ER 0.80 % · 1×'); // 775 / 97412 = 0.796 %
    expect(labels.get('C8dEf5GhI7j')).toBe('ER 0.42 % · 0.53×'); // 410 / 97412, 410 / 775
    expect(labels.get('C7hQw3ErT5y')).toBe('ER 3.1 % · 3.9× · pinned'); // 2997 / 97412; not in the sample
    expect(labels.get('C8iJk0LmN2o')).toBe('Likes hidden');
    expect(labels.size).toBe(9);
    h.overlay.dispose();
  });

  it('in Russian, numbers formatted for Russian', async () => {
    const { doc, h } = await ruProfile({ lang: 'ru-RU' });
    const labels = badgeLabels(doc, igIdOf);
    expect(labels.get('C8kLm2NoP4q')).toBe('ER 5,3 % · 6,7×');
    expect(labels.get('C8iJk0LmN2o')).toBe('Лайки скрыты');
    expect(labels.get('C7hQw3ErT5y')).toBe('ER 3,1 % · 3,9× · закреплён');
    h.overlay.dispose();
  });

  it('light markup: a zero-size anchor as the last child of the tile, text only in prefixed attributes', async () => {
    const { doc, h } = await ruProfile();
    const anchors = [...doc.querySelectorAll('smm-lens-anchor')];
    expect(anchors.length).toBeGreaterThanOrEqual(9);
    for (const a of anchors) {
      // last: the page's :first-child and :nth-child rules still count the same children
      expect(a.parentElement?.lastElementChild).toBe(a);
      // nothing the readers could take for the page's own text or numbers
      expect(a.textContent).toBe('');
      expect(a.querySelector('[title], [aria-label]')).toBeNull();
    }
    const style = doc.querySelector('style[smm-lens-style]')?.textContent ?? '';
    expect(style).toMatch(/smm-lens-anchor\{[^}]*position:absolute!important;[^}]*width:0!important;height:0!important/);
    expect(style).toMatch(/pointer-events:none!important/);
    // in a block host, in the flow: positioned itself, so its badge is laid out against it
    expect(style).toContain('smm-lens-anchor[smm-lens-flow]{position:relative!important}');
    const tip = doc.querySelector('button[smm-lens-badge]')?.getAttribute('smm-lens-tip') ?? '';
    expect(tip).toContain('followers near the publish date');
    h.overlay.dispose();
  });
});

describe('account badge', () => {
  it('ER (median of n posts), averages, the verdict chip and "collecting history" on a first visit', async () => {
    const { doc, h } = await ruProfile();
    const host = doc.querySelector('smm-lens-account');
    expect(host).not.toBeNull();
    // the anchors' rules select what they hold by this attribute (lib/overlay/badges.ts ITEM_ATTR)
    expect(host?.hasAttribute('smm-lens-item')).toBe(true);
    const text = shadowText(host);
    expect(text).toContain('ER 0.80 %');
    expect(text).toContain('median of 7 posts');
    expect(text).toContain('Avg. likes 1,713'); // (5120+734+1203+512+3377+645+401) / 7 = 1713.1
    expect(text).toContain('Collecting history: 1 of 5 visits');
    expect(host?.shadowRoot?.querySelector('[data-testid="account-verdict"]')?.textContent).toContain('Not enough data');
    // the header is the badge's host
    expect(host?.closest('header')).not.toBeNull();
    h.overlay.dispose();
  });

  it('growth since the previous visit once there is one', async () => {
    const { doc, h } = await ruProfile({ visits: 3 });
    const growth = doc.querySelector('smm-lens-account')?.shadowRoot?.querySelector('[data-testid="account-growth-previous"]');
    // 96 712 a week ago -> 97 412 now: +700, +0.72 %
    expect(growth?.textContent).toContain('+0.72 %');
    expect(growth?.getAttribute('title')).toContain('+700');
    h.overlay.dispose();
  });
});

describe('panels', () => {
  it('a post badge opens the post panel; Escape closes it and gives the focus back', async () => {
    const { doc, h } = await ruProfile();
    const tile = doc.querySelector('a[href*="C8kLm2NoP4q"]');
    const badge = tile?.querySelector<HTMLButtonElement>('button[smm-lens-badge]');
    expect(badge).toBeTruthy();
    badge?.focus();
    badge?.click();
    const panel = doc.querySelector('smm-lens-panel');
    const root = panel?.shadowRoot;
    expect(root?.querySelector('[role="dialog"]')).toBeTruthy();
    expect(root?.textContent).toContain('Post ER');
    expect(root?.querySelector('[data-testid="post-er"]')?.textContent).toContain('5.3 %');
    expect(root?.querySelector('[data-testid="post-multiplier"]')?.textContent).toContain('6.7×');
    expect(root?.querySelector('[data-testid="post-followers"]')?.textContent).toContain('97,412');
    // the close button has the focus
    expect(root?.activeElement?.getAttribute('aria-label')).toBe('Close');
    root?.querySelector('[role="dialog"]')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(doc.querySelector('smm-lens-panel')).toBeNull();
    expect(doc.activeElement).toBe(badge);
    h.overlay.dispose();
  });

  it('the account badge opens the account panel with every ER variant, growth, chart, flags and sources', async () => {
    const { doc, h } = await ruProfile({ visits: 3 });
    const host = doc.querySelector('smm-lens-account');
    const button = host?.shadowRoot?.querySelector<HTMLButtonElement>('button');
    button?.click();
    const root = doc.querySelector('smm-lens-panel')?.shadowRoot;
    const formulas = [...(root?.querySelectorAll('[data-formula]') ?? [])].map((e) => e.getAttribute('data-formula'));
    expect(formulas).toEqual(
      expect.arrayContaining([
        'erMedian',
        'erMean',
        'erViewMedian',
        'erDay',
        'loveRate',
        'talkRate',
        'commentsPer100Likes',
        'viewsPerLike',
        'avgLikes',
        'avgComments',
      ]),
    );
    expect(root?.querySelector('[data-testid="metric-erMedian"]')?.textContent).toContain(
      'median over 7 posts of (likes + comments) / followers',
    );
    expect(root?.querySelector('[data-testid="details-chart"] svg')).toBeTruthy();
    expect(root?.querySelector('[data-testid="details-signals"]')).toBeTruthy();
    expect(root?.querySelector('[data-testid="details-data"]')?.textContent).toContain('Follower count: exact');
    expect(host?.shadowRoot?.querySelector('button')?.getAttribute('aria-expanded')).toBe('true');
    // open in dashboard
    [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Open in dashboard')?.click();
    expect(h.openDashboard).toHaveBeenCalledWith('instagram:kofeynya_utro');
    // the close button
    root?.querySelector<HTMLButtonElement>('button[aria-label="Close"]')?.click();
    expect(doc.querySelector('smm-lens-panel')).toBeNull();
    h.overlay.dispose();
  });
});

describe('cleanup', () => {
  it('a new session (navigation) removes everything at once; nothing is left behind', async () => {
    const { doc, h } = await ruProfile();
    doc.querySelector<HTMLButtonElement>('button[smm-lens-badge]')?.click();
    expect(added(doc).length).toBeGreaterThan(10);
    h.emit(session(2, 'https://www.instagram.com/someone.else/'));
    expect(added(doc).length).toBe(0);
    h.overlay.dispose();
  });

  it('dispose (content script invalidated) removes everything and stops listening', async () => {
    const { doc, h, report } = await ruProfile();
    h.overlay.dispose();
    expect(added(doc).length).toBe(0);
    h.emit(session(3));
    h.read(3, report);
    await h.overlay.settle();
    expect(added(doc).length).toBe(0);
  });
});

describe('the per-site setting', () => {
  it('turning Instagram off removes the overlay at once; turning it on brings it back', async () => {
    const { doc, h } = await ruProfile();
    const before = badgeLabels(doc, igIdOf);
    const off = await updateSettings({ overlay: { vk: true, instagram: false } });
    h.settingsChanged(off);
    expect(added(doc).length).toBe(0);
    await h.overlay.settle();
    expect(added(doc).length).toBe(0);
    const on = await updateSettings({ overlay: { vk: true, instagram: true } });
    h.settingsChanged(on);
    await h.overlay.settle();
    expect(badgeLabels(doc, igIdOf)).toEqual(before);
    expect(doc.querySelector('smm-lens-account')).not.toBeNull();
    h.overlay.dispose();
  });

  it('turning VK off leaves Instagram alone', async () => {
    const { doc, h } = await ruProfile();
    h.settingsChanged(await updateSettings({ overlay: { vk: false, instagram: true } }));
    await h.overlay.settle();
    expect(badgeLabels(doc, igIdOf).size).toBe(9);
    h.overlay.dispose();
  });

  it('off from the start: nothing is added, and once the settings are known only they are asked for', async () => {
    await updateSettings({ overlay: { vk: true, instagram: false } });
    const { doc, h } = await ruProfile();
    expect(added(doc).length).toBe(0);
    const known = h.asks.length;
    h.emit({ type: 'stored', sessionId: 1, accounts: ['instagram:kofeynya_utro'] });
    await h.overlay.settle();
    expect(h.asks.length).toBeGreaterThan(known);
    expect(h.asks.slice(known).every((r) => r.refs.length === 0)).toBe(true);
    expect(added(doc).length).toBe(0);
    h.overlay.dispose();
  });
});

describe('timing and robustness', () => {
  it('a late start: what the reader emitted before the overlay existed is replayed', async () => {
    const doc = loadPage(RU_PAGE);
    const report = reportOf(RU_EXPECTED, NOW, 'profile');
    await store(report);
    const { createBus } = await import('@/lib/content/bus');
    const bus = createBus();
    bus.push(session(1));
    bus.push({ type: 'reading', sessionId: 1, account: report.account, posts: report.posts });
    const h = start(instagramAnchors, { url: RU_URL, bus });
    await h.overlay.settle();
    expect(badgeLabels(doc, igIdOf).size).toBe(9);
    h.overlay.dispose();
  });

  it('the account badge waits for the views script, and appears when it registers', async () => {
    const doc = loadPage(RU_PAGE);
    const report = reportOf(RU_EXPECTED, NOW, 'profile');
    await store(report);
    const h = start(instagramAnchors, { url: RU_URL, ui: null });
    h.emit(session(1));
    h.read(1, report);
    await h.overlay.settle();
    // post badges need no views script; the account badge does
    expect(badgeLabels(doc, igIdOf).size).toBe(9);
    expect(doc.querySelector('smm-lens-account')).toBeNull();
    h.overlay.dispose();
  });

  it('a background that does not answer: logged once, the page untouched, no exception', async () => {
    loadPage(RU_PAGE);
    const report = reportOf(RU_EXPECTED, NOW, 'profile');
    const h = start(instagramAnchors, { url: RU_URL, ask: () => Promise.reject(new Error('Could not establish connection')) });
    h.emit(session(1));
    h.read(1, report);
    await h.overlay.settle();
    expect(added(document).length).toBe(0);
    expect(h.log).toHaveBeenCalledWith('the background did not answer the overlay', expect.any(Error));
    h.overlay.dispose();
  });

  it('readings are coalesced: a feed with five authors is one question', async () => {
    const doc = loadPage('instagram/synthetic/instagram-feed-en-loggedin-2025-06.html');
    const report = reportOf('instagram/synthetic/instagram-feed-en-loggedin-2025-06.expected.json', NOW, 'feed');
    await store(report);
    const h = start(instagramAnchors, { url: 'https://www.instagram.com/' });
    h.emit(session(1, 'https://www.instagram.com/', 'feed'));
    h.read(1, report);
    await h.overlay.settle();
    const withRefs = h.asks.filter((r) => r.refs.length > 0);
    expect(withRefs).toHaveLength(1);
    expect(withRefs[0].refs.map((r) => r.id).sort()).toEqual(['alice.bakes', 'ben.rides', 'brand.example', 'clara.paints', 'dan.cooks']);
    expect(withRefs[0].refs.every((r) => !r.detail)).toBe(true);
    const labels = badgeLabels(doc, igIdOf);
    // authors never visited: their follower count is unknown, so is the ER (never a guess)
    expect(labels.get('C9kL2mN3oP4')).toBe('ER ?');
    expect(doc.querySelector('button[smm-lens-badge]')?.getAttribute('smm-lens-tip')).toContain('Follower count not seen yet');
    expect(labels.get('C9hI9jK0lM1')).toBe('Ad · not counted');
    expect(labels.get('C9iJ0kL1mN2')).toBe('Likes hidden');
    h.overlay.dispose();
  });

  it('a stored acknowledgement asks again for the posts of the last question', async () => {
    const { h, report } = await ruProfile();
    const before = h.asks.length;
    h.emit({ type: 'stored', sessionId: 1, accounts: ['instagram:kofeynya_utro'] });
    await h.overlay.settle();
    const again = h.asks.slice(before).find((r) => r.refs.length > 0);
    expect(again?.refs[0].posts.sort()).toEqual(report.posts.map((p) => p.id).sort());
    h.overlay.dispose();
  });

  it('an account read before it was stored (a private one: no posts) is asked again once stored, and gets its badge', async () => {
    const url = 'https://www.instagram.com/quiet.harbor/';
    const doc = loadPage('instagram/synthetic/instagram-profile-private-en-loggedin-2025-06.html');
    const report = reportOf('instagram/synthetic/instagram-profile-private-en-loggedin-2025-06.expected.json', NOW, 'profile');
    expect(report.posts).toHaveLength(0);
    const h = start(instagramAnchors, { url });
    h.emit(session(1, url));
    h.read(1, report);
    await h.overlay.settle();
    // asked before the store had it: nothing to show yet
    expect(doc.querySelector('smm-lens-account')).toBeNull();
    const before = h.asks.length;
    await store(report);
    h.emit({ type: 'stored', sessionId: 1, accounts: ['instagram:quiet.harbor'] });
    await h.overlay.settle();
    expect(h.asks.length).toBeGreaterThan(before);
    expect(shadowText(doc.querySelector('smm-lens-account'))).toContain('ER unknown');
    h.overlay.dispose();
  });

  /** The stored Russian profile, and an overlay whose first `refusals` questions the background does not answer. */
  async function silentAtFirst(refusals: number) {
    const doc = loadPage(RU_PAGE);
    const report = reportOf(RU_EXPECTED, NOW, 'profile');
    await store(report);
    const { handleAccountViews } = await import('@/lib/background/views');
    const refused = { n: 0 };
    const h = start(instagramAnchors, {
      url: RU_URL,
      ask: async (request) => {
        if (refused.n < refusals) {
          refused.n++;
          throw new Error('Could not establish connection. Receiving end does not exist.');
        }
        return JSON.parse(
          JSON.stringify(
            await handleAccountViews(request, { id: 'test-extension-id', url: RU_URL, tab: { id: 7 } }, { uiLanguage: () => 'en-US' }),
          ),
        );
      },
    });
    h.emit(session(1));
    h.read(1, report);
    return { doc, h, refused };
  }

  it('a question the background does not answer (worker asleep) is asked again, and the badges come', async () => {
    const { doc, h, refused } = await silentAtFirst(2);
    await vi.waitFor(() => expect(badgeLabels(doc, igIdOf).size).toBe(9), { timeout: 5000, interval: 50 });
    expect(refused.n).toBe(2);
    expect(shadowText(doc.querySelector('smm-lens-account'))).toContain('ER 0');
    h.overlay.dispose();
  });

  it('a background that stays silent longer than the quick retries is still asked, every 10 s, until it answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { doc, h, refused } = await silentAtFirst(7);
      // five quick retries (0.5 + 1 + 1.5 + 2 + 2.5 s), then every 10 s
      await vi.advanceTimersByTimeAsync(9_000);
      expect(refused.n).toBe(6);
      expect(badgeLabels(doc, igIdOf).size).toBe(0);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(refused.n).toBe(7);
      await vi.advanceTimersByTimeAsync(10_500);
      expect(badgeLabels(doc, igIdOf).size).toBe(9);
      h.overlay.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('later readings of a known account wait for the store to acknowledge them before asking', async () => {
    const { h, report } = await ruProfile();
    const before = h.asks.length;
    h.read(1, report);
    await new Promise((r) => setTimeout(r, 40));
    expect(h.asks.length).toBe(before);
    // "nothing new to store" is an acknowledgement too
    h.emit({ type: 'stored', sessionId: 1, accounts: [] });
    await new Promise((r) => setTimeout(r, 40));
    const again = h.asks.slice(before).find((r) => r.refs.length > 0);
    expect(again?.refs[0].posts.sort()).toEqual(report.posts.map((p) => p.id).sort());
    h.overlay.dispose();
  });

  it('a VK community wall: badges on the wall posts, keyed by data-post-id', async () => {
    const { vkDocument } = await import('../platforms/vk/helpers');
    const parsed = vkDocument('vk/vk-community-public-legacy-2020-11.html');
    document.documentElement.innerHTML = parsed.documentElement.innerHTML;
    const report = reportOf('vk/vk-community-public-legacy-2020-11.expected.json', NOW, 'profile');
    await store(report);
    const h = start(vkAnchors, { url: 'https://vk.com/coffee_zerno' });
    h.emit(session(1, 'https://vk.com/coffee_zerno'));
    h.read(1, report);
    await h.overlay.settle();
    const labels = badgeLabels(document, (host) => host.getAttribute('data-post-id'));
    // 12 345 followers; sample: 248 (33), 246 (0), 240 (72), 239 (13) -> median 23; 247 has no comment count
    expect(labels.get('-123456_240')).toBe('ER 0.58 % · 3.1×'); // 72 / 12345, 72 / 23
    expect(labels.get('-123456_246')).toBe('ER 0 % · 0×');
    expect(labels.get('-123456_201')).toMatch(/ · pinned$/);
    expect(document.querySelector('smm-lens-account')).not.toBeNull();
    h.overlay.dispose();
  });
});

describe('the account badge', () => {
  it('is drawn at once, then at most once a second while stored readings keep changing its numbers', async () => {
    loadPage(RU_PAGE);
    const report = reportOf(RU_EXPECTED, NOW, 'profile');
    await store(report);
    const { ui, count } = countingDraws();
    const h = start(instagramAnchors, { url: RU_URL, ui });
    h.emit(session(1));
    h.read(1, report);
    await h.overlay.settle();
    const first = count.draws;
    expect(first).toBeGreaterThan(0);
    // a new reading with more followers is stored: the answer changes the analysis
    await storeChangedReading(h);
    await new Promise((r) => setTimeout(r, 500));
    expect(count.draws).toBe(first);
    await vi.waitFor(() => expect(count.draws).toBe(first + 1), { timeout: 2000 });
    h.overlay.dispose();
  });
});

describe('the account badge, first drawn', () => {
  it("while the page changes: with the page's next change (its frame carries it); on a still page: at once", async () => {
    loadPage(RU_PAGE);
    const report = reportOf(RU_EXPECTED, NOW, 'profile');
    await store(report);
    const sender = { id: EXTENSION_ID, url: RU_URL, tab: { id: 7 } };
    let answers = 0;
    const ask = async (r: ViewsRequest): Promise<ViewsReply> => {
      const reply = JSON.parse(JSON.stringify(await handleAccountViews(r, sender, { uiLanguage: () => 'en-US' })));
      answers++;
      return reply;
    };
    // the page is changing: its clock stands still just after it added elements
    const clock = vi.spyOn(Date, 'now').mockReturnValue(Date.now());
    try {
      const { ui, count } = countingDraws();
      const h = start(instagramAnchors, { url: RU_URL, ui, ask });
      h.emit(session(1));
      h.emit({ type: 'mutated', sessionId: 1 });
      h.read(1, report);
      await vi.waitFor(() => expect(answers).toBeGreaterThan(0));
      await new Promise((r) => setTimeout(r, 0));
      expect(count.draws).toBe(0);
      h.emit({ type: 'mutated', sessionId: 1 });
      expect(count.draws).toBe(1);
      h.overlay.dispose();
      // a still page (nothing added for WRITE_WAIT): drawn as soon as the answer is there
      clock.mockReturnValue(Date.now() + 60_000);
      const still = countingDraws();
      answers = 0;
      const h2 = start(instagramAnchors, { url: RU_URL, ui: still.ui, ask });
      h2.emit(session(1));
      h2.read(1, report);
      await vi.waitFor(() => expect(answers).toBeGreaterThan(0));
      await new Promise((r) => setTimeout(r, 0));
      expect(still.count.draws).toBeGreaterThan(0);
      h2.overlay.dispose();
    } finally {
      clock.mockRestore();
    }
  });
});

describe('where the badges go', () => {
  it("reads the hosts' boxes in the ResizeObserver callback; while the page changes they are written with its next change, or a little later (no second layout in its frames), on a still page at once (no frame of their own)", async () => {
    const observed = new Set<Element>();
    let report: (entries: Array<{ target: Element }>) => void = () => undefined;
    class FakeRO {
      constructor(cb: (entries: Array<{ target: Element }>) => void) {
        report = cb;
      }
      observe(el: Element) {
        observed.add(el);
      }
      unobserve(el: Element) {
        observed.delete(el);
      }
      disconnect() {
        observed.clear();
      }
    }
    vi.stubGlobal('ResizeObserver', FakeRO);
    try {
      const doc = loadPage(RU_PAGE);
      const report0 = reportOf(RU_EXPECTED, NOW, 'profile');
      await store(report0);
      const h = start(instagramAnchors, { url: RU_URL });
      h.emit(session(1));
      h.read(1, report0);
      h.emit({ type: 'stored', sessionId: 1, accounts: ['instagram:kofeynya_utro'] });
      await h.overlay.settle();
      const anchors = [...doc.querySelectorAll('smm-lens-anchor')];
      expect(anchors.length).toBeGreaterThan(report0.posts.length - 1);
      // only the hosts are watched, not their children
      const hosts = anchors.map((a) => a.parentElement as Element);
      expect(observed.size).toBe(new Set(hosts).size);
      expect(hosts.every((el) => observed.has(el))).toBe(true);
      // made on a still page: placed at once, before the frame that shows them (the flow decided by
      // the host's display, the box written); the observer's first look then writes nothing, so
      // that frame is not laid out a second time
      expect(anchors.every((a) => a.hasAttribute('smm-lens-w'))).toBe(true);
      // (the tiles are links, inline: their anchors stay out of the flow)
      expect(hosts.every((el, i) => anchors[i].hasAttribute('smm-lens-flow') === (getComputedStyle(el).display === 'block'))).toBe(true);
      const writes = new MutationObserver(() => undefined);
      writes.observe(doc.documentElement, { attributes: true, subtree: true });
      report(hosts.map((target) => ({ target })));
      expect(writes.takeRecords()).toEqual([]);
      writes.disconnect();
      for (const a of anchors) a.removeAttribute('smm-lens-w');
      // a page that is changing (it added elements just now): the callback reads; nothing is
      // written until the page itself changes again (its own task, its own frame)
      h.emit({ type: 'mutated', sessionId: 1 });
      report(hosts.map((target) => ({ target })));
      expect(anchors.every((a) => !a.hasAttribute('smm-lens-w'))).toBe(true);
      h.emit({ type: 'mutated', sessionId: 1 });
      expect(anchors.every((a) => a.hasAttribute('smm-lens-w'))).toBe(true);
      // ... and when it stops changing, written a little later all the same
      for (const a of anchors) a.removeAttribute('smm-lens-w');
      report(hosts.map((target) => ({ target })));
      await new Promise((r) => setTimeout(r, 50));
      expect(anchors.every((a) => !a.hasAttribute('smm-lens-w'))).toBe(true);
      await new Promise((r) => setTimeout(r, 150));
      expect(anchors.every((a) => a.hasAttribute('smm-lens-w'))).toBe(true);
      // a still page (no change for 150 ms): no frame of the page's is coming; written in the
      // callback, in the frame that measured them
      for (const a of anchors) a.removeAttribute('smm-lens-w');
      report(hosts.map((target) => ({ target })));
      expect(anchors.every((a) => a.hasAttribute('smm-lens-w'))).toBe(true);
      // something added inside a host: the host is reported again after the next layout
      const host = hosts[0];
      observed.delete(host);
      const extra = doc.createElement('div');
      host.prepend(extra);
      h.emit({ type: 'added', sessionId: 1, scope: [extra] });
      await h.overlay.settle();
      expect(observed.has(host)).toBe(true);
      // in a block host the anchor goes into the host's flow (the badge's containing block is then
      // the anchor, not an element far up the page); in a flex or grid host it stays out of the flow
      hosts[0].setAttribute('style', 'display:flex');
      hosts[1].setAttribute('style', 'display:block');
      report([hosts[0], hosts[1]].map((target) => ({ target })));
      h.emit({ type: 'mutated', sessionId: 1 });
      expect(anchors[0].hasAttribute('smm-lens-flow')).toBe(false);
      expect(anchors[1].hasAttribute('smm-lens-flow')).toBe(true);
      // into the flow, the anchor may move a little: its host is measured once more
      observed.clear();
      hosts[0].setAttribute('style', 'display:block');
      report([{ target: hosts[0] }]);
      h.emit({ type: 'mutated', sessionId: 1 });
      expect(anchors[0].hasAttribute('smm-lens-flow')).toBe(true);
      expect(observed.has(hosts[0])).toBe(true);
      expect(observed.has(hosts[1])).toBe(false);
      // a badge made again (taken off, scrolled back to) starts where its host's last measurement
      // put it; made while the page changes, it is not placed at once (no forced layout in the
      // middle of the page's changes): the observer measures it after the page's frame
      anchors[1].remove();
      const changing = vi.spyOn(Date, 'now').mockReturnValue(Date.now());
      h.emit({ type: 'mutated', sessionId: 1 });
      h.emit({ type: 'stored', sessionId: 1, accounts: ['instagram:kofeynya_utro'] });
      await h.overlay.settle();
      changing.mockRestore();
      const again = hosts[1].lastElementChild;
      expect(again?.localName).toBe('smm-lens-anchor');
      expect(again).not.toBe(anchors[1]);
      expect(again?.hasAttribute('smm-lens-flow')).toBe(true);
      expect(again?.hasAttribute('smm-lens-w')).toBe(false);
      hosts[0].setAttribute('style', 'display:grid');
      report([{ target: hosts[0] }]);
      h.emit({ type: 'mutated', sessionId: 1 });
      expect(anchors[0].hasAttribute('smm-lens-flow')).toBe(false);
      h.overlay.dispose();
      expect(observed.size).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('badges near the viewport', () => {
  type Entry = { target: Element; isIntersecting: boolean; boundingClientRect: { bottom: number }; rootBounds: { top: number } };
  /**
   * The stand-in IntersectionObservers by root margin: their targets, and a way to report on them.
   * A second one with the same margin (the account header's, after the posts') is `<margin>#2`.
   */
  const observers = new Map<string, { targets: Set<Element>; notify: (entries: Entry[]) => void }>();
  class FakeIO {
    targets = new Set<Element>();
    constructor(cb: (entries: Entry[]) => void, opts: { rootMargin: string }) {
      const key = observers.has(opts.rootMargin) ? `${opts.rootMargin}#2` : opts.rootMargin;
      observers.set(key, { targets: this.targets, notify: cb });
    }
    observe(el: Element) {
      this.targets.add(el);
    }
    unobserve(el: Element) {
      this.targets.delete(el);
    }
    disconnect() {
      this.targets.clear();
    }
  }
  const entry = (target: Element, isIntersecting: boolean, bottom = 100): Entry => ({
    target,
    isIntersecting,
    boundingClientRect: { bottom },
    rootBounds: { top: -400 },
  });

  /** the back observer's margin: the near margin above, the end of any page below */
  const BACK = '50% 0px 10000000px 0px';

  /**
   * The profile opens without its grid; the grid arrives later (infinite scroll), is read and
   * stored. Returns the document, the harness and the report, with no badge drawn yet.
   */
  async function gridAddedLater(margins: { nearViewport: string; farViewport?: string }) {
    observers.clear();
    const doc = loadPage(RU_PAGE);
    const report = reportOf(RU_EXPECTED, NOW, 'profile');
    await store(report);
    const tiles = [...doc.querySelectorAll('a[href*="/p/"]')];
    let grid = tiles[0].parentElement as Element;
    while (!tiles.every((t) => grid.contains(t))) grid = grid.parentElement as Element;
    const parent = grid.parentElement as Element;
    grid.remove();
    const h = start(instagramAnchors, { url: RU_URL, ...margins });
    h.emit(session(1));
    h.read(1, { ...report, posts: [] });
    await h.overlay.settle();
    expect(doc.querySelectorAll('button[smm-lens-badge]')).toHaveLength(0);
    parent.append(grid);
    h.emit({ type: 'added', sessionId: 1, scope: [grid] });
    h.read(1, report);
    h.emit({ type: 'stored', sessionId: 1, accounts: ['instagram:kofeynya_utro'] });
    await h.overlay.settle();
    return { doc, h, report };
  }

  it('is badged only when it comes near the viewport (an IntersectionObserver)', async () => {
    vi.stubGlobal('IntersectionObserver', FakeIO);
    try {
      const { doc, h, report } = await gridAddedLater({ nearViewport: '50% 0px' });
      const nearby = observers.get('50% 0px');
      const back = observers.get(BACK);
      if (!nearby || !back) throw new Error('the near and back observers expected');
      // without farViewport, no observer for badges going far (near, back, and the account header's)
      expect(observers.size).toBe(3);
      // known, asked for, but nothing drawn until near the viewport
      expect(nearby.targets.size).toBe(report.posts.length);
      expect(doc.querySelectorAll('button[smm-lens-badge]')).toHaveLength(0);
      const all = [...nearby.targets];
      const near = all.slice(1, 3);
      // two were scrolled past (above the viewport) before they came near: only the lower one is watched, by `back`
      const bottom = (i: number) => (i === 0 ? -900 : i === 3 ? -500 : 900);
      nearby.notify(all.map((target, i) => entry(target, near.includes(target), bottom(i))));
      await new Promise((r) => setTimeout(r, 200));
      const hosts = () => [...doc.querySelectorAll('button[smm-lens-badge]')].map((b) => b.parentElement?.parentElement);
      expect(hosts()).toEqual(near);
      expect(nearby.targets.has(all[0])).toBe(false);
      expect(nearby.targets.has(all[3])).toBe(false);
      expect([...back.targets]).toEqual([all[3]]);
      expect(nearby.targets.size).toBe(report.posts.length - 4);
      // scrolled back up (or jumped to the top): the lower one is in `back`'s root; both are watched
      // again (from the page's next change on: an observer's first look costs a frame)
      back.notify([entry(all[3], true)]);
      expect(back.targets.size).toBe(0);
      expect(nearby.targets.has(all[0])).toBe(false);
      h.emit({ type: 'mutated', sessionId: 1 });
      expect(nearby.targets.has(all[0])).toBe(true);
      expect(nearby.targets.has(all[3])).toBe(true);
      nearby.notify([entry(all[3], true)]);
      await new Promise((r) => setTimeout(r, 200));
      expect(hosts()).toContain(all[3]);
      h.overlay.dispose();
      expect(added(doc).length).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('the account badge is drawn again with new numbers only when its header is near the viewport', async () => {
    vi.stubGlobal('IntersectionObserver', FakeIO);
    try {
      observers.clear();
      const doc = loadPage(RU_PAGE);
      const report = reportOf(RU_EXPECTED, NOW, 'profile');
      await store(report);
      const { ui, count } = countingDraws();
      const h = start(instagramAnchors, { url: RU_URL, ui, nearViewport: '50% 0px' });
      h.emit(session(1));
      h.read(1, report);
      await h.overlay.settle();
      expect(count.draws).toBeGreaterThan(0);
      // the header is watched from the page's next change on (an observer's first look costs a frame)
      h.emit({ type: 'mutated', sessionId: 1 });
      const header = observers.get('50% 0px#2');
      const host = doc.querySelector('smm-lens-account')?.parentElement?.parentElement;
      if (!header || !host) throw new Error('the header observer and the badge expected');
      expect([...header.targets]).toEqual([host]);
      // scrolled far down: a stored reading changes the numbers; nothing is drawn
      header.notify([entry(host, false, -5000)]);
      const drawn = count.draws;
      const before = shadowText(doc.querySelector('smm-lens-account'));
      await storeChangedReading(h);
      await new Promise((r) => setTimeout(r, 1300));
      expect(count.draws).toBe(drawn);
      // back near the top: drawn at once, with the new numbers
      header.notify([entry(host, true)]);
      expect(count.draws).toBe(drawn + 1);
      expect(shadowText(doc.querySelector('smm-lens-account'))).not.toBe(before);
      h.overlay.dispose();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('asks only for the posts near the viewport; the others when they come near', async () => {
    vi.stubGlobal('IntersectionObserver', FakeIO);
    try {
      const { h, report } = await gridAddedLater({ nearViewport: '50% 0px', farViewport: '150% 0px' });
      const near = observers.get('50% 0px');
      if (!near) throw new Error('the near observer expected');
      const asked = () => h.asks.flatMap((a) => a.refs.flatMap((r) => r.posts));
      // read and stored, but none near: the account is asked about, none of its posts
      expect(report.posts.length).toBeGreaterThan(3);
      expect(asked()).toEqual([]);
      const all = [...near.targets];
      const idOf = (el: Element) => igIdOf(el) as string;
      // two come near: exactly those are asked for, and badged
      near.notify([entry(all[0], true), entry(all[1], true)]);
      await h.overlay.settle();
      expect(new Set(asked())).toEqual(new Set([idOf(all[0]), idOf(all[1])]));
      expect(document.querySelectorAll('button[smm-lens-badge]')).toHaveLength(2);
      // a stored reading changes the numbers: asked again for the two shown, not for the others
      const before = h.asks.length;
      h.emit({ type: 'stored', sessionId: 1, accounts: ['instagram:kofeynya_utro'] });
      await h.overlay.settle();
      const again = h.asks.slice(before).flatMap((a) => a.refs.flatMap((r) => r.posts));
      expect(new Set(again)).toEqual(new Set([idOf(all[0]), idOf(all[1])]));
      // a third comes near later: asked for then
      near.notify([entry(all[2], true)]);
      await h.overlay.settle();
      expect(asked()).toContain(idOf(all[2]));
      expect(asked()).not.toContain(idOf(all[3]));
      h.overlay.dispose();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('are taken off, and made again with the same numbers when their post comes near again', async () => {
    vi.stubGlobal('IntersectionObserver', FakeIO);
    try {
      const { doc, h, report } = await gridAddedLater({ nearViewport: '50% 0px', farViewport: '150% 0px' });
      const near = observers.get('50% 0px');
      const far = observers.get('150% 0px');
      if (!near || !far) throw new Error('two observers expected');
      const all = [...near.targets];
      expect(all).toHaveLength(report.posts.length);
      // every post comes near: all badged, each watched by the far observer instead
      near.notify(all.map((t) => entry(t, true)));
      await new Promise((r) => setTimeout(r, 200));
      const badges = () => [...doc.querySelectorAll('button[smm-lens-badge]')];
      const labels = new Map(badges().map((b) => [b.parentElement?.parentElement, b.getAttribute('smm-lens-label')]));
      expect(badges()).toHaveLength(all.length);
      expect(near.targets.size).toBe(0);
      expect(far.targets.size).toBe(all.length);
      // the first two go far above (scrolled down): taken off with the page's next change, watched by the near observer again
      far.notify([entry(all[0], false, -2000), entry(all[1], false, -1900)]);
      expect(badges()).toHaveLength(all.length);
      h.emit({ type: 'mutated', sessionId: 1 });
      expect(badges()).toHaveLength(all.length - 2);
      // their anchors too (the one more is the account badge's)
      expect(doc.querySelectorAll('smm-lens-anchor')).toHaveLength(all.length - 2 + 1);
      expect(h.overlay.stats.removed).toBe(2);
      expect(far.targets.has(all[0])).toBe(false);
      expect(near.targets.has(all[0])).toBe(true);
      // the near observer finds them above the viewport: only the lower one stays watched, by `back`
      near.notify([entry(all[0], false, -2000), entry(all[1], false, -1900)]);
      h.emit({ type: 'mutated', sessionId: 1 });
      const back = observers.get(BACK);
      expect(near.targets.has(all[0])).toBe(false);
      expect(near.targets.has(all[1])).toBe(false);
      expect([...(back?.targets ?? [])]).toEqual([all[1]]);
      // a focused badge stays, however far
      const focused = doc.querySelector(`smm-lens-anchor button`) as HTMLButtonElement;
      const focusedHost = focused.parentElement?.parentElement as Element;
      focused.focus();
      far.notify([entry(focusedHost, false, -1800)]);
      expect(focused.isConnected).toBe(true);
      expect(far.targets.has(focusedHost)).toBe(true);
      focused.blur();
      // jumped back to the top: `back` sees the lower one; both are watched again and come near
      back?.notify([entry(all[1], true)]);
      h.emit({ type: 'mutated', sessionId: 1 });
      expect(near.targets.has(all[0])).toBe(true);
      expect(near.targets.has(all[1])).toBe(true);
      near.notify([entry(all[1], true), entry(all[0], true)]);
      await new Promise((r) => setTimeout(r, 200));
      expect(badges()).toHaveLength(all.length);
      const again = new Map(badges().map((b) => [b.parentElement?.parentElement, b.getAttribute('smm-lens-label')]));
      expect(again).toEqual(labels);
      expect(far.targets.size).toBe(all.length);
      // no question was asked for the badges made again: the numbers were known
      const asked = h.asks.length;
      await h.overlay.settle();
      expect(h.asks.length).toBe(asked);
      h.overlay.dispose();
      expect(added(doc).length).toBe(0);
      expect(far.targets.size).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

it('never throws into the page: a finder that throws is logged and the rest goes on', async () => {
  loadPage(RU_PAGE);
  const report = reportOf(RU_EXPECTED, NOW, 'profile');
  await store(report);
  const broken = {
    ...instagramAnchors,
    posts: () => {
      throw new Error('markup changed');
    },
  };
  const h = start(broken, { url: RU_URL });
  h.emit(session(1));
  h.read(1, report);
  await expect(h.overlay.settle()).resolves.toBeUndefined();
  expect(h.log).toHaveBeenCalledWith('overlay failed in place', expect.any(Error));
  // the account badge does not depend on the posts
  expect(document.querySelector('smm-lens-account')).not.toBeNull();
  h.overlay.dispose();
  vi.restoreAllMocks();
});
