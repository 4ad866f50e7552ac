import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EstimationError, fitGlm } from '../../analysis/verbs/glm.js';
import { lindMehlum } from '../../analysis/verbs/invertedU.js';
import { twoLines } from '../../analysis/verbs/twoLines.js';
import { makeStream } from '../../sim/rng.js';

interface Ref {
  break: number;
  n_low: number;
  coef: number[];
  se: number[];
  p: number[];
}
const ref = JSON.parse(readFileSync('test/fixtures/glm/reference.json', 'utf8')) as { names: string[]; X: number[][]; y_logit: number[]; two_lines: Ref };

/** n draws of x uniform on [0, 1] (in steps of 1/6, as a rescaled 7-point Likert item) and y ~ Bernoulli(p(x)). */
function survey(p: (x: number) => number, n: number, seed: number): { y: number[]; X: number[][]; x: number[] } {
  const rng = makeStream(seed, 'two-lines-test');
  const x = Array.from({ length: n }, () => Math.floor(rng() * 7) / 6);
  const y = x.map((v) => (rng() < p(v) ? 1 : 0));
  return { y, X: x.map((v) => [1, v, v * v]), x };
}
const NAMES = ['(intercept)', 'x', 'x2'];

describe('two lines (Simonsohn 2018), broken at the quadratic’s vertex', () => {
  it('agrees with statsmodels on the break, coefficients, standard errors and p-values', () => {
    const r = twoLines(ref.y_logit, ref.X, ref.names, 'x2', 'x2sq');
    const want = ref.two_lines;
    expect(r.testable).toBe(true);
    expect(Math.abs(r.breakPoint - want.break)).toBeLessThan(1e-6);
    expect(r.nLow).toBe(want.n_low);
    expect(r.fit!.names).toEqual([...ref.names.map((n) => (n === 'x2' ? 'x2_low' : n === 'x2sq' ? 'x2_high' : n)), 'x2_above']);
    r.fit!.coef.forEach((c, j) => expect(Math.abs(c - want.coef[j]!), `coef ${r.fit!.names[j]}`).toBeLessThan(1e-6));
    r.fit!.se.forEach((s, j) => expect(Math.abs(s - want.se[j]!), `se ${r.fit!.names[j]}`).toBeLessThan(1e-4));
    r.fit!.p.forEach((p, j) => expect(Math.abs(p - want.p[j]!), `p ${r.fit!.names[j]}`).toBeLessThan(1e-4));
    expect(r.zLow).toBeCloseTo(want.coef[2]! / want.se[2]!, 4);
    expect(r.zHigh).toBeCloseTo(want.coef[3]! / want.se[3]!, 4);
  });

  it('finds a real inverted U', () => {
    const { y, X } = survey((x) => 0.3 + 0.8 * x * (1 - x), 6000, 1);
    const r = twoLines(y, X, NAMES, 'x', 'x2');
    expect(r.breakPoint).toBeGreaterThan(0.35);
    expect(r.breakPoint).toBeLessThan(0.65);
    expect(r.zLow).toBeGreaterThan(1.645);
    expect(r.zHigh).toBeLessThan(-1.645);
    expect(r.invertedU).toBe(true);
  });

  it('does not call "flat, then falling" an inverted U, where the quadratic’s Lind–Mehlum test does', () => {
    const { y, X, x } = survey((v) => 0.56 - 0.4 * v ** 4, 20000, 2);
    const lm = lindMehlum(fitGlm(y, X, NAMES), 'x', 'x2', Math.min(...x), Math.max(...x));
    expect(lm.invertedU).toBe(true); // the artefact: a positive, significant slope at the low end
    const r = twoLines(y, X, NAMES, 'x', 'x2');
    expect(r.testable).toBe(true);
    expect(r.zHigh).toBeLessThan(-1.645);
    expect(r.zLow).toBeLessThan(1.645);
    expect(r.invertedU).toBe(false);
  });

  it('a curve with no maximum is not testable, and says why', () => {
    const { y, X } = survey((x) => 0.2 + 0.5 * x * x, 3000, 3);
    const r = twoLines(y, X, NAMES, 'x', 'x2');
    expect(r.testable).toBe(false);
    expect(r.invertedU).toBe(false);
    expect(r.reason).toMatch(/no maximum/);
    expect(r.fit).toBeUndefined();
  });

  it('a vertex at the edge of the range is not testable', () => {
    const { y, X } = survey((x) => 0.7 - 0.6 * x * x, 6000, 4); // falling from x = 0: the vertex sits at the lowest value
    const r = twoLines(y, X, NAMES, 'x', 'x2');
    expect(r.testable).toBe(false);
    expect(r.reason).toMatch(/leaves [01] distinct value\(s\) of x below it/);
  });

  it('names a missing regressor', () => {
    expect(() => twoLines(ref.y_logit, ref.X, ref.names, 'sli', 'sli2')).toThrow(EstimationError);
  });
});
