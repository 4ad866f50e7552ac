/**
 * What every validation target shares: its result on one run, the measure its regressions use (Likert or
 * true values), how its standard errors treat the surveyed firms, and how an estimation failure becomes a
 * failed result with the reason.
 */
import { EstimationError } from '../verbs/glm.js';

type Row = Record<string, unknown>;

/** Which measure of LO, SLI and dynamism the regressions use. */
export type Measure = 'likert' | 'true';

/** One target evaluated on one run. */
export interface TargetResult {
  target: string;
  statistic: number;
  pValue: number;
  pass: boolean;
  note: string;
  /** Named intermediate numbers (e.g. Lind–Mehlum end-slope t values), for targets built on this one. */
  details?: Record<string, number>;
}

/** The rescaled measure of a construct: Likert (1–7 → 0–1) or the true value. */
export function measureOf(construct: 'lo' | 'sli' | 'dyn', m: Measure): (r: Row) => number {
  return m === 'likert'
    ? (r) => (Number(r[`${construct}_likert`]) - 1) / 6
    : (r) => Number(r[`${construct}_true`]);
}

/**
 * How a target's standard errors treat the surveyed firms. Undefined: as independent observations, as the
 * decisive tests are defined. A function: clustered by the group it returns for a row (the sandwich
 * with statsmodels' and Stata's small-sample factor), for the `clustered` rows of validation.csv.
 */
export type Clusters = ((r: Row) => string) | undefined;

/**
 * A firm's regional industry (sector × region): the firms in one share a technology landscape, a market
 * and a dynamism multiplier, so their outcomes are correlated in ways that sector and region dummies
 * (additive) do not remove.
 */
export const regionalIndustry = (r: Row): string => `${String(r.sector)}|${String(r.region)}`;

/** fitGlm's options for a design's rows: cluster labels when clustering, else `base`. */
export function inference(
  rows: Row[],
  clusters: Clusters,
  base: { robust?: boolean } = {},
): { robust?: boolean; clusters?: string[] } {
  return clusters ? { ...base, clusters: rows.map(clusters) } : base;
}

/** What a clustered result adds to its note: the number of clusters the standard errors rest on. */
export const clusterNote = (rows: Row[], clusters: Clusters) =>
  clusters ? `; SEs clustered by regional industry (${new Set(rows.map(clusters)).size} clusters)` : '';

/** Run a target body, turning an estimation failure into a failed result with the reason. */
export function guarded(target: string, body: () => TargetResult): TargetResult {
  try {
    return body();
  } catch (err) {
    if (!(err instanceof EstimationError)) throw err;
    return { target, statistic: NaN, pValue: NaN, pass: false, note: `not estimable: ${err.message}` };
  }
}

/** What a note adds when categories were dropped for predicting the outcome perfectly. */
export const dropNote = (dropped: string[]) =>
  dropped.length ? `; dropped for perfect prediction: ${dropped.join(', ')}` : '';
