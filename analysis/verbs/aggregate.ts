/** Replicate aggregation: per tick (time series) or per run set (runs table), mean, sd and 95% CI over runs. */
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
  const byTick = new Map<number, Record<string, number[]>>();
  for (const row of ts.objects() as Record<string, number>[]) {
    let cell = byTick.get(row.tick!);
    if (!cell) byTick.set(row.tick!, (cell = Object.fromEntries(outcomes.map((o) => [o, [] as number[]]))));
    for (const o of outcomes) cell[o]!.push(Number(row[o]));
  }
  for (const [tick, cell] of [...byTick.entries()].sort((a, b) => a[0] - b[0])) {
    for (const o of outcomes)
      out.push({
        tick,
        outcome: o,
        ...(method === 't' ? tInterval(cell[o]!) : bootstrapInterval(cell[o]!, rng)),
      });
  }
  return out;
}

/** Summarise outcomes of a runs table (one row per run) across runs. */
export function aggregateRuns(runs: aq.ColumnTable, outcomes: string[]): ({ outcome: string } & Interval)[] {
  return outcomes.map((o) => ({ outcome: o, ...tInterval(runs.array(o) as ArrayLike<number>) }));
}
