/**
 * Evaluating the validation run sets: T1–T7 per replicate (full survey and a paper-scale sample of 300
 * firms, Likert and true measures), T8 from the ablation runs, T9 from the shock runs, T10 from the
 * subsidy runs paired with the validation runs. Pure: reads tables, returns rows and pass rates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvByRun, rowsOfCsv } from '../io.js';
import { makeStream, randInt } from '../../sim/rng.js';
import { pairedDifferences } from '../verbs/paired.js';
import { t10, t9, t9ShockEffect } from './policyTargets.js';
import { QUADRATIC, TWO_LINES, type ValidationRow } from './summary.js';
import { t5, t5TwoLines } from './invertedUTargets.js';
import { clusteredTargets, surveyTargetsByMeasure } from './targets.js';

const MEASURES = ['likert', 'true'] as const;

type Row = Record<string, unknown>;

/** Group rows by run id (in run-id order). */
export function byRun(rows: Row[]): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const id = String(r.run_id);
    const group = m.get(id);
    if (group) group.push(r);
    else m.set(id, [r]);
  }
  return new Map([...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

/** A seeded random sample of k rows (the paper-scale survey). */
function sample(rows: Row[], k: number, seed: number, runId: string): Row[] {
  if (rows.length <= k) return rows;
  const rng = makeStream(seed, `paper-sample:${runId}`);
  const idx = rows.map((_, i) => i);
  for (let j = 0; j < k; j++) {
    const r = j + randInt(rng, idx.length - j);
    [idx[j], idx[r]] = [idx[r]!, idx[j]!];
  }
  return idx
    .slice(0, k)
    .sort((a, b) => a - b)
    .map((i) => rows[i]!);
}

/**
 * T1–T7 on one run of the validation survey, for both samples and both measures; on the full survey
 * (Likert), T5's two-lines diagnostic and T1, T2, T4 and T5 with SEs clustered by regional industry.
 */
export function surveyRowsOfRun(runId: string, rows: Row[], seed: number): ValidationRow[] {
  const out: ValidationRow[] = [];
  for (const [label, data] of [
    ['full', rows],
    ['paper-300', sample(rows, 300, seed, runId)],
  ] as const) {
    const byMeasure = surveyTargetsByMeasure(data, MEASURES);
    // a survey of 300 firms or fewer is its own paper-scale sample: say so rather than let it look like
    // another one
    const whole =
      label === 'paper-300' && rows.length <= 300
        ? `the whole survey (${rows.length} firms, not more than 300): `
        : '';
    for (const measure of MEASURES) {
      for (const r of byMeasure[measure]!)
        out.push({ ...r, note: `${whole}${r.note}`, runId, sample: label, measure });
    }
  }
  out.push({ ...t5TwoLines(rows, `T5${TWO_LINES}`), runId, sample: 'full', measure: 'likert' });
  for (const r of clusteredTargets(rows)) out.push({ ...r, runId, sample: 'clustered', measure: 'likert' });
  return out;
}

/**
 * T8-falling on one run of the ablation without the falling-limb mechanisms: T5 must not hold; with its
 * two-lines diagnostic.
 */
export function fallingRowsOfRun(runId: string, rows: Row[]): ValidationRow[] {
  return [
    { ...t5(rows), target: 'T8-falling', runId, sample: 'full', measure: 'likert' },
    { ...t5TwoLines(rows, `T8-falling${TWO_LINES}`), runId, sample: 'full', measure: 'likert' },
  ];
}

/**
 * T8-rising on one run of the ablation with supplier proposals flat in depth, decided by the two-lines
 * test's left line (a significant rising left line is the rising limb this ablation must remove), with the
 * quadratic test's low-end slope beside it: that test also calls a flat-then-falling curve rising.
 */
export function risingRowsOfRun(runId: string, rows: Row[]): ValidationRow[] {
  const quadratic = t5(rows);
  const tLow = quadratic.details?.tLow ?? NaN;
  const two = t5TwoLines(rows, 'T8-rising');
  const [zLow, pLow] = [two.details?.zLow ?? NaN, two.details?.pLow ?? NaN];
  return [
    {
      ...two,
      statistic: zLow,
      pValue: pLow,
      pass: zLow > 0 && pLow < 0.05,
      runId,
      sample: 'full',
      measure: 'likert',
    },
    {
      target: `T8-rising${QUADRATIC}`,
      statistic: tLow,
      pValue: NaN,
      pass: tLow > 1.645,
      note: quadratic.note,
      runId,
      sample: 'full',
      measure: 'likert',
    },
  ];
}

/**
 * One run's survey to estimate on: which targets (`kind`), whose run, its rows; the master seed draws the
 * paper-scale sample.
 */
export type EstimationTask = {
  kind: 'survey' | 'ablation-falling' | 'ablation-rising';
  runId: string;
  seed: number;
} & ({ rows: Row[] } | { csv: string });

/** The validation rows of one task (what a worker of `estimateAll` computes). */
export function estimate(task: EstimationTask): ValidationRow[] {
  const rows = 'csv' in task ? rowsOfCsv(task.csv) : task.rows;
  if (task.kind === 'survey') return surveyRowsOfRun(task.runId, rows, task.seed);
  return task.kind === 'ablation-falling'
    ? fallingRowsOfRun(task.runId, rows)
    : risingRowsOfRun(task.runId, rows);
}

/** One task per run of a survey table (in run-id order). */
export function estimationTasks(kind: EstimationTask['kind'], survey: Row[], seed: number): EstimationTask[] {
  return [...byRun(survey)].map(([runId, rows]) => ({ kind, runId, rows, seed }));
}

/**
 * One task per run of a run set's survey.csv (in run-id order), each carrying its run's lines as text for
 * the worker to parse (`csvByRun`), or its parsed rows when the file must be parsed whole.
 */
export function surveyTasks(kind: EstimationTask['kind'], outDir: string, seed: number): EstimationTask[] {
  const text = readFileSync(join(outDir, 'survey.csv'), 'utf8');
  const perRun = csvByRun(text);
  return perRun
    ? perRun.map(([runId, csv]) => ({ kind, runId, csv, seed }))
    : estimationTasks(kind, rowsOfCsv(text), seed);
}

/** T1–T7 on every run of the validation survey (`surveyRowsOfRun`, in run-id order). */
export function surveyRows(survey: Row[], seed: number): ValidationRow[] {
  return estimationTasks('survey', survey, seed).flatMap(estimate);
}

/**
 * T9 per run: on the shock runs (`full`, the target), or on the validation runs over the same quarters
 * (`no-shock`, a reference: if the pattern is as strong without the shock, the shock is not its cause).
 */
export function shockRows(
  snapshots: Row[],
  exits: Row[],
  shockTick: number,
  horizon: number,
  sample: 'full' | 'no-shock' = 'full',
): ValidationRow[] {
  const exitsBy = byRun(exits);
  return [...byRun(snapshots)].map(([runId, rows]) => ({
    ...t9(rows, exitsBy.get(runId) ?? [], shockTick, horizon),
    runId,
    sample,
    measure: 'true' as const,
  }));
}

/**
 * T9's `shock-effect` reference per replicate: each validation run paired with the shock run of the same
 * replicate (run ids `<set>/r001`, matched on the part after the slash).
 */
export function shockEffectRows(
  without: { snapshots: Row[]; exits: Row[] },
  withShock: { snapshots: Row[]; exits: Row[] },
  shockTick: number,
  horizon: number,
): ValidationRow[] {
  const replicate = (runId: string) => runId.slice(runId.lastIndexOf('/') + 1);
  const shocked = new Map(
    [...byRun(withShock.snapshots)].map(([runId, rows]) => [replicate(runId), { runId, rows }]),
  );
  const exitsWithout = byRun(without.exits);
  const exitsWith = byRun(withShock.exits);
  const out: ValidationRow[] = [];
  for (const [runId, rows] of byRun(without.snapshots)) {
    const pair = shocked.get(replicate(runId));
    if (!pair) continue;
    const result = t9ShockEffect(
      { snapshot: rows, exits: exitsWithout.get(runId) ?? [] },
      { snapshot: pair.rows, exits: exitsWith.get(pair.runId) ?? [] },
      shockTick,
      horizon,
    );
    out.push({ ...result, runId: `${runId} + ${pair.runId}`, sample: 'shock-effect', measure: 'true' });
  }
  return out;
}

/** T10 from the runs tables of the validation and subsidy run sets. */
export function subsidyRow(baselineRuns: Row[], subsidyRuns: Row[]): ValidationRow {
  const outcomes = ['supplier', 'customer', 'competitor', 'consultant', 'university', 'research'].map(
    (t) => `coop_${t}`,
  );
  return {
    ...t10(pairedDifferences(baselineRuns, subsidyRuns, outcomes)),
    runId: 'all replicates (paired)',
    sample: 'full',
    measure: 'true',
  };
}
