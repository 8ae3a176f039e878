import { defineConfig } from '@playwright/test';

// End-to-end tests load the built extension (`npm run test:e2e` builds it first) into Debian's
// Chromium and answer vk.com / instagram.com URLs from fixtures. See tests/e2e/fixtures.ts.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
});
