/**
 * The mutated-pages property (used by mutated-instagram.test.ts and mutated-vk.test.ts, two files so
 * that vitest runs them on two cores): every reader fixture, damaged at random by fast-check
 * (elements, attributes and text removed, numbers garbled into junk: ./mutate.ts), read again. The
 * readers must never throw, and every number, id, URL and date they still report must be the
 * fixture's expected value or unknown (./oracle.ts). Seeded and reproducible (./settings.ts); a
 * failure prints the seed, the shrunk list of mutations and what was read wrong.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { damage, damageArb, type Mutation } from './mutate';
import { problems } from './oracle';
import type { PageCase } from './pages';
import { BASE_SEED, reproduce, runs, seedFor } from './settings';

/** Runs per fixture by default (RESILIENCE_RUNS overrides): sized for `npm test` (see docs/resilience.md). */
export const DEFAULT_RUNS = { synthetic: 30, real: 20 };

export function describeDamagedPages(cases: PageCase[], testFile: string): void {
  describe.each(cases.map((c) => [c.file, c] as const))('%s', (name, c) => {
    it(
      'damaged at random: never throws, every number, id and URL still read is right or unknown',
      () => {
        const doc = c.load();
        // The undamaged page reads as expected (else the property below would prove nothing).
        expect(problems(c, c.read(doc))).toEqual([]);
        const baseline = JSON.stringify(c.read(doc));
        const seed = seedFor(name);
        let last: { mutations: string[]; problems: string[] } = { mutations: [], problems: [] };
        const property = fc.property(damageArb(6), (mutations: Mutation[]) => {
          const d = damage(doc, mutations);
          try {
            let reading: ReturnType<typeof c.read>;
            try {
              reading = c.read(doc);
            } catch (e) {
              last = { mutations: d.applied, problems: [`the reader threw: ${e instanceof Error ? e.stack : String(e)}`] };
              return false;
            }
            const found = problems(c, reading);
            if (found.length) last = { mutations: d.applied, problems: found };
            return found.length === 0;
          } finally {
            d.undo();
          }
        });
        const result = fc.check(property, { seed, numRuns: runs(c.real ? DEFAULT_RUNS.real : DEFAULT_RUNS.synthetic) });
        if (result.failed) {
          throw new Error(
            [
              `${name}: a damaged page was read wrong (base seed ${BASE_SEED}, fixture seed ${seed}, path ${result.counterexamplePath})`,
              reproduce(testFile, name),
              'mutations (shrunk):',
              ...last.mutations.map((m) => `  ${m}`),
              'read wrong:',
              ...last.problems.map((p) => `  ${p}`),
            ].join('\n'),
          );
        }
        // Every mutation was undone: the page reads exactly as before.
        expect(JSON.stringify(c.read(doc))).toBe(baseline);
      },
      20_000 + 1000 * runs(0),
    );
  });
}
