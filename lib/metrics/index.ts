/**
 * The metrics engine (METRICS.md): engagement, growth, tiers and benchmarks, comparisons, and
 * `analyzeAccount`, which also runs the padding signals (lib/signals). Pure TypeScript: no DOM,
 * no browser API, no storage. docs/metrics.md describes how each definition is implemented.
 */
export { type AccountAnalysis, type AnalyzeOptions, analyzeAccount, type DataQuality, postBadge } from './analyze';
export * from './benchmarks';
export * from './compare';
export { type Engagement, engagement, type PostMetrics, type PostStatus, postMetrics } from './engagement';
export { FORMULA_KEYS, formulaMsg, nameMsg, REACTION_KEYS } from './formulas';
export * from './growth';
export type { Num } from './num';
export { DAY, DEFAULT_METRIC_OPTIONS, HOUR, type MetricOptions } from './options';
export { renderMetric, renderMsg, renderNum } from './text';
export * from './types';
