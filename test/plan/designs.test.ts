import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import sobolPkg from 'sobol';
import { makeScenario } from '../../sim/config/scenario.js';
import { PlanError, makeRunPlan, replicateId } from '../../sim/plan/plan.js';
import { deriveRunSeed } from '../../sim/rng.js';
import { scratchDir } from '../scratch.js';

const base = { name: 'sw', replicates: 3, population: 50, ticks: 20, burnIn: 5 } as const;
const params = [
  { name: 'sli.convergenceRate', min: 0.5, max: 2.5 },
  { name: 'sli.proposalSlope', min: 0, max: 2 },
  { name: 'portfolio.dropAfter', min: 2, max: 10 },
];
const plan = (sweep: object, over = {}) => makeRunPlan(makeScenario({ ...base, sweep, ...over }));

describe('run plans', () => {
  it('expands plain replicates with seeds hashed from the (default) master seed and the replicate id', () => {
    const p = makeRunPlan(makeScenario({ ...base }));
    expect(p.specs.map((s) => s.runId)).toEqual(['sw/r001', 'sw/r002', 'sw/r003']);
    p.specs.forEach((s, k) => expect(s.seed).toBe(deriveRunSeed(20261123, replicateId(k + 1, 3))));
    expect(new Set(p.specs.map((s) => s.seed)).size).toBe(3);
  });

  it('grid: every combination of levels (or min/max/steps) × replicates, same seeds at every point', () => {
    const p = plan({
      design: 'grid',
      parameters: [
        { name: 'sli.convergenceRate', levels: [0.5, 1, 2] },
        { name: 'landscape.kappa', min: 0, max: 1, steps: 5 },
      ],
    });
    expect(p.points).toHaveLength(15);
    expect(p.specs).toHaveLength(45);
    expect(p.specs[0]!.runId).toBe('sw/p0000/r001');
    expect(p.points.map((pt) => pt.values.join(':'))).toContain('2:0.75');
    const seedsAt = (pt: string) => p.specs.filter((s) => s.runId.includes(pt)).map((s) => s.seed);
    expect(seedsAt('p0007')).toEqual(seedsAt('p0000')); // common random numbers across design points
    expect(p.specs[4]!.scenario.landscape.kappa).toBe(p.specs[4]!.params!['landscape.kappa']);
  });

  it('lhs: n points with exactly one in each of n strata per parameter; integers rounded', () => {
    const p = plan({ design: 'lhs', samples: 20, parameters: params });
    expect(p.points).toHaveLength(20);
    expect(p.specs).toHaveLength(60);
    params.forEach((q, d) => {
      const strata = new Set(
        p.points.map((pt) => Math.floor(((pt.values[d]! - q.min) / (q.max - q.min)) * 20)),
      );
      expect(strata.size).toBe(20);
    });
    for (const s of p.specs) expect(Number.isInteger(s.scenario.portfolio.dropAfter)).toBe(true);
  });

  it('sobol: Saltelli scheme with N·(k+2) points built from the Joe–Kuo sequence', () => {
    const N = 8;
    const p = plan({ design: 'sobol', samples: N, parameters: params });
    const k = params.length;
    expect(p.points).toHaveLength(N * (k + 2));
    expect(p.specs).toHaveLength(N * (k + 2) * 3);
    // known first points of a 2-dimensional Sobol sequence (Joe & Kuo): 0, 0.5, 0.75/0.25, 0.25/0.75, …
    const g = new sobolPkg.SobolSequenceGenerator(2);
    expect([0, 1, 2, 3, 4].map(() => g.nextVector())).toEqual([
      [0, 0],
      [0.5, 0.5],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.375, 0.375],
    ]);
    for (let j = 0; j < N; j++) {
      const rows = p.points.filter((pt) => pt.group === j);
      const A = rows.find((r) => r.role === 'A')!;
      const B = rows.find((r) => r.role === 'B')!;
      for (let i = 0; i < k; i++) {
        const AB = rows.find((r) => r.role === `AB${i}`)!;
        AB.values.forEach((v, d) => expect(v).toBe(d === i ? B.values[d] : A.values[d]));
      }
    }
    expect(p.points[0]!.values[0]).toBe(0.5 + 0.5 * 2); // first used point is 0.5 in every dimension
  });

  it('morris: r trajectories of k+1 points, each step changing one parameter by Δ of its range', () => {
    const r = 5;
    const p = plan({ design: 'morris', samples: r, morrisLevels: 4, parameters: params });
    const k = params.length;
    expect(p.points).toHaveLength(r * (k + 1));
    const delta = 4 / (2 * 3);
    for (let t = 0; t < r; t++) {
      const traj = p.points.filter((pt) => pt.group === t);
      const changedParams = new Set<number>();
      for (let s = 1; s <= k; s++) {
        const diff = traj[s]!.values.map((v, d) => v - traj[s - 1]!.values[d]!);
        const moved = diff.map((v, d) => (Math.abs(v) > 1e-12 ? d : -1)).filter((d) => d >= 0);
        expect(moved).toEqual([traj[s]!.changed]);
        const d = moved[0]!;
        changedParams.add(d);
        expect(Math.abs(diff[d]!) / (params[d]!.max - params[d]!.min)).toBeCloseTo(delta, 12);
      }
      expect(changedParams.size).toBe(k);
    }
  });

  it('is deterministic: the same scenario gives the same plan', () => {
    const a = plan({ design: 'lhs', samples: 10, parameters: params });
    const b = plan({ design: 'lhs', samples: 10, parameters: params });
    expect(a.points).toEqual(b.points);
    const c = plan({ design: 'lhs', samples: 10, parameters: params }, { seed: 99 });
    expect(c.points).not.toEqual(a.points);
  });

  it('a design point that makes an invalid scenario is a PlanError naming the point and the field; the CLI exits 2 before running', () => {
    const s = makeScenario({
      name: 'sw',
      ticks: 100,
      burnIn: 20,
      policies: { training: { start: 80 } },
      sweep: { design: 'grid', parameters: [{ name: 'ticks', levels: [60, 100] }] },
    });
    expect(() => makeRunPlan(s)).toThrow(PlanError);
    expect(() => makeRunPlan(s)).toThrow(
      /^the sweep's design point with ticks = 60 makes an invalid scenario: policies\.training\.start: is after the run's last quarter \(got 80 with ticks = 60/,
    );
    const dir = scratchDir('plan');
    writeFileSync(
      join(dir, 'sw.yaml'),
      'name: sw\nticks: 100\nburnIn: 20\npolicies:\n  training:\n    start: 80\nsweep:\n  design: grid\n  parameters:\n    - name: ticks\n      levels: [60, 100]\n',
    );
    const r = spawnSync(
      'node',
      [join('dist', 'scripts', 'cli.js'), 'sweep', join(dir, 'sw.yaml'), '--out', join(dir, 'out')],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^error: the sweep's design point with ticks = 60 makes an invalid scenario: .*narrow the sweep's range or change that field\n$/,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it("sweeps a field of a list element by its number (a shock's magnitude and quarter), with ranges from the schema", () => {
    const s = makeScenario({
      name: 'shocks',
      dynamism: { schedule: 'constant', shocks: [{ tick: 150, magnitude: 0.6 }] },
      sweep: {
        design: 'grid',
        parameters: [
          { name: 'dynamism.shocks.0.magnitude', levels: [0.3, 0.9] },
          { name: 'dynamism.shocks.0.tick', min: 120.2, max: 150, steps: 2 },
        ],
      },
    });
    const p = makeRunPlan(s);
    expect(p.parameters).toEqual(['dynamism.shocks.0.magnitude', 'dynamism.shocks.0.tick']);
    const shocks = [...new Set(p.specs.map((spec) => JSON.stringify(spec.scenario.dynamism.shocks)))];
    expect(shocks.map((j) => JSON.parse(j))).toEqual([
      [{ tick: 120, magnitude: 0.3, demandLoss: 0 }], // an integer field is rounded
      [{ tick: 150, magnitude: 0.3, demandLoss: 0 }],
      [{ tick: 120, magnitude: 0.9, demandLoss: 0 }],
      [{ tick: 150, magnitude: 0.9, demandLoss: 0 }],
    ]);
    expect(p.specs[0]!.params).toEqual({ 'dynamism.shocks.0.magnitude': 0.3, 'dynamism.shocks.0.tick': 120 });
  });
});
