/** `smesim run` and `smesim sweep`: validate, plan, guard, execute (resumable), write the tables. */
import { join } from 'node:path';
import { makeRunPlan, type RunPlan } from '../../sim/plan/plan.js';
import { type Shard, shardSpecs } from '../../sim/run/execute.js';
import { runOne } from '../../sim/runOne.js';
import type { Scenario } from '../../sim/config/scenario.js';
import type { ColumnarFormat } from '../../sim/run/columnar.js';
import { EXIT_OK, InputError } from './basics.js';
import { checkGuards, executeWithProgress, loadOrFail, makeEvaluator, reportSummary, setArgs, sources, tryReport } from './common.js';

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

/** Seconds one run of this scenario takes here, from a short calibration run. */
function estimateRunSeconds(s: Scenario): number {
  const pop = Math.min(s.population, 300);
  const ticks = Math.min(s.ticks, 40);
  const probe = { ...s, population: pop, ticks, burnIn: 0, surveyWindow: Math.min(s.surveyWindow, ticks), sweep: undefined };
  const start = process.hrtime.bigint();
  runOne({ runId: 'probe/r001', scenario: probe, replicate: 1, seed: 1 });
  const perFirmTick = Number(process.hrtime.bigint() - start) / 1e9 / (pop * ticks);
  return perFirmTick * s.population * s.ticks;
}

/** Describe a plan without running it. */
function dryRun(s: Scenario, plan: RunPlan, shard: Shard | undefined, workers: number): number {
  const runs = shardSpecs(plan.specs, shard).length;
  const secs = (estimateRunSeconds(s) * runs) / Math.max(1, workers);
  const design = s.sweep ? `${s.sweep.design} over ${plan.parameters.join(', ')}: ${plan.points.length} design points × ${s.replicates} replicates` : `${s.replicates} replicates`;
  process.stdout.write(`${s.name}: ${design} = ${plan.specs.length} runs${shard ? `; shard ${shard.index}/${shard.count} runs ${runs}` : ''}\n`);
  process.stdout.write(`each run: ${s.population} firms × ${s.ticks} quarters; estimated wall time on ${workers} worker(s): ${formatSeconds(secs)}\n`);
  return EXIT_OK;
}

function formatSeconds(s: number): string {
  if (s < 90) return `${s.toFixed(1)} s`;
  if (s < 5400) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** Run a scenario file (with its sweep, if any); returns the exit code. */
export async function runCommand(file: string, opts: RunOptions, mode: 'run' | 'sweep'): Promise<number> {
  const loaded = loadOrFail(file, opts.set);
  let scenario = loaded.scenario;
  if (mode === 'sweep' && !scenario.sweep) throw new InputError(`${file} has no 'sweep:' block; add one (see scenarios/sweep-example.yaml) or use 'smesim run'`);
  if (opts.replicates !== undefined) scenario = { ...scenario, replicates: opts.replicates };
  if (opts.seed !== undefined) scenario = { ...scenario, seed: opts.seed };
  const plan = makeRunPlan(scenario);
  checkGuards(scenario, plan, { maxRuns: opts.maxRuns, allowLarge: opts.allowLarge ?? false });
  const evaluator = makeEvaluator(opts.workers);
  if (opts.dryRun) {
    await evaluator.close();
    return dryRun(scenario, plan, opts.shard, evaluator.workers);
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
    const retry = `smesim ${mode} ${file}${setArgs(opts.set)} --out ${outDir}${opts.shard ? ` --shard ${opts.shard.index}/${opts.shard.count}` : ''}`;
    const report = opts.report === false ? undefined : await tryReport(outDir);
    return reportSummary(scenario.name, summary, retry, opts.json ?? false, report);
  } finally {
    await evaluator.close();
  }
}
