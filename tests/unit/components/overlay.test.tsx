/**
 * The overlay's views in each state (components/overlay): the account badge (first visit, with
 * growth, unknown ER, a flag), the account details, the post details (counted, ad, unknown) and
 * the panel frame (focus, Escape, Tab).
 */
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountBadge } from '@/components/overlay/AccountBadge';
import { AccountDetails } from '@/components/overlay/AccountDetails';
import { Panel } from '@/components/overlay/Panel';
import { PostDetails } from '@/components/overlay/PostDetails';
import { ru } from '@/lib/i18n/ru';
import { analyzeAccount, postBadge } from '@/lib/metrics/analyze';
import { renderIn } from '../../helpers/render';
import { DAY, history, posts, T0 } from '../signals/build';

afterEach(cleanup);

const RU_ONE_VISIT = ru['growth.missing.oneVisit'];

const wobble = [1, 0.8, 1.15, 0.9, 1.2, 0.85, 1.05, 0.95, 1.1, 0.82, 1.18, 0.88];
const plain = (n: number, likes: number) =>
  posts(n, (i) => ({ likes: Math.round(likes * wobble[i % 12]), comments: Math.round(likes * wobble[i % 12] * 0.03) }), -2, 2);
const daily = (from: number, to: number, f: (d: number) => number) =>
  Array.from({ length: to - from + 1 }, (_, k) => ({ day: from + k, followers: Math.round(f(from + k)) }));

/** One visit: ER known, growth not yet. */
const firstVisit = () => analyzeAccount(history({ snapshots: [{ day: 0, followers: 20_000 }], posts: plain(12, 400) }));
/** Two months of daily visits with a bought spike two weeks ago. */
const spiky = () =>
  analyzeAccount(
    history({
      snapshots: daily(-60, 0, (d) => 20_000 + (d + 60) * 20 + ((d * 7919) % 11) - 5 + (d >= -15 ? 3000 : 0)),
      posts: plain(24, 400),
    }),
  );

describe('account badge', () => {
  it('first visit: ER with n, averages, "collecting history", growth unknown with why', () => {
    renderIn('en', <AccountBadge analysis={firstVisit()} expanded={false} onOpen={() => undefined} />);
    expect(screen.getByTestId('account-er').textContent).toMatch(/^ER \d\.\d+ %$/);
    expect(screen.getByTestId('account-er-sample').textContent).toBe('median of 12 posts');
    expect(screen.getByTestId('account-collecting').textContent).toBe('Collecting history: 1 of 5 visits, 0 of 14 days');
    expect(screen.getByTestId('account-growth-previous').getAttribute('title')).toContain('Only one visit so far');
    expect(screen.queryByTestId('account-growth-30')).toBeNull();
    // the tooltip names the formula and the sample
    expect(screen.getByTestId('account-er').querySelector('[title]')?.getAttribute('title')).toContain(
      'median over 12 posts of (likes + comments) / followers × 100 %',
    );
  });

  it('with history: growth since the last visit and over 30 days, and the verdict', () => {
    const a = spiky();
    renderIn('en', <AccountBadge analysis={a} expanded={false} onOpen={() => undefined} />);
    expect(screen.getByTestId('account-growth-previous').textContent).toMatch(/^\+0\.\d+ %/);
    expect(screen.getByTestId('account-growth-30').textContent).toMatch(/^\+\d+\.\d %/);
    expect(screen.getByTestId('account-verdict').getAttribute('data-level')).toBe(a.verdict.level);
    expect(screen.queryByTestId('account-collecting')).toBeNull();
  });

  it('unknown ER says why, in Russian too', () => {
    const a = analyzeAccount(history({ snapshots: [{ day: 0, followers: 1000 }], posts: plain(2, 50) }));
    renderIn('ru', <AccountBadge analysis={a} expanded={false} onOpen={() => undefined} />);
    expect(screen.getByTestId('account-er').textContent).toBe('ER неизвестно');
    expect(screen.getByTestId('account-er-sample').textContent).toContain('2 из 3');
  });

  it('is one button: click (and so Enter and Space) opens the panel; aria-expanded follows', () => {
    const onOpen = vi.fn();
    const { rerender } = renderIn('en', <AccountBadge analysis={firstVisit()} expanded={false} onOpen={onOpen} />);
    const button = screen.getByTestId('account-badge');
    expect(button.localName).toBe('button');
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    fireEvent.click(button);
    expect(onOpen).toHaveBeenCalledWith(button);
    rerender(<AccountBadge analysis={firstVisit()} expanded onOpen={onOpen} />);
    expect(screen.getByTestId('account-badge').getAttribute('aria-expanded')).toBe('true');
  });
});

describe('account details', () => {
  it('every ER variant with its formula, growth spans and rates, chart with the flagged interval, flags with evidence, sources', () => {
    const a = spiky();
    const { container } = renderIn('en', <AccountDetails analysis={a} />);
    const formulas = [...container.querySelectorAll('[data-formula]')].map((e) => e.getAttribute('data-formula'));
    expect(formulas.slice(0, 9)).toEqual([
      'erMedian',
      'erMean',
      'erViewMedian',
      'erDay',
      'loveRate',
      'talkRate',
      'commentsPer100Likes',
      'viewsPerLike',
      'avgLikes',
    ]);
    for (const line of container.querySelectorAll('.smm-metric-line')) expect(line.querySelector('.smm-metric-formula')).not.toBeNull();
    expect(screen.getByTestId('growth-sincePrevious')).toBeTruthy();
    expect(screen.getByTestId('growth-last30').textContent).toMatch(/^\+/);
    expect(screen.getByTestId('growth-rates').textContent).toContain('Over the last 30 days');
    expect(screen.getByTestId('growth-perDay')).toBeTruthy();
    expect(screen.getByTestId('growth-growthRatePer30Days')).toBeTruthy();
    // the spike: a flag with its sentence, marked on the chart
    const s2 = container.querySelector('[data-signal="S2"]');
    expect(s2?.getAttribute('data-status')).toBe('flag');
    expect(s2?.textContent).toContain('far faster than usual');
    expect(container.querySelectorAll('.smm-chart-shade').length).toBeGreaterThan(0);
    expect(screen.getByTestId('details-data').textContent).toContain('Visits: 61, on 61 different days');
    expect(container.textContent).toContain('Statistical signals, not proof');
  });

  it('one visit: what growth needs, and "collecting history" (Russian)', () => {
    renderIn('ru', <AccountDetails analysis={firstVisit()} />);
    expect(screen.getByTestId('growth-rates-missing').textContent).toBe(RU_ONE_VISIT);
    expect(screen.getByTestId('details-collecting').textContent).toBe('Собираем историю: визитов 1 из 5, дней 0 из 14');
  });
});

describe('post details', () => {
  const a = spiky();
  it('a counted post: its ER, multiplier, counts and the follower count used', () => {
    const p = postBadge(a, 'p0');
    if (!p) throw new Error('no post');
    renderIn('en', <PostDetails post={p} platform="instagram" accountEr={a.engagement.erMedian} />);
    expect(screen.getByTestId('post-status').textContent).toBe('Counted in the account’s ER');
    expect(screen.getByTestId('post-er').textContent).toContain('(likes + comments) / followers near the publish date');
    expect(screen.getByTestId('post-multiplier').textContent).toMatch(/\d×/);
    expect(screen.getByTestId('post-likes').textContent).toBe('Likes400');
    expect(screen.queryByTestId('post-shares')).toBeNull(); // Instagram shows no reposts
    expect(screen.getByTestId('post-account-er')).toBeTruthy();
  });

  it('an ad: marked, no ER', () => {
    const h = history({ snapshots: [{ day: 0, followers: 5000 }], posts: [...plain(5, 100), { id: 'ad1', day: -1, likes: 50, ad: true }] });
    const b = analyzeAccount(h);
    const p = postBadge(b, 'ad1');
    if (!p) throw new Error('no ad');
    renderIn('en', <PostDetails post={p} platform="vk" accountEr={null} />);
    expect(screen.getByTestId('post-status').textContent).toBe('Ad: not counted');
    expect(screen.queryByTestId('post-er')).toBeNull();
    expect(screen.getByTestId('post-shares').textContent).toContain('unknown');
  });
});

describe('panel frame', () => {
  it('focus on open, Escape closes, Tab stays inside', () => {
    const onClose = vi.fn();
    renderIn(
      'en',
      <Panel title="Northwind" onClose={onClose}>
        <a href="https://example.com/">Example post</a>
      </Panel>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Northwind' });
    const close = screen.getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    const link = screen.getByText('Example post');
    link.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(link);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(T0 + DAY).toBeGreaterThan(T0);
  });
});
