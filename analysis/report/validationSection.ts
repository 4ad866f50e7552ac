/** The report's validation section: the targets table with its verdict, the notes, and the other readings. */
import {
  closeCallNote,
  passRateInterval,
  passRateText,
  smallerThanCalibration,
} from '../validation/wording.js';
import type { LevelSummary } from '../validation/levels.js';
import { type Section, escapeHtml } from './html.js';
import { levelsTable } from './levelsSection.js';
import {
  type TargetLine,
  meanStatisticText,
  sameTargetsTable,
  shockText,
  stricterReadingNotes,
  t9Notes,
} from './validationReadings.js';

/** "; T6 does not (pass rate 0.76, needs ≥ 0.8)" — the targets and levels that miss, named in the verdict. */
function failingList(targets: TargetLine[], levels: LevelSummary[]): string {
  const each = [
    ...targets
      .filter((t) => !t.pass)
      .map((t) => `${t.id} (pass rate ${passRateText(t.passRate)}, needs ${t.threshold})`),
    ...levels.filter((l) => !l.pass).map((l) => `${l.id} (${l.value.toFixed(3)}, surveys ${l.range})`),
  ];
  if (each.length === 0) return '';
  return `; ${each.join(', ')} ${each.length === 1 ? 'does' : 'do'} not`;
}

/** A table cell of escaped text, with its class (e.g. "num") when it has one. */
const td = (text: unknown, className?: string) =>
  `<td${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</td>`;

/** A table row of cells already in HTML. */
const tableRow = (cells: string[]) => `<tr>${cells.join('')}</tr>`;

/** The columns of the verdict table. */
const VERDICT_COLUMNS = [
  'target',
  'what',
  'measure',
  'runs',
  'pass rate',
  '95% CI',
  'mean statistic',
  'needed',
  '',
];

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
  const rows = validation.targets.map((t) =>
    tableRow([
      td(t.id),
      td(t.description),
      td(t.measure ?? ''),
      td(t.runs ?? '', 'num'),
      td(passRateText(t.passRate), 'num'),
      td(passRateInterval(t), 'num interval'),
      td(meanStatisticText(t), 'num'),
      td(t.threshold),
      td(t.pass ? 'pass' : 'fail', t.pass ? 'pass' : 'fail'),
    ]),
  );
  const notes = [
    'validation.csv has every run, the paper-scale sample of 300 firms, the true-value measures and the ' +
      'standard errors clustered by regional industry; the mean statistic is the mean over runs of ' +
      "validation.csv's statistic column, a z for T1, T2, T4, T8-rising and T9; the 95% CI is Wilson's " +
      'interval for the pass rate, how far chance alone could move it with this many runs.',
    closeCallNote(validation.targets),
    passed < validation.targets.length
      ? 'Why a target fails with the default parameters, and what was tried, is written up in ' +
        'docs/CALIBRATION.md ("What does not hold").'
      : '',
    ...stricterReadingNotes(validation.all),
    ...t9Notes(validation.all, validation.shock),
  ].filter(Boolean);
  const checked = validation.checked;
  const counted = checked
    ? `checked targets (asked for: ${checked.join(', ')})`
    : levels.length
      ? 'targets and levels'
      : 'targets';
  const head = VERDICT_COLUMNS.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  return {
    title: 'Validation targets (docs/VALIDATION.md)',
    reading:
      total === 0
        ? `No target with a verdict was checked${checked ? ` (asked for: ${checked.join(', ')})` : ''}: ` +
          "T9 is the model's prediction, reported below without a verdict."
        : `${passed} of ${total} ${counted} meet their threshold${failingList(validation.targets, levels)} ` +
          `(full survey of ${validation.firms?.toLocaleString('en-US') ?? '?'} firms, ` +
          `${validation.replicates ?? '?'} replicates).${small ? ` ${small}` : ''}`,
    html:
      `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>` +
      (levels.length ? levelsTable(levels) : '') +
      notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('') +
      sameTargetsTable(validation.targets, validation.all),
  };
}
