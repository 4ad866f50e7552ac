/** `--set path=value` overrides: each is one more layer on top of a scenario file's chain. */
import { LineCounter, parseDocument, stringify } from 'yaml';
import { type Obj, isObj, valueAt } from './data.js';
import type { Layer, ScenarioProblem } from './locate.js';
import { listElements, show } from './messages.js';

/** A value, or undefined when the YAML library refuses it (aliases nested beyond its limit). */
function readable(toJS: () => unknown): unknown {
  try {
    return toJS();
  } catch (err) {
    if (err instanceof ReferenceError) return undefined;
    throw err;
  }
}

/**
 * One `--set path=value` as a layer on top of the file's chain: the value is read as YAML (so 2.2 is a
 * number, true a flag, [a, b] a list, {tick: 170, magnitude: 0.6} a group) at the dotted path, and is
 * then validated, and its problems reported, like a field written in the file. A number in the path
 * picks an element of a list the scenario already has (`dynamism.shocks.0.tick=150`, counting from 0,
 * as problems name it); the list is then set whole, with that element changed.
 */
export function setLayer(
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
      `expected a field's dotted path, '=' and a value (got ${show(arg)}); write e.g. --set ` +
        `sli.convergenceRate=2.2 (\`smesim describe\` lists every field)`,
    );
  }
  if (path[0] === 'extends')
    return problem(
      'extends',
      `cannot be set from the command line (got ${show(raw)}); write extends: in a scenario file and run that file`,
    );
  const valueDoc = parseDocument(`v: ${raw}\n`, { uniqueKeys: true, prettyErrors: false });
  const parsed: unknown =
    valueDoc.errors.length > 0 ? undefined : readable(() => valueDoc.toJS({ maxAliasCount: 1000 }));
  // a line break in the value could add fields
  const value = isObj(parsed) && Object.keys(parsed).length === 1 ? parsed.v : undefined;
  if (value === undefined)
    return problem(
      path.join('.'),
      `the value cannot be read (got ${show(raw)}); put text that holds ': ', '#' or quotes in ` +
        `quotes, e.g. --set name='my run'`,
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
        `is not a list in this scenario (got ${show(list)}), so '${path[index]}' picks nothing; ` +
          `set the whole field instead, e.g. --set '${top.join('.')}=…'`,
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

/**
 * A copy of `target` with the value at `path` (list indexes as digits) replaced; NoSuchElement when an index
 * is not in its list.
 */
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
