import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { I18nProvider } from '@/components/common/i18n-provider';
import type { Lang } from '@/lib/i18n';

export function renderIn(lang: Lang, ui: ComponentChildren) {
  return render(<I18nProvider lang={lang}>{ui}</I18nProvider>);
}
