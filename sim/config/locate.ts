/**
 * Where a mistake is: the problems of a scenario, the layers they can be in (each file of an `extends:`
 * chain, each `--set`) and the file, line and column that wrote the field a problem is about.
 */
import { type Document, type LineCounter, isMap, isScalar } from 'yaml';

/** One problem in a scenario file. */
export interface ScenarioProblem {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
  /** Set when the file is no scenario at all (not a set of fields), so that a file extending it can say so. */
  notScenario?: boolean;
}

/** Thrown when a scenario cannot be used; holds every problem found. */
export class ScenarioError extends Error {
  constructor(readonly problems: ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
  }
}

/**
 * `file:line:col: path: message` (`file: path: message` when there is no line: a file that cannot be read, a
 * `--set`).
 */
export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}${p.line > 0 ? `:${p.line}:${p.col}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/**
 * One file of an extends chain, parsed; or one `--set path=value` from the command line (`cli`, no lines to
 * point at).
 */
export interface Layer {
  file: string;
  doc: Document;
  lines: LineCounter;
  cli?: boolean;
  /** A `--set`'s own path: the layer holds a whole list when the path picks an element, but only this is its own. */
  owns?: string[];
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
  /**
   * Whether a layer sets something other than a group (a list, a value) at `prefix`: it replaces what lower
   * layers have under it.
   */
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
