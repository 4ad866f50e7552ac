/**
 * Checks of a design matrix before and after a fit: constant columns, collinear sets (named from X'X), and
 * columns the information matrix cannot identify (collinearity, or quasi-complete separation).
 */
import { Matrix, solve } from 'ml-matrix';

/** Raised when a model cannot be estimated; the message says why. */
export class EstimationError extends Error {}

/** Check the columns: no constant column besides the intercept, no all-zero column. */
export function checkColumns(X: number[][], names: string[]): void {
  for (let j = 0; j < names.length; j++) {
    const first = X[0]![j]!;
    const constant = X.every((row) => row[j] === first);
    if (constant && names[j] !== '(intercept)')
      throw new EstimationError(
        `column '${names[j]}' is constant (${first}) in all ${X.length} rows; drop it from the model`,
      );
  }
}

/** A column whose variance inflation factor exceeds this counts as collinear with others. */
const MAX_VIF = 1e10;

/**
 * The columns whose variance inflation factor, read off a matrix and its inverse, is not a positive number
 * below MAX_VIF.
 */
function inflated(m: ArrayLike<number>, inv: Matrix, k: number, names: string[]): string[] {
  return names.filter((_, a) => {
    const vif = m[a * k + a]! * inv.get(a, a);
    return !(vif > 0 && vif < MAX_VIF);
  });
}

/**
 * The exact (or near-exact) linear dependencies among the columns, read off X'X: each column in turn is
 * regressed on the earlier columns that are not themselves dependent; when what it adds is below
 * 1/MAX_VIF of its own sum of squares (the same bound as the VIF check), it is a combination of
 * the earlier columns with a non-negligible coefficient, and those are named with it (as R's
 * `alias()` names an aliased coefficient's combination).
 */
function dependencies(xtx: Float64Array, k: number, names: string[]): string[][] {
  const sets: string[][] = [];
  const kept: number[] = [];
  for (let j = 0; j < k; j++) {
    const own = xtx[j * k + j]!;
    if (kept.length > 0 && own > 0) {
      const A = Matrix.from1DArray(
        kept.length,
        kept.length,
        kept.flatMap((a) => kept.map((b) => xtx[a * k + b]!)),
      );
      const c = kept.map((a) => xtx[a * k + j]!);
      const b = solve(A, Matrix.columnVector(c)).getColumn(0);
      const added = own - b.reduce((s, v, m) => s + v * c[m]!, 0);
      if (added <= own / MAX_VIF) {
        const involved = kept.filter(
          (a, m) => Math.abs(b[m]!) * Math.sqrt(xtx[a * k + a]!) > 1e-8 * Math.sqrt(own),
        );
        sets.push([...involved, j].map((a) => names[a]!));
        continue;
      }
    }
    if (own > 0) kept.push(j);
    else sets.push([names[j]!]);
  }
  return sets;
}

/**
 * Refuse a design the information matrix cannot identify (`bread`, its inverse, is undefined when it
 * could not be inverted). Each column's variance inflation factor (the diagonal of the information
 * matrix times that of its inverse, ≥ 1) is near-infinite when the column is (nearly) a combination
 * of others. If the columns themselves are (X'X says so), the error names each set of collinear
 * columns; if they are not, the weights are what vanish: fitted probabilities at 0 or 1, quasi-complete
 * separation that stopped short of the divergence IRLS reports, and the error names the columns it leaves
 * without information.
 */
export function checkRank(
  info: Float64Array,
  bread: Matrix | undefined,
  X: number[][],
  beta: number[],
  names: string[],
): asserts bread is Matrix {
  const k = names.length;
  const flagged = bread ? inflated(info, bread, k, names) : names; // no inverse at all: every column is suspect
  if (bread && flagged.length === 0) return;
  const largest = flagged.reduce((m, n) =>
    Math.abs(beta[names.indexOf(n)]!) > Math.abs(beta[names.indexOf(m)]!) ? n : m,
  );
  throw (
    collinearity(X, names) ??
    new EstimationError(
      `quasi-complete separation: some fitted probabilities are 0 or 1, so the data hold no ` +
        `information on columns ${quoted(flagged)} (coefficient of '${largest}' ` +
        `${beta[names.indexOf(largest)]!.toFixed(1)}); a regressor (or category) predicts the ` +
        `outcome (almost) perfectly — drop it with its rows`,
    )
  );
}

const quoted = (cols: string[]) => cols.map((n) => `'${n}'`).join(', ');

/** The error for collinear columns (each set named), or undefined when X'X identifies every column. */
export function collinearity(X: number[][], names: string[]): EstimationError | undefined {
  const k = names.length;
  const xtx = new Float64Array(k * k);
  for (const row of X)
    for (let a = 0; a < k; a++)
      if (row[a] !== 0) for (let b = 0; b < k; b++) xtx[a * k + b]! += row[a]! * row[b]!;
  const sets = dependencies(xtx, k, names);
  if (sets.length === 0) return undefined;
  const whatIsWrong = (set: string[]) =>
    set.length === 1 ? `column ${quoted(set)} is all zeros` : `columns ${quoted(set)} are collinear`;
  return new EstimationError(
    `the design matrix is singular: ${sets.map(whatIsWrong).join('; ')}; drop one column of each set`,
  );
}
