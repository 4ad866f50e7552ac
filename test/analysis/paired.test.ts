import { describe, expect, it } from 'vitest';
import { pairedDifferences } from '../../analysis/verbs/paired.js';

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
    const [d] = pairedDifferences(diffs.map((_, k) => ({ replicate: k, y: 0 })), diffs.map((v, k) => ({ replicate: k, y: v })), ['y']);
    expect(Math.abs(d!.pValue / 3.1815417789482903e-44 - 1)).toBeLessThan(1e-6);
  });

  it('reports NaN, not an invented interval, with a single pair', () => {
    const [d] = pairedDifferences([{ replicate: 1, y: 1 }], [{ replicate: 1, y: 2 }], ['y']);
    expect(d!.diffMean).toBe(1);
    expect(Number.isNaN(d!.ciLow)).toBe(true);
  });
});
