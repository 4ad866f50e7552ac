/**
 * Benchmark row of `smesim calibrate`: the wall time of one generation of scenarios/calibration-example.yaml.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrate, calibrationSetup } from '../analysis/calibrate/search.js';
import { loadScenario } from '../sim/config/load.js';
import { packageRoot } from '../sim/packageRoot.js';
import { PoolEvaluator } from '../sim/run/pool.js';
import type { BenchRow } from './bench.js';

const now = () => Number(process.hrtime.bigint()) / 1e9;

/**
 * One generation of the calibration example, as `smesim calibrate` runs it: the candidates' runs on a pool
 * of `workers` (started inside the timing, as the command starts it), their tables merged, the objectives
 * measured on each candidate's survey and the algorithm told; in a temporary folder, removed afterwards.
 */
export async function calibrationGeneration(workers: number): Promise<BenchRow> {
  const scenario = loadScenario(join(packageRoot(), 'scenarios', 'calibration-example.yaml'));
  const setup = { ...calibrationSetup(scenario), generations: 1 };
  const dir = mkdtempSync(join(tmpdir(), 'smesim-bench-calibrate-'));
  const s = setup.runScenario;
  const runs = setup.calibrate.generationSize * s.replicates;
  try {
    const start = now();
    const evaluator = new PoolEvaluator(workers);
    try {
      await calibrate(setup, { outDir: dir, evaluator, scenarioFiles: [] });
    } finally {
      await evaluator.close();
    }
    const seconds = now() - start;
    return {
      benchmark: 'calibrate',
      firms: s.population,
      ticks: s.ticks,
      runs,
      workers,
      seconds,
      firmTicksPerSecond: (runs * s.population * s.ticks) / seconds,
      bytesPerFirm: null,
      efficiency: null,
      note:
        'one generation of scenarios/calibration-example.yaml: ' +
        `${setup.calibrate.generationSize} candidates × ${s.replicates} ` +
        `replicates, ${setup.objectives.length} objectives measured, CMA-ES told`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
