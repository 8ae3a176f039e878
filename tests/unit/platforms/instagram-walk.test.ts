/**
 * The tile and post readers walk each subtree once (lib/platforms/instagram/dom.ts `walk`) instead
 * of querying the DOM per element. They must read exactly what the queries read: here the query
 * versions, as they were written before the walk, are the oracle, on random subtrees built from
 * the pieces Instagram's markup is made of (icons with labels and titles, numbers, words, lists,
 * nested svg), inside random ancestors (a list, an svg) that the queries looked up to.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Count, reconcileCounts } from '@/lib/count';
import { findCount } from '@/lib/numbers';
import { iconCounts, phraseCounts, postLinkOf, readTile } from '@/lib/platforms/instagram/dom';
import {
  AD_TEXT,
  CAROUSEL_ICON,
  CLIP_ICON,
  COMMENT_ICON,
  COMMENTS_LABEL,
  FIRST_LIKE_TEXT,
  LIKE_ICON,
  LIKES_LABEL,
  labelOf,
  OTHERS_TEXT,
  PINNED_ICON,
  REPOST_ICON,
  SHARE_ICON,
  VIDEO_ICON,
  VIEWS_ICON,
  VIEWS_LABEL,
} from '@/lib/platforms/instagram/labels';

// ---- the oracle: the query versions --------------------------------------------------------------

function textOf(el: Element): string {
  const parts: string[] = [];
  const walker = el.ownerDocument.createTreeWalker(el, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.nodeValue ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
function phrase(text: string, locale?: string) {
  if (!text || text.length > 120) return null;
  const f = findCount(text, { locale });
  if (!f) return /\d/.test(text) ? null : { count: null, label: labelOf(text) };
  return { count: { ...f.count, raw: f.text.slice(f.start, f.end) }, label: labelOf(`${f.text.slice(0, f.start)} ${f.text.slice(f.end)}`) };
}
function bare(text: string, locale?: string): Count | null {
  const p = phrase(text, locale);
  return p?.count && p.label === '' ? p.count : null;
}
const svgLabel = (el: Element) => labelOf(el.getAttribute('aria-label') ?? el.querySelector('title')?.textContent ?? '');
function kindOf(label: string) {
  if (LIKE_ICON.test(label)) return 'like';
  if (COMMENT_ICON.test(label)) return 'comment';
  if (SHARE_ICON.test(label)) return 'share';
  if (REPOST_ICON.test(label)) return 'repost';
  if (VIEWS_ICON.test(label)) return 'views';
  return 'other';
}
function nextOutside(walker: TreeWalker): Node | null {
  for (let n: Node | null = walker.currentNode; n && n !== walker.root; n = walker.parentNode()) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
  }
  return null;
}
function oracleIconCounts(container: Element, locale?: string, skip?: (el: Element) => boolean) {
  const out = new Map<string, Count>();
  const walker = container.ownerDocument.createTreeWalker(container, 1 | 4);
  let current: string | null = null;
  let node: Node | null = walker.nextNode();
  while (node) {
    if (node.nodeType === 1) {
      const el = node as Element;
      if (skip?.(el)) {
        node = walker.nextSibling() ?? nextOutside(walker);
        continue;
      }
      const tag = el.localName;
      if (tag === 'svg' || (el.getAttribute('role') === 'img' && el.hasAttribute('aria-label'))) {
        current = kindOf(svgLabel(el));
        node = walker.nextSibling() ?? nextOutside(walker);
        continue;
      }
      if (tag === 'time' || tag === 'img' || tag === 'video') current = null;
    } else {
      const text = (node.nodeValue ?? '').trim();
      if (text) {
        const c = current && current !== 'other' ? bare(text, locale) : null;
        if (c && current && !out.has(current)) out.set(current, c);
        current = null;
      }
    }
    node = walker.nextNode();
  }
  return out;
}
function oraclePhraseCounts(scope: Element, locale?: string, skip?: (el: Element) => boolean) {
  const out = {
    likes: [] as Array<Count | null>,
    comments: [] as Array<Count | null>,
    views: [] as Array<Count | null>,
    hidden: false,
    ad: false,
  };
  const texts = new Set<string>();
  for (const el of [scope, ...scope.querySelectorAll('*')]) {
    if (el.closest('svg') || skip?.(el)) continue;
    const label = el.getAttribute('aria-label');
    if (label && /\d/.test(label)) texts.add(label);
    const t = el.textContent ?? '';
    if (t.length <= 120 && t.trim()) texts.add(textOf(el));
  }
  for (const text of texts) {
    const p = phrase(text, locale);
    if (!p) continue;
    if (p.count) {
      if (LIKES_LABEL.test(p.label)) out.likes.push(p.count);
      else if (COMMENTS_LABEL.test(p.label)) out.comments.push(p.count);
      else if (VIEWS_LABEL.test(p.label)) {
        const f = findCount(text, { locale });
        if (!(f && labelOf(f.text.slice(0, f.start)))) out.views.push(p.count);
      }
    } else if (OTHERS_TEXT.test(p.label)) out.hidden = true;
    else if (FIRST_LIKE_TEXT.test(p.label)) out.likes.push({ value: 0, low: 0, high: 0, exact: true, raw: text });
    else if (AD_TEXT.test(p.label)) out.ad = true;
  }
  return out;
}
const known = (xs: Array<Count | null>) => {
  const list = xs.filter((c): c is Count => c !== null);
  return list.length ? reconcileCounts(list) : null;
};
function oracleTile(a: Element, locale?: string, onReelsTab = false) {
  const link = postLinkOf(a);
  if (!link) return null;
  const labels = [...a.querySelectorAll('svg[aria-label], [role="img"][aria-label]')].map(svgLabel).filter(Boolean);
  const counts = oracleIconCounts(a, locale);
  const words = oraclePhraseCounts(a, locale);
  let likes = known([counts.get('like') ?? null, ...words.likes]);
  let comments = known([counts.get('comment') ?? null, ...words.comments]);
  let views = known([counts.get('views') ?? null, ...words.views]);
  const loose = [...a.querySelectorAll('span, div')]
    .filter((el) => !el.querySelector('span, div') && !el.closest('ul'))
    .map((el) => bare(textOf(el), locale))
    .filter((c): c is Count => c !== null);
  const items = [...a.querySelectorAll('ul > li')];
  const nums = items.map((li) => bare(textOf(li), locale));
  if (!likes && !comments && items.length === 2 && nums.every(Boolean)) [likes, comments] = nums;
  if (!views && onReelsTab && loose.length === 1) views = loose[0];
  const kind =
    link.reel || labels.some((l) => CLIP_ICON.test(l))
      ? 'reel'
      : labels.some((l) => CAROUSEL_ICON.test(l))
        ? 'carousel'
        : labels.some((l) => VIDEO_ICON.test(l))
          ? 'video'
          : a.querySelector('img')
            ? 'photo'
            : null;
  return {
    code: link.code,
    kind,
    author: null,
    publishedAt: null,
    likes,
    comments,
    views,
    shares: null,
    likesHidden: false,
    pinned: labels.some((l) => PINNED_ICON.test(l)),
    ad: false,
    caption: null,
    sample: [],
  };
}

// ---- random subtrees -----------------------------------------------------------------------------

const SVG = 'http://www.w3.org/2000/svg';
const TEXTS = [
  '12',
  '1,234',
  '12.4K',
  '1.2M',
  'likes',
  '56 comments',
  'View all 56 comments',
  '3 views',
  'Carousel',
  'Clip',
  ' ',
  '\n',
  'Be the first to like this',
  'Liked by alice and others',
  'Sponsored',
  '12 345',
  'x'.repeat(130),
  '1,2 тыс.',
  'nasa',
];
const LABELS = ['Like', 'Comment', 'Share Post', 'Carousel', 'Clip', 'Video', 'Pinned post icon', 'Views', '12 likes', '', 'Next'];
const TAGS = ['div', 'span', 'ul', 'li', 'svg', 'title', 'img', 'time', 'video', 'p', 'a', 'section'];

interface Spec {
  tag: string;
  label: string | null;
  role: boolean;
  skip: boolean;
  kids: Array<Spec | string>;
}
const { node } = fc.letrec<{ node: Spec }>((tie) => ({
  node: fc.record({
    tag: fc.constantFrom(...TAGS),
    label: fc.option(fc.constantFrom(...LABELS), { freq: 3 }),
    role: fc.boolean(),
    skip: fc.boolean(),
    kids: fc.array(fc.oneof({ depthSize: 'small' }, fc.constantFrom(...TEXTS), tie('node')), { maxLength: 4 }),
  }),
}));

function build(doc: Document, spec: Spec | string, inSvg: boolean): Node {
  if (typeof spec === 'string') return doc.createTextNode(spec);
  const svg = inSvg || spec.tag === 'svg';
  const el = svg ? doc.createElementNS(SVG, spec.tag) : doc.createElement(spec.tag);
  if (spec.label !== null) el.setAttribute('aria-label', spec.label);
  if (spec.role) el.setAttribute('role', 'img');
  if (spec.skip) el.setAttribute('data-skip', '');
  for (const k of spec.kids) el.append(build(doc, k, svg));
  return el;
}

const tile = fc.record({
  kids: fc.array(fc.oneof(fc.constantFrom(...TEXTS), node), { maxLength: 5 }),
  around: fc.constantFrom('div', 'ul', 'svg'),
  href: fc.constantFrom('/p/Cx1/', '/nasa/reel/Cx2/', '/reels/Cx3/'),
  locale: fc.constantFrom('en', 'ru', 'tr'),
  reels: fc.boolean(),
});

function place(t: { kids: Array<Spec | string>; around: string; href: string }) {
  const doc = document.implementation.createHTMLDocument('');
  const around = t.around === 'svg' ? doc.createElementNS(SVG, 'svg') : doc.createElement(t.around);
  const a = doc.createElement('a');
  a.setAttribute('href', t.href);
  for (const k of t.kids) a.append(build(doc, k, false));
  around.append(a);
  doc.body.append(around);
  return a;
}

describe('one walk reads what the queries read', () => {
  it('grid tiles', () => {
    fc.assert(
      fc.property(tile, (t) => {
        const a = place(t);
        expect(readTile(a, t.locale, t.reels)).toEqual(oracleTile(a, t.locale, t.reels));
      }),
      { numRuns: 400 },
    );
  });

  it('numbers by icons and in words, with subtrees left out', () => {
    fc.assert(
      fc.property(tile, (t) => {
        const a = place(t);
        const skip = (el: Element) => el.hasAttribute('data-skip');
        expect(iconCounts(a, t.locale, skip)).toEqual(oracleIconCounts(a, t.locale, skip));
        expect(phraseCounts(a, t.locale, skip)).toEqual(oraclePhraseCounts(a, t.locale, skip));
        expect(phraseCounts(a, t.locale)).toEqual(oraclePhraseCounts(a, t.locale));
      }),
      { numRuns: 400 },
    );
  });

  it('a tile read twice reads the same (nothing is shared between readings)', () => {
    const a = place({ kids: ['12.4K', ' likes'], around: 'div', href: '/p/Cx1/' });
    const first = readTile(a, 'en');
    if (first?.likes) first.likes.value = -1;
    expect(readTile(a, 'en')?.likes).toEqual(expect.objectContaining({ value: 12400, exact: false }));
  });
});
