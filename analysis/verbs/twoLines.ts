/**
 * The "two lines" test of an inverted U (Simonsohn 2018, "Two lines: a valid alternative to the
 * invalid testing of U-shaped relationships with quadratic regressions", AMPPS 1(4), 538–555):
 * instead of asking whether a quadratic bends, fit one line below a break point and one above it
 * (an interrupted regression with the same controls) and ask whether the left line rises and the
 * right one falls, each significant (two-sided) at 5%. A curve that is flat and then falls has no
 * rising line, which the quadratic's Lind–Mehlum test can miss
 * (docs/experiments/2026-11-calibration-history.md, T8).
 *
 * The break, `rule`:
 * - `robin-hood` (default), Simonsohn's procedure: fit x flexibly, take the values of x inside its
 *   10th–90th percentiles whose fitted value is within one standard error of the highest ("the flat
 *   maximum"), run the two lines at their median, then move the break to the quantile
 *   z_high / (z_low + z_high) of those values, which gives the weaker line more data. Simonsohn fits
 *   x with a GAM smoother; here x must be discrete (a Likert item) and the flexible fit is a step
 *   function, one dummy per value of x, with the controls at their means, on the link scale.
 * - `vertex`: the vertex −β1/(2β2) of the quadratic (the first version of this diagnostic).
 * As in Simonsohn's code, an observation at the break belongs to both lines: the left slope comes
 * from the regression with x ≤ x_c on the left, the right slope from the one with x ≥ x_c on the right.
 * Standard errors are the model-based ones of the logit (Simonsohn uses HC3 robust ones on OLS or
 * probit); controls enter both lines.
 */
import { EstimationError, type GlmFit, coefOf, fitGlm } from './glm.js';
import { quantile } from './stats.js';

/** Where the two lines break. */
export type BreakRule = 'robin-hood' | 'vertex';

/** The two-lines result. Slopes are on the scale of the fitted model (log-odds for a logit). */
export interface TwoLines {
  /** How the break was set: a rule, or `given` (opts.breakAt). */
  rule: BreakRule | 'given';
  /** The break point x_c (NaN when there is none). */
  breakPoint: number;
  /** False when no break could be set or one side holds fewer than two distinct values of x. */
  testable: boolean;
  /** Why the test could not be run (empty when testable). */
  reason: string;
  slopeLow: number;
  zLow: number;
  /** Two-sided p-value of the left slope. */
  pLow: number;
  slopeHigh: number;
  zHigh: number;
  pHigh: number;
  /** Rows with x ≤ x_c, and with x ≥ x_c (a row at the break counts on both sides). */
  nLow: number;
  nHigh: number;
  /** Left line rising and right line falling, each significant at level alpha (two-sided). */
  invertedU: boolean;
  /** The regressions the left and the right slope come from (x_low, x_high in place of x, x²; x_above last). */
  fitLow?: GlmFit;
  fitHigh?: GlmFit;
}

/** More distinct values than this and x is not discrete enough for the step-function fit of `robin-hood`. */
const MAX_DISCRETE_VALUES = 30;

/**
 * The interrupted regression at xc: x and x² (columns i, j) give way to (x − xc) on the left side and
 * on the right side, and the jump at the break enters as a last column. `breakLeft`: rows at xc are on the left.
 * A side with fewer than two distinct values of x has no slope (its column would be constant or
 * collinear with the jump), so the column is left out, as R's glm leaves out an aliased one.
 */
function interrupted(
  y: ArrayLike<number>,
  X: number[][],
  names: string[],
  i: number,
  j: number,
  values: number[],
  xc: number,
  breakLeft: boolean,
): GlmFit {
  const x = names[i]!;
  const isHigh = (v: number) => (breakLeft ? v > xc : v >= xc);
  const nHigh = values.filter(isHigh).length;
  const nLow = values.length - nHigh;
  const keep = { low: nLow >= 2, high: nHigh >= 2, above: nLow >= 1 && nHigh >= 1 };
  const lineNames = names.flatMap((n, k) =>
    k === i ? (keep.low ? [`${x}_low`] : []) : k === j ? (keep.high ? [`${x}_high`] : []) : [n],
  );
  const Z = X.map((row) => {
    const v = row[i]!;
    const high = isHigh(v);
    const z: number[] = [];
    row.forEach((value, k) => {
      if (k === i) {
        if (keep.low) z.push(high ? 0 : v - xc);
      } else if (k === j) {
        if (keep.high) z.push(high ? v - xc : 0);
      } else z.push(value);
    });
    if (keep.above) z.push(high ? 1 : 0);
    return z;
  });
  return fitGlm(y, Z, keep.above ? [...lineNames, `${x}_above`] : lineNames);
}

/**
 * The two lines at xc: left slope from the regression with xc on the left, right slope from the one with xc
 * on the right. `values`: the distinct values of x (column i), sorted.
 */
function linesAt(
  y: ArrayLike<number>,
  X: number[][],
  names: string[],
  i: number,
  j: number,
  values: number[],
  xc: number,
) {
  const x = names[i]!;
  const fitLow = interrupted(y, X, names, i, j, values, xc, true);
  const fitHigh = interrupted(y, X, names, i, j, values, xc, false);
  return { fitLow, fitHigh, low: coefOf(fitLow, `${x}_low`), high: coefOf(fitHigh, `${x}_high`) };
}

/**
 * Simonsohn's Robin Hood break for a discrete x: the flat maximum of a step-function fit (one dummy per
 * value of x besides the first, the other regressors at their means, link scale) among the values
 * strictly inside x's 10th–90th percentiles, the lines at its median, then its quantile z_high/(z_low + z_high).
 * `x` is column i, `values` its distinct values, sorted. Returns the break, or the reason there is none.
 */
function robinHoodBreak(
  y: ArrayLike<number>,
  X: number[][],
  names: string[],
  i: number,
  j: number,
  x: number[],
  values: number[],
): number | string {
  if (values.length > MAX_DISCRETE_VALUES)
    throw new EstimationError(
      `the Robin Hood break needs a discrete ${names[i]} (a Likert item, say); it has ` +
        `${values.length} distinct values (use the vertex rule)`,
    );
  const intercept = names.indexOf('(intercept)');
  if (intercept < 0)
    throw new EstimationError('the Robin Hood break needs an intercept column named (intercept)');
  const others = names.map((_, k) => k).filter((k) => k !== i && k !== j && k !== intercept);
  const step = fitGlm(
    y,
    X.map((row) => [1, ...values.slice(1).map((v) => (row[i] === v ? 1 : 0)), ...others.map((k) => row[k]!)]),
    ['(intercept)', ...values.slice(1).map((v) => `${names[i]}=${v}`), ...others.map((k) => names[k]!)],
  );
  const means = others.map((k) => X.reduce((s, row) => s + row[k]!, 0) / X.length);
  const width = step.coef.length;
  const fitted = values.map((_, v) => {
    const a = new Array<number>(width).fill(0);
    a[0] = 1;
    if (v > 0) a[v] = 1;
    means.forEach((m, k) => (a[values.length + k] = m));
    let eta = 0;
    let variance = 0;
    for (let p = 0; p < width; p++) {
      eta += a[p]! * step.coef[p]!;
      for (let q = 0; q < width; q++) variance += a[p]! * step.cov[p]![q]! * a[q]!;
    }
    return { eta, se: Math.sqrt(variance) };
  });
  const [x10, x90] = [quantile(x, 0.1), quantile(x, 0.9)];
  const middle = values.map((v, k) => ({ v, k })).filter(({ v }) => v > x10 && v < x90);
  if (middle.length === 0)
    return `no value of ${names[i]} lies strictly between its 10th and 90th percentiles`;
  const top = Math.max(...middle.map(({ k }) => fitted[k]!.eta));
  const flatValues = new Set(
    middle.filter(({ k }) => fitted[k]!.eta + fitted[k]!.se > top).map(({ v }) => v),
  );
  const xflat = x.filter((v) => flatValues.has(v));
  const mid = quantile(xflat, 0.5);
  const side = sides(values, mid);
  if (side) return `the flat maximum's median ${mid.toFixed(3)} ${side}`;
  const { low, high } = linesAt(y, X, names, i, j, values, mid);
  const [z1, z2] = [Math.abs(low.z), Math.abs(high.z)];
  return quantile(xflat, z1 + z2 > 0 ? z2 / (z1 + z2) : 0.5);
}

/** Why a break leaves a line without two distinct values of x, or undefined when both have them. */
function sides(values: number[], xc: number): string | undefined {
  const below = values.filter((v) => v <= xc).length;
  const above = values.filter((v) => v >= xc).length;
  return below < 2 || above < 2
    ? `leaves ${below} distinct value(s) at or below it and ${above} at or above`
    : undefined;
}

/**
 * Two lines in x on a design (y, X, names) that holds the regressors `x` and `x2` (= x²) besides its
 * controls (and an intercept named '(intercept)' for the Robin Hood break). Unless the break is given
 * (`breakAt`), the quadratic is fitted first: it must rise at the lowest x (else there is no inverted U
 * to test; Simonsohn's test would look for a U instead) and, for the vertex rule, have a maximum.
 */
export function twoLines(
  y: ArrayLike<number>,
  X: number[][],
  names: string[],
  x: string,
  x2: string,
  opts: { rule?: BreakRule; breakAt?: number; alpha?: number } = {},
): TwoLines {
  const rule = opts.breakAt !== undefined ? 'given' : (opts.rule ?? 'robin-hood');
  const alpha = opts.alpha ?? 0.05;
  const i = names.indexOf(x);
  const j = names.indexOf(x2);
  if (i < 0 || j < 0)
    throw new EstimationError(`two lines need the regressors '${x}' and '${x2}' (have: ${names.join(', ')})`);
  const none = (reason: string, breakPoint = NaN): TwoLines => ({
    rule,
    breakPoint,
    testable: false,
    reason,
    slopeLow: NaN,
    zLow: NaN,
    pLow: NaN,
    slopeHigh: NaN,
    zHigh: NaN,
    pHigh: NaN,
    nLow: NaN,
    nHigh: NaN,
    invertedU: false,
  });
  const xs = X.map((row) => row[i]!);
  const values = [...new Set(xs)].sort((a, b) => a - b);
  let xc: number;
  if (opts.breakAt !== undefined) xc = opts.breakAt;
  else {
    const quad = fitGlm(y, X, names);
    const [b1, b2] = [quad.coef[i]!, quad.coef[j]!];
    if (!(b1 + 2 * b2 * values[0]! > 0))
      return none(
        `the quadratic does not rise at the lowest ${x} (slope ${(b1 + 2 * b2 * values[0]!).toFixed(3)} there)`,
      );
    if (rule === 'vertex') {
      if (!(b2 < 0)) return none(`the quadratic has no maximum (β2 ${b2.toFixed(3)})`);
      xc = -b1 / (2 * b2);
    } else {
      const found = robinHoodBreak(y, X, names, i, j, xs, values);
      if (typeof found === 'string') return none(found);
      xc = found;
    }
  }
  const side = sides(values, xc);
  if (side) return none(`the break ${xc.toFixed(3)} ${side}`, xc);
  const { fitLow, fitHigh, low, high } = linesAt(y, X, names, i, j, values, xc);
  const [pLow, pHigh] = [low.p, high.p]; // fitGlm's two-sided p-values
  return {
    rule,
    breakPoint: xc,
    testable: true,
    reason: '',
    slopeLow: low.coef,
    zLow: low.z,
    pLow,
    slopeHigh: high.coef,
    zHigh: high.z,
    pHigh,
    nLow: xs.filter((v) => v <= xc).length,
    nHigh: xs.filter((v) => v >= xc).length,
    invertedU: low.coef > 0 && high.coef < 0 && pLow < alpha && pHigh < alpha,
    fitLow,
    fitHigh,
  };
}
