/**
 * The shadow roots get the palette of components/common/theme.css copied into
 * components/overlay/overlay.css (theme.css styles whole pages): both must say the same.
 */
import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../helpers/fixtures';

const read = (path: string) => fixtureText(`../../${path}`);

/** The custom properties of the first rule matching `selector` (light) and of the forced dark rule. */
function palette(css: string, light: RegExp, dark: RegExp): { light: Record<string, string>; dark: Record<string, string> } {
  const props = (block: string) => Object.fromEntries([...block.matchAll(/(--smm-[a-z-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
  const body = (re: RegExp) => {
    const m = re.exec(css);
    if (!m) throw new Error(`no rule ${re}`);
    const start = css.indexOf('{', m.index) + 1;
    return css.slice(start, css.indexOf('}', start));
  };
  return { light: props(body(light)), dark: props(body(dark)) };
}

describe('overlay palette', () => {
  const theme = palette(read('components/common/theme.css'), /^:root \{/m, /^:root\[data-theme="dark"\] \{/m);
  const overlay = palette(read('components/overlay/overlay.css'), /^\[smm-root\] \{/m, /^\[smm-root\]\[data-theme="dark"\] \{/m);

  it('every colour the overlay defines is theme.css’s, light and dark', () => {
    expect(Object.keys(overlay.light).length).toBeGreaterThanOrEqual(8);
    for (const [k, v] of Object.entries(overlay.light)) expect(v, k).toBe(theme.light[k]);
    for (const [k, v] of Object.entries(overlay.dark)) expect(v, k).toBe(theme.dark[k]);
  });

  it('and it defines every colour the shared views use', () => {
    const used = new Set([...read('components/common/views.css').matchAll(/var\((--smm-[a-z]+(?:-[a-z]+)*)\)/g)].map((m) => m[1]));
    const defined = new Set([
      ...Object.keys(overlay.light),
      ...Object.keys(palette(read('components/common/views.css'), /^:root,\n:host \{/m, /^:root\[data-theme="dark"\] \{/m).light),
    ]);
    for (const v of used) expect(defined, v).toContain(v);
  });
});

describe('the page-level stylesheet of the badges (lib/overlay/badges.ts)', () => {
  it('has no rule whose last part is `*` (tried on every element the page styles): what an anchor holds is selected by its attribute', async () => {
    const { ensureStyle, ITEM_ATTR, renderBadge, createAnchor } = await import('@/lib/overlay/badges');
    document.body.innerHTML = '<div id="host"></div>';
    ensureStyle(document);
    const css = document.querySelector('style[smm-lens-style]')?.textContent ?? '';
    const selectors = [...css.matchAll(/(^|[{}])\s*([^{}@]+)\{/g)].flatMap((m) => m[2].split(',').map((s) => s.trim()));
    expect(selectors.length).toBeGreaterThan(10);
    for (const s of selectors) expect(s, s).not.toMatch(/(^|[\s>+~])\*(::?[a-z-]+)*$/);
    expect(selectors.filter((s) => s.includes(`[${ITEM_ATTR}]`)).length).toBeGreaterThanOrEqual(8);
    // and what the anchors hold carries it (the account badge's host: tests/unit/overlay/controller.test.ts)
    const anchor = createAnchor(document.getElementById('host') as Element, 'tr', 'auto');
    const button = renderBadge(anchor, { label: 'ER 1 %', tip: '', state: 'ok' }, () => undefined);
    expect(button.hasAttribute(ITEM_ATTR)).toBe(true);
    document.body.innerHTML = '';
    document.head.querySelector('style[smm-lens-style]')?.remove();
  });
});
