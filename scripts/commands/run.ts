/** `smesim run`: validate, plan, run each replicate, write the merged tables. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError, loadScenario } from '../../sim/config/load.js';
import { makeRunPlan } from '../../sim/plan/plan.js';
import { writeTables } from '../../sim/run/outputs.js';
import { type RunOutput, runOne } from '../../sim/runOne.js';

/** Options of `smesim run`. */
export interface RunOptions {
  out?: string;
  replicates?: number;
  seed?: number;
  force?: boolean;
  json?: boolean;
}

/** Run a scenario file; returns the exit code (0 ok, 1 runs failed, 2 bad input). */
export async function runCommand(file: string, opts: RunOptions): Promise<number> {
  let scenario;
  try {
    scenario = loadScenario(file);
  } catch (err) {
    if (err instanceof ScenarioError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (opts.replicates !== undefined) scenario = { ...scenario, replicates: opts.replicates };
  if (opts.seed !== undefined) scenario = { ...scenario, seed: opts.seed };
  const outDir = opts.out ?? join('out', scenario.name);
  if (existsSync(outDir) && readdirSync(outDir).length > 0 && !opts.force) {
    process.stderr.write(`error: output directory ${outDir} is not empty; choose another --out or add --force to overwrite\n`);
    return 2;
  }
  const plan = makeRunPlan(scenario);
  const ok: RunOutput[] = [];
  const failed: { runId: string; error: string }[] = [];
  for (const spec of plan) {
    const result = runOne(spec);
    if (result.ok) ok.push(result);
    else failed.push(result);
    if (process.stderr.isTTY) process.stderr.write(`\r${ok.length + failed.length}/${plan.length} runs`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const written = writeTables(outDir, ok);
  const summary = { scenario: scenario.name, runs: plan.length, ok: ok.length, failed: failed.length, outDir, files: written };
  if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else {
    process.stdout.write(`${scenario.name}: ${ok.length}/${plan.length} runs ok; tables in ${outDir}\n`);
    for (const f of failed) process.stderr.write(`run ${f.runId} failed: ${f.error.split('\n')[0]}\n`);
  }
  return failed.length > 0 ? 1 : 0;
}
