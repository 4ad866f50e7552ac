/**
 * runOne: the pure core of the toolkit. Same RunSpec → same bytes out; never throws (a failure
 * becomes `{ ok: false }`). Knows nothing of files, workers or the CLI.
 */
import type { Scenario } from './config/scenario.js';
import { createWorld } from './model/init.js';
import { networkGraphML } from './model/network.js';
import { TIMESERIES_COLUMNS } from './model/observe.js';
import { runSurvey, SURVEY_COLUMNS as SURVEY_COLUMNS_REF } from './model/survey.js';
import { summarise, SUMMARY_COLUMNS } from './model/summary.js';
import { tick } from './step.js';
import { SNAPSHOT_COLUMNS, snapshotRows } from './model/snapshot.js';
import type { World } from './model/world.js';

/** One run to do: its id, the resolved scenario, the replicate number and the derived seed. */
export interface RunSpec {
  runId: string;
  scenario: Scenario;
  replicate: number;
  seed: number;
  /** Values of swept parameters (dotted path → value), empty for plain runs. */
  params?: Record<string, number>;
}

/** A table as column names and rows. */
export interface Table {
  columns: readonly string[];
  rows: (string | number)[][];
}

/** What a successful run produces. */
export interface RunOutput {
  ok: true;
  runId: string;
  timeseries: Table;
  summary: Table;
  survey: Table;
  /** Every exit of the run (absent when outputs.exits is false). */
  exits?: Table;
  /** Firm states after the quarters listed in outputs.snapshots (absent when none are asked for). */
  snapshots?: Table;
  network?: string;
}

/** A failed run: recorded, never thrown. */
export interface RunFailure {
  ok: false;
  runId: string;
  error: string;
}

export type RunResult = RunOutput | RunFailure;

/** Advance a fresh world through all ticks; exposed for tests that need the final state. */
export function simulate(
  scenario: Scenario,
  seed: number,
  onTick?: (row: number[], w: World) => void,
): World {
  const w = createWorld(scenario, seed);
  for (let t = 0; t < scenario.ticks; t++) {
    const row = tick(w, t);
    onTick?.(row, w);
  }
  return w;
}

/** Exit-log columns, in order. */
export const EXIT_COLUMNS = [
  'run_id',
  'tick',
  'firm_id',
  'sector',
  'region',
  'employees',
  'age_quarters',
  'lo',
  'sli',
] as const;

/** Run one simulation and collect its tables. */
export function runOne(spec: RunSpec): RunResult {
  try {
    const s = spec.scenario;
    const ts: (string | number)[][] = [];
    const snaps: (string | number)[][] = [];
    const snapshotTicks = new Set(s.outputs.snapshots);
    const w = simulate(s, spec.seed, (row, world) => {
      ts.push([spec.runId, ...row]);
      if (snapshotTicks.has(row[0]!)) snaps.push(...snapshotRows(world, spec.runId, row[0]!));
    });
    const prefix = [spec.runId, s.name, spec.replicate, spec.seed];
    const survey = runSurvey(w, prefix);
    return {
      ok: true,
      runId: spec.runId,
      timeseries: { columns: ['run_id', ...TIMESERIES_COLUMNS], rows: ts },
      summary: { columns: SUMMARY_COLUMNS, rows: [[...prefix, ...summarise(w, survey)]] },
      survey: { columns: [...SURVEY_COLUMNS_REF], rows: survey },
      exits: s.outputs.exits
        ? {
            columns: EXIT_COLUMNS,
            rows: w.exitLog
              .filter((e) => e.tick >= s.outputs.exitsFrom)
              .map((e) => [
                spec.runId,
                e.tick,
                e.firmId,
                s.sectors[e.sector]!,
                e.region + 1,
                e.employees,
                e.ageQuarters,
                e.lo,
                e.depth,
              ]),
          }
        : undefined,
      snapshots: snapshotTicks.size > 0 ? { columns: SNAPSHOT_COLUMNS, rows: snaps } : undefined,
      network: s.outputs.network ? networkGraphML(w) : undefined,
    };
  } catch (err) {
    return {
      ok: false,
      runId: spec.runId,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    };
  }
}
