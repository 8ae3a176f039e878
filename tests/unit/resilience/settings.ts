/**
 * Seeds and sizes of the property tests, shared by every resilience test file.
 *
 * - RESILIENCE_SEED: the base seed (a number, or "random"); default fixed, so `npm test` checks the
 *   same damaged pages on every machine. Each fixture derives its own seed from it.
 * - RESILIENCE_RUNS: runs per fixture (default ./mutated.ts DEFAULT_RUNS, sized for `npm test`:
 *   about 15 s of one core for all fixtures); raise it for a deep sweep, e.g.
 *   RESILIENCE_RUNS=500 RESILIENCE_SEED=random npx vitest run tests/unit/resilience.
 */
const raw = process.env.RESILIENCE_SEED;
export const BASE_SEED = raw === 'random' ? (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0 : raw ? Number(raw) >>> 0 : 20_250_801;

export function runs(fallback: number): number {
  const n = Number(process.env.RESILIENCE_RUNS);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/** A fixture's own seed: the base seed mixed with its name (FNV-1a). */
export function seedFor(name: string): number {
  let h = 0x811c9dc5 ^ BASE_SEED;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function reproduce(file: string, testName: string): string {
  return `reproduce: RESILIENCE_SEED=${BASE_SEED} npx vitest run ${file} -t ${JSON.stringify(testName)}`;
}
