/**
 * A big, realistic history store for the benchmark, built with the store's own pure helpers
 * (lib/store/history.ts: newRecord, applyAccount, applyPost, compactRecord), so the records are
 * exactly what the extension would have written after the same visits.
 *
 * Model (deterministic from the seed): 500 accounts (60 % Instagram, 40 % VK), each visited once a
 * day for `days` days at a random hour. A visit reads the account's counters and the newest posts
 * the page shows (12 on an Instagram profile, 10 on a VK wall), with likes, comments, shares and
 * views that grow with the post's age. Accounts publish 0.5-1 post a day; a quarter of the posts
 * carry a sample of 3-8 visible comments. Instagram counters of 10k+ are read abbreviated ("12.4K")
 * on a third of the visits. No DOM, no browser API: runs in Node and in the bench extension page.
 */
import { type Count, exactCount, intervalCount } from '../../lib/count';
import type { AccountObservation, Platform, PostKind, PostObservation } from '../../lib/model';
import { applyAccount, applyPost, compactRecord, DEFAULT_HISTORY_OPTIONS, type HistoryOptions, newRecord } from '../../lib/store/history';
import type { AccountRecord } from '../../lib/store/records';

export const DAY_SEC = 86_400;

/** Small fast deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHORTCODE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
export function shortcode(r: () => number): string {
  let s = 'C';
  for (let i = 0; i < 10; i++) s += SHORTCODE[Math.floor(r() * 64)];
  return s;
}

const WORDS = ['кофе', 'супер', 'класс', 'спасибо', 'где купить', 'цена?', 'огонь', 'love it', 'amazing', 'wow', 'красиво', 'хочу'];
const EMOJI = ['🔥', '😍', '👍', '❤️', '👏'];

/** "12.4K" / "1.2M" as Instagram shows it, with the interval lib/numbers.ts gives that text. */
export function abbreviated(n: number): Count | null {
  if (n < 10_000) return exactCount(n);
  const unit = n >= 1_000_000 ? 1_000_000 : 1_000;
  const decimals = n / unit >= 100 ? 0 : 1;
  const step = unit / 10 ** decimals;
  const shown = Math.floor(n / step) * step;
  const low = Math.max(0, Math.ceil(shown - step / 2));
  const high = Math.floor(shown + step);
  const text = `${(shown / unit).toFixed(decimals)}${unit === 1_000 ? 'K' : 'M'}`;
  return intervalCount(shown, low, high, text) ?? exactCount(n);
}

export interface GeneratedAccount {
  platform: Platform;
  id: string;
  handle: string;
  name: string;
  url: string;
}

export interface GenerateOptions {
  accounts: number;
  days: number;
  /** the last visit is on the day before this time (epoch ms) */
  now: number;
  seed?: number;
  /** accounts that must exist with these ids (the synthetic pages' own accounts) */
  fixed?: GeneratedAccount[];
  history?: HistoryOptions;
}

interface SimPost {
  id: string;
  url: string;
  at: number;
  kind: PostKind;
  finalLikes: number;
  commentRate: number;
  shareRate: number;
  viewRate: number;
  comments: PostObservation['commentsSample'];
}

export function accountSpec(i: number, seed = 1): GeneratedAccount {
  const r = rng(seed * 1_000_003 + i);
  const platform: Platform = r() < 0.6 ? 'instagram' : 'vk';
  if (platform === 'instagram') {
    const handle = `brand.${i.toString(36)}_${Math.floor(r() * 1e6).toString(36)}`;
    return { platform, id: handle, handle, name: `Brand ${i}`, url: `https://www.instagram.com/${handle}/` };
  }
  const num = 100_000 + i * 7919 + Math.floor(r() * 5000);
  return { platform, id: `-${num}`, handle: `club_${i}`, name: `Сообщество ${i}`, url: `https://vk.com/club_${i}` };
}

/** One account's record after `days` daily visits. */
export function generateRecord(spec: GeneratedAccount, index: number, opts: GenerateOptions): AccountRecord {
  const r = rng((opts.seed ?? 1) * 7_777_777 + index * 31 + 17);
  const hist = opts.history ?? DEFAULT_HISTORY_OPTIONS;
  const ig = spec.platform === 'instagram';
  const endSec = Math.floor(opts.now / 1000) - DAY_SEC;
  const startSec = endSec - opts.days * DAY_SEC;
  const rec = newRecord(spec.platform, spec.id, startSec);
  const visible = ig ? 12 : 10;
  const rate = 0.5 + r() * 0.5; // posts a day
  let followers = Math.round(10 ** (3 + r() * 2.7)); // 1k .. 500k
  const following = ig ? Math.round(200 + r() * 1200) : null;
  const growth = 0.0002 + r() * 0.0015; // a day
  const er = (ig ? 0.01 : 0.004) + r() * (ig ? 0.04 : 0.02);
  let postCount = Math.round(100 + r() * 900);
  const abbreviatedReads = ig && r() < 0.6;
  const posts: SimPost[] = [];
  let vkPostNo = 1000 + Math.floor(r() * 9000);
  let acc = 0;
  for (let day = 0; day < opts.days; day++) {
    const dayStart = startSec + day * DAY_SEC;
    // posts published today
    acc += rate;
    while (acc >= 1) {
      acc -= 1;
      const at = dayStart + Math.floor(r() * DAY_SEC * 0.9);
      const kindRoll = r();
      const kind: PostKind = ig ? (kindRoll < 0.45 ? 'photo' : kindRoll < 0.75 ? 'carousel' : 'reel') : kindRoll < 0.7 ? 'photo' : 'text';
      const id = ig ? shortcode(r) : `${spec.id}_${vkPostNo++}`;
      const url = ig ? `https://www.instagram.com/${kind === 'reel' ? 'reel' : 'p'}/${id}/` : `https://vk.com/wall${id}`;
      const comments: PostObservation['commentsSample'] = [];
      if (r() < 0.25) {
        const n = 3 + Math.floor(r() * 6);
        for (let c = 0; c < n; c++) {
          const text =
            r() < 0.3
              ? EMOJI[Math.floor(r() * EMOJI.length)]
              : `${WORDS[Math.floor(r() * WORDS.length)]} ${WORDS[Math.floor(r() * WORDS.length)]}`;
          comments.push({
            text,
            author: `user${Math.floor(r() * 100_000)}`,
            at: new Date((at + 3600 * (c + 1)) * 1000).toISOString(),
            byOwner: r() < 0.1,
          });
        }
      }
      posts.push({
        id,
        url,
        at,
        kind,
        finalLikes: Math.max(1, Math.round(followers * er * Math.exp((r() - 0.5) * 0.8))),
        commentRate: 0.01 + r() * 0.05,
        shareRate: ig ? 0 : 0.02 + r() * 0.06,
        viewRate: ig ? (kind === 'reel' ? 15 + r() * 20 : 0) : 20 + r() * 30,
        comments,
      });
      postCount++;
    }
    followers = Math.max(0, Math.round(followers * (1 + growth + (r() - 0.5) * 0.002)));
    const visit = dayStart + Math.floor((8 + r() * 15) * 3600);
    const abbr = abbreviatedReads && r() < 0.35;
    const account: AccountObservation = {
      platform: spec.platform,
      id: spec.id,
      nativeId: ig ? null : spec.id,
      handle: spec.handle,
      name: spec.name,
      url: spec.url,
      kind: ig ? 'user' : 'community',
      followers: abbr ? abbreviated(followers) : exactCount(followers),
      following: following === null ? null : exactCount(following),
      posts: ig ? exactCount(postCount) : null,
      isPrivate: ig ? false : null,
    };
    applyAccount(rec, account, visit, hist);
    let shown = 0;
    for (let k = posts.length - 1; k >= 0 && shown < visible; k--) {
      const p = posts[k];
      if (p.at > visit) continue;
      shown++;
      const ageDays = (visit - p.at) / DAY_SEC;
      const likes = Math.max(0, Math.round(p.finalLikes * (1 - Math.exp(-ageDays / 0.8))));
      const views = p.viewRate ? Math.round(likes * p.viewRate) : null;
      const obs: PostObservation = {
        platform: spec.platform,
        id: p.id,
        url: p.url,
        authorId: spec.id,
        authorHandle: spec.handle,
        authorName: spec.name,
        publishedAt: new Date(p.at * 1000).toISOString(),
        kind: p.kind,
        likes: ig && abbr && likes >= 10_000 ? abbreviated(likes) : exactCount(likes),
        comments: exactCount(Math.round(likes * p.commentRate)),
        shares: ig ? null : exactCount(Math.round(likes * p.shareRate)),
        views: views === null ? null : exactCount(views),
        pinned: false,
        likesHidden: false,
        ad: false,
        caption: null,
        commentsSample: shown <= 2 ? p.comments : [],
      };
      applyPost(rec, obs, visit, hist);
    }
  }
  compactRecord(rec, Math.floor(opts.now / 1000), hist);
  return rec;
}

/** Every account's spec: the fixed ones first, then generated ones up to `accounts`. */
export function accountSpecs(opts: GenerateOptions): GeneratedAccount[] {
  const fixed = opts.fixed ?? [];
  const out = [...fixed];
  for (let i = 0; out.length < opts.accounts; i++) out.push(accountSpec(i, opts.seed ?? 1));
  return out;
}
