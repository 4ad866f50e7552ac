/**
 * Building report.html from an output directory's files alone (manifest, tables, compare.csv,
 * validation.json). Works for a run set, a sweep and a compare directory.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { latestEntries, readLedger } from '../../sim/run/ledger.js';
import { readManifest, type Manifest } from '../../sim/run/manifest.js';
import { writeAtomic } from '../../sim/run/outputs.js';
import { loadRows, loadRowsBetween, loadTable } from '../io.js';
import { firstSnapshotTick } from '../verbs/exitsBy.js';
import { compareReport } from './comparePage.js';
import { footer, header } from './provenance.js';
import { seedsReport } from './seedsReport.js';
import { type SweepOptions, sweepSections } from './sweepSection.js';
import { validationSection } from './validationSection.js';
import { levelsSection } from './levelsSection.js';
import { type Section, renderPage } from './html.js';
import {
  EXIT_HORIZON,
  cooperationSections,
  exitSections,
  keyNumbers,
  sliSections,
  timeSeriesSections,
} from './runset.js';

/** Options of a report. */
export interface ReportOptions {
  /** Sweep outcome for responses, sensitivity and PRIM (a runs.csv column). */
  sweepOutcome?: string;
  /** PRIM threshold on that outcome. */
  primThreshold?: number;
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
  const levels = levelsSection(survey);
  const sections = [
    keyNumbers(runs, m.scenario.surveyWindow, swept),
    ...(levels ? [levels] : []),
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
