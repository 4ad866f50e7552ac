/**
 * Sweep designs: full-factorial grid, Latin hypercube, Saltelli sampling for Sobol' indices, and
 * Morris elementary-effects trajectories. All randomness comes from the design stream of the master seed.
 */
import sobolPkg from 'sobol';
import type { Sweep } from '../config/sweep.js';
import { type Rng, makeStream, randInt } from '../rng.js';

/** One design point: the value of every swept parameter, plus its role in the design. */
export interface DesignPoint {
  values: number[];
  /** grid/lhs: ''; sobol: 'A', 'B' or 'AB<i>' (column i of B in A); morris: 'T<t>S<s>'. */
  role: string;
  /** sobol: base-sample row; morris: trajectory; else the point index. */
  group: number;
  /** morris: index of the parameter changed from the previous point (−1 for a trajectory's start). */
  changed: number;
}

/** Evenly spaced values from min to max inclusive. */
function linspace(min: number, max: number, steps: number): number[] {
  return Array.from({ length: steps }, (_, i) => min + ((max - min) * i) / (steps - 1));
}

function gridDesign(sweep: Sweep): DesignPoint[] {
  const axes = sweep.parameters.map((p) => p.levels ?? linspace(p.min!, p.max!, p.steps!));
  let rows: number[][] = [[]];
  for (const axis of axes) rows = rows.flatMap((row) => axis.map((v) => [...row, v]));
  return rows.map((values, i) => ({ values, role: '', group: i, changed: -1 }));
}

/** Scale unit-cube coordinates to the parameters' ranges. */
function scale(sweep: Sweep, unit: number[]): number[] {
  return unit.map(
    (u, d) => sweep.parameters[d]!.min! + u * (sweep.parameters[d]!.max! - sweep.parameters[d]!.min!),
  );
}

function shuffle(rng: Rng, n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function lhsDesign(sweep: Sweep, rng: Rng): DesignPoint[] {
  const n = sweep.samples;
  const k = sweep.parameters.length;
  const strata = Array.from({ length: k }, () => shuffle(rng, n));
  return Array.from({ length: n }, (_, i) => ({
    values: scale(
      sweep,
      Array.from({ length: k }, (_, d) => (strata[d]![i]! + rng()) / n),
    ),
    role: '',
    group: i,
    changed: -1,
  }));
}

/** Saltelli (2010) sampling: N rows of a 2k-dimensional Sobol' sequence give A, B and the k matrices AB_i. */
function sobolDesign(sweep: Sweep): DesignPoint[] {
  const k = sweep.parameters.length;
  const gen = new sobolPkg.SobolSequenceGenerator(2 * k);
  gen.nextVector(); // skip the all-zero first point
  const out: DesignPoint[] = [];
  for (let j = 0; j < sweep.samples; j++) {
    const v = gen.nextVector();
    const a = v.slice(0, k);
    const b = v.slice(k);
    out.push({ values: scale(sweep, a), role: 'A', group: j, changed: -1 });
    for (let i = 0; i < k; i++)
      out.push({
        values: scale(
          sweep,
          a.map((x, d) => (d === i ? b[d]! : x)),
        ),
        role: `AB${i}`,
        group: j,
        changed: i,
      });
    out.push({ values: scale(sweep, b), role: 'B', group: j, changed: -1 });
  }
  return out;
}

/** Morris (1991) trajectories on a p-level grid with step Δ = p / (2(p − 1)). */
function morrisDesign(sweep: Sweep, rng: Rng): DesignPoint[] {
  const k = sweep.parameters.length;
  const p = sweep.morrisLevels;
  const delta = p / (2 * (p - 1));
  const baseLevels = Array.from({ length: p }, (_, i) => i / (p - 1)).filter((x) => x <= 1 - delta + 1e-12);
  const out: DesignPoint[] = [];
  for (let t = 0; t < sweep.samples; t++) {
    const base = Array.from({ length: k }, () => baseLevels[randInt(rng, baseLevels.length)]!);
    const up = Array.from({ length: k }, () => rng() < 0.5);
    const x = base.map((b, d) => (up[d] ? b : b + delta));
    out.push({ values: scale(sweep, x), role: `T${t}S0`, group: t, changed: -1 });
    shuffle(rng, k).forEach((d, step) => {
      x[d] = up[d] ? base[d]! + delta : base[d]!;
      out.push({ values: scale(sweep, x), role: `T${t}S${step + 1}`, group: t, changed: d });
    });
  }
  return out;
}

/** Expand a sweep block into its design points. */
export function designPoints(sweep: Sweep, masterSeed: number): DesignPoint[] {
  const rng = makeStream(masterSeed, `design:${sweep.design}`);
  switch (sweep.design) {
    case 'grid':
      return gridDesign(sweep);
    case 'lhs':
      return lhsDesign(sweep, rng);
    case 'sobol':
      return sobolDesign(sweep);
    case 'morris':
      return morrisDesign(sweep, rng);
  }
}
