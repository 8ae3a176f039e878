/**
 * Issue #8's bundle target, checked on every build `npm test` makes (the benchmark reports it too,
 * bench/bundle.ts, but is not part of the tests): each content script the manifest lists is at
 * most 20 KiB gzipped (zlib level 6, as `gzip -c`). instagram.js is within a few bytes of it: a
 * change to the code the content scripts share fails here, not months later in a benchmark.
 */
import { measureBundles } from '../../bench/bundle';
import { EXTENSION_DIR, expect, test } from './fixtures';

const BUDGET = 20 * 1024;

test('every content script is at most 20 KiB gzipped', () => {
  const { contentScripts } = measureBundles(EXTENSION_DIR);
  expect(contentScripts.map((c) => c.file)).toEqual(expect.arrayContaining(['content-scripts/vk.js', 'content-scripts/instagram.js']));
  const over = contentScripts.filter((c) => c.gzip > BUDGET).map((c) => `${c.file}: ${c.gzip} B`);
  expect(over, `over ${BUDGET} B gzipped`).toEqual([]);
  // the sizes, for the log
  console.log(`content scripts, gzipped: ${contentScripts.map((c) => `${c.file.replace('content-scripts/', '')} ${c.gzip}`).join(', ')}`);
});
