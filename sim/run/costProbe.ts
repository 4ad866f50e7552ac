/**
 * What a run set will cost before it runs: a short, timed probe run of the scenario gives the seconds a
 * run takes on a worker, the seconds its tables take to merge and the bytes it writes; `run --dry-run` and
 * `validate-model --dry-run` scale them to the plan.
 */
import { gunzipSync } from 'node:zlib';
import type { Scenario } from '../config/scenario.js';
import { type RunOutput, type Table, runOne } from '../runOne.js';
import { toCsv } from './csv.js';
import { toRecord } from './evaluator.js';

/** Firms in the timed probe run (at most). */
export const PROBE_FIRMS = 2000;

/**
 * What one run costs (seconds on a worker, seconds merging on the main thread, bytes), the start-up once, and
 * the timed probe's output.
 */
export interface ProbeCost {
  seconds: number;
  mergeSeconds: number;
  fixedSeconds: number;
  bytes: number;
  probe: RunOutput | undefined;
}

/** Seconds a run set takes to start (see `probeRun`), measured by the first probe of this process. */
let startSeconds: number | undefined;

/** Seconds the runs of a run set take on `workers` threads, and merging their tables on the main thread. */
export function runSetSeconds(cost: ProbeCost, runs: number, workers: number): number {
  return (cost.seconds * runs) / Math.max(1, workers) + cost.mergeSeconds * runs;
}

/**
 * What one run of this scenario costs here, from a short probe run (at most 2,000 firms × 40 quarters,
 * timed after three smaller runs that let V8 compile the engine: timed cold, a probe of 300 firms
 * measured 10–17 times a real run's cost per firm-quarter): seconds, and bytes on disk — each table's CSV
 * bytes per row times the rows a full run writes (a quarter per time-series row, at most one survey row
 * per firm (or per sampled firm), exits at the probe's rate in the quarters from outputs.exitsFrom on,
 * one snapshot row per firm and snapshot quarter, the network in proportion to the firms), plus the run's
 * own record in runs/ (gzipped JSON: those bytes times the probe's ratio of record to tables). The
 * probe starts without burn-in, when more firms exit than later (its second half's exit rate is used), so
 * the disk figure errs on the high side. The time adds compressing the record (on the workers) and reading it
 * back and writing its rows into the merged tables (on the main thread), timed on the probe's output and
 * scaled by bytes, and once (the workers start in parallel) loading node and smesim and the extra time of the
 * engine's first, cold runs, from the three warm-up runs (the first probe of a process only); the report is not
 * counted.
 */
export function probeRun(s: Scenario): ProbeCost {
  const probeOf = (pop: number, ticks: number): Scenario => ({
    ...s,
    population: pop,
    ticks,
    burnIn: 0,
    surveyWindow: Math.min(s.surveyWindow, ticks),
    sweep: undefined,
    outputs: { ...s.outputs, snapshots: s.outputs.snapshots.length > 0 ? [ticks - 1] : [], exitsFrom: 0 },
  });
  const ticks = Math.min(s.ticks, 40);
  // the engine is warmed up once per process: later probes (validate-model's, one per run set) find it compiled
  const warmUp = startSeconds === undefined ? [300, 1000, 1000].map((p) => Math.min(s.population, p)) : [];
  const startup = process.uptime(); // loading node and smesim, which each worker does too
  let start = process.hrtime.bigint();
  warmUp.forEach((p, k) =>
    runOne({ runId: 'probe/r001', scenario: probeOf(p, ticks), replicate: 1, seed: 2 + k }),
  );
  const warmUpSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const pop = Math.min(s.population, PROBE_FIRMS);
  start = process.hrtime.bigint();
  const r = runOne({ runId: 'probe/r001', scenario: probeOf(pop, ticks), replicate: 1, seed: 1 });
  const perFirmTick = Number(process.hrtime.bigint() - start) / 1e9 / (pop * ticks);
  // once per worker, in parallel: starting, and the cold engine's extra time in its first runs
  startSeconds ??=
    startup + Math.max(0, warmUpSeconds - perFirmTick * ticks * warmUp.reduce((a, b) => a + b, 0));
  const fixed = startSeconds;
  if (!r.ok)
    return {
      seconds: perFirmTick * s.population * s.ticks,
      mergeSeconds: 0,
      fixedSeconds: fixed,
      bytes: NaN,
      probe: undefined,
    };
  const perRow = (t: Table | undefined) => (t && t.rows.length > 0 ? toCsv(t).length / t.rows.length : 0);
  const csv =
    perRow(r.timeseries) * s.ticks +
    toCsv(r.summary).length +
    perRow(r.survey) *
      (s.survey.sampleSize > 0 ? Math.min(s.survey.sampleSize, s.population) : s.population) +
    perRow(r.exits) *
      exitRate(r.exits, pop, ticks) *
      s.population *
      Math.max(0, s.ticks - s.outputs.exitsFrom) +
    perRow(r.snapshots) * s.population * s.outputs.snapshots.length +
    ((r.network?.length ?? 0) / pop) * s.population;
  // what a run's output costs besides the simulation, in proportion to its bytes: its record, compressed on
  // the worker, and, on the main thread, reading the record back and writing its rows into the merged tables
  let t = process.hrtime.bigint();
  const record = toRecord(r).stored!;
  const recordSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  t = process.hrtime.bigint();
  const back = JSON.parse(gunzipSync(record).toString('utf8')) as RunOutput;
  const probeCsv = [back.summary, back.timeseries, back.survey, back.exits, back.snapshots].reduce(
    (n, table) => n + (table ? toCsv(table).length : 0),
    back.network?.length ?? 0,
  );
  const mergeSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  const scale = csv / probeCsv;
  return {
    seconds: perFirmTick * s.population * s.ticks + recordSeconds * scale,
    mergeSeconds: mergeSeconds * scale,
    fixedSeconds: fixed,
    bytes: csv * (1 + record.length / probeCsv),
    probe: r,
  };
}

/**
 * Exits per firm and quarter in the second half of a probe: the first quarters of a run without burn-in
 * shake out more firms than later ones (measured for validation.yaml: 0.048 over a 40-quarter probe,
 * 0.041 in its second half, 0.025 over a whole run).
 */
function exitRate(exits: Table | undefined, pop: number, ticks: number): number {
  if (!exits) return 0;
  const tick = exits.columns.indexOf('tick');
  const from = Math.floor(ticks / 2);
  return exits.rows.filter((row) => Number(row[tick]) >= from).length / (pop * (ticks - from));
}
