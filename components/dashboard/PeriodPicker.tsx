/** Two date fields (both days included) and quick presets; says what is wrong with the dates. */
import { localDate, PRESETS, periodOf, presetDates } from '@/lib/dashboard/period';
import type { MessageKey } from '@/lib/i18n';
import { useT } from '../common/i18n';

export interface PeriodPickerProps {
  from: string | null;
  to: string | null;
  /** only the field that changed (so two quick changes never undo each other) */
  onChange: (patch: { from?: string | null; to?: string | null }) => void;
  /** labels of the two fields (default "From" / "To") */
  fromLabel?: string;
  toLabel?: string;
  now?: number;
  idPrefix: string;
}

export function PeriodPicker({ from, to, onChange, fromLabel, toLabel, now = Date.now(), idPrefix }: PeriodPickerProps) {
  const t = useT();
  const today = localDate(now);
  const check = periodOf(from, to);
  return (
    <fieldset class="period-picker">
      <legend>{t.t('dash.period.legend')}</legend>
      <div class="period-fields">
        <label for={`${idPrefix}-from`}>
          <span>{fromLabel ?? t.t('dash.period.from')}</span>
          <input
            id={`${idPrefix}-from`}
            type="date"
            value={from ?? ''}
            max={today}
            onChange={(e) => onChange({ from: e.currentTarget.value || null })}
          />
        </label>
        <label for={`${idPrefix}-to`}>
          <span>{toLabel ?? t.t('dash.period.to')}</span>
          <input
            id={`${idPrefix}-to`}
            type="date"
            value={to ?? ''}
            max={today}
            onChange={(e) => onChange({ to: e.currentTarget.value || null })}
          />
        </label>
        <fieldset class="presets">
          <legend class="visually-hidden">{t.t('dash.period.presets')}</legend>
          {PRESETS.map((p) => (
            <button type="button" key={p} onClick={() => onChange(presetDates(p, today))}>
              {t.t(`dash.period.${p}` as MessageKey)}
            </button>
          ))}
        </fieldset>
      </div>
      {check.ok ? (
        <p class="muted small" data-testid={`${idPrefix}-days`}>
          {t.t('dash.period.days', { n: check.days })}
        </p>
      ) : (
        <p class="notice warn small" role="status">
          {t.t(`dash.period.problem.${check.problem}` as MessageKey)}
        </p>
      )}
    </fieldset>
  );
}
