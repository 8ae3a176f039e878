/**
 * Small text helpers shared by the store and the signals (no DOM, no browser API).
 */

/**
 * Words that mark a giveaway or contest post in a caption (ru, uk, en and a few other languages
 * Instagram users write in). SIGNALS.md S2 names розыгрыш/конкурс/giveaway as innocent causes of a
 * follower spike.
 */
const GIVEAWAY = [
  /розыгрыш/i,
  /разыгрыва/i,
  /разыгра[ею]м/i,
  /конкурс/i,
  /гивевей|гивэвей/i,
  /(?<!\p{L})(?:дарим|подарим|разыгрываем)(?!\p{L})/iu,
  /(?<!\p{L})приз(?:ы|а|ов)?(?!\p{L})/iu,
  /\bgiveaway/i,
  /\bgive away/i,
  /\bcontest\b/i,
  /\bsweepstakes?\b/i,
  /розіграш/i,
  /sorteo/i,
  /sorteio/i,
  /concours/i,
  /gewinnspiel|verlosung/i,
  /çekiliş/i,
];

export function isGiveawayText(text: string | null | undefined): boolean {
  if (!text) return false;
  const t = text.slice(0, 5000);
  return GIVEAWAY.some((re) => re.test(t));
}

/** Trim and cut a text to a length, on a character boundary (no broken surrogate pairs). */
export function clip(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  return Array.from(t).slice(0, max).join('').slice(0, max);
}
