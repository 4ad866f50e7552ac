/**
 * What a validation row is and how rows become pass rates: the decisive targets (T1–T8, T10), the stricter
 * readings beside them (a paper-scale sample, clustered standard errors, the two-lines test, the true
 * values), and the references without a threshold (T9, a prediction, and its two references). The targets
 * themselves are defined in docs/VALIDATION.md.
 */
import { mean, wilsonInterval } from '../verbs/stats.js';
import type { Measure, TargetResult } from './targetEstimation.js';

/**
 * `full`: the whole survey. `paper-300` and `clustered` (T1, T2, T4, T5 with SEs clustered by regional
 * industry): the same targets read another way. `no-shock`, `shock-effect`: T9's references.
 */
export type Sample = 'full' | 'paper-300' | 'no-shock' | 'shock-effect' | 'clustered';

/** One row of validation.csv. */
export interface ValidationRow extends TargetResult {
  runId: string;
  sample: Sample;
  measure: Measure;
}

/** T9's references: its regression on the runs without the shock, and the shock's own effect (paired). */
export const REFERENCE_SAMPLES: ReadonlySet<Sample> = new Set(['no-shock', 'shock-effect']);

/** Suffix of the two-lines readings beside T5 and T8-falling (`T5-two-lines`, …). */
export const TWO_LINES = '-two-lines';

/** Suffix of the quadratic test's reading of T8-rising, kept beside the two-lines verdict. */
export const QUADRATIC = '-quadratic';

/** T9 is a prediction the surveys did not test: reported with its references, never a verdict. */
export const PREDICTIONS: ReadonlySet<string> = new Set(['T9']);

/** The target a row belongs to: `T5-two-lines` → `T5`, `T8-rising-quadratic` → `T8-rising`. */
export function targetOf(id: string): string {
  for (const suffix of [TWO_LINES, QUADRATIC]) if (id.endsWith(suffix)) return id.slice(0, -suffix.length);
  return id;
}

/** Whether a row or summary has no threshold at all: T9 (a prediction) and its references. */
export function isReference(target: string, sample: Sample): boolean {
  return REFERENCE_SAMPLES.has(sample) || PREDICTIONS.has(targetOf(target));
}

/**
 * Whether a summary decides the verdict: the full survey with its Likert measures (T1–T7), each
 * ablation by its decisive test, and T10. Everything else is a stricter or another reading, or a reference.
 */
export function isDecisive(t: { id: string; sample: Sample; measure: Measure }): boolean {
  if (t.sample !== 'full' || isReference(t.id, t.sample) || targetOf(t.id) !== t.id) return false;
  return t.measure === 'likert' || !/^T[1-7]$/.test(t.id);
}

/** Pass rate of one target over its runs, with the threshold it must meet. */
export interface TargetSummary {
  id: string;
  description: string;
  sample: Sample;
  measure: Measure;
  runs: number;
  passRate: number;
  /** Wilson 95% interval of the pass rate (NaN, null in JSON, for a single test such as T10's). */
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
    'ablation: supplier proposals flat in SLI → no rising limb (two-lines test: a significant rising ' +
    'left line in ≤ 0.2 of runs)',
  'T5-two-lines':
    'T5 by the two-lines test (Robin Hood break): left line rising and right line falling, each at 5% ' +
    '(two-sided)',
  'T8-falling-two-lines': 'T8-falling by the two-lines test: both lines, as for T5',
  'T8-rising-quadratic':
    'T8-rising by the quadratic test: a significant positive slope at the lowest SLI (it also calls a ' +
    'flat-then-falling curve rising)',
  T9: 'prediction, no verdict: after a dynamism shock, exit hazard rises with SLI·(1 − LO)',
  T10:
    'demand-led subsidy: knowledge providers up strongly, customers/suppliers marginally, competitors ' +
    'not at all',
};

/** What a target's pass rate must meet: ≤ 0.2 for the ablations, every test for T10, else ≥ 0.8. */
export function thresholdOf(id: string, sample: Sample): string {
  if (isReference(id, sample)) return 'reference';
  if (id.startsWith('T8')) return '≤ 0.2';
  return id === 'T10' ? 'holds' : '≥ 0.8';
}

/**
 * Pass rates per target, sample and measure. Ablations must pass rarely (≤ 0.2), the rest often (≥ 0.8);
 * a reference has no threshold: its `pass` only says whether it would have met ≥ 0.8.
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
      threshold: thresholdOf(id, sampleName),
      pass,
      failedRuns,
    };
  });
}

/**
 * The stricter readings a referee asks for, shown per seed: 300 firms, clustered SEs, two lines (and the
 * quadratic reading of T8-rising).
 */
export function stricterReadings(summaries: TargetSummary[]): TargetSummary[] {
  const wanted = (t: TargetSummary) =>
    (t.sample === 'paper-300' && t.measure === 'likert') ||
    t.sample === 'clustered' ||
    (t.sample === 'full' && (t.id.endsWith('-two-lines') || t.id.endsWith('-quadratic')));
  return summaries.filter(wanted);
}
