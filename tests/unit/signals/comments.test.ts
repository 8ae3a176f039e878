import { describe, expect, it } from 'vitest';
import { classifyComment, duplicateKey, fold } from '@/lib/signals/comments';

describe('low-quality comment classifier (S9)', () => {
  it.each([
    ['Класс!', 'generic'],
    ['Супер', 'generic'],
    ['СУУУУПЕР!!!', 'generic'],
    ['очень круто', 'generic'],
    ['Огонь 🔥🔥', 'generic'],
    ['wow nice pic', 'generic'],
    ['Love it ❤️', 'generic'],
    ['Спасибо!', 'generic'],
    ['🔥🔥🔥', 'emoji'],
    ['😍', 'emoji'],
    ['!!!', 'emoji'],
    ['@masha_k', 'mention'],
    ['@masha_k @dima.p 😍', 'mention'],
    ['Класс, а сколько стоит?', 'ok'],
    ['Подскажите, где купить такой свитер', 'ok'],
    ['класс класс класс класс', 'ok'], // more than 3 words
    ['Москва', 'ok'],
    ['2024', 'ok'],
    ['', 'ok'],
  ] as const)('%j -> %s', (text, kind) => {
    expect(classifyComment(text)).toBe(kind);
  });
  it('folding for comparison', () => {
    expect(fold('Суууупер')).toBe('супер');
    expect(fold('Ёлка')).toBe('елка');
    expect(duplicateKey('  Nice   pic!! ')).toBe(duplicateKey('nice pic'));
    expect(duplicateKey('Класс 👍')).not.toBe(duplicateKey('Класс'));
  });
});
