/**
 * The verdict as a chip: "No clear signs" / "Unusual patterns" / "Several signs" / "Not enough
 * data", coloured by level (and written out, so colour is never the only cue). The tooltip has the
 * full headline, the points, the signals that flagged, what history is still being collected, and
 * the footer (statistical signals, not proof). `full` shows the headline instead of the short label.
 */
import type { MessageKey } from '@/lib/i18n';
import { renderMsg } from '@/lib/metrics/text';
import type { Msg } from '@/lib/metrics/types';
import type { SignalId, VerdictLevel } from '@/lib/signals/types';
import { useT } from './i18n';
import { lazyTitle } from './lazy-title';

export interface VerdictLike {
  level: VerdictLevel;
  points: number;
  fired?: readonly SignalId[] | readonly string[];
  collecting?: Msg | null;
}

const MARK: Record<VerdictLevel, string> = { insufficient: '…', none: '✓', some: '!', several: '!!' };

export function VerdictChip({
  verdict,
  full = false,
  testId,
  lazy,
}: {
  verdict: VerdictLike;
  full?: boolean;
  testId?: string;
  lazy?: boolean;
}) {
  const t = useT();
  const headline = t.t(`verdict.${verdict.level}` as MessageKey);
  const title = () => {
    const lines = [headline];
    if (verdict.level !== 'insufficient') lines.push(t.tn('dash.view.points', verdict.points));
    if (verdict.fired?.length) lines.push(t.t('dash.view.fired', { list: verdict.fired.join(', ') }));
    if (verdict.collecting) lines.push(renderMsg(t, verdict.collecting));
    lines.push(t.t('verdict.footer'));
    return lines.join('\n');
  };
  return (
    <span
      class={`smm-verdict smm-verdict--${verdict.level}`}
      data-level={verdict.level}
      data-testid={testId}
      {...(lazy ? lazyTitle(title) : { title: title() })}
    >
      <span class="smm-verdict-mark" aria-hidden="true">
        {MARK[verdict.level]}
      </span>
      {full ? headline : t.t(`dash.view.verdictShort.${verdict.level}` as MessageKey)}
    </span>
  );
}
