import { describe, expect, it } from 'vitest';
import { PARTNER_TYPES } from '../../sim/config/fields.js';
import { lowBit } from '../../sim/model/portfolio.js';
import { SUMMARY_COLUMNS } from '../../sim/model/summary.js';
import { runOne, simulate } from '../../sim/runOne.js';
import type { ScenarioInput } from '../../sim/config/scenario.js';
import { smallScenario } from '../helpers.js';

/** The runs.csv row of a small run, by column name. */
function summaryOf(over: ScenarioInput): Record<string, number> {
  const out = runOne({ runId: 'x/r001', scenario: smallScenario(over), replicate: 1, seed: 11 });
  if (!out.ok) throw new Error(out.error);
  const row = out.summary.rows[0]!;
  return Object.fromEntries(SUMMARY_COLUMNS.map((c, k) => [c, Number(row[k])]));
}

describe('programme outlays', () => {
  it('training: firms trained × costPerFirm, once, in the programme quarter', () => {
    const s = summaryOf({ policies: { training: { start: 30, share: 0.25, amount: 0.2, costPerFirm: 7 } } });
    expect(s.outlay_training).toBe(Math.round(0.25 * 120) * 7); // 30 firms × 7
    expect(s.outlay_total).toBe(210);
    expect(s.outlay_subsidy_supplier).toBe(0);
  });

  it('training without a cost is not priced (NaN), never 0', () => {
    const s = summaryOf({ policies: { training: { start: 30, share: 0.25, amount: 0.2 } } });
    expect(s.outlay_training).toBeNaN();
    expect(s.outlay_total).toBeNaN();
  });

  it('no policy: no outlay, and innovative sales are recorded', () => {
    const s = summaryOf({});
    expect(s.outlay_total).toBe(0);
    expect(s.innovative_sales).toBeGreaterThan(0);
  });

  it('subsidy: the subsidised share of the cost of every listed tie held, quarter by quarter', () => {
    const share = 0.4;
    const types = ['university', 'consultant'] as const;
    const scenario = smallScenario({
      ticks: 40,
      burnIn: 5,
      // rich firms do not exit, so the ties held at a quarter's end are those the market charged
      firms: { initialCapitalPerEmployee: 1000, reservePerEmployee: 0 },
      policies: { cooperationSubsidy: { start: 10, end: 30, share, types: [...types], mode: 'demand-led' } },
    });
    // by hand: the ties held when the tick ends (no exits in these quarters, so those are the ties the
    // market charged), each at its full cost × share, in the subsidy's quarters only
    const byType = new Array<number>(PARTNER_TYPES.length).fill(0);
    let exitsWhileActive = 0;
    const w = simulate(scenario, 5, (row, world) => {
      const t = row[0]!;
      if (t < 10 || t > 30) return;
      exitsWhileActive += world.counters.exits;
      const f = world.firms;
      for (let i = 0; i < f.n; i++)
        for (let held = f.tieSlots[i]!; held !== 0; held &= held - 1) {
          const type = f.tieType[i * world.maxTies + lowBit(held)]!;
          const name = PARTNER_TYPES[type]!;
          if ((types as readonly string[]).includes(name))
            byType[type]! += scenario.partners[name].cost * share;
        }
    });
    expect(exitsWhileActive).toBe(0); // else the ties at the tick's end differ from those paid for
    expect(byType.reduce((a, v) => a + v, 0)).toBeGreaterThan(0);
    for (let k = 0; k < PARTNER_TYPES.length; k++) expect(w.outlays.subsidy[k]).toBeCloseTo(byType[k]!, 9);
  });
});
