/**
 * Checks of a sweep block that the schema cannot express: names must be numeric parameters, ranges must
 * fit. Works on the raw (merged, unvalidated) data so its problems are reported with all the others.
 */
import { type Obj, valueAt } from './data.js';
import { type Layer, type ScenarioProblem, locate } from './locate.js';
import { paramIndex, paramInfo } from './paramIndex.js';
import { symbolHint } from './symbols.js';
import { closest, listElements, show } from './messages.js';

/** Top-level numbers that are not model parameters and make no sense to sweep. */
const NOT_SWEEPABLE = new Set(['seed', 'replicates']);

/** Whether a field can be swept: a number that is a model parameter. */
const sweepable = (p: { kind: string; path: string }) =>
  (p.kind === 'number' || p.kind === 'integer') &&
  !NOT_SWEEPABLE.has(p.path) &&
  !p.path.startsWith('sweep.') &&
  !p.path.startsWith('calibrate.');

/**
 * The numeric parameters a sweep may vary, by dotted path (besides fields of list elements, e.g.
 * dynamism.shocks.0.magnitude).
 */
export function sweepableParameters(): string[] {
  return [...paramIndex().values()].filter(sweepable).map((p) => p.path);
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** Problems with the sweep block (none when there is no well-formed list of parameters to check). */
export function checkSweep(data: Obj, layers: Layer[]): ScenarioProblem[] {
  const sweep = data.sweep as Obj | undefined;
  if (!sweep || typeof sweep !== 'object' || !Array.isArray(sweep.parameters)) return [];
  const design = sweep.design;
  const schedule = ((data.dynamism as Obj | undefined)?.schedule as string | undefined) ?? 'constant';
  const problems: ScenarioProblem[] = [];
  const numeric = sweepableParameters();
  const seen = new Set<string>();
  (sweep.parameters as unknown[]).forEach((raw, i) => {
    if (!raw || typeof raw !== 'object' || typeof (raw as Obj).name !== 'string') return; // the schema reports it
    const p = raw as Obj;
    const name = p.name as string;
    const at = (field: string) => ({
      ...locate(layers, ['sweep', 'parameters', i, field]),
      path: `sweep.parameters.${i}.${field}`,
    });
    const info = paramInfo(name);
    if (seen.has(name))
      problems.push({
        ...at('name'),
        message: `is swept twice (got ${show(name)}); keep one entry per parameter`,
      });
    seen.add(name);
    if (!info) {
      const symbol = symbolHint(name, paramIndex().values());
      const near = closest(name, numeric);
      problems.push({
        ...at('name'),
        message:
          `is not a parameter (got ${show(name)}); ` +
          `${symbol ? `${symbol}; ` : near ? `did you mean '${near}'? ` : ''}\`smesim describe\` ` +
          `lists every parameter`,
      });
      return;
    }
    if (!sweepable(info)) {
      problems.push({
        ...at('name'),
        message:
          `is not a numeric parameter (got ${show(name)}, which is ` +
          `${info.kind === 'group' ? 'a group of fields' : `a ${info.kind}`}); only numbers can be ` +
          `swept`,
      });
      return;
    }
    const keys = name.split('.');
    const index = keys.findIndex((k) => /^\d+$/.test(k));
    if (index >= 0) {
      const listPath = keys.slice(0, index);
      const list = valueAt(data, listPath);
      const k = Number(keys[index]);
      const length = Array.isArray(list) ? list.length : 0;
      if (k >= length) {
        problems.push({
          ...at('name'),
          message:
            `picks element ${k} of ${listPath.join('.')}, which has ${listElements(length)} (got ` +
            `${show(name)}); sweep an element the scenario has`,
        });
        return;
      }
    }
    if (info.onlyWhen && `schedule: ${schedule}` !== info.onlyWhen) {
      problems.push({
        ...at('name'),
        message:
          `exists only when dynamism ${info.onlyWhen} (got schedule '${schedule}'); set that ` +
          `schedule or sweep another parameter`,
      });
    }
    const inRange = (v: number) =>
      (info.min === undefined || v >= info.min) && (info.max === undefined || v <= info.max);
    const range = `${name} allows ${info.min} to ${info.max}`;
    const [min, max, steps] = [num(p.min), num(p.max), num(p.steps)];
    const levels = Array.isArray(p.levels)
      ? p.levels.filter((v): v is number => typeof v === 'number')
      : undefined;
    if (design === 'grid') {
      if (!levels && (min === undefined || max === undefined || steps === undefined)) {
        problems.push({
          ...at('name'),
          message: `a grid needs 'levels' or 'min', 'max' and 'steps' (got ${show(p)}); add e.g. levels: [0.5, 1, 1.5]`,
        });
      }
      for (const v of levels ?? [])
        if (!inRange(v))
          problems.push({ ...at('levels'), message: `level out of range (got ${v}); ${range}` });
    } else if (typeof design === 'string' && (min === undefined || max === undefined || !(min < max))) {
      problems.push({
        ...at('name'),
        message: `${design} needs 'min' below 'max' (got min ${show(min)}, max ${show(max)}); give the range to sample`,
      });
    }
    if (min !== undefined && !inRange(min))
      problems.push({ ...at('min'), message: `out of range (got ${min}); ${range}` });
    if (max !== undefined && !inRange(max))
      problems.push({ ...at('max'), message: `out of range (got ${max}); ${range}` });
  });
  return problems;
}
