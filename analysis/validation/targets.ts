/**
 * The validation targets of docs/VALIDATION.md, computed on one run's virtual survey. Regressors are the
 * survey's Likert measures rescaled to [0, 1] (or the `_true` values); controls are log(employees)
 * and sector and region dummies; categories that predict the outcome perfectly are dropped (reported).
 */
import { surveyDesign, type Regressors } from '../verbs/design.js';
import { EstimationError, coefOf, fitGlm } from '../verbs/glm.js';
import { BREADTH_BINS, INNOVATION_TYPES } from '../verbs/incidence.js';
import { lindMehlum, moderation } from '../verbs/invertedU.js';
import { twoLines } from '../verbs/twoLines.js';
import { correlation, olsResiduals } from '../verbs/ols.js';
import { mean, quantile } from '../verbs/stats.js';

type Row = Record<string, unknown>;

/** Which measure of LO, SLI and dynamism the regressions use. */
export type Measure = 'likert' | 'true';

/** One target evaluated on one run. */
export interface TargetResult {
  target: string;
  statistic: number;
  pValue: number;
  pass: boolean;
  note: string;
  /** Named intermediate numbers (e.g. Lind–Mehlum end-slope t values), for targets built on this one. */
  details?: Record<string, number>;
}

/** The rescaled measure of a construct: Likert (1–7 → 0–1) or the true value. */
export function measureOf(construct: 'lo' | 'sli' | 'dyn', m: Measure): (r: Row) => number {
  return m === 'likert'
    ? (r) => (Number(r[`${construct}_likert`]) - 1) / 6
    : (r) => Number(r[`${construct}_true`]);
}

/**
 * How a target's standard errors treat the surveyed firms. Undefined: as independent observations, as
 * docs/VALIDATION.md defines the tests. A function: clustered by the group it returns for a row (the sandwich
 * with statsmodels' and Stata's small-sample factor), for the `clustered` rows of validation.csv.
 */
export type Clusters = ((r: Row) => string) | undefined;

/**
 * A firm's regional industry (sector × region): the firms in one share a technology landscape, a market
 * and a dynamism multiplier, so their outcomes are correlated in ways that sector and region dummies
 * (additive) do not remove.
 */
export const regionalIndustry = (r: Row): string => `${String(r.sector)}|${String(r.region)}`;

/** fitGlm's options for a design's rows: cluster labels when clustering, else `base`. */
function inference(
  rows: Row[],
  clusters: Clusters,
  base: { robust?: boolean } = {},
): { robust?: boolean; clusters?: string[] } {
  return clusters ? { ...base, clusters: rows.map(clusters) } : base;
}

/** What a clustered result adds to its note: the number of clusters the standard errors rest on. */
const clusterNote = (rows: Row[], clusters: Clusters) =>
  clusters ? `; SEs clustered by regional industry (${new Set(rows.map(clusters)).size} clusters)` : '';

/** Run a target body, turning an estimation failure into a failed result with the reason. */
function guarded(target: string, body: () => TargetResult): TargetResult {
  try {
    return body();
  } catch (err) {
    if (!(err instanceof EstimationError)) throw err;
    return { target, statistic: NaN, pValue: NaN, pass: false, note: `not estimable: ${err.message}` };
  }
}

/** Run a fit, prefixing an estimation error with the outcome it was for. */
function named<T>(outcome: string, fit: () => T): T {
  try {
    return fit();
  } catch (err) {
    throw err instanceof EstimationError ? new EstimationError(`${outcome}: ${err.message}`) : err;
  }
}

const dropNote = (dropped: string[]) =>
  dropped.length ? `; dropped for perfect prediction: ${dropped.join(', ')}` : '';

/** Logit of each innovation type on one regressor (+ controls): the weakest of the four. */
function allFourPositive(
  target: string,
  survey: Row[],
  name: string,
  value: (r: Row) => number,
  clusters?: Clusters,
): TargetResult {
  return guarded(target, () => {
    let worstZ = Infinity;
    let worstP = 0;
    const notes: string[] = [];
    for (const y of INNOVATION_TYPES) {
      const d = surveyDesign(survey, y, [[name, value]]);
      const c = coefOf(
        named(y, () => fitGlm(d.y, d.X, d.names, 'logit', inference(d.rows, clusters))),
        name,
      );
      if (c.z < worstZ) worstZ = c.z;
      worstP = Math.max(worstP, c.coef > 0 ? c.p : 1);
      notes.push(
        `${y.replace('inno_', '')} ${c.coef.toFixed(3)} (p ${c.p.toPrecision(2)})${dropNote(d.dropped)}`,
      );
    }
    return {
      target,
      statistic: worstZ,
      pValue: worstP,
      pass: worstZ > 0 && worstP < 0.05,
      note: notes.join('; ') + clusterNote(survey, clusters),
    };
  });
}

/** T1: cooperation raises all four innovation types. */
export const t1 = (survey: Row[], clusters?: Clusters) =>
  allFourPositive('T1', survey, 'coop_any', (r) => Number(r.coop_any), clusters);

/** T2: breadth raises all four (logit), incidence is non-decreasing across bins, and ISS rises with breadth. */
export function t2(survey: Row[], clusters?: Clusters): TargetResult {
  const logits = allFourPositive('T2', survey, 'breadth', (r) => Number(r.breadth), clusters);
  return guarded('T2', () => {
    // bins with fewer than 30 firms merge into the bin below; a dip of up to one SE is allowed
    const bins: Row[][] = [];
    for (const bin of BREADTH_BINS) {
      const rows = survey.filter((r) => Number(r.breadth) >= bin.from && Number(r.breadth) <= bin.to);
      if (rows.length < 30 && bins.length > 0) bins[bins.length - 1]!.push(...rows);
      else bins.push(rows);
    }
    let monotone = true;
    for (const y of INNOVATION_TYPES) {
      for (let k = 1; k < bins.length; k++) {
        const a = bins[k - 1]!.map((r) => Number(r[y]));
        const b = bins[k]!.map((r) => Number(r[y]));
        if (b.length === 0) continue;
        const se = Math.sqrt((mean(a) * (1 - mean(a))) / a.length + (mean(b) * (1 - mean(b))) / b.length);
        if (mean(b) < mean(a) - se) monotone = false;
      }
    }
    const d = surveyDesign(
      survey,
      'iss',
      [['breadth', (r) => Number(r.breadth)]],
      ['sector', 'region'],
      false,
    );
    const iss = coefOf(
      fitGlm(d.y, d.X, d.names, 'logit', inference(d.rows, clusters, { robust: true })),
      'breadth',
    );
    const pass = logits.pass && monotone && iss.coef > 0 && iss.p < 0.05;
    return {
      target: 'T2',
      statistic: Math.min(logits.statistic, iss.z),
      pValue: Math.max(logits.pValue, iss.p),
      pass,
      note: `${logits.note}; bins non-decreasing: ${monotone}; ISS fractional logit ${iss.coef.toFixed(3)} (p ${iss.p.toPrecision(2)})`,
    };
  });
}

/** T3: complementarity: all pairwise correlations of the four LPM residuals (after controls) positive. */
export function t3(survey: Row[]): TargetResult {
  return guarded('T3', () => {
    const residuals = INNOVATION_TYPES.map((y) => {
      const d = surveyDesign(survey, y, [], ['sector', 'region'], false);
      return olsResiduals(d.y, d.X, d.names);
    });
    const cors: number[] = [];
    for (let a = 0; a < 4; a++)
      for (let b = a + 1; b < 4; b++) cors.push(correlation(residuals[a]!, residuals[b]!));
    const min = Math.min(...cors);
    return {
      target: 'T3',
      statistic: min,
      pValue: NaN,
      pass: min > 0,
      note: `pairwise residual correlations: ${cors.map((c) => c.toFixed(3)).join(', ')}`,
    };
  });
}

/** T4: among product or process innovators, ISS rises with breadth (fractional logit, robust SEs). */
export function t4(survey: Row[], clusters?: Clusters): TargetResult {
  return guarded('T4', () => {
    const innovators = survey.filter((r) => Number(r.inno_product) === 1 || Number(r.inno_process) === 1);
    const d = surveyDesign(
      innovators,
      'iss',
      [['breadth', (r) => Number(r.breadth)]],
      ['sector', 'region'],
      false,
    );
    const c = coefOf(
      fitGlm(d.y, d.X, d.names, 'logit', inference(d.rows, clusters, { robust: true })),
      'breadth',
    );
    return {
      target: 'T4',
      statistic: c.z,
      pValue: c.p,
      pass: c.coef > 0 && c.p < 0.05,
      note: `${innovators.length} innovators; coefficient ${c.coef.toFixed(3)}${clusterNote(d.rows, clusters)}`,
    };
  });
}

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
      note: `β2 ${u.beta2.toFixed(3)}, turning point ${u.turningPoint.toFixed(3)} (inside: ${u.turningInside}), end slopes t ${u.tLow.toFixed(2)} / ${u.tHigh.toFixed(2)}${dropNote(d.dropped)}${clusterNote(d.rows, clusters)}`,
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
      note: `break at SLI ${r.breakPoint.toFixed(3)} (${r.nLow} firms at or below, ${r.nHigh} at or above); left line ${r.slopeLow.toFixed(3)} (z ${r.zLow.toFixed(2)}), right line ${r.slopeHigh.toFixed(3)} (z ${r.zHigh.toFixed(2)})${dropNote(d.dropped)}`,
    };
  });
}

/** T6/T7: the falling limb is flatter (slope at the 90th percentile of SLI less negative) for the top tercile of the moderator. */
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
      note: `slope at SLI p90: low ${moderator} ${res.slopeLowZ.toFixed(3)}, high ${moderator} ${res.slopeHighZ.toFixed(3)}; turning point moves ${res.turningShift > 0 ? 'right' : 'left'} as ${moderator} rises`,
    };
  });
}

/**
 * T1–T7 on one survey for each of `measures`. T1–T4 use no Likert measure (cooperation and breadth are
 * counts), so they are estimated once and the same results serve every measure.
 */
export function surveyTargetsByMeasure(
  survey: Row[],
  measures: readonly Measure[] = ['likert', 'true'],
): Partial<Record<Measure, TargetResult[]>> {
  const common = [t1(survey), t2(survey), t3(survey), t4(survey)];
  return Object.fromEntries(
    measures.map((m) => [
      m,
      [
        ...common,
        t5(survey, m),
        moderationTarget('T6', survey, 'lo', m),
        moderationTarget('T7', survey, 'dyn', m),
      ],
    ]),
  );
}

/**
 * The targets whose verdict rests on standard errors (T1, T2, T4, T5; Likert measures) with the standard
 * errors clustered by regional industry: beside the verdict, not deciding it, to show how much of their
 * significance comes from treating firms that share a landscape and a market as independent. T3, T6 and
 * T7 test signs only, and T2's breadth bins use their own binomial SEs, so clustering leaves those as they are.
 */
export function clusteredTargets(survey: Row[]): TargetResult[] {
  return [
    t1(survey, regionalIndustry),
    t2(survey, regionalIndustry),
    t4(survey, regionalIndustry),
    t5(survey, 'likert', regionalIndustry),
  ];
}
