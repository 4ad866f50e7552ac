/**
 * The search space of a calibration: both algorithms search the unit box [0, 1]^k, one coordinate per
 * parameter, and a coordinate becomes the parameter's value linearly or on the log scale between its
 * min and max, rounded for integers. Keeping the algorithms on the unit box makes every parameter's
 * range weigh the same, whatever its unit.
 */
import type { Calibrate } from '../config/calibrate.js';
import { paramInfo } from '../config/paramIndex.js';

type Parameter = Calibrate['parameters'][number];

/** Whether a parameter's values are whole numbers: asked for, or an integer field of the scenario. */
export const isInteger = (p: Parameter): boolean => p.integer || paramInfo(p.path)?.kind === 'integer';

/** The value of a parameter at coordinate u of [0, 1]. */
export function valueAt(p: Parameter, u: number): number {
  const v =
    p.scale === 'log'
      ? Math.exp(Math.log(p.min) + u * (Math.log(p.max) - Math.log(p.min)))
      : p.min + u * (p.max - p.min);
  // exp(log(x)) can stray a rounding step outside the range; the scenario's own bounds must hold
  const clipped = Math.min(p.max, Math.max(p.min, v));
  return isInteger(p) ? Math.round(clipped) : clipped;
}

/** The coordinate in [0, 1] of a parameter's value (the inverse of valueAt, before rounding). */
export function coordinateOf(p: Parameter, v: number): number {
  const u =
    p.scale === 'log'
      ? (Math.log(v) - Math.log(p.min)) / (Math.log(p.max) - Math.log(p.min))
      : (v - p.min) / (p.max - p.min);
  return Math.min(1, Math.max(0, u));
}

/** A candidate's parameter values by dotted path, from its unit-box coordinates. */
export function valuesOf(parameters: Parameter[], unit: number[]): Record<string, number> {
  return Object.fromEntries(parameters.map((p, d) => [p.path, valueAt(p, unit[d]!)]));
}
