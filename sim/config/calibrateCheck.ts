/**
 * Checks of a calibrate block that the schema cannot express: parameters must be numeric model parameters
 * with a range that fits them, statistics must be ones an objective can read, targets must be ranges the
 * right way round, the budget must hold a generation. Works on the raw (merged, unvalidated) data so its
 * problems are reported with all the others, each at its file and line.
 */
import { type Obj, isObj } from './data.js';
import { type Layer, type ScenarioProblem, locate } from './locate.js';
import { paramIndex, paramInfo } from './paramIndex.js';
import { sweepableParameters } from './sweepCheck.js';
import { symbolHint } from './symbols.js';
import { closest, show } from './messages.js';
import { LEVEL_IDS, objectiveName, parseStatistic } from '../calibrate/statistic.js';
import { DEFAULT_SECTORS } from './scenario.js';

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** Problems of one `parameters` entry. */
function parameterProblems(
  p: Obj,
  at: (field: string) => Omit<ScenarioProblem, 'message'>,
): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const path = p.path as string;
  const info = paramInfo(path);
  const numeric = sweepableParameters();
  if (!info || !numeric.includes(info.path)) {
    const symbol = symbolHint(path, paramIndex().values());
    const near = closest(path, numeric);
    const what = info
      ? `is not a numeric model parameter (got ${show(path)})`
      : `is not a parameter (got ${show(path)})`;
    problems.push({
      ...at('path'),
      message:
        `${what}; ` +
        `${symbol ? `${symbol}; ` : near ? `did you mean '${near}'? ` : ''}` +
        `\`smesim describe\` lists every parameter`,
    });
    return problems;
  }
  const [min, max] = [num(p.min), num(p.max)];
  if (min === undefined || max === undefined) return problems; // the schema reports it
  if (!(min < max))
    problems.push({
      ...at('min'),
      message: `must be below max (got min ${min}, max ${max}); give the range to search, lowest value first`,
    });
  if (p.scale === 'log' && min <= 0)
    problems.push({
      ...at('min'),
      message:
        `must be above 0 for scale: log (got ${min}); raise min, e.g. to ` +
        `${max > 0 ? max / 100 : 0.01}, or use scale: linear`,
    });
  const range = `${path} allows ${info.min ?? '−∞'} to ${info.max ?? '∞'}`;
  if (info.min !== undefined && min < info.min)
    problems.push({ ...at('min'), message: `is out of range (got ${min}); ${range}` });
  if (info.max !== undefined && max > info.max)
    problems.push({ ...at('max'), message: `is out of range (got ${max}); ${range}` });
  return problems;
}

/** Problems of one `objectives` entry. */
function objectiveProblems(
  o: Obj,
  sectors: readonly string[],
  at: (field: string) => Omit<ScenarioProblem, 'message'>,
): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const parsed = parseStatistic(o.statistic as string, sectors);
  if (typeof parsed === 'string') problems.push({ ...at('statistic'), message: parsed });
  const target = o.target;
  if (Array.isArray(target) && target.length === 2 && target.every((v) => typeof v === 'number')) {
    const [lo, hi] = target as [number, number];
    if (lo > hi)
      problems.push({
        ...at('target'),
        message: `is a range [lo, hi] with lo above hi (got [${lo}, ${hi}]); write it as [${hi}, ${lo}]`,
      });
  }
  const isLevel = typeof parsed !== 'string' && parsed.kind === 'level';
  if (target === undefined && typeof parsed !== 'string' && !isLevel)
    problems.push({
      ...at('statistic'),
      message:
        `has no target (got statistic ${show(o.statistic)} without ` +
        `'target:'); add target: a value, e.g. 0.3, or a range, e.g. [0.2, ` +
        `0.45] (only ${LEVEL_IDS.join(', ')} have one of their own)`,
    });
  return problems;
}

/** Problems with the calibrate block (none when there is none). */
export function checkCalibrate(data: Obj, layers: Layer[]): ScenarioProblem[] {
  const block = data.calibrate;
  if (!isObj(block)) return [];
  const problems: ScenarioProblem[] = [];
  const where = (path: (string | number)[]) => ({
    ...locate(layers, ['calibrate', ...path]),
    path: ['calibrate', ...path].join('.'),
  });
  if (data.sweep !== undefined)
    problems.push({
      ...where([]),
      message:
        'cannot stand beside a sweep: block (got both); calibrate searches its ' +
        'own points: remove one of the two, or keep them in two files',
    });
  const sectors = Array.isArray(data.sectors) ? (data.sectors as string[]) : DEFAULT_SECTORS;
  const seen = new Set<string>();
  (Array.isArray(block.parameters) ? block.parameters : []).forEach((raw: unknown, i: number) => {
    if (!isObj(raw) || typeof raw.path !== 'string') return; // the schema reports it
    if (seen.has(raw.path))
      problems.push({
        ...where(['parameters', i, 'path']),
        message: `is searched twice (got ${show(raw.path)}); keep one entry per parameter`,
      });
    seen.add(raw.path);
    problems.push(...parameterProblems(raw, (f) => where(['parameters', i, f])));
  });
  const objectives = Array.isArray(block.objectives) ? block.objectives : [];
  const names = new Set<string>();
  objectives.forEach((raw: unknown, i: number) => {
    if (!isObj(raw) || typeof raw.statistic !== 'string') return;
    const name = typeof raw.name === 'string' ? raw.name : objectiveName(raw.statistic, i);
    if (names.has(name))
      problems.push({
        ...where(['objectives', i, typeof raw.name === 'string' ? 'name' : 'statistic']),
        message:
          `gives a second objective named ${show(name)} (got it ` +
          `twice); give one of them another name: with 'name:'`,
      });
    names.add(name);
    problems.push(...objectiveProblems(raw, sectors, (f) => where(['objectives', i, f])));
  });
  const [budget, size] = [num(block.budget) ?? 64, num(block.generationSize) ?? 8];
  if (budget >= 1 && size >= 2 && budget < size)
    problems.push({
      ...where([block.budget !== undefined ? 'budget' : 'generationSize']),
      message:
        `the budget holds no whole generation (got budget ${budget}, generationSize ` +
        `${size}); raise budget to at least ${size} or lower generationSize`,
    });
  if (block.algorithm === 'nsga2') {
    if (size >= 2 && (size < 4 || size % 2 !== 0))
      problems.push({
        ...where(['generationSize']),
        message:
          'NSGA-II needs an even generation of at least 4 (got ' +
          `${size}); use ${Math.max(4, size + (size % 2))}`,
      });
    if (objectives.length === 1)
      problems.push({
        ...where(['algorithm']),
        message:
          'NSGA-II looks for a Pareto set of several objectives (got 1 ' +
          'objective); use algorithm: cmaes, or add objectives',
      });
  }
  return problems;
}
