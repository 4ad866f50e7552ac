import { describe, expect, it } from 'vitest';
import { makeScenario } from '../../sim/config/scenario.js';
import { makeRunPlan } from '../../sim/plan/plan.js';
import { makeStream } from '../../sim/rng.js';
import { morrisMeasures } from '../../analysis/verbs/morris.js';
import { chooseBox, primPeel } from '../../analysis/verbs/prim.js';
import { sobolIndices } from '../../analysis/verbs/sobol.js';

/** Ishigami function on [-π, π]³ with a = 7, b = 0.1 (Ishigami & Homma 1990). */
const ishigami = (x: number[]) =>
  Math.sin(x[0]!) + 7 * Math.sin(x[1]!) ** 2 + 0.1 * x[2]! ** 4 * Math.sin(x[0]!);

/** Design points of a sweep over three parameters with the given ranges, from the real plan code. */
function design(kind: 'sobol' | 'morris', samples: number) {
  const parameters = ['sli.proposalSlope', 'sli.convergenceRate', 'market.shareSensitivity'].map((name) => ({
    name,
    min: 0,
    max: 6.283185307179586,
  }));
  const plan = makeRunPlan(
    makeScenario({
      replicates: 1,
      population: 10,
      ticks: 20,
      burnIn: 1,
      sweep: { design: kind, samples, morrisLevels: 4, parameters },
    }),
  );
  // map [0, 2π] onto [-π, π]
  return plan.points.map((p) => ({ ...p, x: p.values.map((v) => v - Math.PI) }));
}

describe('Sobol indices (Saltelli first order, Jansen total order)', () => {
  it('recover the analytic indices of the Ishigami function', () => {
    const points = design('sobol', 4096);
    const rows = [];
    for (let j = 0; j < 4096; j++) {
      const g = points.filter((p) => p.group === j);
      rows.push({
        fA: ishigami(g.find((p) => p.role === 'A')!.x),
        fB: ishigami(g.find((p) => p.role === 'B')!.x),
        fAB: [0, 1, 2].map((i) => ishigami(g.find((p) => p.role === `AB${i}`)!.x)),
      });
    }
    const idx = sobolIndices(rows, ['x1', 'x2', 'x3'], 200);
    // analytic: S = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437
    const want = [
      [0.3139, 0.5576],
      [0.4424, 0.4424],
      [0, 0.2437],
    ];
    idx.forEach((s, i) => {
      expect(Math.abs(s.first - want[i]![0]!)).toBeLessThan(0.03);
      expect(Math.abs(s.total - want[i]![1]!)).toBeLessThan(0.03);
      expect(s.firstLo).toBeLessThan(s.first);
      expect(s.firstHi).toBeGreaterThan(s.first);
    });
  });
});

describe('Morris elementary effects', () => {
  it('give μ* = |coefficient| and σ = 0 for a linear function, and rank an unused parameter last', () => {
    const points = design('morris', 20);
    const f = (x: number[]) => 3 * x[0]! - 1.5 * x[1]!; // the third parameter does nothing
    const ranges: [number, number][] = [0, 1, 2].map(() => [0, 6.283185307179586]);
    const m = morrisMeasures(
      points.map((p) => ({ trajectory: p.group, values: p.values, changed: p.changed, y: f(p.x) })),
      ['a', 'b', 'c'],
      ranges,
    );
    // effects on the unit scale: coefficient × range
    expect(m[0]!.muStar).toBeCloseTo(3 * 6.283185307179586, 9);
    expect(m[1]!.muStar).toBeCloseTo(1.5 * 6.283185307179586, 9);
    expect(m[1]!.mu).toBeCloseTo(-1.5 * 6.283185307179586, 9);
    expect(m[0]!.sigma).toBeCloseTo(0, 9);
    expect(m[2]!.muStar).toBe(0);
    expect(m.every((x) => x.effects === 20)).toBe(true);
  });
});

describe('PRIM', () => {
  it('finds the box where the outcome of interest lives', () => {
    const rng = makeStream(3, 'prim-test');
    const X = Array.from({ length: 3000 }, () => [rng(), rng(), rng()]);
    const interesting = X.map(([a, b]) => a! > 0.7 && b! < 0.3);
    const trajectory = primPeel(X, interesting);
    const box = chooseBox(trajectory, 0.8);
    expect(box.density).toBeGreaterThan(0.8);
    expect(box.coverage).toBeGreaterThanOrEqual(0.8);
    expect(box.bounds[0]![0]).toBeGreaterThan(0.6);
    expect(box.bounds[1]![1]).toBeLessThan(0.4);
    expect(box.bounds[2]![1] - box.bounds[2]![0]).toBeGreaterThan(0.8); // the irrelevant dimension stays open
    expect(trajectory[0]!.coverage).toBe(1);
    for (let k = 1; k < trajectory.length; k++)
      expect(trajectory[k]!.support).toBeLessThan(trajectory[k - 1]!.support);
  });
});
