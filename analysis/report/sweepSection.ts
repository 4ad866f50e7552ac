/** The report's sweep sections: each parameter's response, Sobol' or Morris indices, PRIM boxes, with readings. */
import jstatPkg from 'jstat';
import { morrisFigure, primFigure, responseFigure, sobolFigure } from '../figures/sweep.js';
import {
  morrisOfPoints,
  pointOutcomes,
  primOfPoints,
  replicateNoiseShare,
  sobolOfPoints,
} from '../verbs/designPoints.js';
import type { SobolIndex } from '../verbs/sobol.js';
import { correlationP, criticalCorrelation } from '../verbs/stats.js';
import { type Section, formatNumber, formatTogether, htmlTable } from './html.js';
import { outcomeLabel } from './labels.js';

// @types/jstat lacks spearmancoeff (Spearman's rank correlation, ties given their average rank).
const { jStat } = jstatPkg as unknown as { jStat: { spearmancoeff(a: number[], b: number[]): number } };

type Row = Record<string, unknown>;

/** Options of the sweep analyses. */
export interface SweepOptions {
  outcome: string;
  /** PRIM: cases are design points whose outcome is at least this (default: the upper quartile). */
  threshold?: number;
}

/**
 * How much of an outcome's variance across a sweep's runs is between replicates of the same design point
 * (the model's own randomness) rather than between points (`replicateNoiseShare`), as a sentence for the
 * response section; with one run per point, the sentence says the noise is not measured.
 */
export function replicateNoiseReading(runs: Row[], outcome: string): string {
  const share = replicateNoiseShare(runs, outcome);
  if (share === undefined) return '';
  if (share === 'unreplicated')
    return (
      'Each design point ran once, so the model’s own randomness is mixed into these responses ' +
      'and cannot be told apart from the parameters’ effects (2 or more replicates measure it).'
    );
  return (
    `Replicates of the same design point differ too: ` +
    `${formatNumber(Number((100 * share).toFixed(0)))}% of the variance of ` +
    `${outcomeLabel(outcome)} across runs is between replicates (the model’s own randomness), ` +
    `the rest comes with the parameters` +
    `${share > 0.5 ? '; with that much noise, more replicates per point sharpen the responses' : ''}.`
  );
}

/**
 * Which parameter the outcome follows most closely across the design points: Spearman rank correlations
 * (ties averaged), strongest first, each with its p-value (scipy's t approximation), and how strong a
 * correlation this many points need to tell from chance. Each reads one parameter alone, as the response
 * figure does.
 */
export function responseReading(
  points: { values: number[]; y: number }[],
  parameters: string[],
  outcome: string,
): string {
  if (points.length < 4) return '';
  const ys = points.map((p) => p.y);
  const n = points.length;
  const rho = parameters
    .map((name, d) => {
      const r = Number(
        jStat.spearmancoeff(
          points.map((p) => p.values[d]!),
          ys,
        ),
      );
      return { name, r, p: correlationP(r, n) };
    })
    .sort((a, b) => Math.abs(Number.isFinite(b.r) ? b.r : 0) - Math.abs(Number.isFinite(a.r) ? a.r : 0));
  const pText = (v: number) => (v < 0.001 ? 'p < 0.001' : `p ${formatNumber(Number(v.toPrecision(2)))}`);
  const signed = (r: number) =>
    Number.isFinite(r) ? `${r >= 0 ? '+' : '−'}${Math.abs(r).toFixed(2)}` : 'n/a (constant)';
  const top = rho[0]!;
  if (!Number.isFinite(top.r) || top.r === 0)
    return `No parameter moves ${outcomeLabel(outcome)} in one direction (rank correlations are all 0 or undefined).`;
  const rest = rho
    .slice(1)
    .map((x) => `${x.name} ${signed(x.r)}${Number.isFinite(x.r) ? ` (${pText(x.p)})` : ''}`);
  const critical = criticalCorrelation(n);
  const beyond = `beyond ±${critical.toFixed(2)} to differ from 0 at 5%`;
  const chance = `With ${n} design points a rank correlation must be ${beyond}${
    rho.some((x) => x.p < 0.05)
      ? ''
      : ': none does here, so more design points (or replicates, which make each point less noisy) ' +
        'would be needed to tell'
  }.`;
  const direction =
    top.p < 0.05 ? (top.r > 0 ? 'rises' : 'falls') : top.r > 0 ? 'tends to rise' : 'tends to fall';
  return (
    `Strongest rank correlation with ${outcomeLabel(outcome)}: ${top.name} ${signed(top.r)} ` +
    `(${pText(top.p)}; the outcome ${direction} with ` +
    `it)${rest.length ? `; then ${rest.join(', ')}` : ''}. ${chance}`
  );
}

/**
 * The Sobol' reading: the parameter with the largest total index, its indices with their bootstrap CIs,
 * and whether the runner-up's total-index CI overlaps its own (then the ranking is not settled).
 */
export function sobolReading(idx: SobolIndex[], baseSamples: number): string {
  const [top, second] = [...idx].sort((a, b) => b.total - a.total);
  const ci = (lo: number, hi: number) => `95% CI ${formatTogether([lo, hi]).join(' to ')}`;
  const first =
    top!.first < 0
      ? `${formatNumber(top!.first)} (below 0: sampling noise around 0; ${ci(top!.firstLo, top!.firstHi)})`
      : `${formatNumber(top!.first)} (${ci(top!.firstLo, top!.firstHi)})`;
  const unsettled =
    second && second.totalHi >= top!.totalLo
      ? ` Its total index's CI overlaps that of ${second.parameter} ` +
        `(${formatNumber(second.total)}, ${ci(second.totalLo, second.totalHi)}), so which of them ` +
        `matters most is not settled: more base samples would tell.`
      : '';
  const wide = idx.some((x) => x.firstHi - x.firstLo > 0.5 || x.totalHi - x.totalLo > 0.5)
    ? ` With ${baseSamples} base samples some intervals are wider than 0.5 of the variance, too ` +
      `imprecise to read much into; Sobol' estimates usually need hundreds of base samples ` +
      `(sweep.samples).`
    : '';
  return (
    `${top!.parameter} matters most: it accounts for ${first} of the variance alone and ` +
    `${formatNumber(top!.total)} (${ci(top!.totalLo, top!.totalHi)}) with its interactions ` +
    `(${baseSamples} base samples; bars: 95% bootstrap CIs).${unsettled}${wide}`
  );
}

/**
 * The Morris reading: the parameter with the largest μ*, and what its σ/μ* ratio says about the shape of
 * its effect (Garcia Sanchez et al. 2014: below 0.1 almost linear, below 0.5 monotonic, below 1 almost
 * monotonic, above that non-linear or dependent on the other parameters), with the number of elementary
 * effects behind it.
 */
export function morrisReading(
  measures: { parameter: string; muStar: number; sigma: number; effects: number }[],
): string {
  const top = [...measures].sort((a, b) => b.muStar - a.muStar)[0]!;
  const ratio = top.sigma / top.muStar;
  const shape = !Number.isFinite(ratio)
    ? ''
    : ratio < 0.1
      ? 'its effect is almost linear'
      : ratio < 0.5
        ? 'its effect is monotonic'
        : ratio < 1
          ? 'its effect is almost monotonic'
          : 'its effect is non-linear or depends on the other parameters';
  return (
    `${top.parameter} has the largest mean absolute effect (μ* = ${formatNumber(top.muStar)}, ` +
    `from ${top.effects} elementary ` +
    `effect${top.effects === 1 ? '' : 's'}` +
    `)${shape ? `; σ/μ* = ${ratio.toFixed(2)}: ${shape} (Garcia Sanchez et al. 2014)` : ''}. ` +
    `A high σ means a parameter's effect depends on where the others are.`
  );
}

/** Responses, Sobol' or Morris indices (by design), and PRIM boxes. */
export function sweepSections(
  runs: Row[],
  design: Row[],
  parameters: string[],
  kind: string,
  opts: SweepOptions,
): Section[] {
  const points = pointOutcomes(runs, design, parameters, opts.outcome);
  const sections: Section[] = [];
  if (points.length === 0) return sections;
  sections.push({
    title: `Sweep: response of ${opts.outcome} to each parameter`,
    reading: (
      `${responseReading(points, parameters, opts.outcome)} Each dot is one design point (mean over its ` +
      `replicates); ${points.length} points over ${parameters.length} ` +
      `parameter${parameters.length === 1 ? '' : 's'}. ${replicateNoiseReading(runs, opts.outcome)}`
    ).trim(),
    figure: responseFigure(points, parameters, opts.outcome),
  });
  const sobol = kind === 'sobol' ? sobolOfPoints(points, parameters) : undefined;
  if (sobol)
    sections.push({
      title: `Sweep: Sobol' sensitivity indices for ${opts.outcome}`,
      reading: sobolReading(sobol.indices, sobol.baseSamples),
      figure: sobolFigure(sobol.indices, opts.outcome),
    });
  if (kind === 'morris') {
    const measures = morrisOfPoints(points, parameters);
    sections.push({
      title: `Sweep: Morris screening for ${opts.outcome}`,
      reading: morrisReading(measures),
      figure: morrisFigure(measures, opts.outcome),
    });
  }
  const prim = primOfPoints(points, opts.threshold);
  if (prim) {
    const { box } = prim;
    const condition = `${opts.outcome} ≥ ${formatNumber(prim.threshold)}`;
    const limits = parameters.map((p, d) => [p, box.bounds[d]![0], box.bounds[d]![1]] as (string | number)[]);
    sections.push({
      title: `Scenario discovery (PRIM): where is ${condition}?`,
      reading:
        `The reported box holds ${formatNumber(100 * box.coverage)}% of the design points with ` +
        `${condition}, and ${formatNumber(100 * box.density)}% of the points inside it meet the ` +
        `condition, against ${formatNumber(100 * prim.baseRate)}% of all design points.`,
      figure: primFigure(prim.trajectory, box, condition),
      html: htmlTable(['parameter', 'box from', 'box to'], limits),
    });
  }
  return sections;
}
