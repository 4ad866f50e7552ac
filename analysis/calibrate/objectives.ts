/**
 * The objectives of a calibration, measured on a candidate's survey through the verbs validate-model and
 * the report use (survey levels and their ratios, the level targets L1–L4, the validation targets' per-run
 * statistics), and turned into distances from their targets and a weighted loss.
 */
import type { Calibrate } from '../../sim/config/calibrate.js';
import { type Statistic, objectiveName, parseStatistic } from '../../sim/calibrate/statistic.js';
import { LEVEL_TARGETS } from '../validation/levels.js';
import { byRun } from '../validation/evaluate.js';
import { moderationTarget, t5 } from '../validation/invertedUTargets.js';
import type { TargetResult } from '../validation/targetEstimation.js';
import { t1, t2, t3, t4 } from '../validation/targets.js';
import { levelRatio, seAcross, surveyLevel } from '../verbs/surveyLevel.js';
import { mean } from '../verbs/stats.js';

type Row = Record<string, unknown>;

/** An objective ready to measure: its statistic parsed and its target as a range (a value is lo = hi). */
export interface ResolvedObjective {
  name: string;
  text: string;
  statistic: Statistic;
  lo: number;
  hi: number;
  weight: number;
  /** One unit of distance from the target. */
  scale: number;
}

/** A statistic's value on a candidate's runs (pooled or mean over runs) and its standard error across runs. */
export interface Measured {
  value: number;
  se: number;
}

/** The objectives of a calibrate block (a level target without `target:` takes its survey range). */
export function resolveObjectives(c: Calibrate, sectors: readonly string[]): ResolvedObjective[] {
  return c.objectives.map((o, k) => {
    const statistic = parseStatistic(o.statistic, sectors);
    if (typeof statistic === 'string') throw new Error(statistic); // the loader checked it
    const level = statistic.kind === 'level' ? LEVEL_TARGETS.find((t) => t.id === statistic.id) : undefined;
    const [lo, hi] =
      o.target === undefined
        ? [level?.lo ?? -Infinity, level?.hi ?? Infinity]
        : typeof o.target === 'number'
          ? [o.target, o.target]
          : o.target;
    const finite = [lo, hi].filter(Number.isFinite);
    const mid = Math.abs(mean(finite));
    return {
      name: o.name ?? objectiveName(o.statistic, k),
      text: o.statistic,
      statistic,
      lo,
      hi,
      weight: o.weight,
      scale: o.scale ?? (mid > 0 ? mid : 1),
    };
  });
}

/** The validation target of an id on one run's survey, Likert measures (validate-model's `full`/`likert` rows). */
function targetOnRun(id: string, rows: Row[]): TargetResult {
  switch (id) {
    case 'T1':
      return t1(rows);
    case 'T2':
      return t2(rows);
    case 'T3':
      return t3(rows);
    case 'T4':
      return t4(rows);
    case 'T5':
      return t5(rows, 'likert');
    case 'T6':
      return moderationTarget('T6', rows, 'lo', 'likert');
    case 'T7':
      return moderationTarget('T7', rows, 'dyn', 'likert');
    default:
      throw new Error(`${id} cannot be read on a survey`);
  }
}

/** A statistic on the survey rows of one candidate (all its replicates). */
export function measure(statistic: Statistic, rows: Row[]): Measured {
  switch (statistic.kind) {
    case 'level': {
      const level = LEVEL_TARGETS.find((t) => t.id === statistic.id)!.measure(rows);
      return { value: level.value, se: level.se };
    }
    case 'aggregate': {
      const level = surveyLevel(rows, statistic.spec);
      return { value: level.value, se: level.se };
    }
    case 'ratio': {
      const level = levelRatio(rows, statistic.numerator, statistic.denominator);
      return { value: level.value, se: level.se };
    }
    case 'target': {
      const perRun = [...byRun(rows).values()].map((r) => targetOnRun(statistic.id, r));
      const values =
        statistic.read === 'passRate'
          ? perRun.map((r) => (r.pass ? 1 : 0))
          : perRun.map((r) => r.statistic).filter(Number.isFinite);
      return { value: values.length > 0 ? mean(values) : NaN, se: seAcross(values) };
    }
  }
}

/**
 * Whether a measured statistic meets its objective: it lies in the target's range, or within two standard
 * errors of it, so that a point target can be met and a candidate is not judged by the luck of its runs.
 */
export function meets(o: ResolvedObjective, m: Measured): boolean {
  const outside = distance(o, m.value) * o.scale;
  return outside === 0 || (Number.isFinite(m.se) && outside <= 2 * m.se);
}

/** How far a value lies outside the objective's range, in units of its scale (0 inside; NaN stays NaN). */
export function distance(o: ResolvedObjective, value: number): number {
  if (Number.isNaN(value)) return NaN;
  const outside = value < o.lo ? o.lo - value : value > o.hi ? value - o.hi : 0;
  return outside / o.scale;
}

/** The weighted loss Σ weight · distance²; +∞ when a statistic could not be computed. */
export function lossOf(objectives: ResolvedObjective[], values: number[]): number {
  let loss = 0;
  objectives.forEach((o, k) => {
    const d = distance(o, values[k]!);
    loss += Number.isNaN(d) ? Infinity : o.weight * d * d;
  });
  return loss;
}

/** The target of an objective as printed: "0.3", "[0.2, 0.45]", "≥ 1.3". */
export function targetText(o: Pick<ResolvedObjective, 'lo' | 'hi'>): string {
  if (o.lo === o.hi) return String(o.lo);
  if (!Number.isFinite(o.hi)) return `≥ ${o.lo}`;
  if (!Number.isFinite(o.lo)) return `≤ ${o.hi}`;
  return `[${o.lo}, ${o.hi}]`;
}
