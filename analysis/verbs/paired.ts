/** Paired policy-vs-baseline differences per outcome, replicate by replicate, with t-based 95% CIs. */
import jstatPkg from 'jstat';

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
}

type Row = Record<string, unknown>;

/** What the terminal and the report say when a comparison has fewer than two pairs, so no CI. */
export const SINGLE_PAIR =
  'One replicate gives no confidence interval (that needs the spread between replicates), so no difference can be told apart from chance: run compare with --replicates 10 or more.';

/**
 * Pair rows by `key` (the replicate number: same seed, same world) and summarise policy − baseline.
 * With fewer than two pairs the CI and p-value are NaN (reported as such, never invented).
 */
export function pairedDifferences(baseline: Row[], policy: Row[], outcomes: string[], key = 'replicate', level = 0.95): PairedDifference[] {
  const base = new Map(baseline.map((r) => [String(r[key]), r]));
  const pairs = policy.filter((r) => base.has(String(r[key]))).map((r) => [base.get(String(r[key]))!, r] as const);
  return outcomes.map((outcome) => {
    const b = pairs.map(([x]) => Number(x[outcome]));
    const p = pairs.map(([, y]) => Number(y[outcome]));
    const d = p.map((v, k) => v - b[k]!);
    const n = d.length;
    const mean = (xs: number[]) => xs.reduce((a, v) => a + v, 0) / xs.length;
    const diffMean = mean(d);
    const diffSd = n > 1 ? Math.sqrt(d.reduce((a, v) => a + (v - diffMean) ** 2, 0) / (n - 1)) : NaN;
    let ciLow = NaN;
    let ciHigh = NaN;
    let pValue = NaN;
    if (n > 1) {
      const se = diffSd / Math.sqrt(n);
      const tq = jStat.studentt.inv(1 - (1 - level) / 2, n - 1);
      ciLow = diffMean - tq * se;
      ciHigh = diffMean + tq * se;
      pValue = se > 0 ? 2 * jStat.studentt.cdf(-Math.abs(diffMean / se), n - 1) : diffMean === 0 ? 1 : 0; // the lower tail keeps tiny p-values, 1 − cdf does not
    }
    return { outcome, n, baselineMean: mean(b), policyMean: mean(p), diffMean, diffSd, ciLow, ciHigh, pValue };
  });
}
