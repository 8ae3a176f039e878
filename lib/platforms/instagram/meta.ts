/**
 * Instagram meta tags: og:description / description ("2,362 Followers, 136 Following, 224 Posts -
 * See Instagram photos and videos from Pluto (@pluto__travel)") and og:title. They describe the
 * page as it was first loaded; after in-app navigation they can be stale, so every reading is
 * checked against the URL's account before use.
 */
import type { Count } from '../../count';
import { findCount, parseCount } from '../../numbers';
import { COMMENTS_LABEL, FOLLOWERS_LABEL, FOLLOWING_LABEL, LIKES_LABEL, labelOf, POSTS_LABEL } from './labels';

export interface ProfileMeta {
  handle: string | null;
  name: string | null;
  followers: Count | null;
  following: Count | null;
  posts: Count | null;
}

/** Labels of the three counters, by language (./labels.ts), in the order Instagram writes them. */
const LABELS = { followers: FOLLOWERS_LABEL, following: FOLLOWING_LABEL, posts: POSTS_LABEL } as const;

export function metaContent(doc: Document, selector: string): string | null {
  const el = doc.querySelector(selector);
  const v = el?.getAttribute('content');
  return v?.trim() ? v.trim() : null;
}

/** "(@pluto__travel)" in a description or title, lower-cased. */
export function handleInText(text: string | null): string | null {
  const m = text ? /\(@([A-Za-z0-9._]{1,30})\)/.exec(text) : null;
  return m ? m[1] : null;
}

/**
 * Parse the counter part of a profile description: "<n> Followers, <n> Following, <n> Posts".
 * Each part is matched by its label when the language is known, by position otherwise.
 */
export function parseProfileCounters(description: string, locale?: string): Pick<ProfileMeta, 'followers' | 'following' | 'posts'> | null {
  const head = description.split(/\s[-–—]\s/)[0];
  const parts = head.split(/,\s+/);
  if (parts.length !== 3) return null;
  const out: Pick<ProfileMeta, 'followers' | 'following' | 'posts'> = { followers: null, following: null, posts: null };
  const order = ['followers', 'following', 'posts'] as const;
  let labelled = 0;
  parts.forEach((part, i) => {
    // the longest run of leading words that reads as one count: "1,2 млн" | "подписчиков"
    const words = part
      .replace(/[\u00a0\u202f\u2009]/g, ' ')
      .trim()
      .split(/\s+/);
    for (let k = words.length - 1; k >= 1; k--) {
      const count = parseCount(words.slice(0, k).join(' '), { locale });
      if (!count) continue;
      const label = words.slice(k).join(' ');
      if (/\d/.test(label)) break; // the rest of a damaged number ("1 2x34 подписчиков"): not 1
      const byLabel = order.find((key) => LABELS[key].test(labelOf(label)));
      if (byLabel) labelled++;
      const key = byLabel ?? order[i];
      if (out[key] === null) out[key] = count;
      break;
    }
  });
  // Either all three labels are known, or we trust Instagram's fixed order (same in every language seen).
  if (labelled !== 0 && labelled !== 3) return null;
  return out;
}

/**
 * The last texts parsed and what they gave: the reader asks again with every batch an infinite
 * scroll adds, and the tags rarely change, so the same texts are not parsed again. Results are
 * shared: callers must not change them.
 */
function lastOf<K extends unknown[], T>(parse: (...key: K) => T): (...key: K) => T {
  let last: { key: K; value: T } | null = null;
  return (...key) => {
    if (!last || key.some((k, i) => k !== last?.key[i])) last = { key, value: parse(...key) };
    return last.value;
  };
}

const profileCounters = lastOf(parseProfileCounters);

export function readProfileMeta(doc: Document, locale?: string): ProfileMeta | null {
  const description = metaContent(doc, 'meta[property="og:description"]') ?? metaContent(doc, 'meta[name="description"]');
  if (!description) return null;
  const counters = profileCounters(description, locale);
  if (!counters) return null;
  const title = metaContent(doc, 'meta[property="og:title"]') ?? doc.title ?? null;
  const name = title ? /^(.*?)\s*\(@[A-Za-z0-9._]+\)/.exec(title)?.[1]?.trim() || null : null;
  // seen 2024-12: the story page's description names nobody; al:ios:url does ("instagram://user?username=...").
  const app = /^instagram:\/\/user\?username=([A-Za-z0-9._]{1,30})$/.exec(metaContent(doc, 'meta[property="al:ios:url"]') ?? '');
  return { handle: handleInText(description) ?? handleInText(title) ?? app?.[1] ?? null, name, ...counters };
}

// ---- post pages -----------------------------------------------------------------------------------

export interface PostMeta {
  /** The shortcode the tags are about (og:url, canonical link). */
  code: string | null;
  author: string | null;
  likes: Count | null;
  comments: Count | null;
  /** The publish date (no time): midnight UTC, ISO. */
  publishedAt: string | null;
  caption: string | null;
  /** From twitter:title "... • Instagram reel | photo | video" (a carousel says "photo" or nothing). */
  kind: 'reel' | 'photo' | 'video' | null;
}

const MONTHS: Record<string, number> = {};
'january february march april may june july august september october november december'.split(' ').forEach((m, i) => {
  MONTHS[m] = i;
  MONTHS[m.slice(0, 3)] = i;
});
'января февраля марта апреля мая июня июля августа сентября октября ноября декабря'.split(' ').forEach((m, i) => {
  MONTHS[m] = i;
});

/** "May 29, 2021" / "29 мая 2021" -> "2021-05-29T00:00:00.000Z" (a date without time). */
export function parseMetaDate(text: string): string | null {
  const en = /\b([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})\b/.exec(text);
  const ru = /\b(\d{1,2}) ([а-яё]{3,8}) (\d{4})/iu.exec(text);
  const [month, day, year] = en ? [en[1], en[2], en[3]] : ru ? [ru[2], ru[1], ru[3]] : [];
  const m = month ? MONTHS[month.toLowerCase()] : undefined;
  if (m === undefined) return null;
  const t = Date.UTC(Number(year), m, Number(day));
  const d = new Date(t);
  return d.getUTCDate() === Number(day) && d.getUTCFullYear() >= 2010 ? d.toISOString() : null;
}

/**
 * A post's description: "298K likes, 553 comments - willyrex on May 29, 2021: \"caption\". "
 * (seen 2024-12), and the label-first form of other languages ("Отметки «Нравится»: 2,301,
 * комментарии: 19 — ..."). Counts are matched by their words, never by position.
 */
export function parsePostDescription(description: string, locale?: string): Omit<PostMeta, 'code' | 'kind'> | null {
  const dash = /\s[-–—]\s/.exec(description);
  if (!dash) return null;
  const head = description.slice(0, dash.index);
  const tail = description.slice(dash.index + dash[0].length);
  let likes: Count | null = null;
  let comments: Count | null = null;
  for (const part of head.split(/,\s+/)) {
    const f = findCount(part, { locale });
    if (!f) return null;
    const label = labelOf(`${f.text.slice(0, f.start)} ${f.text.slice(f.end)}`);
    const count = { ...f.count, raw: f.text.slice(f.start, f.end) };
    if (LIKES_LABEL.test(label)) likes = count;
    else if (COMMENTS_LABEL.test(label)) comments = count;
    else return null;
  }
  if (!likes && !comments) return null;
  const author = handleInText(tail) ?? /^([A-Za-z0-9._]{1,30})(?=[\s,:]|$)/.exec(tail)?.[1] ?? null;
  const quoted = /:\s*["“«]([\s\S]*)["”»]\.?\s*$/.exec(tail);
  return {
    author,
    likes,
    comments,
    publishedAt: parseMetaDate(quoted ? tail.slice(0, quoted.index) : tail),
    caption: quoted?.[1]?.trim() ? Array.from(quoted[1].trim()).slice(0, 2000).join('') : null,
  };
}

const postDescription = lastOf(parsePostDescription);

export function readPostMeta(doc: Document, locale?: string): PostMeta | null {
  const description = metaContent(doc, 'meta[property="og:description"]') ?? metaContent(doc, 'meta[name="description"]');
  const parsed = description ? postDescription(description, locale) : null;
  if (!parsed) return null;
  const url = metaContent(doc, 'meta[property="og:url"]') ?? doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '';
  const code = /\/(?:p|reel|reels|tv)\/([A-Za-z0-9_-]{1,50})\//.exec(url)?.[1] ?? null;
  const twitter = metaContent(doc, 'meta[name="twitter:title"]') ?? '';
  const kind = /Instagram reel$/.test(twitter)
    ? 'reel'
    : /Instagram video$/.test(twitter)
      ? 'video'
      : /Instagram photo$/.test(twitter)
        ? 'photo'
        : null;
  return { code, kind, ...parsed, author: parsed.author ?? handleInText(twitter) };
}
