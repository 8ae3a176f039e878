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
