/**
 * The popup's view model (message getPopupView, lib/background/views.ts handlePopupView): who may
 * ask, the page's account with the same numbers the engine gives, the VK screen-name fallback, the
 * recent list where the popup shows it, storage problems, language and theme, and the shape check
 * the popup applies to the answer (lib/popup-view.ts isPopupViewReply).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { clearViewCache, handlePopupView, headOf } from '@/lib/background/views';
import type { PageState } from '@/lib/messaging';
import { analyzeAccount } from '@/lib/metrics/analyze';
import { isPopupViewReply } from '@/lib/popup-view';
import { updateSettings } from '@/lib/settings';
import { getAccountHistory, ingestReport } from '@/lib/store/store';
import { igAccount, igPost, report } from '../../helpers/reports';

const T = Date.UTC(2026, 9, 1, 12);
const popup = () => ({ id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') });
const state = (over: Partial<PageState> = {}): PageState => ({
  platform: 'instagram',
  url: 'https://www.instagram.com/nasa/',
  pageKind: 'profile',
  accountKey: 'instagram:nasa',
  accountName: 'NASA',
  status: 'ok',
  posts: 4,
  lastReportAt: null,
  lastReply: null,
  ...over,
});
const ask = (page: unknown, data: unknown = { tab: 7, ui: 'en-US' }, sender: object = popup()) =>
  handlePopupView(data, sender, {
    uiLanguage: () => 'en-US',
    pageState: async (tab) => {
      if (tab !== 7) throw new Error('no such tab');
      if (page instanceof Error) throw page;
      return page;
    },
  });

async function nasa() {
  const posts = ['AAAAA', 'BBBBB', 'CCCCC', 'DDDDD'].map((id, i) =>
    igPost(id, 100 * (i + 1), { authorId: 'nasa', publishedAt: new Date(T - (i + 2) * 86_400_000).toISOString() }),
  );
  await ingestReport(report(igAccount('nasa', 10_000, { name: 'NASA' }), posts, T));
}

beforeEach(() => clearViewCache());

describe('getPopupView', () => {
  it('only this extension’s pages may ask; the request is checked', async () => {
    expect(await ask(state(), undefined, { id: 'other', url: 'chrome-extension://other/popup.html' })).toMatchObject({
      ok: false,
      error: 'untrusted',
    });
    // a content script (a tab on a supported site) may not read other tabs through this
    expect(await ask(state(), undefined, { id: browser.runtime.id, url: 'https://www.instagram.com/', tab: { id: 1 } })).toMatchObject({
      ok: false,
      error: 'untrusted',
    });
    expect(await ask(state(), { tab: 'x', ui: null })).toMatchObject({ ok: false, error: 'invalid' });
    expect(await ask(state(), { tab: -1, ui: null })).toMatchObject({ ok: false, error: 'invalid' });
  });

  it('the page’s account: the engine’s numbers, unchanged through a message', async () => {
    await nasa();
    const r = await ask(state());
    if (!r.ok) throw new Error(r.message);
    const history = await getAccountHistory('instagram:nasa');
    if (!history) throw new Error('not stored');
    const { posts: _posts, ...analysis } = analyzeAccount(history);
    const sent = JSON.parse(JSON.stringify(r));
    expect(sent).toEqual(r);
    expect(isPopupViewReply(sent)).toBe(true);
    expect(sent.account).toEqual(JSON.parse(JSON.stringify({ ...headOf(history), analysis })));
    expect(sent.account.counts.followers).toMatchObject({ value: 10_000, exact: true });
    expect(sent.account.name).toBe('NASA');
    expect(sent.account.snapshots).toBe(1);
    // the popup lists no recent accounts beside an account
    expect(sent.recent).toEqual([]);
    expect(sent).toMatchObject({ lang: 'en', theme: 'auto', problem: null, page: state() });
    // asked again: the same answer (from the cache)
    expect(await ask(state())).toEqual(r);
  });

  it('the user’s settings: the posts the ER uses, the language and theme', async () => {
    await nasa();
    await updateSettings({ recentPosts: 3, language: 'ru', theme: 'dark' });
    const r = await ask(state());
    if (!r.ok || !r.account) throw new Error('no account');
    expect(r.account.analysis.engagement.erMedian.sample?.n).toBe(3);
    expect(r).toMatchObject({ lang: 'ru', theme: 'dark' });
    await updateSettings({ language: 'auto' });
    expect(await ask(state(), { tab: 7, ui: 'ru-RU' })).toMatchObject({ lang: 'ru' });
    expect(await ask(state(), { tab: 7, ui: null })).toMatchObject({ lang: 'en' });
  });

  it('an account seen by another name: the stored one of the same site with that handle', async () => {
    await nasa();
    const r = await ask(state({ accountKey: 'instagram:NASA' }));
    expect(r.ok && r.account?.key).toBe('instagram:nasa');
  });

  it('nothing stored, not a supported page, a malformed answer from the tab', async () => {
    await nasa();
    const none = await ask(state({ accountKey: 'instagram:pluto' }));
    expect(none).toMatchObject({ ok: true, account: null, recent: [] });
    for (const page of [new Error('no content script'), { nonsense: true }]) {
      const r = await ask(page);
      expect(r).toMatchObject({ ok: true, page: null, account: null });
      expect(r.ok && r.recent.map((e) => e.key)).toEqual(['instagram:nasa']);
    }
    const noTab = await ask(state(), { tab: null, ui: null });
    expect(noTab).toMatchObject({ ok: true, page: null });
  });

  it('a feed: the recent accounts, with their counts and cached verdicts', async () => {
    await nasa();
    const r = await ask(state({ pageKind: 'feed', accountKey: null }));
    if (!r.ok) throw new Error(r.message);
    expect(r.account).toBeNull();
    expect(r.recent).toHaveLength(1);
    expect(r.recent[0]).toMatchObject({ key: 'instagram:nasa', name: 'NASA', followers: { value: 10_000, exact: true } });
    expect(isPopupViewReply(JSON.parse(JSON.stringify(r)))).toBe(true);
  });

  it('the shape check refuses what the popup cannot draw', () => {
    expect(isPopupViewReply(null)).toBe(false);
    expect(isPopupViewReply({ ok: false, error: 'read', message: 'boom' })).toBe(true);
    const good = { ok: true, lang: 'en', theme: 'auto', page: null, account: null, recent: [], problem: null };
    expect(isPopupViewReply(good)).toBe(true);
    expect(isPopupViewReply({ ...good, lang: 'de' })).toBe(false);
    expect(isPopupViewReply({ ...good, account: { key: 'x' } })).toBe(false);
    expect(isPopupViewReply({ ...good, recent: [{ key: 'x' }] })).toBe(false);
    const recent = { key: 'vk:1', url: 'https://vk.com/id1', id: '1', last: 1, verdict: null };
    const count = { value: 5, low: 5, high: 5, exact: true };
    expect(isPopupViewReply({ ...good, recent: [{ ...recent, followers: count }] })).toBe(true);
    expect(isPopupViewReply({ ...good, recent: [{ ...recent, followers: { ...count, value: Number.NaN } }] })).toBe(false);
    expect(isPopupViewReply({ ...good, recent: [{ ...recent, followers: { ...count, high: Number.POSITIVE_INFINITY } }] })).toBe(false);
    expect(isPopupViewReply({ ...good, recent: [{ ...recent, followers: count, verdict: [] }] })).toBe(false);
    expect(isPopupViewReply({ ...good, page: [] })).toBe(false);
  });
});
