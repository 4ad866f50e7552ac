/**
 * The survey targets of the validation, computed on one run's virtual survey: T1–T4 here, the inverted U
 * (T5–T7) in invertedUTargets.ts, and the sets of them each run is estimated with. Regressors are the
 * survey's Likert measures rescaled to [0, 1] (or the `_true` values); controls are log(employees)
 * and sector and region dummies; categories that predict the outcome perfectly are dropped (reported).
 */
import { surveyDesign } from '../verbs/design.js';
import { EstimationError, coefOf, fitGlm } from '../verbs/glm.js';
import { BREADTH_BINS, INNOVATION_TYPES } from '../verbs/incidence.js';
import { correlation, olsResiduals } from '../verbs/ols.js';
import { mean } from '../verbs/stats.js';
import { moderationTarget, t5 } from './invertedUTargets.js';
import {
  type Clusters,
  type Measure,
  type TargetResult,
  clusterNote,
  dropNote,
  guarded,
  inference,
  regionalIndustry,
} from './targetEstimation.js';

type Row = Record<string, unknown>;

/** Run a fit, prefixing an estimation error with the outcome it was for. */
function named<T>(outcome: string, fit: () => T): T {
  try {
    return fit();
  } catch (err) {
    throw err instanceof EstimationError ? new EstimationError(`${outcome}: ${err.message}`) : err;
  }
}

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

/**
 * T2: breadth raises all four (logit), incidence is non-decreasing across bins, and ISS rises with
 * breadth.
 */
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
      note:
        `${logits.note}; bins non-decreasing: ${monotone}; ` +
        `ISS fractional logit ${iss.coef.toFixed(3)} (p ${iss.p.toPrecision(2)})`,
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
      note:
        `${innovators.length} innovators; coefficient ${c.coef.toFixed(3)}` + clusterNote(d.rows, clusters),
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
 * T7 test signs only, and T2's breadth bins use their own binomial SEs, so clustering leaves those as
 * they are.
 */
export function clusteredTargets(survey: Row[]): TargetResult[] {
  return [
    t1(survey, regionalIndustry),
    t2(survey, regionalIndustry),
    t4(survey, regionalIndustry),
    t5(survey, 'likert', regionalIndustry),
  ];
}
