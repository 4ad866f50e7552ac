import { describe, expect, it } from 'vitest';
import { type EstimationTask, estimate } from '../../analysis/validation/evaluate.js';
import { estimateAll } from '../../analysis/validation/parallel.js';
import { clusteredSurvey } from './syntheticSurvey.js';

describe('estimating validation surveys on worker threads (estimateAll)', () => {
  const tasks: EstimationTask[] = [
    ...[1, 2, 3].map((k): EstimationTask => ({ kind: 'survey', runId: `synthetic/r00${k}`, rows: clusteredSurvey(k, 900, 1.2, `synthetic/r00${k}`), seed: 7 })),
    { kind: 'ablation-falling', runId: 'synthetic/r004', rows: clusteredSurvey(4, 900, 1.2, 'synthetic/r004'), seed: 7 },
    { kind: 'ablation-rising', runId: 'synthetic/r005', rows: clusteredSurvey(5, 900, 1.2, 'synthetic/r005'), seed: 7 },
  ];

  it('gives the rows this thread gives, to the bit and in task order, on 2 threads', async () => {
    const here = tasks.map(estimate);
    const two = await estimateAll(tasks, 2);
    expect(two).toEqual(here); // toEqual treats NaN as equal to NaN; numbers must match exactly
    expect(two.map((rows) => rows[0]!.runId)).toEqual(tasks.map((t) => t.runId));
    expect(two[3]!.map((r) => r.target)).toEqual(['T8-falling', 'T8-falling-two-lines']);
    expect(two[4]!.map((r) => r.target)).toEqual(['T8-rising', 'T8-rising-two-lines']);
    expect(two[0]!.filter((r) => r.sample === 'clustered').map((r) => r.target)).toEqual(['T1', 'T2', 'T4', 'T5']);
    expect(await estimateAll(tasks, 1)).toEqual(here);
  });
});
