import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeScenario } from '../../sim/config/scenario.js';
import { makeRunPlan } from '../../sim/plan/plan.js';
import { SequentialEvaluator } from '../../sim/run/evaluator.js';
import { executePlan } from '../../sim/run/execute.js';
import { PoolEvaluator } from '../../sim/run/pool.js';
import { readManifest } from '../../sim/run/manifest.js';
import { tables, tinyScenario } from './helpers.js';

describe('evaluators', () => {
  it('give byte-identical tables sequentially and with 1, 2 and 4 pool workers', async () => {
    const { dir } = tinyScenario();
    const s = makeScenario({
      name: 'tiny',
      replicates: 8,
      population: 80,
      ticks: 40,
      burnIn: 10,
      regions: 2,
      sectors: ['a', 'b'],
    });
    const plan = makeRunPlan(s);
    const outputs: Record<string, string>[] = [];
    for (const [label, evaluator] of [
      ['seq', new SequentialEvaluator()],
      ['pool1', new PoolEvaluator(1)],
      ['pool2', new PoolEvaluator(2)],
      ['pool4', new PoolEvaluator(4)],
    ] as const) {
      const out = join(dir, label);
      const summary = await executePlan(s, plan, { outDir: out, evaluator, scenarioFiles: ['tiny.yaml'] });
      await evaluator.close();
      expect(summary.ok).toBe(8);
      outputs.push(tables(out));
    }
    for (const o of outputs.slice(1)) expect(o).toEqual(outputs[0]);
    const m = readManifest(join(dir, 'seq'))!;
    expect(m.runs).toBe(8);
    expect(m.masterSeed).toBe(s.seed);
    expect(m.node).toBe(process.version);
    expect(m.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(m.finished).not.toBeNull();
  });

  it('a pool closed at any moment after it starts stops cleanly (Node 20 aborts if a worker is stopped while loading its file)', () => {
    // Without PoolEvaluator.close waiting for the workers to load, closing 150–180 ms after the start
    // aborted the process (SIGABRT) on the 2-core development machine; the sweep of delays covers that.
    const pool = resolve('dist', 'sim', 'run', 'pool.js');
    const script = `import { PoolEvaluator } from ${JSON.stringify(pool)};
      for (let ms = 0; ms <= 300; ms += 10) {
        const p = new PoolEvaluator(2);
        await new Promise((r) => setTimeout(r, ms));
        await p.close();
      }
      console.log('closed 31 pools');`;
    const r = spawnSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.signal, r.stderr.slice(0, 500)).toBeNull();
    expect(r.status, r.stderr.slice(0, 500)).toBe(0);
    expect(r.stdout).toBe('closed 31 pools\n');
  }, 120_000);
});
