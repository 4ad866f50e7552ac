/**
 * The report of a `validate-model --seeds` folder (seeds.csv): the decisive targets' pass rates by master
 * seed, the levels L1–L4 beside the surveys, the stricter readings a referee asks for, the verdict across
 * seeds, and a link to each seed's own report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest } from '../../sim/run/manifest.js';
import { loadRows } from '../io.js';
import { pooledPassRate, seedCell, seedsVerdict } from '../validation/wording.js';
import { type Section, escapeHtml, renderPage } from './html.js';
import { software } from './provenance.js';
import { shockText } from './validationReadings.js';

type Row = Record<string, unknown>;

/** T9's shock as a validation folder's validation.json records it; undefined when T9 was not checked. */
function readShock(dir: string): Parameters<typeof shockText>[0] | undefined {
  const file = join(dir, 'validation.json');
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { shock?: Parameters<typeof shockText>[0] }).shock
    : undefined;
}

const keyOf = (r: Row) => `${String(r.target)}|${String(r.sample)}|${String(r.measure)}`;
const labelOf = (r: Row) =>
  r.sample === 'full' ? String(r.target) : `${String(r.target)} ${String(r.sample)}`;

/** One table: a row per target (or reading), a cell per seed, and the seeds pooled for pass rates. */
function seedTable(rows: Row[], seeds: number[], level: boolean): string {
  const keys = [...new Set(rows.map(keyOf))];
  const link = (s: number) =>
    `<th><a href="seed-${escapeHtml(s)}/report.html">seed ${escapeHtml(s)}</a></th>`;
  const pooledHead = level ? '' : '<th>all seeds</th>';
  const head = `<tr><th>target</th><th>needed</th>${seeds.map(link).join('')}${pooledHead}</tr>`;
  const body = keys.map((key) => {
    const each = seeds.map((s) => rows.find((r) => Number(r.seed) === s && keyOf(r) === key));
    const first = each.find((r) => r !== undefined)!;
    const cells = each.map((r) => {
      if (!r) return '<td class="num">–</td>';
      const pass = r.role === 'prediction' || Number(r.pass) === 1; // a prediction has no threshold
      const miss = r.role === 'reading' ? ' below' : ' FAIL';
      const interval =
        r.pass_rate_low === null || r.pass_rate_low === ''
          ? {}
          : { passRateLow: Number(r.pass_rate_low), passRateHigh: Number(r.pass_rate_high) };
      const text = level
        ? `${Number(r.value).toFixed(3)}${pass ? '' : miss}`
        : seedCell({
            id: String(r.target),
            threshold: String(r.threshold),
            passRate: Number(r.pass_rate),
            pass,
            ...interval,
          }).replace(' FAIL', miss);
      return `<td class="num${pass ? '' : ' fail'}">${escapeHtml(text)}</td>`;
    });
    const found = each.filter((r) => r !== undefined);
    const pooled = pooledPassRate(
      found.map((r) => ({ runs: Number(r.runs), passRate: Number(r.pass_rate) })),
    );
    const pooledCell = level ? '' : `<td class="num interval">${escapeHtml(pooled)}</td>`;
    const label = `<td>${escapeHtml(labelOf(first))}</td><td>${escapeHtml(first.threshold)}</td>`;
    return `<tr>${label}${cells.join('')}${pooledCell}</tr>`;
  });
  return `<table><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`;
}

const CELL_NOTE =
  "Each cell is the share of a seed's replicate runs in which the target holds; 'FAIL' marks a pass rate " +
  "that misses the threshold; '*' a close call, where the seed's 95% interval holds the threshold, " +
  "so another set of replicates could decide it the other way. 'All seeds' pools every seed's runs, " +
  "with Wilson's 95% interval: it decides nothing. seeds.csv has the numbers; each seed’s report " +
  '(linked above) has the references and the figures.';

const LEVEL_NOTE =
  "Each cell is the level pooled over the seed's runs; 'FAIL' marks a value outside the range of the " +
  "EU Community Innovation Survey (sources in each seed's report).";

const READING_NOTE =
  "paper-300: a random sample of 300 surveyed firms per run, the size of the studies' surveys; " +
  'clustered: standard errors clustered by regional industry; ' +
  "two-lines: Simonsohn's two-lines test of the inverted U. " +
  "'below' marks a reading under its target's threshold.";

/** A note below a table, as HTML. */
const noteHtml = (text: string) => `<p class="note">${escapeHtml(text)}</p>`;

/** The report of a `--seeds` folder as an HTML page. */
export function seedsReport(dir: string): string {
  const rows = loadRows(dir, 'seeds.csv');
  const role = (r: Row) => String(r.role ?? 'verdict'); // seeds.csv without roles: every row decides
  const seeds = [...new Set(rows.map((r) => Number(r.seed)))];
  const decisive = rows.filter((r) => role(r) === 'verdict' || role(r) === 'level');
  const ids = [...new Set(decisive.map((r) => String(r.target)))];
  const cell = (seed: number, id: string) =>
    decisive.find((r) => Number(r.seed) === seed && String(r.target) === id);
  const verdict =
    ids.length === 0
      ? 'no target with a verdict was checked'
      : seedsVerdict(seeds, ids, (seed, id) => Number(cell(seed, id)?.pass ?? 1) === 0);
  const levels = rows.filter((r) => role(r) === 'level');
  const readings = rows.filter((r) => role(r) === 'reading');
  const predictions = rows.filter((r) => role(r) === 'prediction');
  const sections: Section[] = [
    {
      title: 'Pass rates by master seed (the targets that decide the verdict)',
      reading: `${verdict}.`,
      html:
        seedTable(
          decisive.filter((r) => role(r) === 'verdict'),
          seeds,
          false,
        ) + noteHtml(CELL_NOTE),
    },
  ];
  if (levels.length > 0)
    sections.push({
      title: 'Levels by master seed, beside the innovation surveys (they decide the verdict too)',
      reading:
        `${levels.filter((r) => Number(r.pass) === 1).length} of ${levels.length} ` +
        "level values lie in the surveys' ranges.",
      html: seedTable(levels, seeds, true) + noteHtml(LEVEL_NOTE),
    });
  if (readings.length > 0)
    sections.push({
      title: 'Stricter readings by master seed (no verdict)',
      reading:
        `${readings.filter((r) => Number(r.pass) === 1).length} of ${readings.length} ` +
        'stricter readings reach the threshold of their target.',
      html: seedTable(readings, seeds, false) + noteHtml(READING_NOTE),
    });
  if (predictions.length > 0)
    sections.push({
      title: "T9, the model's prediction, by master seed (no verdict)",
      reading:
        'Each cell is the share of runs in which the exit hazard after the shock rises with SLI·(1 − LO) ' +
        '(full), does so without the shock (no-shock), ' +
        'or in which the shock itself adds to it (shock-effect).',
      html: seedTable(predictions, seeds, false),
    });
  const m = readManifest(join(dir, `seed-${seeds[0]}`));
  const s = m?.scenario;
  const what = s
    ? ` of '${escapeHtml(s.name)}': ${escapeHtml(s.replicates)} replicates of ` +
      `${escapeHtml(s.population.toLocaleString('en-US'))} firms per run set`
    : '';
  const shock = readShock(join(dir, `seed-${seeds[0]}`));
  const shockLine = shock
    ? escapeHtml(` T9's shock: ${shockText(shock)} (validate-model's option --shock sets another).`)
    : '';
  const headHtml =
    `<h1>Validation across ${seeds.length} master seeds</h1>` +
    `<p>${escapeHtml('smesim validate-model --seeds')}${what}; seeds ${escapeHtml(seeds.join(', '))}. ` +
    `Each seed's folder (seed-&lt;n&gt;) is a complete validation with its own report.${shockLine}</p>`;
  const foot = m ? software(m) : '';
  return renderPage(`smesim validation across seeds ${seeds.join(', ')}`, headHtml, sections, foot);
}
