/**
 * Labelled synthetic account histories for evaluating the padding signals (scripts/eval-signals.ts,
 * tests/unit/signals/eval.test.ts). Deterministic for a seed.
 *
 * Each history is simulated day by day (joins and unfollows with day-to-day noise, weekly rhythm,
 * changes of pace, viral posts that bring followers) and observed the way the extension observes
 * real accounts: on irregular visits (several a day, or none for weeks), reading the profile's
 * counters as the page shows them (exact, or abbreviated like "12.3K" on Instagram) and the most
 * recent posts with the reactions they had collected by then, a sample of comments when the user
 * opened a post. Histories are built through the store's own functions (applyAccount, applyPost,
 * decodeRecord), so merging and bounds are those of the product.
 *
 * Classes: organic; organic with a viral post; bought-follower spike; spike then drop; drip-feed;
 * giveaway spike (a giveaway or viral post explains it: innocent); bought likes with flat comments;
 * low-quality comment flood. Sizes from 1k to 3M followers, VK and Instagram.
 */
import { type Count, exactCount } from '../count';
import type { AccountObservation, CommentObservation, Platform, PostKind, PostObservation } from '../model';
import { parseCount } from '../numbers';
import { applyAccount, applyPost, decodeRecord, newRecord } from '../store/history';
import type { AccountHistory } from '../store/records';
import type { SignalId } from './types';

export type SyntheticClass =
  | 'organic'
  | 'organicViral'
  | 'boughtSpike'
  | 'spikeDrop'
  | 'dripFeed'
  | 'giveawaySpike'
  | 'boughtLikes'
  | 'commentFlood';

export const CLASSES: readonly SyntheticClass[] = [
  'organic',
  'organicViral',
  'boughtSpike',
  'spikeDrop',
  'dripFeed',
  'giveawaySpike',
  'boughtLikes',
  'commentFlood',
];

/** Padded classes: a verdict of at least "some unusual patterns" is right for them. */
export const PADDED: ReadonlySet<SyntheticClass> = new Set(['boughtSpike', 'spikeDrop', 'dripFeed', 'boughtLikes', 'commentFlood']);

/** For each signal, the classes whose padding it is meant to catch (for precision and recall). */
export const RELEVANT: Readonly<Record<SignalId, readonly SyntheticClass[]>> = {
  S1: ['boughtLikes'],
  S2: ['boughtSpike', 'spikeDrop', 'dripFeed'],
  S3: ['spikeDrop'],
  S4: ['dripFeed', 'boughtSpike', 'spikeDrop'],
  S5: ['boughtLikes', 'commentFlood'],
  S6: ['boughtLikes'],
  S7: ['boughtLikes'],
  S8: [],
  S9: ['commentFlood'],
};

export interface SyntheticCase {
  id: string;
  seed: number;
  cls: SyntheticClass;
  padded: boolean;
  platform: Platform;
  size: 'small' | 'big';
  /** followers shown exactly, or abbreviated ("12.3K") */
  followersShown: 'exact' | 'abbreviated';
  days: number;
  /** the padding's dates, when there is one */
  event: { from: number; to: number } | null;
  history: AccountHistory;
}

// ---- random numbers ----------------------------------------------------------------------------

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  /** mulberry32 */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }
  int(a: number, b: number): number {
    return Math.floor(this.uniform(a, b + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  logNormal(sigma: number): number {
    return Math.exp(sigma * this.normal());
  }
  logUniform(a: number, b: number): number {
    return Math.exp(this.uniform(Math.log(a), Math.log(b)));
  }
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > l);
    return k - 1;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
}

// ---- display -----------------------------------------------------------------------------------

/** How a page shows a number: every digit, or abbreviated from 10 000 ("12.3K", "123K", "1.2M"). */
export function shown(n: number, mode: 'exact' | 'abbreviated'): Count {
  const v = Math.max(0, Math.round(n));
  if (mode === 'exact' || v < 10_000) return exactCount(v) as Count;
  let text: string;
  if (v < 100_000) text = `${(Math.floor(v / 100) / 10).toFixed(1)}K`;
  else if (v < 1_000_000) text = `${Math.floor(v / 1000)}K`;
  else text = `${(Math.floor(v / 100_000) / 10).toFixed(1)}M`;
  text = text.replace('.0K', 'K').replace('.0M', 'M');
  return parseCount(text) as Count;
}

// ---- text --------------------------------------------------------------------------------------

const OPENERS = [
  'Подскажите,',
  'Скажите пожалуйста,',
  'А',
  'Интересно,',
  'Вопрос:',
  'Спасибо за пост!',
  'Ого,',
  'Хм,',
  'Tell me,',
  'Honestly,',
];
const MIDDLES = [
  'сколько стоит доставка в Казань',
  'есть ли это в другом цвете',
  'когда будет следующий эфир',
  'где можно записаться на консультацию',
  'были у вас в прошлую субботу, всё очень понравилось',
  'у меня так же было в прошлом году',
  'а можно подробнее про второй пункт',
  'мы с мужем давно за вами следим',
  'работает ли это для детей младше пяти лет',
  'почему в прошлый раз было дешевле',
  'где брали такой свитер',
  'сохранила себе, попробую на выходных',
  'не согласна с третьим пунктом, у нас по-другому',
  'how long does shipping take to Almaty',
  'is this available in other sizes',
];
const CLOSERS = ['?', '!', ')', '.', ' 🙏', ' 😊', '??', ''];
const DETAILS = [
  'заказывали на {n} человек',
  'ждём уже {n} дней',
  'в {n}:30 будет удобно?',
  'у нас {n} детей, подойдёт?',
  'брала {n} штуки в прошлый раз',
  'смотрю вас {n} лет',
  'размер {n}, есть ещё?',
  'на {n} этаже без лифта донесёте?',
  'since {n} years I follow you',
];
const GENERIC = ['Класс!', 'Супер', 'Круто!!!', 'Огонь 🔥', 'Топ', 'Вау', 'Красота', 'Nice', 'Wow', 'Спасибо!', 'Шикарно', 'Молодцы'];
const EMOJI = ['😍😍😍', '🔥🔥', '❤️', '👍', '👏👏', '😂', '🙌', '💯'];
const BOT_COMMENTS = [
  'Nice pic!',
  'Great content 🔥',
  'Супер!',
  'Класс 👍',
  'Awesome feed',
  '🔥🔥🔥',
  '😍😍',
  'Love it ❤️',
  'Круто!',
  'Wow amazing',
];
const FIRST = [
  'anna',
  'masha',
  'dima',
  'olga',
  'ivan',
  'katya',
  'sergey',
  'lena',
  'pavel',
  'yulia',
  'max',
  'nastya',
  'artem',
  'vika',
  'oleg',
];

function organicComment(r: Rng): string {
  const x = r.next();
  if (x < 0.1) return r.pick(GENERIC);
  if (x < 0.16) return r.pick(EMOJI);
  if (x < 0.19) return `@${r.pick(FIRST)}_${r.int(1, 999)}`;
  // People rarely write the same long sentence: a detail with a number makes each one theirs.
  const detail = r.pick(DETAILS).replace('{n}', String(r.int(2, 60)));
  const body = `${r.pick(OPENERS)} ${r.pick(MIDDLES)}, ${detail}${r.pick(CLOSERS)}`;
  return r.chance(0.3) ? `${body} ${r.pick(MIDDLES)}` : body;
}

// ---- simulation --------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

interface SimPost {
  id: string;
  at: number;
  kind: PostKind;
  likes: number;
  comments: number;
  shares: number;
  views: number | null;
  tau: number;
  pinned: boolean;
  ad: boolean;
  caption: string | null;
  pool: { text: string; author: string }[];
  botComments: { text: string; author: string }[];
}

interface Params {
  cls: SyntheticClass;
  platform: Platform;
  size: 'small' | 'big';
  days: number;
  f0: number;
}

/** One labelled synthetic history. */
export function generateCase(seed: number, cls: SyntheticClass): SyntheticCase {
  const r = new Rng(seed);
  const platform: Platform = r.chance(0.5) ? 'vk' : 'instagram';
  const size = r.chance(0.5) ? 'small' : 'big';
  const f0 = size === 'small' ? r.logUniform(1_000, 30_000) : r.logUniform(50_000, 3_000_000);
  // Imported histories of months; a few short ones.
  const days = Math.round(r.chance(0.15) ? r.uniform(20, 45) : r.uniform(45, 240));
  return simulate(seed, r, { cls, platform, size, days, f0 });
}

function simulate(seed: number, r: Rng, p: Params): SyntheticCase {
  const start = Date.UTC(2025, 0, 1) + r.int(0, 300) * DAY_MS;
  const { days, platform } = p;
  const id = `${p.cls}-${seed}`;
  const followersShown: 'exact' | 'abbreviated' = platform === 'vk' || r.chance(0.5) ? 'exact' : 'abbreviated';
  const likesShown: 'exact' | 'abbreviated' = r.chance(0.5) ? 'exact' : 'abbreviated';

  // ---- followers, day by day ----
  const g0 = r.chance(0.1) ? -r.logUniform(0.00005, 0.0005) : r.logUniform(0.0002, 0.004); // net per day
  const leave = r.logUniform(0.0002, 0.001); // unfollows per day
  const noise = r.uniform(0.25, 0.7);
  const paceDay = r.chance(0.3) ? r.int(10, days - 5) : -1;
  const paceFactor = r.chance(0.5) ? r.uniform(1.5, 3) : r.uniform(0.3, 0.7);
  const extra = new Float64Array(days + 40); // followers added (or removed) on top of organic, per day
  let event: { from: number; to: number } | null = null;

  // Padding and innocent events.
  const evDay = r.int(Math.min(16, days - 6), Math.max(16, days - 6));
  const fAt = () => p.f0;
  const viralPosts = new Set<number>(); // days with a viral post
  let viralGain = 0; // followers a viral post brings (its likes are sized to match)
  let giveawayDay = -1;
  let boughtLikesFrom = -1;
  let boughtLikesPerPost = 0;
  let floodFrom = -1;
  switch (p.cls) {
    case 'boughtSpike':
    case 'spikeDrop': {
      const amount = Math.max(fAt() * r.uniform(0.04, 0.4), r.uniform(800, 3000));
      const round = r.chance(0.3) ? Math.round(amount / 1000) * 1000 : amount;
      const len = r.int(1, 2);
      // spike-drop: the bought followers are removed 4-20 days later, within the history
      const after = r.int(4, 20);
      const dropLen = r.int(1, 8);
      const day = p.cls === 'spikeDrop' ? Math.min(evDay, Math.max(14, days - (len + after + dropLen + 3))) : evDay;
      for (let d = 0; d < len; d++) extra[day + d] += round / len;
      event = { from: start + day * DAY_MS, to: start + (day + len) * DAY_MS };
      if (p.cls === 'spikeDrop') {
        const lost = round * r.uniform(0.3, 0.9);
        for (let d = 0; d < dropLen; d++) {
          const k = day + len + after + d;
          if (k < days) extra[k] -= lost / dropLen;
        }
        event.to = start + Math.min(days, day + len + after + dropLen) * DAY_MS;
      }
      break;
    }
    case 'dripFeed': {
      const amount = Math.max(fAt() * r.uniform(0.15, 0.6), r.uniform(600, 3000));
      const len = Math.min(r.int(8, 30), days - 10);
      const from = Math.max(5, Math.min(evDay, days - len - 2));
      for (let d = 0; d < len; d++) extra[from + d] += amount / len;
      event = { from: start + from * DAY_MS, to: start + (from + len) * DAY_MS };
      break;
    }
    case 'giveawaySpike': {
      const amount = fAt() * r.uniform(0.05, 0.4);
      const len = r.int(1, 4);
      if (r.chance(0.6)) giveawayDay = evDay;
      else {
        viralPosts.add(evDay);
        viralGain = amount;
      }
      // followers[d] is the count during day d: the post of day evDay brings them from evDay + 1
      for (let d = 1; d <= len; d++) extra[evDay + d] += amount / len;
      // Many leave once the giveaway is over.
      const after = r.int(7, 14);
      const lost = amount * r.uniform(0.05, 0.3);
      for (let d = 0; d < 5; d++) if (evDay + len + after + d < days) extra[evDay + len + after + d] -= lost / 5;
      event = { from: start + evDay * DAY_MS, to: start + (evDay + len) * DAY_MS };
      break;
    }
    case 'organicViral': {
      viralPosts.add(evDay);
      const amount = fAt() * r.uniform(0.01, 0.1);
      viralGain = amount;
      for (let d = 0; d < 3; d++) extra[evDay + 1 + d] += (amount * [0.6, 0.3, 0.1][d]) as number;
      break;
    }
    case 'boughtLikes': {
      boughtLikesFrom = r.chance(0.5) ? 0 : Math.max(0, days - r.int(30, 60));
      event = { from: start + boughtLikesFrom * DAY_MS, to: start + days * DAY_MS };
      break;
    }
    case 'commentFlood': {
      floodFrom = r.chance(0.5) ? 0 : Math.max(0, days - r.int(20, 50));
      event = { from: start + floodFrom * DAY_MS, to: start + days * DAY_MS };
      break;
    }
    default:
      break;
  }
  if (p.cls === 'organic' && r.chance(0.25)) viralPosts.add(r.int(3, days - 3)); // viral posts happen in organic accounts too

  // Followers who came from padding do not like posts (bots); giveaway followers a little.
  const extraEngages = p.cls === 'giveawaySpike' ? 0.3 : p.cls === 'organicViral' ? 1 : 0;
  const followers: number[] = [p.f0];
  const engaged: number[] = [p.f0];
  for (let d = 1; d <= days; d++) {
    const prev = followers[d - 1];
    const pace = paceDay >= 0 && d >= paceDay ? paceFactor : 1;
    const week = 1 + 0.15 * Math.sin((2 * Math.PI * d) / 7);
    const joins = Math.max(0, prev * (g0 + leave) * pace * week * r.logNormal(noise));
    const leaves = prev * leave * r.logNormal(0.3);
    const viralJoin = viralPosts.has(d - 1) && p.cls === 'organic' ? prev * r.uniform(0.003, 0.02) : 0; // a viral post brings some followers
    const organic = r.poisson(joins) - r.poisson(leaves) + viralJoin;
    followers.push(Math.max(50, prev + organic + extra[d]));
    engaged.push(Math.max(50, engaged[d - 1] + organic + extra[d] * extraEngages));
  }
  const dayOf = (t: number) => Math.max(0, Math.min(days, Math.floor((t - start) / DAY_MS)));
  const fAtMs = (t: number) => followers[dayOf(t)];
  const audienceAt = (t: number) => engaged[dayOf(t)];

  // ---- posts ----
  const tierB = platform === 'vk' ? 1.5 : p.f0 < 1e4 ? 3 : p.f0 < 1e5 ? 1.6 : p.f0 < 1e6 ? 1.2 : 0.8;
  const er = (tierB / 100) * r.logNormal(0.45);
  const spread = r.uniform(0.25, 0.55);
  const cpl = r.logUniform(0.008, 0.045); // comments per like
  const spl = r.uniform(0.04, 0.2); // shares per like (VK)
  const vpl = platform === 'vk' ? r.uniform(12, 50) : r.uniform(6, 25); // views per like
  const reelShare = platform === 'instagram' ? r.uniform(0, 0.6) : r.uniform(0, 0.3);
  const postsPerDay = platform === 'vk' ? r.logUniform(0.3, 3) : r.logUniform(0.15, 1.2);
  const hideLikes = platform === 'instagram' && r.chance(0.05);
  const fans = Math.max(20, Math.round(Math.sqrt(p.f0) * 2));
  const bots = Array.from({ length: r.int(8, 25) }, (_, i) => `${r.pick(FIRST)}${r.int(100, 9999)}_bot${i}`);
  boughtLikesPerPost = p.f0 * er * r.uniform(1.5, 6);
  const posts: SimPost[] = [];
  const firstPostAt = start - r.uniform(20, 40) * DAY_MS; // posts before the first visit are visible too
  const times: { t: number; special: 'viral' | 'giveaway' | null }[] = [];
  for (let t = firstPostAt; ; ) {
    t += (-Math.log(Math.max(r.next(), 1e-9)) / postsPerDay) * DAY_MS;
    if (t > start + days * DAY_MS) break;
    times.push({ t, special: null });
  }
  // The viral or giveaway post of an event is published on its first day.
  for (const d of viralPosts) times.push({ t: start + d * DAY_MS + r.uniform(0.1, 0.6) * DAY_MS, special: 'viral' });
  if (giveawayDay >= 0) times.push({ t: start + giveawayDay * DAY_MS + r.uniform(0.1, 0.6) * DAY_MS, special: 'giveaway' });
  times.sort((a, b) => a.t - b.t);
  let n = 0;
  for (const { t, special } of times) {
    const day = Math.floor((t - start) / DAY_MS);
    const kind: PostKind = r.chance(reelShare)
      ? platform === 'vk'
        ? 'video'
        : 'reel'
      : platform === 'vk'
        ? r.pick(['text', 'photo', 'photo'] as const)
        : r.pick(['photo', 'carousel'] as const);
    let likes = audienceAt(t) * er * r.logNormal(spread) * (kind === 'reel' ? 1.3 : 1);
    let comments = 0;
    let views: number | null = platform === 'vk' || kind === 'reel' ? 0 : null;
    let caption: string | null = null;
    if (special === 'viral') {
      // A viral post: many times the usual likes; when it brought followers, its reach matches
      // them (0.3-1.5 new followers per extra like).
      likes = Math.max(likes * r.uniform(4, 12), likes + viralGain / r.uniform(0.3, 1.5));
    }
    const giveaway = special === 'giveaway';
    if (giveaway) {
      caption = r.pick([
        'Розыгрыш! Подпишись и отметь двух друзей',
        'КОНКУРС: призы для подписчиков',
        'Giveaway time! Follow and tag a friend',
      ]);
      likes *= r.uniform(2, 6);
    }
    comments = r.poisson(likes * cpl * r.logNormal(0.35) * (giveaway ? 8 : 1));
    if (views !== null) views = Math.round(likes * vpl * r.logNormal(0.25));
    const organicLikes = likes;
    if (boughtLikesFrom >= 0 && day >= boughtLikesFrom) likes += boughtLikesPerPost * r.uniform(0.95, 1.05); // bots deliver a fixed package
    const pool: { text: string; author: string }[] = [];
    for (let i = 0; i < Math.min(comments, 40); i++) {
      const author = `${r.pick(FIRST)}_${r.int(1, fans)}`;
      pool.push({ text: giveaway ? `@${r.pick(FIRST)}_${r.int(1, 999)} @${r.pick(FIRST)}_${r.int(1, 999)}` : organicComment(r), author });
    }
    const botComments: { text: string; author: string }[] = [];
    if (floodFrom >= 0 && day >= floodFrom) {
      // A flood: more bot comments than people write (at least 8).
      const k = Math.max(r.int(8, 20), Math.round(Math.min(comments, 40) * r.uniform(1, 2)));
      const offset = r.int(0, 3);
      for (let i = 0; i < k; i++) botComments.push({ text: r.pick(BOT_COMMENTS), author: bots[(offset + i) % bots.length] });
      comments += k;
    }
    n++;
    posts.push({
      id: `${platform === 'vk' ? '-1' : 'P'}${seed % 100000}_${n}`.replace(/[^A-Za-z0-9_-]/g, '_'),
      at: t,
      kind,
      likes: Math.round(likes),
      comments,
      shares: platform === 'vk' ? r.poisson(organicLikes * spl) : 0,
      views,
      tau: r.uniform(8, 30) * HOUR_MS,
      pinned: false,
      ad: platform === 'vk' && special === null && r.chance(0.03),
      caption,
      pool,
      botComments,
    });
  }
  // A pinned post: an older one that stays on top.
  if (posts.length > 5 && r.chance(0.3)) posts[r.int(0, 2)].pinned = true;

  // ---- visits ----
  const rec = newRecord(platform, `acct${seed}`, Math.floor(start / 1000));
  const following = platform === 'instagram' ? r.int(150, 1400) : null;
  let visit = start + r.uniform(8, 22) * HOUR_MS;
  const end = start + days * DAY_MS;
  while (visit <= end) {
    observe(r, rec, p, visit, fAtMs(visit), following, posts, followersShown, likesShown, hideLikes);
    const x = r.next();
    const gap =
      x < 0.08
        ? r.uniform(0.02, 0.2)
        : x < 0.5
          ? r.uniform(0.4, 1.3)
          : x < 0.85
            ? r.uniform(1.3, 4)
            : x < 0.97
              ? r.uniform(4, 10)
              : r.uniform(10, 25);
    visit += gap * DAY_MS;
  }
  // The user also looked at the account on the last day.
  observe(r, rec, p, end, fAtMs(end), following, posts, followersShown, likesShown, hideLikes);
  return {
    id,
    seed,
    cls: p.cls,
    padded: PADDED.has(p.cls),
    platform,
    size: p.size,
    followersShown,
    days,
    event,
    history: decodeRecord(rec),
  };
}

function observe(
  r: Rng,
  rec: ReturnType<typeof newRecord>,
  p: Params,
  at: number,
  f: number,
  following: number | null,
  posts: SimPost[],
  followersShown: 'exact' | 'abbreviated',
  likesShown: 'exact' | 'abbreviated',
  hideLikes: boolean,
): void {
  const sec = Math.floor(at / 1000);
  const visible = posts.filter((q) => q.at <= at);
  const account: AccountObservation = {
    platform: p.platform,
    id: rec.id,
    nativeId: null,
    handle: rec.id,
    name: rec.id,
    url: p.platform === 'vk' ? `https://vk.com/${rec.id}` : `https://www.instagram.com/${rec.id}/`,
    kind: p.platform === 'vk' ? 'community' : 'user',
    followers: shown(f, followersShown),
    following: following === null ? null : exactCount(following + r.int(-3, 3)),
    posts: exactCount(visible.length),
    isPrivate: false,
  };
  applyAccount(rec, account, sec);
  // The page shows the newest posts (and the pinned one on top).
  const wall = p.platform === 'vk' ? r.int(8, 15) : 12;
  const recent = visible.slice(-wall);
  const pinned = visible.find((q) => q.pinned);
  if (pinned && !recent.includes(pinned)) recent.push(pinned);
  for (const q of recent) {
    const age = at - q.at;
    const frac = 1 - Math.exp(-age / q.tau);
    const commentsNow = Math.round(q.comments * frac);
    const opened = r.chance(0.25);
    const sample: CommentObservation[] = [];
    if (opened) {
      const organicShown = q.pool.slice(0, Math.round(q.pool.length * frac));
      const botsShown = q.botComments.slice(0, Math.round(q.botComments.length * Math.min(1, frac * 1.5)));
      // Bots arrive first, in their order; then people.
      for (const c of [...botsShown, ...organicShown].slice(0, 25)) {
        sample.push({ text: c.text, author: c.author, at: null, byOwner: false });
      }
    }
    const post: PostObservation = {
      platform: p.platform,
      id: q.id,
      url: p.platform === 'vk' ? `https://vk.com/wall${q.id}` : `https://www.instagram.com/p/${q.id}/`,
      authorId: rec.id,
      authorHandle: null,
      authorName: null,
      publishedAt: new Date(q.at).toISOString(),
      kind: q.kind,
      likes: hideLikes ? null : shown(q.likes * frac, likesShown),
      comments: shown(commentsNow, likesShown),
      shares: p.platform === 'vk' ? shown(q.shares * frac, likesShown) : null,
      views: q.views === null ? null : shown(q.views * Math.min(1, frac * 1.1), likesShown),
      pinned: q.pinned,
      likesHidden: hideLikes,
      ad: q.ad,
      caption: q.caption,
      commentsSample: sample,
    };
    applyPost(rec, post, sec);
  }
}

/** A labelled set: classes in turn, seeds from `seed`. */
export function generateSet(seed: number, count: number, classes: readonly SyntheticClass[] = CLASSES): SyntheticCase[] {
  const out: SyntheticCase[] = [];
  for (let i = 0; i < count; i++) out.push(generateCase(seed + i * 7919, classes[i % classes.length]));
  return out;
}

/**
 * A large history for timing: `days` of daily visits and `nPosts` posts (each seen three times,
 * the 40 newest with 20 comments), as an extension would hold after two years of daily visits.
 */
export function benchmarkHistory(seed: number, days = 730, nPosts = 700): AccountHistory {
  const r = new Rng(seed);
  const end = Date.UTC(2026, 0, 1);
  let f = 50_000;
  const snapshots: AccountHistory['snapshots'] = [];
  for (let d = days; d >= 0; d--) {
    f += r.int(10, 50);
    snapshots.push({
      at: end - d * DAY_MS + r.int(0, 8) * HOUR_MS,
      followers: exactCount(f),
      following: exactCount(300),
      posts: exactCount(2000 - d),
    });
  }
  const every = (days * DAY_MS) / nPosts;
  const posts: AccountHistory['posts'] = [];
  for (let i = 0; i < nPosts; i++) {
    const at = end - i * every;
    const likes = r.int(800, 1400);
    const seen = [0.3, 1.2, 3].map((d) => ({
      at: at + d * DAY_MS,
      likes: exactCount(Math.round(likes * Math.min(1, d / 2))),
      comments: exactCount(r.int(10, 40)),
      shares: null,
      views: exactCount(likes * r.int(15, 25)),
    }));
    posts.push({
      id: `B${i}`,
      url: `https://www.instagram.com/p/B${i}/`,
      kind: 'photo',
      publishedAt: at,
      pinned: false,
      likesHidden: false,
      ad: false,
      giveaway: false,
      observations: seen,
      comments:
        i < 40
          ? Array.from({ length: 20 }, (_, k) => ({ text: organicComment(r), author: `u${r.int(1, 300)}_${k}`, at: null, byOwner: false }))
          : [],
    });
  }
  return {
    key: `instagram:bench${seed}`,
    platform: 'instagram',
    id: `bench${seed}`,
    nativeId: null,
    handle: `bench${seed}`,
    name: null,
    url: `https://www.instagram.com/bench${seed}/`,
    kind: 'user',
    isPrivate: false,
    firstSeen: snapshots[0].at,
    lastSeen: end + 3 * DAY_MS,
    snapshots,
    posts,
  };
}
