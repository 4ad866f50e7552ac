/** The statsmodels reference fits (scripts/fixtures/make_glm_fixtures.py) and the agreement the estimator tests ask of them. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** One reference fit. */
export interface Ref {
  coef: number[];
  se: number[];
  p: number[];
}

export const ref = JSON.parse(readFileSync('test/fixtures/glm/reference.json', 'utf8')) as {
  names: string[];
  X: number[][];
  y_logit: number[];
  y_probit: number[];
  y_frac: number[];
  logit: Ref;
  probit: Ref;
  fractional: Ref;
  ols_residuals: number[];
  groups: number[];
  logit_cluster: Ref;
  two_lines: Ref & { break: number; n_low: number };
  two_lines_rh: { x_discrete: number[]; median: number; break: number; low: Ref; high: Ref };
};

/**
 * Agreement with statsmodels: the same coefficients (as many, and with `names` when given, the same
 * names in the same order), then ≤ 1e-6 on coefficients, ≤ 1e-4 on standard errors and p-values.
 */
export function agree(
  fit: { names: string[]; coef: number[]; se: number[]; p: number[] } | undefined,
  want: Ref,
  names?: readonly string[],
): void {
  expect(fit).toBeDefined();
  // a fit that silently dropped a coefficient must not pass by looping over its own, shorter arrays
  expect(fit!.coef, 'number of coefficients').toHaveLength(want.coef.length);
  expect(fit!.se, 'number of standard errors').toHaveLength(want.se.length);
  expect(fit!.p, 'number of p-values').toHaveLength(want.p.length);
  expect(fit!.names, 'number of names').toHaveLength(want.coef.length);
  if (names) expect(fit!.names).toEqual(names);
  fit!.coef.forEach((c, j) =>
    expect(Math.abs(c - want.coef[j]!), `coef ${fit!.names[j]}`).toBeLessThan(1e-6),
  );
  fit!.se.forEach((s, j) => expect(Math.abs(s - want.se[j]!), `se ${fit!.names[j]}`).toBeLessThan(1e-4));
  fit!.p.forEach((p, j) => expect(Math.abs(p - want.p[j]!), `p ${fit!.names[j]}`).toBeLessThan(1e-4));
  // and in relative terms, so that a tiny p-value (3.6e-79 here) is not reported as 0
  fit!.p.forEach((p, j) =>
    expect(Math.abs(p / want.p[j]! - 1), `p ${fit!.names[j]} relative to ${want.p[j]}`).toBeLessThan(1e-5),
  );
}
