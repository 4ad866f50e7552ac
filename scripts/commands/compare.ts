/** `smesim compare`: run a baseline and policies with common random numbers; paired differences with CIs. */
import { join } from 'node:path';
import { loadRows } from '../../analysis/io.js';
import { outlayOf, perOutlay } from '../../analysis/verbs/costEffect.js';
import { pairedDifferences } from '../../analysis/verbs/paired.js';
import { type Scenario, firmDifferences, timingDifferences } from '../../sim/config/scenario.js';
import { makeRunPlan } from '../../sim/plan/plan.js';
import { columnsOf } from '../../sim/run/codebook.js';
import { toCsv } from '../../sim/run/csv.js';
import { writeAtomic } from '../../sim/run/outputs.js';
import { EXIT_OK, EXIT_RUNS_FAILED, InputError } from './basics.js';
import { type CompareCsvRow, printComparison } from './comparePrint.js';
import { checkGuards, executeWithProgress, loadOrFail, makeEvaluator, sources, tryReport } from './common.js';

type Row = Record<string, unknown>;

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
    // a file's own seed or replicates give way to the baseline's
    // (unless --seed / --replicates set them for all)
    const ownSeed = opts.seed === undefined && s.seed !== seed;
    const ownReplicates = opts.replicates === undefined && s.replicates !== replicates;
    if (k > 0 && (ownSeed || ownReplicates)) {
      process.stderr.write(
        `note: ${files[k]} runs with seed ${seed} and ${replicates} replicate` +
          `${replicates === 1 ? '' : 's'} (the baseline's), so both face the same worlds\n`,
      );
    }
    // the same seed gives the same technology and environment,
    // but not the same firms if the population differs
    const structure = k > 0 ? firmDifferences(s, base) : [];
    if (structure.length > 0) {
      process.stderr.write(
        `note: ${files[k]} differs from the baseline in ${structure.join(', ')}: its firms are not ` +
          `the baseline's, so its differences come from that as well as from any policy\n`,
      );
    }
    const timing = k > 0 ? timingDifferences(s, base) : [];
    if (timing.length > 0) {
      process.stderr.write(
        `note: ${files[k]} differs from the baseline in ${timing.join(', ')}: ` +
          `its survey covers other quarters than the baseline's, so its ` +
          'differences come from that as well as from any policy\n',
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
  const rows = scenarios
    .slice(1)
    .flatMap((s) => compareRows(s.name, baseRows, loadRows(join(outDir, s.name), 'runs.csv')));
  const columns = columnsOf('compare.csv');
  const table = { columns, rows: rows.map((r) => columns.map((c) => r[c]!)) };
  writeAtomic(join(outDir, 'compare.csv'), toCsv(table));
  const report = await tryReport(outDir);
  if (opts.json)
    process.stdout.write(
      JSON.stringify({ outDir, failedRuns, comparisons: rows.length, report: report ?? null }) + '\n',
    );
  else {
    printComparison(rows, base.name, outDir);
    if (report) process.stdout.write(`report: ${report}\n`);
  }
  if (failedRuns.length > 0)
    process.stderr.write(
      `${failedRuns.length} run(s) failed and are left out of the ` +
        `pairs: ${failedRuns.slice(0, 5).join(', ')}\n`,
    );
  return failedRuns.length > 0 ? EXIT_RUNS_FAILED : EXIT_OK;
}

/** compare.csv's rows of one policy, by column name: the outcomes, its outlay, and what the outlay buys. */
export function compareRows(policy: string, baseRows: Row[], policyRows: Row[]): CompareCsvRow[] {
  // an outlay that is not priced stays NaN (its empty cell must not read as 0)
  const withOutlay = (rows: Row[]) => rows.map((r) => ({ ...r, outlay_total: outlayOf(r) }));
  const outcomes = [...COMPARE_OUTCOMES, 'outlay_total'];
  const differences = pairedDifferences(withOutlay(baseRows), withOutlay(policyRows), outcomes).map((d) => ({
    policy,
    outcome: d.outcome,
    n: d.n,
    baseline_mean: d.baselineMean,
    policy_mean: d.policyMean,
    diff_mean: d.diffMean,
    diff_sd: d.diffSd,
    ci_low: d.ciLow,
    ci_high: d.ciHigh,
    p_value: d.pValue,
    detectable_diff: d.detectable,
  }));
  const bought = perOutlay(baseRows, policyRows).map((c) => ({
    policy,
    outcome: c.outcome,
    n: c.n,
    baseline_mean: NaN,
    policy_mean: NaN,
    diff_mean: c.ratio,
    diff_sd: NaN,
    ci_low: c.ciLow,
    ci_high: c.ciHigh,
    p_value: c.pValue,
    detectable_diff: NaN,
  }));
  return [...differences, ...bought];
}
