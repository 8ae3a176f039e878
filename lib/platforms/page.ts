import type { PageKind } from '../model';

/** What a URL says about the page, before reading it. Pure, from the URL alone. */
export interface PageInfo {
  kind: PageKind;
  /** The account the page belongs to, when the URL names it. */
  account: { id: string; handle: string | null } | null;
  /** The post the URL names (post pages and posts opened over another page). */
  postId: string | null;
}

export const OTHER_PAGE: PageInfo = { kind: 'other', account: null, postId: null };

/** Parse a URL string safely; null for anything that is not http(s). */
export function toUrl(input: string | URL): URL | null {
  try {
    const url = typeof input === 'string' ? new URL(input) : input;
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** Path segments without empty ones, decoded where possible. */
export function pathSegments(url: URL): string[] {
  return url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}
