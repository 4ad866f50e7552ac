import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeScenario } from '../../sim/config/scenario.js';
import { makeRunPlan } from '../../sim/plan/plan.js';
import { SequentialEvaluator } from '../../sim/run/evaluator.js';
import { executePlan } from '../../sim/run/execute.js';
import { cli, tables, tinyScenario } from './helpers.js';

describe('crash isolation', () => {
  it('fails only the runs whose worker throws, exits, crashes or runs out of memory; --retry-failed completes them', () => {
    const { dir, file } = tinyScenario('', 8);
    const faults = 'tiny/r002=throw,tiny/r003=exit,tiny/r005=crash,tiny/r007=oom';
    const out = join(dir, 'out');
    const r = cli(['run', file, '--out', out, '--workers', '2'], {
      SMESIM_FAULTS: faults,
      SMESIM_WORKER_HEAP_MB: '64',
    });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/4 run\(s\) failed/);
    expect(r.stderr).toMatch(/--retry-failed/);
    const ledger = readFileSync(join(out, 'ledger.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const failed = ledger
      .filter((e) => e.status === 'error')
      .map((e) => e.runId)
      .sort();
    expect(failed).toEqual(['tiny/r002', 'tiny/r003', 'tiny/r005', 'tiny/r007']);
    expect(ledger.find((e) => e.runId === 'tiny/r003').error).toMatch(/exited/);
    expect(ledger.find((e) => e.runId === 'tiny/r007').error).toMatch(/memory/);
    expect(ledger.filter((e) => e.status === 'ok')).toHaveLength(4);
    // the same command again does not rerun failures unless asked
    expect(cli(['run', file, '--out', out, '--workers', '2']).status).toBe(1);
    const retry = cli(['run', file, '--out', out, '--workers', '2', '--retry-failed']);
    expect(retry.status, retry.stderr).toBe(0);
    const again = readFileSync(join(out, 'ledger.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(again.filter((e) => e.runId === 'tiny/r002').map((e) => e.attempt)).toEqual([1, 2]);
    const clean = join(dir, 'clean');
    expect(cli(['run', file, '--out', clean, '--workers', '1']).status).toBe(0);
    expect(tables(out)).toEqual(tables(clean));
  });

  it('records a run whose model throws, on the sequential evaluator, and goes on with the rest', async () => {
    const { dir } = tinyScenario('', 3);
    const s = makeScenario({
      name: 'tiny',
      replicates: 3,
      population: 60,
      ticks: 20,
      burnIn: 5,
      regions: 1,
      sectors: ['a'],
    });
    const plan = makeRunPlan(s);
    plan.specs[1] = { ...plan.specs[1]!, scenario: { ...s, population: -5 } }; // breaks inside runOne
    const summary = await executePlan(s, plan, {
      outDir: join(dir, 'o'),
      evaluator: new SequentialEvaluator(),
      scenarioFiles: [],
    });
    expect(summary.ok).toBe(2);
    expect(summary.failed.map((f) => f.runId)).toEqual(['tiny/r002']);
    expect(summary.failed[0]!.error).toMatch(/Error/);
  });
});
