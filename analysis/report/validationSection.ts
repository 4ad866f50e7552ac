/** The report's validation section: the targets table with its verdict, the notes, and the other readings. */
import {
  closeCallNote,
  passRateInterval,
  passRateText,
  smallerThanCalibration,
} from '../validation/evaluate.js';
import type { LevelSummary } from '../validation/levels.js';
import { type Section, escapeHtml, formatNumber } from './html.js';
import { levelsTable } from './levelsSection.js';

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

/** "; T6 does not (pass rate 0.76, needs ≥ 0.8)" — the targets and levels that miss, named in the verdict. */
function failingList(targets: TargetLine[], levels: LevelSummary[]): string {
  const each = [
    ...targets
      .filter((t) => !t.pass)
      .map((t) => `${t.id} (pass rate ${passRateText(t.passRate)}, needs ${t.threshold})`),
    ...levels.filter((l) => !l.pass).map((l) => `${l.id} (${l.value.toFixed(2)}, surveys ${l.range})`),
  ];
  if (each.length === 0) return '';
  return `; ${each.join(', ')} ${each.length === 1 ? 'does' : 'do'} not`;
}

/**
 * T9's answer in plain words, from its pass rates: whether rigid firms (deep integration, little learning
 * orientation) exit more after the shock, whether they do so without it too, and what the shock adds.
 */
export function t9Answer(t9: TargetLine, noShock?: TargetLine, effect?: TargetLine): string {
  const rate = passRateText;
  const pattern =
    t9.passRate >= 0.5
      ? `rigid firms (deep supplier integration, little learning orientation) exit more often after the shock (in ${rate(t9.passRate)} of the runs)`
      : `rigid firms (deep supplier integration, little learning orientation) do not reliably exit more often after the shock (in ${rate(t9.passRate)} of the runs)`;
  const without = noShock
    ? noShock.passRate >= t9.passRate - 0.15
      ? `, about as often as without any shock (${rate(noShock.passRate)})`
      : `, more often than without a shock (${rate(noShock.passRate)})`
    : '';
  const adds = effect
    ? effect.passRate >= 0.5
      ? `; the shock itself sharpens that pattern (its own effect significant in ${rate(effect.passRate)} of the paired runs)`
      : `; the shock itself adds nothing measurable (its own effect significant in only ${rate(effect.passRate)} of the paired runs)`
    : '';
  return `T9, the model's prediction (no verdict: the surveys did not test it): ${pattern}${without}${adds}.`;
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
  levels?: LevelSummary[];
  all?: TargetLine[];
}): Section {
  const levels = validation.levels ?? [];
  const passed = validation.targets.filter((t) => t.pass).length + levels.filter((l) => l.pass).length;
  const total = validation.targets.length + levels.length;
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
  const t9 = validation.all?.find((t) => t.id === 'T9' && t.sample === 'full');
  const reference = validation.all?.find((t) => t.id === 'T9' && t.sample === 'no-shock');
  const effect = validation.all?.find((t) => t.id === 'T9' && t.sample === 'shock-effect');
  const t9Notes = [
    t9 ? t9Answer(t9, reference, effect) : '',
    t9 && validation.shock
      ? `T9's shock: ${shockText(validation.shock)} (validate-model's option --shock sets another).`
      : '',
    t9 && reference
      ? `T9 without the shock (its regression on the validation runs themselves, same quarters): exit hazard rising with SLI·(1 − LO) at 5% in ${passRateText(reference.passRate)} of the runs, mean z ${stat(reference) || 'n/a'}; with the shock: ${passRateText(t9.passRate)}, mean z ${stat(t9) || 'n/a'}.`
      : '',
    t9 && effect
      ? `What the shock adds, tested directly (each validation run stacked with its shock run, which holds the same firms before the shock; shock × SLI·(1 − LO) in the exit logit, standard errors clustered by firm): positive at 5% in ${passRateText(effect.passRate)} of ${effect.runs ?? '?'} pairs, mean z ${stat(effect) || 'n/a'}.`
      : '',
  ];
  const twoLines = (id: string) => validation.all?.find((t) => t.id === `${id}-two-lines`);
  const [tlFull, tlFalling] = [twoLines('T5'), twoLines('T8-falling')];
  const quadratic = validation.all?.find((t) => t.id === 'T8-rising-quadratic');
  const bothLines = [
    tlFull && `${passRateText(tlFull.passRate)} of the runs of the full model (T5)`,
    tlFalling && `${passRateText(tlFalling.passRate)} of the runs with the falling-limb mechanisms off`,
  ].filter(Boolean);
  const twoLinesNote = bothLines.length
    ? `The stricter reading of the inverted U, without a verdict: the two-lines test (Simonsohn 2018: one line below a break and one above it, the break set by his Robin Hood procedure, with T5's controls) finds a rising and a falling line in ${bothLines.join(' and ')}.`
    : '';
  const quadraticNote = quadratic
    ? `T8-rising is decided by the two-lines test's left line; the quadratic test's slope at the lowest SLI, kept as a reference, is significantly positive in ${passRateText(quadratic.passRate)} of the same runs (it also calls a flat-then-falling curve rising).`
    : '';
  const notes = [
    "validation.csv has every run, the paper-scale sample of 300 firms, the true-value measures and the standard errors clustered by regional industry; the mean statistic is the mean over runs of validation.csv's statistic column, a z for T1, T2, T4, T8-rising and T9; the 95% CI is Wilson's interval for the pass rate, how far chance alone could move it with this many runs.",
    closeCallNote(validation.targets),
    passed < validation.targets.length
      ? 'Why a target fails with the default parameters, and what was tried, is written up in docs/CALIBRATION.md ("What does not hold").'
      : '',
    twoLinesNote,
    quadraticNote,
    ...t9Notes,
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
    title: 'Validation targets (docs/VALIDATION.md)',
    reading:
      total === 0
        ? `No target with a verdict was checked${validation.checked ? ` (asked for: ${validation.checked.join(', ')})` : ''}: T9 is the model's prediction, reported below without a verdict.`
        : `${passed} of ${total} ${validation.checked ? `checked targets (asked for: ${validation.checked.join(', ')})` : levels.length ? 'targets and levels' : 'targets'} meet their threshold${failingList(validation.targets, levels)} (full survey of ${validation.firms?.toLocaleString('en-US') ?? '?'} firms, ${validation.replicates ?? '?'} replicates).${small ? ` ${small}` : ''}`,
    html: `<table><thead><tr><th>target</th><th>what</th><th>measure</th><th>runs</th><th>pass rate</th><th>95% CI</th><th>mean statistic</th><th>needed</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>${levels.length ? levelsTable(levels) : ''}${notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')}${alsoTable}`,
  };
}
