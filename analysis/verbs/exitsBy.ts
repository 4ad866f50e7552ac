/**
 * Who exits after a snapshot: the share of firms alive after quarter T (snapshots.csv) that exit within
 * the next `horizon` quarters (exits.csv), by integration depth and learning-orientation tercile. Per-run
 * rates, then mean and 95% CI across runs — the report's view of the question of T9 (docs/VALIDATION.md).
 */
import { type IncidenceCell, acrossRuns } from './incidence.js';
import { quantile } from './stats.js';

type Row = Record<string, unknown>;

/** Depth bins (the snapshot's true SLI). */
const DEPTH_BINS = [0, 0.2, 0.4, 0.6, 0.8].map((from) => ({
  label: `${from.toFixed(1)}–${(from + 0.2).toFixed(1)}`,
  from,
  to: from + 0.2,
}));
/** LO tercile labels, lowest first. */
export const LO_TERCILES = ['low LO', 'middle LO', 'high LO'] as const;

/**
 * Result: the snapshot quarter, the horizon, the overall rate and the cells (group = depth bin, outcome = LO
 * tercile).
 */
export interface ExitsBy {
  tick: number;
  horizon: number;
  firms: number;
  exited: number;
  cells: IncidenceCell[];
}

/** Each snapshot row with `exit` = 1 when its firm (same run) exits in a quarter in (after, after + horizon]. */
export function flagExits<R extends Row>(
  alive: R[],
  exits: Row[],
  after: number,
  horizon: number,
): (R & { exit: number })[] {
  const key = (r: Row) => `${String(r.run_id)}|${String(r.firm_id)}`;
  const gone = new Set(
    exits.filter((e) => Number(e.tick) > after && Number(e.tick) <= after + horizon).map(key),
  );
  return alive.map((r) => ({ ...r, exit: gone.has(key(r)) ? 1 : 0 }));
}

/** The first quarter in a snapshots table (Infinity when it is empty); a loop, for hundreds of thousands of rows. */
export function firstSnapshotTick(snapshots: Row[]): number {
  return snapshots.reduce((m, r) => Math.min(m, Number(r.tick)), Infinity);
}

/**
 * Exit shares after the first snapshot quarter T: an exit counts when its quarter is in (T, T + horizon],
 * the horizon cut at `lastTick` (the run's last quarter). LO terciles are cut at the pooled snapshot's
 * tertiles; depth bins are fifths of [0, 1] (1 falls in the last).
 */
export function exitsBy(snapshots: Row[], exits: Row[], maxHorizon: number, lastTick = Infinity): ExitsBy {
  if (snapshots.length === 0) throw new Error('exitsBy: snapshots.csv has no rows');
  const tick = firstSnapshotTick(snapshots);
  const horizon = Math.min(maxHorizon, lastTick - tick);
  const alive = snapshots.filter((r) => Number(r.tick) === tick);
  const rows = flagExits(alive, exits, tick, horizon).map((r) => ({
    run_id: r.run_id,
    sli: Number(r.sli),
    lo: Number(r.lo),
    exit: r.exit,
  }));
  const los = rows.map((r) => r.lo);
  const cuts = [quantile(los, 1 / 3), quantile(los, 2 / 3)];
  const tercile = (lo: number) => (lo < cuts[0]! ? 0 : lo < cuts[1]! ? 1 : 2);
  const cells: IncidenceCell[] = [];
  DEPTH_BINS.forEach((bin, k) => {
    const inBin = (x: number) => x >= bin.from && (x < bin.to || k === DEPTH_BINS.length - 1);
    LO_TERCILES.forEach((label, t) => {
      const { interval, firms } = acrossRuns(
        rows,
        'exit',
        (r) => inBin(Number(r.sli)) && tercile(Number(r.lo)) === t,
      );
      cells.push({ group: bin.label, outcome: label, firms, ...interval });
    });
  });
  return { tick, horizon, firms: rows.length, exited: rows.reduce((n, r) => n + r.exit, 0), cells };
}
