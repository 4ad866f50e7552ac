/**
 * Cost-effectiveness of a policy against its baseline, paired by replicate: what the programme pays in
 * addition (outlay) and what each unit of that outlay buys in additional innovators (by type of innovation)
 * and additional innovative sales. The ratio of the mean paired differences, with a delta-method t interval.
 */
import { mean, tInterval, tTwoSided } from './stats.js';

type Row = Record<string, unknown>;

/** The outcomes bought per unit outlay, in compare.csv order (`<name>_per_outlay` rows). */
export const BOUGHT = [
  'innovators_product',
  'innovators_process',
  'innovators_org',
  'innovators_marketing',
  'innovative_sales',
] as const;

/** One outcome per unit of additional outlay, or NaN throughout when the policy is not priced. */
export interface PerOutlay {
  outcome: `${(typeof BOUGHT)[number]}_per_outlay`;
  n: number;
  ratio: number;
  ciLow: number;
  ciHigh: number;
  pValue: number;
}

/** A run's value of a bought outcome: innovators = the surveyed share of innovators × the firms alive. */
function bought(row: Row, outcome: (typeof BOUGHT)[number]): number {
  if (outcome === 'innovative_sales') return Number(row.innovative_sales);
  return Number(row[outcome.replace('innovators_', 'inno_')]) * Number(row.firms);
}

/** A run's total outlay; NaN when not priced (written as an empty cell, which a reader may give as null). */
export function outlayOf(row: Row): number {
  const v = row.outlay_total;
  return v === null || v === undefined || v === '' ? NaN : Number(v);
}

/**
 * Whether a policy's outlay is known and differs from the baseline's: not when a lever it uses has no unit
 * cost (outlay_total NaN, e.g. training without costPerFirm), nor when it pays nothing more than the baseline.
 */
export function isPriced(additionalOutlay: number[]): boolean {
  return (
    additionalOutlay.length > 0 && additionalOutlay.every(Number.isFinite) && mean(additionalOutlay) !== 0
  );
}

/**
 * Each bought outcome per unit of additional outlay: R = mean(ΔY) / mean(ΔC) over the replicate pairs, with
 * the 95% t interval of the linearised values (ΔY − R·ΔC) / mean(ΔC) (the delta method for a ratio of
 * means; with a fixed outlay, as training's, it is the paired interval of ΔY divided by that outlay).
 */
export function perOutlay(baseline: Row[], policy: Row[], key = 'replicate', level = 0.95): PerOutlay[] {
  const base = new Map(baseline.map((r) => [String(r[key]), r]));
  const pairs = policy.filter((r) => base.has(String(r[key]))).map((r) => [base.get(String(r[key]))!, r]);
  const dC = pairs.map(([b, p]) => outlayOf(p!) - outlayOf(b!));
  const priced = isPriced(dC);
  return BOUGHT.map((outcome) => {
    const row = { outcome: `${outcome}_per_outlay` as const, n: pairs.length };
    if (!priced) return { ...row, ratio: NaN, ciLow: NaN, ciHigh: NaN, pValue: NaN };
    const dY = pairs.map(([b, p]) => bought(p!, outcome) - bought(b!, outcome));
    const meanC = mean(dC);
    const ratio = mean(dY) / meanC;
    const linear = tInterval(
      dY.map((y, k) => (y - ratio * dC[k]!) / meanC),
      level,
    );
    const se = linear.sd / Math.sqrt(linear.n);
    const pValue = linear.n > 1 ? (se > 0 ? tTwoSided(ratio / se, linear.n - 1) : ratio === 0 ? 1 : 0) : NaN;
    return { ...row, ratio, ciLow: ratio + linear.lo, ciHigh: ratio + linear.hi, pValue };
  });
}

/** Whether a compare.csv row is about costs (the outlay, or an outcome per unit outlay) rather than an outcome. */
export function isCostRow(outcome: string): boolean {
  return outcome === 'outlay_total' || outcome.endsWith('_per_outlay');
}
