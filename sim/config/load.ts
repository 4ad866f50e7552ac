/**
 * Reading scenario files: YAML (with `extends:` chains) → merged object → validated Scenario.
 * Every problem is reported at once, as `file:line:col: field: what is wrong (got VALUE); how to fix`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { type Document, LineCounter, isMap, isScalar, parseDocument, stringify } from 'yaml';
import { fieldsAt, listParameters, paramAt, type ParamInfo } from './introspect.js';
import { closest, issueMessage, listElements, nearestFieldHint, show } from './messages.js';
import { packageRoot } from '../packageRoot.js';
import { type Scenario, scenarioSchema } from './scenario.js';
import { checkSweep } from './sweepCheck.js';
import { symbolHint } from './symbols.js';

/** One problem in a scenario file. */
export interface ScenarioProblem {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

/** Thrown when a scenario cannot be used; holds every problem found. */
export class ScenarioError extends Error {
  constructor(readonly problems: ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
  }
}

/** `file:line:col: path: message` (`file: path: message` when there is no line: a file that cannot be read, a `--set`). */
export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}${p.line > 0 ? `:${p.line}:${p.col}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** One file of an extends chain, parsed; or one `--set path=value` from the command line (`cli`, no lines to point at). */
export interface Layer {
  file: string;
  doc: Document;
  lines: LineCounter;
  cli?: boolean;
  /** A `--set`'s own path: the layer holds a whole list when the path picks an element, but only this is its own. */
  owns?: string[];
}

/** A validated scenario, the files it was read from (the file itself, then what it extends) and the `--set` overrides applied on top. */
export interface LoadedScenario {
  scenario: Scenario;
  files: string[];
  sets: string[];
  /** Things worth saying that are not errors (e.g. a file that sets no field at all). */
  notes: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge: groups merge field by field; everything else (values, lists) the child replaces. */
export function deepMerge(parent: Obj, child: Obj): Obj {
  const out: Obj = { ...parent };
  for (const [k, v] of Object.entries(child))
    out[k] = isObj(v) && isObj(out[k]) ? deepMerge(out[k] as Obj, v) : v;
  return out;
}

let PARAMS: Map<string, ParamInfo> | undefined;
/** Parameter facts by dotted path (array indexes removed). */
export function paramIndex(): Map<string, ParamInfo> {
  PARAMS ??= new Map(listParameters(scenarioSchema).map((p) => [p.path, p]));
  return PARAMS;
}

/** Parameter facts at a dotted path, which may pick list elements by number (`dynamism.shocks.0.magnitude`). */
export function paramInfo(path: string): ParamInfo | undefined {
  return paramIndex().get(path) ?? (/\.\d+(\.|$)/.test(path) ? paramAt(scenarioSchema, path) : undefined);
}

/**
 * Position of the node at `path` in the nearest layer that has it (child first), else of its nearest
 * ancestor. A layer that sets a list or a value somewhere above `path` replaces what the layers below
 * it have there (as deepMerge does), so those are not searched under it: a shock missing a field is
 * located in the file whose list of shocks is used, not in a parent's shock of the same number.
 */
export function locate(
  layers: Layer[],
  path: readonly PropertyKey[],
  key?: string,
): { file: string; line: number; col: number } {
  const nodeAt = (layer: Layer, sub: (string | number)[]) =>
    (sub.length === 0 ? layer.doc.contents : layer.doc.getIn(sub, true)) as
      { range?: [number, number] } | null | undefined;
  // a --set that changes one element of a list holds a copy of the whole list: it speaks only for its own
  // path, what lies under it and what holds it (a problem with the element's list), not for the element's
  // other fields, which a file wrote
  const within = (sub: (string | number)[], owns: string[], strictly: boolean) =>
    sub.length >= owns.length + (strictly ? 1 : 0) && owns.every((key, d) => String(sub[d]) === key);
  const speaksFor = (layer: Layer, sub: (string | number)[]) =>
    !layer.owns || within(sub, layer.owns, false) || sub.every((key, d) => String(key) === layer.owns![d]);
  /** Whether a layer sets something other than a group (a list, a value) at `prefix`: it replaces what lower layers have under it. */
  const setsWhole = (layer: Layer, prefix: (string | number)[]) => {
    const node = nodeAt(layer, prefix);
    return node != null && !isMap(node);
  };
  /** Whether a layer above k replaces what k has at sub. */
  const replaced = (k: number, sub: (string | number)[]) =>
    layers
      .slice(k + 1)
      .some((above) =>
        above.owns
          ? within(sub, above.owns, true)
          : sub.some((_, d) => d > 0 && setsWhole(above, sub.slice(0, d))),
      );
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth) as (string | number)[];
    for (let k = layers.length - 1; k >= 0; k--) {
      const layer = layers[k]!;
      if (!speaksFor(layer, sub) || replaced(k, sub)) continue;
      const node = nodeAt(layer, sub);
      if (!node || typeof node !== 'object' || !node.range) continue;
      let offset = node.range[0];
      if (key !== undefined && depth === path.length && isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && it.key.value === key);
        if (!pair) continue;
        offset = (pair.key as { range: [number, number] }).range[0];
      }
      if (layer.cli) return { file: layer.file, line: 0, col: 0 };
      const pos = layer.lines.linePos(offset);
      return { file: layer.file, line: pos.line, col: pos.col };
    }
  }
  const last = layers[layers.length - 1];
  return { file: last?.file ?? '?', line: 1, col: 1 };
}

/** The YAML files of a folder, sorted; undefined when the folder cannot be read. */
function yamlFiles(dir: string): string[] | undefined {
  try {
    return readdirSync(dir)
      .filter((n) => /\.ya?ml$/i.test(n))
      .sort();
  } catch {
    return undefined;
  }
}

/**
 * For a scenario file that is not there: the YAML files beside it that were probably meant (a typo, a
 * missing extension, the start of a longer name), as `; did you mean 'a' or 'b'?`, or where the folder
 * itself is missing, that; `meant` says whether any file was suggested.
 */
function nearbyScenarios(abs: string, shown: string): { meant: boolean; hint: string } {
  const names = yamlFiles(dirname(abs));
  if (names === undefined)
    return { meant: false, hint: `; the folder ${show(dirname(shown))} does not exist either` };
  const stem = basename(abs)
    .replace(/\.ya?ml$/i, '')
    .toLowerCase();
  const typo = closest(basename(abs), names);
  const longer = stem.length >= 3 ? names.filter((n) => n.toLowerCase().startsWith(stem)) : [];
  const hits = [...new Set([...(typo === undefined ? [] : [typo]), ...longer])].slice(0, 3);
  return {
    meant: hits.length > 0,
    hint:
      hits.length > 0 ? `; did you mean ${hits.map((n) => show(join(dirname(shown), n))).join(' or ')}?` : '',
  };
}

/**
 * For `extends:` naming a file that is not there: when smesim's own scenarios/ folder has a file of that
 * name, or a close one (a copied example that extends baseline.yaml, say), how to write the path to it.
 */
function builtInHint(abs: string, ext: string): string {
  const root = packageRoot();
  const dir = join(root, 'scenarios');
  const names = yamlFiles(dir) ?? [];
  const name = names.includes(basename(ext)) ? basename(ext) : closest(basename(ext), names);
  if (name === undefined) return '';
  const builtIn = join(dir, name);
  const inside = !relative(root, abs).startsWith('..'); // a file in the package's folder can point to it relatively
  return `; to build on smesim's own ${name}, write extends: ${inside ? relative(dirname(abs), builtIn) : builtIn}`;
}

/** Read a file and everything it extends; problems are collected, never thrown here. */
function readChain(
  abs: string,
  shown: string,
  chain: string[],
  layers: Layer[],
  problems: ScenarioProblem[],
): Obj | undefined {
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === 'EISDIR'
        ? 'it is a folder, not a file; give a scenario YAML file inside it'
        : `check the path and that the file exists${nearbyScenarios(abs, shown).hint}`;
    problems.push({
      file: shown,
      line: 0,
      col: 0,
      path: '',
      message: `cannot read the file (got path ${show(abs)}); ${why}`,
    });
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lines.linePos(e.pos[0]);
      const dup = e.code === 'DUPLICATE_KEY';
      const message = dup
        ? 'the same field is given twice in one group; keep only one of them'
        : `malformed YAML: ${e.message.split('\n')[0]}; check indentation (spaces, not tabs) and that each line is 'field: value'`;
      problems.push({ file: shown, line: pos.line, col: pos.col, path: '', message });
    }
    return undefined;
  }
  const layer: Layer = { file: shown, doc, lines };
  const data: unknown = doc.toJS() ?? {};
  if (!isObj(data)) {
    const start = lines.linePos((doc.contents as { range?: [number, number] } | null)?.range?.[0] ?? 0);
    problems.push({
      file: shown,
      line: start.line,
      col: start.col,
      path: '',
      message: `a scenario must be a set of 'field: value' lines (got ${show(data)})`,
    });
    return undefined;
  }
  const { extends: ext, ...own } = data;
  let merged: Obj = own;
  if (ext !== undefined) {
    const at = locate([layer], ['extends']);
    const parentAbs = typeof ext === 'string' ? resolve(dirname(abs), ext) : '';
    const parentShown = shownPath(parentAbs);
    if (typeof ext !== 'string') {
      problems.push({
        ...at,
        path: 'extends',
        message: `expected the path of another scenario file (got ${show(ext)}); write e.g. extends: baseline.yaml`,
      });
    } else if (parentAbs === abs || chain.includes(parentAbs)) {
      const cycle = [...chain, abs, parentAbs].map((f) => shownPath(f)).join(' → ');
      problems.push({
        ...at,
        path: 'extends',
        message: `extends goes round in a circle (got ${cycle}); remove one of these extends`,
      });
    } else if (!existsSync(parentAbs)) {
      const nearby = nearbyScenarios(parentAbs, ext);
      const hint = nearby.meant ? nearby.hint : nearby.hint + builtInHint(abs, ext);
      problems.push({
        ...at,
        path: 'extends',
        message: `no such file (got ${show(ext)}, looked for ${parentShown}); the path is relative to this file's folder${hint}`,
      });
    } else {
      const parent = readChain(parentAbs, parentShown, [...chain, abs], layers, problems);
      if (parent) merged = deepMerge(parent, own);
    }
  }
  layers.push(layer);
  return merged;
}

/**
 * One `--set path=value` as a layer on top of the file's chain: the value is read as YAML (so 2.2 is a
 * number, true a flag, [a, b] a list, {tick: 170, magnitude: 0.6} a group) at the dotted path, and is
 * then validated, and its problems reported, like a field written in the file. A number in the path
 * picks an element of a list the scenario already has (`dynamism.shocks.0.tick=150`, counting from 0,
 * as problems name it); the list is then set whole, with that element changed.
 */
function setLayer(
  arg: string,
  problems: ScenarioProblem[],
  current: Obj | undefined,
): { layer: Layer; data: Obj } | undefined {
  const file = `--set ${arg}`;
  const eq = arg.indexOf('=');
  const path = eq > 0 ? arg.slice(0, eq).trim().split('.') : [];
  const raw = arg.slice(eq + 1);
  const problem = (at: string, message: string) => {
    problems.push({ file, line: 0, col: 0, path: at, message });
    return undefined;
  };
  if (
    path.length === 0 ||
    !/^[A-Za-z_]\w*$/.test(path[0]!) ||
    path.some((k) => !/^([A-Za-z_]\w*|\d+)$/.test(k))
  ) {
    return problem(
      '',
      `expected a field's dotted path, '=' and a value (got ${show(arg)}); write e.g. --set sli.convergenceRate=2.2 (\`smesim describe\` lists every field)`,
    );
  }
  if (path[0] === 'extends')
    return problem(
      'extends',
      `cannot be set from the command line (got ${show(raw)}); write extends: in a scenario file and run that file`,
    );
  const valueDoc = parseDocument(`v: ${raw}\n`, { uniqueKeys: true, prettyErrors: false });
  const parsed: unknown = valueDoc.errors.length > 0 ? undefined : valueDoc.toJS();
  const value = isObj(parsed) && Object.keys(parsed).length === 1 ? parsed.v : undefined; // a line break in the value could add fields
  if (value === undefined)
    return problem(
      path.join('.'),
      `the value cannot be read (got ${show(raw)}); put text that holds ': ', '#' or quotes in quotes, e.g. --set name='my run'`,
    );
  const index = path.findIndex((k) => /^\d+$/.test(k));
  let top = path; // the path the layer sets: down to the first list, which is then set whole
  let topValue: unknown = value;
  if (index >= 0) {
    top = path.slice(0, index);
    const list = valueAt(current, top);
    if (!Array.isArray(list))
      return problem(
        top.join('.'),
        `is not a list in this scenario (got ${show(list)}), so '${path[index]}' picks nothing; set the whole field instead, e.g. --set '${top.join('.')}=…'`,
      );
    try {
      topValue = withValueAt(list, path.slice(index), value);
    } catch (err) {
      if (!(err instanceof NoSuchElement)) throw err;
      return problem(path.join('.'), `${err.message} (got ${show(raw)})`);
    }
  }
  const data: Obj = top.reduceRight<unknown>((v, k) => ({ [k]: v }), topValue) as Obj;
  const lines = new LineCounter();
  const doc = parseDocument(stringify(data), { lineCounter: lines });
  return { layer: { file, doc, lines, cli: true, owns: path }, data };
}

/** Why an indexed `--set` path picks nothing. */
class NoSuchElement extends Error {}

/** A copy of `target` with the value at `path` (list indexes as digits) replaced; NoSuchElement when an index is not in its list. */
function withValueAt(target: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string, ...string[]];
  if (!/^\d+$/.test(key)) {
    const obj = isObj(target) ? target : {};
    return { ...obj, [key]: withValueAt(obj[key], rest, value) };
  }
  if (!Array.isArray(target))
    throw new NoSuchElement(`'${key}' picks an element of a list, but this is not one (got ${show(target)})`);
  const k = Number(key);
  if (k >= target.length) {
    throw new NoSuchElement(
      `the list has ${listElements(target.length)}, so there is no element ${k}; to add one, set the whole list`,
    );
  }
  return target.map((v, j) => (j === k ? withValueAt(v, rest, value) : v));
}

/** Value at a path of a plain object. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Obj)[k as string] : undefined;
  return v;
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
        message: `exists only when ${variant} (got ${got}); set ${variant} or remove '${key}' (\`smesim describe\` lists every field).`,
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

/** A file as messages name it: relative to the working folder, or absolute when that is shorter (`/work/x.yaml`, not `../../work/x.yaml`). */
export function shownPath(abs: string, cwd = process.cwd()): string {
  const rel = relative(cwd, abs);
  return rel && rel.length <= abs.length ? rel : abs;
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
  problems.push(...checkSweep(data, layers));
  if (problems.length > 0)
    throw new ScenarioError(
      problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col),
    );
  const { extends: _ext, ...scenario } = result.data!;
  const notes =
    Object.keys(data).length === 0
      ? [
          `${file} sets no field, so every value is its default (scenario name '${scenario.name}'); if you meant to set some, check that the file was saved`,
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
