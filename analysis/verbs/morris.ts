/** Morris elementary effects: μ, μ* (mean absolute effect) and σ per parameter. */
import { mean, sd } from './stats.js';

/** One point of a trajectory: parameter values, which parameter changed from the previous point, output. */
export interface MorrisPoint {
  trajectory: number;
  values: number[];
  changed: number;
  y: number;
}

/** Screening measures of one parameter. */
export interface MorrisMeasure {
  parameter: string;
  mu: number;
  muStar: number;
  sigma: number;
  effects: number;
}

/** Elementary effects on the unit scale of each parameter's range ([min, max] → [0, 1]). */
export function morrisMeasures(
  points: MorrisPoint[],
  parameters: string[],
  ranges: [number, number][],
): MorrisMeasure[] {
  const effects: number[][] = parameters.map(() => []);
  for (let k = 1; k < points.length; k++) {
    const p = points[k]!;
    const prev = points[k - 1]!;
    if (p.changed < 0 || p.trajectory !== prev.trajectory) continue;
    const d = p.changed;
    const [lo, hi] = ranges[d]!;
    const step = (p.values[d]! - prev.values[d]!) / (hi - lo);
    if (step !== 0) effects[d]!.push((p.y - prev.y) / step);
  }
  return parameters.map((parameter, d) => ({
    parameter,
    mu: mean(effects[d]!),
    muStar: mean(effects[d]!.map(Math.abs)),
    sigma: sd(effects[d]!),
    effects: effects[d]!.length,
  }));
}
