/** Small summary statistics: mean, sd, t-based and bootstrap confidence intervals. */
import jstatPkg from 'jstat';
import type { Rng } from '../../sim/rng.js';

const { jStat } = jstatPkg;

/**
 * Upper tail of the standard normal, P(Z > z), accurate in relative terms far into the tail: 1 − Φ(z)
 * keeps no digit beyond z ≈ 8 (a p-value of 1e-19 would come out as 0), so from z = 3 on it is
 * φ(z) over Laplace's continued fraction z + 1/(z + 2/(z + 3/(z + …))), taken 80 terms deep
 * (relative error below 1e-12 against scipy's norm.sf, tested). A two-sided p-value is 2·normalTail(|z|).
 */
export function normalTail(z: number): number {
  if (!(z >= 3)) return 1 - jStat.normal.cdf(z, 0, 1);
  let t = z;
  for (let k = 80; k >= 1; k--) t = z + k / t;
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) / t;
}

/**
 * Wilson's score interval for a proportion of k successes in n trials (statsmodels'
 * `proportion_confint(method='wilson')`): unlike the normal approximation it stays inside [0, 1] and
 * keeps its coverage near 0 and 1, where validation pass rates live.
 */
export function wilsonInterval(k: number, n: number, level = 0.95): [lo: number, hi: number] {
  if (!(n > 0) || !(k >= 0 && k <= n)) return [NaN, NaN];
  const z = jStat.normal.inv(1 - (1 - level) / 2, 0, 1);
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Mean, sd and a confidence interval of a sample. */
export interface Interval {
  n: number;
  mean: number;
  sd: number;
  lo: number;
  hi: number;
}

/**
 * The two-sided critical value of Student's t on `df` degrees of freedom at confidence `level` (2.26 for df 9
 * at 95%).
 */
export function tCritical(df: number, level = 0.95): number {
  return jStat.studentt.inv(1 - (1 - level) / 2, df);
}

/**
 * Two-sided p-value of a t statistic on `df` degrees of freedom, from the lower tail (1 − cdf would lose tiny
 * p-values).
 */
export function tTwoSided(t: number, df: number): number {
  return 2 * jStat.studentt.cdf(-Math.abs(t), df);
}

/**
 * Two-sided p-value of a rank (or Pearson) correlation r over n points, by the t approximation that
 * scipy.stats.spearmanr uses: t = r·√((n − 2)/(1 − r²)) on n − 2 degrees of freedom. NaN for n < 3 or r NaN.
 */
export function correlationP(r: number, n: number): number {
  if (!(n >= 3) || !Number.isFinite(r)) return NaN;
  if (Math.abs(r) >= 1) return 0;
  return tTwoSided(r * Math.sqrt((n - 2) / (1 - r * r)), n - 2);
}

/** The smallest |r| over n points that correlationP calls significant at `alpha` (two-sided). */
export function criticalCorrelation(n: number, alpha = 0.05): number {
  if (!(n >= 3)) return NaN;
  const t = jStat.studentt.inv(1 - alpha / 2, n - 2);
  return t / Math.sqrt(n - 2 + t * t);
}

/** Mean of numbers (NaN for none). */
export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length > 0 ? s / xs.length : NaN;
}

/** Sample standard deviation (NaN below two values). */
export function sd(xs: ArrayLike<number>): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i]! - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** t-based confidence interval of the mean (NaN bounds below two values). */
export function tInterval(xs: ArrayLike<number>, level = 0.95): Interval {
  const n = xs.length;
  const m = mean(xs);
  const s = sd(xs);
  if (n < 2) return { n, mean: m, sd: s, lo: NaN, hi: NaN };
  const half = tCritical(n - 1, level) * (s / Math.sqrt(n));
  return { n, mean: m, sd: s, lo: m - half, hi: m + half };
}

/** Percentile bootstrap interval of a statistic (default: the mean), from a seeded stream. */
export function bootstrapInterval(
  xs: ArrayLike<number>,
  rng: Rng,
  level = 0.95,
  resamples = 2000,
  stat: (v: Float64Array) => number = mean,
): Interval {
  const n = xs.length;
  const base: Interval = { n, mean: mean(xs), sd: sd(xs), lo: NaN, hi: NaN };
  if (n < 2) return base;
  const draws = new Float64Array(resamples);
  const sample = new Float64Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) sample[i] = xs[Math.floor(rng() * n)]!;
    draws[b] = stat(sample);
  }
  draws.sort();
  return {
    ...base,
    lo: quantileSorted(draws, (1 - level) / 2),
    hi: quantileSorted(draws, 1 - (1 - level) / 2),
  };
}

/** Linear-interpolation quantile of sorted values (type 7, as R and numpy). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Quantile of unsorted values. */
export function quantile(xs: ArrayLike<number>, p: number): number {
  return quantileSorted(Float64Array.from(xs).sort(), p);
}
