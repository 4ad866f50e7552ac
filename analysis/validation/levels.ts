/**
 * The level targets L1–L4 (docs/VALIDATION.md): the simulated world's magnitudes beside the EU Community
 * Innovation Survey's, computed on a run set's survey pooled over its replicates. The patterns T1–T10 are
 * about signs and shapes; these keep the numbers an analyst reads first where the surveys find them.
 */
import { PARTNER_COLUMNS } from '../verbs/incidence.js';
import { type Level, levelRatio, seAcross, surveyLevel } from '../verbs/surveyLevel.js';
import type { ValidationRow } from './summary.js';

type Row = Record<string, unknown>;

/** One level target: what it measures, its range, and where the range comes from. */
export interface LevelTarget {
  id: string;
  description: string;
  /** Lowest value that meets the target (undefined: no lower bound). */
  lo?: number;
  /** Highest value that meets the target (undefined: no upper bound). */
  hi?: number;
  /** The survey figures behind the range, with their source. */
  source: string;
  measure: (rows: Row[]) => Level;
}

const CIS_COOPERATION =
  'CIS (Eurostat): 26% of innovative enterprises cooperated in 2002–04, 34% in 2006–08, ' +
  '27% of product or process innovators in 2008–10';
const CIS_PARTNERS =
  'CIS (Eurostat), EU27, % of innovative enterprises, 2002–04 / 2008–10: suppliers 16.5 / 15.2, ' +
  'customers 13.9 / 12.6, consultants and private labs 8.9 / 9.7, universities 8.8 / 10.8, ' +
  'competitors 8.3 / 6.7, public research institutes 5.7 / 6.1';
const CIS_INCIDENCE =
  'CIS 2020 (Eurostat): 48.4% of enterprises introduced a product or business-process innovation; ' +
  '44.5% of small and 60.1% of medium firms were innovation-active; about a quarter of small firms ' +
  'introduced a product innovation and almost four in ten a process innovation';
const CIS_SIZE =
  'CIS 2020 (Eurostat): 60.1% of medium vs 44.5% of small enterprises innovation-active, a ratio of 1.35';

const amongInnovators = (column: string) => ({ column, stat: 'share' as const, among: 'innovators' });

/**
 * L2's statistic: how many times as frequent the rarer of suppliers and customers is as the most frequent
 * other partner type, among innovators; at least 1.3 means both lead every other type by that margin.
 */
export function partnerLead(rows: Row[]): Level {
  const share = (c: string) => surveyLevel(rows, amongInnovators(c));
  const [supplier, customer, ...others] = PARTNER_COLUMNS.map(share);
  const lead = (k: number | undefined) => {
    const at = (l: Level) => (k === undefined ? l.value : l.perRun[k]!);
    return Math.min(at(supplier!), at(customer!)) / Math.max(...others.map(at));
  };
  const perRun = supplier!.perRun.map((_, k) => lead(k));
  return { value: lead(undefined), perRun, se: seAcross(perRun), firms: supplier!.firms };
}

/** L1–L4, in the order the tables show them (L3 in its three parts). */
export const LEVEL_TARGETS: readonly LevelTarget[] = [
  {
    id: 'L1',
    description: 'cooperation among innovators (share of firms with any innovation that cooperated)',
    lo: 0.2,
    hi: 0.45,
    source: CIS_COOPERATION,
    measure: (rows) => surveyLevel(rows, amongInnovators('coop_any')),
  },
  {
    id: 'L2',
    description: 'suppliers and customers lead: the rarer of the two vs the most frequent other partner type',
    lo: 1.3,
    source: CIS_PARTNERS,
    measure: partnerLead,
  },
  {
    id: 'L3-any',
    description: 'incidence of any of the four innovation types over the three-year window',
    lo: 0.4,
    hi: 0.65,
    source: CIS_INCIDENCE,
    measure: (rows) => surveyLevel(rows, { column: 'inno_any', stat: 'share' }),
  },
  {
    id: 'L3-product',
    description: 'incidence of product innovation over the window',
    lo: 0.2,
    hi: 0.45,
    source: CIS_INCIDENCE,
    measure: (rows) => surveyLevel(rows, { column: 'inno_product', stat: 'share' }),
  },
  {
    id: 'L3-process',
    description: 'incidence of process innovation over the window',
    lo: 0.3,
    hi: 0.5,
    source: CIS_INCIDENCE,
    measure: (rows) => surveyLevel(rows, { column: 'inno_process', stat: 'share' }),
  },
  {
    id: 'L4',
    description: 'size gradient: any-innovation incidence of medium (50–249) vs small (10–49) firms',
    lo: 1.2,
    source: CIS_SIZE,
    measure: (rows) =>
      levelRatio(
        rows,
        { column: 'inno_any', stat: 'share', among: 'medium' },
        { column: 'inno_any', stat: 'share', among: 'small' },
      ),
  },
];

/** The range of a level target as printed: "0.20–0.45", "≥ 1.30". */
export function levelRange(t: Pick<LevelTarget, 'lo' | 'hi'>): string {
  if (t.lo !== undefined && t.hi !== undefined) return `${t.lo.toFixed(2)}–${t.hi.toFixed(2)}`;
  return t.lo !== undefined ? `≥ ${t.lo.toFixed(2)}` : `≤ ${t.hi!.toFixed(2)}`;
}

/** Whether a value meets a level target's range. */
export const withinRange = (t: Pick<LevelTarget, 'lo' | 'hi'>, v: number): boolean =>
  Number.isFinite(v) && (t.lo === undefined || v >= t.lo) && (t.hi === undefined || v <= t.hi);

/** One level target evaluated on a survey. */
export interface LevelResult {
  target: LevelTarget;
  level: Level;
  pass: boolean;
}

/** L1–L4 on a survey (all replicates' firms pooled; per-run values for the standard error). */
export function levelTargets(rows: Row[]): LevelResult[] {
  return LEVEL_TARGETS.map((target) => {
    const level = target.measure(rows);
    return { target, level, pass: withinRange(target, level.value) };
  });
}

/** A level target as validate-model reports it: the pooled value with its 95% interval across runs. */
export interface LevelSummary {
  id: string;
  description: string;
  /** The value over every surveyed firm of every run (for L2 and L4, a ratio of pooled shares). */
  value: number;
  /** value ± 1.96 standard errors of the per-run values: how far another set of replicates could move it. */
  low: number;
  high: number;
  runs: number;
  firms: number;
  /** The range the surveys give, as printed ("0.20–0.45", "≥ 1.20"). */
  range: string;
  lo?: number;
  hi?: number;
  source: string;
  /** Whether the pooled value lies in the range (the verdict). */
  pass: boolean;
  /** Share of runs whose own value lies in the range: how the target fares in a single survey. */
  runsInRange: number;
}

/**
 * L1–L4 pooled over a run set's survey, in the order of LEVEL_TARGETS (`results`: the levels already
 * measured on these rows, so that a caller needing the per-run rows too measures them once).
 */
export function levelSummaries(rows: Row[], results = levelTargets(rows)): LevelSummary[] {
  return results.map(({ target, level, pass }) => {
    const half = Number.isFinite(level.se) ? 1.96 * level.se : NaN;
    const inRange = level.perRun.filter((v) => withinRange(target, v)).length;
    return {
      id: target.id,
      description: target.description,
      value: level.value,
      low: level.value - half,
      high: level.value + half,
      runs: level.perRun.length,
      firms: level.firms,
      range: levelRange(target),
      ...(target.lo !== undefined ? { lo: target.lo } : {}),
      ...(target.hi !== undefined ? { hi: target.hi } : {}),
      source: target.source,
      pass,
      runsInRange: level.perRun.length > 0 ? inRange / level.perRun.length : NaN,
    };
  });
}

/**
 * L1–L4 per run, as validation.csv holds them: the run's value and whether it lies in the range
 * (`results` as for levelSummaries).
 */
export function levelRows(rows: Row[], results = levelTargets(rows)): ValidationRow[] {
  const runIds = [...new Set(rows.map((r) => String(r.run_id)))].sort();
  return results.flatMap(({ target, level }) =>
    level.perRun.map((value, k) => ({
      target: target.id,
      statistic: value,
      pValue: NaN,
      pass: withinRange(target, value),
      note:
        `${target.description}: ${Number.isFinite(value) ? value.toFixed(3) : 'no firms'} ` +
        `(surveys: ${levelRange(target)})`,
      runId: runIds[k]!,
      sample: 'full' as const,
      measure: 'true' as const,
    })),
  );
}
