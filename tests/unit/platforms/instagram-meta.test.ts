import { describe, expect, it } from 'vitest';
import { parseProfileCounters, readProfileMeta } from '@/lib/platforms/instagram/meta';
import { readInstagramAccount } from '@/lib/platforms/instagram/reader';
import { fixtureDocument } from '../../helpers/fixtures';

const fixture = (name: string) => fixtureDocument(`instagram/${name}`);

describe('profile counters in og:description', () => {
  it('reads the English form', () => {
    expect(
      parseProfileCounters('2,362 Followers, 136 Following, 224 Posts - See Instagram photos and videos from Pluto (@pluto__travel)'),
    ).toMatchObject({
      followers: { value: 2362, exact: true },
      following: { value: 136, exact: true },
      posts: { value: 224, exact: true },
    });
  });
  it('reads the Russian form with abbreviations and NBSP grouping', () => {
    expect(parseProfileCounters('1,2\u00a0млн подписчиков, 79 подписок, 4\u00a0142 публикаций - Посмотрите фото')).toMatchObject({
      followers: { value: 1_200_000, low: 1_150_000, high: 1_300_000, exact: false },
      following: { value: 79, exact: true },
      posts: { value: 4142, exact: true },
    });
  });
  it('an abbreviated count next to exact ones', () => {
    expect(parseProfileCounters('12M Followers, 3,160 Following, 688 Posts')).toMatchObject({
      followers: { value: 12_000_000, exact: false },
      following: { value: 3160, exact: true },
      posts: { value: 688, exact: true },
    });
  });
  it('refuses text that is not the counters', () => {
    expect(parseProfileCounters('298K likes, 553 comments - willyrex on May 29, 2021')).toBeNull();
    expect(parseProfileCounters('Watch this story by Jaime Lorente on Instagram before it disappears.')).toBeNull();
  });
});

describe('real pages', () => {
  it('2024 logged-out profile (pluto__travel)', () => {
    const doc = fixture('instagram-profile-loggedout-2024-12.html');
    expect(readProfileMeta(doc)).toMatchObject({
      handle: 'pluto__travel',
      name: 'Pluto',
      followers: { value: 2362, exact: true, raw: '2,362' },
      following: { value: 136, exact: true },
      posts: { value: 224, exact: true },
    });
    expect(readInstagramAccount(doc, 'https://www.instagram.com/pluto__travel/')).toMatchObject({
      platform: 'instagram',
      id: 'pluto__travel',
      url: 'https://www.instagram.com/pluto__travel/',
      followers: { value: 2362 },
    });
  });

  it('2021 logged-in profile, old format', () => {
    const doc = fixture('instagram-profile-loggedin-ssr-2021-06.html');
    expect(readProfileMeta(doc)).toMatchObject({ followers: { value: 2187 }, following: { value: 110 }, posts: { value: 142 } });
  });

  it('meta tags naming another account are stale and ignored', () => {
    const doc = fixture('instagram-profile-loggedout-2024-12.html');
    const account = readInstagramAccount(doc, 'https://www.instagram.com/nasa/');
    expect(account).toMatchObject({ id: 'nasa', followers: null, following: null, posts: null });
  });

  it('post pages give no account counters', () => {
    const doc = fixture('instagram-post-photo-loggedout-2024-12.html');
    expect(readInstagramAccount(doc, 'https://www.instagram.com/p/CPeC-Eenc8l/')).toBeNull();
  });
});

describe('tags read again with every batch', () => {
  it('are parsed once, and again when they change', () => {
    const d = new DOMParser().parseFromString(
      '<html><head><meta property="og:description" content="2,362 Followers, 136 Following, 224 Posts - See Instagram photos and videos from Pluto (@pluto__travel)"><title>Pluto (@pluto__travel)</title></head></html>',
      'text/html',
    );
    const first = readProfileMeta(d);
    expect(readProfileMeta(d)?.followers).toBe(first?.followers); // parsed once
    d.querySelector('meta')?.setAttribute(
      'content',
      '2,363 Followers, 136 Following, 225 Posts - See Instagram photos and videos from Pluto (@pluto__travel)',
    );
    expect(readProfileMeta(d)).toMatchObject({ handle: 'pluto__travel', name: 'Pluto', followers: { value: 2363 }, posts: { value: 225 } });
    d.title = 'Pluto Travel (@pluto__travel)';
    expect(readProfileMeta(d)).toMatchObject({ name: 'Pluto Travel', followers: { value: 2363 } });
    expect(readProfileMeta(d, 'tr')).toMatchObject({ followers: { value: 2363 } });
  });
});
