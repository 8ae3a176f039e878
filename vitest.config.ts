import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest(), preact()],
  resolve: {
    alias: {
      // @webext-core/messaging imports the polyfill directly; in tests it gets WXT's fake browser.
      'webextension-polyfill': fileURLToPath(new URL('./tests/setup/polyfill-shim.ts', import.meta.url)),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['tests/setup/unit.ts'],
    testTimeout: 20_000,
  },
});
