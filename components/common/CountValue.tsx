import type { Count } from '@/lib/count';
import { useT } from './i18n';

/** A count as the UI shows it: exact, "≈12K" for an abbreviated one, "—" when unknown; the title says which. */
export function CountValue({ count }: { count: Count | null }) {
  const t = useT();
  return (
    <span class={count === null ? 'smm-count unknown' : count.exact ? 'smm-count' : 'smm-count approx'} title={t.countTitle(count)}>
      {t.count(count)}
      {count === null && <span class="visually-hidden"> {t.t('common.unknown')}</span>}
    </span>
  );
}
