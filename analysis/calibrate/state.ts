/**
 * The state of a calibration on disk: calibration-state.json holds the algorithm's state and every
 * candidate's row after the last generation told, written atomically; a folder is claimed for one
 * calibration (its scenario and calibrate block but the budget, which may be raised to go on).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type CmaesState, cmaesInit } from '../../sim/calibrate/cmaes.js';
import { type Nsga2State, nsga2Init } from '../../sim/calibrate/nsga2.js';
import { prepareOutputDir, writeAtomic } from '../../sim/run/outputs.js';
import type { CalibrationSetup, CandidateRow } from './search.js';

/** What calibration-state.json holds. */
export interface SearchState {
  format: 1;
  key: string;
  generation: number;
  algorithm: { cmaes: CmaesState } | { nsga2: Nsga2State };
  rows: CandidateRow[];
}

/** Raised when the output folder holds another calibration; the message says how to proceed. */
export class CalibrationConflictError extends Error {}

/** The key a calibration's state is stored under: everything but the budget, which may be raised to go on. */
function stateKey(setup: CalibrationSetup): string {
  const { budget: _budget, ...rest } = setup.calibrate;
  return createHash('sha256')
    .update(JSON.stringify({ runScenario: setup.runScenario, calibrate: rest }))
    .digest('hex');
}

/**
 * The state before the first generation: CMA-ES at the centre of the unit box, or NSGA-II without parents.
 */
export function initialState(setup: CalibrationSetup): SearchState {
  const c = setup.calibrate;
  const k = c.parameters.length;
  const algorithm =
    c.algorithm === 'cmaes'
      ? { cmaes: cmaesInit(new Array<number>(k).fill(0.5), c.sigma, c.generationSize) }
      : { nsga2: nsga2Init(k, c.generationSize) };
  return { format: 1, key: stateKey(setup), generation: 0, algorithm, rows: [] };
}

/** The file of the state, in the calibration's folder. */
export const STATE_FILE = 'calibration-state.json';

/**
 * The state as JSON text, with NaN and ±∞ (a statistic not computable, a
 * loss of ∞) written as strings: JSON has no such numbers.
 */
export function encodeState(state: SearchState): string {
  return (
    JSON.stringify(state, (_key, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    ) + '\n'
  );
}

/** The state from its JSON text (`encodeState`'s strings for NaN and ±∞ turned back into numbers). */
export function decodeState(text: string): SearchState {
  const special: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };
  return JSON.parse(text, (_key, v: unknown) =>
    typeof v === 'string' && v in special ? special[v] : v,
  ) as SearchState;
}

/**
 * Read the folder's state, or start one; another calibration's folder is refused unless `force`. A new
 * calibration may find the shards of its first generation there, and the logs of the cluster jobs.
 */
export function claimState(outDir: string, setup: CalibrationSetup, force: boolean): SearchState {
  prepareOutputDir(outDir);
  const path = join(outDir, STATE_FILE);
  const fresh = initialState(setup);
  if (existsSync(path)) {
    const old = decodeState(readFileSync(path, 'utf8'));
    if (old.key === fresh.key) return old;
    if (!force)
      throw new CalibrationConflictError(
        `output directory ${outDir} holds another calibration (its scenario ` +
          'or calibrate block differs; only the budget may change to go on); ' +
          'choose another --out, or add --force to replace it',
      );
  } else if (existsSync(outDir) && readdirSync(outDir).some((n) => n !== 'shards' && n !== 'logs') && !force)
    throw new CalibrationConflictError(
      `output directory ${outDir} is not empty and holds no calibration; ` +
        'choose another --out, or add --force to replace its contents',
    );
  // with --force, what another calibration left; without, the
  // folder holds at most this one's first shards and logs
  if (force && existsSync(outDir))
    for (const name of readdirSync(outDir))
      if (/^(gen-\d+|shards|calibration.*\.(csv|json)|best\.yaml|report\.html)$/.test(name))
        rmSync(join(outDir, name), { recursive: true, force: true });
  // written before the first run, so that a folder interrupted in
  // its first generation is known as this calibration's
  writeAtomic(path, encodeState(fresh));
  return decodeState(encodeState(fresh));
}

/**
 * The state a shard of the last generation the budget allows starts from, without writing anything (the
 * command that tells the generation writes it); refused when that generation is not the next to run.
 */
export function stateForShard(outDir: string, setup: CalibrationSetup): SearchState | undefined {
  const path = join(outDir, STATE_FILE);
  const fresh = initialState(setup);
  const state = existsSync(path) ? decodeState(readFileSync(path, 'utf8')) : fresh;
  if (state.key !== fresh.key)
    throw new CalibrationConflictError(
      `output directory ${outDir} holds another calibration (its scenario or calibrate block ` +
        'differs); a shard must use the folder, scenario and options of its calibration',
    );
  const g = setup.generations - 1;
  if (state.generation > g) return undefined; // told already: nothing left for this shard
  if (state.generation < g)
    throw new CalibrationConflictError(
      `--shard runs generation ${setup.generations} (the last the budget allows), but ${outDir}` +
        ` has told ${state.generation} generation(s); run the calibration without --shard and ` +
        `--budget ${state.generation * setup.calibrate.generationSize} … first, or give --budget ` +
        `${(state.generation + 1) * setup.calibrate.generationSize}`,
    );
  return state;
}
