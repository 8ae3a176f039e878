/**
 * A tooltip computed when the pointer first reaches the element, not when it renders: a table of
 * 500 accounts has thousands of numbers whose tooltips (formula, sample, interval) would otherwise
 * be formatted up front. The title attribute is set on the DOM node directly (no re-render).
 */
export function lazyTitle(compute: () => string): { onMouseEnter: (e: MouseEvent) => void } {
  return {
    onMouseEnter: (e: MouseEvent) => {
      const el = e.currentTarget as HTMLElement;
      if (!el.title) el.title = compute();
    },
  };
}
