/**
 * The JSON a page was served with: `<script type="application/json" data-sjs>` blobs (2022-2025)
 * and the 2021 inline `window._sharedData = {...};` / `window.__additionalDataLoaded(...)`.
 * Each script element is parsed once (the caller keeps a WeakSet); blobs that mention none of the
 * fields we read are not parsed at all.
 */
import { extractIgData, type IgData, mayHoldIgData, parseIgJson } from './json';
import { SEL } from './selectors';

/** Facts the page JSON states about the page it was served for (valid in the first session only). */
export interface PageFacts {
  /** seen 2024-12: `"page_logging":{"name":"profilePage","params":{"page_id":"profilePage_3640900328",...}}` */
  profileId: string | null;
  /** seen 2024-12: PolarisPostRoot props `"media_owner_id":"385669764","media_type":8` (1 photo, 2 video, 8 carousel) */
  mediaType: number | null;
  mediaOwnerId: string | null;
}

const MAX_SCRIPT_CHARS = 8_000_000;

export function readPageJson(scripts: Iterable<Element>, seen: WeakSet<Element>, data: IgData, facts: PageFacts): boolean {
  let found = false;
  for (const script of scripts) {
    if (seen.has(script)) continue;
    seen.add(script);
    const text = script.textContent ?? '';
    if (!text || text.length > MAX_SCRIPT_CHARS) continue;
    if (script.getAttribute('type') === 'application/json') {
      if (facts.profileId === null)
        facts.profileId = /"name":\s*"profilePage",\s*"params":\s*\{\s*"page_id":\s*"profilePage_(\d{1,25})"/.exec(text)?.[1] ?? null;
      const media = /"media_owner_id":\s*"(\d{1,25})",\s*"media_type":\s*(\d)\b/.exec(text);
      if (media && facts.mediaType === null) {
        facts.mediaOwnerId = media[1];
        facts.mediaType = Number(media[2]);
      }
      if (!mayHoldIgData(text)) continue;
      for (const json of parseIgJson(text)) found = merge(data, extractIgData(json)) || found;
    } else if (/window\._sharedData\s*=|__additionalDataLoaded\(/.test(text)) {
      const start = text.indexOf('{');
      const end = text.lastIndexOf('}');
      if (start < 0 || end <= start) continue;
      try {
        found = merge(data, extractIgData(JSON.parse(text.slice(start, end + 1)))) || found;
      } catch {
        // not the shape we know: nothing read
      }
    }
  }
  return found;
}

function merge(into: IgData, from: IgData): boolean {
  into.media.push(...from.media);
  into.users.push(...from.users);
  return from.media.length + from.users.length > 0;
}

export function pageScripts(root: ParentNode): Element[] {
  return [...root.querySelectorAll(SEL.pageJson)];
}
