import { describe, expect, it } from 'vitest';
import { createTranslator, resolveLang } from '@/lib/i18n';
import { en } from '@/lib/i18n/en';
import { resolveLang as resolveLangAlone } from '@/lib/i18n/lang';
import { loadTranslator } from '@/lib/i18n/load';
import { ru } from '@/lib/i18n/ru';
import { parseCount } from '@/lib/numbers';

describe('i18n', () => {
  it('Russian has every English key and no empty text', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(ru)) expect(v.trim(), k).not.toBe('');
  });
  it('placeholders match between languages', () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(ph(ru[k]), k).toBe(ph(en[k]));
  });
  it.each([
    ['auto', 'ru-RU', 'ru'],
    ['auto', 'ru', 'ru'],
    ['auto', 'be', 'ru'],
    ['auto', 'en-US', 'en'],
    ['auto', 'de', 'en'],
    ['auto', undefined, 'en'],
    ['en', 'ru', 'en'],
    ['ru', 'en-GB', 'ru'],
  ])('setting %s, browser %s -> %s', (setting, browser, lang) => {
    expect(resolveLang(setting, browser)).toBe(lang);
    expect(resolveLangAlone(setting, browser)).toBe(lang);
  });
  it('loads one language on demand (the dashboard): the same texts and formats as the bundled translator, loaded once', async () => {
    const ruT = await loadTranslator('ru');
    const bundled = createTranslator('ru');
    expect(ruT.lang).toBe('ru');
    expect(ruT.t('common.loading')).toBe('Загрузка…');
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(ruT.t(k), k).toBe(bundled.t(k));
    expect(ruT.count(parseCount('1234567'))).toBe(bundled.count(parseCount('1234567')));
    expect((await loadTranslator('en')).t('common.loading')).toBe(en['common.loading']);
    expect(loadTranslator('ru')).toBe(loadTranslator('ru'));
  });
  it('formats counts for the UI language, abbreviated ones marked as approximate', () => {
    const ruT = createTranslator('ru');
    const enT = createTranslator('en');
    expect(ruT.count(parseCount('1234567'))).toBe('1\u00a0234\u00a0567');
    expect(enT.count(parseCount('1234567'))).toBe('1,234,567');
    expect(enT.count(parseCount('1.2K'))).toBe('≈1.2K');
    expect(ruT.count(parseCount('1,2 тыс.'))).toMatch(/^≈1,2\s?тыс\.$/);
    expect(enT.count(null)).toBe('—');
    expect(enT.countTitle(parseCount('1.2K'))).toContain('1,150');
    expect(ruT.countTitle(null)).toContain('не показала');
  });
  it('plural forms in Russian', () => {
    const t = createTranslator('ru');
    expect(t.tn('popup.snapshots', 1)).toBe('Сохранён 1 снимок');
    expect(t.tn('popup.snapshots', 3)).toBe('Сохранено 3 снимка');
    expect(t.tn('popup.snapshots', 11)).toBe('Сохранено 11 снимков');
  });
});
