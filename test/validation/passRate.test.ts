import { describe, expect, it } from 'vitest';
import { summarise, type ValidationRow } from '../../analysis/validation/summary.js';
import {
  closeCallNote,
  closeCalls,
  passRateInterval,
  seedCell,
  poolPassRates,
  pooledPassRate,
} from '../../analysis/validation/wording.js';
import { wilsonInterval } from '../../analysis/verbs/stats.js';

describe("a pass rate's 95% interval", () => {
  it("is Wilson's score interval, as statsmodels' proportion_confint(method='wilson') gives it", () => {
    // /usr/bin/python3 -c "from statsmodels.stats.proportion import proportion_confint as pc; print(pc(42, 50, alpha=0.05, method='wilson'))" (statsmodels 0.13.5)
    const reference: [k: number, n: number, lo: number, hi: number][] = [
      [42, 50, 0.7148578393696499, 0.9166257932196658],
      [39, 50, 0.6475845041874633, 0.8724608402978558],
      [50, 50, 0.9286524008666412, 1.0],
      [0, 50, 0.0, 0.07134759913335874],
      [13, 50, 0.15871527493552381, 0.39553157264848826],
      [4, 5, 0.3755346297625252, 0.9637758913675698],
    ];
    for (const [k, n, lo, hi] of reference) {
      const [a, b] = wilsonInterval(k, n);
      expect(a, `${k}/${n} low`).toBeCloseTo(lo, 12);
      expect(b, `${k}/${n} high`).toBeCloseTo(hi, 12);
    }
    expect(wilsonInterval(0, 0)).toEqual([NaN, NaN]);
  });

  const rows = (target: string, passes: number, runs: number): ValidationRow[] =>
    Array.from({ length: runs }, (_, i) => ({
      target,
      runId: `v/r${String(i + 1).padStart(3, '0')}`,
      sample: 'full',
      measure: 'likert',
      statistic: 1,
      pValue: 0.01,
      pass: i < passes,
      note: '',
    }));

  it('is in every summary, and a target whose interval holds its threshold is a close call', () => {
    const summaries = summarise([
      ...rows('T1', 50, 50),
      ...rows('T6', 42, 50),
      ...rows('T8-rising', 10, 50),
      ...rows('T8-falling', 1, 50),
    ]);
    const t6 = summaries.find((s) => s.id === 'T6')!;
    expect([t6.passRateLow, t6.passRateHigh]).toEqual(wilsonInterval(42, 50));
    expect(passRateInterval(t6)).toBe('[0.71, 0.92]');
    // 0.84 passes, but 0.8 is inside [0.71, 0.92]; the rising-limb ablation's 0.2 is inside [0.11, 0.33]; T1's 1.00 [0.93, 1] and the falling one's 0.02 [0.00, 0.10] are clear
    expect(closeCalls(summaries).map((s) => s.id)).toEqual(['T6', 'T8-rising']);
    expect(closeCallNote(summaries)).toBe(
      "Close to the threshold (it lies inside the pass rate's 95% interval, so another set of replicates or another seed could decide them the other way): T6 0.84 [0.71, 0.92], T8-rising 0.20 [0.11, 0.33].",
    );
    expect(closeCallNote(summaries.filter((s) => s.id === 'T1'))).toBe('');
    // the cells of the table across seeds: a close call is starred, whether it passes or not
    expect(
      ['T1', 'T6', 'T8-rising', 'T8-falling'].map((id) => seedCell(summaries.find((s) => s.id === id)!)),
    ).toEqual(['1.00', '0.84*', '0.20*', '0.02']);
    const [t6Low] = summarise(rows('T6', 39, 50)); // 0.78 [0.65, 0.87]: misses, but narrowly
    expect(seedCell(t6Low!)).toBe('0.78 FAIL*');
    const [t9] = summarise(rows('T9', 13, 50)); // 0.26 [0.16, 0.40]: a clear miss
    expect(seedCell(t9!)).toBe('0.26 FAIL');
  });

  it('pools several seeds: their runs together, or a count of seeds for a target that is one test per seed', () => {
    // 0.84, 0.82 and 0.86 of 50 runs: 126 of 150, Wilson [0.7726, 0.8896] (statsmodels)
    expect(
      pooledPassRate([
        { runs: 50, passRate: 0.84 },
        { runs: 50, passRate: 0.82 },
        { runs: 50, passRate: 0.86 },
      ]),
    ).toBe('0.84 [0.77, 0.89]');
    expect(
      pooledPassRate([
        { runs: 1, passRate: 1 },
        { runs: 1, passRate: 0 },
        { runs: 1, passRate: 1 },
      ]),
    ).toBe('2 of 3 seeds'); // T10
    expect(pooledPassRate([])).toBe('');
    expect(
      poolPassRates([
        { runs: 50, passRate: 0.84 },
        { runs: 50, passRate: 0.82 },
        { runs: 50, passRate: 0.86 },
      ]),
    ).toEqual({
      seeds: 3,
      runs: 150,
      passes: 126,
      passRate: 0.84,
      passRateLow: wilsonInterval(126, 150)[0],
      passRateHigh: wilsonInterval(126, 150)[1],
    });
  });

  it('is left out where a target is one paired test, not a rate over runs (T10), and for references', () => {
    const [t10] = summarise([
      { ...rows('T10', 1, 1)[0]!, runId: 'all replicates (paired)', measure: 'true' },
    ]);
    expect(passRateInterval(t10!)).toBe('');
    expect(JSON.parse(JSON.stringify(t10))).toMatchObject({ passRateLow: null, passRateHigh: null }); // validation.json: no interval, not [0.21, 1] from a single test
    expect(closeCalls([t10!])).toEqual([]);
    const [reference] = summarise(rows('T9', 20, 50).map((r) => ({ ...r, sample: 'no-shock' as const })));
    expect(reference!.threshold).toBe('reference');
    expect(closeCalls([reference!])).toEqual([]);
    // validation.json written before the interval existed: no interval, no close call, no error
    expect(passRateInterval({ id: 'T6', threshold: '≥ 0.8', passRate: 0.84 })).toBe('');
    expect(closeCalls([{ id: 'T6', threshold: '≥ 0.8', passRate: 0.84 }])).toEqual([]);
    const single = JSON.parse(JSON.stringify(summarise(rows('T6', 1, 1))[0])); // --replicates 1: a rate over one run, read back from validation.json
    expect([single.passRateLow, closeCalls([single]), passRateInterval(single)]).toEqual([null, [], '']);
  });
});
