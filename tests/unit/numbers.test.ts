import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abbreviationInterval, findCount, jsonCount, parseCount } from '@/lib/numbers';

const exact = (value: number) => expect.objectContaining({ value, low: value, high: value, exact: true });
const approx = (value: number, low: number, high: number) => expect.objectContaining({ value, low, high, exact: false });

describe('parseCount: exact forms', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['1,234', 1234],
    ['2,362', 2362],
    ['1,234,567', 1234567],
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['1\u202f234', 1234],
    ['1\u2009234', 1234],
    ['137 797', 137797],
    ['4 444 444', 4444444],
    ['1.234', 1234],
    ['1.234.567', 1234567],
    ["1'234", 1234],
    ['2 комментария', 2],
    ['0 комментариев', 0],
    ['Оценили 69 человек', 69],
    ['40 поделились', 40],
    ['336 просмотров', 336],
    ['137 797 просмотров', 137797],
    ['4 142 публикаций', 4142],
    ['553 comments', 553],
    ['  12  ', 12],
    ['\u200e1,234\u200f', 1234],
  ])('%j -> %d', (text, value) => {
    expect(parseCount(text)).toEqual(exact(value));
  });

  it('keeps the raw text', () => {
    expect(parseCount(' 1,234 ')?.raw).toBe('1,234');
  });
});

describe('parseCount: abbreviations are intervals', () => {
  it.each([
    ['1.2K', 1200, 1150, 1300],
    ['1,2K', 1200, 1150, 1300],
    ['12K', 12000, 11500, 13000],
    ['298K', 298000, 297500, 299000],
    ['1.1K просмотра', 1100, 1050, 1200],
    ['2.9K', 2900, 2850, 3000],
    ['12M', 12_000_000, 11_500_000, 13_000_000],
    ['1.5B', 1_500_000_000, 1_450_000_000, 1_600_000_000],
    ['1,2 тыс.', 1200, 1150, 1300],
    ['12,3 тыс.', 12300, 12250, 12400],
    ['12 млн', 12_000_000, 11_500_000, 13_000_000],
    ['1,2 млн подписчиков', 1_200_000, 1_150_000, 1_300_000],
    ['1,5 млрд', 1_500_000_000, 1_450_000_000, 1_600_000_000],
    ['1,2 тис.', 1200, 1150, 1300],
    ['12,3 Mio.', 12_300_000, 12_250_000, 12_400_000],
    ['1,2 mil', 1200, 1150, 1300],
    ['12,3 mi', 12_300_000, 12_250_000, 12_400_000],
    ['1,2 k', 1200, 1150, 1300],
    ['1,2 Md', 1_200_000_000, 1_150_000_000, 1_300_000_000],
    ['12,3 Mln', 12_300_000, 12_250_000, 12_400_000],
    ['12,3 Mn', 12_300_000, 12_250_000, 12_400_000],
    ['1,2 мың', 1200, 1150, 1300],
    ['1.25K', 1250, 1245, 1260],
    ['1,5 mil M', 1_500_000_000, 1_450_000_000, 1_600_000_000],
    ['2 mil M', 2_000_000_000, 1_500_000_000, 3_000_000_000],
    ['1,5 mM', 1_500_000_000, 1_450_000_000, 1_600_000_000],
    ['1,5 bi', 1_500_000_000, 1_450_000_000, 1_600_000_000],
    ['1,2 Mrd.', 1_200_000_000, 1_150_000_000, 1_300_000_000],
    ['1,2 Mr', 1_200_000_000, 1_150_000_000, 1_300_000_000],
    ['12,3 млн', 12_300_000, 12_250_000, 12_400_000],
    ['12,3\u00a0k', 12_300, 12_250, 12_400],
    ['97,4 млн подписчиков', 97_400_000, 97_350_000, 97_500_000],
  ])('%j -> [%d, %d)', (text, value, low, high) => {
    expect(parseCount(text)).toEqual(approx(value, low, high));
  });

  it('reads Turkish "B" as thousand (bin) and English "B" as billion', () => {
    expect(parseCount('1,2 B', { locale: 'tr' })).toEqual(approx(1200, 1150, 1300));
    expect(parseCount('1.2B', { locale: 'en' })).toEqual(approx(1_200_000_000, 1_150_000_000, 1_300_000_000));
  });

  it('"mM" (pt-PT thousand million) only in that spelling: "35 mm" is 35 of something', () => {
    expect(parseCount('35 mm')).toEqual(exact(35));
    expect(parseCount('35 MM')).toEqual(exact(35));
  });

  it('never reads the Spanish "mil M" (thousand million) as thousands', () => {
    expect(parseCount('1,5 mil M')?.low).toBeGreaterThan(1e9);
    expect(parseCount('1,5 mil seguidores')).toEqual(approx(1500, 1450, 1600));
  });

  it('interval of a whole-number abbreviation covers rounding and truncation', () => {
    expect(abbreviationInterval(1, 0, 1e6)).toEqual([1_000_000, 500_000, 2_000_000]);
  });
});

describe('parseCount: junk is unknown, never a number', () => {
  it.each([
    [''],
    ['   '],
    ['abc'],
    ['NaN'],
    ['Infinity'],
    ['9e999'],
    ['1e5'],
    ['-5'],
    ['−5'],
    ['+5'],
    ['1.5'],
    ['1,5'],
    ['12,34'],
    ['1,234.5'],
    ['1,23,456'],
    ['1234,567.89'],
    ['1.234K'],
    ['12abc'],
    ['1 2'],
    ['22 авг в 12:25'],
    ['298K likes, 553 comments'],
    ['9'.repeat(40)],
    ['99999999999999'],
    ['999999 млрд'],
    ['<script>1</script>'],
    ['x'.repeat(500)],
    ['user1'],
    ['.5'],
  ])('%j -> null', (text) => {
    expect(parseCount(text)).toBeNull();
  });

  it('refuses non-strings', () => {
    expect(parseCount(null)).toBeNull();
    expect(parseCount(undefined)).toBeNull();
    expect(parseCount(42 as unknown as string)).toBeNull();
  });
});

describe('findCount', () => {
  it('says where the count stands in a phrase, abbreviation included', () => {
    const f = findCount('1,2\u00a0тыс. отметок «Нравится»');
    expect(f?.count).toEqual(approx(1200, 1150, 1300));
    expect(f?.text.slice(f.start, f.end)).toBe('1,2 тыс.');
    expect(f?.text.slice(f.end)).toBe(' отметок «Нравится»');
  });
  it('an unabbreviated count ends at its last digit', () => {
    const f = findCount('View all 553 comments');
    expect(f && [f.text.slice(0, f.start), f.text.slice(f.start, f.end), f.text.slice(f.end)]).toEqual(['View all ', '553', ' comments']);
    const g = findCount('Нравится: 1 234');
    expect(g?.text.slice(g.start, g.end)).toBe('1 234');
  });
  it('"mil M" is one abbreviation', () => {
    const f = findCount('1,5 mil M reproducciones');
    expect(f?.text.slice(f.start, f.end)).toBe('1,5 mil M');
  });
  it('is null when parseCount is', () => {
    expect(findCount('298K likes, 553 comments')).toBeNull();
    expect(findCount('abc')).toBeNull();
  });
});

describe('jsonCount', () => {
  it('accepts non-negative safe integers and digit strings', () => {
    expect(jsonCount(5)).toEqual(exact(5));
    expect(jsonCount('123')).toEqual(exact(123));
  });
  it.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], ['-1'], ['1e3'], [null], [{}], [2 ** 60]])('refuses %j', (v) => {
    expect(jsonCount(v)).toBeNull();
  });
});

// ---- properties ----------------------------------------------------------------------------------

const SPACES = [' ', '\u00a0', '\u202f', '\u2009'];
function group(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Ways sites write a count n: exact with grouping, or abbreviated by rounding or truncating. */
function writings(n: number): string[] {
  const out = [String(n), group(n, ','), group(n, '.'), ...SPACES.map((s) => group(n, s))];
  for (const [unit, en, ru] of [
    [1e3, 'K', ' тыс.'],
    [1e6, 'M', ' млн'],
    [1e9, 'B', ' млрд'],
  ] as const) {
    if (n < unit) continue;
    for (const digits of [0, 1]) {
      for (const mode of ['round', 'trunc'] as const) {
        const scaled = n / unit;
        const f = 10 ** digits;
        const shown = mode === 'round' ? Math.round(scaled * f) / f : Math.trunc(scaled * f) / f;
        if (shown === 0) continue;
        const text = shown.toFixed(digits).replace(/\.0$/, '');
        out.push(`${text}${en}`, `${text.replace('.', ',')}${ru}`);
      }
    }
  }
  return out;
}

describe('parseCount properties', () => {
  it('any integer written in any supported format parses to an interval that contains it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000_000 }), (n) => {
        for (const text of writings(n)) {
          const c = parseCount(text);
          // a dot-grouped number like "1.234" is exact; others may be abbreviations
          if (c === null) throw new Error(`${text} did not parse`);
          const contains = c.exact ? c.value === n : c.low <= n && n < c.high;
          if (!contains) throw new Error(`${text} -> [${c.low}, ${c.high}) does not contain ${n}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the compact forms of other Instagram languages contain the number too', () => {
    // [locale, thousand, million, billion] as Instagram's languages abbreviate (ICU compact short)
    const forms: Array<[string, string | null, string, string]> = [
      ['uk', ' тис.', ' млн', ' млрд'],
      ['kk', ' мың', ' млн', ' млрд'],
      ['de', null, ' Mio.', ' Mrd.'],
      ['es', ' mil', ' M', ' mil M'],
      ['pt', ' mil', ' mi', ' bi'],
      ['pt-PT', ' mil', ' M', ' mM'],
      ['fr', '\u00a0k', '\u00a0M', '\u00a0Md'],
      ['it', null, ' Mln', ' Mrd'],
      ['tr', ' B', ' Mn', ' Mr'],
    ];
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 5_000_000_000 }), fc.constantFrom(...forms), (n, [locale, ...units]) => {
        units.forEach((suffix, i) => {
          const unit = 1e3 * 1000 ** i;
          if (suffix === null || n < unit) return;
          const shown = Math.trunc((n / unit) * 10) / 10;
          if (shown === 0) return;
          const text = `${shown.toFixed(1).replace(/\.0$/, '').replace('.', ',')}${suffix}`;
          const c = parseCount(text, { locale });
          if (!c || c.exact || n < c.low || n >= c.high) throw new Error(`${locale} ${text} -> ${JSON.stringify(c)} does not contain ${n}`);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('arbitrary junk parses to unknown, never to a wrong number', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const c = parseCount(s);
        if (c === null) return true;
        // when something parses, the digits of the number must be in the text
        const digits = s.replace(/\D/g, '');
        return digits.length > 0 && Number.isSafeInteger(c.value) && c.value >= 0 && c.low <= c.value && c.value <= c.high;
      }),
      { numRuns: 5000 },
    );
  });

  it('never returns NaN, Infinity or a negative number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[-+\d.,e ]{0,30}$/)), (s) => {
        const c = parseCount(s);
        return c === null || [c.value, c.low, c.high].every((x) => Number.isFinite(x) && x >= 0);
      }),
      { numRuns: 5000 },
    );
  });
});
