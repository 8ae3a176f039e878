/**
 * Random damage to a parsed page, undoable: remove elements, attributes and text, and garble the
 * numbers the page writes (in text, attribute values and the page's JSON) into junk that is no
 * number at all ("1,2x4", "12..3", "--5", "9e999", an emptied counter, ...). Never into another
 * valid number: a reader cannot know "1,234" was "1,235".
 *
 * Every mutation records its inverse, so one parsed document serves many runs (parsing the real
 * Instagram pages costs more than reading them); `undo` restores the page exactly.
 *
 * Which number is garbled: a run of digits (with the separators of "1 234", "1,234", "12.4") that
 * is not part of a word or an identifier: not glued to a letter, digit or "_" on the left, nor to a
 * hyphenated word ("wall-1", "CO-E2"), and not followed by letters that run into digits
 * ("9kL2mN3", a shortcode). Abbreviations ("12.4K", "1,2 тыс.") are numbers.
 */
import fc from 'fast-check';

export type MutationKind = 'remove-element' | 'remove-near-number' | 'remove-attribute' | 'remove-text' | 'garble-number' | 'empty-counter';

export interface Mutation {
  kind: MutationKind;
  /** which candidate (modulo their number) */
  pick: number;
  /** which junk form, or how many levels up for remove-near-number */
  form: number;
}

export const JUNK_FORMS: ReadonlyArray<(t: string) => string> = [
  (t) => (t.length > 1 ? `${t.slice(0, Math.ceil(t.length / 2))}x${t.slice(Math.ceil(t.length / 2))}` : `${t}x${t}`), // "1,2x34"
  (t) => (t.length > 1 ? `${t.slice(0, Math.ceil(t.length / 2))}..${t.slice(Math.ceil(t.length / 2))}` : `${t}..${t}`), // "12..34"
  (t) => `--${t}`,
  () => '9e999',
  () => 'NaN',
  (t) => `-${t}`,
  () => '1234567890'.repeat(4), // 40 digits
  (t) => `${t}e3`, // not in JSON, where 12e3 is a valid number (see jsonish)
  () => 'Infinity',
  (t) => `0x${t}`,
  (t) => `${t}/${t}`,
  (t) => `${t},,${t}`,
];

const E3_FORM = 7;

const NUMBER_TOKEN = /(?<![\p{L}\p{N}_])(?<![\p{L}\p{N}]-)\d(?:[\d.,'\u00a0\u202f\u2009 ]*\d)?(?!\p{L}{0,8}[\p{N}_])(?!\p{L}{6})/gu;

/** Every number of `text` replaced by `junk`; how many were replaced. */
export function replaceNumbers(text: string, junk: string): { text: string; replaced: number } {
  let replaced = 0;
  const out = text.replace(NUMBER_TOKEN, () => {
    replaced++;
    return junk;
  });
  return { text: out, replaced };
}

export function numberTokens(text: string): Array<{ index: number; text: string }> {
  const out: Array<{ index: number; text: string }> = [];
  for (const m of text.matchAll(NUMBER_TOKEN)) out.push({ index: m.index ?? 0, text: m[0] });
  return out;
}

/** Where a number is written: a text node, or an attribute value. */
type Holder = { node: Text } | { el: Element; name: string };

const holderText = (h: Holder) => ('node' in h ? h.node.data : (h.el.getAttribute(h.name) ?? ''));
function setValue(h: Holder, v: string): void {
  if ('node' in h) h.node.data = v;
  else h.el.setAttribute(h.name, v);
}
const elementOf = (h: Holder): Element | null => ('node' in h ? h.node.parentElement : h.el);

function allTextNodes(doc: Document): Text[] {
  const out: Text[] = [];
  const walker = doc.createTreeWalker(doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}
const textNodes = (doc: Document): Text[] => allTextNodes(doc).filter((n) => n.data.trim());

/** Where "12e3" is a valid number: script text and JSON-looking attribute values. */
function jsonish(h: Holder): boolean {
  if ('node' in h) return h.node.parentElement?.localName === 'script';
  return /^\s*[[{]/.test(h.el.getAttribute(h.name) ?? '');
}

const SEP = `[\\s\u00a0\u202f\u2009.,']*`;
const ENDS_IN_DIGIT = new RegExp(`\\d${SEP}$`);
const STARTS_WITH_DIGIT = new RegExp(`^${SEP}\\d`);
const STARTS_WITH_UNIT = /^[\s\u00a0\u202f]*(k|m|b|тыс|млн|млрд|mil|mln|mio|mn|bn)(?![\p{L}])/iu;

/**
 * Would removing this text make another valid number of the text around it? A number split over
 * nodes ("4" + "<span> </span>" + "444" reads "4 444") loses a digit group; "12" + "<b>K</b>" loses
 * its unit. A reader cannot know the rest is not the whole number, so such removals are not made.
 */
function splitsNumber(doc: Document, target: Node): boolean {
  const all = allTextNodes(doc);
  const inside: number[] = [];
  all.forEach((t, i) => {
    if (target === t || target.contains(t)) inside.push(i);
  });
  if (!inside.length) return false;
  const own = inside.map((i) => all[i].data).join('');
  let before = '';
  for (let i = inside[0] - 1; i >= 0 && before.length < 12; i--) before = all[i].data + before;
  let after = '';
  for (let i = inside[inside.length - 1] + 1; i < all.length && after.length < 12; i++) after += all[i].data;
  return (
    (STARTS_WITH_DIGIT.test(own) && ENDS_IN_DIGIT.test(before)) ||
    (ENDS_IN_DIGIT.test(own) && STARTS_WITH_DIGIT.test(after)) ||
    (/\d[\s\u00a0\u202f]*$/.test(before) && STARTS_WITH_UNIT.test(own))
  );
}

function holders(doc: Document): Holder[] {
  const out: Holder[] = textNodes(doc).map((node) => ({ node }));
  for (const el of doc.querySelectorAll('*')) for (const name of el.getAttributeNames()) out.push({ el, name });
  return out;
}

interface Located {
  holder: Holder;
  index: number;
  text: string;
}

function numbers(doc: Document): Located[] {
  const out: Located[] = [];
  for (const holder of holders(doc)) for (const t of numberTokens(holderText(holder))) out.push({ holder, ...t });
  return out;
}

/**
 * Would removing this element hand the number after it to another icon? Instagram's 2025 action bar
 * is [♡][12.5K][💬][311]: without "12.5K" and the comment icon it reads [♡][311], a page that shows
 * 311 likes, which no reader can tell from a real one. Icons (an svg or role=img with a label)
 * without digits, directly followed by a number, are not removed.
 */
function givesNumberToAnotherIcon(doc: Document, el: Element): boolean {
  if (!(el.matches('svg, [role="img"][aria-label]') || el.querySelector('svg, [role="img"][aria-label]'))) return false;
  if (/\d/.test(el.textContent ?? '')) return false;
  const all = allTextNodes(doc);
  let after = '';
  for (const t of all) {
    if (el.contains(t) || !((el.compareDocumentPosition(t) & 4) /* following */)) continue;
    after = t.data.trim();
    if (after) break;
  }
  return /^\d/.test(after);
}

/** A damaged page: `undo()` puts everything back, in reverse order. */
export interface Damage {
  applied: string[];
  undo(): void;
}

const short = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s);
const describeEl = (el: Element) =>
  `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.attributes]
    .filter((a) => a.name !== 'id' && a.name !== 'class')
    .slice(0, 2)
    .map((a) => ` ${a.name}=${short(a.value)}`)
    .join('')}>`;

export function damage(doc: Document, mutations: readonly Mutation[]): Damage {
  const undo: Array<() => void> = [];
  const applied: string[] = [];
  const removeElement = (el: Element, why: string) => {
    const parent = el.parentNode;
    if (!parent || splitsNumber(doc, el) || givesNumberToAnotherIcon(doc, el)) return;
    const next = el.nextSibling;
    parent.removeChild(el);
    undo.push(() => parent.insertBefore(el, next));
    applied.push(`${why} ${describeEl(el)}`);
  };
  for (const m of mutations) {
    switch (m.kind) {
      case 'remove-element': {
        const els = [...doc.querySelectorAll('*')].filter((el) => el !== doc.documentElement);
        if (els.length) removeElement(els[m.pick % els.length], 'removed element');
        break;
      }
      case 'remove-near-number': {
        const nums = numbers(doc).filter((n) => 'node' in n.holder || n.holder.name !== 'style');
        if (!nums.length) break;
        let el = elementOf(nums[m.pick % nums.length].holder);
        for (let i = 0; i < m.form % 4 && el?.parentElement && el.parentElement !== doc.body; i++) el = el.parentElement;
        if (el && el !== doc.documentElement && el !== doc.body && el !== doc.head) removeElement(el, 'removed around a number');
        break;
      }
      case 'remove-attribute': {
        const attrs = [...doc.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().map((name) => ({ el, name })));
        if (!attrs.length) break;
        const { el, name } = attrs[m.pick % attrs.length];
        const old = el.getAttribute(name) ?? '';
        el.removeAttribute(name);
        undo.push(() => el.setAttribute(name, old));
        applied.push(`removed ${name}=${short(old)} of ${describeEl(el)}`);
        break;
      }
      case 'remove-text': {
        const texts = textNodes(doc);
        if (!texts.length) break;
        const node = texts[m.pick % texts.length];
        if (splitsNumber(doc, node)) break;
        const old = node.data;
        node.data = '';
        undo.push(() => {
          node.data = old;
        });
        applied.push(`emptied text ${short(old)}`);
        break;
      }
      case 'garble-number':
      case 'empty-counter': {
        const nums = numbers(doc);
        const candidates =
          m.kind === 'empty-counter'
            ? nums.filter((n) => holderText(n.holder).trim() === n.text && !('node' in n.holder && splitsNumber(doc, n.holder.node)))
            : nums;
        if (!candidates.length) break;
        const n = candidates[m.pick % candidates.length];
        const old = holderText(n.holder);
        let form = m.form % JUNK_FORMS.length;
        if (form === E3_FORM && jsonish(n.holder)) form = 0;
        const junk = m.kind === 'empty-counter' ? '' : JUNK_FORMS[form](n.text);
        setValue(n.holder, old.slice(0, n.index) + junk + old.slice(n.index + n.text.length));
        undo.push(() => setValue(n.holder, old));
        const where = 'node' in n.holder ? 'text' : `${n.holder.name}=`;
        applied.push(
          `${m.kind === 'empty-counter' ? 'emptied counter' : 'garbled'} ${short(n.text)} -> ${short(junk)} in ${where}${short(old)}`,
        );
        break;
      }
    }
  }
  return {
    applied,
    undo() {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]();
    },
  };
}

/** Mutations, with numbers garbled more often than anything else (they are what the readers read). */
export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<MutationKind>(
    'garble-number',
    'garble-number',
    'garble-number',
    'empty-counter',
    'remove-near-number',
    'remove-near-number',
    'remove-element',
    'remove-attribute',
    'remove-attribute',
    'remove-text',
  ),
  pick: fc.nat(),
  form: fc.nat({ max: 1000 }),
});

export const damageArb = (maxMutations: number) => fc.array(mutationArb, { minLength: 1, maxLength: maxMutations });
