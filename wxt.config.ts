import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Output folder can be moved (parallel builds, benchmarks): SMM_OUT_DIR=.output-x npm run build
const outDir = process.env.SMM_OUT_DIR ?? '.output';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir,
  // Firefox gets Manifest V3 too (world: MAIN content scripts, same code paths as Chrome).
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  // The sources zip (for store review) holds what builds the extension, not test output or benchmark data.
  zip: {
    excludeSources: ['test-results/**', 'playwright-report/**', 'bench/results/**', 'docs/screenshots/**', '.output*/**', '*.log'],
  },
  hooks: {
    // entrypoints/bench.ts (the benchmark's script, bench/README.md) is built only for `npm run bench` (SMM_BENCH=1).
    'entrypoints:resolved': (_wxt, entrypoints) => {
      if (process.env.SMM_BENCH === '1') return;
      const i = entrypoints.findIndex((e) => e.name === 'bench');
      if (i >= 0) entrypoints.splice(i, 1);
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    short_name: '__MSG_extShortName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: the history; unlimitedStorage: a year of history for hundreds of accounts is more
    // than the 10 MB default quota (see README, Permissions). No host permissions, no tabs.
    // offscreen (Chrome): the document where VK posts are read off the page's main thread
    // (lib/background/read-elsewhere.ts); Firefox's background page has a DOM of its own.
    permissions: ['storage', 'unlimitedStorage', ...(browser === 'firefox' ? [] : ['offscreen'])],
    action: { default_title: '__MSG_actionTitle__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'smm-lens@smm-lens.github.io',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { minimum_chrome_version: '116' }),
  }),
});
