import { describe, expect, it } from 'vitest';
import { SURVEY_COLUMNS } from '../../sim/model/survey.js';
import { TIMESERIES_COLUMNS } from '../../sim/model/observe.js';
import { runOne, simulate } from '../../sim/runOne.js';
import { innovativeSalesShare } from '../../sim/model/market.js';
import { breadthNow } from '../../sim/step.js';
import { smallScenario } from '../helpers.js';

describe('invariants over a full run', () => {
  const s = smallScenario({ population: 300, ticks: 120, burnIn: 40 });

  it('keeps the population, x in [0,1], breadth in 0..6, iss in [0,1], and no NaN, every tick', () => {
    simulate(s, 3, (row, w) => {
      expect(row.every(Number.isFinite)).toBe(true);
      expect(row[TIMESERIES_COLUMNS.indexOf('firms')]).toBe(300);
      for (let i = 0; i < w.firms.n; i++) {
        const x = w.firms.depth[i]!;
        expect(x >= 0 && x <= 1).toBe(true);
        const b = breadthNow(w, i);
        expect(b >= 0 && b <= 6).toBe(true);
        const iss = innovativeSalesShare(w, i);
        expect(iss >= 0 && iss <= 1).toBe(true);
        expect(Number.isFinite(w.firms.capital[i]!)).toBe(true);
      }
    });
  });

  it('writes the survey with exactly the columns of docs/VALIDATION.md and valid values', () => {
    const r = runOne({ runId: 't/r001', scenario: s, replicate: 1, seed: 5 });
    if (!r.ok) throw new Error(r.error);
    expect(r.survey.columns.join(',')).toBe(
      'run_id,scenario,replicate,seed,firm_id,sector,region,employees,age_years,lo_likert,sli_likert,dyn_likert,lo_true,sli_true,dyn_true,coop_any,coop_supplier,coop_customer,coop_competitor,coop_consultant,coop_university,coop_research,breadth,inno_product,inno_process,inno_org,inno_marketing,iss',
    );
    expect(SURVEY_COLUMNS.length).toBe(28);
    expect(r.survey.rows.length).toBeGreaterThan(200);
    const col = (name: string) =>
      r.survey.rows.map((row) => Number(row[SURVEY_COLUMNS.indexOf(name as never)]));
    for (const v of col('breadth')) expect(v >= 0 && v <= 6).toBe(true);
    for (const name of ['lo_likert', 'sli_likert', 'dyn_likert'])
      for (const v of col(name)) expect(v >= 1 && v <= 7).toBe(true);
    for (const v of col('age_years')) expect(v).toBeGreaterThanOrEqual(3);
    for (const v of col('employees')) expect(v >= 10 && v <= 249).toBe(true);
    // breadth is the number of coop_* flags set, and coop_any says whether there is any
    const coopCols = [
      'coop_supplier',
      'coop_customer',
      'coop_competitor',
      'coop_consultant',
      'coop_university',
      'coop_research',
    ].map(col);
    col('breadth').forEach((b, k) => {
      expect(coopCols.reduce((a, c) => a + c[k]!, 0)).toBe(b);
      expect(col('coop_any')[k]).toBe(b > 0 ? 1 : 0);
    });
  });

  it('honours a survey sample size', () => {
    const r = runOne({
      runId: 't/r001',
      scenario: smallScenario({ survey: { sampleSize: 50 } }),
      replicate: 1,
      seed: 5,
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.survey.rows.length).toBe(50);
  });

  it('records a failing run as data instead of throwing', () => {
    const broken = { ...s, population: -1 };
    const r = runOne({ runId: 'bad/r001', scenario: broken, replicate: 1, seed: 1 });
    expect(r.ok).toBe(false);
  });

  it('with a capital reserve, owners take out what lies above it, and more firms exit', () => {
    const reserved = smallScenario({
      population: 300,
      ticks: 120,
      burnIn: 40,
      firms: { reservePerEmployee: 2 },
    });
    let exitsWith = 0;
    simulate(reserved, 3, (row, w) => {
      exitsWith += row[TIMESERIES_COLUMNS.indexOf('exits')]!;
      for (let i = 0; i < w.firms.n; i++)
        expect(w.firms.capital[i]!).toBeLessThanOrEqual(2 * w.firms.employees[i]! + 1e-9);
    });
    let exitsWithout = 0;
    let above = 0;
    const retained = smallScenario({
      population: 300,
      ticks: 120,
      burnIn: 40,
      firms: { reservePerEmployee: 0 },
    }); // the default is a reserve of 4
    simulate(retained, 3, (row, w) => {
      exitsWithout += row[TIMESERIES_COLUMNS.indexOf('exits')]!;
      for (let i = 0; i < w.firms.n; i++) if (w.firms.capital[i]! > 2 * w.firms.employees[i]!) above++;
    });
    expect(above).toBeGreaterThan(0); // without a reserve, profits pile up
    expect(exitsWith).toBeGreaterThan(exitsWithout);
  });

  it('a memory for settled dynamism changes nothing while dynamism is constant, and something after a step', () => {
    const series = (over: Parameters<typeof smallScenario>[0]) => {
      const rows: number[][] = [];
      simulate(smallScenario({ ticks: 50, ...over }), 5, (row) => rows.push(row));
      return JSON.stringify(rows);
    };
    expect(series({ sli: { settleMemory: 8 } })).toBe(series({}));
    const step = { schedule: 'step' as const, before: 0.3, after: 1.2, at: 30 };
    expect(series({ dynamism: step, sli: { settleMemory: 8 } })).not.toBe(series({ dynamism: step }));
  });
});
