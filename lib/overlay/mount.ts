/**
 * A Preact tree inside a shadow root (the account badge, the panel): the page's styles do not
 * reach in, ours do not reach out, and, with a closed root, the page's scripts cannot read the
 * history-derived numbers inside (growth, verdict). (Hypothesis client preact-container.ts.)
 *
 * The shared stylesheets are written for a page (`:root`); inside the shadow root they apply to
 * the container element instead, which carries the theme as `data-theme`.
 */
import type { OverlayUi, UiNode } from './ui';

export interface ShadowMount {
  readonly host: HTMLElement;
  render(node: UiNode): void;
  setTheme(theme: string): void;
  destroy(): void;
}

export function createShadowMount(doc: Document, tag: string, ui: OverlayUi, css: string, mode: ShadowRootMode = 'closed'): ShadowMount {
  const host = doc.createElement(tag);
  const root = host.attachShadow({ mode });
  const style = doc.createElement('style');
  style.textContent = css.replaceAll(':root', '[smm-root]');
  const container = doc.createElement('div');
  container.setAttribute('smm-root', '');
  root.append(style, container);
  let alive = true;
  return {
    host,
    render(node) {
      if (alive) ui.render(node, container);
    },
    setTheme(theme) {
      if (theme === 'auto') container.removeAttribute('data-theme');
      else container.setAttribute('data-theme', theme);
    },
    destroy() {
      if (!alive) return;
      alive = false;
      try {
        ui.render(null, container);
      } finally {
        host.remove();
      }
    },
  };
}
