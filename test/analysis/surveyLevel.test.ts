import { describe, expect, it } from 'vitest';
import { levelRatio, subgroup, surveyLevel } from '../../analysis/verbs/surveyLevel.js';
import { levelRange, levelTargets, partnerLead, withinRange } from '../../analysis/validation/levels.js';

/** A surveyed firm with the given columns (everything else 0). */
function firm(run: string, employees: number, cols: Record<string, number> = {}): Record<string, unknown> {
  const zero = Object.fromEntries(
    [
      'coop_any',
      'coop_supplier',
      'coop_customer',
      'coop_competitor',
      'coop_consultant',
      'coop_university',
      'coop_research',
      'inno_product',
      'inno_process',
      'inno_org',
      'inno_marketing',
    ].map((c) => [c, 0]),
  );
  return { run_id: run, sector: 'food-drink', employees, iss: 0, ...zero, ...cols };
}

// run a: 4 firms, 2 innovators (one cooperating); run b: 2 firms, 2 innovators (both cooperating)
const rows = [
  firm('a', 12, { inno_product: 1, coop_any: 1, coop_supplier: 1 }),
  firm('a', 20, { inno_org: 1 }),
  firm('a', 80),
  firm('a', 30),
  firm('b', 60, { inno_process: 1, coop_any: 1, coop_customer: 1, coop_supplier: 1 }),
  firm('b', 15, { inno_marketing: 1, coop_any: 1, coop_university: 1, coop_customer: 1 }),
];

describe('survey levels', () => {
  it('pools a share over every firm and gives each run its own, with the SE across runs', () => {
    const any = surveyLevel(rows, { column: 'inno_any', stat: 'share' });
    expect(any.value).toBe(4 / 6);
    expect(any.perRun).toEqual([0.5, 1]);
    expect(any.se).toBeCloseTo(Math.sqrt(0.125) / Math.sqrt(2), 12);
    expect(any.firms).toBe(6);
  });

  it('reads a subgroup: innovators, a size class, a column value, a sector', () => {
    expect(surveyLevel(rows, { column: 'coop_any', stat: 'share', among: 'innovators' }).perRun).toEqual([
      0.5, 1,
    ]);
    expect(surveyLevel(rows, { column: 'employees', stat: 'mean', among: 'medium' }).value).toBe(70);
    expect(surveyLevel(rows, { column: 'inno_any', stat: 'share', among: 'small' }).value).toBe(3 / 4);
    expect(surveyLevel(rows, { column: 'inno_any', stat: 'share', among: 'coop_any=1' }).value).toBe(1);
    expect(surveyLevel(rows, { column: 'inno_any', stat: 'share', among: 'sector=food-drink' }).firms).toBe(
      6,
    );
    expect(() => subgroup('large')).toThrow(/unknown subgroup 'large'/);
  });

  it('gives a run with no firm in the subgroup no value, and leaves it out of the SE', () => {
    const medium = surveyLevel(rows, { column: 'inno_any', stat: 'share', among: 'medium' });
    expect(medium.perRun).toEqual([0, 1]);
    const big = surveyLevel(rows, { column: 'inno_any', stat: 'share', among: 'employees=60' });
    expect(big.perRun[0]).toBeNaN();
    expect(big.se).toBeNaN(); // one run with a value: no spread to measure
  });

  it('divides two levels pooled and run by run', () => {
    const r = levelRatio(
      rows,
      { column: 'inno_any', stat: 'share', among: 'medium' },
      { column: 'inno_any', stat: 'share', among: 'small' },
    );
    expect(r.value).toBe(0.5 / 0.75);
    expect(r.perRun).toEqual([0 / (2 / 3), 1 / 1]);
  });
});

describe('level targets L1–L4', () => {
  it('L2 is the rarer of suppliers and customers over the most frequent other type, among innovators', () => {
    // innovators: supplier 2 of 4, customer 2 of 4, university 1 of 4 → min(0.5, 0.5) / 0.25
    expect(partnerLead(rows).value).toBe(2);
    // run a: supplier 1/2, customer 0, no other type: 0 / 0, no value; run b: min(1/2, 1) / (1/2)
    expect(partnerLead(rows).perRun[0]).toBeNaN();
    expect(partnerLead(rows).perRun[1]).toBe(1);
  });

  it('judges each level against its range', () => {
    const byId = Object.fromEntries(levelTargets(rows).map((r) => [r.target.id, r]));
    expect(Object.keys(byId)).toEqual(['L1', 'L2', 'L3-any', 'L3-product', 'L3-process', 'L4']);
    expect(byId.L1!.level.value).toBe(3 / 4);
    expect(byId.L1!.pass).toBe(false); // above 0.45
    expect(byId.L2!.pass).toBe(true);
    expect(byId['L3-any']!.level.value).toBe(4 / 6);
    expect(byId['L3-any']!.pass).toBe(false); // above 0.65
    expect(byId['L3-product']!.level.value).toBe(1 / 6);
    expect(byId.L4!.pass).toBe(false);
    expect(levelRange(byId.L1!.target)).toBe('0.20–0.45');
    expect(levelRange(byId.L4!.target)).toBe('≥ 1.20');
    expect(withinRange({ lo: 0.2, hi: 0.45 }, 0.45)).toBe(true);
    expect(withinRange({ lo: 0.2, hi: 0.45 }, NaN)).toBe(false);
  });
});
