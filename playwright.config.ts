import { defineConfig } from '@playwright/test';

// End-to-end tests load the built extension (`npm run test:e2e` builds it first) into Debian's
// Chromium and answer vk.com / instagram.com URLs from fixtures. See tests/e2e/fixtures.ts.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 1,
  // CI (.ci/run sets CI=1) runs each failed test once more; a test that passes only then is
  // reported as flaky in the list, not hidden. Locally: no retries.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
});
