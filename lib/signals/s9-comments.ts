/**
 * S9: low-quality comments (SIGNALS.md). >= 30 visible comments on >= 5 posts (the owner's own
 * replies and comments under giveaway posts left out). Share of comments that are emoji-only,
 * generic, mention-only or duplicated across users/posts: flag >= 50 % (2 points, +1 when the
 * same commenters repeat in the same order on 2+ posts), information >= 30 %. Fan cultures
 * (mostly emoji, nothing repeated in order) and small friend circles (<= 5 authors) make it
 * information.
 */
import { msg, pNum } from '../metrics/types';
import type { PostHistory } from '../store/records';
import { classifyComment, duplicateKey, normalizeComment } from './comments';
import { cause, evidence, evNumber, insufficient, result, type SignalContext } from './context';
import { THRESHOLDS } from './thresholds';
import type { CommentReason, EvidenceComment, SignalResult } from './types';

interface Row {
  post: PostHistory;
  text: string;
  author: string | null;
  /** duplicateKey(text), computed once */
  key: string;
  reasons: CommentReason[];
}

const one = (n: number) => ({ value: n, low: n, high: n, exact: true });

export function s9Comments(ctx: SignalContext): SignalResult {
  const T = THRESHOLDS.s9;
  const rule = msg('signal.s9.rule');
  const asOf = ctx.opts.asOf;
  const period = ctx.period;
  // Most recent posts that have comments (ads excluded by the selection).
  const posts: PostHistory[] = [];
  let giveawayComments = 0;
  const giveawayPosts: string[] = [];
  for (const p of ctx.sel.points) {
    if (posts.length >= T.maxPosts) break;
    if (!p.post.comments.length) continue;
    if (period && (p.publishedAt === null || p.publishedAt < period.from || p.publishedAt > period.to)) continue;
    if (p.post.giveaway) {
      giveawayComments += p.post.comments.length;
      giveawayPosts.push(p.post.id);
      continue;
    }
    posts.push(p.post);
  }
  const rows: Row[] = [];
  const postsWith = new Set<string>();
  for (const post of posts) {
    if (rows.length >= T.maxComments) break;
    for (const c of post.comments) {
      if (c.byOwner || (c.at !== null && c.at > asOf) || !c.text.trim()) continue;
      const norm = normalizeComment(c.text);
      const kind = classifyComment(norm, T.genericMaxWords, true);
      rows.push({ post, text: c.text, author: c.author, key: duplicateKey(norm, true), reasons: kind === 'ok' ? [] : [kind] });
      postsWith.add(post.id);
    }
  }
  const needs = [
    { what: 'comments' as const, have: rows.length, need: T.minComments },
    { what: 'postsWithComments' as const, have: postsWith.size, need: T.minPosts },
  ];
  if (rows.length < T.minComments || postsWith.size < T.minPosts) return insufficient('S9', rule, needs);

  // Duplicates: the same text by two authors, or on two posts.
  const byText = new Map<string, { authors: Set<string>; posts: Set<string>; unknownAuthors: number }>();
  for (const r of rows) {
    const k = r.key;
    if (!k) continue;
    let e = byText.get(k);
    if (!e) {
      e = { authors: new Set(), posts: new Set(), unknownAuthors: 0 };
      byText.set(k, e);
    }
    if (r.author) e.authors.add(r.author.toLowerCase());
    else e.unknownAuthors++;
    e.posts.add(r.post.id);
  }
  for (const r of rows) {
    const e = byText.get(r.key);
    if (e && (e.authors.size + e.unknownAuthors >= 2 || e.posts.size >= 2)) r.reasons.push('duplicate');
  }
  const bad = rows.filter((r) => r.reasons.length);
  const share = bad.length / rows.length;

  // Same commenters in the same order on 2+ posts (runs of orderRun different authors), over the
  // posts whose comments were read.
  const runs = new Map<string, string>(); // run -> first post it was seen on
  let ordered = false;
  const byPost = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.author) continue;
    const list = byPost.get(r.post.id);
    if (list) list.push(r.author.toLowerCase());
    else byPost.set(r.post.id, [r.author.toLowerCase()]);
  }
  for (const [postId, names] of byPost) {
    for (let i = 0; i + T.orderRun <= names.length && !ordered; i++) {
      let distinct = true;
      for (let a = i; a < i + T.orderRun && distinct; a++)
        for (let b = a + 1; b < i + T.orderRun; b++) if (names[a] === names[b]) distinct = false;
      if (!distinct) continue;
      const k = names.slice(i, i + T.orderRun).join('\u0000');
      const first = runs.get(k);
      if (first === undefined) runs.set(k, postId);
      else if (first !== postId) ordered = true;
    }
    if (ordered) break;
  }

  const authors = new Set(rows.map((r) => r.author?.toLowerCase()).filter(Boolean));
  // Fans repeat the same hearts and fire: emoji count whether repeated or not.
  const emoji = bad.filter((r) => r.reasons.includes('emoji')).length;
  const fans = bad.length > 0 && emoji >= T.emojiFanShare * bad.length && !ordered;
  const friends = authors.size > 0 && authors.size <= T.friendCircleAuthors;
  const checked = [
    cause(
      'commentGiveaway',
      giveawayComments > 0,
      msg(giveawayComments ? 'signal.cause.commentGiveaway.excluded' : 'signal.cause.commentGiveaway.none', { n: pNum(giveawayComments) }),
      giveawayPosts,
    ),
    cause('fanCulture', fans, msg(fans ? 'signal.cause.fanCulture.found' : 'signal.cause.fanCulture.none')),
    cause(
      'friendCircle',
      friends,
      msg(friends ? 'signal.cause.friendCircle.found' : 'signal.cause.friendCircle.none', { n: pNum(authors.size) }),
    ),
  ];
  const numbers = [
    evNumber('signal.num.lowQualityShare', one(Math.round(share * 1000) / 10), 'percent'),
    evNumber('signal.num.commentsChecked', one(rows.length), 'count'),
    evNumber('signal.num.commentAuthors', one(authors.size), 'count'),
  ];
  const ev = evidence(rule, { numbers, checked, comments: examples(bad) });
  const p = Math.round(share * 100);
  const explanations = [msg('signal.s9.explain', { p: pNum(p) })];
  if (ordered) explanations.push(msg('signal.s9.explainOrder'));
  if (share >= T.flag && !fans && !friends) {
    return result('S9', 'flag', ev, {
      points: T.points + (ordered ? T.orderBonus : 0),
      parts: ordered ? ['share', 'order'] : ['share'],
      explanations,
    });
  }
  if (share >= T.info) return result('S9', 'info', ev, { parts: share >= T.flag ? ['share', 'explained'] : ['share'], explanations });
  return result('S9', 'clear', evidence(rule, { numbers, checked }));
}

/** Up to 3 examples: duplicates first, from different posts where possible. */
function examples(bad: Row[]): EvidenceComment[] {
  const rank = (r: Row) =>
    r.reasons.includes('duplicate') ? 0 : r.reasons.includes('generic') ? 1 : r.reasons.includes('mention') ? 2 : 3;
  const sorted = [...bad].sort((a, b) => rank(a) - rank(b));
  const out: EvidenceComment[] = [];
  const seenPosts = new Set<string>();
  const seenText = new Set<string>();
  for (const pass of [0, 1]) {
    for (const r of sorted) {
      if (out.length >= 3) break;
      const k = r.key;
      if (seenText.has(k) || (pass === 0 && seenPosts.has(r.post.id))) continue;
      seenText.add(k);
      seenPosts.add(r.post.id);
      out.push({ text: r.text, author: r.author, postId: r.post.id, postUrl: r.post.url, reasons: r.reasons });
    }
  }
  return out;
}
