/**
 * The simulated world beside the innovation surveys: the level targets L1–L4 (docs/VALIDATION.md) on a
 * run set's survey, pooled over its runs, each with the range the EU Community Innovation Survey gives
 * and its source. In every run set's report and on the terminal after `smesim run`.
 */
import { type LevelSummary, levelSummaries } from '../validation/levels.js';
import { type Section, escapeHtml } from './html.js';

type Row = Record<string, unknown>;

const three = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');

/** "0.34 [0.33, 0.35]", or the value alone when there is no interval (a single run). */
function valueText(l: LevelSummary): string {
  return Number.isFinite(l.low) ? `${three(l.value)} [${three(l.low)}, ${three(l.high)}]` : three(l.value);
}

/** How many levels lie in the surveys' range, and which do not, in one sentence. */
function levelsReading(levels: LevelSummary[], runs: number): string {
  const outside = levels.filter((l) => !l.pass);
  const pooled = `pooled over ${runs} run${runs === 1 ? '' : 's'}`;
  if (outside.length === 0)
    return `All ${levels.length} survey magnitudes lie in the ranges that EU innovation surveys report (${pooled}).`;
  const each = outside.map((l) => `${l.id} ${three(l.value)} (surveys: ${l.range})`);
  return (
    `${levels.length - outside.length} of ${levels.length} survey magnitudes lie in the ranges that EU ` +
    `innovation surveys report (${pooled}); outside: ${each.join(', ')}.`
  );
}

/** The report's section on the levels beside the surveys; undefined for an empty survey. */
export function levelsSection(survey: Row[]): Section | undefined {
  if (survey.length === 0) return undefined;
  const levels = levelSummaries(survey);
  const runs = levels[0]?.runs ?? 0;
  return {
    title: 'Beside the innovation surveys (levels L1–L4)',
    reading: levelsReading(levels, runs),
    html: levelsTable(levels),
  };
}

/** The levels for the terminal: one line each, value beside the surveys' range. */
export function levelsText(survey: Row[]): string {
  if (survey.length === 0) return '';
  const levels = levelSummaries(survey);
  const lines = levels.map(
    (l) =>
      `  ${l.id.padEnd(11)}${valueText(l).padEnd(24)}surveys ${l.range.padEnd(11)}` +
      `${l.pass ? '' : 'OUTSIDE  '}${l.description}`,
  );
  return `beside the innovation surveys (EU CIS; sources in the report):\n${lines.join('\n')}\n`;
}

/** The levels table with its notes (the validation section shows it under the targets). */
export function levelsTable(levels: LevelSummary[]): string {
  const rows = levels.map(
    (l) =>
      `<tr><td>${escapeHtml(l.id)}</td><td>${escapeHtml(l.description)}</td>` +
      `<td class="num interval">${escapeHtml(valueText(l))}</td>` +
      `<td class="interval">${escapeHtml(l.range)}</td>` +
      `<td class="${l.pass ? 'pass' : 'fail'}">${l.pass ? 'in range' : 'outside'}</td></tr>`,
  );
  const sources = [...new Set(levels.map((l) => l.source))];
  const notes = [
    'Value: over every surveyed firm of every run; in brackets its 95% interval across runs. ' +
      'Innovators are firms with any of the four innovation types in the survey window; small firms have ' +
      '10–49 employees, medium ones 50–249. The surveys cover all sectors and sizes, so the ranges are wide.',
    ...sources.map((s) => `Source: ${s}.`),
  ];
  return (
    '<table><thead><tr><th>level</th><th>what</th><th>value</th><th>surveys</th><th></th></tr>' +
    `</thead><tbody>${rows.join('')}</tbody></table>` +
    notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')
  );
}
