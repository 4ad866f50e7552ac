/** The report of a `validate-model --seeds` folder: the decisive pass rates by master seed. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest } from '../../sim/run/manifest.js';
import { loadRows } from '../io.js';
import { pooledPassRate, seedCell, seedsVerdict } from '../validation/evaluate.js';
import { type Section, escapeHtml, renderPage } from './html.js';
import { software } from './provenance.js';
import { shockText } from './validationSection.js';

/** How to read the table of pass rates by master seed. */
const SEEDS_NOTE =
  "Each cell is the share of a seed's replicate runs in which the target holds; 'FAIL' marks a pass rate " +
  "that misses the threshold; '*' a close call, where the seed's 95% interval holds the threshold, so " +
  "another set of replicates could decide it the other way. 'All seeds' pools every seed's runs, with " +
  "Wilson's 95% interval: it decides nothing, and says what the seeds show together. seeds.csv has the " +
  "numbers; each seed's report (linked above) has the reference rows, the paper-scale sample and the figures.";

/**
 * T9's shock as a validation folder's validation.json records it; undefined when T9 was not checked there or
 * the file predates the field.
 */
function readShock(dir: string): Parameters<typeof shockText>[0] | undefined {
  const file = join(dir, 'validation.json');
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { shock?: Parameters<typeof shockText>[0] }).shock
    : undefined;
}

/**
 * The report of a `validate-model --seeds` folder: the decisive targets' pass rates by master seed
 * (seeds.csv), the verdict across seeds, and a link to each seed's own report.
 */
export function seedsReport(dir: string): string {
  const rows = loadRows(dir, 'seeds.csv');
  const seeds = [...new Set(rows.map((r) => Number(r.seed)))];
  const ids = [...new Set(rows.map((r) => String(r.target)))];
  const cell = (seed: number, id: string) =>
    rows.find((r) => Number(r.seed) === seed && String(r.target) === id);
  const verdict = seedsVerdict(seeds, ids, (seed, id) => Number(cell(seed, id)?.pass ?? 1) === 0);
  const seedLink = (s: number) =>
    `<th><a href="seed-${escapeHtml(s)}/report.html">seed ${escapeHtml(s)}</a></th>`;
  const head = `<tr><th>target</th><th>needed</th>${seeds.map(seedLink).join('')}<th>all seeds</th></tr>`;
  const body = ids.map((id) => {
    const threshold = seeds.map((s) => cell(s, id)?.threshold).find((t) => t !== undefined) ?? '';
    const cells = seeds.map((s) => {
      const r = cell(s, id);
      if (!r) return '<td class="num">–</td>';
      const pass = Number(r.pass) === 1;
      const interval =
        r.pass_rate_low === null || r.pass_rate_low === ''
          ? {}
          : { passRateLow: Number(r.pass_rate_low), passRateHigh: Number(r.pass_rate_high) };
      const text = seedCell({
        id,
        threshold: String(r.threshold),
        passRate: Number(r.pass_rate),
        pass,
        ...interval,
      });
      return `<td class="num${pass ? '' : ' fail'}">${escapeHtml(text)}</td>`;
    });
    const found = seeds.map((s) => cell(s, id)).filter((r) => r !== undefined);
    const pooled = pooledPassRate(
      found.map((r) => ({ runs: Number(r.runs), passRate: Number(r.pass_rate) })),
    );
    return (
      `<tr><td>${escapeHtml(id)}</td><td>${escapeHtml(threshold)}</td>${cells.join('')}<td ` +
      `class="num interval">${escapeHtml(pooled)}</td></tr>`
    );
  });
  const m = readManifest(join(dir, `seed-${seeds[0]}`));
  const s = m?.scenario;
  const what = s
    ? ` of '${escapeHtml(s.name)}': ${escapeHtml(s.replicates)} replicates of ` +
      `${escapeHtml(s.population.toLocaleString('en-US'))} firms per run set`
    : '';
  const shock = ids.includes('T9') ? readShock(join(dir, `seed-${seeds[0]}`)) : undefined;
  const shockLine = shock
    ? escapeHtml(` T9's shock: ${shockText(shock)} (validate-model's option --shock sets another).`)
    : '';
  const headHtml =
    `<h1>Validation across ${seeds.length} master ` +
    `seeds</h1><p>${escapeHtml('smesim validate-model --seeds')}${what}; seeds ` +
    `${escapeHtml(seeds.join(', '))}. Each seed's folder (seed-&lt;n&gt;) is a complete ` +
    `validation with its own report.${shockLine}</p>`;
  const section: Section = {
    title: 'Pass rates by master seed (the targets that decide the verdict)',
    reading: `${verdict}.`,
    html:
      `<table><thead>${head}</thead><tbody>${body.join('')}</tbody></table><p ` +
      `class="note">${escapeHtml(SEEDS_NOTE)}</p>`,
  };
  const foot = m ? software(m) : '';
  return renderPage(`smesim validation across seeds ${seeds.join(', ')}`, headHtml, [section], foot);
}
