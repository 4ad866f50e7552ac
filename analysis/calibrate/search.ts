/**
 * A calibration: generation after generation, the algorithm proposes candidates, each generation runs as
 * a run set of its own (`gen-001/`: plan, ledger, runs/, tables, as a sweep does), the objectives are
 * measured on each candidate's survey and the algorithm is told. Its state after every generation is
 * written atomically (calibration-state.json) before the next begins, and the candidates of a generation
 * follow from that state and the seed alone, so a command killed at any point resumes where it was and
 * ends with the same bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Calibrate } from '../../sim/config/calibrate.js';
import type { Scenario } from '../../sim/config/scenario.js';
import { type CmaesState, cmaesAsk, cmaesInit, cmaesTell, foldIntoUnit } from '../../sim/calibrate/cmaes.js';
import { type Nsga2State, nsga2Ask, nsga2Init, nsga2Tell } from '../../sim/calibrate/nsga2.js';
import { valuesOf } from '../../sim/calibrate/space.js';
import { type RunPlan, replicateId, withParameters } from '../../sim/plan/plan.js';
import { deriveRunSeed, makeStream } from '../../sim/rng.js';
import type { RunSpec } from '../../sim/runOne.js';
import type { Evaluator } from '../../sim/run/evaluator.js';
import { type ExecuteSummary, executePlan } from '../../sim/run/execute.js';
import { prepareOutputDir, writeAtomic } from '../../sim/run/outputs.js';
import { loadRows } from '../io.js';
import {
  type Measured,
  type ResolvedObjective,
  distance,
  lossOf,
  measure,
  resolveObjectives,
} from './objectives.js';

/** Everything a calibration is made of, resolved from the scenario. */
export interface CalibrationSetup {
  /** The scenario each candidate's runs start from: no sweep, no calibrate block, the calibration's size and seed. */
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

/** What calibration-state.json holds. */
interface SearchState {
  format: 1;
  key: string;
  generation: number;
  algorithm: { cmaes: CmaesState } | { nsga2: Nsga2State };
  rows: CandidateRow[];
}

/** Raised when the output folder holds another calibration; the message says how to proceed. */
export class CalibrationConflictError extends Error {}

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

/** The run plan of one generation: candidate × replicate, replicate r's seed the same for every candidate (common random numbers). */
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

/** The key a calibration's state is stored under: everything but the budget, which may be raised to go on. */
function stateKey(setup: CalibrationSetup): string {
  const { budget: _budget, ...rest } = setup.calibrate;
  return createHash('sha256')
    .update(JSON.stringify({ runScenario: setup.runScenario, calibrate: rest }))
    .digest('hex');
}

function initialState(setup: CalibrationSetup): SearchState {
  const c = setup.calibrate;
  const k = c.parameters.length;
  const algorithm =
    c.algorithm === 'cmaes'
      ? { cmaes: cmaesInit(new Array<number>(k).fill(0.5), c.sigma, c.generationSize) }
      : { nsga2: nsga2Init(k, c.generationSize) };
  return { format: 1, key: stateKey(setup), generation: 0, algorithm, rows: [] };
}

const STATE_FILE = 'calibration-state.json';

/** The state as JSON text, with NaN and ±∞ (a statistic not computable, a loss of ∞) written as strings: JSON has no such numbers. */
function encodeState(state: SearchState): string {
  return (
    JSON.stringify(state, (_key, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    ) + '\n'
  );
}

function decodeState(text: string): SearchState {
  const special: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };
  return JSON.parse(text, (_key, v: unknown) =>
    typeof v === 'string' && v in special ? special[v] : v,
  ) as SearchState;
}

/** Read the folder's state, or start one; another calibration's folder is refused unless `force`. */
function claimState(outDir: string, setup: CalibrationSetup, force: boolean): SearchState {
  prepareOutputDir(outDir);
  const path = join(outDir, STATE_FILE);
  const fresh = initialState(setup);
  if (existsSync(path)) {
    const old = decodeState(readFileSync(path, 'utf8'));
    if (old.key === fresh.key) return old;
    if (!force)
      throw new CalibrationConflictError(
        `output directory ${outDir} holds another calibration (its scenario or calibrate block differs; only the budget may change to go on); choose another --out, or add --force to replace it`,
      );
  } else if (existsSync(outDir) && readdirSync(outDir).length > 0 && !force)
    throw new CalibrationConflictError(
      `output directory ${outDir} is not empty and holds no calibration; choose another --out, or add --force to replace its contents`,
    );
  if (existsSync(outDir))
    for (const name of readdirSync(outDir))
      if (/^(gen-\d+|calibration.*\.(csv|json)|best\.yaml|report\.html)$/.test(name))
        rmSync(join(outDir, name), { recursive: true, force: true });
  // written before the first run, so that a folder interrupted in its first generation is known as this calibration's
  writeAtomic(path, encodeState(fresh));
  return decodeState(encodeState(fresh));
}

/** The unit-box points of the next generation, and what the algorithm needs back (CMA-ES's unfolded genotypes). */
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
    // go on from the state as written, so that a resumed calibration and this one continue from the same numbers
    state = decodeState(text);
    opts.onGeneration?.(state.rows);
  }
  return { rows: state.rows, runs: { planned: total, ok, failed } };
}
