/** The workbench's JSON API: each handler a thin call of what the CLI itself calls. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadRows } from '../../analysis/io.js';
import { isCostRow } from '../../analysis/verbs/costEffect.js';
import { detectableEffectSize } from '../../analysis/verbs/paired.js';
import { loadScenarioFile } from '../../sim/config/load.js';
import type { JobQueue } from './jobs.js';
import { comparisonResult, listComparisons } from './results.js';
import { saveScenario } from './saveAs.js';
import { type Changes, checkEdits, formFields, listScenarios, loadInFolder, valuesOf } from './scenarios.js';
import { HttpError, insideFolder } from './security.js';

/** Where the workbench reads and writes. */
export interface Folders {
  scenarioDir: string;
  outRoot: string;
}

/**
 * The baseline a scenario runs against: baseline.yaml of the
 * folder, else the file its `extends:` chain starts from.
 */
export function baselineOf(dir: string, file: string): string {
  if (existsSync(join(dir, 'baseline.yaml'))) return 'baseline.yaml';
  const chain = loadScenarioFile(insideFolder(dir, file)).files;
  const root = chain[chain.length - 1]!;
  return root.startsWith(dir) ? root.slice(dir.length + 1) : file;
}

/** A form's fields, the file's values and the baseline's, for the scenario page. */
function scenarioForm(dir: string, file: string) {
  const s = loadInFolder(dir, file);
  const baseline = baselineOf(dir, file);
  const b = loadInFolder(dir, baseline);
  return {
    file,
    name: s.name,
    description: s.description,
    baseline,
    replicates: b.replicates,
    fields: formFields(),
    values: valuesOf(s),
    baselineValues: valuesOf(b),
  };
}

/** Refuse to rewrite a scenario whose comparison is queued or running (its file is what that run reads). */
function notBusy(jobs: JobQueue, name: string): void {
  const busy = jobs.jobs.find((j) => j.policy === `${name}.yaml` && ['queued', 'running'].includes(j.state));
  if (busy)
    throw new HttpError(
      409,
      `${name} is being compared (${busy.folder}); wait for it, cancel it or choose another name`,
    );
}

/** A string field of a request body (HttpError 400 when missing). */
function text(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== 'string') throw new HttpError(400, `the request needs '${key}' as text`);
  return v;
}

/** The edits of a request body. */
function changesOf(body: Record<string, unknown>): Changes {
  const c = body.changes ?? {};
  if (typeof c !== 'object' || c === null || Array.isArray(c))
    throw new HttpError(400, "'changes' must be an object of field paths and values");
  return c as Changes;
}

/**
 * The detectable difference of n replicate pairs, as compare computes it (effect size × the sd of the paired
 * differences): in sd units, and as a range over the outcomes in % of the baseline when a finished
 * comparison of this name gives the spread.
 */
function detectable(f: Folders, n: number, file: string, name: string) {
  const effectSize = detectableEffectSize(n);
  if (!file || !Number.isFinite(effectSize)) return { n, effectSize };
  const baseName = loadInFolder(f.scenarioDir, baselineOf(f.scenarioDir, file)).name;
  const dir = join(f.outRoot, `compare-${baseName}-vs-${name}`);
  if (!/^[\w.-]+$/.test(name) || !existsSync(join(dir, 'compare.csv'))) return { n, effectSize };
  const shares = loadRows(dir, 'compare.csv')
    .filter((r) => !isCostRow(String(r.outcome)) && Number(r.baseline_mean) !== 0)
    .map((r) => (100 * effectSize * Number(r.diff_sd)) / Math.abs(Number(r.baseline_mean)))
    .filter(Number.isFinite);
  return shares.length === 0
    ? { n, effectSize }
    : {
        n,
        effectSize,
        percentLow: Math.min(...shares),
        percentHigh: Math.max(...shares),
        from: dir.slice(f.outRoot.length + 1),
      };
}

/** Answer a GET of the API. */
export function apiGet(route: string, url: URL, f: Folders, jobs: JobQueue): unknown {
  const q = (k: string) => url.searchParams.get(k) ?? '';
  switch (route) {
    case 'scenarios':
      return listScenarios(f.scenarioDir);
    case 'scenario':
      return scenarioForm(f.scenarioDir, q('file'));
    case 'detectable':
      return detectable(f, Number(q('n')), q('file'), q('name'));
    case 'jobs':
      return jobs.jobs;
    case 'comparisons':
      return listComparisons(f.outRoot);
    case 'result':
      return comparisonResult(f.outRoot, q('folder'));
  }
  throw new HttpError(404, `no such API: ${route.slice(0, 80)}`);
}

/** Answer a POST of the API. */
export function apiPost(route: string, body: Record<string, unknown>, f: Folders, jobs: JobQueue): unknown {
  const dir = f.scenarioDir;
  switch (route) {
    case 'check':
      return { problems: checkEdits(dir, text(body, 'file'), changesOf(body)).problems };
    case 'save':
      notBusy(jobs, text(body, 'name'));
      return {
        file: saveScenario(
          dir,
          text(body, 'file'),
          text(body, 'name'),
          text(body, 'description'),
          changesOf(body),
        ),
      };
    case 'run': {
      const replicates = Number(body.replicates);
      if (!Number.isInteger(replicates) || replicates < 1 || replicates > 1000)
        throw new HttpError(
          400,
          `replicates must be a whole number from 1 to 1000 (got ${String(body.replicates)})`,
        );
      notBusy(jobs, text(body, 'name'));
      const policy = saveScenario(
        dir,
        text(body, 'file'),
        text(body, 'name'),
        text(body, 'description'),
        changesOf(body),
      );
      const baseline = baselineOf(dir, text(body, 'file'));
      const baseName = loadInFolder(dir, baseline).name;
      return jobs.enqueue({
        baseline,
        policy,
        replicates,
        folder: `compare-${baseName}-vs-${text(body, 'name')}`,
      });
    }
    case 'resume': {
      const job = jobs.resume(text(body, 'folder'));
      if (!job) throw new HttpError(404, 'no comparison the workbench started in that folder');
      return job;
    }
    case 'cancel': {
      const job = jobs.cancel(text(body, 'folder'));
      if (!job) throw new HttpError(404, 'no queued or running comparison in that folder');
      return job;
    }
  }
  throw new HttpError(404, `no such API: ${route.slice(0, 80)}`);
}
