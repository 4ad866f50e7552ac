/**
 * A calibration: generation after generation, the algorithm proposes candidates, each generation runs as
 * a run set of its own (`gen-001/`: plan, ledger, runs/, tables, as a sweep does), the objectives are
 * measured on each candidate's survey and the algorithm is told. Its state after every generation is
 * written atomically (calibration-state.json) before the next begins, and the candidates of a generation
 * follow from that state and the seed alone, so a command killed at any point resumes where it was and
 * ends with the same bytes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Calibrate } from '../../sim/config/calibrate.js';
import type { Scenario } from '../../sim/config/scenario.js';
import { cmaesAsk, cmaesTell, foldIntoUnit } from '../../sim/calibrate/cmaes.js';
import { nsga2Ask, nsga2Tell } from '../../sim/calibrate/nsga2.js';
import { valuesOf } from '../../sim/calibrate/space.js';
import { type RunPlan, replicateId, withParameters } from '../../sim/plan/plan.js';
import { deriveRunSeed, makeStream } from '../../sim/rng.js';
import type { RunSpec } from '../../sim/runOne.js';
import type { Evaluator } from '../../sim/run/evaluator.js';
import { type ExecuteSummary, type Shard, executePlan } from '../../sim/run/execute.js';
import { writeAtomic } from '../../sim/run/outputs.js';
import { loadRows } from '../io.js';
import {
  type Measured,
  type ResolvedObjective,
  distance,
  lossOf,
  measure,
  resolveObjectives,
} from './objectives.js';
import { importShards, shardDir } from './shardImport.js';
import {
  STATE_FILE,
  type SearchState,
  claimState,
  decodeState,
  encodeState,
  stateForShard,
} from './state.js';

export { CalibrationConflictError } from './state.js';

/** Everything a calibration is made of, resolved from the scenario. */
export interface CalibrationSetup {
  /**
   * The scenario each candidate's runs start from: no sweep, no
   * calibrate block, the calibration's size and seed.
   */
  runScenario: Scenario;
  calibrate: Calibrate;
  objectives: ResolvedObjective[];
  generations: number;
}

/** One evaluated candidate. */
export interface CandidateRow {
  generation: number;
  candidate: number;
  /** Its coordinates in the unit box. */
  unit: number[];
  values: Record<string, number>;
  measured: Measured[];
  loss: number;
  failedRuns: number;
}

/** The setup of a scenario with a calibrate block. */
export function calibrationSetup(scenario: Scenario): CalibrationSetup {
  const calibrate = scenario.calibrate!;
  const runScenario: Scenario = {
    ...scenario,
    population: calibrate.population ?? scenario.population,
    replicates: calibrate.replicates,
    seed: calibrate.seed ?? scenario.seed,
    sweep: undefined,
    calibrate: undefined,
    // no candidate's exits are read: leave the largest table out
    outputs: { ...scenario.outputs, exits: false },
  };
  return {
    runScenario,
    calibrate,
    objectives: resolveObjectives(calibrate, scenario.sectors),
    generations: Math.floor(calibrate.budget / calibrate.generationSize),
  };
}

const pad = (k: number, width: number) => String(k).padStart(width, '0');
/** The folder of generation g (0-based): gen-001, gen-002, … */
export const generationDir = (outDir: string, g: number): string => join(outDir, `gen-${pad(g + 1, 3)}`);

/**
 * The run plan of one generation: candidate × replicate, replicate r's
 * seed the same for every candidate (common random numbers).
 */
export function generationPlan(setup: CalibrationSetup, g: number, unit: number[][]): RunPlan {
  const s = setup.runScenario;
  const parameters = setup.calibrate.parameters.map((p) => p.path);
  const width = Math.max(2, String(unit.length).length);
  const specs: RunSpec[] = [];
  const points = unit.map((u, k) => {
    const params = valuesOf(setup.calibrate.parameters, u);
    const scenario = withParameters(s, params);
    for (let r = 1; r <= s.replicates; r++) {
      const rep = replicateId(r, s.replicates);
      specs.push({
        runId: `${s.name}/g${pad(g + 1, 3)}/c${pad(k + 1, width)}/${rep}`,
        scenario,
        replicate: r,
        seed: deriveRunSeed(s.seed, rep),
        params,
      });
    }
    return { values: parameters.map((p) => params[p]!), role: '', group: k, changed: -1 };
  });
  return { specs, parameters, points };
}

/**
 * The unit-box points of the next generation, and what the
 * algorithm needs back (CMA-ES's unfolded genotypes).
 */
function ask(state: SearchState, seed: number): { unit: number[][]; genotypes?: number[][] } {
  const a = state.algorithm;
  if ('cmaes' in a) {
    const genotypes = cmaesAsk(a.cmaes, makeStream(seed, `calibrate:cmaes:gen-${state.generation}`));
    return { unit: genotypes.map((x) => x.map(foldIntoUnit)), genotypes };
  }
  return { unit: nsga2Ask(a.nsga2, makeStream(seed, `calibrate:nsga2:gen-${state.generation}`)) };
}

/** The survey rows of each candidate of a generation, by candidate index. */
function surveysByCandidate(dir: string, plan: RunPlan, candidates: number): Record<string, unknown>[][] {
  const index = new Map<string, number>();
  const reps = plan.specs.length / candidates;
  plan.specs.forEach((s, i) => index.set(s.runId, Math.floor(i / reps)));
  const out = Array.from({ length: candidates }, () => [] as Record<string, unknown>[]);
  if (!existsSync(join(dir, 'survey.csv'))) return out;
  for (const row of loadRows(dir, 'survey.csv')) {
    const k = index.get(String(row.run_id));
    if (k !== undefined) out[k]!.push(row);
  }
  return out;
}

/** What a finished (or resumed) calibration hands back. */
export interface CalibrationResult {
  rows: CandidateRow[];
  runs: { planned: number; ok: number; failed: ExecuteSummary['failed'] };
}

/** Options of a calibration. */
export interface CalibrationOptions {
  outDir: string;
  evaluator: Evaluator;
  scenarioFiles: string[];
  force?: boolean;
  /** Runs done so far of all `total`, after each run. */
  onProgress?: (done: number, total: number) => void;
  /** Called with the rows so far after each generation's state is written (calibration.csv). */
  onGeneration?: (rows: CandidateRow[]) => void;
}

/** Run (or resume) a calibration; returns every candidate's row. */
export async function calibrate(
  setup: CalibrationSetup,
  opts: CalibrationOptions,
): Promise<CalibrationResult> {
  let state = claimState(opts.outDir, setup, opts.force ?? false);
  const perGeneration = setup.calibrate.generationSize * setup.runScenario.replicates;
  const total = setup.generations * perGeneration;
  const failed: ExecuteSummary['failed'] = [];
  let ok = 0;
  for (let g = 0; g < setup.generations; g++) {
    if (g < state.generation) {
      ok +=
        perGeneration -
        state.rows.filter((r) => r.generation === g + 1).reduce((a, r) => a + r.failedRuns, 0);
      opts.onProgress?.((g + 1) * perGeneration, total);
      continue;
    }
    const { unit, genotypes } = ask(state, setup.runScenario.seed);
    const plan = generationPlan(setup, g, unit);
    const dir = generationDir(opts.outDir, g);
    importShards(opts.outDir, g, dir, setup.runScenario, plan, opts.scenarioFiles);
    const summary = await executePlan({ ...setup.runScenario }, plan, {
      outDir: dir,
      evaluator: opts.evaluator,
      scenarioFiles: opts.scenarioFiles,
      force: opts.force,
      onProgress: (done) => opts.onProgress?.(g * perGeneration + done, total),
    });
    ok += summary.ok;
    failed.push(...summary.failed);
    const surveys = surveysByCandidate(dir, plan, unit.length);
    const reps = setup.runScenario.replicates;
    const candidateOf = new Map(plan.specs.map((spec, i) => [spec.runId, Math.floor(i / reps)]));
    const failedBy = (k: number) => summary.failed.filter((f) => candidateOf.get(f.runId) === k).length;
    const rows: CandidateRow[] = unit.map((u, k) => {
      const measured = setup.objectives.map((o) =>
        surveys[k]!.length > 0 ? measure(o.statistic, surveys[k]!) : { value: NaN, se: NaN },
      );
      const values = measured.map((m) => m.value);
      return {
        generation: g + 1,
        candidate: k + 1,
        unit: u,
        values: valuesOf(setup.calibrate.parameters, u),
        measured,
        loss: lossOf(setup.objectives, values),
        failedRuns: failedBy(k),
      };
    });
    const a = state.algorithm;
    const algorithm =
      'cmaes' in a
        ? {
            cmaes: cmaesTell(
              a.cmaes,
              genotypes!,
              rows.map((r) => r.loss),
            ),
          }
        : {
            nsga2: nsga2Tell(
              a.nsga2,
              unit,
              rows.map((r) => r.measured.map((m, j) => distance(setup.objectives[j]!, m.value))),
            ),
          };
    const text = encodeState({ ...state, generation: g + 1, algorithm, rows: [...state.rows, ...rows] });
    writeAtomic(join(opts.outDir, STATE_FILE), text);
    // go on from the state as written, so that a resumed
    // calibration and this one continue from the same numbers
    state = decodeState(text);
    opts.onGeneration?.(state.rows);
  }
  // a budget lowered after more generations ran: the outputs are those of the generations it allows
  const rows = state.rows.filter((r) => r.generation <= setup.generations);
  return { rows, runs: { planned: total, ok, failed } };
}

/**
 * One shard of the last generation the budget allows (`--shard i/n`, a cluster task): its share of the
 * generation's runs, into shards/gen-NNN/shard-i-of-n, which the calibration without --shard imports
 * before it tells the generation. Undefined when that generation is told already.
 */
export async function calibrateShard(
  setup: CalibrationSetup,
  opts: CalibrationOptions,
  shard: Shard,
): Promise<ExecuteSummary | undefined> {
  const state = stateForShard(opts.outDir, setup);
  if (!state) return undefined;
  const g = setup.generations - 1;
  const plan = generationPlan(setup, g, ask(state, setup.runScenario.seed).unit);
  return executePlan({ ...setup.runScenario }, plan, {
    outDir: shardDir(opts.outDir, g, shard),
    evaluator: opts.evaluator,
    scenarioFiles: opts.scenarioFiles,
    shard,
    onProgress: opts.onProgress,
  });
}
