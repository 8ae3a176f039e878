/**
 * Result types shared by metrics and signals. Plain, serialisable data (no functions, no class
 * instances, no Map): the background can send them in a message and the UI can store them.
 *
 * Text is never preformatted here. Every sentence is a message key with typed parameters; the UI
 * renders it with its translator (see `renderMsg` in ./text.ts), so numbers and dates follow the
 * UI language.
 */
import type { MessageKey } from '../i18n/en';
import type { Num } from './num';

/** A parameter of a message: formatted by the UI for its language. */
export type MsgParam =
  /** a number; at most `digits` fraction digits, trailing zeros dropped (default: 2 below 1, 1 below 100, else 0) */
  | { t: 'num'; v: number; digits?: number }
  /** an interval, shown as "2.4 (2.3–2.5)" or just "2.4" when exact */
  | { t: 'range'; v: Num; digits?: number }
  /** a date (epoch ms) */
  | { t: 'date'; v: number }
  /** text from the data itself (a comment, a handle): shown as is */
  | { t: 'text'; v: string }
  /** another message */
  | { t: 'msg'; v: Msg }
  /** several messages joined with ", " */
  | { t: 'list'; v: Msg[] };

export interface Msg {
  key: MessageKey;
  params?: Record<string, MsgParam>;
}

export const msg = (key: MessageKey, params?: Record<string, MsgParam>): Msg => (params ? { key, params } : { key });
export const pNum = (v: number, digits?: number): MsgParam => (digits === undefined ? { t: 'num', v } : { t: 'num', v, digits });
export const pRange = (v: Num, digits?: number): MsgParam => (digits === undefined ? { t: 'range', v } : { t: 'range', v, digits });
export const pDate = (v: number): MsgParam => ({ t: 'date', v });
export const pText = (v: string): MsgParam => ({ t: 'text', v });
export const pMsg = (v: Msg): MsgParam => ({ t: 'msg', v });
export const pList = (v: Msg[]): MsgParam => ({ t: 'list', v });

/** What a value measures, so the UI picks the right suffix (%, ×, per day). */
export type Unit =
  /** percent: 2.4 means 2.4 % */
  | 'percent'
  /** a plain count or a mean of counts (likes, followers) */
  | 'count'
  /** a ratio shown as "×" (post multiplier) */
  | 'times'
  /** a plain ratio (views per like, comments per 100 likes) */
  | 'ratio'
  /** followers per day / week / 30 days */
  | 'countPerPeriod'
  /** percent per period (growth rate per 30 days) */
  | 'percentPerPeriod'
  /** money in the user's own currency */
  | 'money'
  /** a share of a whole, in percent */
  | 'share';

/** Which of a post's reactions a formula adds up: likes, comments, shares (reposts). */
export type Reactions = 'l' | 'lc' | 'ls' | 'lcs';

/**
 * Formula ids. The UI shows `metric.formula.<id>` (with {reactions} filled) next to every number;
 * docs/metrics.md lists them with their definitions.
 */
export type FormulaId =
  | 'erMedian'
  | 'erMean'
  | 'erViewMedian'
  | 'erDay'
  | 'loveRate'
  | 'talkRate'
  | 'amplification'
  | 'commentsPer100Likes'
  | 'viewsPerLike'
  | 'avgLikes'
  | 'avgComments'
  | 'avgReactions'
  | 'medianReactions'
  | 'postEr'
  | 'postErView'
  | 'postMultiplier'
  | 'netChange'
  | 'perDay'
  | 'perWeek'
  | 'per30Days'
  | 'growthRate'
  | 'growthRatePer30Days'
  | 'shareOfVoice'
  | 'costPerFollower'
  | 'costPerEngagement'
  | 'costPerLead'
  | 'costPerSale'
  | 'postsPerWeek'
  | 'reactionsPerPost'
  | 'reactionsInPeriod';

/** Why posts were left out of a sample, by reason. */
export interface Exclusions {
  pinned: number;
  ad: number;
  likesHidden: number;
  /** less than a day old at the observation used (still collecting reactions) */
  tooNew: number;
  /** publish date unknown and not seen long enough to know it is a day old */
  ageUnknown: number;
  /** the like count (or another count the formula needs) was not shown */
  countUnknown: number;
  /** not among the most recent N eligible posts */
  older: number;
  /** published outside the period asked for */
  outsidePeriod: number;
  /** no observation at or before the date asked for */
  notSeenYet: number;
}

/** The posts a number was computed from. */
export interface Sample {
  /** how many posts the number uses */
  n: number;
  /** their ids, newest first */
  postIds: string[];
  /** how many posts were considered, and why the others were left out */
  considered: number;
  excluded: Exclusions;
  /** earliest and latest publish time among the posts used (ms), when known */
  from: number | null;
  to: number | null;
}

interface MetricBase {
  formula: FormulaId;
  unit: Unit;
  /** reactions the formula adds up, for formulas over reactions */
  reactions?: Reactions;
  /** the posts behind the number (formulas over posts) */
  sample?: Sample;
  /** caveats the UI shows beside the number ("counted from the posts seen") */
  notes?: Msg[];
}

export interface KnownMetric extends MetricBase, Num {
  status: 'ok';
}

export interface UnknownMetric extends MetricBase {
  status: 'unknown';
  /** what is missing, in the UI's words ("1 of 3 posts", "follower count not shown") */
  missing: Msg[];
}

/** A number with its formula and sample, or "unknown" with what is missing. Never NaN. */
export type Metric = KnownMetric | UnknownMetric;

export const isKnown = (m: Metric | null | undefined): m is KnownMetric => m?.status === 'ok';

export function known(formula: FormulaId, unit: Unit, n: Num, extra: Omit<MetricBase, 'formula' | 'unit'> = {}): KnownMetric {
  return { status: 'ok', formula, unit, value: n.value, low: n.low, high: n.high, exact: n.exact, ...extra };
}

export function unknown(formula: FormulaId, unit: Unit, missing: Msg[], extra: Omit<MetricBase, 'formula' | 'unit'> = {}): UnknownMetric {
  return { status: 'unknown', formula, unit, missing, ...extra };
}

/** The Num inside a known metric. */
export const numOf = (m: KnownMetric): Num => ({ value: m.value, low: m.low, high: m.high, exact: m.exact });

/** A time span (epoch ms), inclusive. */
export interface Period {
  from: number;
  to: number;
}
