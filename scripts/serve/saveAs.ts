/**
 * "Save as": a scenario file that `extends:` the file it was made from and holds only the changed fields,
 * each with its description and unit as a comment, as the example files have them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import { paramIndex } from '../../sim/config/paramIndex.js';
import { writeAtomic } from '../../sim/run/outputs.js';
import { type Changes, checkEdits, questionOf } from './scenarios.js';
import { HttpError, insideFolder } from './security.js';

/** The mark of a file the workbench wrote (the only files it replaces). */
export const MADE_HERE = 'made in the smesim workbench';

/** A scenario name that is also a safe file name. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/** A nested group of changed fields, built from dotted paths. */
type Tree = { [key: string]: Tree | unknown };

/** The value as written in the file: a list typed as YAML text becomes a list. */
function valueOf(v: unknown): unknown {
  return typeof v === 'string' && /^\s*\[/.test(v) ? parse(v) : v;
}

/** The lines of a group of fields at an indent, each field with its schema description and unit. */
function lines(tree: Tree, prefix: string, indent: string): string[] {
  const out: string[] = [];
  for (const key of Object.keys(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const v = tree[key];
    const info = paramIndex().get(path);
    const note = info?.description ? `  # ${info.description}${info.unit ? ` [${info.unit}]` : ''}` : '';
    const isGroup = typeof v === 'object' && v !== null && !Array.isArray(v);
    if (isGroup && Object.keys(v as Tree).length > 0) {
      out.push(`${indent}${key}:${note}`);
      out.push(...lines(v as Tree, path, `${indent}  `));
    } else
      out.push(
        `${indent}${key}: ${stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd()}${note}`,
      );
  }
  return out;
}

/** The text of the new scenario file. */
export function scenarioText(
  dir: string,
  parent: string,
  name: string,
  description: string,
  changes: Changes,
): string {
  const tree: Tree = {};
  for (const path of Object.keys(changes).sort()) {
    const keys = path.split('.');
    let node = tree;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Tree;
    const last = keys[keys.length - 1]!;
    const v = valueOf(changes[path]);
    node[last] = typeof v === 'object' && v !== null && !Array.isArray(v) ? (node[last] ?? v) : v;
  }
  const parentText = readFileSync(insideFolder(dir, parent), 'utf8');
  const head = [
    ...(existsSync(join(dir, 'scenario.schema.json'))
      ? ['# yaml-language-server: $schema=./scenario.schema.json']
      : []),
    `# ${name}: ${basename(parent)} with ${Object.keys(changes).length} field(s) changed, ${MADE_HERE}.`,
    `# Question: ${questionOf(parentText) || 'what does this change do, compared with the baseline?'}`,
    `name: ${name}`,
    ...(description ? [`description: ${stringify(description, { lineWidth: 0 }).trimEnd()}`] : []),
    `extends: ${relative(dirname(insideFolder(dir, `${name}.yaml`)), insideFolder(dir, parent))}`,
  ];
  return [...head, ...lines(tree, '', '')].join('\n') + '\n';
}

/**
 * Write `<name>.yaml` into the folder after checking it as `smesim check` would; refuses a bad name, a
 * file with mistakes (HttpError 422 with check's messages) and replacing a file the workbench did not write.
 */
export function saveScenario(
  dir: string,
  parent: string,
  name: string,
  description: string,
  changes: Changes,
): string {
  if (!NAME.test(name))
    throw new HttpError(
      400,
      `a scenario name is letters, digits, '.', '_' and '-' (at most 80), ` +
        `starting with a letter or digit (got '${name.slice(0, 80)}')`,
    );
  const file = `${name}.yaml`;
  const path = insideFolder(dir, file);
  if (file === parent) throw new HttpError(409, `give the new scenario another name than ${parent}`);
  if (existsSync(path) && !readFileSync(path, 'utf8').includes(MADE_HERE))
    throw new HttpError(409, `${file} exists and was not made in the workbench; choose another name`);
  const { problems } = checkEdits(dir, parent, changes);
  if (problems.length > 0) throw new HttpError(422, problems.map((p) => p.message).join('\n'));
  writeAtomic(path, scenarioText(dir, parent, name, description, changes));
  return file;
}
