/** Replicate aggregation: per tick (time series) or per run set (runs table), mean, sd and 95% CI over runs. */
import { groupBy } from './groups.js';
import * as aq from 'arquero';
import { type Interval, bootstrapInterval, tInterval } from './stats.js';
import { makeStream } from '../../sim/rng.js';

/** One outcome at one tick, over replicate runs. */
export interface TickSummary extends Interval {
  tick: number;
  outcome: string;
}

/**
 * Summarise each outcome per tick across runs (rows grouped by `group` columns, e.g. scenario).
 * `method: 'bootstrap'` gives percentile intervals from a seeded stream instead of t intervals.
 */
export function aggregateByTick(
  ts: aq.ColumnTable,
  outcomes: string[],
  method: 't' | 'bootstrap' = 't',
  seed = 1,
): TickSummary[] {
  const out: TickSummary[] = [];
  const rng = makeStream(seed, 'bootstrap');
  const byTick = groupBy(ts.objects() as Record<string, number>[], (row) => row.tick!);
  for (const [tick, rows] of [...byTick.entries()].sort((a, b) => a[0] - b[0])) {
    for (const o of outcomes) {
      const values = rows.map((row) => Number(row[o]));
      out.push({
        tick,
        outcome: o,
        ...(method === 't' ? tInterval(values) : bootstrapInterval(values, rng)),
      });
    }
  }
  return out;
}

/** Summarise outcomes of a runs table (one row per run) across runs. */
export function aggregateRuns(runs: aq.ColumnTable, outcomes: string[]): ({ outcome: string } & Interval)[] {
  return outcomes.map((o) => ({ outcome: o, ...tInterval(runs.array(o) as ArrayLike<number>) }));
}
