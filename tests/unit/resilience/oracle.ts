/**
 * What "right or unknown" means for a reading of a damaged page, field by field.
 *
 * - A count is right when it is unknown (null) or admits the fixture's true value: an exact count
 *   equal to it, or an abbreviation's interval that overlaps the expected one (a page that lost
 *   the exact `title` and still shows "12.4K" gives the interval, which is right but coarser).
 *   Where the fixture expects unknown, the reading must stay unknown.
 * - Ids, URLs, authors, handles and dates are right when equal to the expected value or unknown.
 *   A VK account may be named by its screen name when the page lost its numeric id (the store
 *   files both under one record), so its screen name is also a right id there.
 * - A post must be one of the fixture's posts: an id the fixture does not have is wrong.
 * Names, captions, comments' text and flags are text or judgement, not numbers: not checked here.
 */
import type { Reading } from '@/lib/content/run-site';
import type { Count } from '@/lib/count';
import type { PageCase, Want } from './pages';

export function countProblem(field: string, got: Count | null | undefined, w: Want | null): string | null {
  if (got === null || got === undefined) return null;
  const shown = got.exact ? `${got.value}` : `${got.value} [${got.low}, ${got.high})`;
  if (!w) return `${field}: ${shown} read where the page's true value is unknown`;
  if (!Number.isSafeInteger(got.value) || !Number.isSafeInteger(got.low) || !Number.isSafeInteger(got.high) || got.low < 0)
    return `${field}: ${shown} is not a count`;
  const ok = got.exact
    ? w.exact
      ? got.value === w.low
      : got.value >= w.low && got.value < w.high
    : w.exact
      ? w.low >= got.low && w.low < got.high
      : got.low < w.high && w.low < got.high;
  return ok ? null : `${field}: ${shown}, expected ${w.exact ? w.low : `[${w.low}, ${w.high})`}`;
}

/**
 * A date is right when it is the expected instant, or the same instant at the coarser precision a
 * page's text gives: the minute ("13 сен 2020 в 15:26" where the page's data had 15:26:40), or the
 * day, stored as midnight UTC (a meta date "May 28, 2025"; see docs/storage.md, "date only"),
 * which is right when that calendar day, in some time zone from UTC-12 to UTC+14, holds the instant.
 */
export function dateProblem(field: string, got: string | null | undefined, expected: string | null): string | null {
  if (got === null || got === undefined || got === expected) return null;
  const g = Date.parse(got);
  const e = expected === null ? Number.NaN : Date.parse(expected);
  const H = 3_600_000;
  if (Number.isFinite(g) && Number.isFinite(e)) {
    if (g % 60_000 === 0 && e - g >= 0 && e - g < 60_000) return null;
    if (g % (24 * H) === 0 && e >= g - 14 * H && e < g + 36 * H) return null;
  }
  return `${field}: ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`;
}

function sameOrUnknown(field: string, got: unknown, expected: unknown, also: unknown[] = []): string | null {
  if (got === null || got === undefined) return null;
  if (got === expected || also.includes(got)) return null;
  return `${field}: ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`;
}

/** Every field of the reading that is wrong for this fixture (empty when all are right or unknown). */
export function problems(c: PageCase, r: Reading): string[] {
  const out: string[] = [];
  const push = (p: string | null) => {
    if (p) out.push(p);
  };
  const a = r.account;
  if (a) {
    const w = c.account;
    if (!w) out.push(`account ${a.id} read on a page that shows none`);
    else {
      const handle = w.handle?.toLowerCase();
      const screenName = c.site === 'vk' && handle ? [handle] : [];
      // VK: the same account's other addresses (screen name, /club<id>, /public<id>, /id<id>)
      const origin = new URL(w.url).origin;
      const n = w.nativeId ? Number(w.nativeId) : Number.NaN;
      const urls =
        c.site !== 'vk'
          ? []
          : [
              ...(w.handle ? [`${origin}/${w.handle}`] : []),
              ...(n < 0 ? [`${origin}/club${-n}`, `${origin}/public${-n}`] : n > 0 ? [`${origin}/id${n}`] : []),
            ];
      push(sameOrUnknown('account.id', a.id, w.id, screenName));
      push(sameOrUnknown('account.nativeId', a.nativeId, w.nativeId));
      push(sameOrUnknown('account.handle', a.handle, w.handle));
      push(sameOrUnknown('account.url', a.url, w.url, urls));
      push(countProblem('account.followers', a.followers, w.followers));
      push(countProblem('account.following', a.following, w.following));
      push(countProblem('account.posts', a.posts, w.posts));
    }
  }
  const byId = new Map(c.posts.map((p) => [p.id, p]));
  for (const p of r.posts) {
    const w = byId.get(p.id);
    if (!w) {
      out.push(`post ${p.id} is not a post of this page`);
      continue;
    }
    const f = (name: string) => `post ${p.id}.${name}`;
    push(sameOrUnknown(f('url'), p.url, w.url));
    push(sameOrUnknown(f('authorId'), p.authorId, w.authorId));
    push(sameOrUnknown(f('authorHandle'), p.authorHandle, w.authorHandle));
    push(dateProblem(f('publishedAt'), p.publishedAt, w.publishedAt));
    push(countProblem(f('likes'), p.likes, w.likes));
    push(countProblem(f('comments'), p.comments, w.comments));
    push(countProblem(f('shares'), p.shares, w.shares));
    const views = countProblem(f('views'), p.views, w.views);
    // another of the page's own view counts, where the page has views at all (hidden likes: none)
    const alternatives = w.views ? (c.altViews.get(p.id) ?? []) : [];
    push(views && alternatives.some((v) => !countProblem('', p.views, { low: v, high: v, exact: true })) ? null : views);
  }
  return out;
}
