import { describe, expect, it } from 'vitest';
import { detectableEffectSize, pairedDifferences } from '../../analysis/verbs/paired.js';

describe('pairedDifferences', () => {
  it('pairs by replicate and gives the t-based 95% CI of the mean difference', () => {
    const base = [1, 2, 3, 4, 5].map((v, k) => ({ replicate: k + 1, y: v }));
    const policy = [1.5, 2.1, 3.9, 4.2, 5.8].map((v, k) => ({ replicate: k + 1, y: v })).reverse(); // row order does not matter
    const [d] = pairedDifferences(base, policy, ['y']);
    // differences 0.5, 0.1, 0.9, 0.2, 0.8: mean 0.5, sd 0.353553, t(0.975, 4) = 2.776445
    expect(d!.n).toBe(5);
    expect(d!.diffMean).toBeCloseTo(0.5, 12);
    expect(d!.diffSd).toBeCloseTo(0.3535534, 6);
    expect(d!.ciLow).toBeCloseTo(0.5 - 2.776445 * (0.3535534 / Math.sqrt(5)), 5);
    expect(d!.ciHigh).toBeCloseTo(0.5 + 2.776445 * (0.3535534 / Math.sqrt(5)), 5);
    expect(d!.pValue).toBeGreaterThan(0.02);
    expect(d!.pValue).toBeLessThan(0.05);
  });

  it('keeps a tiny p-value instead of rounding it to 0 (scipy.stats.ttest_1samp: 3.1815417789482903e-44)', () => {
    const diffs = Array.from({ length: 31 }, (_, k) => 1 + 0.01 * (((k * 7) % 13) - 6));
    const [d] = pairedDifferences(
      diffs.map((_, k) => ({ replicate: k, y: 0 })),
      diffs.map((v, k) => ({ replicate: k, y: v })),
      ['y'],
    );
    expect(Math.abs(d!.pValue / 3.1815417789482903e-44 - 1)).toBeLessThan(1e-6);
  });

  it('reports NaN, not an invented interval, with a single pair', () => {
    const [d] = pairedDifferences([{ replicate: 1, y: 1 }], [{ replicate: 1, y: 2 }], ['y']);
    expect(d!.diffMean).toBe(1);
    expect(Number.isNaN(d!.ciLow)).toBe(true);
  });

  it('gives the minimum detectable difference at 80% power as scipy does (noncentral t solved by brentq)', () => {
    // scipy 1.17: brentq(lambda c: nct.sf(tc, n-1, c) + nct.cdf(-tc, n-1, c) - 0.8, ...) / sqrt(n), tc = t.ppf(0.975, n-1)
    const scipy: [number, number][] = [
      [2, 11.549888435882329],
      [3, 3.2640435496995703],
      [5, 1.6819969659555547],
      [10, 0.9960013714554437],
      [20, 0.6604416546230263],
      [50, 0.4041830021360424],
      [200, 0.19906417540672033],
      [500, 0.12553231954669003],
    ];
    for (const [n, d] of scipy)
      expect(Math.abs(detectableEffectSize(n) / d - 1), `n = ${n}`).toBeLessThan(1e-6);
    expect(detectableEffectSize(1)).toBeNaN();
    // in outcome units: the effect size times the paired differences' sd (0.3535534 in the first test)
    const base = [1, 2, 3, 4, 5].map((v, k) => ({ replicate: k + 1, y: v }));
    const policy = [1.5, 2.1, 3.9, 4.2, 5.8].map((v, k) => ({ replicate: k + 1, y: v }));
    expect(pairedDifferences(base, policy, ['y'])[0]!.detectable).toBeCloseTo(
      1.6819969659555547 * 0.3535534,
      6,
    );
    expect(
      pairedDifferences([{ replicate: 1, y: 1 }], [{ replicate: 1, y: 2 }], ['y'])[0]!.detectable,
    ).toBeNaN();
  });
});
