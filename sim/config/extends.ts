/**
 * Reading a scenario file and the chain of files it `extends:`, into layers (for locating mistakes) and
 * one merged object; every problem is collected, none thrown.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { type Document, LineCounter, parseDocument, visit } from 'yaml';
import { type Obj, deepMerge, isObj } from './data.js';
import { type Layer, type ScenarioProblem, locate } from './locate.js';
import { brief, closest, show } from './messages.js';
import { packageRoot } from '../packageRoot.js';

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
export function readChain(
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
        : `malformed YAML: ${brief(e.message.split('\n')[0]!, 120)}; check indentation (spaces, not ` +
          `tabs) and that each line is 'field: value'`;
      problems.push({ file: shown, line: pos.line, col: pos.col, path: '', message });
    }
    return undefined;
  }
  const layer: Layer = { file: shown, doc, lines };
  const data = valueOf(doc, lines, shown, problems);
  if (data === undefined) return undefined;
  if (!isObj(data)) {
    const start = lines.linePos((doc.contents as { range?: [number, number] } | null)?.range?.[0] ?? 0);
    problems.push({
      file: shown,
      line: start.line,
      col: start.col,
      path: '',
      message: `a scenario must be a set of 'field: value' lines (got ${show(data)})`,
      notScenario: true,
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
        message:
          `no such file (got ${show(ext)}, looked for ${parentShown}); the path is relative to this ` +
          `file's folder${hint}`,
      });
    } else {
      const found: ScenarioProblem[] = [];
      const parent = readChain(parentAbs, parentShown, [...chain, abs], layers, found);
      if (parent) merged = deepMerge(parent, own);
      // a target that is no scenario at all (/etc/passwd, say) is this file's mistake, not the target's
      const notScenario = found.find((p) => p.notScenario && p.file === parentShown);
      if (notScenario)
        problems.push({
          ...at,
          path: 'extends',
          message:
            `${show(ext)} is not a scenario file (it holds no 'field: value' lines); extends must name ` +
            `a scenario YAML file, e.g. extends: baseline.yaml`,
        });
      problems.push(...found.filter((p) => p !== notScenario));
    }
  }
  layers.push(layer);
  return merged;
}

/** Most aliases a scenario file may expand: far more than any scenario needs, far fewer than an alias bomb. */
const MAX_ALIASES = 1000;

/**
 * A parsed file's value; undefined, with a problem at the first alias, when its aliases expand beyond
 * `MAX_ALIASES` (nested aliases that would grow exponentially: the YAML library refuses them with a throw).
 */
function valueOf(
  doc: Document,
  lines: LineCounter,
  shown: string,
  problems: ScenarioProblem[],
): unknown | undefined {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    let at = 0;
    visit(doc, {
      Alias(_, node) {
        at = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const pos = lines.linePos(at);
    problems.push({
      file: shown,
      line: pos.line,
      col: pos.col,
      path: '',
      message:
        `its aliases (*name) expand to more than ${MAX_ALIASES} copies, nested in one another; ` +
        `write the values out instead of nesting aliases`,
    });
    return undefined;
  }
}

/**
 * A file as messages name it: relative to the working folder, or absolute when that is shorter
 * (`/work/x.yaml`, not `../../work/x.yaml`).
 */
export function shownPath(abs: string, cwd = process.cwd()): string {
  const rel = relative(cwd, abs);
  return rel && rel.length <= abs.length ? rel : abs;
}
