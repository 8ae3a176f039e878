process.env.TZ = 'Europe/Moscow';

import { describe, expect, it, vi } from 'vitest';
import { handleReadInDocument, handleReadVkPosts } from '@/lib/background/read-elsewhere';
import type { VkPostBatch } from '@/lib/platforms/vk/batch';
import { vkDocument } from './platforms/vk/helpers';

const ID = 'test-extension-id';
const vkTab = { id: ID, url: 'https://vk.com/feed', tab: { id: 3 } };
const worker = { id: ID, url: `chrome-extension://${ID}/background.js` };

/** A batch as the content script sends it: copies of the real 2021 feed's posts. */
function feedBatch(): VkPostBatch {
  const doc = vkDocument('vk/vk-feed-loggedin-2021-08.html');
  const ser = new XMLSerializer();
  return {
    context: { now: Date.parse('2021-08-28T19:53:47+03:00'), host: 'vk.com', pageKind: 'feed', account: null, locale: 'ru' },
    data: [],
    posts: [...doc.querySelectorAll('#feed_rows [data-post-id]')]
      .filter((p) => !p.parentElement?.closest('[data-post-id]'))
      .map((p) => ser.serializeToString(p)),
  };
}

describe('reading VK posts off the page (readVkPosts, readVkPostsInDocument)', () => {
  it('reads a batch from a VK tab where there is a DOM parser: one entry per copy, in order', async () => {
    const batch = feedBatch();
    const reply = await handleReadVkPosts(JSON.parse(JSON.stringify(batch)), vkTab);
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.posts.map((p) => p?.id)).toEqual(['375915107_2549', '-2513295_8964', '-54520471_10756', '-2513295_8957']);
    expect(reply.posts[1]).toMatchObject({ likes: { value: 29 }, comments: { value: 0 }, shares: { value: 2 } });
    // the page's data for a post goes with it
    const withData = {
      ...batch,
      data: [
        ['-2513295_8964', { likes: null, comments: null, shares: null, views: null, date: null, pinned: true }],
      ] as VkPostBatch['data'],
    };
    const again = await handleReadVkPosts(withData, vkTab);
    expect(again.ok && again.posts[1]?.pinned).toBe(true);
  });

  it('a copy that does not parse, or is no post, is null; the others are read', async () => {
    const batch = feedBatch();
    batch.posts.splice(
      1,
      0,
      '<div xmlns="http://www.w3.org/1999/xhtml"><p>unclosed</div>',
      '<div xmlns="http://www.w3.org/1999/xhtml">no post</div>',
    );
    const reply = await handleReadVkPosts(batch, vkTab);
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.posts.map((p) => p?.id ?? null)).toEqual([
      '375915107_2549',
      null,
      null,
      '-2513295_8964',
      '-54520471_10756',
      '-2513295_8957',
    ]);
  });

  it('only from this extension’s VK content script; only well-formed batches; a script in a copy never runs', async () => {
    const elsewhere = vi.fn();
    const batch = feedBatch();
    for (const sender of [{ ...vkTab, url: 'https://www.instagram.com/nasa/' }, { ...vkTab, id: 'other' }, worker, undefined]) {
      expect(await handleReadVkPosts(batch, sender, elsewhere)).toMatchObject({ ok: false });
    }
    for (const bad of [
      { ...batch, posts: [] },
      { ...batch, posts: Array(101).fill(batch.posts[0]) },
      { ...batch, posts: ['x'.repeat(2_000_001)] },
      { ...batch, context: { ...batch.context, host: 'evil.example' } },
      { ...batch, data: [['not-an-id', {}]] },
      {
        ...batch,
        data: [
          [
            '1_1',
            {
              likes: { value: -5, low: -5, high: -5, exact: true, raw: '-5' },
              comments: null,
              shares: null,
              views: null,
              date: null,
              pinned: null,
            },
          ],
        ],
      },
      'posts',
      null,
    ]) {
      expect(await handleReadVkPosts(bad, vkTab, elsewhere)).toMatchObject({ ok: false, message: expect.any(String) });
    }
    expect(elsewhere).not.toHaveBeenCalled();

    const w = window as unknown as { __ran?: boolean };
    const hostile = `<div xmlns="http://www.w3.org/1999/xhtml" class="_post post" data-post-id="-1_5"><script>window.__ran = true</script><img src="x" onerror="window.__ran = true" /></div>`;
    const reply = await handleReadVkPosts({ ...batch, posts: [hostile] }, vkTab);
    expect(reply).toMatchObject({ ok: true, posts: [{ id: '-1_5' }] });
    await new Promise((r) => setTimeout(r, 50));
    expect(w.__ran).toBeUndefined();
  });

  it('the reader document answers the worker only', () => {
    const batch = feedBatch();
    expect(handleReadInDocument(batch, vkTab)).toMatchObject({ ok: false });
    const reply = handleReadInDocument(batch, worker);
    expect(reply.ok && reply.posts).toHaveLength(4);
  });
});
