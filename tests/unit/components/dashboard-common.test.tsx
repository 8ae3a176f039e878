/** The shared view components (components/common), as the popup and overlay will use them too. */
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CountValue } from '@/components/common/CountValue';
import { GrowthView } from '@/components/common/GrowthView';
import { chartDescription, dayTicks, LineChart, niceTicks } from '@/components/common/LineChart';
import { MetricView } from '@/components/common/MetricView';
import { SignalList } from '@/components/common/SignalList';
import { VerdictChip } from '@/components/common/VerdictChip';
import { createTranslator } from '@/lib/i18n';
import { known, type Metric, unknown } from '@/lib/metrics/types';
import type { SignalResult } from '@/lib/signals/types';
import { renderIn } from '../../helpers/render';

afterEach(cleanup);

const sample = {
  n: 12,
  postIds: [],
  considered: 15,
  excluded: { pinned: 1, ad: 0, likesHidden: 0, tooNew: 2, ageUnknown: 0, countUnknown: 0, older: 0, outsidePeriod: 0, notSeenYet: 0 },
  from: null,
  to: null,
};
const er: Metric = known('erMedian', 'percent', { value: 2.4, low: 2.3, high: 2.51, exact: false }, { sample, reactions: 'lcs' });
const exactEr: Metric = known('erMedian', 'percent', { value: 2.4, low: 2.4, high: 2.4, exact: true }, { sample, reactions: 'lc' });
const missing: Metric = unknown(
  'erMedian',
  'percent',
  [{ key: 'metric.missing.fewPosts', params: { have: { t: 'num', v: 1 }, need: { t: 'num', v: 3 } } }],
  { reactions: 'lc', sample: { ...sample, n: 1 } },
);

describe('MetricView', () => {
  it('a value with its interval, and the formula with n in the tooltip', () => {
    renderIn('en', <MetricView metric={er} testId="m" />);
    const m = screen.getByTestId('m');
    expect(m.textContent).toBe('2.4 % (2.3–2.5)');
    expect(m.getAttribute('title')).toBe(
      'ER by followers (median): 2.4 %\nRange: 2.3–2.5 (from abbreviated counts)\nHow: median over 12 posts of (likes + comments + reposts) / followers × 100 %\nLeft out: 1 pinned, 2 less than a day old',
    );
  });
  it('exact: no interval; Russian decimals', () => {
    renderIn('ru', <MetricView metric={exactEr} testId="m" />);
    expect(screen.getByTestId('m').textContent).toBe('2,4 %');
  });
  it('unknown says "unknown" and what is missing, as a line too', () => {
    renderIn('en', <MetricView metric={missing} variant="line" testId="m" />);
    const m = screen.getByTestId('m');
    expect(m.querySelector('.smm-metric-value')?.textContent).toBe('unknown');
    expect(m.textContent).toContain('Unknown: 1 of 3 posts that can be used');
    expect(m.textContent).toContain('How: median over 1 posts of (likes + comments) / followers × 100 %');
  });
  it('money with its currency, growth with its sign', () => {
    renderIn(
      'ru',
      <MetricView
        metric={known('costPerFollower', 'money', { value: 98.5, low: 98.5, high: 98.5, exact: true })}
        currency="RUB"
        testId="m"
      />,
    );
    expect(screen.getByTestId('m').textContent).toBe('98,50\u00a0₽');
    cleanup();
    renderIn('en', <MetricView metric={known('netChange', 'count', { value: 140, low: 140, high: 140, exact: true })} signed testId="m" />);
    expect(screen.getByTestId('m').textContent).toBe('+140');
  });
});

describe('CountValue', () => {
  it('exact, abbreviated and unknown, with what it is in the title', () => {
    renderIn('en', <CountValue count={{ value: 16710, exact: true, raw: '16 710', low: 16710, high: 16711 }} />);
    const exact = screen.getByText('16,710');
    expect(exact.getAttribute('title')).toBe('exact (16 710)');
    cleanup();
    renderIn('en', <CountValue count={null} />);
    expect(document.querySelector('.smm-count')?.textContent).toBe('— unknown');
  });

  it('lazy (long tables): the title is computed when the pointer reaches the number, the same text', () => {
    const count = { value: 64800, exact: false, raw: '64.8K', low: 64750, high: 64850 };
    renderIn('en', <CountValue count={count} />);
    const eager = (document.querySelector('.smm-count') as HTMLElement).getAttribute('title');
    cleanup();
    renderIn('en', <CountValue count={count} lazy />);
    const el = document.querySelector('.smm-count') as HTMLElement;
    expect(el.textContent).toBe('≈64.8K');
    expect(el.getAttribute('title')).toBeNull();
    fireEvent.mouseEnter(el);
    expect(el.getAttribute('title')).toBe(eager);
    expect(eager).toContain('64.8K');
  });
});

describe('GrowthView', () => {
  const g = (low: number, high: number) => ({
    status: 'ok' as const,
    net: known('netChange', 'count', { value: 100, low, high, exact: low === high }),
    rate: known('growthRate', 'percent', { value: 0.4, low: low / 250, high: high / 250, exact: low === high }),
    from: Date.UTC(2026, 10, 7),
    to: Date.UTC(2026, 10, 14),
    days: 7,
    direction: low > 0 ? ('up' as const) : ('unclear' as const),
  });
  it('a change rounded counts cannot tell from zero is never shown as growth', () => {
    renderIn('en', <GrowthView growth={g(-49, 249)} testId="g" />);
    const el = screen.getByTestId('g');
    expect(el.textContent).toBe('below precision [≈+100]');
    expect(el.getAttribute('title')).toContain('cannot be told from zero');
  });
  it('a clear rise: rate, its range, net change', () => {
    renderIn('en', <GrowthView growth={g(51, 149)} testId="g" />);
    expect(screen.getByTestId('g').textContent).toBe('+0.40 % (+0.20 … +0.60) [≈+100]');
  });
  it('unknown with why', () => {
    renderIn('en', <GrowthView growth={{ status: 'unknown', missing: [{ key: 'growth.missing.oneVisit' }] }} testId="g" />);
    expect(screen.getByTestId('g').textContent).toBe('unknown');
    expect(screen.getByTestId('g').getAttribute('title')).toContain('Only one visit so far');
  });
});

describe('VerdictChip', () => {
  it.each([
    ['none', 'No clear signs', 'Явных признаков нет'],
    ['some', 'Unusual patterns', 'Есть странности'],
    ['several', 'Several signs', 'Несколько признаков'],
    ['insufficient', 'Not enough data', 'Мало данных'],
  ] as const)('%s', (level, en, ru) => {
    renderIn('en', <VerdictChip verdict={{ level, points: 1, fired: ['S6'], collecting: null }} testId="v" />);
    expect(screen.getByTestId('v').textContent).toContain(en);
    expect(screen.getByTestId('v').getAttribute('title')).toContain('Statistical signals, not proof');
    cleanup();
    renderIn('ru', <VerdictChip verdict={{ level, points: 2, collecting: null }} testId="v" />);
    expect(screen.getByTestId('v').textContent).toContain(ru);
  });
  it('plural points in Russian', () => {
    renderIn('ru', <VerdictChip verdict={{ level: 'some', points: 5, collecting: null }} testId="v" />);
    expect(screen.getByTestId('v').getAttribute('title')).toContain('5 баллов');
  });
});

const signal = (over: Partial<SignalResult>): SignalResult => ({
  id: 'S9',
  family: 'comments',
  status: 'flag',
  points: 2,
  parts: [],
  title: { key: 'signal.s9.title' },
  explanations: [{ key: 'signal.s9.explain', params: { p: { t: 'num', v: 62 } } }],
  evidence: {
    intervals: [],
    posts: [{ id: 'p1', url: 'https://www.instagram.com/p/p1/', publishedAt: Date.UTC(2026, 9, 3), role: 'involved' }],
    comments: [
      {
        text: '<img src=x onerror=alert(1)>',
        author: '<b>bot</b>',
        postId: 'p1',
        postUrl: 'https://www.instagram.com/p/p1/',
        reasons: ['generic'],
      },
      { text: '🔥🔥', author: null, postId: 'p1', postUrl: 'https://www.instagram.com/p/p1/', reasons: ['emoji', 'duplicate'] },
      { text: 'супер', author: 'a', postId: 'p1', postUrl: 'https://www.instagram.com/p/p1/', reasons: ['generic'] },
      { text: 'fourth', author: 'b', postId: 'p1', postUrl: 'https://www.instagram.com/p/p1/', reasons: ['generic'] },
    ],
    checked: [
      { cause: 'fanCulture', found: false, note: { key: 'signal.cause.fanCulture.none' } },
      { cause: 'shoutout', found: null, note: { key: 'signal.cause.shoutout' } },
    ],
    numbers: [{ label: { key: 'signal.num.lowQualityShare' }, value: { value: 62, low: 62, high: 62, exact: true }, unit: 'percent' }],
    rule: { key: 'signal.s9.rule' },
  },
  needs: [],
  missing: [],
  ...over,
});

describe('SignalList', () => {
  it('a flag with its evidence; page text only as text; at most 3 comments', () => {
    const { container } = renderIn(
      'en',
      <SignalList
        signals={[
          signal({}),
          signal({ id: 'S5', status: 'clear', points: 0, title: { key: 'signal.s5.title' } }),
          signal({
            id: 'S2',
            status: 'insufficient',
            points: 0,
            title: { key: 'signal.s2.title' },
            missing: [{ key: 'signal.need.visits', params: { have: { t: 'num', v: 2 }, need: { t: 'num', v: 5 } } }],
          }),
        ]}
        testId="s"
      />,
    );
    const s9 = container.querySelector('[data-signal="S9"]') as HTMLElement;
    expect(s9.textContent).toContain('62% of visible comments are generic, emoji-only or repeated.');
    expect(s9.textContent).toContain('Generic, emoji-only or repeated comments62 %');
    expect(s9.querySelectorAll('q')).toHaveLength(3);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(s9.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(s9.textContent).toContain('not found: Not mostly emoji from fans.');
    expect(s9.textContent).toContain('cannot be seen: A mention by a bigger account cannot be seen in this data.');
    expect(s9.textContent).toContain('2 points');
    expect(screen.getByTestId('s').textContent).toContain('Checked, nothing found: S5 Comments per 100 likes out of band');
    expect(screen.getByTestId('s').textContent).toContain('S2 Follower spike: 2 of 5 visits');
    const link = s9.querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer noopener');
  });
  it('nothing flagged says so', () => {
    renderIn('ru', <SignalList signals={[signal({ status: 'clear', points: 0 })]} testId="s" />);
    expect(screen.getByTestId('s').textContent).toContain('Ни одно правило ничего не нашло');
  });
});

describe('LineChart', () => {
  const pts = [
    { at: Date.UTC(2026, 8, 1), value: 21_000, low: 20_950, high: 21_099 },
    { at: Date.UTC(2026, 8, 10), value: 21_100, low: 21_050, high: 21_199 },
    { at: Date.UTC(2026, 8, 12), value: 27_100, low: 27_050, high: 27_199 },
  ];
  it('an image with a title, a description and the data as a table; band and shading drawn', () => {
    const { container } = renderIn(
      'en',
      <LineChart
        title="Followers"
        unit="count"
        series={[{ key: 'a', label: 'Followers', points: pts }]}
        shaded={[{ from: pts[1].at, to: pts[2].at, label: 'S2' }]}
      />,
    );
    const svg = container.querySelector('svg[role="img"]') as SVGElement;
    const [t, d] = (svg.getAttribute('aria-labelledby') ?? '').split(' ');
    expect(container.querySelector(`[id="${t}"]`)?.textContent).toBe('Followers');
    expect(container.querySelector(`[id="${d}"]`)?.textContent).toBe(
      'Followers: 21,000 (20,950 … 21,099) on Sep 1, 2026, 27,100 (27,050 … 27,199) on Sep 12, 2026 (3 points). Shaded: S2, Sep 10, 2026 – Sep 12, 2026.',
    );
    expect(container.querySelector('.smm-chart-band')).toBeTruthy();
    expect(container.querySelectorAll('.smm-chart-shade rect')).toHaveLength(1);
    expect(container.querySelectorAll('.smm-chart-data tbody tr')).toHaveLength(3);
    expect(container.querySelectorAll('circle')).toHaveLength(3);
  });
  it('several series: a legend, no band for exact series, dashes after the eighth', () => {
    const series = Array.from({ length: 10 }, (_, i) => ({
      key: `s${i}`,
      label: `S ${i}`,
      points: pts.map((p) => ({ ...p, low: p.value, high: p.value })),
    }));
    const { container } = renderIn('en', <LineChart title="Growth" unit="percent" series={series} />);
    expect(container.querySelectorAll('.smm-chart-legend li')).toHaveLength(10);
    expect(container.querySelector('.smm-chart-band')).toBeNull();
    expect(container.querySelectorAll('path.smm-chart-line[stroke-dasharray]')).toHaveLength(2);
    expect(container.querySelectorAll('.smm-chart-data tbody tr')).toHaveLength(10);
  });
  it('no data: says so', () => {
    renderIn('en', <LineChart title="Followers" unit="count" series={[{ key: 'a', label: 'x', points: [] }]} testId="c" />);
    expect(screen.getByTestId('c').textContent).toContain('No follower counts to draw yet.');
  });
  it('ticks', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(20_950, 27_199, 5)).toEqual([22_000, 24_000, 26_000]);
    expect(niceTicks(-1.2, 4.3, 5)).toEqual([0, 2, 4]);
    expect(Object.is(niceTicks(-1.2, 4.3, 5)[0], 0)).toBe(true);
    expect(dayTicks(Date.UTC(2026, 8, 1), Date.UTC(2026, 8, 4))).toHaveLength(4);
    expect(dayTicks(Date.UTC(2026, 0, 1), Date.UTC(2026, 11, 31)).length).toBeLessThanOrEqual(7);
    expect(
      chartDescription(createTranslator('ru'), {
        series: [{ key: 'a', label: 'Рост', points: [{ at: Date.UTC(2026, 9, 1), value: 1.5, low: 1.5, high: 1.5 }] }],
        unit: 'percent',
      }),
    ).toBe('Рост: +1,5 % на 1 окт. 2026 г., +1,5 % на 1 окт. 2026 г. (точек: 1).');
  });
});
