/**
 * report.html of a calibration: the best candidates, each objective per generation, the loss, parameter
 * traces, the Pareto front and which objectives pull against which, each with a reading computed from
 * the candidates' rows.
 */
import { join } from 'node:path';
import jstatPkg from 'jstat';
import { writeAtomic } from '../../sim/run/outputs.js';
import { correlationP } from '../verbs/stats.js';
import { type Section, escapeHtml, formatNumber, htmlTable, renderPage } from '../report/html.js';
import { generationFigure, median, paretoFigure } from './figures.js';
import { distance, targetText } from './objectives.js';
import { bestRow, meets, ranksOf } from './outputs.js';
import type { CalibrationSetup, CandidateRow } from './search.js';
import { coordinateOf } from '../../sim/calibrate/space.js';

// @types/jstat lacks spearmancoeff (Spearman's rank correlation, ties given their average rank).
const { jStat } = jstatPkg as unknown as { jStat: { spearmancoeff(a: number[], b: number[]): number } };

const label = (r: CandidateRow) => `g${r.generation} c${r.candidate}`;
const lastGeneration = (rows: CandidateRow[]) => Math.max(...rows.map((r) => r.generation));

/** The best candidates by loss: a table, and a sentence on the best one. */
function bestSection(setup: CalibrationSetup, rows: CandidateRow[]): Section {
  const ranks = ranksOf(setup, rows);
  const order = rows.map((_, i) => i).sort((a, b) => rows[a]!.loss - rows[b]!.loss || a - b);
  const top = order.slice(0, 10);
  const params = setup.calibrate.parameters.map((p) => p.path);
  const cells = top.map((i) => {
    const r = rows[i]!;
    return [
      label(r),
      ...params.map((p) => r.values[p]!),
      ...r.measured.map(
        // no-break spaces: a value and its SE stay on one line
        (m, j) =>
          `${meets(setup.objectives[j]!, m) ? '✓' : '✗'}\u00a0` +
          `${formatNumber(m.value)}\u00a0±\u00a0${formatNumber(m.se)}`,
      ),
      r.loss,
      ranks[i]!,
    ];
  });
  const best = bestRow(rows)!;
  const met = setup.objectives.filter((o, j) => meets(o, best.measured[j]!));
  const missed = setup.objectives.filter((o, j) => !meets(o, best.measured[j]!));
  const reading =
    `The best candidate (generation ${best.generation}, candidate ${best.candidate}, loss ` +
    `${formatNumber(best.loss)}) meets ${met.length} of ${setup.objectives.length} objectives` +
    (missed.length > 0 ? `; it misses ${missed.map((o) => o.name).join(', ')}.` : '.');
  const columns = [
    'candidate',
    ...params,
    ...setup.objectives.map((o) => `${o.name} (target ${targetText(o)})`),
    'loss',
    'Pareto rank',
  ];
  // six objectives and four parameters are wider than the page: the table scrolls on its own
  const html = `<div style="overflow-x: auto">${htmlTable(columns, cells)}</div>`;
  return { title: 'Best candidates (lowest loss)', reading, html };
}

/** How an objective's generation median moved, and how many of the last generation meet it. */
function objectiveSection(setup: CalibrationSetup, rows: CandidateRow[], j: number): Section {
  const o = setup.objectives[j]!;
  const points = rows.map((r) => ({ generation: r.generation, y: r.measured[j]!.value }));
  const at = (g: number) => median(points.filter((p) => p.generation === g).map((p) => p.y));
  const last = lastGeneration(rows);
  const lastRows = rows.filter((r) => r.generation === last);
  const meeting = lastRows.filter((r) => meets(o, r.measured[j]!)).length;
  const reading =
    `${o.name}: the generation median moved from ${formatNumber(at(1))} in generation 1 to ` +
    `${formatNumber(at(last))} in generation ${last}; ${meeting} of ${lastRows.length} ` +
    `candidates of the last generation ${meeting === 1 ? 'meets' : 'meet'} the target ` +
    `${targetText(o)}.`;
  return {
    title: `${o.name} per generation (${o.text})`,
    reading,
    figure: generationFigure(`${o.name} per generation`, o.name, points, { lo: o.lo, hi: o.hi }),
  };
}

/** The loss per generation: where the lowest loss fell and when it last improved. */
function lossSection(rows: CandidateRow[]): Section {
  const last = lastGeneration(rows);
  let bestSoFar = Infinity;
  let improved = 1;
  for (let g = 1; g <= last; g++) {
    const low = Math.min(...rows.filter((r) => r.generation === g).map((r) => r.loss));
    if (low < bestSoFar) [bestSoFar, improved] = [low, g];
  }
  const first = Math.min(...rows.filter((r) => r.generation === 1).map((r) => r.loss));
  const positive = rows.every((r) => !(r.loss <= 0));
  const settled =
    improved < last - 2 ? ': the search has settled, so more generations would probably not help' : '';
  return {
    title: 'Weighted loss per generation',
    reading:
      `The lowest loss fell from ${formatNumber(first)} in generation 1 to ` +
      `${formatNumber(bestSoFar)}, last improved in generation ${improved} of ${last}${settled}.`,
    figure: generationFigure(
      'Loss of every candidate',
      'weighted loss',
      rows.map((r) => ({ generation: r.generation, y: r.loss })),
      undefined,
      positive,
    ),
  };
}

/** Each parameter's values per generation, and how much of its range the last generation still spans. */
function parameterSection(setup: CalibrationSetup, rows: CandidateRow[], d: number): Section {
  const p = setup.calibrate.parameters[d]!;
  const last = lastGeneration(rows);
  const values = rows.filter((r) => r.generation === last).map((r) => r.values[p.path]!);
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const share = p.scale === 'log' ? Math.log(hi / lo) / Math.log(p.max / p.min) : (hi - lo) / (p.max - p.min);
  const best = bestRow(rows)!.values[p.path]!;
  const u = coordinateOf(p, best);
  const edge =
    u < 0.05 || u > 0.95
      ? ` The best candidate's value, ${formatNumber(best)}, lies at the ` +
        `${u < 0.05 ? 'lower' : 'upper'} end of the range: the best value may ` +
        'lie beyond it, so widen the range if the model allows.'
      : '';
  return {
    title: `Trace of ${p.path}`,
    reading:
      `${p.path}: the last generation's candidates lie between ${formatNumber(lo)} and ` +
      `${formatNumber(hi)}, ${formatNumber(Number((100 * share).toFixed(0)))}% of the searched ` +
      `range ${formatNumber(p.min)}–${formatNumber(p.max)}` +
      `${p.scale === 'log' ? ' (log scale)' : ''}; the generation median is ` +
      `${formatNumber(median(values))}.${edge}`,
    figure: generationFigure(
      `${p.path} per generation`,
      p.path,
      rows.map((r) => ({ generation: r.generation, y: r.values[p.path]! })),
      { lo: p.min, hi: p.max },
      p.scale === 'log',
    ),
  };
}

/** The Pareto front of the first two objectives (every objective decides the ranks). */
function paretoSection(setup: CalibrationSetup, rows: CandidateRow[]): Section {
  const ranks = ranksOf(setup, rows);
  const optimal = ranks.filter((r) => r === 0).length;
  const [a, b] = setup.objectives;
  const dist = (r: CandidateRow, j: number) => distance(setup.objectives[j]!, r.measured[j]!.value);
  const both = rows.filter((r) => dist(r, 0) === 0 && dist(r, 1) === 0).length;
  const shown =
    setup.objectives.length > 2
      ? ` (the figure shows these two of ${setup.objectives.length} objectives; the ranks use all)`
      : '';
  return {
    title: 'Pareto front',
    reading:
      `${optimal} of ${rows.length} candidates are Pareto-optimal (no other is at least as close ` +
      `to every target and closer to one); ${both} ${both === 1 ? 'lies' : 'lie'} inside the ` +
      `target ranges of both ${a!.name} and ${b!.name}${shown}.`,
    figure: paretoFigure(
      [a!.name, b!.name],
      rows.map((r, i) => ({ x: dist(r, 0), y: dist(r, 1), optimal: ranks[i] === 0, label: label(r) })),
    ),
  };
}

/** Spearman correlations of the objectives' distances across candidates: which pull against which. */
function correlationSection(setup: CalibrationSetup, rows: CandidateRow[]): Section {
  const names = setup.objectives.map((o) => o.name);
  const dist = setup.objectives.map((o, j) => rows.map((r) => distance(o, r.measured[j]!.value)));
  const pairs: { a: string; b: string; rho: number; p: number }[] = [];
  const cells = names.map((a, i) => [
    a,
    ...names.map((_, j) => {
      if (i === j) return '–';
      const keep = rows
        .map((_, k) => k)
        .filter((k) => Number.isFinite(dist[i]![k]!) && Number.isFinite(dist[j]![k]!));
      const rho = Number(
        jStat.spearmancoeff(
          keep.map((k) => dist[i]![k]!),
          keep.map((k) => dist[j]![k]!),
        ),
      );
      if (j > i) pairs.push({ a, b: names[j]!, rho, p: correlationP(rho, keep.length) });
      return Number.isFinite(rho) ? rho.toFixed(2) : 'n/a';
    }),
  ]);
  const against = pairs.filter((x) => x.rho < 0 && x.p < 0.05).sort((x, y) => x.rho - y.rho);
  const reading =
    against.length > 0
      ? `${against.map((x) => `${x.a} and ${x.b} (ρ ${x.rho.toFixed(2)})`).join(', ')} pull ` +
        `against each other: across the ${rows.length} candidates, those closer to one target are ` +
        'farther from the other (rank correlation of the distances below 0 at 5%).'
      : `No two objectives pull against each other at 5% across the ${rows.length} ` +
        'candidates (no rank correlation of their distances is significantly below 0); a ' +
        'distance that is 0 for most candidates leaves little to correlate.';
  return {
    title: 'Which objectives pull against which',
    reading,
    html:
      `${htmlTable(['', ...names], cells)}<p class="note">Spearman rank correlation of ` +
      'the distances from the targets across candidates: negative means getting closer ' +
      'to one target goes with getting farther from the other.</p>',
  };
}

/** The whole page. */
export function calibrationReportHtml(setup: CalibrationSetup, rows: CandidateRow[]): string {
  const s = setup.runScenario;
  const c = setup.calibrate;
  const sections: Section[] = [
    bestSection(setup, rows),
    lossSection(rows),
    ...setup.objectives.map((_, j) => objectiveSection(setup, rows, j)),
    ...c.parameters.map((_, d) => parameterSection(setup, rows, d)),
    ...(setup.objectives.length >= 2 ? [paretoSection(setup, rows), correlationSection(setup, rows)] : []),
  ];
  const algorithm =
    c.algorithm === 'cmaes' ? 'CMA-ES on the weighted loss' : 'NSGA-II on the objectives’ distances';
  const header = `<h1>Calibration of ${escapeHtml(s.name)}</h1><p>${escapeHtml(
    `${algorithm}: ${setup.generations} generations of ${c.generationSize} candidates, each ` +
      `run ${s.replicates} times (the same ${s.replicates} worlds for every candidate) with ` +
      `${s.population.toLocaleString('en-US')} firms × ${s.ticks} quarters.`,
  )}</p>`;
  return renderPage(
    `Calibration: ${s.name}`,
    header,
    sections,
    'calibration.csv holds every candidate; best.yaml the best one as a scenario. See docs/calibrate.md.',
  );
}

/** Write report.html into the calibration's folder; returns its path. */
export function writeCalibrationReport(
  outDir: string,
  setup: CalibrationSetup,
  rows: CandidateRow[],
): string {
  const path = join(outDir, 'report.html');
  writeAtomic(path, calibrationReportHtml(setup, rows));
  return path;
}
