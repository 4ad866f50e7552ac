/** The report of a compare folder: the policies' differences from the baseline and their time series side by side. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { firmDifferences, timingDifferences } from '../../sim/config/scenario.js';
import { readManifest } from '../../sim/run/manifest.js';
import type { CompareRow } from '../figures/forest.js';
import { BASELINE_COLOUR, COLOURS } from '../figures/spec.js';
import { timeseriesFigure } from '../figures/timeseries.js';
import { loadRows, loadTable } from '../io.js';
import { aggregateByTick } from '../verbs/aggregate.js';
import { compareSections } from './compareSection.js';
import { type Section, escapeHtml, renderPage } from './html.js';
import { TIMESERIES_LABELS, outcomeLabel } from './labels.js';
import { footer } from './provenance.js';

/** What the bands of a time-series figure are: 95% bands over replicates, or none with one run each. */
const bandsNote = (series: { n: number }[]) =>
  series.some((r) => r.n > 1)
    ? 'Replicate means with 95% bands'
    : 'One run per scenario (a single replicate, so no bands)';

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

/** Sections of a compare directory (the forest plot, costs, scenario time series side by side), heading, footer. */
function compareParts(dir: string): { title: string; head: string; sections: Section[]; foot: string } {
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
  return { title: `smesim comparison: ${names.join(', ')}`, head, sections, foot: footer(base) };
}

/** The report of a compare directory. */
export function compareReport(dir: string): string {
  const { title, head, sections, foot } = compareParts(dir);
  return renderPage(title, head, sections, foot);
}

/** The sections of a compare directory's report (differences, costs, time series), for the workbench too. */
export function compareDirSections(dir: string): Section[] {
  return compareParts(dir).sections;
}
