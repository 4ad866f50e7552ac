/** `smesim compare`: run a baseline and policies with common random numbers; paired differences with CIs. */
import { join } from 'node:path';
import { loadRows } from '../../analysis/io.js';
import { formatTogether, percentChange } from '../../analysis/report/html.js';
import { SINGLE_PAIR, detectableNote, pairedDifferences } from '../../analysis/verbs/paired.js';
import { type Scenario, firmDifferences, timingDifferences } from '../../sim/config/scenario.js';
import { makeRunPlan } from '../../sim/plan/plan.js';
import { columnsOf } from '../../sim/run/codebook.js';
import { toCsv } from '../../sim/run/csv.js';
import { writeAtomic } from '../../sim/run/outputs.js';
import { EXIT_OK, EXIT_RUNS_FAILED, InputError } from './basics.js';
import { checkGuards, executeWithProgress, loadOrFail, makeEvaluator, sources, tryReport } from './common.js';

/** Outcomes compared (columns of runs.csv). */
export const COMPARE_OUTCOMES = [
  'coop_any',
  'coop_supplier',
  'coop_customer',
  'coop_competitor',
  'coop_consultant',
  'coop_university',
  'coop_research',
  'mean_breadth',
  'inno_product',
  'inno_process',
  'inno_org',
  'inno_marketing',
  'mean_iss',
  'mean_sli',
  'mean_lo',
  'exits',
];

/** Options of `smesim compare`. */
export interface CompareOptions {
  /** `--set path=value` overrides, applied on top of every scenario file. */
  set?: string[];
  out?: string;
  replicates?: number;
  seed?: number;
  workers?: number;
  force?: boolean;
  maxRuns: number;
  allowLarge?: boolean;
  json?: boolean;
}

/** Run and compare; returns the exit code. */
export async function compareCommand(
  baselineFile: string,
  policyFiles: string[],
  opts: CompareOptions,
): Promise<number> {
  const files = [baselineFile, ...policyFiles];
  const problems: string[] = [];
  const loaded = files.map((f) => {
    try {
      return loadOrFail(f, opts.set);
    } catch (err) {
      if (err instanceof InputError) problems.push(err.message);
      else throw err;
      return undefined;
    }
  });
  // a bad --set is the same problem in every file: say it once
  if (problems.length > 0)
    throw new InputError([...new Set(problems.flatMap((p) => p.split('\n')))].join('\n'));
  const scenarios = loaded.map((l) => l!.scenario);
  const base = scenarios[0]!;
  const seed = opts.seed ?? base.seed;
  const replicates = opts.replicates ?? base.replicates;
  const names = new Set<string>();
  for (const [k, s] of scenarios.entries()) {
    if (s.sweep)
      throw new InputError(
        `${files[k]}: compare runs plain scenarios; remove its 'sweep:' block or use 'smesim sweep'`,
      );
    if (names.has(s.name))
      throw new InputError(`${files[k]}: two scenarios are named '${s.name}'; give each its own 'name:'`);
    names.add(s.name);
    // a file's own seed or replicates give way to the baseline's (unless --seed / --replicates set them for all)
    const ownSeed = opts.seed === undefined && s.seed !== seed;
    const ownReplicates = opts.replicates === undefined && s.replicates !== replicates;
    if (k > 0 && (ownSeed || ownReplicates)) {
      process.stderr.write(
        `note: ${files[k]} runs with seed ${seed} and ${replicates} replicate${replicates === 1 ? '' : 's'} (the baseline's), so both face the same worlds\n`,
      );
    }
    // the same seed gives the same technology and environment, but not the same firms if the population differs
    const structure = k > 0 ? firmDifferences(s, base) : [];
    if (structure.length > 0) {
      process.stderr.write(
        `note: ${files[k]} differs from the baseline in ${structure.join(', ')}: its firms are not the baseline's, so its differences come from that as well as from any policy\n`,
      );
    }
    const timing = k > 0 ? timingDifferences(s, base) : [];
    if (timing.length > 0) {
      process.stderr.write(
        `note: ${files[k]} differs from the baseline in ${timing.join(', ')}: its survey covers other quarters than the baseline's, so its differences come from that as well as from any policy\n`,
      );
    }
  }
  const outDir = opts.out ?? join('out', `compare-${[...names].join('-vs-')}`);
  const evaluator = makeEvaluator(opts.workers);
  const failedRuns: string[] = [];
  try {
    for (const [k, s0] of scenarios.entries()) {
      const s: Scenario = { ...s0, seed, replicates };
      const plan = makeRunPlan(s);
      checkGuards(s, plan, { maxRuns: opts.maxRuns, allowLarge: opts.allowLarge ?? false });
      const summary = await executeWithProgress(s, plan, {
        outDir: join(outDir, s.name),
        evaluator,
        scenarioFiles: sources(loaded[k]!),
        force: opts.force,
      });
      await tryReport(join(outDir, s.name));
      failedRuns.push(...summary.failed.map((f) => f.runId));
    }
  } finally {
    await evaluator.close();
  }
  const baseRows = loadRows(join(outDir, base.name), 'runs.csv');
  const rows: (string | number)[][] = [];
  for (const s of scenarios.slice(1)) {
    for (const d of pairedDifferences(
      baseRows,
      loadRows(join(outDir, s.name), 'runs.csv'),
      COMPARE_OUTCOMES,
    )) {
      rows.push([
        s.name,
        d.outcome,
        d.n,
        d.baselineMean,
        d.policyMean,
        d.diffMean,
        d.diffSd,
        d.ciLow,
        d.ciHigh,
        d.pValue,
        d.detectable,
      ]);
    }
  }
  const table = { columns: columnsOf('compare.csv'), rows }; // policy, outcome, n, baseline_mean, policy_mean, diff_mean, diff_sd, ci_low, ci_high, p_value, detectable_diff
  writeAtomic(join(outDir, 'compare.csv'), toCsv(table));
  const report = await tryReport(outDir);
  if (opts.json)
    process.stdout.write(
      JSON.stringify({ outDir, failedRuns, comparisons: rows.length, report: report ?? null }) + '\n',
    );
  else {
    printComparison(table.rows, base.name, outDir);
    if (report) process.stdout.write(`report: ${report}\n`);
  }
  if (failedRuns.length > 0)
    process.stderr.write(
      `${failedRuns.length} run(s) failed and are left out of the pairs: ${failedRuns.slice(0, 5).join(', ')}\n`,
    );
  return failedRuns.length > 0 ? EXIT_RUNS_FAILED : EXIT_OK;
}

/**
 * A readable table: each outcome's difference, as a change relative to the baseline mean too, and 95% CI,
 * flagged when the CI excludes zero, and the smallest difference the replicates can detect.
 */
function printComparison(rows: (string | number)[][], baseline: string, outDir: string): void {
  let current = '';
  for (const r of rows) {
    if (r[0] !== current) {
      current = String(r[0]);
      process.stdout.write(
        `\n${current} − ${baseline} (paired by replicate, n = ${r[2]}; * = 95% CI excludes 0)\n`,
      );
      process.stdout.write(
        `  ${'outcome'.padEnd(16)}${'baseline'.padStart(10)}${'policy'.padStart(10)}${'difference'.padStart(12)}${'change'.padStart(9)}   ${'95% CI'.padEnd(24)}detectable\n`,
      );
    }
    const sig = Number(r[7]) > 0 || Number(r[8]) < 0 ? '*' : ' ';
    const change = percentChange(Number(r[5]), Number(r[3]), '-') ?? '–';
    // the two means to the same decimals, and the difference with its CI and detectable size to theirs
    const [base, policy] = formatTogether([Number(r[3]), Number(r[4])]);
    const hasCi = Number.isFinite(r[7]) && Number.isFinite(r[8]);
    const hasDetectable = Number.isFinite(r[10]);
    const [diff, lo, hi, detect] = formatTogether([
      Number(r[5]),
      ...(hasCi ? [Number(r[7]), Number(r[8])] : [0, 0]),
      hasDetectable ? Number(r[10]) : 0,
    ]);
    const ci = hasCi ? `[${lo}, ${hi}]` : 'n/a';
    const detectable = hasDetectable ? `±${detect}` : 'n/a';
    process.stdout.write(
      `  ${String(r[1]).padEnd(16)}${base!.padStart(10)}${policy!.padStart(10)}${diff!.padStart(12)}${change.padStart(9)} ${sig} ${ci.padEnd(24)}${detectable}\n`,
    );
  }
  const n = Math.max(...rows.map((r) => Number(r[2])));
  if (rows.some((r) => Number(r[2]) < 2)) process.stdout.write(`\n${SINGLE_PAIR}\n`);
  else process.stdout.write(`\n${detectableNote(n)}\n`);
  process.stdout.write(`\nwritten: ${join(outDir, 'compare.csv')}\n`);
}
