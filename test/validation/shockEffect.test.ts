import { describe, expect, it } from 'vitest';
import { t9ShockEffect } from '../../analysis/validation/policyTargets.js';
import { shockEffectRows } from '../../analysis/validation/evaluate.js';
import { makeStream } from '../../sim/rng.js';

type Row = Record<string, unknown>;
const SHOCK = 10;
const HORIZON = 5;

/** Firms alive before the shock, and their exits drawn with log-odds −2 + effect·SLI·(1 − LO). */
function run(runId: string, seed: number, effect: number, n = 6000) {
  const firms = makeStream(1, 'firms'); // the same firms in every run, as under common random numbers
  const fate = makeStream(seed, 'fate');
  const snapshot: Row[] = [];
  const exits: Row[] = [];
  for (let i = 0; i < n; i++) {
    const r = {
      run_id: runId,
      firm_id: i + 1,
      sector: firms() < 0.5 ? 'a' : 'b',
      region: firms() < 0.5 ? 1 : 2,
      employees: 10 + Math.floor(90 * firms()),
      sli: firms(),
      lo: firms(),
    };
    snapshot.push(r);
    const logOdds = -2 + effect * r.sli * (1 - r.lo);
    if (fate() < 1 / (1 + Math.exp(-logOdds)))
      exits.push({ run_id: runId, firm_id: r.firm_id, tick: SHOCK + 2 });
  }
  return { snapshot, exits };
}

describe("T9's shock-effect reference (validation and shock runs stacked, SE clustered by firm)", () => {
  it('finds a shock that raises exits more for deep, non-learning firms, and not a shock that changes nothing', () => {
    const without = run('v/r001', 2, 1);
    const strong = t9ShockEffect(without, run('v-shock/r001', 3, 6), SHOCK, HORIZON);
    expect(strong.statistic).toBeGreaterThan(3);
    expect(strong.pass).toBe(true);
    expect(strong.note).toMatch(/exits without the shock, \d+ with it, of 6000 firms alive before it/);
    const none = t9ShockEffect(without, run('v-shock/r001', 3, 1), SHOCK, HORIZON); // the same pattern with and without
    expect(Math.abs(none.statistic)).toBeLessThan(2);
    expect(none.pass).toBe(false);
  });

  it('refuses runs that do not hold the same firms before the shock', () => {
    const r = t9ShockEffect(run('v/r001', 2, 1), run('v-shock/r001', 3, 1, 5999), SHOCK, HORIZON);
    expect(Number.isNaN(r.statistic)).toBe(true);
    expect(r.note).toMatch(/not common random numbers/);
  });

  it('pairs the runs of the two sets by replicate', () => {
    const a = [run('v/r001', 2, 1), run('v/r002', 4, 1)];
    const b = [run('v-shock/r002', 5, 3), run('v-shock/r001', 3, 6)];
    const rows = shockEffectRows(
      { snapshots: a.flatMap((r) => r.snapshot), exits: a.flatMap((r) => r.exits) },
      { snapshots: b.flatMap((r) => r.snapshot), exits: b.flatMap((r) => r.exits) },
      SHOCK,
      HORIZON,
    );
    expect(rows.map((r) => r.runId)).toEqual(['v/r001 + v-shock/r001', 'v/r002 + v-shock/r002']);
    expect(rows.every((r) => r.sample === 'shock-effect' && r.target === 'T9' && r.statistic > 2)).toBe(true);
  });
});
