/**
 * Survey levels: the share of surveyed firms with a column equal to 1, or a column's mean, among all
 * firms or a subgroup, pooled over runs and per run; and ratios of two such levels. The level targets
 * L1–L4 of validate-model and the objectives of `smesim calibrate` read the survey through these.
 */
import { INNOVATION_TYPES } from './incidence.js';
import { sd } from './stats.js';

type Row = Record<string, unknown>;

/** Firms of 10–49 employees are small, 50–249 medium (the EU's SME size classes, as surveys report them). */
export const MEDIUM_FROM = 50;

/** A survey aggregate: `stat` of `column` among the firms of `among` (default all). */
export interface SurveyAggregate {
  /** A survey column, or `inno_any` (1 when the firm introduced any of the four innovation types). */
  column: string;
  /** `share`: the share of firms whose value is 1; `mean`: the mean value. */
  stat: 'share' | 'mean';
  /** `all`, `innovators`, `small`, `medium`, `sector=<name>` or `<column>=<value>`. */
  among?: string;
}

/** A level pooled over every surveyed firm, and per run (run-id order) with its standard error across runs. */
export interface Level {
  value: number;
  perRun: number[];
  /** Standard error of the mean of `perRun` (NaN with fewer than two runs). */
  se: number;
  /** Firms in the subgroup (the denominator's, for a ratio), over all runs. */
  firms: number;
}

/** The named subgroups `among` accepts besides `sector=<name>` and `<column>=<value>`. */
export const SUBGROUPS = ['all', 'innovators', 'small', 'medium'] as const;

/** Whether a firm introduced any of the four innovation types in the survey window. */
export const innovatedAny = (r: Row): boolean => INNOVATION_TYPES.some((c) => Number(r[c]) === 1);

/** The value of a column for one firm, with the derived `inno_any`. */
function valueOf(r: Row, column: string): number {
  return column === 'inno_any' ? (innovatedAny(r) ? 1 : 0) : Number(r[column]);
}

/** The membership test of a subgroup; throws on one it does not know (the calibrate block checks names first). */
export function subgroup(among: string | undefined): (r: Row) => boolean {
  const name = among ?? 'all';
  if (name === 'all') return () => true;
  if (name === 'innovators') return innovatedAny;
  if (name === 'small') return (r) => Number(r.employees) < MEDIUM_FROM;
  if (name === 'medium') return (r) => Number(r.employees) >= MEDIUM_FROM;
  const eq = name.indexOf('=');
  if (eq > 0) {
    const column = name.slice(0, eq);
    const wanted = name.slice(eq + 1);
    return (r) => String(r[column]) === wanted || valueOf(r, column) === Number(wanted);
  }
  throw new Error(
    `unknown subgroup '${name}': use ${SUBGROUPS.join(', ')}, sector=<name> or <column>=<value>`,
  );
}

/** Sum and count of an aggregate, pooled and per run. */
function tally(
  rows: Row[],
  spec: SurveyAggregate,
): { pooled: [number, number]; perRun: Map<string, [number, number]> } {
  const keep = subgroup(spec.among);
  const pooled: [number, number] = [0, 0];
  const perRun = new Map<string, [number, number]>();
  for (const r of rows) {
    const id = String(r.run_id);
    if (!perRun.has(id)) perRun.set(id, [0, 0]);
    if (!keep(r)) continue;
    const v = valueOf(r, spec.column);
    const x = spec.stat === 'share' ? (v === 1 ? 1 : 0) : v;
    const cell = perRun.get(id)!;
    cell[0] += x;
    cell[1] += 1;
    pooled[0] += x;
    pooled[1] += 1;
  }
  return { pooled, perRun: new Map([...perRun].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) };
}

/** The standard error of the mean of per-run values (runs without a value are left out). */
export function seAcross(values: number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length > 1 ? sd(finite) / Math.sqrt(finite.length) : NaN;
}

/** A survey aggregate pooled over all runs' firms, and per run. */
export function surveyLevel(rows: Row[], spec: SurveyAggregate): Level {
  const { pooled, perRun } = tally(rows, spec);
  const values = [...perRun.values()].map(([s, n]) => (n > 0 ? s / n : NaN));
  return {
    value: pooled[1] > 0 ? pooled[0] / pooled[1] : NaN,
    perRun: values,
    se: seAcross(values),
    firms: pooled[1],
  };
}

/** The ratio of two survey aggregates (e.g. medium vs small innovation incidence), pooled and per run. */
export function levelRatio(rows: Row[], numerator: SurveyAggregate, denominator: SurveyAggregate): Level {
  const a = surveyLevel(rows, numerator);
  const b = surveyLevel(rows, denominator);
  const values = a.perRun.map((v, k) => v / b.perRun[k]!);
  return { value: a.value / b.value, perRun: values, se: seAcross(values), firms: b.firms };
}
