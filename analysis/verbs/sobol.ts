/**
 * Sobol' sensitivity indices from a Saltelli design: first order (Saltelli et al. 2010) and total
 * order (Jansen 1999), with percentile bootstrap intervals over the base rows (seeded).
 */
import { type Rng, makeStream } from '../../sim/rng.js';
import { mean, quantileSorted } from './stats.js';

/** The model outputs of one base row: f(A), f(B) and f(AB_i) for each parameter i. */
export interface SaltelliRow {
  fA: number;
  fB: number;
  fAB: number[];
}

/** Indices of one parameter. */
export interface SobolIndex {
  parameter: string;
  first: number;
  firstLo: number;
  firstHi: number;
  total: number;
  totalLo: number;
  totalHi: number;
}

function estimate(rows: SaltelliRow[], i: number): [first: number, total: number] {
  const all = rows.flatMap((r) => [r.fA, r.fB]);
  const m = mean(all);
  const variance = all.reduce((a, v) => a + (v - m) ** 2, 0) / all.length;
  if (variance === 0) return [0, 0];
  const first = mean(rows.map((r) => r.fB * (r.fAB[i]! - r.fA))) / variance;
  const total = mean(rows.map((r) => (r.fA - r.fAB[i]!) ** 2)) / (2 * variance);
  return [first, total];
}

/** First- and total-order indices of each parameter with 95% bootstrap intervals. */
export function sobolIndices(
  rows: SaltelliRow[],
  parameters: string[],
  resamples = 500,
  seed = 1,
): SobolIndex[] {
  const rng: Rng = makeStream(seed, 'sobol-bootstrap');
  const n = rows.length;
  const boot = parameters.map(() => ({
    first: new Float64Array(resamples),
    total: new Float64Array(resamples),
  }));
  for (let b = 0; b < resamples; b++) {
    const sample = Array.from({ length: n }, () => rows[Math.floor(rng() * n)]!);
    parameters.forEach((_, i) => {
      const [f, t] = estimate(sample, i);
      boot[i]!.first[b] = f;
      boot[i]!.total[b] = t;
    });
  }
  return parameters.map((parameter, i) => {
    const [first, total] = estimate(rows, i);
    const f = boot[i]!.first.sort();
    const t = boot[i]!.total.sort();
    return {
      parameter,
      first,
      firstLo: quantileSorted(f, 0.025),
      firstHi: quantileSorted(f, 0.975),
      total,
      totalLo: quantileSorted(t, 0.025),
      totalHi: quantileSorted(t, 0.975),
    };
  });
}
