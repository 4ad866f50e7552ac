/**
 * The "two lines" test of an inverted U (Simonsohn 2018, "Two lines: a valid alternative to the
 * invalid testing of U-shaped relationships with quadratic regressions", AMPPS 1(4)): instead of
 * asking whether a quadratic bends, fit one line below a break point and one above it (an
 * interrupted regression, same controls) and ask whether the left line rises and the right one falls.
 * A curve that is flat and then falls has no rising line, which the quadratic's Lind–Mehlum test can
 * miss (docs/CALIBRATION.md, T8). The break is the vertex of the quadratic fit; Simonsohn's
 * "Robin Hood" adjustment of the break, which balances the power of the two lines, is not applied.
 */
import jstatPkg from 'jstat';
import { EstimationError, type GlmFit, coefOf, fitGlm } from './glm.js';

const { jStat } = jstatPkg;

/** The two-lines result. Slopes are on the scale of the fitted model (log-odds for a logit). */
export interface TwoLines {
  /** The break point: the vertex −β1/(2β2) of the quadratic, NaN when it has no maximum. */
  breakPoint: number;
  /** False when there is no maximum, or fewer than two distinct values of x on one side of it. */
  testable: boolean;
  /** Why the test could not be run (empty when testable). */
  reason: string;
  slopeLow: number;
  zLow: number;
  slopeHigh: number;
  zHigh: number;
  /** Rows at or below / above the break. */
  nLow: number;
  nHigh: number;
  /** One-sided p-values of "the left line rises" and "the right line falls". */
  pLow: number;
  pHigh: number;
  /** Both lines significant with opposite signs at level alpha (each one-sided). */
  invertedU: boolean;
  /** The interrupted regression (columns x_low and x_high in place of x and x², x_above last); absent when not testable. */
  fit?: GlmFit;
}

/**
 * Two lines in x on a design (y, X, names) that holds the regressors `x` and `x2` (= x²) besides its
 * controls: the quadratic is fitted to find the vertex, then x and x² are replaced by
 * (x − x_c)·[x ≤ x_c], (x − x_c)·[x > x_c] and the dummy [x > x_c], and the model is fitted again.
 */
export function twoLines(y: ArrayLike<number>, X: number[][], names: string[], x: string, x2: string, alpha = 0.05): TwoLines {
  const i = names.indexOf(x);
  const j = names.indexOf(x2);
  if (i < 0 || j < 0) throw new EstimationError(`two lines need the regressors '${x}' and '${x2}' (have: ${names.join(', ')})`);
  const quad = fitGlm(y, X, names);
  const b1 = quad.coef[i]!;
  const b2 = quad.coef[j]!;
  const breakPoint = b2 < 0 ? -b1 / (2 * b2) : NaN;
  const values = X.map((row) => row[i]!);
  const none = (reason: string): TwoLines => ({ breakPoint, testable: false, reason, slopeLow: NaN, zLow: NaN, slopeHigh: NaN, zHigh: NaN, nLow: NaN, nHigh: NaN, pLow: NaN, pHigh: NaN, invertedU: false });
  if (!(b2 < 0)) return none(`the quadratic has no maximum (β2 ${b2.toFixed(3)})`);
  const distinct = [...new Set(values)];
  const below = distinct.filter((v) => v <= breakPoint).length;
  const above = distinct.length - below;
  if (below < 2 || above < 2) return none(`the vertex ${breakPoint.toFixed(3)} leaves ${below} distinct value(s) of ${x} below it and ${above} above`);
  // x and x² give way to the two lines; the jump at the break enters as a last column
  const lineNames = names.map((n, k) => (k === i ? `${x}_low` : k === j ? `${x}_high` : n));
  const Z = X.map((row, r) => {
    const v = values[r]!;
    const z = row.slice();
    z[i] = v <= breakPoint ? v - breakPoint : 0;
    z[j] = v > breakPoint ? v - breakPoint : 0;
    z.push(v > breakPoint ? 1 : 0);
    return z;
  });
  const fit = fitGlm(y, Z, [...lineNames, `${x}_above`]);
  const low = coefOf(fit, `${x}_low`);
  const high = coefOf(fit, `${x}_high`);
  const pLow = 1 - jStat.normal.cdf(low.z, 0, 1);
  const pHigh = jStat.normal.cdf(high.z, 0, 1);
  const nHigh = values.filter((v) => v > breakPoint).length;
  return { breakPoint, testable: true, reason: '', slopeLow: low.coef, zLow: low.z, slopeHigh: high.coef, zHigh: high.z, nLow: values.length - nHigh, nHigh, pLow, pHigh, invertedU: pLow < alpha && pHigh < alpha, fit };
}
