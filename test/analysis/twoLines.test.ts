import { describe, expect, it } from 'vitest';
import { EstimationError, fitGlm } from '../../analysis/verbs/glm.js';
import { lindMehlum } from '../../analysis/verbs/invertedU.js';
import { twoLines } from '../../analysis/verbs/twoLines.js';
import { makeStream } from '../../sim/rng.js';
import { agree, ref } from './reference.js';

const lineNames = [
  ...ref.names.map((n) => (n === 'x2' ? 'x2_low' : n === 'x2sq' ? 'x2_high' : n)),
  'x2_above',
];

/** n draws of x uniform on [0, 1] (in steps of 1/6, as a rescaled 7-point Likert item) and y ~ Bernoulli(p(x)). */
function survey(
  p: (x: number) => number,
  n: number,
  seed: number,
): { y: number[]; X: number[][]; x: number[] } {
  const rng = makeStream(seed, 'two-lines-test');
  const x = Array.from({ length: n }, () => Math.floor(rng() * 7) / 6);
  const y = x.map((v) => (rng() < p(v) ? 1 : 0));
  return { y, X: x.map((v) => [1, v, v * v]), x };
}
const NAMES = ['(intercept)', 'x', 'x2'];

describe('two lines (Simonsohn 2018)', () => {
  it('vertex rule: agrees with statsmodels on the break, coefficients, standard errors and p-values', () => {
    const r = twoLines(ref.y_logit, ref.X, ref.names, 'x2', 'x2sq', { rule: 'vertex' });
    const want = ref.two_lines;
    expect(r.testable).toBe(true);
    expect(Math.abs(r.breakPoint - want.break)).toBeLessThan(1e-6);
    expect(r.nLow).toBe(want.n_low);
    expect(r.fitLow!.names).toEqual(lineNames);
    agree(r.fitLow, want); // x is continuous: no row sits at the break, so both regressions are this one
    agree(r.fitHigh, want);
    expect(r.zLow).toBeCloseTo(want.coef[2]! / want.se[2]!, 4);
    expect(r.zHigh).toBeCloseTo(want.coef[3]! / want.se[3]!, 4);
  });

  it('Robin Hood rule: agrees with an independent statsmodels implementation on a discrete x (break at a value of x)', () => {
    const want = ref.two_lines_rh;
    const X = ref.X.map((row, k) => {
      const v = want.x_discrete[k]!;
      const out = row.slice();
      out[ref.names.indexOf('x2')] = v;
      out[ref.names.indexOf('x2sq')] = v * v;
      return out;
    });
    const r = twoLines(ref.y_logit, X, ref.names, 'x2', 'x2sq');
    expect(r.rule).toBe('robin-hood');
    expect(r.testable).toBe(true);
    expect(Math.abs(r.breakPoint - want.break)).toBeLessThan(1e-9);
    expect(want.x_discrete.filter((v) => v === want.break).length).toBeGreaterThan(0); // rows at the break: the two regressions differ
    agree(r.fitLow, want.low);
    agree(r.fitHigh, want.high);
    expect(r.fitLow!.coef).not.toEqual(r.fitHigh!.coef);
    expect(r.nLow + r.nHigh).toBeGreaterThan(X.length);
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

  for (const rule of ['robin-hood', 'vertex'] as const) {
    it(`${rule}: does not call "flat, then falling" an inverted U, where the quadratic’s Lind–Mehlum test does`, () => {
      const { y, X, x } = survey((v) => 0.56 - 0.4 * v ** 4, 20000, 2);
      const lm = lindMehlum(fitGlm(y, X, NAMES), 'x', 'x2', Math.min(...x), Math.max(...x));
      expect(lm.invertedU).toBe(true); // the artefact: a positive, significant slope at the low end
      const r = twoLines(y, X, NAMES, 'x', 'x2', { rule });
      expect(r.testable).toBe(true);
      expect(r.zHigh).toBeLessThan(-1.96);
      expect(r.zLow).toBeLessThan(1.96);
      expect(r.invertedU).toBe(false);
    });

    it(`${rule}: a curve that falls from the start has no inverted U to test, and says why`, () => {
      const { y, X } = survey((v) => 0.7 - 0.5 * v, 4000, 3);
      const r = twoLines(y, X, NAMES, 'x', 'x2', { rule });
      expect(r.testable).toBe(false);
      expect(r.invertedU).toBe(false);
      expect(r.reason).toMatch(/does not rise at the lowest x/);
      expect(r.fitLow).toBeUndefined();
    });
  }

  it('vertex rule: a rising curve without a maximum is not testable', () => {
    const { y, X } = survey((v) => 0.2 + 0.1 * v + 0.5 * v * v, 4000, 5);
    const r = twoLines(y, X, NAMES, 'x', 'x2', { rule: 'vertex' });
    expect(r.reason).toMatch(/no maximum/);
  });

  it('vertex rule: a vertex that leaves one value of x below it is not testable', () => {
    const { y, X } = survey((v) => 1 / (1 + Math.exp(-(0.3 + v - 5 * v * v))), 20000, 4); // log-odds peak at x = 0.1, below the second value (1/6)
    const r = twoLines(y, X, NAMES, 'x', 'x2', { rule: 'vertex' });
    expect(r.testable).toBe(false);
    expect(r.reason).toMatch(/leaves 1 distinct value\(s\) at or below it/);
  });

  it('Robin Hood rule: refuses a continuous x, and says to use the vertex rule', () => {
    expect(() => twoLines(ref.y_logit, ref.X, ref.names, 'x2', 'x2sq')).toThrow(
      /discrete .*use the vertex rule/,
    );
  });

  it('a break at the second-highest value: the left regression has one value above the break and no slope there, the right one has both', () => {
    const { y, X } = survey((v) => 0.3 + 0.8 * v * (1 - v), 6000, 6);
    const r = twoLines(y, X, NAMES, 'x', 'x2', { breakAt: 5 / 6 });
    expect(r.rule).toBe('given');
    expect(r.testable).toBe(true);
    expect(r.fitLow!.names).toEqual(['(intercept)', 'x_low', 'x_above']); // x_high would be collinear with the jump
    expect(r.fitHigh!.names).toEqual(['(intercept)', 'x_low', 'x_high', 'x_above']);
    expect(r.zLow).toBeGreaterThan(1.96);
    expect(r.zHigh).toBeLessThan(0);
    expect(twoLines(y, X, NAMES, 'x', 'x2', { breakAt: 1 }).reason).toMatch(
      /leaves 7 distinct value\(s\) at or below it and 1 at or above/,
    );
  });

  it('names a missing regressor', () => {
    expect(() => twoLines(ref.y_logit, ref.X, ref.names, 'sli', 'sli2')).toThrow(EstimationError);
  });
});
