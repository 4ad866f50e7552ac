/**
 * The scenario files of the served folder as the workbench shows them: the list with each file's question,
 * a file's fields as a form (from the schema, as `describe` gives them), and checking edits with the loader
 * `smesim check` uses, so the page shows check's own messages.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { valueAt } from '../../sim/config/data.js';
import { type ParamInfo, listParameters } from '../../sim/config/introspect.js';
import { ScenarioError, formatProblem, loadScenarioFile } from '../../sim/config/load.js';
import { type Scenario, scenarioSchema } from '../../sim/config/scenario.js';
import { HttpError, insideFolder } from './security.js';

/** A scenario file as the start page lists it. */
export interface ScenarioEntry {
  file: string;
  name: string;
  question: string;
  description: string;
  /** check's message when the file does not load. */
  error?: string;
}

/** Fields the form leaves out: set elsewhere on the page (name, replicates) or not for a comparison. */
const NOT_IN_FORM = /^(\$schema|extends|name|description|replicates|sweep)(\.|$)/;

/** The question a file's header comment states (`# Question: …`), else its first comment line. */
export function questionOf(text: string): string {
  const header = text.split('\n').filter((l) => l.startsWith('# ') && !l.includes('yaml-language-server'));
  const q = header.find((l) => l.startsWith('# Question:'));
  return (q ?? header[0] ?? '# ').slice(2).replace(/^Question:\s*/, '');
}

/** The YAML scenario files of the folder (not in subfolders), with their questions; a broken one says why. */
export function listScenarios(dir: string): ScenarioEntry[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => {
      const question = questionOf(readFileSync(join(dir, file), 'utf8'));
      try {
        const s = loadScenarioFile(join(dir, file)).scenario;
        return { file, name: s.name, question, description: s.description, sweep: s.sweep !== undefined };
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        return { file, name: file, question, description: '', error: err.message, sweep: false };
      }
    })
    .filter((e) => !e.sweep) // a sweep is not compared with a baseline
    .map(({ sweep: _sweep, ...e }) => e);
}

/** The schema's fields in the form's order: policy levers, then dynamism, then the rest (folded). */
export function formFields(): (ParamInfo & { section: 'policies' | 'dynamism' | 'more' })[] {
  const all = listParameters(scenarioSchema).filter((p) => !NOT_IN_FORM.test(p.path));
  const section = (p: ParamInfo): 'policies' | 'dynamism' | 'more' =>
    p.path.startsWith('policies') ? 'policies' : p.path.startsWith('dynamism') ? 'dynamism' : 'more';
  const rank = { policies: 0, dynamism: 1, more: 2 } as const;
  // sort is stable: schema order within each section
  return all.map((p) => ({ ...p, section: section(p) })).sort((a, b) => rank[a.section] - rank[b.section]);
}

/** Every field's value in a scenario, by dotted path (groups: whether they are there). */
export function valuesOf(s: Scenario): Record<string, unknown> {
  return Object.fromEntries(
    formFields().map((p) => {
      const v = valueAt(s, p.path.split('.'));
      return [p.path, p.kind === 'group' ? v !== undefined : v];
    }),
  );
}

/** A scenario file of the folder, loaded (HttpError 404/422 when it is not there or not valid). */
export function loadInFolder(dir: string, file: string): Scenario {
  const path = insideFolder(dir, file);
  try {
    return loadScenarioFile(path).scenario;
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const missing = err.problems.some((p) => /does not exist|cannot be read|not there/.test(p.message));
    throw new HttpError(missing ? 404 : 422, err.message);
  }
}

/** Edits of a form: dotted path → value (a list may come as YAML text, as typed). */
export type Changes = Record<string, unknown>;

/** An edit as `smesim check --set` takes it: `path=value` in YAML flow style. */
export function setArg(path: string, value: unknown): string {
  const text =
    typeof value === 'string' && /^\s*\[/.test(value)
      ? value
      : stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();
  return `${path}=${text}`;
}

/** One problem of an edited scenario: the field and `smesim check`'s message. */
export interface CheckProblem {
  path: string;
  message: string;
}

/**
 * Check a file with edits on top, through the loader `smesim check FILE --set …` uses: its problems, each
 * with check's message, or the scenario when there are none. A group switched on arrives as `{}`.
 */
export function checkEdits(
  dir: string,
  file: string,
  changes: Changes,
): { scenario?: Scenario; problems: CheckProblem[] } {
  const path = insideFolder(dir, file);
  // a group switched on ('policies.training': {}) before the fields set in it
  const sets = Object.keys(changes)
    .sort()
    .map((p) => setArg(p, changes[p]));
  try {
    return { scenario: loadScenarioFile(path, sets).scenario, problems: [] };
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    return {
      problems: err.problems.map((p) => ({
        path: p.path,
        message: formatProblem(p).replace(`${path}`, file),
      })),
    };
  }
}
