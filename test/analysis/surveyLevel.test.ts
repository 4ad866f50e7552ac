import { describe, expect, it } from 'vitest';
import { levelRatio, subgroup, surveyLevel } from '../../analysis/verbs/surveyLevel.js';
import {
  levelRange,
  levelRows,
  levelSummaries,
  levelTargets,
  partnerLead,
  withinRange,
} from '../../analysis/validation/levels.js';
import { levelsSection, levelsText } from '../../analysis/report/levelsSection.js';

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

describe('level summaries for validate-model and the report', () => {
  it('pools each level, gives its interval from the per-run SE, and judges the pooled value', () => {
    const [l1] = levelSummaries(rows);
    // innovators: run a 2 (1 cooperating), run b 2 (both): pooled 3/4, per run 0.5 and 1
    expect(l1).toMatchObject({ id: 'L1', value: 0.75, runs: 2, firms: 4, range: '0.20–0.45', pass: false });
    const se = Math.sqrt(0.125) / Math.sqrt(2);
    expect(l1!.low).toBeCloseTo(0.75 - 1.96 * se, 12);
    expect(l1!.high).toBeCloseTo(0.75 + 1.96 * se, 12);
    expect(l1!.runsInRange).toBe(0); // neither run's own share (0.5, 1) lies in 0.20–0.45
    const l4 = levelSummaries(rows).find((l) => l.id === 'L4')!;
    // medium (≥ 50 employees): a 0 of 1, b 1 of 1; small: a 2 of 3, b 1 of 1 → pooled (1/2) / (3/4)
    expect(l4.value).toBeCloseTo(2 / 3, 12);
    expect(l4.pass).toBe(false);
  });

  it('writes one validation.csv row per run and level, judged on the run’s own value', () => {
    const l3 = levelRows(rows).filter((r) => r.target === 'L3-any');
    expect(l3.map((r) => [r.runId, r.statistic, r.pass])).toEqual([
      ['a', 0.5, true],
      ['b', 1, false],
    ]);
    expect(l3[0]!.note).toBe(
      'incidence of any of the four innovation types over the three-year window: 0.500 (surveys: 0.40–0.65)',
    );
  });

  it('shows the levels beside the surveys in the report and on the terminal, naming those outside', () => {
    const section = levelsSection(rows)!;
    expect(section.reading).toMatch(
      /^\d of 6 survey magnitudes lie in the ranges .* outside: L1 0\.750 \(surveys: 0\.20–0\.45\)/,
    );
    expect(section.html).toContain('<td>L3-any</td>');
    expect(section.html).toContain('Source: CIS 2020 (Eurostat)');
    const text = levelsText(rows);
    expect(text).toMatch(/\n {2}L1 +0\.750 \[[\d.-]+, [\d.]+\] +surveys 0\.20–0\.45 +OUTSIDE /);
    expect(levelsSection([])).toBeUndefined();
  });
});
