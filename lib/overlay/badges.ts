/**
 * The light markup of the many post badges, and the anchors every badge hangs from.
 *
 *   <smm-lens-anchor smm-lens-corner="tr">            zero-size, position: absolute, last child of the host
 *     <button smm-lens-badge smm-lens-label="ER 2.4 % · 2.3×" smm-lens-tip="..." smm-lens-state="high">
 *
 * How it stays out of the page's way:
 * - the anchor is zero-sized and absolutely positioned, so it takes no room in the page's flow, is
 *   never a flex or grid item, and leaves every box of the page where it was; in a block host it
 *   is in the flow instead (`smm-lens-flow`, position: relative: an empty block moves nothing
 *   there), so that the page's layouts need not carry it up to a containing block far above (see
 *   the controller's `flowOk`);
 * - only the badge itself takes pointer events; the anchor does not;
 * - the badge's text is CSS generated content from prefixed attributes, not text nodes and not
 *   `title` or `aria-label` attributes: the readers parse text, titles and labels inside posts,
 *   and must never read the overlay's own numbers as the page's;
 * - one prefixed stylesheet (`<style smm-lens-style>`), every rule on prefixed elements with
 *   `all: initial`, so the page's styles do not reach in and ours do not reach out;
 * - page data never becomes markup: everything is set with setAttribute / textContent.
 */
import type { Corner } from './anchors';

export const ANCHOR_TAG = 'smm-lens-anchor';
const STYLE_ATTR = 'smm-lens-style';

/** Badge states: normal, an outlier above or below the account's usual, an ad, a post left out, unknown. */
export type BadgeState = 'ok' | 'high' | 'low' | 'ad' | 'muted' | 'unknown';

export interface BadgeContent {
  /** the text shown ("ER 2.4 % · 2.3×") */
  label: string;
  /** the tooltip: formula, sample, why unknown (several lines) */
  tip: string;
  state: BadgeState;
}

/**
 * Light and dark palettes ("auto" follows the system, as the sites do). Geometry: the anchor sits
 * at its static position (the end of the host's content, or the host's start corner in a flex or
 * grid host); the overlay measures where the host's box is from there (a ResizeObserver, after
 * layout) and sets --smm-lens-x/y/w/h, so the badge lands at the chosen corner of the host.
 */
const A = ANCHOR_TAG;
const FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,sans-serif';
const DARK =
  '--smm-lens-bg:#20242a;--smm-lens-fg:#e8eaed;--smm-lens-bd:#4a515c;--smm-lens-hi:#8fe0a8;--smm-lens-lo:#ffd597;--smm-lens-mu:#a2abb6';
const X = 'var(--smm-lens-x,0px)';
const Y = 'var(--smm-lens-y,0px)';
const W = 'var(--smm-lens-w,0px)';
const H = 'var(--smm-lens-h,0px)';
/**
 * What an anchor holds (a post badge, the account badge's host) carries this attribute; the rules
 * for them select it, not `*`: a rule whose last part is `*` is tried on every element the page
 * styles, a rule on an attribute only on elements that have it.
 */
export const ITEM_ATTR = 'smm-lens-item';
const I = `[${ITEM_ATTR}]`;
const CSS = `
${A}{all:initial!important;position:absolute!important;display:block!important;width:0!important;height:0!important;overflow:visible!important;z-index:4!important;pointer-events:none!important}
${A}[smm-lens-flow]{position:relative!important}
${A}>${I}{position:absolute!important;pointer-events:auto!important;--smm-lens-bg:#fff;--smm-lens-fg:#1b1f24;--smm-lens-bd:#c9ced6;--smm-lens-hi:#1b6b35;--smm-lens-lo:#8a5300;--smm-lens-mu:#5b6470}
${A}[smm-lens-corner="tl"]>${I}{left:calc(${X} + 8px)!important;top:calc(${Y} + 8px)!important}
${A}[smm-lens-corner="tr"]>${I}{left:calc(${X} + ${W} - 52px)!important;top:calc(${Y} + 10px)!important;transform:translateX(-100%)!important}
${A}[smm-lens-corner="br"]>${I}{left:calc(${X} + ${W} - 12px)!important;top:calc(${Y} + ${H} - 8px)!important;transform:translate(-100%,-100%)!important}
${A}[smm-lens-corner="under"]>${I}{left:calc(${X} + ${W} - 12px)!important;top:calc(${Y} + ${H} + 4px)!important;transform:translateX(-100%)!important}
${A}:not([smm-lens-w])>${I}{visibility:hidden!important}
${A}>smm-lens-account{all:initial;position:absolute!important;display:block!important;width:max-content!important;pointer-events:auto!important}
${A}>button[smm-lens-badge]{all:initial;position:absolute!important;box-sizing:border-box!important;display:block!important;pointer-events:auto!important;cursor:pointer!important;white-space:nowrap!important;font:600 12px/18px ${FONT}!important;font-variant-numeric:tabular-nums!important;padding:1px 8px!important;border-radius:10px!important;border:1px solid var(--smm-lens-bd)!important;background:var(--smm-lens-bg)!important;color:var(--smm-lens-fg)!important;box-shadow:0 1px 3px rgba(0,0,0,.25)!important}
${A}>button[smm-lens-badge]::before{content:attr(smm-lens-label)}
${A}>button[smm-lens-badge]::after{content:attr(smm-lens-tip);display:none;position:absolute;top:calc(100% + 4px);left:0;width:max-content;max-width:300px;white-space:pre-line;font:400 12px/16px ${FONT};padding:6px 8px;border-radius:6px;background:var(--smm-lens-bg);color:var(--smm-lens-fg);border:1px solid var(--smm-lens-bd);box-shadow:0 2px 8px rgba(0,0,0,.3);z-index:1}
${A}>button[smm-lens-badge]:hover::after,${A}>button[smm-lens-badge]:focus-visible::after{display:block}
${A}>button[smm-lens-badge]:focus-visible{outline:2px solid #2962ff!important;outline-offset:2px!important}
${A}>button[smm-lens-state="high"]{border-color:var(--smm-lens-hi)!important;color:var(--smm-lens-hi)!important;border-width:2px!important;padding:0 7px!important}
${A}>button[smm-lens-state="low"]{border-color:var(--smm-lens-lo)!important;color:var(--smm-lens-lo)!important;border-width:2px!important;padding:0 7px!important}
${A}>button[smm-lens-state="ad"],${A}>button[smm-lens-state="muted"],${A}>button[smm-lens-state="unknown"]{color:var(--smm-lens-mu)!important;font-weight:500!important}
${A}[smm-lens-theme="dark"]>${I}{${DARK}}
@media (prefers-color-scheme: dark){${A}:not([smm-lens-theme="light"])>${I}{${DARK}}}
`;

/** Add the stylesheet once per document. */
export function ensureStyle(doc: Document): void {
  if (doc.querySelector(`style[${STYLE_ATTR}]`)) return;
  const style = doc.createElement('style');
  style.setAttribute(STYLE_ATTR, '');
  style.textContent = CSS;
  (doc.head ?? doc.documentElement).append(style);
}

export function removeStyle(doc: Document): void {
  for (const s of doc.querySelectorAll(`style[${STYLE_ATTR}]`)) s.remove();
}

/**
 * A zero-size anchor as the last child of `host`. Last, not first: the page's structural selectors
 * (`:first-child`, `:nth-child(3n)`, `a + b`) count from the start and are untouched; only a
 * `:last-child` rule of the host's last child could notice (the end-to-end test measures that no
 * box of the page moves).
 */
export function createAnchor(host: Element, corner: Corner, theme: string): HTMLElement {
  const doc = host.ownerDocument;
  const anchor = doc.createElement(ANCHOR_TAG);
  anchor.setAttribute('smm-lens-corner', corner);
  if (theme !== 'auto') anchor.setAttribute('smm-lens-theme', theme);
  host.append(anchor);
  return anchor;
}

/** Where the host's border box is, from the anchor (read after layout, in a ResizeObserver callback). */
export interface AnchorBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function measureAnchor(host: Element, anchor: Element): AnchorBox {
  const hr = host.getBoundingClientRect();
  const ar = anchor.getBoundingClientRect();
  return { x: hr.left - ar.left, y: hr.top - ar.top, w: hr.width, h: hr.height };
}

/** Place the badge (writes only: call after every measurement of the batch). */
export function setAnchorBox(anchor: HTMLElement, box: AnchorBox): void {
  const key = [box.x, box.y, box.w, box.h].map((v) => Math.round(v)).join(',');
  if (anchor.getAttribute('smm-lens-w') === key) return;
  anchor.setAttribute('smm-lens-w', key);
  const [x, y, w, h] = key.split(',');
  anchor.style.setProperty('--smm-lens-x', `${x}px`);
  anchor.style.setProperty('--smm-lens-y', `${y}px`);
  anchor.style.setProperty('--smm-lens-w', `${w}px`);
  anchor.style.setProperty('--smm-lens-h', `${h}px`);
}

/** In the host's flow (a block host: see the controller's `flowOk`) or out of it; true when it changed. */
export function setAnchorFlow(anchor: Element, flow: boolean): boolean {
  if (anchor.hasAttribute('smm-lens-flow') === flow) return false;
  anchor.toggleAttribute('smm-lens-flow', flow);
  return true;
}

/** The post badge button inside an anchor, created on first use. */
export function renderBadge(anchor: HTMLElement, content: BadgeContent, onClick: (button: HTMLButtonElement) => void): HTMLButtonElement {
  let button = anchor.firstElementChild as HTMLButtonElement | null;
  if (!button) {
    button = anchor.ownerDocument.createElement('button');
    button.type = 'button';
    button.setAttribute('smm-lens-badge', '');
    button.setAttribute(ITEM_ATTR, '');
    button.setAttribute('aria-haspopup', 'dialog');
    const b = button;
    button.addEventListener('click', (e) => {
      // the badge can sit inside a link (grid tiles): it opens our panel, never the page's link
      e.preventDefault();
      e.stopPropagation();
      onClick(b);
    });
    anchor.append(button);
  }
  if (button.getAttribute('smm-lens-label') !== content.label) button.setAttribute('smm-lens-label', content.label);
  if (button.getAttribute('smm-lens-tip') !== content.tip) button.setAttribute('smm-lens-tip', content.tip);
  if (button.getAttribute('smm-lens-state') !== content.state) button.setAttribute('smm-lens-state', content.state);
  return button;
}

export function setAnchorTheme(anchor: Element, theme: string): void {
  if (theme === 'auto') anchor.removeAttribute('smm-lens-theme');
  else anchor.setAttribute('smm-lens-theme', theme);
}
