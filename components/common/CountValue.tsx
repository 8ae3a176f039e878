import type { Count } from '@/lib/count';
import { useT } from './i18n';
import { lazyTitle } from './lazy-title';

/**
 * A count as the UI shows it: exact, "≈12K" for an abbreviated one, "—" when unknown; the title says which.
 * `lazy` computes the title when the pointer reaches it (long tables).
 */
export function CountValue({ count, lazy }: { count: Count | null; lazy?: boolean }) {
  const t = useT();
  const tip = lazy ? lazyTitle(() => t.countTitle(count)) : { title: t.countTitle(count) };
  return (
    <span class={count === null ? 'smm-count unknown' : count.exact ? 'smm-count' : 'smm-count approx'} {...tip}>
      {t.count(count)}
      {count === null && <span class="visually-hidden"> {t.t('common.unknown')}</span>}
    </span>
  );
}
