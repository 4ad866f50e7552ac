/** Snapshots of every firm's state after a given quarter (for hazard analyses such as T9). */
import type { World } from './world.js';

/** Snapshot columns, in order. */
export const SNAPSHOT_COLUMNS = [
  'run_id',
  'tick',
  'firm_id',
  'sector',
  'region',
  'employees',
  'age_quarters',
  'lo',
  'sli',
  'capital',
] as const;

/** One row per firm, as the world stands after tick t. */
export function snapshotRows(w: World, runId: string, t: number): (string | number)[][] {
  const f = w.firms;
  const rows: (string | number)[][] = [];
  for (let i = 0; i < f.n; i++)
    rows.push([
      runId,
      t,
      f.id[i]!,
      w.s.sectors[f.sector[i]!]!,
      f.region[i]! + 1,
      f.employees[i]!,
      f.age[i]!,
      f.lo[i]!,
      f.depth[i]!,
      f.capital[i]!,
    ]);
  return rows;
}
