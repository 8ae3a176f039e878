/**
 * The verdict (SIGNALS.md): points per family, capped at 5 a family;
 * - 0-2 points: "No clear signs in the data we have";
 * - 3-5, or points from one family only: "Some unusual patterns";
 * - >= 6 from at least two families: "Several signs consistent with bought followers or engagement".
 * It never says "fake" or "proof"; the footer says these are statistical signals.
 * When no rule that weighs could be checked, the level is "insufficient", with what is missing.
 */
import { type Msg, msg, pList } from '../metrics/types';
import { needMsg } from './context';
import { THRESHOLDS } from './thresholds';
import type { Family, FamilyScore, Need, SignalId, SignalResult, Verdict, VerdictLevel } from './types';

const FAMILIES: Family[] = ['growth', 'engagement', 'comments'];
/** Rules that carry points; the verdict is "insufficient" while none of them could be checked. */
const WEIGHTY: SignalId[] = ['S1', 'S2', 'S4', 'S5', 'S6', 'S7', 'S9'];

const HEADLINE = {
  insufficient: 'verdict.insufficient',
  none: 'verdict.none',
  some: 'verdict.some',
  several: 'verdict.several',
} as const;

export function verdictOf(signals: readonly SignalResult[]): Verdict {
  const T = THRESHOLDS.verdict;
  const families = Object.fromEntries(FAMILIES.map((f) => [f, { points: 0, raw: 0, signals: [] as SignalId[] }])) as Record<
    Family,
    FamilyScore
  >;
  const fired: SignalId[] = [];
  for (const s of signals) {
    if (s.status !== 'flag' || s.points <= 0) continue;
    const fam = families[s.family];
    fam.raw += s.points;
    fam.signals.push(s.id);
    fired.push(s.id);
  }
  let points = 0;
  let withPoints = 0;
  for (const f of FAMILIES) {
    families[f].points = Math.min(families[f].raw, T.familyCap);
    points += families[f].points;
    if (families[f].points > 0) withPoints++;
  }
  const unchecked = signals.filter((s) => s.status === 'insufficient').map((s) => s.id);
  const checkedWeighty = signals.some((s) => WEIGHTY.includes(s.id) && s.status !== 'insufficient');
  let level: VerdictLevel;
  if (points >= T.several && withPoints >= T.severalFamilies) level = 'several';
  // ">= 6 from one family only" is "some" too; with the cap of 5 a family it cannot happen, but the
  // rule is kept as SIGNALS.md writes it in case the cap is tuned.
  else if (points >= T.some) level = 'some';
  else if (!checkedWeighty && points === 0) level = 'insufficient';
  else level = 'none';

  // "Collecting history: 2 of 5 visits, 3 of 14 days" while the growth rules wait for history.
  const s2 = signals.find((s) => s.id === 'S2');
  const historyNeeds: Need[] = s2?.status === 'insufficient' ? s2.needs : [];
  let collecting: Msg | null = null;
  if (historyNeeds.length) collecting = msg('verdict.collecting', { progress: pList(historyNeeds.map(needMsg)) });
  else if (level === 'insufficient') {
    const needs = signals.filter((s) => s.status === 'insufficient').flatMap((s) => s.missing);
    collecting = msg('verdict.collectingData', { progress: pList(dedupe(needs).slice(0, 4)) });
  }
  return { level, points, families, fired, headline: msg(HEADLINE[level]), footer: msg('verdict.footer'), collecting, unchecked };
}

function dedupe(ms: Msg[]): Msg[] {
  const seen = new Set<string>();
  return ms.filter((m) => {
    const k = JSON.stringify(m);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
