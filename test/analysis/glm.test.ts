import { describe, expect, it } from 'vitest';
import { dropPerfectPredictors, surveyDesign } from '../../analysis/verbs/design.js';
import { EstimationError, fitGlm } from '../../analysis/verbs/glm.js';
import { lindMehlum, moderation } from '../../analysis/verbs/invertedU.js';
import { correlation, olsResiduals } from '../../analysis/verbs/ols.js';
import { normalTail } from '../../analysis/verbs/stats.js';
import { agree, ref } from './reference.js';

describe('GLM estimators against statsmodels (scripts/fixtures/make_glm_fixtures.py)', () => {
  it('logit by IRLS', () => agree(fitGlm(ref.y_logit, ref.X, ref.names, 'logit'), ref.logit, ref.names));
  it('probit by IRLS (expected information, as statsmodels GLM)', () =>
    agree(fitGlm(ref.y_probit, ref.X, ref.names, 'probit'), ref.probit, ref.names));
  it('fractional logit with HC0 robust standard errors', () =>
    agree(fitGlm(ref.y_frac, ref.X, ref.names, 'logit', { robust: true }), ref.fractional, ref.names));
  it('logit with cluster-robust standard errors (clusters of 3 rows)', () => {
    const fit = fitGlm(ref.y_logit, ref.X, ref.names, 'logit', { clusters: ref.groups });
    agree(fit, ref.logit_cluster, ref.names);
    expect(fit.clusters).toBe(200);
    expect(fit.se).not.toEqual(fitGlm(ref.y_logit, ref.X, ref.names, 'logit').se);
  });
  it('linear probability model residuals', () => {
    const residuals = olsResiduals(ref.y_logit, ref.X, ref.names);
    expect(residuals).toHaveLength(ref.ols_residuals.length); // one per row: none dropped
    residuals.forEach((r, i) => expect(Math.abs(r - ref.ols_residuals[i]!)).toBeLessThan(1e-9));
  });
});

describe('the agreement check itself', () => {
  it('fails a fit that silently dropped a coefficient, or renamed one', () => {
    const fit = fitGlm(ref.y_logit, ref.X, ref.names, 'logit');
    const dropped = {
      names: fit.names.slice(0, -1),
      coef: fit.coef.slice(0, -1),
      se: fit.se.slice(0, -1),
      p: fit.p.slice(0, -1),
    };
    expect(() => agree(dropped, ref.logit)).toThrow(/number of coefficients/);
    const renamed = { ...fit, names: fit.names.map((n, j) => (j === 1 ? 'other' : n)) };
    expect(() => agree(renamed, ref.logit, ref.names)).toThrow();
    agree(fit, ref.logit, ref.names);
  });
});

describe('degenerate data gives a clear error, never a silent NaN', () => {
  it('perfect separation', () => {
    const x = Array.from({ length: 50 }, (_, i) => i / 50);
    const y = x.map((v) => (v > 0.5 ? 1 : 0));
    expect(() =>
      fitGlm(
        y,
        x.map((v) => [1, v]),
        ['(intercept)', 'x'],
      ),
    ).toThrow(/separation/);
  });
  it('a constant column', () => {
    const y = Array.from({ length: 40 }, (_, i) => i % 2);
    expect(() =>
      fitGlm(
        y,
        y.map((v, i) => [1, 3, i / 40]),
        ['(intercept)', 'c', 'x'],
      ),
    ).toThrow(/column 'c' is constant/);
  });
  it('quasi-complete separation that IRLS converges on (a group whose outcome is always 0): an error, not a fit with p = 1', () => {
    const y = Array.from({ length: 300 }, (_, i) => (i % 2 === 1 && i % 3 === 0 ? 1 : 0)); // never 1 where coop = 0
    const X = y.map((_, i) => [1, i % 2, (i % 7) / 7]);
    expect(() => fitGlm(y, X, ['(intercept)', 'coop', 'x'])).toThrow(
      /quasi-complete separation: .*no information on columns '\(intercept\)', 'coop'/,
    );
  });
  it('a column proportional to a dummy, and dummies that sum to the intercept: an error that names the columns', () => {
    const y = Array.from({ length: 300 }, (_, i) => ((i * 37) % 11 < 5 ? 1 : 0));
    const d = (i: number, k: number) => (i % 3 === k ? 1 : 0);
    expect(() =>
      fitGlm(
        y,
        y.map((_, i) => [1, d(i, 0), d(i, 0) / 6]),
        ['(intercept)', 'a', 'a_scaled'],
      ),
    ).toThrow(/columns 'a', 'a_scaled' are collinear/);
    expect(() =>
      fitGlm(
        y,
        y.map((_, i) => [1, d(i, 0), d(i, 1), d(i, 2)]),
        ['(intercept)', 'a', 'b', 'c'],
      ),
    ).toThrow(/columns '\(intercept\)', 'a', 'b', 'c' are collinear/);
  });
  it('names only the columns of each collinear set, however many others the model has', () => {
    const y = Array.from({ length: 300 }, (_, i) => ((i * 37) % 11 < 5 ? 1 : 0));
    const cols = (i: number) => {
      const [x, a, b, z, u] = [(i % 13) / 13, (i * 7) % 5, ((i * 11) % 9) / 3, i % 2, ((i * 5) % 17) / 17];
      return [1, x, a, b, a + 2 * b, z, u, 3 * u - 1];
    };
    const names = ['(intercept)', 'x', 'a', 'b', 'a_plus_2b', 'z', 'u', 'u_shifted'];
    expect(() =>
      fitGlm(
        y,
        y.map((_, i) => cols(i)),
        names,
      ),
    ).toThrow(
      /singular: columns 'a', 'b', 'a_plus_2b' are collinear; columns '\(intercept\)', 'u', 'u_shifted' are collinear; drop one column of each set$/,
    );
    // nearly, not exactly: a tiny perturbation (1e-9) leaves the VIF far above 1e10, and the same set is named
    const nearly = y.map((_, i) =>
      cols(i)
        .slice(0, 6)
        .map((v, j) => (j === 4 ? v + 1e-9 * ((i * 3) % 7) : v)),
    );
    expect(() => fitGlm(y, nearly, names.slice(0, 6))).toThrow(
      /singular: columns 'a', 'b', 'a_plus_2b' are collinear; drop/,
    );
  });
  it('linear probability model residuals: collinear columns named as fitGlm names them', () => {
    const y = Array.from({ length: 300 }, (_, i) => ((i * 37) % 11 < 5 ? 1 : 0));
    const d = (i: number, k: number) => (i % 3 === k ? 1 : 0);
    expect(() =>
      olsResiduals(
        y,
        y.map((_, i) => [1, d(i, 0), d(i, 1), d(i, 2), (i % 7) / 7]),
        ['(intercept)', 'a', 'b', 'c', 'x'],
      ),
    ).toThrow(
      /^the design matrix is singular: columns '\(intercept\)', 'a', 'b', 'c' are collinear; drop one column of each set$/,
    );
    expect(() =>
      olsResiduals(
        y,
        y.map((_, i) => [1, 0, (i % 7) / 7]),
        ['(intercept)', 'empty', 'x'],
      ),
    ).toThrow(/column 'empty' is all zeros/);
  });
  it('collinear columns', () => {
    const y = Array.from({ length: 40 }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0));
    expect(() =>
      fitGlm(
        y,
        y.map((_, i) => [1, i / 40, (2 * i) / 40]),
        ['(intercept)', 'a', 'b'],
      ),
    ).toThrow(EstimationError);
  });
  it('a single cluster, or cluster labels that do not match the rows', () => {
    const y = [0, 1, 1, 0, 1, 0];
    const X = y.map((_, i) => [1, i]);
    expect(() => fitGlm(y, X, ['(intercept)', 'x'], 'logit', { clusters: y.map(() => 'a') })).toThrow(
      /at least 2 clusters/,
    );
    expect(() => fitGlm(y, X, ['(intercept)', 'x'], 'logit', { clusters: [1, 2] })).toThrow(/cluster labels/);
  });
  it('an outcome outside [0, 1]', () => {
    expect(() =>
      fitGlm(
        [0, 2, 1, 0],
        [
          [1, 0],
          [1, 1],
          [1, 2],
          [1, 3],
        ],
        ['(intercept)', 'x'],
      ),
    ).toThrow(/\[0, 1\]/);
  });
});

describe('survey design matrices', () => {
  it('adds log(employees) and sector/region dummies, and drops a category that predicts the outcome perfectly (as Stata)', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({
      y: i % 3 === 0 ? 1 : 0,
      x: i,
      employees: 10 + i,
      sector: i < 8 ? 'a' : i % 2 ? 'b' : 'c',
      region: 1 + (i % 2),
    }));
    rows.slice(0, 8).forEach((r) => (r.y = 0)); // sector a never innovates
    const d = surveyDesign(rows, 'y', [['x', (r) => Number(r.x)]]);
    expect(d.dropped).toEqual(['sector=a (8 rows)']);
    expect(d.rows).toHaveLength(32);
    expect(d.names).toEqual(['(intercept)', 'x', 'log_employees', 'sector=c', 'region=2']);
    expect(d.X[0]![2]).toBeCloseTo(Math.log(18), 12);
    expect(dropPerfectPredictors(rows, 'y', []).dropped).toEqual([]);
  });
});

describe('inverted U (Lind–Mehlum) and moderation (Haans et al.)', () => {
  it('detects an inverted U inside the range and not a monotone curve', () => {
    const n = 4000;
    const x = Array.from({ length: n }, (_, i) => (i % 100) / 99);
    const ys = (f: (v: number) => number) =>
      x.map((v, i) => (((i * 2654435761) % 1000) / 1000 < 1 / (1 + Math.exp(-f(v))) ? 1 : 0));
    const X = x.map((v) => [1, v, v * v]);
    const u = lindMehlum(
      fitGlm(
        ys((v) => -1 + 4 * v - 4 * v * v),
        X,
        ['(intercept)', 'x', 'x2'],
      ),
      'x',
      'x2',
      0,
      1,
    );
    expect(u.invertedU).toBe(true);
    expect(u.turningPoint).toBeGreaterThan(0.35);
    expect(u.turningPoint).toBeLessThan(0.65);
    const m = lindMehlum(
      fitGlm(
        ys((v) => -1 + 2 * v),
        X,
        ['(intercept)', 'x', 'x2'],
      ),
      'x',
      'x2',
      0,
      1,
    );
    expect(m.invertedU).toBe(false);
  });

  it('computes slopes at x for low and high moderator values from the interaction model', () => {
    const fit = {
      names: ['x', 'x2', 'z', 'xz', 'x2z'],
      coef: [2, -3, 0.1, 0.5, 1],
      cov: [],
      se: [],
      z: [],
      p: [],
      link: 'logit' as const,
      n: 0,
      iterations: 0,
      logLik: 0,
      robust: false,
    };
    const m = moderation(fit, { x: 'x', x2: 'x2', z: 'z', xz: 'xz', x2z: 'x2z' }, 0.9, 0, 1);
    expect(m.slopeLowZ).toBeCloseTo(2 - 3 * 2 * 0.9, 12);
    expect(m.slopeHighZ).toBeCloseTo(2 + 0.5 + 2 * 0.9 * (-3 + 1), 12);
    expect(m.difference).toBeCloseTo(0.5 + 1.8, 12);
    expect(m.turningShift).toBe(Math.sign(2 * 1 - -3 * 0.5));
  });
});

describe('correlation', () => {
  it('is 1 for a linear relation and −1 for its mirror', () => {
    expect(correlation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(correlation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });
});

describe('normal tail probabilities for p-values', () => {
  // P(Z > z) from scipy 1.17.1, stats.norm.sf(z)
  const SCIPY: [number, number][] = [
    [-3, 0.9986501019683699],
    [0, 0.5],
    [1.96, 0.024997895148220435],
    [3, 0.0013498980316300933],
    [4.9, 4.791832765903185e-7],
    [6, 9.865876450376946e-10],
    [8, 6.22096057427174e-16],
    [9, 1.1285884059538324e-19],
    [12, 1.776482112077653e-33],
    [20, 2.7536241186061556e-89],
    [30, 4.906713927147908e-198],
    [37, 5.7255712225239266e-300],
  ];
  it('agrees with scipy to 1e-12 in relative terms, far into the tail where 1 − Φ(z) is 0', () => {
    for (const [z, q] of SCIPY) expect(Math.abs(normalTail(z) / q - 1), `z = ${z}`).toBeLessThan(1e-12);
  });
});
