/**
 * Instagram meta tags: og:description / description ("2,362 Followers, 136 Following, 224 Posts -
 * See Instagram photos and videos from Pluto (@pluto__travel)") and og:title. They describe the
 * page as it was first loaded; after in-app navigation they can be stale, so every reading is
 * checked against the URL's account before use.
 */
import type { Count } from '../../count';
import { parseCount } from '../../numbers';

export interface ProfileMeta {
  handle: string | null;
  name: string | null;
  followers: Count | null;
  following: Count | null;
  posts: Count | null;
}

/** Labels of the three counters, by language, in the order Instagram writes them. */
const LABELS = {
  followers: /^(followers?|подписчик\p{L}*|підписник\p{L}*|abonnés?|seguidores|follower|takipçi|obserwując\p{L}*|жазылушы\p{L}*)$/iu,
  following: /^(following|подпис(ок|ка|ки)|підпис\p{L}*|abonnements?|seguidos|seguindo|gefolgt|takip|obserwowani|жазылым\p{L}*)$/iu,
  posts: /^(posts?|публикац\p{L}*|допис\p{L}*|publications?|publicaciones|publicações|beiträge|beitrag|gönderi|posty|жарияланым\p{L}*)$/iu,
} as const;

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
      const byLabel = order.find((key) => LABELS[key].test(label));
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

export function readProfileMeta(doc: Document, locale?: string): ProfileMeta | null {
  const description = metaContent(doc, 'meta[property="og:description"]') ?? metaContent(doc, 'meta[name="description"]');
  if (!description) return null;
  const counters = parseProfileCounters(description, locale);
  if (!counters) return null;
  const title = metaContent(doc, 'meta[property="og:title"]') ?? doc.title ?? null;
  const name = title ? /^(.*?)\s*\(@[A-Za-z0-9._]+\)/.exec(title)?.[1]?.trim() || null : null;
  return { handle: handleInText(description) ?? handleInText(title), name, ...counters };
}
