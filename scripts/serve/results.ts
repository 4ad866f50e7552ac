/** Past comparisons of the output folder and what the page shows of one: the report's sections and files. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadRows } from '../../analysis/io.js';
import { compareDirSections } from '../../analysis/report/comparePage.js';
import { readManifest } from '../../sim/run/manifest.js';
import { HttpError, insideFolder } from './security.js';

/** A comparison folder as the list shows it. */
export interface ComparisonEntry {
  folder: string;
  scenarios: string[];
  finished: boolean;
  /** Made by the workbench (it can resume it) rather than the CLI. */
  fromWorkbench: boolean;
  modified: string;
}

/** The comparison folders of the output root (finished or not), newest first. */
export function listComparisons(outRoot: string): ComparisonEntry[] {
  if (!existsSync(outRoot)) return [];
  return readdirSync(outRoot)
    .map((folder) => join(outRoot, folder))
    .filter((dir) => statSync(dir).isDirectory())
    .map((dir) => {
      const subs = readdirSync(dir).filter((d) => existsSync(join(dir, d, 'manifest.json')));
      const finished = existsSync(join(dir, 'compare.csv'));
      return {
        folder: dir.slice(outRoot.length + 1),
        scenarios: subs.map((d) => readManifest(join(dir, d))?.scenario.name ?? d),
        finished,
        fromWorkbench: existsSync(join(dir, 'workbench-job.json')),
        modified: statSync(finished ? join(dir, 'compare.csv') : dir).mtime.toISOString(),
        runSets: subs.length,
      };
    })
    .filter((c) => c.runSets > 0)
    .map(({ runSets: _runSets, ...c }) => c)
    .sort((a, b) => b.modified.localeCompare(a.modified));
}

/**
 * One finished comparison: the report's sections (forest plot, costs, time series, each with its reading),
 * compare.csv's rows and the files to link (the report, the tables, the scenario files).
 */
export function comparisonResult(outRoot: string, folder: string) {
  const dir = insideFolder(outRoot, folder);
  if (!existsSync(join(dir, 'compare.csv')))
    throw new HttpError(404, `${folder} has no compare.csv yet: the comparison has not finished`);
  const subs = readdirSync(dir).filter((d) => existsSync(join(dir, d, 'manifest.json')));
  const job = join(dir, 'workbench-job.json');
  const spec = existsSync(job) ? (JSON.parse(readFileSync(job, 'utf8')) as { policy?: string }) : {};
  return {
    folder,
    sections: compareDirSections(dir),
    rows: loadRows(dir, 'compare.csv'),
    files: [
      ...(existsSync(join(dir, 'report.html')) ? ['report.html'] : []),
      'compare.csv',
      ...subs.flatMap((d) => ['runs.csv', 'timeseries.csv'].map((f) => `${d}/${f}`)),
    ],
    scenarioFile: spec.policy,
  };
}
