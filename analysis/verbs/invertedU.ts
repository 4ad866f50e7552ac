/**
 * Testing an inverted U in y = … + β1·x + β2·x² (Lind & Mehlum 2010), and how a moderator z in
 * … + β1·x + β2·x² + β3·z + β4·x·z + β5·x²·z shifts its falling limb (Haans, Pieters & He 2016).
 */
import { type GlmFit, coefOf } from './glm.js';
import { normalTail } from './stats.js';

/** The Lind–Mehlum test result. */
export interface LindMehlum {
  beta1: number;
  beta2: number;
  turningPoint: number;
  turningInside: boolean;
  slopeLow: number;
  slopeHigh: number;
  tLow: number;
  tHigh: number;
  /** p-value of the joint test (the larger one-sided p of the two end slopes). */
  p: number;
  invertedU: boolean;
}

/** Slope b1 + 2·b2·x and its standard error from the covariance of (b1, b2). */
function slope(b1: number, b2: number, v11: number, v22: number, v12: number, x: number): [number, number] {
  return [b1 + 2 * b2 * x, Math.sqrt(v11 + 4 * x * x * v22 + 4 * x * v12)];
}

/** Lind–Mehlum on a fit with regressors `x` and `x2` (= x²), over the observed range [xMin, xMax]. */
export function lindMehlum(
  fit: GlmFit,
  x: string,
  x2: string,
  xMin: number,
  xMax: number,
  alpha = 0.05,
): LindMehlum {
  const i = fit.names.indexOf(x);
  const j = fit.names.indexOf(x2);
  const b1 = coefOf(fit, x).coef;
  const b2 = coefOf(fit, x2).coef;
  const [v11, v22, v12] = [fit.cov[i]![i]!, fit.cov[j]![j]!, fit.cov[i]![j]!];
  const [sLow, seLow] = slope(b1, b2, v11, v22, v12, xMin);
  const [sHigh, seHigh] = slope(b1, b2, v11, v22, v12, xMax);
  const tLow = sLow / seLow;
  const tHigh = sHigh / seHigh;
  const p = Math.max(normalTail(tLow), normalTail(-tHigh));
  const turningPoint = -b1 / (2 * b2);
  const turningInside = b2 < 0 && turningPoint > xMin && turningPoint < xMax;
  return {
    beta1: b1,
    beta2: b2,
    turningPoint,
    turningInside,
    slopeLow: sLow,
    slopeHigh: sHigh,
    tLow,
    tHigh,
    p,
    invertedU: b2 < 0 && turningInside && p < alpha,
  };
}

/** The Haans et al. moderation check at a depth x (e.g. the 90th percentile of x). */
export interface Moderation {
  slopeLowZ: number;
  slopeHighZ: number;
  /** slopeHighZ − slopeLowZ: positive when the falling limb is flatter for high z. */
  difference: number;
  /** Sign of β1·β4 − β2·β3: the direction the turning point moves as z rises. */
  turningShift: number;
}

/** Slopes of the curve at x for z = zLow and z = zHigh (e.g. means of the bottom and top terciles). */
export function moderation(
  fit: GlmFit,
  names: { x: string; x2: string; z: string; xz: string; x2z: string },
  x: number,
  zLow: number,
  zHigh: number,
): Moderation {
  const b = (n: string) => coefOf(fit, n).coef;
  // the moderator's main effect (names.z) shifts the level, not the slope, so it is not needed here
  const [b1, b2, b4, b5] = [b(names.x), b(names.x2), b(names.xz), b(names.x2z)];
  const slopeAt = (z: number) => b1 + b4 * z + 2 * x * (b2 + b5 * z);
  const slopeLowZ = slopeAt(zLow);
  const slopeHighZ = slopeAt(zHigh);
  return {
    slopeLowZ,
    slopeHighZ,
    difference: slopeHighZ - slopeLowZ,
    turningShift: Math.sign(b1 * b5 - b2 * b4),
  };
}
