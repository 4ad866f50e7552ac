import { describe, expect, it } from 'vitest';
import { surveyRows } from '../../analysis/validation/evaluate.js';
import { summarise } from '../../analysis/validation/summary.js';
import { t5 } from '../../analysis/validation/invertedUTargets.js';
import { regionalIndustry } from '../../analysis/validation/targetEstimation.js';
import { clusteredTargets, t1, t4 } from '../../analysis/validation/targets.js';
import { surveyDesign } from '../../analysis/verbs/design.js';
import { coefOf, fitGlm } from '../../analysis/verbs/glm.js';
import { clusteredSurvey } from './syntheticSurvey.js';

describe('targets with standard errors clustered by regional industry (reference sample `clustered`)', () => {
  const survey = clusteredSurvey();

  it('clusters by sector × region, with the small-sample factor of the cluster sandwich (fitGlm, checked against statsmodels)', () => {
    const clustered = t4(survey, regionalIndustry);
    const innovators = survey.filter((r) => r.inno_product === 1 || r.inno_process === 1);
    const d = surveyDesign(
      innovators,
      'iss',
      [['breadth', (r) => Number(r.breadth)]],
      ['sector', 'region'],
      false,
    );
    const byHand = coefOf(
      fitGlm(d.y, d.X, d.names, 'logit', {
        robust: true,
        clusters: d.rows.map((r) => `${String(r.sector)}|${String(r.region)}`),
      }),
      'breadth',
    );
    expect(clustered.statistic).toBe(byHand.z);
    expect(clustered.note).toContain('SEs clustered by regional industry (12 clusters)');
    expect(t4(survey).note).not.toContain('clustered');
  });

  it('gives larger standard errors than treating the firms as independent when they share a shock (median over 8 surveys)', () => {
    // per survey, |z| clustered / |z| as if independent: the coefficients are the same, so this is the ratio of the SEs, inverted
    const ratios: Record<string, number[]> = {
      'T1 weakest z': [],
      'T5 low-end slope': [],
      'T5 high-end slope': [],
    };
    for (let seed = 1; seed <= 8; seed++) {
      const s = clusteredSurvey(seed);
      const [naiveT1, clusteredT1, naiveT5, clusteredT5] = [
        t1(s),
        t1(s, regionalIndustry),
        t5(s),
        t5(s, 'likert', regionalIndustry),
      ];
      expect(clusteredT5.statistic).toBe(naiveT5.statistic); // the same coefficients (β2)…
      ratios['T1 weakest z']!.push(clusteredT1.statistic / naiveT1.statistic);
      ratios['T5 low-end slope']!.push(clusteredT5.details!.tLow! / naiveT5.details!.tLow!);
      ratios['T5 high-end slope']!.push(clusteredT5.details!.tHigh! / naiveT5.details!.tHigh!);
    }
    for (const [what, r] of Object.entries(ratios)) {
      const sorted = [...r].sort((a, b) => a - b);
      expect((sorted[3]! + sorted[4]!) / 2, what).toBeLessThan(0.75); // …known less surely (0.38–0.45 here)
      expect(Math.min(...r), what).toBeGreaterThan(0); // same sign: only the SE changed
    }
  });

  it('stands beside T1, T2, T4 and T5 on the full survey, with their threshold, without deciding the verdict', () => {
    expect(clusteredTargets(survey).map((r) => r.target)).toEqual(['T1', 'T2', 'T4', 'T5']);
    const rows = surveyRows(survey, 1).filter((r) => r.sample === 'clustered');
    expect(rows.map((r) => `${r.target} ${r.measure}`)).toEqual([
      'T1 likert',
      'T2 likert',
      'T4 likert',
      'T5 likert',
    ]);
    for (const s of summarise(rows)) expect(s.threshold).toBe('≥ 0.8');
  });
});
