/** Mutated pages: every VK fixture (synthetic and the real 2021 feed), damaged at random (./mutated.ts). */
process.env.TZ = 'Europe/Moscow';

import { expect, it } from 'vitest';
import { describeDamagedPages } from './mutated';
import { allCases } from './pages';

const CASES = allCases().filter((c) => c.site === 'vk');

describeDamagedPages(CASES, 'tests/unit/resilience/mutated-vk.test.ts');

it('covers every VK fixture with expected values, synthetic and real', () => {
  expect(CASES.filter((c) => c.real).length).toBeGreaterThanOrEqual(1);
  expect(CASES.filter((c) => !c.real).length).toBeGreaterThanOrEqual(9);
});
