/**
 * T9 (exit hazard after a dynamism shock rises with SLI·(1 − LO)), the shock's own effect on that
 * pattern (a reference), and T10 (a demand-led cooperation subsidy raises cooperation with knowledge
 * providers strongly, with customers and suppliers marginally, with competitors not at all; Radicic,
 * Pugh & Douglas 2018).
 */
import { surveyDesign } from '../verbs/design.js';
import { flagExits } from '../verbs/exitsBy.js';
import { coefOf, fitGlm } from '../verbs/glm.js';
import type { PairedDifference } from '../verbs/paired.js';
import type { TargetResult } from './targetEstimation.js';
import { EstimationError } from '../verbs/glm.js';

type Row = Record<string, unknown>;

/**
 * T9 on one run: firms alive just before the shock (snapshot), exit within `horizon` quarters after it,
 * logit on SLI·(1 − LO) with SLI, LO, log(employees), sector and region; pass when its coefficient is
 * positive at 5%. True values are used: the survey is not involved.
 */
export function t9(snapshot: Row[], exits: Row[], shockTick: number, horizon: number): TargetResult {
  // exits in quarters shockTick … shockTick + horizon − 1
  const rows = flagExits(snapshot, exits, shockTick - 1, horizon);
  const nExits = rows.reduce((n, r) => n + r.exit, 0);
  try {
    const d = surveyDesign(rows, 'exit', [
      ['sli_1mlo', (r) => Number(r.sli) * (1 - Number(r.lo))],
      ['sli', (r) => Number(r.sli)],
      ['lo', (r) => Number(r.lo)],
    ]);
    const c = coefOf(fitGlm(d.y, d.X, d.names), 'sli_1mlo');
    return {
      target: 'T9',
      statistic: c.z,
      pValue: c.p,
      pass: c.coef > 0 && c.p < 0.05,
      note:
        `${nExits} of ${rows.length} firms alive before the shock exited within ${horizon} quarters; ` +
        `coefficient ${c.coef.toFixed(3)}`,
    };
  } catch (err) {
    if (!(err instanceof EstimationError)) throw err;
    return {
      target: 'T9',
      statistic: NaN,
      pValue: NaN,
      pass: false,
      note: `not estimable: ${err.message} (${nExits} exits)`,
    };
  }
}

/**
 * What the shock itself does to T9's pattern, on one pair of runs under common random numbers (the
 * validation run and its shock variant: the same firms up to the shock). Both runs' firms are stacked,
 * the exit logit gets a shock dummy and its interactions with SLI·(1 − LO), SLI and LO, and standard
 * errors are clustered by firm. The statistic is the z of shock × SLI·(1 − LO): positive when the
 * shock raises the exit hazard more for deeply integrated, non-learning firms — T9's prediction read
 * as a cause. A reference, reported without a verdict.
 */
export function t9ShockEffect(
  without: { snapshot: Row[]; exits: Row[] },
  withShock: { snapshot: Row[]; exits: Row[] },
  shockTick: number,
  horizon: number,
): TargetResult {
  const ids = (rows: Row[]) =>
    rows
      .map((r) => String(r.firm_id))
      .sort()
      .join(',');
  if (ids(without.snapshot) !== ids(withShock.snapshot)) {
    return {
      target: 'T9',
      statistic: NaN,
      pValue: NaN,
      pass: false,
      note:
        'not estimable: the runs with and without the shock hold different firms before it ' +
        '(not common random numbers)',
    };
  }
  const flag = (run: { snapshot: Row[]; exits: Row[] }, shock: number) =>
    flagExits(run.snapshot, run.exits, shockTick - 1, horizon).map((r) => ({ ...r, shock }));
  const rows = [...flag(without, 0), ...flag(withShock, 1)];
  const rigid = (r: Row) => Number(r.sli) * (1 - Number(r.lo));
  const exits = (shock: number) => rows.reduce((n, r) => n + (r.shock === shock ? r.exit : 0), 0);
  try {
    const d = surveyDesign(rows, 'exit', [
      ['shock_x_sli_1mlo', (r) => Number(r.shock) * rigid(r)],
      ['shock', (r) => Number(r.shock)],
      ['shock_x_sli', (r) => Number(r.shock) * Number(r.sli)],
      ['shock_x_lo', (r) => Number(r.shock) * Number(r.lo)],
      ['sli_1mlo', rigid],
      ['sli', (r) => Number(r.sli)],
      ['lo', (r) => Number(r.lo)],
    ]);
    const c = coefOf(
      fitGlm(d.y, d.X, d.names, 'logit', { clusters: d.rows.map((r) => String(r.firm_id)) }),
      'shock_x_sli_1mlo',
    );
    return {
      target: 'T9',
      statistic: c.z,
      pValue: c.p,
      pass: c.coef > 0 && c.p < 0.05,
      note:
        `${exits(0)} exits without the shock, ${exits(1)} with it, ` +
        `of ${without.snapshot.length} firms alive before it; ` +
        `shock × SLI·(1 − LO) ${c.coef.toFixed(3)} (SE clustered by firm)`,
    };
  } catch (err) {
    if (!(err instanceof EstimationError)) throw err;
    return { target: 'T9', statistic: NaN, pValue: NaN, pass: false, note: `not estimable: ${err.message}` };
  }
}

/** T10 from paired differences (subsidy − baseline) of the runs' cooperation shares by partner type. */
export function t10(diffs: PairedDifference[]): TargetResult {
  const get = (o: string) => diffs.find((d) => d.outcome === `coop_${o}`)!;
  const rel = (d: PairedDifference) => (d.baselineMean > 0 ? d.diffMean / d.baselineMean : NaN);
  const knowledge = ['university', 'research', 'consultant'].map(get);
  const market = ['customer', 'supplier'].map(get);
  const competitor = get('competitor');
  const strongly = knowledge.every((d) => d.ciLow > 0);
  const marginally = market.every((m) => knowledge.every((k) => rel(m) < rel(k)));
  const notAtAll = competitor.ciLow <= 0 && competitor.ciHigh >= 0;
  const fmt = (d: PairedDifference) =>
    `${d.outcome.replace('coop_', '')} ${(100 * rel(d)).toFixed(1)}% ` +
    `[${d.ciLow.toFixed(4)}, ${d.ciHigh.toFixed(4)}]`;
  return {
    target: 'T10',
    statistic: Math.min(...knowledge.map(rel)),
    pValue: Math.max(...knowledge.map((d) => d.pValue)),
    pass: strongly && marginally && notAtAll,
    note:
      `knowledge providers up (CI > 0): ${strongly}; ` +
      `customers/suppliers rise less than knowledge providers: ${marginally}; ` +
      `competitors unchanged (CI covers 0): ${notAtAll}. ` +
      `Relative changes: ${[...knowledge, ...market, competitor].map(fmt).join('; ')}`,
  };
}
