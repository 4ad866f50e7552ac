/**
 * The SLI curve: product-innovation rate in bins of integration depth, with a fitted logit curve
 * (sli + sli²), within terciles of a moderator (learning orientation or dynamism).
 */
import { EstimationError, fitGlm } from './glm.js';
import { quantile, tInterval } from './stats.js';

type Row = Record<string, unknown>;

/** One tercile's curve. */
export interface SliCurve {
  group: 'low' | 'middle' | 'high';
  firms: number;
  bins: { x: number; rate: number; n: number; lo: number; hi: number }[];
  fitted: { x: number; p: number }[];
  /** Why no curve was fitted, if none was. */
  note?: string;
}

const GROUPS = ['low', 'middle', 'high'] as const;

/** Curves per tercile of `moderator` (e.g. lo_true or dyn_true), depth in `depth` (default sli_true). */
export function sliCurves(survey: Row[], moderator: string, depth = 'sli_true', bins = 10): SliCurve[] {
  const m = survey.map((r) => Number(r[moderator]));
  const q1 = quantile(m, 1 / 3);
  const q2 = quantile(m, 2 / 3);
  const groupOf = (v: number) => (v <= q1 ? 0 : v <= q2 ? 1 : 2);
  return GROUPS.map((group, g) => {
    const rows = survey.filter((_, i) => groupOf(m[i]!) === g);
    const x = rows.map((r) => Number(r[depth]));
    const y = rows.map((r) => Number(r.inno_product));
    const binned = Array.from({ length: bins }, (_, b) => {
      const inBin = y.filter((_, i) => Math.min(bins - 1, Math.floor(x[i]! * bins)) === b);
      const t = tInterval(inBin);
      return {
        x: (b + 0.5) / bins,
        rate: t.mean,
        n: inBin.length,
        lo: Math.max(0, t.lo),
        hi: Math.min(1, t.hi),
      };
    }).filter((b) => b.n >= 10);
    try {
      const fit = fitGlm(
        y,
        x.map((v) => [1, v, v * v]),
        ['(intercept)', 'sli', 'sli2'],
        'logit',
      );
      const [b0, b1, b2] = fit.coef as [number, number, number];
      const fitted = Array.from({ length: 51 }, (_, k) => {
        const v = k / 50;
        return { x: v, p: 1 / (1 + Math.exp(-(b0 + b1 * v + b2 * v * v))) };
      });
      return { group, firms: rows.length, bins: binned, fitted };
    } catch (err) {
      if (!(err instanceof EstimationError)) throw err;
      return { group, firms: rows.length, bins: binned, fitted: [], note: err.message };
    }
  });
}
