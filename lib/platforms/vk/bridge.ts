/**
 * The content script's side of the MAIN-world helper (./main-world.ts): ask, and take the answer
 * as untrusted page data: every id, name and number is checked again here.
 *
 * The round trip is synchronous: dispatching the ask event runs the MAIN-world listener at once
 * (DOM events are dispatched synchronously to the listeners of every world), which answers through
 * the page bridge before dispatchEvent returns. Only an answer that arrives during our own ask is
 * taken; without the MAIN-world script (or on a page without React), there is simply no answer.
 */
import { onPageData } from '../../content/page-bridge';
import { jsonCount } from '../../numbers';
import { ASK_EVENT, type Ask, PAGE_DATA_CHANNEL } from './channel';
import { parseUnixSeconds } from './dates';
import { addOwner, addPost, type PageData } from './page-data';

/** Ask the MAIN world; returns its answer (unchecked) or null. Never throws. */
export function askPage(win: Window, ask: Ask): unknown {
  let got: unknown = null;
  let off: (() => void) | null = null;
  try {
    off = onPageData(PAGE_DATA_CHANNEL, (payload) => {
      got = payload;
    });
    win.dispatchEvent(new CustomEvent(ASK_EVENT, { detail: JSON.stringify(ask) }));
  } catch {
    got = null;
  } finally {
    off?.();
  }
  return got;
}

const POST_ID = /^-?\d{1,20}_\d{1,20}$/;
const OWNER_ID = /^-?[1-9]\d{0,19}$/;
const SCREEN_NAME = /^[a-z0-9_.]{2,64}$/;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown, max: number): unknown[] => (Array.isArray(v) ? v.slice(0, max) : []);
const flag = (v: unknown): boolean | null => (v === 1 || v === true ? true : v === 0 || v === false ? false : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() && v.length <= 300 ? v.trim() : null);

function takePosts(data: PageData, posts: unknown, asked: ReadonlySet<string> | null, now: number): void {
  for (const p of list(posts, 300)) {
    if (!isObj(p) || typeof p.id !== 'string' || !POST_ID.test(p.id) || (asked && !asked.has(p.id))) continue;
    addPost(data, p.id, {
      views: jsonCount(p.views),
      likes: jsonCount(p.likes),
      comments: jsonCount(p.comments),
      shares: jsonCount(p.reposts),
      date: parseUnixSeconds(p.date, now),
      pinned: flag(p.pinned),
    });
  }
}

/** Check an answer and fold it into `data`. Of the posts React holds, only asked-for ones are taken. */
export function applyAnswer(data: PageData, answer: unknown, asked: ReadonlySet<string>, now: number): void {
  if (!isObj(answer)) return;
  takePosts(data, answer.posts, asked, now);
  const pre = answer.prefetch;
  if (!isObj(pre)) return;
  takePosts(data, pre.posts, null, now);
  for (const o of list(pre.owners, 100)) {
    if (!isObj(o) || typeof o.id !== 'string' || !OWNER_ID.test(o.id)) continue;
    const screenName = typeof o.screenName === 'string' && SCREEN_NAME.test(o.screenName) ? o.screenName : null;
    addOwner(data, {
      id: o.id,
      kind: o.id.startsWith('-') ? 'community' : 'user',
      screenName,
      name: text(o.name),
      followers: jsonCount(o.followers),
      posts: jsonCount(o.posts),
    });
  }
  if (isObj(pre.screenNames)) {
    for (const [name, id] of Object.entries(pre.screenNames).slice(0, 100)) {
      if (SCREEN_NAME.test(name) && typeof id === 'string' && OWNER_ID.test(id)) data.screenNames.set(name, id);
    }
  }
}
