/**
 * The inverted U of product innovation in supplier-led integration (SLI) on one run's survey: T5 (the
 * quadratic logit with the Lind–Mehlum test), its stricter "two lines" reading, and T6/T7 (its falling
 * limb flatter where learning orientation or dynamism is high).
 */
import { surveyDesign, type Regressors } from '../verbs/design.js';
import { fitGlm } from '../verbs/glm.js';
import { lindMehlum, moderation } from '../verbs/invertedU.js';
import { twoLines } from '../verbs/twoLines.js';
import { mean, quantile } from '../verbs/stats.js';
import {
  type Clusters,
  type Measure,
  type TargetResult,
  clusterNote,
  dropNote,
  guarded,
  inference,
  measureOf,
} from './targetEstimation.js';

type Row = Record<string, unknown>;

/** T5: inverted U of product innovation in SLI (β2 < 0, turning point inside, Lind–Mehlum at 5%). */
export function t5(survey: Row[], m: Measure = 'likert', clusters?: Clusters): TargetResult {
  return guarded('T5', () => {
    const sli = measureOf('sli', m);
    const regs: Regressors = [
      ['sli', sli],
      ['sli2', (r) => sli(r) ** 2],
    ];
    const d = surveyDesign(survey, 'inno_product', regs);
    const x = d.rows.map(sli);
    const u = lindMehlum(
      fitGlm(d.y, d.X, d.names, 'logit', inference(d.rows, clusters)),
      'sli',
      'sli2',
      Math.min(...x),
      Math.max(...x),
    );
    return {
      target: 'T5',
      statistic: u.beta2,
      pValue: u.p,
      pass: u.invertedU,
      details: { tLow: u.tLow, tHigh: u.tHigh, turningPoint: u.turningPoint },
      note:
        `β2 ${u.beta2.toFixed(3)}, turning point ${u.turningPoint.toFixed(3)} ` +
        `(inside: ${u.turningInside}), end slopes t ${u.tLow.toFixed(2)} / ${u.tHigh.toFixed(2)}` +
        `${dropNote(d.dropped)}${clusterNote(d.rows, clusters)}`,
    };
  });
}

/**
 * T5's inverted U read by the "two lines" test (analysis/verbs/twoLines.ts, Simonsohn's Robin Hood break)
 * on the same regression, Likert SLI: the left line must rise and the right one fall, each significant at
 * 5% (two-sided). A diagnostic beside T5 and T8 (`<target>-two-lines` in validation.csv), without a
 * verdict. The statistic is the weaker line's z, signed so that positive means the inverted U's direction
 * (min(z_low, −z_high)); `details` hold both.
 */
export function t5TwoLines(survey: Row[], target: string): TargetResult {
  return guarded(target, () => {
    const sli = measureOf('sli', 'likert');
    const d = surveyDesign(survey, 'inno_product', [
      ['sli', sli],
      ['sli2', (r) => sli(r) ** 2],
    ]);
    const r = twoLines(d.y, d.X, d.names, 'sli', 'sli2');
    if (!r.testable)
      return {
        target,
        statistic: NaN,
        pValue: NaN,
        pass: false,
        details: { zLow: NaN, zHigh: NaN, pLow: NaN, breakPoint: r.breakPoint },
        note: `no two lines: ${r.reason}${dropNote(d.dropped)}`,
      };
    return {
      target,
      statistic: Math.min(r.zLow, -r.zHigh),
      pValue: Math.max(r.pLow, r.pHigh),
      pass: r.invertedU,
      details: { zLow: r.zLow, zHigh: r.zHigh, pLow: r.pLow, breakPoint: r.breakPoint },
      note:
        `break at SLI ${r.breakPoint.toFixed(3)} (${r.nLow} firms at or below, ${r.nHigh} at or above); ` +
        `left line ${r.slopeLow.toFixed(3)} (z ${r.zLow.toFixed(2)}), ` +
        `right line ${r.slopeHigh.toFixed(3)} (z ${r.zHigh.toFixed(2)})${dropNote(d.dropped)}`,
    };
  });
}

/**
 * T6/T7: the falling limb is flatter (slope at the 90th percentile of SLI less negative) for the top
 * tercile of the moderator.
 */
export function moderationTarget(
  target: 'T6' | 'T7',
  survey: Row[],
  moderator: 'lo' | 'dyn',
  m: Measure = 'likert',
): TargetResult {
  return guarded(target, () => {
    const sli = measureOf('sli', m);
    const z = measureOf(moderator, m);
    const regs: Regressors = [
      ['sli', sli],
      ['sli2', (r) => sli(r) ** 2],
      ['z', z],
      ['sli_z', (r) => sli(r) * z(r)],
      ['sli2_z', (r) => sli(r) ** 2 * z(r)],
    ];
    const d = surveyDesign(survey, 'inno_product', regs);
    const fit = fitGlm(d.y, d.X, d.names);
    const zs = d.rows.map(z);
    const [q1, q2] = [quantile(zs, 1 / 3), quantile(zs, 2 / 3)];
    const res = moderation(
      fit,
      { x: 'sli', x2: 'sli2', z: 'z', xz: 'sli_z', x2z: 'sli2_z' },
      quantile(d.rows.map(sli), 0.9),
      mean(zs.filter((v) => v <= q1)),
      mean(zs.filter((v) => v >= q2)),
    );
    return {
      target,
      statistic: res.difference,
      pValue: NaN,
      pass: res.difference > 0,
      note:
        `slope at SLI p90: low ${moderator} ${res.slopeLowZ.toFixed(3)}, ` +
        `high ${moderator} ${res.slopeHighZ.toFixed(3)}; ` +
        `turning point moves ${res.turningShift > 0 ? 'right' : 'left'} as ${moderator} rises`,
    };
  });
}
