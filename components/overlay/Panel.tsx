/**
 * The overlay's panel frame: a non-modal dialog with a heading and a close button. It takes the
 * focus when it opens (the overlay gives it back to the badge that opened it when it closes),
 * closes on Escape and on its close button, and keeps Tab inside while it is open.
 */
import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import { useT } from '../common/i18n';

export interface PanelProps {
  title: string;
  subtitle?: ComponentChildren;
  onClose: () => void;
  children: ComponentChildren;
  testId?: string;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

export function Panel({ title, subtitle, onClose, children, testId }: PanelProps) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  // at once, not after paint: a keyboard user must not lose the focus in between
  useLayoutEffect(() => {
    ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const root = ref.current.getRootNode() as Document | ShadowRoot;
    const active = root.activeElement;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && active === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div
      ref={ref}
      class="smm-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-h`}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      <div class="smm-panel-head">
        <div>
          <h2 id={`${id}-h`} class="smm-panel-title">
            {title}
          </h2>
          {subtitle && <div class="smm-panel-sub">{subtitle}</div>}
        </div>
        <button type="button" class="smm-panel-close" onClick={onClose} aria-label={t.t('overlay.panel.close')} data-autofocus>
          ✕
        </button>
      </div>
      <div class="smm-panel-body">{children}</div>
    </div>
  );
}
