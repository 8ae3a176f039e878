/**
 * Names and formulas of the numbers, as message keys: the UI shows the formula next to every
 * number ("median over 12 posts of (likes + comments + reposts) / followers"), so a user can tell
 * which ER they are looking at.
 */
import type { MessageKey } from '../i18n/en';
import { type FormulaId, type Metric, type Msg, msg, pMsg, pNum, type Reactions } from './types';

export const FORMULA_KEYS: Record<FormulaId, { name: MessageKey; formula: MessageKey }> = {
  erMedian: { name: 'metric.name.erMedian', formula: 'metric.formula.erMedian' },
  erMean: { name: 'metric.name.erMean', formula: 'metric.formula.erMean' },
  erViewMedian: { name: 'metric.name.erViewMedian', formula: 'metric.formula.erViewMedian' },
  erDay: { name: 'metric.name.erDay', formula: 'metric.formula.erDay' },
  loveRate: { name: 'metric.name.loveRate', formula: 'metric.formula.loveRate' },
  talkRate: { name: 'metric.name.talkRate', formula: 'metric.formula.talkRate' },
  amplification: { name: 'metric.name.amplification', formula: 'metric.formula.amplification' },
  commentsPer100Likes: { name: 'metric.name.commentsPer100Likes', formula: 'metric.formula.commentsPer100Likes' },
  viewsPerLike: { name: 'metric.name.viewsPerLike', formula: 'metric.formula.viewsPerLike' },
  avgLikes: { name: 'metric.name.avgLikes', formula: 'metric.formula.avgLikes' },
  avgComments: { name: 'metric.name.avgComments', formula: 'metric.formula.avgComments' },
  avgReactions: { name: 'metric.name.avgReactions', formula: 'metric.formula.avgReactions' },
  medianReactions: { name: 'metric.name.medianReactions', formula: 'metric.formula.medianReactions' },
  postEr: { name: 'metric.name.postEr', formula: 'metric.formula.postEr' },
  postErView: { name: 'metric.name.postErView', formula: 'metric.formula.postErView' },
  postMultiplier: { name: 'metric.name.postMultiplier', formula: 'metric.formula.postMultiplier' },
  netChange: { name: 'growth.name.netChange', formula: 'growth.formula.netChange' },
  perDay: { name: 'growth.name.perDay', formula: 'growth.formula.perDay' },
  perWeek: { name: 'growth.name.perWeek', formula: 'growth.formula.perWeek' },
  per30Days: { name: 'growth.name.per30Days', formula: 'growth.formula.per30Days' },
  growthRate: { name: 'growth.name.growthRate', formula: 'growth.formula.growthRate' },
  growthRatePer30Days: { name: 'growth.name.growthRatePer30Days', formula: 'growth.formula.growthRatePer30Days' },
  shareOfVoice: { name: 'metric.name.shareOfVoice', formula: 'metric.formula.shareOfVoice' },
  costPerFollower: { name: 'metric.name.costPerFollower', formula: 'metric.formula.costPerFollower' },
  costPerEngagement: { name: 'metric.name.costPerEngagement', formula: 'metric.formula.costPerEngagement' },
  costPerLead: { name: 'metric.name.costPerLead', formula: 'metric.formula.costPerLead' },
  costPerSale: { name: 'metric.name.costPerSale', formula: 'metric.formula.costPerSale' },
  postsPerWeek: { name: 'metric.name.postsPerWeek', formula: 'metric.formula.postsPerWeek' },
  reactionsPerPost: { name: 'metric.name.reactionsPerPost', formula: 'metric.formula.reactionsPerPost' },
  reactionsInPeriod: { name: 'metric.name.reactionsInPeriod', formula: 'metric.formula.reactionsInPeriod' },
};

export const REACTION_KEYS: Record<Reactions, MessageKey> = {
  l: 'metric.reactions.l',
  lc: 'metric.reactions.lc',
  ls: 'metric.reactions.ls',
  lcs: 'metric.reactions.lcs',
};

/** The metric's name ("ER by followers, median"). */
export function nameMsg(m: Pick<Metric, 'formula'>): Msg {
  return msg(FORMULA_KEYS[m.formula].name);
}

/** The metric's formula, with its reactions and sample size filled in. */
export function formulaMsg(m: Pick<Metric, 'formula' | 'reactions' | 'sample'>): Msg {
  return msg(FORMULA_KEYS[m.formula].formula, {
    reactions: pMsg(msg(REACTION_KEYS[m.reactions ?? 'lc'])),
    n: pNum(m.sample?.n ?? 0),
  });
}
