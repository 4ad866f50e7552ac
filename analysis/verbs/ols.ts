/** Ordinary least squares (linear probability model) residuals, for the complementarity check. */
import { Matrix, solve } from 'ml-matrix';
import { EstimationError, collinearity } from './designChecks.js';

/** Residuals of y regressed on X (X includes the intercept column; `names` name its columns in errors). */
export function olsResiduals(y: ArrayLike<number>, X: number[][], names: string[]): number[] {
  const problem = collinearity(X, names); // each set of collinear columns named, as fitGlm does
  if (problem) throw problem;
  const Xm = new Matrix(X);
  const yv = Matrix.columnVector(Array.from(y));
  let beta: Matrix;
  try {
    beta = solve(Xm.transpose().mmul(Xm), Xm.transpose().mmul(yv));
  } catch {
    throw new EstimationError('the design matrix is singular (collinear columns)');
  }
  const fitted = Xm.mmul(beta).getColumn(0);
  return Array.from(y, (v, i) => v - fitted[i]!);
}

/** Pearson correlation of two equally long samples. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
