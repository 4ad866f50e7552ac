/**
 * Benchmarks (figures printed, never asserted): engine throughput and memory by population, pool
 * efficiency on a 200-run sweep, pool overhead on tiny runs, the default validation workload, its
 * estimation (one survey on this thread; many on worker threads), and reading the exits of T9's 20 quarters
 * from a validation-sized exit log.
 * `npm run bench` or `smesim bench`; writes bench/results.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as aq from 'arquero';
import v8 from 'node:v8';
import vm from 'node:vm';
import { type Scenario, makeScenario } from '../sim/config/scenario.js';
import { makeRunPlan } from '../sim/plan/plan.js';
import { type Evaluator, SequentialEvaluator } from '../sim/run/evaluator.js';
import { packageRoot } from '../sim/packageRoot.js';
import { PoolEvaluator, ThreadPool } from '../sim/run/pool.js';
import { runOne, simulate } from '../sim/runOne.js';
import { loadScenario } from '../sim/config/load.js';
import { surveyTargetsByMeasure } from '../analysis/validation/targets.js';
import type { EstimationTask } from '../analysis/validation/evaluate.js';
import { estimationWorker } from '../analysis/validation/parallel.js';
import { loadRowsBetween, loadTable, rowsOfTable } from '../analysis/io.js';
import { makeStream, randInt } from '../sim/rng.js';
import { formatCell, toCsv } from '../sim/run/csv.js';
import type { RunSpec } from '../sim/runOne.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** One row of the results table. */
export interface BenchRow {
  benchmark: string;
  firms: number;
  ticks: number;
  runs: number;
  workers: number;
  seconds: number;
  firmTicksPerSecond: number | null;
  bytesPerFirm: number | null;
  efficiency: number | null;
  note: string;
}

const now = () => Number(process.hrtime.bigint()) / 1e9;

/** The default burn-in, shortened so that the survey window (12 quarters, or the whole run) follows it. */
const burnInFor = (ticks: number) => Math.max(0, Math.min(80, ticks - Math.min(12, ticks)));

/** Engine: one run at `firms` × `ticks` on this thread; heap kept by the finished world, per firm. */
function engine(firms: number, ticks: number): BenchRow {
  const s = makeScenario({ population: firms, ticks, burnIn: burnInFor(ticks), replicates: 1 });
  gc();
  const before = process.memoryUsage().heapUsed;
  const start = now();
  const world = simulate(s, 12345);
  const seconds = now() - start;
  gc();
  const bytes = (process.memoryUsage().heapUsed - before) / firms;
  const row: BenchRow = {
    benchmark: 'engine',
    firms,
    ticks,
    runs: 1,
    workers: 1,
    seconds,
    firmTicksPerSecond: (firms * ticks) / seconds,
    bytesPerFirm: bytes,
    efficiency: null,
    note: `baseline parameters; world kept: ${world.firms.n} firms`,
  };
  return row;
}

async function timeEvaluator(evaluator: Evaluator, specs: RunSpec[]): Promise<number> {
  const start = now();
  let failed = 0;
  await evaluator.evaluate(specs, (r) => {
    if (!r.ok) failed++;
  });
  const seconds = now() - start;
  await evaluator.close();
  if (failed > 0) throw new Error(`${failed} benchmark runs failed`);
  return seconds;
}

/** Specs of `runs` replicate runs of the given size. */
function specs(runs: number, firms: number, ticks: number): RunSpec[] {
  return makeRunPlan(
    makeScenario({
      name: 'bench',
      population: firms,
      ticks,
      burnIn: burnInFor(ticks),
      surveyWindow: Math.min(12, ticks),
      replicates: runs,
    }),
  ).specs;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Pool efficiency: T(1 worker) / (n · T(n workers)) on the same specs. Shared machines drift, so the
 * two are timed alternately `repeats` times and the median of the pairwise ratios is reported.
 */
async function poolEfficiency(
  runs: number,
  firms: number,
  ticks: number,
  workers: number,
  repeats: number,
): Promise<BenchRow[]> {
  const plan = specs(runs, firms, ticks);
  await timeEvaluator(new PoolEvaluator(workers), plan.slice(0, workers * 2)); // warm the disk cache and JIT
  const { one, many, efficiency, spread } = await alternately(
    (n) => timeEvaluator(new PoolEvaluator(n), plan),
    workers,
    repeats,
  );
  const work = runs * firms * ticks;
  return [
    {
      benchmark: 'sweep',
      firms,
      ticks,
      runs,
      workers: 1,
      seconds: one,
      firmTicksPerSecond: work / one,
      bytesPerFirm: null,
      efficiency: 1,
      note: `pool of 1 worker (median of ${repeats})`,
    },
    {
      benchmark: 'sweep',
      firms,
      ticks,
      runs,
      workers,
      seconds: many,
      firmTicksPerSecond: work / many,
      bytesPerFirm: null,
      efficiency,
      note: spread,
    },
  ];
}

/**
 * Time `time(1)` and `time(workers)` alternately `repeats` times: the median of each, and the median of
 * the pairwise efficiencies T1/(n·Tn) with the ratios it came from.
 */
async function alternately(
  time: (threads: number) => Promise<number>,
  workers: number,
  repeats: number,
): Promise<{ one: number; many: number; efficiency: number; spread: string }> {
  const ones: number[] = [];
  const manys: number[] = [];
  for (let k = 0; k < repeats; k++) {
    ones.push(await time(1));
    manys.push(await time(workers));
  }
  const ratios = ones.map((one, k) => one / (workers * manys[k]!));
  const spread =
    `median of T1/(${workers}·T${workers}) over ${repeats} alternating pairs: ratios ` +
    `${ratios.map((r) => r.toFixed(3)).join(', ')}`;
  return { one: median(ones), many: median(manys), efficiency: median(ratios), spread };
}

/** Pool overhead on tiny runs: (pool of 1 − this thread) per run. */
async function tinyOverhead(runs: number): Promise<BenchRow> {
  const plan = specs(runs, 10, 10);
  await timeEvaluator(new SequentialEvaluator(), plan.slice(0, 50));
  const seq = await timeEvaluator(new SequentialEvaluator(), plan);
  const pool = await timeEvaluator(new PoolEvaluator(1), plan);
  const overheadMs = ((pool - seq) / runs) * 1000;
  return {
    benchmark: 'tiny-runs',
    firms: 10,
    ticks: 10,
    runs,
    workers: 1,
    seconds: pool,
    firmTicksPerSecond: (runs * 100) / pool,
    bytesPerFirm: null,
    efficiency: null,
    note: `pool overhead ${overheadMs.toFixed(3)} ms/run (this thread: ${((seq / runs) * 1000).toFixed(2)} ms/run)`,
  };
}

/**
 * The validation scenario, and the survey of one of its runs at `firms` firms as row objects (as
 * validate-model reads survey.csv).
 */
function validationSurvey(firms: number): {
  s: Scenario;
  rows: Record<string, unknown>[];
  csv: string;
  runId: string;
} {
  const s = loadScenario(join(packageRoot(), 'scenarios', 'validation.yaml'));
  const spec = makeRunPlan({ ...s, population: firms, replicates: 1 }).specs[0]!;
  const result = runOne(spec);
  if (!result.ok) throw new Error(`estimation benchmark: the run failed: ${result.error}`);
  return { s, rows: rowsOfTable(result.survey), csv: toCsv(result.survey), runId: spec.runId };
}

/**
 * Estimation: T1–T7 (both measures) on the survey of one run of `firms` firms, as validate-model
 * evaluates every replicate; the fastest of `repeats` timings.
 */
export function estimation(firms: number, repeats: number): BenchRow {
  const { s, rows } = validationSurvey(firms);
  const times: number[] = [];
  let targets = 0;
  for (let k = 0; k < repeats; k++) {
    const start = now();
    targets = Object.values(surveyTargetsByMeasure(rows)).flat().length;
    times.push(now() - start);
  }
  const seconds = Math.min(...times);
  return {
    benchmark: 'estimation',
    firms: rows.length,
    ticks: s.ticks,
    runs: 1,
    workers: 1,
    seconds,
    firmTicksPerSecond: null,
    bytesPerFirm: null,
    efficiency: null,
    note:
      `${targets} target evaluations (T1–T7, Likert and true measures) on one survey of ` +
      `${rows.length} firms; fastest of ${repeats}`,
  };
}

/**
 * Estimating validate-model's surveys on worker threads, as `estimateAll` does: `surveys` copies of one
 * run's survey of `firms` firms (each under its own run id, handed over as its lines of CSV text, which
 * the thread parses, as validate-model hands them), every target validate-model reads on a
 * survey (T1–T7 on both measures and the paper-scale sample, the two-lines diagnostic, clustered SEs).
 * A fresh pool of 1 thread against a fresh pool of `workers`, so that both pay the warm-up of a new
 * thread as validate-model does; timed alternately `repeats` times, the median of the pairwise ratios.
 */
async function estimationParallel(
  firms: number,
  surveys: number,
  workers: number,
  repeats: number,
): Promise<BenchRow[]> {
  const { s, rows, csv, runId: own } = validationSurvey(firms);
  // each task carries its run's lines of survey.csv as text, as validate-model hands them over (csvByRun)
  const tasks = Array.from({ length: surveys }, (_, k): EstimationTask => {
    const runId = `validation/r${String(k + 1).padStart(3, '0')}`;
    return { kind: 'survey', runId, csv: csv.split(`\n${own},`).join(`\n${runId},`), seed: s.seed };
  });
  const time = async (threads: number) => {
    const pool = new ThreadPool(estimationWorker(), threads);
    const start = now();
    const results = (await Promise.all(tasks.map((t) => pool.run(t)))) as unknown[][];
    const seconds = now() - start;
    await pool.close();
    if (results.some((r) => r.length === 0))
      throw new Error('estimation benchmark: a survey gave no validation rows');
    return seconds;
  };
  const { one, many, efficiency, spread } = await alternately(time, workers, repeats);
  const note = `${surveys} surveys of ${rows.length.toLocaleString('en-US')} firms`;
  return [
    {
      benchmark: 'estimation-surveys',
      firms: rows.length,
      ticks: s.ticks,
      runs: surveys,
      workers: 1,
      seconds: one,
      firmTicksPerSecond: null,
      bytesPerFirm: null,
      efficiency: 1,
      note: `${note}, pool of 1 thread (median of ${repeats})`,
    },
    {
      benchmark: 'estimation-surveys',
      firms: rows.length,
      ticks: s.ticks,
      runs: surveys,
      workers,
      seconds: many,
      firmTicksPerSecond: null,
      bytesPerFirm: null,
      efficiency,
      note: `${note}; ${spread}`,
    },
  ];
}

/**
 * Reading the exits of a 20-quarter window from an exit log shaped like a validation run set's
 * (`runs` runs × `perRun` exits spread over 200 quarters; seeded): as T9 and the report read it
 * (lines out of range dropped as text, then parsed) and, for comparison, parsed whole and filtered.
 */
export function exitLog(runs: number, perRun: number): BenchRow {
  const dir = mkdtempSync(join(tmpdir(), 'smesim-bench-'));
  const rng = makeStream(1, 'bench-exit-log');
  const lines = ['run_id,tick,firm_id,sector,region,employees,age_quarters,lo,sli'];
  for (let r = 1; r <= runs; r++) {
    const ticks = Array.from({ length: perRun }, () => randInt(rng, 200)).sort((a, b) => a - b);
    for (const [k, t] of ticks.entries())
      lines.push(
        `validation/r${String(r).padStart(3, '0')},${t},${k},metal-products,${randInt(rng, 7)}` +
          `,${10 + randInt(rng, 240)},${randInt(rng, 200)},${formatCell(rng())},${formatCell(rng())}`,
      ); // LO and SLI written as the tables write them
  }
  writeFileSync(join(dir, 'exits.csv'), lines.join('\n') + '\n');
  const time = (f: () => number): [seconds: number, rows: number] => {
    const start = now();
    const rows = f();
    return [now() - start, rows];
  };
  const [filtered, kept] = time(() => loadRowsBetween(dir, 'exits.csv', 'tick', 170, 189).length);
  const inRange = aq.escape((d: Record<string, unknown>) => Number(d.tick) >= 170 && Number(d.tick) <= 189);
  const [whole, same] = time(() => loadTable(dir, 'exits.csv').filter(inRange).objects().length);
  rmSync(dir, { recursive: true, force: true });
  if (kept !== same)
    throw new Error(`exit-log benchmark: ${kept} rows filtered as text, ${same} parsed whole`);
  const note =
    `T9's window: ${kept.toLocaleString('en-US')} of ` +
    `${(runs * perRun).toLocaleString('en-US')} exits in a log as large as a 5,000-firm ` +
    `validation run set's; parsed whole and then filtered: ${whole.toFixed(2)} s`;
  return {
    benchmark: 'exit-log',
    firms: 5_000,
    ticks: 200,
    runs,
    workers: 1,
    seconds: filtered,
    firmTicksPerSecond: null,
    bytesPerFirm: null,
    efficiency: null,
    note,
  };
}

/** Run the benchmarks; quick = smaller sizes (for a smoke check). */
export async function runBenchmarks(
  opts: { quick?: boolean; workers?: number; out?: string } = {},
): Promise<BenchRow[]> {
  const workers = opts.workers ?? 2;
  const rows: BenchRow[] = [];
  const add = (r: BenchRow | BenchRow[]) => {
    for (const row of [r].flat()) {
      rows.push(row);
      printRow(row);
    }
  };
  printHeader();
  add(engine(1_000, 200));
  add(engine(10_000, 200));
  if (!opts.quick) add(engine(100_000, 100));
  // the size of a sweep-example point
  add(await poolEfficiency(opts.quick ? 40 : 200, 300, 200, workers, opts.quick ? 1 : 3));
  add(await tinyOverhead(opts.quick ? 200 : 1000));
  if (!opts.quick) {
    const validation = loadScenario(join(packageRoot(), 'scenarios', 'validation.yaml'));
    const plan = makeRunPlan(validation).specs;
    const seconds = await timeEvaluator(new PoolEvaluator(workers), plan);
    const work = plan.length * validation.population * validation.ticks;
    add({
      benchmark: 'validation',
      firms: validation.population,
      ticks: validation.ticks,
      runs: plan.length,
      workers,
      seconds,
      firmTicksPerSecond: work / seconds,
      bytesPerFirm: null,
      efficiency: null,
      note: 'the runs of scenarios/validation.yaml (one of the five run sets of validate-model)',
    });
  }
  add(estimation(opts.quick ? 1_000 : 5_000, opts.quick ? 1 : 3));
  // 50 surveys: a validation run set's
  add(await estimationParallel(opts.quick ? 1_000 : 5_000, opts.quick ? 4 : 50, workers, opts.quick ? 1 : 3));
  add(exitLog(opts.quick ? 5 : 50, 20_000));
  const e1 = rows.find((r) => r.benchmark === 'engine' && r.firms === 1_000);
  const e100 = rows.find((r) => r.benchmark === 'engine' && r.firms === 100_000);
  if (e1 && e100)
    process.stdout.write(
      `\ntime per firm-tick at 100,000 firms / at 1,000 firms: ` +
        `${(e1.firmTicksPerSecond! / e100.firmTicksPerSecond!).toFixed(2)}\n`,
    );
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
  };
  const out = opts.out ?? join(packageRoot(), 'bench', 'results.json');
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify({ date: new Date().toISOString(), machine, quick: opts.quick ?? false, rows }, null, 2) +
      '\n',
  );
  process.stdout.write(
    `\nmachine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}\nwritten: ${out}\n`,
  );
  return rows;
}

function printHeader(): void {
  process.stdout.write(
    `${'benchmark'.padEnd(11)}${'firms'.padStart(8)}${'ticks'.padStart(6)}${'runs'.padStart(6)}` +
      `${'workers'.padStart(8)}${'seconds'.padStart(9)}${'firm-ticks/s'.padStart(14)}` +
      `${'bytes/firm'.padStart(11)}${'effic.'.padStart(8)} ` +
      ` note\n`,
  );
}

function printRow(r: BenchRow): void {
  const n = (v: number | null, d = 0) =>
    v === null ? '' : v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  process.stdout.write(
    `${r.benchmark.padEnd(11)}${n(r.firms).padStart(8)}${n(r.ticks).padStart(6)}` +
      `${n(r.runs).padStart(6)}${n(r.workers).padStart(8)}${n(r.seconds, 2).padStart(9)}` +
      `${n(r.firmTicksPerSecond).padStart(14)}${n(r.bytesPerFirm).padStart(11)}` +
      `${n(r.efficiency, 3).padStart(8)} ` +
      ` ${r.note}\n`,
  );
}

// Run when executed directly (`node dist/scripts/bench.js [--quick]`), not when imported by the CLI.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await runBenchmarks({ quick: process.argv.includes('--quick') });
}
