/** Report sections that appear when the run set has them: sweep analyses, compare results, validation. */
import jstatPkg from 'jstat';
import { forestFigure, type CompareRow } from '../figures/forest.js';
import { morrisFigure, primFigure, responseFigure, sobolFigure } from '../figures/sweep.js';
import { morrisMeasures } from '../verbs/morris.js';
import {
  closeCallNote,
  passRateInterval,
  passRateText,
  smallerThanCalibration,
} from '../validation/evaluate.js';
import { SINGLE_PAIR } from '../verbs/paired.js';
import { chooseBox, primPeel } from '../verbs/prim.js';
import { type SobolIndex, sobolIndices } from '../verbs/sobol.js';
import { correlationP, criticalCorrelation, quantile } from '../verbs/stats.js';
import { type Section, escapeHtml, formatNumber, formatTogether, htmlTable, percentChange } from './html.js';
import { OUTCOME_LABELS, outcomeLabel } from './labels.js';

// @types/jstat lacks spearmancoeff (Spearman's rank correlation, ties given their average rank).
const { jStat } = jstatPkg as unknown as { jStat: { spearmancoeff(a: number[], b: number[]): number } };

type Row = Record<string, unknown>;

/** Options of the sweep analyses. */
export interface SweepOptions {
  outcome: string;
  /** PRIM: cases are design points whose outcome is at least this (default: the upper quartile). */
  threshold?: number;
}

/** The design point of a sweep run id (`name/p0012/r003` → 12), or undefined for a run outside a sweep. */
function designPointOf(runId: unknown): number | undefined {
  const m = /\/p(\d+)\//.exec(String(runId));
  return m ? Number(m[1]) : undefined;
}

/** Mean outcome per design point (over replicates) from runs.csv and design.csv. */
function pointOutcomes(
  runs: Row[],
  design: Row[],
  parameters: string[],
  outcome: string,
): { values: number[]; y: number; role: string; group: number; changed: string }[] {
  const sums = new Map<number, [number, number]>();
  for (const r of runs) {
    const k = designPointOf(r.run_id);
    if (k === undefined) continue;
    const cell = sums.get(k) ?? [0, 0];
    cell[0] += Number(r[outcome]);
    cell[1] += 1;
    sums.set(k, cell);
  }
  return design
    .filter((d) => sums.has(Number(d.point)))
    .map((d) => {
      const [s, n] = sums.get(Number(d.point))!;
      return {
        values: parameters.map((p) => Number(d[p])),
        y: s / n,
        role: String(d.role ?? ''),
        group: Number(d.group),
        changed: String(d.changed ?? ''),
      };
    });
}

/**
 * How much of an outcome's variance across a sweep's runs is between replicates of the same design point
 * (the model's own randomness) rather than between points: the pooled within-point variance over the
 * variance of all runs (both with n − 1 denominators), capped at 1. A sentence for the response section;
 * with one run per point, the sentence says the noise is not measured.
 */
export function replicateNoiseReading(runs: Row[], outcome: string): string {
  const byPoint = new Map<number, number[]>();
  for (const r of runs) {
    const k = designPointOf(r.run_id);
    const y = Number(r[outcome]);
    if (k === undefined || !Number.isFinite(y)) continue;
    const ys = byPoint.get(k) ?? [];
    ys.push(y);
    byPoint.set(k, ys);
  }
  const all = [...byPoint.values()].flat();
  const repeated = [...byPoint.values()].filter((ys) => ys.length > 1);
  if (all.length < 2) return '';
  if (repeated.length === 0)
    return 'Each design point ran once, so the model’s own randomness is mixed into these responses and cannot be told apart from the parameters’ effects (2 or more replicates measure it).';
  const sq = (ys: number[]) => {
    const m = ys.reduce((a, v) => a + v, 0) / ys.length;
    return ys.reduce((a, v) => a + (v - m) ** 2, 0);
  };
  const within = repeated.reduce((a, ys) => a + sq(ys), 0) / repeated.reduce((a, ys) => a + ys.length - 1, 0);
  const total = sq(all) / (all.length - 1);
  if (!(total > 0)) return '';
  const share = Math.min(1, within / total);
  return `Replicates of the same design point differ too: ${formatNumber(Number((100 * share).toFixed(0)))}% of the variance of ${outcomeLabel(outcome)} across runs is between replicates (the model’s own randomness), the rest comes with the parameters${share > 0.5 ? '; with that much noise, more replicates per point sharpen the responses' : ''}.`;
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
  const chance = `With ${n} design points a rank correlation must be beyond ±${critical.toFixed(2)} to differ from 0 at 5%${
    rho.some((x) => x.p < 0.05)
      ? ''
      : ': none does here, so more design points (or replicates, which make each point less noisy) would be needed to tell'
  }.`;
  const direction =
    top.p < 0.05 ? (top.r > 0 ? 'rises' : 'falls') : top.r > 0 ? 'tends to rise' : 'tends to fall';
  return `Strongest rank correlation with ${outcomeLabel(outcome)}: ${top.name} ${signed(top.r)} (${pText(top.p)}; the outcome ${direction} with it)${rest.length ? `; then ${rest.join(', ')}` : ''}. ${chance}`;
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
      ? ` Its total index's CI overlaps that of ${second.parameter} (${formatNumber(second.total)}, ${ci(second.totalLo, second.totalHi)}), so which of them matters most is not settled: more base samples would tell.`
      : '';
  const wide = idx.some((x) => x.firstHi - x.firstLo > 0.5 || x.totalHi - x.totalLo > 0.5)
    ? ` With ${baseSamples} base samples some intervals are wider than 0.5 of the variance, too imprecise to read much into; Sobol' estimates usually need hundreds of base samples (sweep.samples).`
    : '';
  return `${top!.parameter} matters most: it accounts for ${first} of the variance alone and ${formatNumber(top!.total)} (${ci(top!.totalLo, top!.totalHi)}) with its interactions (${baseSamples} base samples; bars: 95% bootstrap CIs).${unsettled}${wide}`;
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
  return `${top.parameter} has the largest mean absolute effect (μ* = ${formatNumber(top.muStar)}, from ${top.effects} elementary effect${top.effects === 1 ? '' : 's'})${shape ? `; σ/μ* = ${ratio.toFixed(2)}: ${shape} (Garcia Sanchez et al. 2014)` : ''}. A high σ means a parameter's effect depends on where the others are.`;
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
    reading:
      `${responseReading(points, parameters, opts.outcome)} Each dot is one design point (mean over its replicates); ${points.length} points over ${parameters.length} parameter${parameters.length === 1 ? '' : 's'}. ${replicateNoiseReading(runs, opts.outcome)}`.trim(),
    figure: responseFigure(points, parameters, opts.outcome),
  });
  if (kind === 'sobol') {
    const groups = new Map<number, typeof points>();
    for (const p of points) {
      const group = groups.get(p.group);
      if (group) group.push(p);
      else groups.set(p.group, [p]);
    }
    const rows = [...groups.values()]
      .filter((g) => g.length === parameters.length + 2)
      .map((g) => ({
        fA: g.find((p) => p.role === 'A')!.y,
        fB: g.find((p) => p.role === 'B')!.y,
        fAB: parameters.map((_, i) => g.find((p) => p.role === `AB${i}`)!.y),
      }));
    if (rows.length >= 2) {
      const idx = sobolIndices(rows, parameters);
      sections.push({
        title: `Sweep: Sobol' sensitivity indices for ${opts.outcome}`,
        reading: sobolReading(idx, rows.length),
        figure: sobolFigure(idx, opts.outcome),
      });
    }
  }
  if (kind === 'morris') {
    const ranges = parameters.map(
      (p) =>
        [
          Math.min(...points.map((x) => x.values[parameters.indexOf(p)]!)),
          Math.max(...points.map((x) => x.values[parameters.indexOf(p)]!)),
        ] as [number, number],
    );
    const measures = morrisMeasures(
      points.map((p) => ({
        trajectory: p.group,
        values: p.values,
        changed: parameters.indexOf(p.changed),
        y: p.y,
      })),
      parameters,
      ranges,
    );
    sections.push({
      title: `Sweep: Morris screening for ${opts.outcome}`,
      reading: morrisReading(measures),
      figure: morrisFigure(measures, opts.outcome),
    });
  }
  const threshold =
    opts.threshold ??
    quantile(
      points.map((p) => p.y),
      0.75,
    );
  const interesting = points.map((p) => p.y >= threshold);
  if (points.length >= 20 && interesting.some(Boolean) && !interesting.every(Boolean)) {
    const trajectory = primPeel(
      points.map((p) => p.values),
      interesting,
    );
    const box = chooseBox(trajectory);
    const condition = `${opts.outcome} ≥ ${formatNumber(threshold)}`;
    const limits = parameters.map((p, d) => [p, box.bounds[d]![0], box.bounds[d]![1]] as (string | number)[]);
    sections.push({
      title: `Scenario discovery (PRIM): where is ${condition}?`,
      reading: `The reported box holds ${formatNumber(100 * box.coverage)}% of the design points with ${condition}, and ${formatNumber(100 * box.density)}% of the points inside it meet the condition, against ${formatNumber((100 * interesting.filter(Boolean).length) / points.length)}% of all design points.`,
      figure: primFigure(trajectory, box, condition),
      html: htmlTable(['parameter', 'box from', 'box to'], limits),
    });
  }
  return sections;
}

/** A difference in per cent of the baseline mean, or as a number when that mean is 0. */
const relative = (v: number, base: number): string =>
  percentChange(v, base) ?? `${v > 0 ? '+' : ''}${formatNumber(v)}`;

/**
 * What a CI that includes zero does not show: the range, over the outcomes, of the smallest difference the
 * replicates detect 8 times in 10 (compare.csv's detectable_diff), as a share of the baseline mean. Empty
 * when compare.csv has no such column (written before it existed).
 */
function detectableReading(rows: CompareRow[], anySig: boolean): string {
  const shares = rows
    .filter(
      (r) => Number.isFinite(r.detectable_diff) && Number.isFinite(r.baseline_mean) && r.baseline_mean !== 0,
    )
    .map((r) => (100 * r.detectable_diff!) / Math.abs(r.baseline_mean));
  if (shares.length === 0) return '';
  const n = Math.max(...rows.map((r) => r.n ?? 0));
  const range = (lo: number, hi: number) =>
    formatNumber(lo) === formatNumber(hi)
      ? `±${formatNumber(lo)}%`
      : `±${formatNumber(lo)}% to ±${formatNumber(hi)}%`;
  return ` That does not show ${anySig ? 'the other effects are' : 'every effect is'} zero: with ${n > 0 ? `${n} replicate pairs` : 'these replicates'}, a difference shows reliably (8 times in 10) only from about ${range(Math.min(...shares), Math.max(...shares))} of the baseline, depending on the outcome (column "detectable" of the table); smaller effects can be real and still have a CI that includes zero. Four times the replicates halve that.`;
}

/**
 * The compare forest plot and table. The reading names, policy by policy, each outcome whose 95% CI
 * excludes zero, in plain words, with its size relative to the baseline mean and its CI.
 */
export function compareSections(
  rows: CompareRow[],
  otherFirms: string[] = [],
  otherClock: string[] = [],
): Section[] {
  const outcomes = [...new Set(rows.map((r) => r.outcome))];
  const policies = [...new Set(rows.map((r) => r.policy))];
  const sig = (r: CompareRow) => r.ci_low > 0 || r.ci_high < 0;
  const MAX = 8;
  const perPolicy = policies.map((policy) => {
    const found = rows.filter((r) => r.policy === policy && sig(r));
    if (found.length === 0) return `${policy}: none`;
    const each = found
      .slice(0, MAX)
      .map(
        (r) =>
          `${outcomeLabel(r.outcome)} ${relative(r.diff_mean, r.baseline_mean)} (95% CI ${relative(r.ci_low, r.baseline_mean)} to ${relative(r.ci_high, r.baseline_mean)})`,
      );
    return `${policy}: ${each.join('; ')}${found.length > MAX ? `; and ${found.length - MAX} more (table below)` : ''}`;
  });
  const anySig = rows.some(sig);
  // one pair: no spread between replicates, so no CI (older compare.csv files have no n: their CIs are NaN then)
  const single = rows.every((r) => (r.n === undefined ? !Number.isFinite(r.ci_low) : r.n < 2));
  return [
    {
      title:
        otherFirms.length === 0
          ? 'Policy minus baseline (paired by replicate, same worlds)'
          : 'Scenario minus baseline (paired by replicate, same technology and environment)',
      reading:
        (single
          ? SINGLE_PAIR
          : (anySig
              ? `Differences whose 95% CI excludes zero, as a share of the baseline mean — ${perPolicy.join('. ')}. Every other difference is within what chance across the replicates allows.`
              : 'No difference has a 95% CI that excludes zero: with these replicates, no policy effect can be told apart from chance.') +
            detectableReading(rows, anySig)) +
        (otherFirms.length === 0
          ? ''
          : ` ${otherFirms.join(', ')} ${otherFirms.length === 1 ? 'has' : 'have'} other firms than the baseline (population, regions or sectors differ), so ${otherFirms.length === 1 ? 'its' : 'their'} differences come from that as well as from the policy.`) +
        (otherClock.length === 0
          ? ''
          : ` ${otherClock.join(', ')} ${otherClock.length === 1 ? 'runs' : 'run'} for another number of quarters than the baseline (ticks differ), so ${otherClock.length === 1 ? 'its' : 'their'} survey covers other quarters and ${otherClock.length === 1 ? 'its' : 'their'} differences come from that too.`),
      figure: forestFigure(rows, outcomes, 'Differences from the baseline with 95% CIs', OUTCOME_LABELS),
      html: `<details><summary>Table</summary>${htmlTable(
        ['policy', 'outcome', 'baseline', 'policy', 'difference', 'CI low', 'CI high', 'detectable (±)'],
        rows.map((r) => [
          r.policy,
          outcomeLabel(r.outcome),
          r.baseline_mean,
          r.baseline_mean + r.diff_mean,
          r.diff_mean,
          r.ci_low,
          r.ci_high,
          r.detectable_diff ?? NaN,
        ]),
      )}</details>`,
    },
  ];
}

type TargetLine = {
  id: string;
  description: string;
  sample?: string;
  measure?: string;
  runs?: number;
  passRate: number;
  passRateLow?: number;
  passRateHigh?: number;
  meanStatistic?: number;
  threshold: string;
  pass: boolean;
};

/** "; T9 does not (pass rate 0.26, needs ≥ 0.8)" — the targets that miss, named in the verdict's first sentence. */
function failingList(targets: TargetLine[]): string {
  const failing = targets.filter((t) => !t.pass);
  if (failing.length === 0) return '';
  const each = failing.map((t) => `${t.id} (pass rate ${passRateText(t.passRate)}, needs ${t.threshold})`);
  return `; ${each.join(', ')} ${failing.length === 1 ? 'does' : 'do'} not`;
}

/** T9's shock in words, from validation.json (e.g. "in quarter 170, 60% of the contribution entries redrawn in every sector and in every domain"). */
export function shockText(shock: {
  tick: number;
  magnitude: number;
  sectors?: string[];
  domains?: string[];
  demandLoss?: number;
}): string {
  const where = [
    shock.sectors ? `in ${shock.sectors.join(', ')}` : 'in every sector',
    shock.domains
      ? `in the ${shock.domains.join(', ')} domain${shock.domains.length === 1 ? '' : 's'}`
      : 'in every domain',
  ];
  const loss = shock.demandLoss
    ? `, and ${formatNumber(shock.demandLoss * 100)}% of the hit industries' demand lost for good`
    : '';
  return `in quarter ${shock.tick}, ${formatNumber(shock.magnitude * 100)}% of the contribution entries redrawn ${where.join(' and ')}${loss}`;
}

/**
 * The validation table, when a validation run wrote validation.json (`all` adds the references: T9's
 * no-shock and shock-effect, the two-lines diagnostics). The reading is the verdict in one sentence;
 * what the columns mean and the references are notes under the table.
 */
export function validationSection(validation: {
  replicates?: number;
  firms?: number;
  calibration?: { firms: number; replicates: number };
  checked?: string[];
  shock?: Parameters<typeof shockText>[0];
  targets: TargetLine[];
  all?: TargetLine[];
}): Section {
  const passed = validation.targets.filter((t) => t.pass).length;
  const small =
    validation.calibration && validation.firms !== undefined && validation.replicates !== undefined
      ? smallerThanCalibration(
          { firms: validation.firms, replicates: validation.replicates },
          validation.calibration,
        )
      : '';
  const stat = (t: TargetLine) =>
    t.meanStatistic !== undefined && Number.isFinite(t.meanStatistic) ? formatNumber(t.meanStatistic) : '';
  const rows = validation.targets.map(
    (t) =>
      `<tr><td>${escapeHtml(t.id)}</td><td>${escapeHtml(t.description)}</td><td>${escapeHtml(t.measure ?? '')}</td><td class="num">${escapeHtml(t.runs ?? '')}</td><td class="num">${escapeHtml(passRateText(t.passRate))}</td><td class="num interval">${escapeHtml(passRateInterval(t))}</td><td class="num">${escapeHtml(stat(t))}</td><td>${escapeHtml(t.threshold)}</td><td class="${t.pass ? 'pass' : 'fail'}">${t.pass ? 'pass' : 'fail'}</td></tr>`,
  );
  const t9 = validation.targets.find((t) => t.id === 'T9');
  const reference = validation.all?.find((t) => t.id === 'T9' && t.sample === 'no-shock');
  const effect = validation.all?.find((t) => t.id === 'T9' && t.sample === 'shock-effect');
  const t9Notes = [
    t9 && validation.shock
      ? `T9's shock: ${shockText(validation.shock)} (validate-model's option --shock sets another).`
      : '',
    t9 && reference
      ? `T9 without the shock (its regression on the validation runs themselves, same quarters): pass rate ${passRateText(reference.passRate)}, mean z ${stat(reference) || 'n/a'}; with the shock: ${passRateText(t9.passRate)}, mean z ${stat(t9) || 'n/a'}. Only what the shock adds is its doing.`
      : '',
    t9 && effect
      ? `What the shock adds, tested directly (each validation run stacked with its shock run, which holds the same firms before the shock; shock × SLI·(1 − LO) in the exit logit, standard errors clustered by firm): positive at 5% in ${passRateText(effect.passRate)} of ${effect.runs ?? '?'} pairs, mean z ${stat(effect) || 'n/a'}.`
      : '',
  ];
  const twoLines = (id: string) => validation.all?.find((t) => t.id === `${id}-two-lines`);
  const [tlFull, tlRising, tlFalling] = [twoLines('T5'), twoLines('T8-rising'), twoLines('T8-falling')];
  const bothLines = [
    tlFull && `${passRateText(tlFull.passRate)} of the runs of the full model (T5)`,
    tlFalling && `${passRateText(tlFalling.passRate)} of the runs with the falling-limb mechanisms off`,
  ].filter(Boolean);
  const findings = [
    bothLines.length > 0 && `a rising and a falling line in ${bothLines.join(' and ')}`,
    tlRising &&
      `a rising left line in ${passRateText(tlRising.passRate)} of the runs with supplier proposals flat in SLI (T8-rising asks for at most 0.2)`,
  ].filter(Boolean);
  const twoLinesNote = findings.length
    ? `A second opinion on the inverted U, without a verdict: the two-lines test (Simonsohn 2018: one line below a break and one above it, the break set by his Robin Hood procedure, with T5's controls) finds ${findings.join('; ')}.`
    : '';
  const notes = [
    "validation.csv has every run, the paper-scale sample of 300 firms, the true-value measures and the standard errors clustered by regional industry; the mean statistic is the mean over runs of validation.csv's statistic column, a z for T1, T2, T4, T8-rising and T9; the 95% CI is Wilson's interval for the pass rate, how far chance alone could move it with this many runs.",
    closeCallNote(validation.targets),
    passed < validation.targets.length
      ? 'Why a target fails with the default parameters, and what was tried, is written up in docs/CALIBRATION.md ("What does not hold").'
      : '',
    ...t9Notes,
    twoLinesNote,
  ].filter(Boolean);
  // the same targets without a verdict: on the true values, and on a paper-scale sample (as the studies had)
  const columns = [
    ['full', 'true', 'full survey, true values'],
    ['paper-300', 'likert', '300 firms, Likert'],
    ['paper-300', 'true', '300 firms, true values'],
    ['clustered', 'likert', 'full survey, SEs clustered by regional industry'],
  ] as const;
  const alsoIds = validation.targets
    .map((t) => t.id)
    .filter((id) => validation.all?.some((a) => a.id === id && a.sample === 'paper-300'));
  const cell = (id: string, sample: string, measure: string) => {
    const a = validation.all?.find((x) => x.id === id && x.sample === sample && x.measure === measure);
    return a
      ? `<td class="num">${escapeHtml(passRateText(a.passRate))}${stat(a) ? ` <span class="note">(${escapeHtml(stat(a))})</span>` : ''}</td>`
      : '<td class="num">–</td>';
  };
  const paper = validation.all?.filter((a) => a.sample === 'paper-300' && a.measure === 'likert') ?? [];
  const paperPassed = paper.filter((a) => a.pass).length;
  const clustered = validation.all?.filter((a) => a.sample === 'clustered') ?? [];
  const clusteredNote = clustered.length
    ? ` The last column repeats the targets whose verdict rests on standard errors with those errors clustered by regional industry (sector × region): firms in one share a landscape and a market, which sector and region dummies do not absorb, so treating them as independent, as the decisive tests do, can overstate significance; ${clustered.filter((a) => a.pass).length} of ${clustered.length} reach their threshold that way.`
    : '';
  const alsoTable = alsoIds.length
    ? `<h3>The same targets, without a verdict</h3><p class="note">${escapeHtml(`Pass rate (mean statistic). On a paper-scale sample of 300 firms per run, as the studies had, ${paperPassed} of ${paper.length} of these targets reach their threshold${paperPassed < paper.length / 2 ? ': a survey that small often misses patterns that the full population shows' : ''}.${clusteredNote}`)}</p><table><thead><tr><th>target</th><th>needed</th>${columns.map(([, , label]) => `<th>${escapeHtml(label)}</th>`).join('')}</tr></thead><tbody>${alsoIds
        .map(
          (id) =>
            `<tr><td>${escapeHtml(id)}</td><td>${escapeHtml(validation.targets.find((t) => t.id === id)!.threshold)}</td>${columns.map(([sample, measure]) => cell(id, sample, measure)).join('')}</tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  return {
    title: 'Validation targets (MODEL.md §9)',
    reading: `${passed} of ${validation.targets.length} ${validation.checked ? `checked targets (asked for: ${validation.checked.join(', ')})` : 'targets'} meet their threshold${failingList(validation.targets)} (full survey of ${validation.firms?.toLocaleString('en-US') ?? '?'} firms, ${validation.replicates ?? '?'} replicates).${small ? ` ${small}` : ''}`,
    html: `<table><thead><tr><th>target</th><th>what</th><th>measure</th><th>runs</th><th>pass rate</th><th>95% CI</th><th>mean statistic</th><th>needed</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>${notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')}${alsoTable}`,
  };
}
