import { describe, expect, it } from 'vitest';
import { type EstimationTask, estimate } from '../../analysis/validation/evaluate.js';
import { Estimator, estimateAll } from '../../analysis/validation/parallel.js';
import { clusteredSurvey } from './syntheticSurvey.js';

describe('estimating validation surveys on worker threads (estimateAll)', () => {
  const tasks: EstimationTask[] = [
    ...[1, 2, 3].map((k): EstimationTask => ({
      kind: 'survey',
      runId: `synthetic/r00${k}`,
      rows: clusteredSurvey(k, 900, 1.2, `synthetic/r00${k}`),
      seed: 7,
    })),
    {
      kind: 'ablation-falling',
      runId: 'synthetic/r004',
      rows: clusteredSurvey(4, 900, 1.2, 'synthetic/r004'),
      seed: 7,
    },
    {
      kind: 'ablation-rising',
      runId: 'synthetic/r005',
      rows: clusteredSurvey(5, 900, 1.2, 'synthetic/r005'),
      seed: 7,
    },
  ];

  it('gives the rows this thread gives, to the bit and in task order, on 2 threads', async () => {
    const here = tasks.map(estimate);
    const two = await estimateAll(tasks, 2);
    expect(two).toEqual(here); // toEqual treats NaN as equal to NaN; numbers must match exactly
    expect(two.map((rows) => rows[0]!.runId)).toEqual(tasks.map((t) => t.runId));
    expect(two[3]!.map((r) => r.target)).toEqual(['T8-falling', 'T8-falling-two-lines']);
    expect(two[4]!.map((r) => r.target)).toEqual(['T8-rising', 'T8-rising-quadratic']);
    expect(two[0]!.filter((r) => r.sample === 'clustered').map((r) => r.target)).toEqual([
      'T1',
      'T2',
      'T4',
      'T5',
    ]);
    expect(await estimateAll(tasks, 1)).toEqual(here);
  });

  it('one Estimator serves several batches, and works while this thread is busy without yielding (as T9 keeps it)', async () => {
    const here = tasks.map(estimate);
    const estimator = new Estimator(2);
    try {
      const first = estimator.estimate(tasks.slice(0, 3));
      await new Promise((resolve) => setImmediate(resolve)); // the tasks are handed out
      let spins = 0;
      for (const until = Date.now() + 300; Date.now() < until;) spins++; // this thread busy, as with T9's reading
      expect(spins).toBeGreaterThan(0);
      const second = estimator.estimate(tasks.slice(3));
      expect([...(await first), ...(await second)]).toEqual(here);
      // a batch of one task after the pool has started still goes to the pool, and gives the same rows
      expect(await estimator.estimate([tasks[4]!])).toEqual([here[4]]);
    } finally {
      await estimator.close();
    }
    // a task may carry its run's survey as CSV text (as validate-model hands it over), parsed on the thread
    const rows = (tasks[0] as { rows: Record<string, unknown>[] }).rows;
    const csv =
      [Object.keys(rows[0]!).join(','), ...rows.map((r) => Object.values(r).join(','))].join('\n') + '\n';
    const asText: EstimationTask = { kind: 'survey', runId: tasks[0]!.runId, csv, seed: 7 };
    expect(await estimateAll([asText, tasks[1]!], 2)).toEqual(here.slice(0, 2));
    expect(estimate(asText)).toEqual(here[0]);
    const single = new Estimator(1);
    expect(await single.estimate(tasks.slice(0, 2))).toEqual(here.slice(0, 2));
    await single.close();
  });
});
