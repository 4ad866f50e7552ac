/** `smesim run` and `smesim sweep`: validate, plan, guard, execute (resumable), write the tables. */
import { join } from 'node:path';
import { makeRunPlan, type RunPlan } from '../../sim/plan/plan.js';
import { type Shard, shardSpecs } from '../../sim/run/execute.js';
import { probeRun, runSetSeconds } from '../../sim/run/costProbe.js';
import { formatBytes, formatSeconds } from './units.js';
import { reportBaseBytes } from '../../analysis/report/html.js';
import type { Scenario } from '../../sim/config/scenario.js';
import { firmStateBytes } from '../../sim/model/firmState.js';
import type { ColumnarFormat } from '../../sim/run/columnar.js';
import { EXIT_OK, InputError } from './basics.js';
import {
  checkGuards,
  executeWithProgress,
  loadOrFail,
  makeEvaluator,
  reportSummary,
  setArgs,
  sources,
  tryReport,
} from './common.js';

/** Options shared by `run` and `sweep`. */
export interface RunOptions {
  out?: string;
  replicates?: number;
  seed?: number;
  workers?: number;
  shard?: Shard;
  retryFailed?: boolean;
  force?: boolean;
  maxRuns: number;
  allowLarge?: boolean;
  json?: boolean;
  dryRun?: boolean;
  format?: ColumnarFormat[];
  /** false with --no-report. */
  report?: boolean;
  /** `--set path=value` overrides, applied on top of the scenario file. */
  set?: string[];
}

// validate-model's dry run reads these from here
export { PROBE_FIRMS, probeRun, runSetSeconds } from '../../sim/run/costProbe.js';
export { formatBytes, formatSeconds } from './units.js';

/** Describe a plan without running it. */
function dryRun(
  s: Scenario,
  plan: RunPlan,
  shard: Shard | undefined,
  workers: number,
  formats: ColumnarFormat[] = [],
  report = true,
): number {
  const runs = shardSpecs(plan.specs, shard).length;
  const cost = probeRun(s);
  const secs = cost.fixedSeconds + runSetSeconds(cost, runs, workers);
  const design = s.sweep
    ? `${s.sweep.design} over ${plan.parameters.join(', ')}: ${plan.points.length} design points ` +
      `× ${s.replicates} replicates`
    : `${s.replicates} replicates`;
  process.stdout.write(
    `${s.name}: ${design} = ${plan.specs.length} ` +
      `runs${shard ? `; shard ${shard.index}/${shard.count} runs ${runs}` : ''}\n`,
  );
  process.stdout.write(
    `each run: ${s.population} firms × ${s.ticks} quarters; estimated wall time on ${workers} ` +
      `worker(s): ${formatSeconds(secs)}\n`,
  );
  process.stdout.write(
    `memory: the firm state takes ${formatBytes(s.population * firmStateBytes(s))} per run ` +
      `(${firmStateBytes(s)} bytes per firm) on each worker\n`,
  );
  if (Number.isFinite(cost.bytes)) {
    const extra = formats.length > 0 ? `, plus the ${formats.join(' and ')} copies` : '';
    const page = report && !shard ? reportBaseBytes() : 0;
    process.stdout.write(
      `disk: roughly ${formatBytes(cost.bytes)} per run, ` +
        `${formatBytes(cost.bytes * runs + page)} in all (tables and per-run ` +
        `records${page > 0 ? ', report.html' : ''}${extra})\n`,
    );
  }
  return EXIT_OK;
}

/** Run a scenario file (with its sweep, if any); returns the exit code. */
export async function runCommand(file: string, opts: RunOptions, mode: 'run' | 'sweep'): Promise<number> {
  const loaded = loadOrFail(file, opts.set);
  let scenario = loaded.scenario;
  if (mode === 'sweep' && !scenario.sweep)
    throw new InputError(
      `${file} has no 'sweep:' block; add one (see scenarios/sweep-example.yaml) or use 'smesim run'`,
    );
  if (opts.replicates !== undefined) scenario = { ...scenario, replicates: opts.replicates };
  if (opts.seed !== undefined) scenario = { ...scenario, seed: opts.seed };
  const plan = makeRunPlan(scenario);
  checkGuards(scenario, plan, { maxRuns: opts.maxRuns, allowLarge: opts.allowLarge ?? false });
  const evaluator = makeEvaluator(opts.workers);
  if (opts.dryRun) {
    await evaluator.close();
    return dryRun(scenario, plan, opts.shard, evaluator.workers, opts.format, opts.report !== false);
  }
  const outDir = opts.out ?? join('out', scenario.name);
  try {
    const summary = await executeWithProgress(scenario, plan, {
      outDir,
      evaluator,
      scenarioFiles: sources(loaded),
      force: opts.force,
      retryFailed: opts.retryFailed,
      shard: opts.shard,
      formats: opts.format,
    });
    const retry =
      `smesim ${mode} ${file}${setArgs(opts.set)} --out ` +
      `${outDir}${opts.shard ? ` --shard ${opts.shard.index}/${opts.shard.count}` : ''}`;
    // the report and the key numbers read the same survey: it is parsed once
    const { sharingReads } = await import('../../analysis/io.js');
    const [report, details] = await sharingReads(['survey.csv'], async () => [
      opts.report === false ? undefined : await tryReport(outDir),
      // a plain run's key numbers (a sweep's would pool design points; a shard holds part of the runs)
      mode === 'run' && !opts.shard && !opts.json && summary.ok > 0
        ? await keyNumbers(outDir, scenario.surveyWindow)
        : undefined,
    ]);
    return reportSummary(scenario.name, summary, retry, opts.json ?? false, report, details);
  } finally {
    await evaluator.close();
  }
}

/** The key numbers of a finished run set for the terminal (the analysis modules load only here). */
async function keyNumbers(outDir: string, surveyWindow: number): Promise<string | undefined> {
  try {
    const [{ loadRows, loadTable }, { keyNumbersText }, { levelsText }] = await Promise.all([
      import('../../analysis/io.js'),
      import('../../analysis/report/runset.js'),
      import('../../analysis/report/levelsSection.js'),
    ]);
    const levels = levelsText(loadRows(outDir, 'survey.csv'));
    return keyNumbersText(loadTable(outDir, 'runs.csv'), surveyWindow) + levels;
  } catch (err) {
    process.stderr.write(
      `warning: could not summarise ${outDir}/runs.csv or survey.csv: ${(err as Error).message}\n`,
    );
    return undefined;
  }
}
