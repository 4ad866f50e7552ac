/**
 * The statistics an objective of a `calibrate:` block can name, as text: a level target (`L1`), a survey
 * aggregate (`share(coop_any | innovators)`, `mean(breadth)`), a ratio of two aggregates, or a validation
 * target's mean statistic or pass rate (`T5`, `T5:passRate`). Parsed here without the analysis modules, so
 * that the scenario loader can check a name; `analysis`-side
 * code (sim/calibrate/objectives.ts) computes them.
 */
import { columnsOf } from '../run/codebook.js';
import { closest } from '../config/messages.js';

/** The level targets' ids (analysis/validation/levels.ts LEVEL_TARGETS; a test keeps the two equal). */
export const LEVEL_IDS = ['L1', 'L2', 'L3-any', 'L3-product', 'L3-process', 'L4'] as const;
/** The validation targets an objective can read on a candidate's own survey (T8–T10 need other run sets). */
export const SURVEY_TARGET_IDS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'] as const;
/** The named subgroups (analysis/verbs/surveyLevel.ts SUBGROUPS; a test keeps the two equal). */
export const SUBGROUP_NAMES = ['all', 'innovators', 'small', 'medium'] as const;

/** An aggregate of the survey, as analysis/verbs/surveyLevel.ts computes it. */
export interface AggregateSpec {
  column: string;
  stat: 'share' | 'mean';
  among?: string;
}

/** A parsed statistic. */
export type Statistic =
  | { kind: 'level'; id: string }
  | { kind: 'target'; id: string; read: 'statistic' | 'passRate' }
  | { kind: 'aggregate'; spec: AggregateSpec }
  | { kind: 'ratio'; numerator: AggregateSpec; denominator: AggregateSpec };

const AGGREGATE = /^(share|mean)\(\s*([A-Za-z_][\w]*)\s*(?:\|\s*([^()|]+?)\s*)?\)$/;

/**
 * Survey columns an aggregate may read: those of survey.csv,
 * and `inno_any` (any of the four innovation types).
 */
export function surveyColumns(): string[] {
  return [
    ...columnsOf('survey.csv').filter((c) => !['run_id', 'scenario', 'replicate', 'seed'].includes(c)),
    'inno_any',
  ];
}

const HELP =
  'use a level target (L1, L2, L3-any, L3-product, L3-process, L4), share(column) ' +
  'or mean(column) with an optional subgroup as in share(coop_any | innovators), ' +
  'a ratio such as share(inno_any | medium) / share(inno_any | small), or T1 … T7 ' +
  '(mean statistic) or T1:passRate … T7:passRate';

/** "did you mean 'x'? " when a name is close to one of `names`. */
function hint(word: string, names: readonly string[]): string {
  const near = closest(word, names);
  return near ? `did you mean '${near}'? ` : '';
}

/** An aggregate, or the reason it is not one. */
function parseAggregate(text: string, sectors: readonly string[]): AggregateSpec | string {
  const m = AGGREGATE.exec(text.trim());
  if (!m) return `'${text.trim()}' is not of the form share(column) or mean(column | subgroup)`;
  const [, stat, column, among] = m as unknown as [string, 'share' | 'mean', string, string | undefined];
  const columns = surveyColumns();
  if (!columns.includes(column))
    return (
      `'${column}' is not a survey column (${hint(column, columns)}` +
      `docs/columns.md lists survey.csv's columns)`
    );
  if (among !== undefined) {
    const eq = among.indexOf('=');
    if (eq < 0 && !(SUBGROUP_NAMES as readonly string[]).includes(among))
      return (
        `'${among}' is not a subgroup (use ` +
        `${SUBGROUP_NAMES.join(', ')}, sector=<name> or ` +
        '<column>=<value>)'
      );
    if (eq > 0) {
      const [key, value] = [among.slice(0, eq).trim(), among.slice(eq + 1).trim()];
      if (key === 'sector' && !sectors.includes(value))
        return `'${value}' is not a sector of this scenario (it has ${sectors.join(', ')})`;
      if (key !== 'sector' && !columns.includes(key))
        return `'${key}' in '${among}' is not a survey column (${hint(key, columns)}see docs/columns.md)`;
      return { stat, column, among: `${key}=${value}` };
    }
  }
  return among === undefined ? { stat, column } : { stat, column, among };
}

/** Parse a statistic's text; a string result is the message saying what is wrong and how to write it. */
export function parseStatistic(text: string, sectors: readonly string[]): Statistic | string {
  const t = text.trim();
  if ((LEVEL_IDS as readonly string[]).includes(t)) return { kind: 'level', id: t };
  const target = /^(T\d+)(?::(statistic|passRate))?$/.exec(t);
  if (target) {
    if (!(SURVEY_TARGET_IDS as readonly string[]).includes(target[1]!))
      return (
        `'${target[1]}' cannot be read on a candidate's survey (T8–T10 need the ` +
        `ablation, shock and subsidy runs of validate-model); ${HELP}`
      );
    return { kind: 'target', id: target[1]!, read: (target[2] as 'statistic' | 'passRate') ?? 'statistic' };
  }
  if (/^[A-Za-z]/.test(t) && !t.includes('('))
    return `unknown statistic '${t}'; ${hint(t, [...LEVEL_IDS, ...SURVEY_TARGET_IDS])}${HELP}`;
  const parts = t.split('/');
  if (parts.length > 2) return `only one ratio is allowed (got '${t}'); ${HELP}`;
  const specs = parts.map((p) => parseAggregate(p, sectors));
  const bad = specs.find((s): s is string => typeof s === 'string');
  if (bad) return `${bad}; ${HELP}`;
  const [a, b] = specs as AggregateSpec[];
  return b ? { kind: 'ratio', numerator: a!, denominator: b } : { kind: 'aggregate', spec: a! };
}

/**
 * The column name an objective gets in calibration.csv when it has none: its statistic in
 * letters, digits and _ (`share(coop_any | innovators)` → `share_coop_any_innovators`).
 */
export function objectiveName(text: string, k: number): string {
  const name = text.replace(/[^A-Za-z0-9.-]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(name) ? name : `objective${k + 1}`;
}
