/**
 * The MAIN-world observer: the page gets exactly what it asked for; Instagram's own API responses
 * are read on a clone, after the fact, and their counts cross the page bridge.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onPageData } from '@/lib/content/page-bridge';
import {
  BODY_GAP_MS,
  dataOfBody,
  IG_CHANNEL,
  installNetworkObserver,
  isInstagramApi,
  requestPageScan,
  requestReplay,
} from '@/lib/platforms/instagram/network';

const FEED = {
  items: [
    {
      code: 'C9Zzzzzzzz9',
      pk: '1',
      taken_at: 1748000000,
      media_type: 1,
      like_count: 77,
      comment_count: 3,
      user: { username: 'northwind.coffee', pk: '42' },
    },
  ],
};

/** A fresh window-like object for one test: its own fetch and XMLHttpRequest, the real event target. */
function fakeWindow(fetchImpl: (...a: unknown[]) => Promise<Response>) {
  class FakeXhr extends EventTarget {
    status = 0;
    responseType = '';
    responseText = '';
    response: unknown = null;
    opened: unknown[] = [];
    sent: unknown[] = [];
    open(...args: unknown[]) {
      this.opened = args;
    }
    send(...args: unknown[]) {
      this.sent = args;
    }
  }
  const events = new EventTarget();
  const w = {
    fetch: fetchImpl,
    XMLHttpRequest: FakeXhr,
    location: { href: 'https://www.instagram.com/northwind.coffee/' },
    addEventListener: events.addEventListener.bind(events),
    dispatchEvent: events.dispatchEvent.bind(events),
    setTimeout: (fn: () => void) => setTimeout(fn, 0),
  };
  return w as unknown as Window & { XMLHttpRequest: typeof FakeXhr };
}

const received: unknown[] = [];
let off = onPageData(IG_CHANNEL, (p) => received.push(p));
afterEach(() => {
  received.length = 0;
  off();
  off = onPageData(IG_CHANNEL, (p) => received.push(p));
});
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('which requests are looked at', () => {
  it.each([
    ['/api/v1/feed/user/42/?count=12', true],
    ['https://www.instagram.com/graphql/query', true],
    ['/api/v1/media/3600/info/', true],
    ['/api/v1/users/web_profile_info/?username=nasa', true],
    ['/api/v1/clips/user/', true],
    ['/ajax/bz', false],
    ['https://graph.facebook.com/graphql/query', false],
    ['/static/bundles/x.js', false],
    ['/graphql/query?doc_id=1#x', true],
    ['/graphql/query', true],
    ['/graphq', false],
    ['//graph.facebook.com/graphql/query', false],
    ['/static/../graphql/query', true],
    ['/%67raphql/query', false],
    ['/api/v1/feed', false],
    ['\\\\evil.example\\graphql\\query', false],
    ['/api\\v1\\feed\\user/42/', true],
    ['https://www.instagram.com/api/v1/users/web_profile_info/', true],
  ])('%s -> %s', (url, yes) => {
    expect(isInstagramApi(url, 'https://www.instagram.com/nasa/')).toBe(yes);
  });
  it('plain paths are decided without URL parsing, as URL parsing decides them', () => {
    const API = /^\/(graphql\/query|api\/graphql|graphql|api\/v1\/(feed|media|users|clips|discover|tags|fbsearch)\/)/;
    const byUrl = (url: string, base: string) => {
      try {
        const u = new URL(url, base);
        return u.origin === new URL(base).origin && API.test(u.pathname);
      } catch {
        return false;
      }
    };
    const part = fc.constantFrom(
      '/',
      '//',
      'graphql',
      'query',
      'api',
      'v1',
      'feed',
      '..',
      '.',
      '%2F',
      '\\',
      '?',
      '#',
      'x',
      ' ',
      '\t',
      'é',
      'https:',
      'www.instagram.com',
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        const url = parts.join('');
        expect(isInstagramApi(url, 'https://www.instagram.com/nasa/')).toBe(byUrl(url, 'https://www.instagram.com/nasa/'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('fetch', () => {
  it('returns the page its own response, untouched, and hands the counts over afterwards', async () => {
    const response = new Response(JSON.stringify(FEED), { status: 200 });
    const w = fakeWindow(() => Promise.resolve(response));
    installNetworkObserver(w);
    const got = await w.fetch('/api/v1/feed/user/42/?count=12');
    expect(got).toBe(response);
    expect(await got.json()).toEqual(FEED); // the page can still read its body
    await settle();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ media: [{ code: 'C9Zzzzzzzz9', likes: 77, comments: 3, owner: 'northwind.coffee' }] });
  });

  it('ignores other URLs, failed responses and bodies without counts', async () => {
    for (const [url, res] of [
      ['/static/x.json', new Response(JSON.stringify(FEED))],
      ['/api/v1/feed/user/42/', new Response(JSON.stringify(FEED), { status: 500 })],
      ['/api/v1/feed/user/42/', new Response('{"status":"ok"}')],
    ] as const) {
      const w = fakeWindow(() => Promise.resolve(res));
      installNetworkObserver(w);
      await w.fetch(url);
    }
    await settle();
    expect(received).toEqual([]);
  });

  it('a failing request still fails for the page, and nothing else happens', async () => {
    const w = fakeWindow(() => Promise.reject(new TypeError('network down')));
    installNetworkObserver(w);
    await expect(w.fetch('/api/v1/feed/user/42/')).rejects.toThrow('network down');
  });

  it('is installed once per window', () => {
    const f = vi.fn(() => Promise.resolve(new Response('{}')));
    const w = fakeWindow(f);
    installNetworkObserver(w);
    const wrapped = w.fetch;
    installNetworkObserver(w);
    expect(w.fetch).toBe(wrapped);
  });

  it('replays what it saw for a content script that started later', async () => {
    const w = fakeWindow(() => Promise.resolve(new Response(JSON.stringify(FEED))));
    installNetworkObserver(w);
    await w.fetch('/graphql/query');
    await settle();
    received.length = 0;
    requestReplay(w);
    expect(received).toHaveLength(1);
  });
});

describe('XMLHttpRequest', () => {
  it('reads text and JSON responses of Instagram API requests after they loaded', async () => {
    const w = fakeWindow(() => Promise.resolve(new Response('{}')));
    installNetworkObserver(w);
    const xhr = new w.XMLHttpRequest();
    xhr.open('POST', '/graphql/query', true);
    xhr.send('variables=%7B%7D');
    expect(xhr.opened).toEqual(['POST', '/graphql/query', true]);
    expect(xhr.sent).toEqual(['variables=%7B%7D']);
    Object.assign(xhr, { status: 200, responseType: '', responseText: `for (;;);${JSON.stringify(FEED)}` });
    xhr.dispatchEvent(new Event('load'));
    const json = new w.XMLHttpRequest();
    json.open('GET', '/api/v1/media/1/info/');
    json.send();
    Object.assign(json, { status: 200, responseType: 'json', response: FEED });
    json.dispatchEvent(new Event('load'));
    const other = new w.XMLHttpRequest();
    other.open('GET', '/logging/falco');
    other.send();
    Object.assign(other, { status: 200, responseText: JSON.stringify(FEED) });
    other.dispatchEvent(new Event('load'));
    await settle();
    // the two Instagram bodies, read together: one payload with the media of both
    expect(received).toHaveLength(1);
    expect((received[0] as { media: unknown[] }).media).toHaveLength(2 * (dataOfBody(FEED)?.media.length ?? 0));
  });

  it('bodies of a fast infinite scroll are handed over together, at most once every BODY_GAP_MS', async () => {
    const w = fakeWindow(() => Promise.resolve(new Response('{}')));
    // this window's timers wait as asked
    (w as unknown as { setTimeout: typeof setTimeout }).setTimeout = ((fn: () => void, ms?: number) =>
      setTimeout(fn, ms)) as typeof setTimeout;
    installNetworkObserver(w);
    const load = () => {
      const xhr = new w.XMLHttpRequest();
      xhr.open('POST', '/graphql/query', true);
      xhr.send('');
      Object.assign(xhr, { status: 200, responseType: 'json', response: FEED });
      xhr.dispatchEvent(new Event('load'));
    };
    const one = dataOfBody(FEED)?.media.length ?? 0;
    expect(one).toBeGreaterThan(0);
    load();
    await settle();
    expect(received).toHaveLength(1);
    // three more within the gap: one payload, after the gap
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) {
      load();
      await new Promise((r) => setTimeout(r, 10));
    }
    await settle();
    expect(received).toHaveLength(1);
    await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: BODY_GAP_MS + 200, interval: 5 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(BODY_GAP_MS - 40);
    expect((received[1] as { media: unknown[] }).media).toHaveLength(3 * one);
  });
});

it('bodies: only Instagram JSON with counts', () => {
  expect(dataOfBody('<html>')).toBeNull();
  expect(dataOfBody(JSON.stringify(FEED))?.media).toHaveLength(1);
  expect(dataOfBody(FEED)?.media).toHaveLength(1);
});

describe("the page's own JSON", () => {
  it('is read when the content script asks, once per script, with the first page facts', async () => {
    const w = fakeWindow(() => Promise.resolve(new Response('{}')));
    const blob = JSON.stringify({
      require: [
        [
          { page_logging: { name: 'profilePage', params: { page_id: 'profilePage_42' } } },
          { data: { user: { username: 'northwind.coffee', follower_count: 12431 } } },
        ],
      ],
    });
    const page = new DOMParser().parseFromString(
      `<html><body><script type="application/json" data-sjs>${blob}</script></body></html>`,
      'text/html',
    );
    Object.assign(w, { document: page });
    installNetworkObserver(w);
    requestReplay(w);
    expect(received).toEqual([
      {
        media: [],
        users: [{ username: 'northwind.coffee', pk: null, name: null, followers: 12431, following: null, posts: null, isPrivate: null }],
        facts: { profileId: '42', mediaType: null, mediaOwnerId: null },
      },
    ]);
    received.length = 0;
    requestPageScan(w); // nothing new in the page
    expect(received).toEqual([{ media: [], users: [], facts: { profileId: '42', mediaType: null, mediaOwnerId: null } }]);
    const more = page.createElement('script');
    more.setAttribute('type', 'application/json');
    more.textContent = JSON.stringify({ items: [FEED.items[0]] });
    page.body.append(more);
    received.length = 0;
    requestPageScan(w);
    expect(received).toMatchObject([{ media: [{ code: 'C9Zzzzzzzz9', likes: 77 }] }]);
  });
});
