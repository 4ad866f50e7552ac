import { describe, expect, it } from 'vitest';
import { BOUGHT, perOutlay } from '../../analysis/verbs/costEffect.js';
import { tInterval } from '../../analysis/verbs/stats.js';
import { costSection } from '../../analysis/report/costSection.js';
import type { CompareRow } from '../../analysis/figures/forest.js';

/** A runs.csv row with the columns cost-effectiveness reads. */
const run = (replicate: number, outlay: number | null, innoProduct: number, sales: number) => ({
  replicate,
  firms: 100,
  outlay_total: outlay,
  inno_product: innoProduct,
  inno_process: 0.3,
  inno_org: 0.2,
  inno_marketing: 0.1,
  innovative_sales: sales,
});

describe('cost-effectiveness', () => {
  const base = [run(1, 0, 0.5, 1000), run(2, 0, 0.4, 1100), run(3, 0, 0.45, 900)];

  it('a fixed outlay: per unit outlay is the paired difference and its CI divided by the outlay', () => {
    const policy = [run(1, 200, 0.55, 1100), run(2, 200, 0.46, 1150), run(3, 200, 0.52, 1000)];
    const byName = Object.fromEntries(perOutlay(base, policy).map((c) => [c.outcome, c]));
    // additional product innovators: 5, 6, 7 firms (share × 100 firms) for 200 units each
    const innovators = tInterval([5, 6, 7]);
    expect(byName.innovators_product_per_outlay!.ratio).toBeCloseTo(6 / 200, 12);
    expect(byName.innovators_product_per_outlay!.ciLow).toBeCloseTo(innovators.lo / 200, 12);
    expect(byName.innovators_product_per_outlay!.ciHigh).toBeCloseTo(innovators.hi / 200, 12);
    expect(byName.innovative_sales_per_outlay!.ratio).toBeCloseTo((100 + 50 + 100) / 3 / 200, 12);
    expect(byName.innovators_process_per_outlay!.ratio).toBe(0); // same share in both
  });

  it('a varying outlay: the ratio of mean differences, with a delta-method interval around it', () => {
    const policy = [run(1, 100, 0.55, 1000), run(2, 300, 0.46, 1100), run(3, 200, 0.52, 900)];
    const c = perOutlay(base, policy).find((r) => r.outcome === 'innovators_product_per_outlay')!;
    expect(c.ratio).toBeCloseTo(6 / 200, 12);
    // linearised values (ΔY − R·ΔC)/mean ΔC = (5 − 3, 6 − 9, 7 − 6)/200
    const linear = tInterval([2 / 200, -3 / 200, 1 / 200]);
    expect(c.ciLow).toBeCloseTo(c.ratio + linear.lo, 12);
    expect(c.ciHigh).toBeCloseTo(c.ratio + linear.hi, 12);
  });

  it('a policy with no unit cost (empty outlay) or no additional outlay is not priced: NaN, never 0', () => {
    for (const outlay of [null, 0]) {
      const policy = [run(1, outlay, 0.55, 1100), run(2, outlay, 0.46, 1150), run(3, outlay, 0.52, 1000)];
      const rows = perOutlay(base, policy);
      expect(rows.map((r) => r.outcome)).toEqual(BOUGHT.map((b) => `${b}_per_outlay`));
      for (const r of rows) for (const v of [r.ratio, r.ciLow, r.ciHigh]) expect(v).toBeNaN();
    }
  });

  it('the report says "not priced" for such a policy and gives the outlay of a priced one', () => {
    const nan = { diff_mean: NaN, ci_low: NaN, ci_high: NaN, baseline_mean: NaN };
    const rows: CompareRow[] = [
      { policy: 'free', outcome: 'outlay_total', ...nan },
      ...BOUGHT.map((b) => ({ policy: 'free', outcome: `${b}_per_outlay`, ...nan })),
      {
        policy: 'paid',
        outcome: 'outlay_total',
        diff_mean: 450,
        ci_low: 450,
        ci_high: 450,
        baseline_mean: 0,
      },
      ...BOUGHT.map((b) => ({
        policy: 'paid',
        outcome: `${b}_per_outlay`,
        diff_mean: 0.02,
        ci_low: 0.01,
        ci_high: 0.03,
        baseline_mean: NaN,
      })),
    ];
    const section = costSection(rows);
    expect(section.reading).toMatch(/free: costs not priced/);
    expect(section.reading).toMatch(/paid pays 450/);
    expect(section.html).toContain('<td>not priced</td>');
    expect(section.html).not.toMatch(/free<\/td><td[^>]*>0</);
  });
});
