/**
 * The readings of the report's validation section that carry no verdict: T9 (the model's prediction) and
 * its shock in words, the stricter readings of the inverted U, and the same targets on the true values, a
 * paper-scale sample and clustered standard errors.
 */
import { passRateText } from '../validation/wording.js';
import { escapeHtml, formatNumber } from './html.js';

/** One target's line of validation.json, as the validation section reads it. */
export type TargetLine = {
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

/** A target's mean statistic as printed, or empty when it has none. */
export const meanStatisticText = (t: TargetLine): string =>
  t.meanStatistic !== undefined && Number.isFinite(t.meanStatistic) ? formatNumber(t.meanStatistic) : '';

/**
 * T9's answer in plain words, from its pass rates: whether rigid firms (deep integration, little learning
 * orientation) exit more after the shock, whether they do so without it too, and what the shock adds.
 */
export function t9Answer(t9: TargetLine, noShock?: TargetLine, effect?: TargetLine): string {
  const rate = passRateText;
  const rigid = 'rigid firms (deep supplier integration, little learning orientation)';
  const pattern =
    t9.passRate >= 0.5
      ? `${rigid} exit more often after the shock (in ${rate(t9.passRate)} of the runs)`
      : `${rigid} do not reliably exit more often after the shock (in ${rate(t9.passRate)} of the runs)`;
  const without = noShock
    ? noShock.passRate >= t9.passRate - 0.15
      ? `, about as often as without any shock (${rate(noShock.passRate)})`
      : `, more often than without a shock (${rate(noShock.passRate)})`
    : '';
  const adds = effect
    ? effect.passRate >= 0.5
      ? '; the shock itself sharpens that pattern ' +
        `(its own effect significant in ${rate(effect.passRate)} of the paired runs)`
      : '; the shock itself adds nothing measurable ' +
        `(its own effect significant in only ${rate(effect.passRate)} of the paired runs)`
    : '';
  return `T9, the model's prediction (no verdict: the surveys did not test it): ${pattern}${without}${adds}.`;
}

/**
 * T9's shock in words, from validation.json (e.g. "in quarter 170, 60% of the contribution entries
 * redrawn in every sector and in every domain").
 */
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
  return (
    `in quarter ${shock.tick}, ${formatNumber(shock.magnitude * 100)}% of the contribution entries ` +
    `redrawn ${where.join(' and ')}${loss}`
  );
}

/**
 * The notes on T9 under the table: its answer in words, its shock, its regression without the shock,
 * and what the shock adds tested directly; empty strings for those validation.json does not have.
 */
export function t9Notes(all: TargetLine[] | undefined, shock?: Parameters<typeof shockText>[0]): string[] {
  const t9 = all?.find((t) => t.id === 'T9' && t.sample === 'full');
  const reference = all?.find((t) => t.id === 'T9' && t.sample === 'no-shock');
  const effect = all?.find((t) => t.id === 'T9' && t.sample === 'shock-effect');
  const stat = meanStatisticText;
  return [
    t9 ? t9Answer(t9, reference, effect) : '',
    t9 && shock ? `T9's shock: ${shockText(shock)} (validate-model's option --shock sets another).` : '',
    t9 && reference
      ? 'T9 without the shock (its regression on the validation runs themselves, same quarters): ' +
        `exit hazard rising with SLI·(1 − LO) at 5% in ${passRateText(reference.passRate)} of the runs, ` +
        `mean z ${stat(reference) || 'n/a'}; ` +
        `with the shock: ${passRateText(t9.passRate)}, mean z ${stat(t9) || 'n/a'}.`
      : '',
    t9 && effect
      ? 'What the shock adds, tested directly (each validation run stacked with its shock run, ' +
        'which holds the same firms before the shock; shock × SLI·(1 − LO) in the exit logit, ' +
        'standard errors clustered by firm): ' +
        `positive at 5% in ${passRateText(effect.passRate)} of ${effect.runs ?? '?'} pairs, ` +
        `mean z ${stat(effect) || 'n/a'}.`
      : '',
  ];
}

/**
 * The notes on the stricter readings of the inverted U: where the two-lines test finds both lines, and
 * how often the quadratic test, kept as a reference for T8-rising, finds a rising start.
 */
export function stricterReadingNotes(all: TargetLine[] | undefined): string[] {
  const twoLines = (id: string) => all?.find((t) => t.id === `${id}-two-lines`);
  const [tlFull, tlFalling] = [twoLines('T5'), twoLines('T8-falling')];
  const quadratic = all?.find((t) => t.id === 'T8-rising-quadratic');
  const bothLines = [
    tlFull && `${passRateText(tlFull.passRate)} of the runs of the full model (T5)`,
    tlFalling && `${passRateText(tlFalling.passRate)} of the runs with the falling-limb mechanisms off`,
  ].filter(Boolean);
  const twoLinesNote = bothLines.length
    ? 'The stricter reading of the inverted U, without a verdict: the two-lines test (Simonsohn 2018: ' +
      'one line below a break and one above it, the break set by his Robin Hood procedure, ' +
      `with T5's controls) finds a rising and a falling line in ${bothLines.join(' and ')}.`
    : '';
  const quadraticNote = quadratic
    ? "T8-rising is decided by the two-lines test's left line; the quadratic test's slope at the lowest " +
      `SLI, kept as a reference, is significantly positive in ${passRateText(quadratic.passRate)} ` +
      'of the same runs (it also calls a flat-then-falling curve rising).'
    : '';
  return [twoLinesNote, quadraticNote];
}

/** The columns of the table without a verdict: sample, measure, heading. */
const UNDECIDED_COLUMNS = [
  ['full', 'true', 'full survey, true values'],
  ['paper-300', 'likert', '300 firms, Likert'],
  ['paper-300', 'true', '300 firms, true values'],
  ['clustered', 'likert', 'full survey, SEs clustered by regional industry'],
] as const;

/**
 * The same targets without a verdict: on the true values, on a paper-scale sample (as the studies had)
 * and with clustered standard errors; empty when validation.json has no paper-scale rows.
 */
export function sameTargetsTable(targets: TargetLine[], all: TargetLine[] | undefined): string {
  const ids = targets
    .map((t) => t.id)
    .filter((id) => all?.some((a) => a.id === id && a.sample === 'paper-300'));
  if (ids.length === 0) return '';
  const cell = (id: string, sample: string, measure: string) => {
    const a = all?.find((x) => x.id === id && x.sample === sample && x.measure === measure);
    if (!a) return '<td class="num">–</td>';
    const stat = meanStatisticText(a);
    const statHtml = stat ? ` <span class="note">(${escapeHtml(stat)})</span>` : '';
    return `<td class="num">${escapeHtml(passRateText(a.passRate))}${statHtml}</td>`;
  };
  const row = (id: string) => {
    const threshold = targets.find((t) => t.id === id)!.threshold;
    const cells = UNDECIDED_COLUMNS.map(([sample, measure]) => cell(id, sample, measure)).join('');
    return `<tr><td>${escapeHtml(id)}</td><td>${escapeHtml(threshold)}</td>${cells}</tr>`;
  };
  const paper = all?.filter((a) => a.sample === 'paper-300' && a.measure === 'likert') ?? [];
  const paperPassed = paper.filter((a) => a.pass).length;
  const clustered = all?.filter((a) => a.sample === 'clustered') ?? [];
  const clusteredNote = clustered.length
    ? ' The last column repeats the targets whose verdict rests on standard errors with those errors ' +
      'clustered by regional industry (sector × region): firms in one share a landscape and a market, ' +
      'which sector and region dummies do not absorb, so treating them as independent, ' +
      'as the decisive tests do, can overstate significance; ' +
      `${clustered.filter((a) => a.pass).length} of ${clustered.length} reach their threshold that way.`
    : '';
  const note =
    'Pass rate (mean statistic). On a paper-scale sample of 300 firms per run, as the studies had, ' +
    `${paperPassed} of ${paper.length} of these targets reach their threshold` +
    (paperPassed < paper.length / 2
      ? ': a survey that small often misses patterns that the full population shows'
      : '') +
    `.${clusteredNote}`;
  const head = UNDECIDED_COLUMNS.map(([, , label]) => `<th>${escapeHtml(label)}</th>`).join('');
  return (
    `<h3>The same targets, without a verdict</h3><p class="note">${escapeHtml(note)}</p>` +
    `<table><thead><tr><th>target</th><th>needed</th>${head}</tr></thead>` +
    `<tbody>${ids.map(row).join('')}</tbody></table>`
  );
}
