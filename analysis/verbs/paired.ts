/**
 * Paired policy-vs-baseline differences per outcome, replicate by replicate, with t-based 95% CIs and the
 * smallest difference the replicates can detect (a minimum detectable difference at 80% power).
 */
import jstatPkg from 'jstat';
import { mean, tCritical, tInterval, tTwoSided } from './stats.js';

const { jStat } = jstatPkg;

/** One outcome's paired comparison. */
export interface PairedDifference {
  outcome: string;
  n: number;
  baselineMean: number;
  policyMean: number;
  diffMean: number;
  diffSd: number;
  ciLow: number;
  ciHigh: number;
  pValue: number;
  /**
   * The smallest true mean difference that the paired t-test (two-sided, at 1 − level) detects with
   * probability `power` (80%), given n pairs and this diffSd: a CI that includes 0 says little about
   * effects smaller than this. NaN with one pair.
   */
  detectable: number;
}

type Row = Record<string, unknown>;

/** What the terminal and the report say when a comparison has fewer than two pairs, so no CI. */
export const SINGLE_PAIR =
  'One replicate gives no confidence interval (that needs the spread between replicates), so ' +
  'no difference can be told apart from chance: run compare with --replicates 10 or more.';

/**
 * What the terminal says under the table (and the report after its reading) about the `detectable`
 * column: a CI that includes 0 is not evidence of no effect, and how many replicates halve it.
 */
export function detectableNote(n: number): string {
  return (
    `detectable: the smallest difference that ${n} replicate pairs show (its 95% CI ` +
    'excluding 0) 8 times in 10. A CI that includes 0 does not rule out an effect smaller ' +
    `than that; four times the replicates halve it (--replicates ${4 * n}).`
  );
}

/**
 * The minimum detectable difference of a paired (one-sample) t-test in units of the differences'
 * standard deviation: the effect size d = δ/σ at which the two-sided test at 1 − `level` rejects with
 * probability `power`, solved exactly on the noncentral t distribution (noncentrality d·√n, n − 1
 * degrees of freedom), as statsmodels' `TTestPower().solve_power` does. About 1.0 at n = 10 and 0.40
 * at n = 50, roughly halving when n is quadrupled. NaN for n < 2.
 */
export function detectableEffectSize(n: number, level = 0.95, power = 0.8): number {
  if (!(n >= 2)) return NaN;
  const df = n - 1;
  const tq = tCritical(df, level);
  const powerAt = (ncp: number) =>
    1 - jStat.noncentralt.cdf(tq, df, ncp) + jStat.noncentralt.cdf(-tq, df, ncp);
  let lo = 0;
  let hi = 1;
  while (powerAt(hi) < power) hi *= 2; // power rises with the noncentrality, from 1 − level at 0 to 1
  for (let k = 0; k < 200 && hi - lo > 1e-12 * hi; k++) {
    const mid = (lo + hi) / 2;
    if (powerAt(mid) < power) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2 / Math.sqrt(n);
}

/**
 * Pair rows by `key` (the replicate number: same seed, same world) and summarise policy − baseline.
 * With fewer than two pairs the CI and p-value are NaN (reported as such, never invented).
 */
export function pairedDifferences(
  baseline: Row[],
  policy: Row[],
  outcomes: string[],
  key = 'replicate',
  level = 0.95,
): PairedDifference[] {
  const base = new Map(baseline.map((r) => [String(r[key]), r]));
  const pairs = policy
    .filter((r) => base.has(String(r[key])))
    .map((r) => [base.get(String(r[key]))!, r] as const);
  const effectSize = detectableEffectSize(pairs.length, level);
  return outcomes.map((outcome) => {
    const b = pairs.map(([x]) => Number(x[outcome]));
    const p = pairs.map(([, y]) => Number(y[outcome]));
    const d = p.map((v, k) => v - b[k]!);
    const { n, mean: diffMean, sd: diffSd, lo: ciLow, hi: ciHigh } = tInterval(d, level);
    const se = diffSd / Math.sqrt(n);
    const pValue =
      n > 1 && Number.isFinite(diffMean)
        ? se > 0
          ? tTwoSided(diffMean / se, n - 1)
          : diffMean === 0
            ? 1
            : 0
        : NaN;
    return {
      outcome,
      n,
      baselineMean: mean(b),
      policyMean: mean(p),
      diffMean,
      diffSd,
      ciLow,
      ciHigh,
      pValue,
      detectable: effectSize * diffSd,
    };
  });
}
