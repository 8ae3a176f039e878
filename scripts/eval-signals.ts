/**
 * Evaluate the padding signals on labelled synthetic histories and write docs/SIGNALS-EVAL.md.
 *
 *   npm run eval:signals                       # seed 1, 800 histories
 *   npm run eval:signals -- --seed 7 --count 800
 *   npm run eval:signals -- --no-write         # print only
 *
 * Exits with status 1 when a target of issue 5 is missed.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateCases, reportMarkdown, timeLargeHistory } from '../lib/signals/evaluate';
import { generateSet } from '../lib/signals/synthetic';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) ? v : fallback;
}

const seed = arg('seed', 1);
const count = Math.max(8, arg('count', 800));
const write = !process.argv.includes('--no-write');

const t0 = performance.now();
const cases = generateSet(seed, count);
const generatedMs = performance.now() - t0;
const report = evaluateCases(cases);
const large = timeLargeHistory();
const md = reportMarkdown(report, { seed, count, generatedMs, large });
process.stdout.write(`${md}\n`);
if (write) {
  const out = resolve(process.cwd(), 'docs/SIGNALS-EVAL.md');
  writeFileSync(out, md);
  process.stdout.write(`written: ${out}\n`);
}
if (!report.targets.falseSeveral || !report.targets.spikeRecall) {
  process.stdout.write('A target was missed.\n');
  process.exitCode = 1;
}
