/**
 * CMA-ES, the covariance matrix adaptation evolution strategy, as N. Hansen, "The CMA Evolution
 * Strategy: A Tutorial" (arXiv:1604.00772) states it: sampling (its eq. 38–40), selection and
 * recombination with positive weights (μ = ⌊λ/2⌋, w_i ∝ ln((λ+1)/2) − ln i), cumulative step-size
 * adaptation (eq. 43–44) and the rank-one plus rank-μ covariance update with the stall of p_c (h_σ,
 * eq. 45–47). Default strategy parameters are the tutorial's Table 1. Written as ask/tell on a plain
 * state object, so the state after a generation can be written to disk as JSON (numbers round-trip
 * exactly) and a resumed search continues with the very same numbers.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { type Rng, normal } from '../rng.js';

/** The state of a search: everything the next generation depends on. */
export interface CmaesState {
  /** Dimension n. */
  n: number;
  /** Offspring per generation λ. */
  lambda: number;
  /** Distribution mean m. */
  mean: number[];
  /** Overall step size σ. */
  sigma: number;
  /** Covariance matrix C, row by row. */
  cov: number[][];
  /** Evolution path of σ, p_σ. */
  pSigma: number[];
  /** Evolution path of C, p_c. */
  pC: number[];
  /** Generations told so far. */
  generation: number;
}

/** The tutorial's default λ = 4 + ⌊3 ln n⌋. */
export const defaultLambda = (n: number): number => 4 + Math.floor(3 * Math.log(n));

/** A new search from `mean` with step size `sigma` and λ offspring per generation (default: Table 1's). */
export function cmaesInit(mean: number[], sigma: number, lambda = defaultLambda(mean.length)): CmaesState {
  const n = mean.length;
  if (n < 1) throw new Error('CMA-ES needs at least one dimension');
  if (lambda < 2) throw new Error(`CMA-ES needs at least 2 offspring per generation (got ${lambda})`);
  return {
    n,
    lambda,
    mean: [...mean],
    sigma,
    cov: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))),
    pSigma: new Array<number>(n).fill(0),
    pC: new Array<number>(n).fill(0),
    generation: 0,
  };
}

/** Strategy parameters of Table 1 for dimension n and λ (positive recombination weights only). */
function strategy(n: number, lambda: number) {
  const mu = Math.floor(lambda / 2);
  const raw = Array.from({ length: mu }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);
  const muEff = 1 / weights.reduce((a, w) => a + w * w, 0);
  const cSigma = (muEff + 2) / (n + muEff + 5);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
  const cC = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
  const c1 = 2 / ((n + 1.3) ** 2 + muEff);
  const cMu = Math.min(1 - c1, (2 * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + muEff));
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  return { mu, weights, muEff, cSigma, dSigma, cC, c1, cMu, chiN };
}

/** C = B D² Bᵀ: the eigenvectors B (columns) and the square roots D of the eigenvalues. */
function decompose(cov: number[][]): { B: Matrix; D: number[] } {
  const n = cov.length;
  const sym = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sym.set(i, j, (cov[i]![j]! + cov[j]![i]!) / 2);
  const evd = new EigenvalueDecomposition(sym, { assumeSymmetric: true });
  // rounding can leave a tiny negative eigenvalue: clip it so D stays real
  const D = evd.realEigenvalues.map((e) => Math.sqrt(Math.max(e, 1e-300)));
  return { B: evd.eigenvectorMatrix, D };
}

/** λ new points x_k = m + σ B D z_k, z_k ~ N(0, I) drawn from `rng` (eq. 38–40). */
export function cmaesAsk(state: CmaesState, rng: Rng): number[][] {
  const { n, lambda, mean, sigma } = state;
  const { B, D } = decompose(state.cov);
  return Array.from({ length: lambda }, () => {
    const z = Array.from({ length: n }, () => normal(rng));
    const x = [...mean];
    for (let i = 0; i < n; i++) {
      let y = 0;
      for (let j = 0; j < n; j++) y += B.get(i, j) * D[j]! * z[j]!;
      x[i]! += sigma * y;
    }
    return x;
  });
}

/** Indices of `fitness` from best (lowest) to worst; NaN counts as worst, ties keep the order asked. */
export function ranking(fitness: number[]): number[] {
  const f = fitness.map((v) => (Number.isNaN(v) ? Infinity : v));
  return f.map((_, k) => k).sort((a, b) => f[a]! - f[b]! || a - b);
}

/** The state after one generation: `points` as `cmaesAsk` gave them, `fitness` to minimise (eq. 41–47). */
export function cmaesTell(state: CmaesState, points: number[][], fitness: number[]): CmaesState {
  const { n, lambda, mean, sigma } = state;
  if (points.length !== lambda || fitness.length !== lambda)
    throw new Error(`CMA-ES expects ${lambda} points and fitness values (got ${points.length})`);
  const s = strategy(n, lambda);
  const order = ranking(fitness).slice(0, s.mu);
  const ys = order.map((k) => points[k]!.map((x, i) => (x - mean[i]!) / sigma));
  const yw = new Array<number>(n).fill(0);
  ys.forEach((y, r) => y.forEach((v, i) => (yw[i]! += s.weights[r]! * v)));
  const newMean = mean.map((m, i) => m + sigma * yw[i]!);
  // C^{-1/2} y_w = B D^{-1} Bᵀ y_w
  const { B, D } = decompose(state.cov);
  const bty = Array.from({ length: n }, (_, j) => {
    let v = 0;
    for (let i = 0; i < n; i++) v += B.get(i, j) * yw[i]!;
    return v / D[j]!;
  });
  const invSqrtYw = Array.from({ length: n }, (_, i) => {
    let v = 0;
    for (let j = 0; j < n; j++) v += B.get(i, j) * bty[j]!;
    return v;
  });
  const kSigma = Math.sqrt(s.cSigma * (2 - s.cSigma) * s.muEff);
  const pSigma = state.pSigma.map((p, i) => (1 - s.cSigma) * p + kSigma * invSqrtYw[i]!);
  const normPSigma = Math.sqrt(pSigma.reduce((a, v) => a + v * v, 0));
  const g = state.generation + 1;
  const hSigma = normPSigma / Math.sqrt(1 - (1 - s.cSigma) ** (2 * g)) < (1.4 + 2 / (n + 1)) * s.chiN ? 1 : 0;
  const kC = Math.sqrt(s.cC * (2 - s.cC) * s.muEff);
  const pC = state.pC.map((p, i) => (1 - s.cC) * p + hSigma * kC * yw[i]!);
  // with h_σ = 0 the rank-one update loses the variance p_c would have carried: δ(h_σ) of eq. 47
  const delta = (1 - hSigma) * s.cC * (2 - s.cC);
  const keep = 1 - s.c1 - s.cMu + s.c1 * delta;
  const cov = state.cov.map((row, i) =>
    row.map((c, j) => {
      let rankMu = 0;
      ys.forEach((y, r) => (rankMu += s.weights[r]! * y[i]! * y[j]!));
      return keep * c + s.c1 * pC[i]! * pC[j]! + s.cMu * rankMu;
    }),
  );
  const newSigma = sigma * Math.exp((s.cSigma / s.dSigma) * (normPSigma / s.chiN - 1));
  return { ...state, mean: newMean, sigma: newSigma, cov, pSigma, pC, generation: g };
}

/**
 * Bounds by transformation: the search runs on an unbounded genotype and each coordinate is folded into
 * [0, 1] by reflection at the bounds (a triangle wave of period 2) before it is evaluated, so every point
 * evaluated is feasible and the distribution adapts as if unbounded (the tutorial's appendix lists
 * transformation among the recommended ways of handling box constraints).
 */
export function foldIntoUnit(x: number): number {
  const t = ((x % 2) + 2) % 2;
  return t <= 1 ? t : 2 - t;
}
