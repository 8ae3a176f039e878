import { describe, expect, it } from 'vitest';
import { handleIngest } from '@/lib/background/ingest';
import { classifySender } from '@/lib/messaging';
import { getAccountHistory } from '@/lib/store/store';
import { igAccount, igPost, report } from '../helpers/reports';

const ID = 'test-extension-id';
const contentSender = { id: ID, url: 'https://www.instagram.com/nasa/', tab: { id: 5 } };
const T = Date.UTC(2026, 9, 1);

describe('who may send messages', () => {
  it.each([
    [{ id: ID, url: 'https://www.instagram.com/nasa/', tab: { id: 1 } }, 'content'],
    [{ id: ID, url: 'https://vk.com/feed', tab: { id: 1 } }, 'content'],
    [{ id: ID, url: `chrome-extension://${ID}/popup.html` }, 'extension-page'],
    [{ id: 'another-extension', url: 'https://www.instagram.com/', tab: { id: 1 } }, null],
    [{ id: ID, url: 'https://evil.example/', tab: { id: 1 } }, null],
    [{ id: ID, url: 'https://www.instagram.com/' }, null],
    [{}, null],
    [undefined, null],
  ])('%j -> %s', (sender, kind) => {
    expect(classifySender(sender)).toBe(kind);
  });
});

describe('ingest handler', () => {
  it('stores a valid report from a content script', async () => {
    const reply = await handleIngest(report(igAccount('nasa', 1000), [igPost('AAAAA', 1)], T), contentSender);
    expect(reply).toEqual({ ok: true, accounts: ['instagram:nasa'], posts: 1 });
    expect((await getAccountHistory('instagram:nasa'))?.snapshots).toHaveLength(1);
  });

  it('ignores messages from anyone else', async () => {
    const reply = await handleIngest(report(igAccount('nasa', 1000), [], T), {
      id: 'other',
      url: 'https://www.instagram.com/',
      tab: { id: 1 },
    });
    expect(reply).toMatchObject({ ok: false, error: 'untrusted' });
    expect(await getAccountHistory('instagram:nasa')).toBeNull();
  });

  it.each([
    ['not an object', 'hello'],
    [
      'a negative count',
      {
        ...report(igAccount('nasa', 1), [], T),
        account: { ...igAccount('nasa', 1), followers: { value: -1, low: -1, high: -1, exact: true, raw: '-1' } },
      },
    ],
    [
      'a NaN count',
      {
        ...report(igAccount('nasa', 1), [], T),
        account: { ...igAccount('nasa', 1), followers: { value: Number.NaN, low: 0, high: 0, exact: true, raw: 'x' } },
      },
    ],
    ['a bad time', { ...report(igAccount('nasa', 1), [], T), observedAt: 'now' }],
    ['an unknown platform', { ...report(igAccount('nasa', 1), [], T), account: { ...igAccount('nasa', 1), platform: 'tiktok' } }],
    [
      'too many comments',
      report(
        null,
        [igPost('AAAAA', 1, { commentsSample: Array.from({ length: 31 }, () => ({ text: 'x', author: null, at: null, byOwner: false })) })],
        T,
      ),
    ],
    ['a post id with a slash', report(null, [igPost('../x', 1)], T)],
  ])('refuses %s', async (_name, data) => {
    const reply = await handleIngest(data, contentSender);
    expect(reply).toMatchObject({ ok: false, error: 'invalid' });
  });

  it('refuses a report about another site than the sending tab', async () => {
    const reply = await handleIngest(report(igAccount('nasa', 1), [], T), { ...contentSender, url: 'https://vk.com/feed' });
    expect(reply).toMatchObject({ ok: false, error: 'invalid' });
  });
});
