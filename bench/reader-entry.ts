/**
 * The VK reader alone, for `npm run bench -- --reader` (bench/reader.ts bundles this file with
 * Vite and evaluates it in the benchmark's VK wall twice: `installMain` in the page's own world,
 * as the MAIN-world content script runs, and `vk` in an isolated world, as the content script
 * runs). `vk` reads every post of the page `reps` times, each time as a fresh page session would,
 * asking the MAIN-world helper for what the markup lacks (the views in React props), over the same
 * bridge as the extension: the first read runs the reader's code cold (a fresh page), the later
 * ones warm. `account` times the reading of the wall's account apart (it scans the whole page).
 */
import { readVkAccount } from '../lib/platforms/vk/account';
import { forgetListHeads } from '../lib/platforms/vk/dom';
import { installMainWorld } from '../lib/platforms/vk/main-world';
import { emptyPageData } from '../lib/platforms/vk/page-data';
import { readVkPage } from '../lib/platforms/vk/reader';

export function installMain(): void {
  installMainWorld(window);
}

export function vk(reps: number): { posts: number; times: number[]; withViews: number } {
  const times: number[] = [];
  let posts = 0;
  let withViews = 0;
  for (let r = 0; r < reps; r++) {
    // what a reader learns of a page's lists (lib/platforms/vk/dom.ts) is learned again each time
    forgetListHeads();
    const t0 = performance.now();
    // as a session reads them (100 a reading, the rest reading after reading), on the news feed's
    // URL: no account is read with them (it is read from the whole page: timed apart, by `account`)
    const read = readVkPage(document, `${location.origin}/feed`).posts;
    times.push(performance.now() - t0);
    posts = read.length;
    withViews = read.filter((p) => p.views !== null).length;
  }
  return { posts, times, withViews };
}

/** The wall's account read `reps` times from the whole page (what the content script does at each reading until the account is settled). */
export function account(reps: number): { found: boolean; times: number[] } {
  const times: number[] = [];
  let found = false;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const a = readVkAccount(document, location.href, {
      now: Date.now(),
      host: 'vk.com',
      data: emptyPageData(),
      firstPage: true,
      locale: 'ru',
    });
    times.push(performance.now() - t0);
    found = Boolean(a?.followers);
  }
  return { found, times };
}
