/** Mutated pages: every Instagram fixture (synthetic and real), damaged at random (./mutated.ts). */
import { expect, it } from 'vitest';
import { describeDamagedPages } from './mutated';
import { allCases } from './pages';

const CASES = allCases().filter((c) => c.site === 'instagram');

describeDamagedPages(CASES, 'tests/unit/resilience/mutated-instagram.test.ts');

it('covers every Instagram fixture with expected values, synthetic and real', () => {
  expect(CASES.filter((c) => c.real).length).toBeGreaterThanOrEqual(6);
  expect(CASES.filter((c) => !c.real).length).toBeGreaterThanOrEqual(9);
});
