import { describe, expect, it } from 'vitest';
import { createTranslator } from '@/lib/i18n';
import { en } from '@/lib/i18n/en';
import { ru } from '@/lib/i18n/ru';
import { renderMsg } from '@/lib/metrics/text';
import { msg } from '@/lib/metrics/types';
import { evidence, result } from '@/lib/signals/context';
import { THRESHOLDS } from '@/lib/signals/thresholds';
import type { SignalId, SignalResult } from '@/lib/signals/types';
import { verdictOf } from '@/lib/signals/verdict';

const ALL: SignalId[] = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9'];
const flag = (id: SignalId, points: number) => result(id, 'flag', evidence(msg('signal.s1.rule')), { points });
const clear = (id: SignalId) => result(id, 'clear', evidence(msg('signal.s1.rule')));
const insufficient = (id: SignalId) =>
  result(id, 'insufficient', evidence(msg('signal.s1.rule')), { needs: [{ what: 'visits', have: 2, need: 5 }] });
function set(flags: Partial<Record<SignalId, number>>, rest: (id: SignalId) => SignalResult = clear): SignalResult[] {
  return ALL.map((id) => (flags[id] !== undefined ? flag(id, flags[id] as number) : rest(id)));
}

describe('verdict: points, families, caps and levels (SIGNALS.md)', () => {
  it.each([
    [{}, 'none', 0],
    [{ S8: 1 }, 'none', 1],
    [{ S6: 1, S1: 1 }, 'none', 2],
    [{ S2: 3 }, 'some', 3],
    [{ S9: 3 }, 'some', 3],
    [{ S2: 3, S3: 2 }, 'some', 5], // one family, capped at 5
    [{ S2: 3, S3: 2, S4: 3, S8: 1 }, 'some', 5], // 9 raw growth points, capped at 5
    [{ S2: 3, S5: 2 }, 'some', 5],
    [{ S2: 3, S3: 2, S5: 2 }, 'several', 7],
    [{ S2: 3, S9: 3 }, 'several', 6],
    [{ S1: 3, S5: 2, S7: 2, S6: 3 }, 'some', 5], // engagement only, capped
    [{ S1: 3, S5: 2, S9: 2 }, 'several', 7],
  ] as const)('%j -> %s (%i points)', (flags, level, points) => {
    const v = verdictOf(set(flags));
    expect(v.level).toBe(level);
    expect(v.points).toBe(points);
  });
  it('family scores keep the raw points and the signals', () => {
    const v = verdictOf(set({ S2: 3, S3: 2, S4: 3 }));
    expect(v.families.growth).toEqual({ points: 5, raw: 8, signals: ['S2', 'S3', 'S4'] });
    expect(v.fired).toEqual(['S2', 'S3', 'S4']);
    expect(THRESHOLDS.verdict.familyCap).toBe(5);
  });
  it('information and insufficient data carry no points', () => {
    const sigs = set({}, (id) => (id === 'S2' ? result('S2', 'info', evidence(msg('signal.s2.rule')), { points: 3 }) : clear(id)));
    expect(verdictOf(sigs).points).toBe(0);
  });
  it('nothing checkable: insufficient, with what is being collected', () => {
    const v = verdictOf(set({}, insufficient));
    expect(v.level).toBe('insufficient');
    expect(v.unchecked).toEqual(ALL);
    expect(v.collecting && renderMsg(createTranslator('en'), v.collecting)).toBe('Collecting history: 2 of 5 visits');
  });
  it('the wording of SIGNALS.md, in both languages', () => {
    const t = { en: createTranslator('en'), ru: createTranslator('ru') };
    const head = (flags: Partial<Record<SignalId, number>>, lang: 'en' | 'ru') => renderMsg(t[lang], verdictOf(set(flags)).headline);
    expect(head({}, 'en')).toBe('No clear signs in the data we have');
    expect(head({}, 'ru')).toBe('Явных признаков накрутки в собранных данных нет');
    expect(head({ S2: 3 }, 'en')).toBe('Some unusual patterns');
    expect(head({ S2: 3 }, 'ru')).toBe('Есть необычные закономерности');
    expect(head({ S2: 3, S9: 3 }, 'en')).toBe('Several signs consistent with bought followers or engagement');
    expect(head({ S2: 3, S9: 3 }, 'ru')).toBe('Несколько признаков, характерных для купленных подписчиков или активности');
    expect(renderMsg(t.ru, verdictOf([]).footer)).toBe(
      'Это статистические признаки, а не доказательство: их дают и розыгрыши, реклама, вирусные посты.',
    );
  });
});

describe('wording never says fake or proof', () => {
  const mine = (cat: Record<string, string>) => Object.entries(cat).filter(([k]) => /^(metric|growth|signal|verdict)\./.test(k));
  it('no "fake", no claim of proof, in English or Russian', () => {
    for (const [k, v] of [...mine(en), ...mine(ru)]) {
      expect(v, k).not.toMatch(/fake|фейк|накрутка доказана|доказано|proven|\bproof\b(?<!not proof)/i);
      if (/proof|доказательств/i.test(v)) expect(k).toBe('verdict.footer'); // only "not proof" / «а не доказательство»
    }
    expect(en['verdict.footer']).toContain('not proof');
    expect(ru['verdict.footer']).toContain('а не доказательство');
  });
  it('the evidence sentences of SIGNALS.md are used verbatim', () => {
    expect(en['signal.s2.explain']).toBe(
      'Followers rose by about {E} between {d1} and {d2}, far faster than usual, with no viral or giveaway post.',
    );
    expect(ru['signal.s2.explain']).toBe(
      'С {d1} по {d2} прибавилось около {E} подписчиков — намного быстрее обычного, без вирусного поста или розыгрыша.',
    );
    expect(en['signal.s3.explain']).toBe(
      'About {p}% of that jump vanished within {n} days, as often happens when bought followers are removed.',
    );
    expect(ru['signal.s3.explain']).toBe('Около {p}% этого прироста исчезло за {n} дн. — так бывает, когда удаляют купленных подписчиков.');
    expect(en['signal.s4.explain']).toBe('Followers grew {x}% but typical likes per post did not.');
    expect(ru['signal.s4.explain']).toBe('Подписчиков стало на {x}% больше, а типичное число лайков не выросло.');
    expect(en['signal.s1.explainLow']).toBe('Engagement is {er}%, about {k}x below accounts of this size.');
    expect(ru['signal.s1.explainLow']).toBe('Вовлечённость {er}% — примерно в {k} раз ниже, чем у аккаунтов такого размера.');
    expect(en['signal.s5.explain']).toBe('{c} comments per 100 likes; 0.5-5 is typical.');
    expect(ru['signal.s5.explain']).toBe('{c} комментариев на 100 лайков; обычно 0,5–5.');
    expect(en['signal.s7.explain']).toBe('{v} views per like; 2-10 is typical.');
    expect(ru['signal.s7.explain']).toBe('{v} просмотров на лайк; обычно 2–10.');
    expect(en['signal.s9.explain']).toBe('{p}% of visible comments are generic, emoji-only or repeated.');
    expect(ru['signal.s9.explain']).toBe('{p}% комментариев — шаблонные, из одних эмодзи или повторы.');
    expect(en['verdict.footer']).toBe('Statistical signals, not proof; giveaways, ads or viral posts can cause them.');
  });
});
