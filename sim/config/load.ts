/**
 * Reading scenario files: YAML (with `extends:` chains) → merged object → validated Scenario.
 * Every problem is reported at once, as `file:line:col: field: what is wrong (got VALUE); how to fix`.
 */
import { resolve } from 'node:path';
import { deepMerge, valueAt } from './data.js';
import { readChain } from './extends.js';
import { fieldsAt } from './introspect.js';
import { type Layer, type ScenarioProblem, ScenarioError, locate } from './locate.js';
import { closest, issueMessage, nearestFieldHint } from './messages.js';
import { setLayer } from './overrides.js';
import { paramIndex, paramInfo } from './paramIndex.js';
import { type Scenario, scenarioSchema } from './scenario.js';
import { checkSweep } from './sweepCheck.js';
import { checkCalibrate } from './calibrateCheck.js';
import { symbolHint } from './symbols.js';

export { ScenarioError, formatProblem, type ScenarioProblem } from './locate.js';
export { shownPath } from './extends.js';
export { valueAt } from './data.js';

/**
 * A validated scenario, the files it was read from (the file itself, then what it extends) and the `--set`
 * overrides applied on top.
 */
export interface LoadedScenario {
  scenario: Scenario;
  files: string[];
  sets: string[];
  /** Things worth saying that are not errors (e.g. a file that sets no field at all). */
  notes: string[];
}

/** Problems for unrecognised fields: one per field, at the field's own line, with a suggestion. */
function unknownFieldProblems(
  parent: readonly PropertyKey[],
  keys: string[],
  layers: Layer[],
  data: unknown,
): ScenarioProblem[] {
  const allowed = fieldsAt(scenarioSchema, parent as (string | number)[]).filter((k) => k !== '$schema');
  const everywhere = [...paramIndex().keys()];
  return keys.map((key) => {
    const path = [...parent, key].join('.');
    const variant = paramIndex().get(
      [...parent.filter((k) => typeof k === 'string'), key].join('.'),
    )?.onlyWhen;
    if (variant && allowed.includes(key)) {
      const [tagKey] = variant.split(':');
      const chosen = valueAt(data, [...parent, tagKey!]);
      const fallback = paramIndex().get(
        [...parent.filter((k) => typeof k === 'string'), tagKey].join('.'),
      )?.default;
      const got =
        chosen !== undefined
          ? `${tagKey} '${String(chosen)}'`
          : fallback !== undefined
            ? `no ${tagKey}, so ${String(fallback)}`
            : `no ${tagKey}`;
      return {
        ...locate(layers, parent, key),
        path,
        message:
          `exists only when ${variant} (got ${got}); set ${variant} or remove '${key}' (\`smesim ` +
          `describe\` lists every field).`,
      };
    }
    const near = closest(key, allowed);
    const elsewhere = everywhere.find((p) => p.endsWith(`.${key}`) || p === key);
    const symbol = symbolHint(key, paramIndex().values());
    // misspelt and in the wrong place ('trainig' at the top): the field of the nearest name, wherever it lives
    const far = near || elsewhere ? undefined : nearestFieldHint(key, everywhere);
    const hint = symbol
      ? `${symbol}: write that field instead${near ? `, or did you mean '${near}'?` : '.'}`
      : near
        ? `did you mean '${near}'?`
        : elsewhere
          ? `it belongs under '${elsewhere.slice(0, elsewhere.lastIndexOf('.'))}' (${elsewhere}).`
          : (far ?? `fields allowed here: ${allowed.join(', ')}.`);
    return {
      ...locate(layers, parent, key),
      path,
      message: `is not a field (got '${key}'); ${hint} Otherwise remove it (\`smesim describe\` lists every field).`,
    };
  });
}

/**
 * Read, merge and validate a scenario file and what it extends, with `--set path=value` overrides on
 * top (later ones win). Throws ScenarioError listing every problem.
 */
export function loadScenarioFile(file: string, sets: string[] = []): LoadedScenario {
  const layers: Layer[] = [];
  const problems: ScenarioProblem[] = [];
  let data = readChain(resolve(file), file, [], layers, problems);
  for (const arg of sets) {
    const set = setLayer(arg, problems, data);
    if (!set || !data) continue;
    layers.push(set.layer);
    data = deepMerge(data, set.data);
  }
  if (!data || problems.length > 0) throw new ScenarioError(problems);
  const result = scenarioSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        problems.push(...unknownFieldProblems(issue.path, issue.keys, layers, data));
        continue;
      }
      const info = paramInfo(issue.path.join('.'));
      const message =
        issue.code === 'custom' ? issue.message : issueMessage(issue, valueAt(data, issue.path), info);
      problems.push({ ...locate(layers, issue.path), path: issue.path.join('.'), message });
    }
  }
  problems.push(...checkSweep(data, layers), ...checkCalibrate(data, layers));
  if (problems.length > 0)
    throw new ScenarioError(
      problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col),
    );
  const { extends: _ext, ...scenario } = result.data!;
  const notes =
    Object.keys(data).length === 0
      ? [
          `${file} sets no field, so every value is its default (scenario name '${scenario.name}'); ` +
            `if you meant to set some, check that the file was saved`,
        ]
      : [];
  return {
    scenario: scenario as Scenario,
    files: layers
      .filter((l) => !l.cli)
      .map((l) => l.file)
      .reverse(),
    sets,
    notes,
  };
}

/** Read and validate a scenario file. */
export function loadScenario(file: string): Scenario {
  return loadScenarioFile(file).scenario;
}
