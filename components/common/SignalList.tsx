/**
 * The padding signals with their evidence (SIGNALS.md "Evidence shown with a flag"): for each flag
 * or note, what fired in one sentence, the numbers behind it, the dates on the chart, the posts
 * involved (links), up to 3 example comments (plain text), the innocent causes checked, and the
 * rule. Then the rules that found nothing, and those that lack data with what is missing.
 * Page text (comments, authors) is only ever rendered as text.
 */
import type { MessageKey } from '@/lib/i18n';
import { renderMsg } from '@/lib/metrics/text';
import type { CheckedCause, SignalResult } from '@/lib/signals/types';
import { numParts } from './format';
import { useT } from './i18n';

export interface SignalListProps {
  signals: readonly SignalResult[];
  /** heading level of each signal's title (default 4) */
  level?: 3 | 4 | 5;
  testId?: string;
}

function Cause({ c }: { c: CheckedCause }) {
  const t = useT();
  const state = c.found === true ? 'found' : c.found === false ? 'none' : 'unseen';
  return (
    <li class={`smm-cause smm-cause--${state}`}>
      <span class="smm-cause-state">{t.t(`dash.view.cause.${state}` as MessageKey)}</span> {renderMsg(t, c.note)}
    </li>
  );
}

function OneSignal({ s, level }: { s: SignalResult; level: number }) {
  const t = useT();
  const H = `h${level}` as 'h4';
  const e = s.evidence;
  return (
    <li class={`smm-signal smm-signal--${s.status}`} data-signal={s.id} data-status={s.status}>
      <H class="smm-signal-title">
        <span class="smm-signal-status">{t.t(`signal.status.${s.status}`)}</span> {s.id}. {renderMsg(t, s.title)}
        {s.points > 0 && <span class="smm-signal-points"> · {t.tn('dash.view.points', s.points)}</span>}
      </H>
      {s.explanations.map((x, i) => (
        <p class="smm-signal-explain" key={i}>
          {renderMsg(t, x)}
        </p>
      ))}
      {e.numbers.length > 0 && (
        <dl class="smm-signal-numbers">
          {e.numbers.map((n, i) => (
            <div key={i}>
              <dt>{renderMsg(t, n.label)}</dt>
              <dd>{numParts(t, n.value, n.unit).full}</dd>
            </div>
          ))}
        </dl>
      )}
      {e.intervals.length > 0 && (
        <p class="smm-signal-intervals">
          {t.t('dash.view.when')}{' '}
          {e.intervals.map((iv) => t.t('dash.view.dateRange', { from: t.date(iv.from), to: t.date(iv.to) })).join('; ')}
        </p>
      )}
      {e.posts.length > 0 && (
        <div class="smm-signal-posts">
          <span>{t.t('dash.view.posts')}</span>
          <ul>
            {e.posts.slice(0, 12).map((p) => (
              <li key={`${p.id}-${p.role}`}>
                <a href={p.url} target="_blank" rel="noreferrer noopener">
                  {p.publishedAt === null ? p.id : t.t('dash.view.postOf', { date: t.date(p.publishedAt) })}
                </a>{' '}
                <span class="smm-tag">{t.t(`dash.view.role.${p.role}` as MessageKey)}</span>
              </li>
            ))}
          </ul>
          {e.posts.length > 12 && <p class="smm-muted">{t.t('dash.view.morePosts', { n: e.posts.length - 12 })}</p>}
        </div>
      )}
      {e.comments.length > 0 && (
        <div class="smm-signal-comments">
          <span>{t.t('dash.view.exampleComments')}</span>
          <ul>
            {e.comments.slice(0, 3).map((c, i) => (
              <li key={i}>
                <q class="smm-comment-text">{c.text}</q>
                {c.author && <span class="smm-muted"> — {c.author}</span>}{' '}
                {c.reasons.map((r) => (
                  <span class="smm-tag" key={r}>
                    {t.t(`signal.comment.reason.${r}`)}
                  </span>
                ))}{' '}
                <a href={c.postUrl} target="_blank" rel="noreferrer noopener">
                  {t.t('dash.view.underPost')}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {e.checked.length > 0 && (
        <div class="smm-signal-causes">
          <span>{t.t('signal.causesChecked')}</span>
          <ul>
            {e.checked.map((c, i) => (
              <Cause c={c} key={i} />
            ))}
          </ul>
        </div>
      )}
      <p class="smm-signal-rule">{t.t('dash.view.rule', { rule: renderMsg(t, e.rule) })}</p>
    </li>
  );
}

export function SignalList({ signals, level = 4, testId }: SignalListProps) {
  const t = useT();
  const shown = signals.filter((s) => s.status === 'flag' || s.status === 'info');
  const clear = signals.filter((s) => s.status === 'clear');
  const short = signals.filter((s) => s.status === 'insufficient');
  shown.sort((a, b) => (a.status === b.status ? b.points - a.points : a.status === 'flag' ? -1 : 1));
  return (
    <div class="smm-signals" data-testid={testId}>
      {shown.length === 0 ? (
        <p class="smm-signals-none">{t.t('dash.view.noFlags')}</p>
      ) : (
        <ul class="smm-signal-list">
          {shown.map((s) => (
            <OneSignal s={s} level={level} key={s.id} />
          ))}
        </ul>
      )}
      {clear.length > 0 && (
        <p class="smm-signals-clear">
          <span>{t.t('dash.view.checkedClear')}</span> {clear.map((s) => `${s.id} ${renderMsg(t, s.title)}`).join('; ')}
        </p>
      )}
      {short.length > 0 && (
        <div class="smm-signals-short">
          <span>{t.t('dash.view.notEnough')}</span>
          <ul>
            {short.map((s) => (
              <li key={s.id} data-signal={s.id}>
                {s.id} {renderMsg(t, s.title)}: {s.missing.map((m) => renderMsg(t, m)).join('; ') || t.t('signal.status.insufficient')}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
