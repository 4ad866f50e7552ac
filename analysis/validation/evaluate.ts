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
import { mean, wilsonInterval } from '../verbs/stats.js';
import { t10, t9, t9ShockEffect } from './policyTargets.js';
import {
  type Measure,
  type TargetResult,
  clusteredTargets,
  surveyTargetsByMeasure,
  t5,
  t5TwoLines,
} from './targets.js';

const MEASURES = ['likert', 'true'] as const;

type Row = Record<string, unknown>;

/** One row of validation.csv. */
export interface ValidationRow extends TargetResult {
  runId: string;
  /**
   * `paper-300` and `clustered` (T1, T2, T4, T5 with SEs clustered by regional industry): the same targets read
   * another way, with their threshold but without deciding the verdict; `no-shock`, `shock-effect`: references
   * for T9, without a threshold (REFERENCE_SAMPLES).
   */
  sample: Sample;
  measure: Measure;
}

export type Sample = 'full' | 'paper-300' | 'no-shock' | 'shock-effect' | 'clustered';

/**
 * Samples that are references, without a verdict: `no-shock`, T9's regression on the validation runs
 * themselves; `shock-effect`, the shock's own effect on T9's pattern (validation and shock runs paired).
 */
export const REFERENCE_SAMPLES: ReadonlySet<Sample> = new Set(['no-shock', 'shock-effect']);

/** Suffix of the two-lines diagnostics beside T5 and T8 (`T5-two-lines`, …): references, without a verdict. */
export const TWO_LINES = '-two-lines';

/** Whether a row or summary is a reference (no verdict): a reference sample, or a two-lines diagnostic. */
export function isReference(target: string, sample: Sample): boolean {
  return REFERENCE_SAMPLES.has(sample) || target.endsWith(TWO_LINES);
}

/** The target a row belongs to: `T5-two-lines` → `T5` (what `--targets` selects). */
export function targetOf(id: string): string {
  return id.endsWith(TWO_LINES) ? id.slice(0, -TWO_LINES.length) : id;
}

/** Pass rate of one target over its runs, with the threshold it must meet. */
export interface TargetSummary {
  id: string;
  description: string;
  sample: Sample;
  measure: Measure;
  runs: number;
  passRate: number;
  /** Wilson 95% interval of the pass rate over the runs: how far chance alone could move it (NaN, null in JSON, for a single test such as T10's). */
  passRateLow: number;
  passRateHigh: number;
  /** Mean of the per-run statistics that are finite (a z for T1, T2, T4, T8-rising and T9; NaN when none is). */
  meanStatistic: number;
  threshold: string;
  pass: boolean;
  failedRuns: string[];
}

export const DESCRIPTIONS: Record<string, string> = {
  T1: 'cooperation raises all four innovation types (logit, 5%)',
  T2: 'breadth raises all four; incidence non-decreasing across breadth bins; ISS rises with breadth',
  T3: 'complementarity: residual correlations of the four types all positive',
  T4: 'among product/process innovators, ISS rises with breadth',
  T5: 'inverted U of product innovation in SLI (Lind–Mehlum, 5%)',
  T6: 'learning orientation flattens the falling limb (slope at SLI p90)',
  T7: 'dynamism flattens the falling limb (slope at SLI p90)',
  'T8-falling': 'ablation: convergence, lock-in and crowding off → no inverted U (T5 pass rate ≤ 0.2)',
  'T8-rising':
    'ablation: supplier proposals not rising in SLI → no rising limb (significant low-end slope in ≤ 0.2 of runs)',
  'T5-two-lines':
    'T5 by the two-lines test (Robin Hood break): left line rising and right line falling, each at 5% (two-sided)',
  'T8-falling-two-lines': 'T8-falling by the two-lines test: both lines, as for T5',
  'T8-rising-two-lines': 'T8-rising by the two-lines test: the left line rising at 5% (two-sided)',
  T9: 'after a dynamism shock, exit hazard rises with SLI·(1 − LO)',
  T10: 'demand-led subsidy: knowledge providers up strongly, customers/suppliers marginally, competitors not at all',
};

/**
 * The verdict across master seeds, in words: "every target meets its threshold on all 3 seeds", or
 * "T9 fails on every seed; T10 fails on seed 7" (targets in the order given).
 */
export function seedsVerdict(
  seeds: number[],
  ids: string[],
  fails: (seed: number, id: string) => boolean,
): string {
  const failing = ids
    .map((id) => ({ id, on: seeds.filter((s) => fails(s, id)) }))
    .filter((f) => f.on.length > 0);
  if (failing.length === 0) return `every target meets its threshold on all ${seeds.length} seeds`;
  return failing
    .map(
      (f) =>
        `${f.id} fails on ${f.on.length === seeds.length ? 'every seed' : `seed${f.on.length > 1 ? 's' : ''} ${f.on.join(', ')}`}`,
    )
    .join('; ');
}

/**
 * When a validation is smaller than the one the thresholds were calibrated on (scenarios/validation.yaml:
 * firms per run, replicates), what that means for reading its verdict; empty when it is not smaller.
 */
export function smallerThanCalibration(
  size: { firms: number; replicates: number },
  calibration: { firms: number; replicates: number },
): string {
  const fewer = [
    size.firms < calibration.firms &&
      `${size.firms.toLocaleString('en-US')} instead of ${calibration.firms.toLocaleString('en-US')} firms per run`,
    size.replicates < calibration.replicates &&
      `${size.replicates} instead of ${calibration.replicates} replicates`,
  ].filter(Boolean);
  if (fewer.length === 0) return '';
  const why = [
    size.firms < calibration.firms &&
      'a smaller survey gives each test less power, so a pattern that holds is found less often',
    size.replicates < calibration.replicates &&
      `a pass rate from ${size.replicates} run${size.replicates === 1 ? '' : 's'} moves in steps of ${(1 / size.replicates).toFixed(2)}`,
  ].filter(Boolean);
  return `This validation is smaller than the calibration (${fewer.join(', ')}): ${why.join(', and ')}. A miss here says less about the model than a miss at full size.`;
}

/** What `closeCalls` needs of a target's summary (validation.json from before 2026-11-28 has no interval). */
export type PassRateLine = {
  id: string;
  threshold: string;
  passRate: number;
  passRateLow?: number;
  passRateHigh?: number;
};

/** The numeric threshold of a pass rate ('≥ 0.8' → 0.8, '≤ 0.2' → 0.2); undefined for 'holds' and references. */
const thresholdValue = (threshold: string) =>
  /^[≥≤] /.test(threshold) ? Number(threshold.slice(2)) : undefined;

/** Targets whose pass rate's 95% interval holds their threshold: another set of replicates could well decide them the other way. */
export function closeCalls<T extends PassRateLine>(targets: T[]): T[] {
  return targets.filter((t) => {
    const at = thresholdValue(t.threshold);
    // no interval (a single test; NaN, or null once through JSON; or an older validation.json): no close call
    if (at === undefined || !Number.isFinite(t.passRateLow) || !Number.isFinite(t.passRateHigh)) return false;
    return t.passRateLow! <= at && at <= t.passRateHigh!;
  });
}

/** A pass rate as every table and sentence prints it: two decimals ("0.90", "1.00"), as its interval is. */
export const passRateText = (rate: number): string => rate.toFixed(2);

/** A seed's cell in the tables across seeds: the pass rate, ' FAIL' when it misses its threshold, and '*' when it is a close call. */
export function seedCell(t: PassRateLine & { pass: boolean }): string {
  return `${passRateText(t.passRate)}${t.pass ? '' : ' FAIL'}${closeCalls([t]).length > 0 ? '*' : ''}`;
}

/** What the '*' of `seedCell` means. */
export const CLOSE_CALL_LEGEND =
  "* close call: the seed's 95% interval holds the threshold, so another set of replicates could decide it the other way";

/** The 95% interval of a pass rate, as printed: "[0.71, 0.92]"; empty when there is none (summarise gives a single test, such as T10's, none). */
export function passRateInterval(t: PassRateLine): string {
  if (!Number.isFinite(t.passRateLow) || !Number.isFinite(t.passRateHigh)) return '';
  return `[${passRateText(t.passRateLow!)}, ${passRateText(t.passRateHigh!)}]`;
}

/** One sentence on the close calls among decisive targets, or empty when there are none. */
export function closeCallNote(targets: PassRateLine[]): string {
  const close = closeCalls(targets);
  if (close.length === 0) return '';
  const each = close.map((t) => `${t.id} ${passRateText(t.passRate)} ${passRateInterval(t)}`);
  return `Close to the threshold (it lies inside the pass rate's 95% interval, so another set of replicates or another seed could decide ${close.length === 1 ? 'it' : 'them'} the other way): ${each.join(', ')}.`;
}

/** A target's runs over several seeds together: `passes` of `runs`, the rate and its Wilson 95% interval. */
export interface Pooled {
  seeds: number;
  runs: number;
  passes: number;
  passRate: number;
  passRateLow: number;
  passRateHigh: number;
}

/**
 * A target's pass rate over every seed's runs together, as `validate-model --seeds` shows it beside the
 * seeds. It decides nothing (the verdict is per seed); it says what the seeds show together, more
 * precisely than any one. Undefined when no seed has the target.
 */
export function poolPassRates(perSeed: { runs: number; passRate: number }[]): Pooled | undefined {
  if (perSeed.length === 0) return undefined;
  const passes = perSeed.reduce((s, t) => s + Math.round(t.passRate * t.runs), 0);
  const runs = perSeed.reduce((s, t) => s + t.runs, 0);
  const [passRateLow, passRateHigh] = wilsonInterval(passes, runs);
  return { seeds: perSeed.length, runs, passes, passRate: passes / runs, passRateLow, passRateHigh };
}

/** The pooled pass rate as printed: "0.84 [0.77, 0.89]", or "3 of 3 seeds" for a target that is one test per seed (T10). */
export function pooledPassRate(perSeed: { runs: number; passRate: number }[]): string {
  const p = poolPassRates(perSeed);
  if (!p) return '';
  if (p.runs === p.seeds) return `${p.passes} of ${p.seeds} seeds`;
  return `${passRateText(p.passRate)} [${passRateText(p.passRateLow)}, ${passRateText(p.passRateHigh)}]`;
}

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
    // a survey of 300 firms or fewer is its own paper-scale sample: say so rather than let it look like another one
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

/** T8-falling on one run of the ablation without the falling-limb mechanisms: T5 must not hold; with its two-lines diagnostic. */
export function fallingRowsOfRun(runId: string, rows: Row[]): ValidationRow[] {
  return [
    { ...t5(rows), target: 'T8-falling', runId, sample: 'full', measure: 'likert' },
    { ...t5TwoLines(rows, `T8-falling${TWO_LINES}`), runId, sample: 'full', measure: 'likert' },
  ];
}

/** T8-rising on one run of the ablation with supplier proposals flat in depth: the low-end slope must not be positive; with the two-lines diagnostic (is the left line still rising?). */
export function risingRowsOfRun(runId: string, rows: Row[]): ValidationRow[] {
  const r = t5(rows);
  const tLow = r.details?.tLow ?? NaN;
  const two = t5TwoLines(rows, `T8-rising${TWO_LINES}`);
  const [zLow, pLow] = [two.details?.zLow ?? NaN, two.details?.pLow ?? NaN];
  return [
    {
      target: 'T8-rising',
      statistic: tLow,
      pValue: NaN,
      pass: tLow > 1.645,
      note: r.note,
      runId,
      sample: 'full',
      measure: 'likert',
    },
    {
      ...two,
      statistic: zLow,
      pValue: pLow,
      pass: zLow > 0 && pLow < 0.05,
      runId,
      sample: 'full',
      measure: 'likert',
    },
  ];
}

/** One run's survey to estimate on: which targets (`kind`), whose run, its rows; the master seed draws the paper-scale sample. */
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

/**
 * Pass rates per target, sample and measure. Ablations must pass rarely (≤ 0.2), the rest often (≥ 0.8);
 * a reference (a reference sample or a two-lines diagnostic, `isReference`) has no threshold: its `pass`
 * only says whether it would have met the threshold of the target it stands beside.
 */
export function summarise(rows: ValidationRow[]): TargetSummary[] {
  const keys = [...new Set(rows.map((r) => `${r.target}|${r.sample}|${r.measure}`))];
  return keys.map((key) => {
    const [id, sampleName, measure] = key.split('|') as [string, Sample, Measure];
    const rs = rows.filter((r) => r.target === id && r.sample === sampleName && r.measure === measure);
    const passed = rs.filter((r) => r.pass).length;
    const passRate = passed / rs.length;
    const [passRateLow, passRateHigh] = rs.length > 1 ? wilsonInterval(passed, rs.length) : [NaN, NaN];
    const meanStatistic = mean(rs.map((r) => r.statistic).filter(Number.isFinite));
    const ablation = id.startsWith('T8');
    const pass = ablation ? passRate <= 0.2 : id === 'T10' ? passRate === 1 : passRate >= 0.8;
    const failedRuns = rs.filter((r) => (ablation ? r.pass : !r.pass)).map((r) => r.runId);
    const threshold = isReference(id, sampleName)
      ? 'reference'
      : ablation
        ? '≤ 0.2'
        : id === 'T10'
          ? 'holds'
          : '≥ 0.8';
    return {
      id,
      description: DESCRIPTIONS[id] ?? id,
      sample: sampleName,
      measure,
      runs: rs.length,
      passRate,
      passRateLow,
      passRateHigh,
      meanStatistic,
      threshold,
      pass,
      failedRuns,
    };
  });
}
