/**
 * Binary and fractional response models by iteratively reweighted least squares (IRLS):
 * logit and probit with model-based standard errors, fractional logit with robust (HC0) ones, and
 * cluster-robust standard errors when rows come in groups (a firm observed twice, say).
 * Degenerate data give a clear error, never a silent NaN.
 */
import jstatPkg from 'jstat';
import { Matrix, inverse, solve } from 'ml-matrix';
import { EstimationError, checkColumns, checkRank, collinearity } from './designChecks.js';
import { normalTail } from './stats.js';

export { EstimationError, collinearity } from './designChecks.js';

const { jStat } = jstatPkg;

/** The link of a binomial model. */
export type Link = 'logit' | 'probit';

/** A fitted model. */
export interface GlmFit {
  link: Link;
  names: string[];
  coef: number[];
  se: number[];
  z: number[];
  p: number[];
  /** Covariance of the coefficients (model-based, HC0 sandwich when robust, cluster sandwich with clusters). */
  cov: number[][];
  n: number;
  iterations: number;
  logLik: number;
  robust: boolean;
  /** Number of clusters when the covariance is cluster-robust. */
  clusters?: number;
}

const normPdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
const normCdf = (x: number) => jStat.normal.cdf(x, 0, 1);
const clamp = (p: number) => Math.min(1 - 1e-15, Math.max(1e-15, p));

/** Mean and its derivative for a linear predictor. */
function linkInverse(link: Link, eta: number): [mu: number, dmu: number] {
  if (link === 'logit') {
    const mu = 1 / (1 + Math.exp(-eta));
    return [mu, mu * (1 - mu)];
  }
  return [normCdf(eta), normPdf(eta)];
}

/**
 * Fit y ~ X (X includes the intercept column if wanted). y ∈ {0,1} for logit/probit, y ∈ [0,1] for
 * fractional logit (robust = true gives HC0 sandwich standard errors, as quasi-likelihood needs).
 * `clusters` (one label per row) gives cluster-robust standard errors instead, with the small-sample
 * factor G/(G − 1)·(N − 1)/(N − K) that statsmodels and Stata use.
 */
export function fitGlm(
  y: ArrayLike<number>,
  X: number[][],
  names: string[],
  link: Link = 'logit',
  opts: { robust?: boolean; clusters?: ArrayLike<number | string>; maxIter?: number; tol?: number } = {},
): GlmFit {
  const n = y.length;
  const k = names.length;
  if (X.length !== n) throw new EstimationError(`y has ${n} rows but X has ${X.length}`);
  if (opts.clusters && opts.clusters.length !== n)
    throw new EstimationError(`y has ${n} rows but there are ${opts.clusters.length} cluster labels`);
  if (n <= k) throw new EstimationError(`${n} observations are too few for ${k} coefficients`);
  for (let i = 0; i < n; i++)
    if (!(y[i]! >= 0 && y[i]! <= 1))
      throw new EstimationError(`outcome must lie in [0, 1] (row ${i + 1} has ${y[i]})`);
  checkColumns(X, names);
  // Plain typed arrays in the loops (ml-matrix's get/set per cell cost more than the arithmetic); the
  // sums run in the same order as Matrix.mmul, so the numbers are the same to the last bit.
  const eta = new Float64Array(n);
  const predict = (b: ArrayLike<number>) => {
    for (let i = 0; i < n; i++) {
      const row = X[i]!;
      let s = 0;
      for (let j = 0; j < k; j++) s += row[j]! * b[j]!;
      eta[i] = s;
    }
  };
  // A step that cannot be solved or runs away: collinear columns if X'X says so, else separation.
  const separation = (what: string) =>
    collinearity(X, names) ??
    new EstimationError(
      `perfect or quasi-complete separation: ${what}; a regressor (or category) predicts the ` +
        `outcome perfectly — drop it with its rows`,
    );
  let beta = new Array<number>(k).fill(0);
  let iterations = 0;
  let prevDev = Infinity;
  const maxIter = opts.maxIter ?? 100;
  const tol = opts.tol ?? 1e-10;
  const xtwx = new Float64Array(k * k);
  for (; iterations < maxIter; iterations++) {
    predict(beta);
    xtwx.fill(0);
    const XtWz = new Array<number>(k).fill(0);
    let dev = 0;
    for (let i = 0; i < n; i++) {
      const [muRaw, dmu] = linkInverse(link, eta[i]!);
      const mu = clamp(muRaw);
      const w = (dmu * dmu) / (mu * (1 - mu));
      const z = eta[i]! + (y[i]! - mu) / Math.max(dmu, 1e-300);
      const row = X[i]!;
      for (let a = 0; a < k; a++) {
        if (row[a] === 0) continue; // dummies are mostly 0; a skipped term is ±0 and leaves every sum as it was
        const wa = w * row[a]!;
        XtWz[a]! += wa * z;
        for (let b = a; b < k; b++) if (row[b] !== 0) xtwx[a * k + b]! += wa * row[b]!;
      }
      dev -= 2 * (y[i]! * Math.log(mu) + (1 - y[i]!) * Math.log(1 - mu));
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) xtwx[a * k + b] = xtwx[b * k + a]!;
    let next: number[];
    try {
      next = solve(Matrix.from1DArray(k, k, xtwx), Matrix.columnVector(XtWz)).getColumn(0);
    } catch {
      throw separation('the weights of the IRLS step vanish');
    }
    if (next.some((v) => !Number.isFinite(v))) throw separation('the IRLS step is not finite');
    const change = Math.max(...next.map((v, j) => Math.abs(v - beta[j]!)));
    beta = next;
    if (beta.some((v) => Math.abs(v) > 50))
      throw separation(`coefficient of '${names[beta.findIndex((v) => Math.abs(v) > 50)]}' diverges`);
    if (change < tol || Math.abs(prevDev - dev) < tol * (Math.abs(dev) + 1)) {
      iterations++;
      break;
    }
    prevDev = dev;
  }
  if (iterations >= maxIter) throw new EstimationError(`IRLS did not converge in ${maxIter} iterations`);
  predict(beta);
  // Information at the estimate; for a sandwich, the score sums of each group of rows (HC0: every row
  // its own group, as the cluster sandwich with one-row clusters and no small-sample factor).
  const info = new Float64Array(k * k);
  const groupScores = opts.clusters || opts.robust ? new Map<number | string, number[]>() : undefined;
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    const [muRaw, dmu] = linkInverse(link, eta[i]!);
    const mu = clamp(muRaw);
    const w = (dmu * dmu) / (mu * (1 - mu));
    const row = X[i]!;
    for (let a = 0; a < k; a++) {
      if (row[a] === 0) continue;
      for (let b = 0; b < k; b++) if (row[b] !== 0) info[a * k + b]! += w * row[a]! * row[b]!;
    }
    if (groupScores) {
      const score = ((y[i]! - mu) * dmu) / (mu * (1 - mu));
      const label = opts.clusters ? opts.clusters[i]! : i;
      const sum = groupScores.get(label) ?? new Array<number>(k).fill(0);
      for (let a = 0; a < k; a++) if (row[a] !== 0) sum[a]! += score * row[a]!;
      groupScores.set(label, sum);
    }
    logLik += y[i]! * Math.log(mu) + (1 - y[i]!) * Math.log(1 - mu);
  }
  let bread: Matrix | undefined;
  try {
    bread = inverse(Matrix.from1DArray(k, k, info));
  } catch {
    bread = undefined; // singular: checkRank says whether the columns or the weights are why
  }
  checkRank(info, bread, X, beta, names);
  let cov = bread;
  if (groupScores) {
    const G = groupScores.size;
    if (opts.clusters && G < 2)
      throw new EstimationError(`cluster-robust standard errors need at least 2 clusters (got ${G})`);
    const factor = opts.clusters ? (G / (G - 1)) * ((n - 1) / (n - k)) : 1;
    const meat = new Float64Array(k * k);
    for (const sum of groupScores.values())
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat[a * k + b]! += factor * sum[a]! * sum[b]!;
    cov = bread.mmul(Matrix.from1DArray(k, k, meat)).mmul(bread);
  }
  const se = beta.map((_, j) => Math.sqrt(cov.get(j, j)));
  if (se.some((v) => !Number.isFinite(v)))
    throw new EstimationError('standard errors are not finite (information matrix singular)');
  const z = beta.map((b, j) => b / se[j]!);
  const p = z.map((v) => 2 * normalTail(Math.abs(v)));
  return {
    link,
    names,
    coef: beta,
    se,
    z,
    p,
    cov: cov.to2DArray(),
    n,
    iterations,
    logLik,
    robust: opts.robust ?? false,
    ...(opts.clusters && groupScores ? { clusters: groupScores.size } : {}),
  };
}

/** Coefficient of a named regressor. */
export function coefOf(fit: GlmFit, name: string): { coef: number; se: number; z: number; p: number } {
  const j = fit.names.indexOf(name);
  if (j < 0) throw new EstimationError(`no regressor '${name}' in the model (have: ${fit.names.join(', ')})`);
  return { coef: fit.coef[j]!, se: fit.se[j]!, z: fit.z[j]!, p: fit.p[j]! };
}
