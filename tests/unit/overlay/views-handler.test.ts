/**
 * The background's answer to the overlay (lib/background/views.ts): who may ask, what it sends
 * (only the requested posts, lean samples, a thinned series), the catalog once per language,
 * VK screen names resolved to numeric records, and the in-memory cache.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clearViewCache, handleAccountViews, resolveRef, thinSeries } from '@/lib/background/views';
import * as analyze from '@/lib/metrics/analyze';
import { updateSettings } from '@/lib/settings';
import type { IndexEntry } from '@/lib/store/records';
import { ingestReport } from '@/lib/store/store';
import { igAccount, igPost, report, vkAccount } from '../../helpers/reports';

const ID = 'test-extension-id';
const ig = { id: ID, url: 'https://www.instagram.com/nasa/', tab: { id: 3 } };
const T = Date.UTC(2026, 9, 1, 12);
const ref = (id: string, posts: string[] = [], detail = true) => ({ platform: 'instagram' as const, id, handle: id, posts, detail });
const ask = (refs: ReturnType<typeof ref>[], have: 'en' | 'ru' | null = null, sender: object = ig) =>
  handleAccountViews({ refs, have }, sender, { uiLanguage: () => 'en-US' });

async function nasa() {
  const posts = ['AAAAA', 'BBBBB', 'CCCCC', 'DDDDD'].map((id, i) =>
    igPost(id, 100 * (i + 1), { authorId: 'nasa', publishedAt: new Date(T - (i + 2) * 86_400_000).toISOString() }),
  );
  await ingestReport(report(igAccount('nasa', 10_000), posts, T));
}

beforeEach(() => clearViewCache());

describe('who may ask', () => {
  it('not another extension, not a page', async () => {
    expect(await ask([], null, { id: 'other', url: ig.url, tab: { id: 1 } })).toMatchObject({ ok: false, error: 'untrusted' });
    expect(await ask([], null, { id: ID, url: 'https://evil.example/', tab: { id: 1 } })).toMatchObject({ ok: false, error: 'untrusted' });
  });

  it('a content script asks about its own site only', async () => {
    const r = await handleAccountViews({ refs: [{ ...ref('x'), platform: 'vk' }], have: null }, ig, { uiLanguage: () => 'en' });
    expect(r).toMatchObject({ ok: false, error: 'invalid' });
  });

  it.each([
    ['not an object', 'hello'],
    ['a bad id', { refs: [{ ...ref('x'), id: '<script>' }], have: null }],
    [
      'too many posts',
      {
        refs: [
          ref(
            'x',
            Array.from({ length: 401 }, (_, i) => `P${i}`),
          ),
        ],
        have: null,
      },
    ],
  ])('refuses %s', async (_, data) => {
    expect(await handleAccountViews(data, ig, { uiLanguage: () => 'en' })).toMatchObject({ ok: false, error: 'invalid' });
  });
});

describe('the answer', () => {
  it('the settings and, once per language, the catalog part the overlay shows', async () => {
    const first = await ask([]);
    if (!first.ok) throw new Error(first.message);
    expect(first.config).toEqual({ enabled: { vk: true, instagram: true }, lang: 'en', theme: 'auto' });
    expect(first.catalog?.['overlay.badge.ad']).toBe('Ad · not counted');
    expect(first.catalog?.['metric.formula.postEr']).toBeTruthy();
    expect(Object.keys(first.catalog ?? {}).some((k) => k.startsWith('popup.') || k.startsWith('dash.col'))).toBe(false);
    const again = await ask([], 'en');
    expect(again.ok && again.catalog).toBeNull();
    await updateSettings({ language: 'ru', theme: 'dark', overlay: { vk: true, instagram: false } });
    const ru = await ask([], 'en');
    expect(ru.ok && ru.config).toEqual({ enabled: { vk: true, instagram: false }, lang: 'ru', theme: 'dark' });
    expect(ru.ok && ru.catalog?.['overlay.badge.ad']).toBe('Реклама · не учитывается');
  });

  it('"auto" follows the browser’s UI language as the background asks it (the content script does not send it)', async () => {
    const ru = await handleAccountViews({ refs: [], have: null }, ig, { uiLanguage: () => 'ru-RU' });
    expect(ru.ok && ru.config.lang).toBe('ru');
    const en = await handleAccountViews({ refs: [], have: null }, ig, { uiLanguage: () => 'en-GB' });
    expect(en.ok && en.config.lang).toBe('en');
  });

  it('only the requested posts, without the sample post lists; the analysis only when asked', async () => {
    await nasa();
    const r = await ask([ref('nasa', ['BBBBB', 'ZZZZZ'], false)], 'en');
    if (!r.ok) throw new Error(r.message);
    const v = r.views[0];
    expect(v?.key).toBe('instagram:nasa');
    expect(v?.posts.map((p) => p.id)).toEqual(['BBBBB']);
    expect(v?.posts[0].multiplier.sample?.postIds).toEqual([]);
    expect(v?.posts[0].er).toMatchObject({ status: 'ok', value: ((200 + 3) / 10_000) * 100 });
    expect(v?.analysis).toBeNull();
    expect(v?.erMedian.status).toBe('ok');
    const d = await ask([ref('nasa', [], true)], 'en');
    expect(d.ok && d.views[0]?.analysis?.engagement.erMedian.status).toBe('ok');
    expect(d.ok && 'posts' in (d.views[0]?.analysis ?? {})).toBe(false);
  });

  it('an account with nothing stored is null', async () => {
    const r = await ask([ref('nobody')], 'en');
    expect(r.ok && r.views).toEqual([null]);
  });

  it('an unchanged account is analysed once', async () => {
    await nasa();
    const spy = vi.spyOn(analyze, 'analyzeAccount');
    await ask([ref('nasa')], 'en');
    await ask([ref('nasa')], 'en');
    expect(spy).toHaveBeenCalledTimes(1);
    // a new visit changes the record (the store's own summary analyses it too: not counted here)
    await ingestReport(report(igAccount('nasa', 10_500), [], T + 86_400_000));
    spy.mockClear();
    await ask([ref('nasa')], 'en');
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});

describe('resolving what the page names', () => {
  const entry = (key: string, handle: string | null): IndexEntry => ({
    key,
    platform: key.startsWith('vk') ? 'vk' : 'instagram',
    id: key.slice(key.indexOf(':') + 1),
    handle,
    name: null,
    url: 'https://vk.com/x',
    first: 0,
    last: 0,
    followers: null,
    snapshots: 1,
    posts: 0,
    bytes: 1,
  });
  const entries = [entry('vk:-2513295', 'prfkm'), entry('instagram:nasa', 'nasa'), entry('vk:1', 'durov')];

  it.each([
    [{ platform: 'vk', id: '-2513295', handle: null }, 'vk:-2513295'],
    [{ platform: 'vk', id: 'prfkm', handle: 'prfkm' }, 'vk:-2513295'],
    [{ platform: 'vk', id: 'PRFKM', handle: null }, 'vk:-2513295'],
    [{ platform: 'instagram', id: 'NASA', handle: null }, 'instagram:nasa'],
    [{ platform: 'instagram', id: 'prfkm', handle: 'prfkm' }, null],
    [{ platform: 'vk', id: 'unknown', handle: null }, null],
  ])('%j -> %s', (r, key) => {
    expect(resolveRef(r, entries)?.key ?? null).toBe(key);
  });

  it('a VK page read by screen name finds the record kept under the numeric id', async () => {
    await ingestReport(report(vkAccount('-2513295', 'prfkm', 5000), [], T));
    const r = await handleAccountViews(
      { refs: [{ platform: 'vk', id: 'prfkm', handle: 'prfkm', posts: [], detail: true }], have: 'en' },
      { id: ID, url: 'https://vk.com/prfkm', tab: { id: 1 } },
      { uiLanguage: () => 'en' },
    );
    expect(r.ok && r.views[0]?.key).toBe('vk:-2513295');
  });
});

describe('trimming', () => {
  const series = Array.from({ length: 1000 }, (_, i) => ({ at: i * 1000, value: i, low: i, high: i, exact: true }));

  it('a long series is thinned to the limit, keeping the ends and the flagged edges', () => {
    const thin = thinSeries(series, 240, [123_400, 777_700]);
    expect(thin.length).toBeLessThanOrEqual(242);
    expect(thin[0].at).toBe(0);
    expect(thin[thin.length - 1].at).toBe(999_000);
    expect(thin.some((p) => p.at === 123_000)).toBe(true);
    expect(thin.some((p) => p.at === 778_000)).toBe(true);
    for (let i = 1; i < thin.length; i++) expect(thin[i].at).toBeGreaterThan(thin[i - 1].at);
  });

  it('a short series is kept whole', () => {
    expect(thinSeries(series.slice(0, 10), 240)).toHaveLength(10);
  });

  it('the basis changes with a new snapshot or a new median', async () => {
    await nasa();
    const r1 = await ask([ref('nasa')], 'en');
    await ingestReport(report(igAccount('nasa', 10_100), [], T + 2 * 86_400_000));
    const r2 = await ask([ref('nasa')], 'en');
    expect(r1.ok && r2.ok && r1.views[0]?.basis !== r2.views[0]?.basis).toBe(true);
    const r3 = await ask([ref('nasa')], 'en');
    expect(r2.ok && r3.ok && r2.views[0]?.basis === r3.views[0]?.basis).toBe(true);
  });
});
