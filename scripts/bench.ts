/**
 * Benchmarks (figures printed, never asserted): engine throughput and memory by population, pool
 * efficiency on a 200-run sweep, pool overhead on tiny runs, the default validation workload, its
 * estimation (one survey on this thread; many on worker threads), and reading the exits of T9's 20 quarters
 * from a validation-sized exit log.
 * `npm run bench` or `smesim bench`; writes bench/results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { makeScenario } from '../sim/config/scenario.js';
import { loadScenario } from '../sim/config/load.js';
import { makeRunPlan } from '../sim/plan/plan.js';
import { type Evaluator, SequentialEvaluator } from '../sim/run/evaluator.js';
import { packageRoot } from '../sim/packageRoot.js';
import { PoolEvaluator } from '../sim/run/pool.js';
import { simulate } from '../sim/runOne.js';
import type { RunSpec } from '../sim/runOne.js';
import { calibrationGeneration } from './benchCalibrate.js';
import { estimation, estimationParallel, exitLog } from './benchAnalysis.js';
import { type BenchRow, alternately, now } from './benchTiming.js';

export type { BenchRow } from './benchTiming.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

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
  if (!opts.quick) add(await calibrationGeneration(workers));
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
