/**
 * What a calibration leaves for its reader: calibration.csv (one row per candidate) and best.yaml (a
 * scenario extending the calibrated one with the chosen values, and a comment saying which objectives
 * they meet). Both are made from the candidates' rows alone, so a resumed calibration writes the same bytes.
 */
import { dirname, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { paretoRanks } from '../../sim/calibrate/pareto.js';
import { toCsv } from '../../sim/run/csv.js';
import { formatNumber } from '../report/html.js';
import { type ResolvedObjective, distance, meets, targetText } from './objectives.js';
export { meets } from './objectives.js';
import type { CalibrationSetup, CandidateRow } from './search.js';

/** The columns of calibration.csv that every calibration has, around its parameters and objectives. */
export const CALIBRATION_COLUMNS = ['generation', 'candidate', 'loss', 'pareto_rank', 'met', 'failed_runs'];

/**
 * Each candidate's Pareto rank among all candidates, by their distances
 * from the targets (0 = none is better in every objective).
 */
export function ranksOf(setup: CalibrationSetup, rows: CandidateRow[]): number[] {
  return paretoRanks(rows.map((r) => r.measured.map((m, j) => distance(setup.objectives[j]!, m.value))));
}

/**
 * calibration.csv: generation, candidate, parameter values, each
 * objective's value and SE, loss, rank, objectives met, failed runs.
 */
export function calibrationCsv(setup: CalibrationSetup, rows: CandidateRow[]): string {
  const params = setup.calibrate.parameters.map((p) => p.path);
  const objectives = setup.objectives.flatMap((o) => [o.name, `${o.name}_se`]);
  const ranks = ranksOf(setup, rows);
  return toCsv({
    columns: [
      'generation',
      'candidate',
      ...params,
      ...objectives,
      'loss',
      'pareto_rank',
      'met',
      'failed_runs',
    ],
    rows: rows.map((r, i) => [
      r.generation,
      r.candidate,
      ...params.map((p) => r.values[p]!),
      ...r.measured.flatMap((m) => [m.value, m.se]),
      r.loss,
      ranks[i]!,
      setup.objectives.filter((o, j) => meets(o, r.measured[j]!)).length,
      r.failedRuns,
    ]),
  });
}

/** The candidate best.yaml holds: the lowest loss (the first evaluated among equals). */
export function bestRow(rows: CandidateRow[]): CandidateRow | undefined {
  let best: CandidateRow | undefined;
  for (const r of rows) if (!best || r.loss < best.loss) best = r;
  return best;
}

/** A nested group of fields from dotted paths: { 'a.b': 1 } → { a: { b: 1 } }. */
function nested(values: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, v] of Object.entries(values)) {
    const keys = path.split('.');
    let node = out;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]!] = v;
  }
  return out;
}

/**
 * best.yaml's text: a comment block (objectives met and missed),
 * `extends:` the calibrated file, the chosen values.
 */
export function bestYaml(
  setup: CalibrationSetup,
  rows: CandidateRow[],
  bestPath: string,
  scenarioFile: string,
  baseName: string,
): string {
  const best = bestRow(rows);
  if (!best) return '';
  const s = setup.runScenario;
  const line = (o: ResolvedObjective, j: number) => {
    const m = best.measured[j]!;
    const verdict = meets(o, m) ? 'met   ' : 'missed';
    const statistic = o.text.trim() === o.name ? '' : `; ${o.text}`;
    return (
      `#   ${verdict} ${o.name} = ${formatNumber(m.value)} ± ` +
      `${formatNumber(m.se)} (target ${targetText(o)}${statistic})`
    );
  };
  const met = setup.objectives.filter((o, j) => meets(o, best.measured[j]!)).length;
  const header = [
    `# The best candidate of a calibration by \`smesim calibrate ` +
      `${scenarioFile}\`: candidate ${best.candidate} of`,
    `# generation ${best.generation}, the lowest weighted loss (` +
      `${formatNumber(best.loss)}) of ${rows.length} candidates (` +
      `${setup.calibrate.algorithm}).`,
    `# It meets ${met} of ${setup.objectives.length} objectives (met: inside ` +
      `the target's range, or within two standard errors of it),`,
    `# measured on ${s.replicates} replicates of ` +
      `${s.population.toLocaleString('en-US')} firms (value ± standard error ` +
      'across replicates):',
    ...setup.objectives.map(line),
    '# The values are those of a search on noisy statistics: run ' +
      'this scenario with more replicates to confirm them.',
  ];
  const body = {
    extends: relative(dirname(resolve(bestPath)), resolve(scenarioFile)),
    name: `${baseName}-calibrated`,
    ...nested(best.values),
  };
  return `${header.join('\n')}\n${stringify(body)}`;
}
