/**
 * Building report.html from an output directory's files alone (manifest, tables, compare.csv,
 * validation.json). Works for a run set, a sweep and a compare directory.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { latestEntries, readLedger } from '../../sim/run/ledger.js';
import { firmDifferences, timingDifferences } from '../../sim/config/scenario.js';
import { readManifest, type Manifest } from '../../sim/run/manifest.js';
import { writeAtomic } from '../../sim/run/outputs.js';
import { BASELINE_COLOUR, COLOURS } from '../figures/spec.js';
import { timeseriesFigure } from '../figures/timeseries.js';
import type { CompareRow } from '../figures/forest.js';
import { loadRows, loadRowsBetween, loadTable } from '../io.js';
import { aggregateByTick } from '../verbs/aggregate.js';
import { pooledPassRate, seedCell, seedsVerdict } from '../validation/evaluate.js';
import { firstSnapshotTick } from '../verbs/exitsBy.js';
import { compareSections } from './compareSection.js';
import { type SweepOptions, sweepSections } from './sweepSection.js';
import { shockText, validationSection } from './validationSection.js';
import { TIMESERIES_LABELS, outcomeLabel } from './labels.js';
import { type Section, escapeHtml, renderPage } from './html.js';
import {
  EXIT_HORIZON,
  cooperationSections,
  exitSections,
  keyNumbers,
  sliSections,
  timeSeriesSections,
} from './runset.js';

/** What the bands of a time-series figure are: 95% bands over replicates, or none with one run each. */
const bandsNote = (series: { n: number }[]) =>
  series.some((r) => r.n > 1)
    ? 'Replicate means with 95% bands'
    : 'One run per scenario (a single replicate, so no bands)';

/** How to read the table of pass rates by master seed. */
const SEEDS_NOTE =
  "Each cell is the share of a seed's replicate runs in which the target holds; 'FAIL' marks a pass rate " +
  "that misses the threshold; '*' a close call, where the seed's 95% interval holds the threshold, so " +
  "another set of replicates could decide it the other way. 'All seeds' pools every seed's runs, with " +
  "Wilson's 95% interval: it decides nothing, and says what the seeds show together. seeds.csv has the " +
  "numbers; each seed's report (linked above) has the reference rows, the paper-scale sample and the figures.";

/** Options of a report. */
export interface ReportOptions {
  /** Sweep outcome for responses, sensitivity and PRIM (a runs.csv column). */
  sweepOutcome?: string;
  /** PRIM threshold on that outcome. */
  primThreshold?: number;
}

/** What a shard's report holds: its share of the plan (every count-th run, from its index), not the whole. */
function shardNote(runs: number, shard: { index: number; count: number }): string {
  const mine = Math.max(0, Math.ceil((runs - shard.index + 1) / shard.count));
  return (
    `; this folder is shard ${escapeHtml(shard.index)}/${escapeHtml(shard.count)}, and this ` +
    `report shows only its ${escapeHtml(mine)} run${mine === 1 ? '' : 's'} (smesim merge joins ` +
    `the shards and writes the report of them all)`
  );
}

/** Header: what was run, with provenance from the manifest. Every value escaped. */
function header(m: Manifest, extra = ''): string {
  const s = m.scenario;
  const sweep = s.sweep
    ? `, a ${s.sweep.design} sweep over ${s.sweep.parameters.map((p) => p.name).join(', ')}`
    : '';
  return [
    `<h1>${escapeHtml(s.name)}</h1>`,
    s.description ? `<p>${escapeHtml(s.description)}</p>` : '',
    `<p>What was run: ${escapeHtml(m.runs)} run${m.runs === 1 ? '' : 's'} ` +
      `(${escapeHtml(s.replicates)} replicate${s.replicates === 1 ? '' : 's'}${escapeHtml(sweep)}) ` +
      `of ${escapeHtml(s.population.toLocaleString('en-US'))} firms × ${escapeHtml(s.ticks)} ` +
      `quarters, master seed ${escapeHtml(s.seed)}${m.shard ? shardNote(m.runs, m.shard) : ''}.${extra}</p>`,
  ].join('\n');
}

function footer(m: Manifest): string {
  return [
    `smesim ${escapeHtml(m.version)}${m.gitCommit ? ` (commit ${escapeHtml(m.gitCommit.slice(0, 10))})` : ''}, ` +
      `Node ${escapeHtml(m.node)}.`,
    `Scenario file${m.scenarioFiles.length === 1 ? '' : 's'}: ` +
      `${m.scenarioFiles.map((f) => `<code>${escapeHtml(f)}</code>`).join(' → ') || '–'}.`,
    `Scenario hash <code>${escapeHtml(m.scenarioHash.slice(0, 12))}</code>, plan hash ` +
      `<code>${escapeHtml(m.planHash.slice(0, 12))}</code>.`,
    `Started ${escapeHtml(m.started)}${m.finished ? `, finished ${escapeHtml(m.finished)}` : ''}.`,
    'Every run can be re-run exactly with <code>smesim replay &lt;this folder&gt; &lt;run id&gt;</code>.',
  ].join(' ');
}

/**
 * "Who exits after quarter T" for a run set with snapshots and exits (none without either: scenarios
 * ask for snapshots, and may leave exits out); only the exits in the horizon the figure shows are read.
 * When exits.csv starts later than the quarter after T (outputs.exitsFrom), the figure would undercount
 * them: a note says so instead.
 */
function exitSectionsOf(dir: string, ticks: number, context = ''): Section[] {
  if (!existsSync(join(dir, 'snapshots.csv')) || !existsSync(join(dir, 'exits.csv'))) return [];
  // the folder's own scenario (validate-model's shock variant has one); absent in run sets written before the
  // field existed
  const exitsFrom = readManifest(dir)?.scenario.outputs.exitsFrom ?? 0;
  const snapshots = loadRows(dir, 'snapshots.csv');
  const first = firstSnapshotTick(snapshots);
  if (first + 1 < exitsFrom) {
    return [
      {
        title: `${context ? `${context}who` : 'Who'} exits after quarter ${first}`,
        reading:
          `Not shown: exits.csv holds the exits from quarter ${exitsFrom} on (outputs.exitsFrom), ` +
          `and the figure needs them from quarter ${first + 1}, the one after the first snapshot. ` +
          `Set outputs.exitsFrom to at most ${first + 1} to see it.`,
      },
    ];
  }
  const exits = Number.isFinite(first)
    ? loadRowsBetween(dir, 'exits.csv', 'tick', first + 1, first + EXIT_HORIZON)
    : [];
  return exitSections(snapshots, exits, ticks, context);
}

/** Sections of one run set directory. */
function runSetSections(dir: string, m: Manifest, opts: ReportOptions): Section[] {
  const runs = loadTable(dir, 'runs.csv');
  if (runs.numRows() === 0)
    return [
      {
        title: 'No results',
        reading: 'No run of this set finished successfully; see ledger.jsonl for the errors.',
      },
    ];
  const survey = loadRows(dir, 'survey.csv');
  const sweep = m.scenario.sweep;
  const swept = sweep !== undefined && existsSync(join(dir, 'design.csv'));
  const sections = [
    keyNumbers(runs, m.scenario.surveyWindow, swept),
    ...timeSeriesSections(loadTable(dir, 'timeseries.csv'), m.scenario.burnIn),
    ...cooperationSections(survey),
    ...sliSections(survey),
  ];
  sections.push(...exitSectionsOf(dir, m.scenario.ticks));
  if (sweep && swept) {
    // what a sweep is run for comes first; the pooled sections follow
    const sweepOpts: SweepOptions = {
      outcome: opts.sweepOutcome ?? 'inno_product',
      threshold: opts.primThreshold,
    };
    sections.unshift(
      ...sweepSections(
        runs.objects() as Record<string, unknown>[],
        loadRows(dir, 'design.csv'),
        sweep.parameters.map((p) => p.name),
        sweep.design,
        sweepOpts,
      ),
    );
  }
  if (existsSync(join(dir, 'validation.json'))) {
    // the verdict is what a validation's reader opens the report for: it comes first
    sections.unshift(validationSection(JSON.parse(readFileSync(join(dir, 'validation.json'), 'utf8'))));
    sections.push(
      ...exitSectionsOf(join(dir, 'variants', 'shock'), m.scenario.ticks, 'Shock variant (T9): '),
    );
  }
  return sections;
}

/**
 * Where the scenarios' lines part from the baseline's: with common random numbers a policy changes nothing
 * before it acts, so every line is the baseline's (which is drawn last and hides them) up to the first
 * quarter in which some scenario's mean differs. Empty when they differ from the first quarter.
 */
function partingNote(series: { tick: number; outcome: string; mean: number }[], baseDir: string): string {
  const base = new Map(series.filter((r) => r.outcome === baseDir).map((r) => [r.tick, r.mean]));
  const ticks = series.filter((r) => r.outcome !== baseDir && r.mean !== base.get(r.tick)).map((r) => r.tick);
  if (ticks.length === 0) return " Every scenario's line is the same as the baseline's in every quarter.";
  const first = Math.min(...ticks);
  return first === 0
    ? ''
    : ` Up to quarter ${first - 1} every scenario's line is the same as the baseline's, which is ` +
        `drawn over them; they part from quarter ${first} on.`;
}

/** Sections of a compare directory: the forest plot, then scenario time series side by side. */
function compareReport(dir: string): string {
  const rows = loadRows(dir, 'compare.csv') as unknown as CompareRow[];
  const names = [...new Set(rows.map((r) => String(r.policy)))];
  const subdirs = readdirSync(dir).filter((d) => existsSync(join(dir, d, 'manifest.json')));
  const manifests = subdirs.map((d) => readManifest(join(dir, d))!);
  const base = manifests.find((m) => !names.includes(m.scenario.name)) ?? manifests[0]!;
  const timeseries = new Map(subdirs.map((d) => [d, loadTable(join(dir, d), 'timeseries.csv')]));
  // The policies in the order they were given, in the forest plot's colours, and the baseline in grey, drawn
  // last so that it shows where the scenarios have not parted yet, and listed first.
  const baseDir = subdirs[manifests.indexOf(base)]!;
  const policyDirs = names
    .map((n) => subdirs.find((d, k) => manifests[k]!.scenario.name === n))
    .filter((d): d is string => d !== undefined && d !== baseDir);
  const ordered = [...policyDirs, baseDir];
  const legend = Object.fromEntries(
    ordered.map((d) => [d, d === baseDir && !/baseline/i.test(d) ? `${d} (baseline)` : d]),
  );
  const style = {
    colours: Object.fromEntries([
      ...policyDirs.map((d, k) => [d, COLOURS[k % COLOURS.length]!]),
      [baseDir, BASELINE_COLOUR],
    ]),
    legendRank: Object.fromEntries(ordered.map((d, k) => [d, d === baseDir ? 1 : 2 + k])),
  };
  // common random numbers give the same firms only to scenarios with the baseline's population
  const others = manifests
    .filter((m) => firmDifferences(m.scenario, base.scenario).length > 0)
    .map((m) => m.scenario.name);
  const otherClock = manifests
    .filter((m) => timingDifferences(m.scenario, base.scenario).length > 0)
    .map((m) => m.scenario.name);
  const sections = compareSections(rows, others, otherClock);
  const shared =
    others.length === 0
      ? 'all scenarios share their worlds replicate by replicate, so gaps between lines come from the policies'
      : `scenarios share their technology and environment replicate by replicate, but ` +
        `${others.join(', ')} ${others.length === 1 ? 'has' : 'have'} other firms than the ` +
        `baseline (population, regions or sectors differ), so ` +
        `${others.length === 1 ? 'its' : 'their'} gaps come from that too`;
  for (const [outcome, unit] of [
    ['inno_product', 'share of firms'],
    ['coop_share', 'share of firms'],
    ['mean_sli', 'mean depth (0–1)'],
  ] as const) {
    const series = ordered.flatMap((d) =>
      aggregateByTick(timeseries.get(d)!, [outcome]).map((r) => ({ ...r, outcome: d })),
    );
    const label = outcomeLabel(outcome, TIMESERIES_LABELS);
    const parted = others.length === 0 && otherClock.length === 0 ? partingNote(series, baseDir) : '';
    sections.push({
      title: `${label[0]!.toUpperCase()}${label.slice(1)}, by scenario`,
      reading: `${bandsNote(series)}; ${shared} (the shaded start is the burn-in).${parted}`,
      figure: timeseriesFigure(series, legend, label, unit, base.scenario.burnIn, style),
    });
  }
  const list = manifests.map((m) => escapeHtml(m.scenario.name)).join(', ');
  // each scenario's own report (written before this one), linked relative to this folder, baseline first
  const own = [baseDir, ...policyDirs].map((d) =>
    existsSync(join(dir, d, 'report.html'))
      ? `<a href="${encodeURI(d)}/report.html">${escapeHtml(d)}</a>`
      : escapeHtml(d),
  );
  const head =
    `<h1>Comparison: ${list}</h1><p>Baseline: ${escapeHtml(base.scenario.name)}. ` +
    `${escapeHtml(base.scenario.replicates)} ` +
    `replicate${base.scenario.replicates === 1 ? '' : 's'} each, master seed ` +
    `${escapeHtml(base.scenario.seed)} (common random numbers). Each scenario has its own ` +
    `folder and report, with its key numbers, the integration curve and, where it takes a ` +
    `snapshot, who exits after it: ${own.join(', ')}.</p>`;
  return renderPage(`smesim comparison: ${names.join(', ')}`, head, sections, footer(base));
}

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
function seedsReport(dir: string): string {
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
  const foot = m
    ? `smesim ${escapeHtml(m.version)}${m.gitCommit ? ` (commit ${escapeHtml(m.gitCommit.slice(0, 10))})` : ''}, ` +
      `Node ${escapeHtml(m.node)}.`
    : '';
  return renderPage(`smesim validation across seeds ${seeds.join(', ')}`, headHtml, [section], foot);
}

/** Build the report of an output directory as an HTML string. */
export function buildReport(dir: string, opts: ReportOptions = {}): string {
  if (existsSync(join(dir, 'compare.csv'))) return compareReport(dir);
  if (existsSync(join(dir, 'seeds.csv'))) return seedsReport(dir);
  const m = readManifest(dir);
  if (!m) {
    const runSets =
      existsSync(dir) && statSync(dir).isDirectory()
        ? readdirSync(dir)
            .filter((f) => existsSync(join(dir, f, 'manifest.json')))
            .sort()
        : [];
    if (runSets.length > 0)
      throw new Error(
        `${dir} holds the run sets of a compare that has not finished (${runSets.join(', ')}; no ` +
          `compare.csv yet); run the compare again, which resumes and writes compare.csv and the ` +
          `report`,
      );
    throw new Error(
      `${dir} has no manifest.json: give the output directory of smesim run, sweep, compare or validate-model`,
    );
  }
  if (!m.finished && !existsSync(join(dir, 'runs.csv'))) {
    const recorded = latestEntries(readLedger(dir)).size;
    const of = m.shard
      ? `runs recorded for shard ${m.shard.index}/${m.shard.count} of a ${m.runs}-run plan`
      : `of ${m.runs} runs recorded`;
    throw new Error(
      `${dir} has no tables yet: its run set has not finished (${recorded} ${of}); run the ` +
        `command that made it again, which resumes, merges the tables and writes the report`,
    );
  }
  return renderPage(`smesim report: ${m.scenario.name}`, header(m), runSetSections(dir, m, opts), footer(m));
}

/** Write report.html into the directory; returns its path. */
export function writeReport(dir: string, opts: ReportOptions = {}): string {
  const path = join(dir, 'report.html');
  writeAtomic(path, buildReport(dir, opts));
  return path;
}
