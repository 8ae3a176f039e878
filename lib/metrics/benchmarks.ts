/**
 * Size tiers and ER benchmarks (METRICS.md "Size tiers and ER benchmarks"). These are priors from
 * published studies, not measurements of the account's peers; the UI labels them so
 * (`metric.benchmark.prior`).
 */
import type { Platform } from '../model';
import type { Num } from './num';
import { type Msg, msg } from './types';

export type Tier = 'nano' | 'micro' | 'macro' | 'mega';

/** Follower bounds of the tiers: [min, max). */
export const TIERS: ReadonlyArray<{ tier: Tier; min: number; max: number }> = [
  { tier: 'nano', min: 0, max: 10_000 },
  { tier: 'micro', min: 10_000, max: 100_000 },
  { tier: 'macro', min: 100_000, max: 1_000_000 },
  { tier: 'mega', min: 1_000_000, max: Number.POSITIVE_INFINITY },
];

/**
 * Default benchmark B, ER by followers in percent (METRICS.md): Instagram by tier, VK 1.5 % for
 * every tier (no per-tier VK study was found).
 */
export const BENCHMARK_ER: Readonly<Record<Platform, Readonly<Record<Tier, number>>>> = {
  instagram: { nano: 3.0, micro: 1.6, macro: 1.2, mega: 0.8 },
  vk: { nano: 1.5, micro: 1.5, macro: 1.5, mega: 1.5 },
};

/** The published figures behind the priors, for the UI's "where this comes from". */
export const HYPEAUDITOR_2018_INSTAGRAM: ReadonlyArray<{ min: number; max: number; mean: number; median: number }> = [
  { min: 0, max: 1_000, mean: 10.58, median: 16.99 },
  { min: 1_000, max: 5_000, mean: 4.26, median: 6.45 },
  { min: 5_000, max: 20_000, mean: 2.28, median: 3.76 },
  { min: 20_000, max: 100_000, mean: 1.62, median: 2.63 },
  { min: 100_000, max: 1_000_000, mean: 1.55, median: 2.57 },
  { min: 1_000_000, max: Number.POSITIVE_INFINITY, mean: 1.54, median: 2.56 },
];
/** Mid-2024 aggregate ranges of Instagram ER by tier, percent. */
export const AGGREGATE_2024_INSTAGRAM: Readonly<Record<Tier, readonly [number, number]>> = {
  nano: [2, 5],
  micro: [1, 3],
  macro: [0.7, 1.5],
  mega: [0.3, 1.0],
};
/** The one VK source found (2023): average ER 1.2-2.1 %. */
export const VK_2023_RANGE: readonly [number, number] = [1.2, 2.1];

export interface TierInfo {
  /** tier of the follower count as displayed; null when followers are unknown */
  tier: Tier | null;
  /** every tier the follower interval reaches (an abbreviated "10K" can be either side of 10 000) */
  possible: Tier[];
  /** B for `tier`, percent */
  benchmark: number | null;
  /** the lowest and highest B over the possible tiers (signals use the side that flags less) */
  benchmarkLow: number | null;
  benchmarkHigh: number | null;
  /** the typical range published for this tier (percent), for display */
  typicalRange: readonly [number, number] | null;
  /** always true: these are priors, not measurements */
  prior: true;
  source: Msg;
}

export function tierOfValue(followers: number): Tier {
  for (const t of TIERS) if (followers < t.max) return t.tier;
  return 'mega';
}

export function tierInfo(platform: Platform, followers: Num | null): TierInfo {
  const source = msg(platform === 'vk' ? 'metric.benchmark.sourceVk' : 'metric.benchmark.sourceInstagram');
  if (!followers) {
    return { tier: null, possible: [], benchmark: null, benchmarkLow: null, benchmarkHigh: null, typicalRange: null, prior: true, source };
  }
  const tier = tierOfValue(followers.value);
  const possible = TIERS.filter((t) => followers.high >= t.min && followers.low < t.max).map((t) => t.tier);
  const bs = possible.map((t) => BENCHMARK_ER[platform][t]);
  return {
    tier,
    possible,
    benchmark: BENCHMARK_ER[platform][tier],
    benchmarkLow: Math.min(...bs),
    benchmarkHigh: Math.max(...bs),
    typicalRange: platform === 'vk' ? VK_2023_RANGE : AGGREGATE_2024_INSTAGRAM[tier],
    prior: true,
    source,
  };
}
