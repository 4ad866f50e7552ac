/**
 * A sweep's runs by design point: the mean outcome of each point over its replicates, how much of the
 * outcome's variance is between replicates, and the regroupings the Sobol', Morris and PRIM analyses read.
 */
import { groupBy } from './groups.js';
import { morrisMeasures, type MorrisMeasure } from './morris.js';
import { chooseBox, primPeel, type PrimBox } from './prim.js';
import { type SobolIndex, sobolIndices } from './sobol.js';
import { quantile } from './stats.js';

type Row = Record<string, unknown>;

/** One design point's parameter values, mean outcome, and its role in a Sobol' or Morris design. */
export interface PointOutcome {
  values: number[];
  y: number;
  role: string;
  group: number;
  changed: string;
}

/** The design point of a sweep run id (`name/p0012/r003` → 12), or undefined for a run outside a sweep. */
function designPointOf(runId: unknown): number | undefined {
  const m = /\/p(\d+)\//.exec(String(runId));
  return m ? Number(m[1]) : undefined;
}

/** Each design point's outcomes over its replicates, from runs.csv (points in first-seen order). */
function outcomesByPoint(runs: Row[], outcome: string): Map<number, number[]> {
  const byPoint = groupBy(runs, (r) => designPointOf(r.run_id));
  return new Map([...byPoint].map(([k, rs]) => [k, rs.map((r) => Number(r[outcome]))]));
}

/** Mean outcome per design point (over replicates) from runs.csv and design.csv. */
export function pointOutcomes(
  runs: Row[],
  design: Row[],
  parameters: string[],
  outcome: string,
): PointOutcome[] {
  const byPoint = outcomesByPoint(runs, outcome);
  return design
    .filter((d) => byPoint.has(Number(d.point)))
    .map((d) => {
      const ys = byPoint.get(Number(d.point))!;
      return {
        values: parameters.map((p) => Number(d[p])),
        y: ys.reduce((a, v) => a + v, 0) / ys.length,
        role: String(d.role ?? ''),
        group: Number(d.group),
        changed: String(d.changed ?? ''),
      };
    });
}

/**
 * The share of an outcome's variance across a sweep's runs that lies between replicates of the same design
 * point (the model's own randomness): pooled within-point variance over the variance of all runs (both with
 * n − 1 denominators), capped at 1. `unreplicated` when each point ran once; undefined when it cannot be
 * measured (fewer than two runs, or no variance at all).
 */
export function replicateNoiseShare(runs: Row[], outcome: string): number | 'unreplicated' | undefined {
  const points = [...outcomesByPoint(runs, outcome).values()].map((ys) => ys.filter(Number.isFinite));
  const all = points.flat();
  const repeated = points.filter((ys) => ys.length > 1);
  if (all.length < 2) return undefined;
  if (repeated.length === 0) return 'unreplicated';
  const sq = (ys: number[]) => {
    const m = ys.reduce((a, v) => a + v, 0) / ys.length;
    return ys.reduce((a, v) => a + (v - m) ** 2, 0);
  };
  const within = repeated.reduce((a, ys) => a + sq(ys), 0) / repeated.reduce((a, ys) => a + ys.length - 1, 0);
  const total = sq(all) / (all.length - 1);
  return total > 0 ? Math.min(1, within / total) : undefined;
}

/** Sobol' indices from a Saltelli design's points (complete groups only); undefined with fewer than 2 groups. */
export function sobolOfPoints(
  points: PointOutcome[],
  parameters: string[],
): { indices: SobolIndex[]; baseSamples: number } | undefined {
  const groups = groupBy(points, (p) => p.group);
  const rows = [...groups.values()]
    .filter((g) => g.length === parameters.length + 2)
    .map((g) => ({
      fA: g.find((p) => p.role === 'A')!.y,
      fB: g.find((p) => p.role === 'B')!.y,
      fAB: parameters.map((_, i) => g.find((p) => p.role === `AB${i}`)!.y),
    }));
  return rows.length >= 2 ? { indices: sobolIndices(rows, parameters), baseSamples: rows.length } : undefined;
}

/** Morris measures from a Morris design's points, each parameter's range taken from the points themselves. */
export function morrisOfPoints(points: PointOutcome[], parameters: string[]): MorrisMeasure[] {
  const ranges = parameters.map((_, d) => {
    const vs = points.map((x) => x.values[d]!);
    return [Math.min(...vs), Math.max(...vs)] as [number, number];
  });
  const trajectories = points.map((p) => ({
    trajectory: p.group,
    values: p.values,
    changed: parameters.indexOf(p.changed),
    y: p.y,
  }));
  return morrisMeasures(trajectories, parameters, ranges);
}

/** PRIM on the design points: where is the outcome at least `threshold` (default its upper quartile)? */
export interface PrimResult {
  threshold: number;
  trajectory: PrimBox[];
  box: PrimBox;
  /** Share of all design points that meet the condition. */
  baseRate: number;
}

/** PRIM's box, or undefined with fewer than 20 points or when every point (or none) meets the condition. */
export function primOfPoints(points: PointOutcome[], threshold?: number): PrimResult | undefined {
  const ys = points.map((p) => p.y);
  const at = threshold ?? quantile(ys, 0.75);
  const interesting = ys.map((y) => y >= at);
  if (points.length < 20 || !interesting.some(Boolean) || interesting.every(Boolean)) return undefined;
  const trajectory = primPeel(
    points.map((p) => p.values),
    interesting,
  );
  const baseRate = interesting.filter(Boolean).length / points.length;
  return { threshold: at, trajectory, box: chooseBox(trajectory), baseRate };
}
