/** Per-tick observation (the time series; docs/ODD.md §4, Observation). */
import { popcount } from '../rng.js';
import { innovativeSalesShare } from './market.js';
import { heldTypes } from './portfolio.js';
import type { World } from './world.js';

/** Columns of the time series, after run_id. */
export const TIMESERIES_COLUMNS = [
  'tick',
  'delta',
  'firms',
  'entries',
  'exits',
  'mean_sli',
  'mean_lo',
  'mean_breadth',
  'coop_share',
  'inno_product',
  'inno_process',
  'inno_org',
  'inno_marketing',
  'mean_iss',
  'mean_fitness',
] as const;

/** Position of a column in a time-series row as observe returns it (without run_id). */
export const timeseriesIndex = (name: (typeof TIMESERIES_COLUMNS)[number]): number =>
  TIMESERIES_COLUMNS.indexOf(name);

/** Aggregate the firms that traded this tick (before exit and entry); entries and exits are filled in after. */
export function observe(w: World, t: number): number[] {
  const f = w.firms;
  const n = f.n;
  let sli = 0;
  let lo = 0;
  let breadth = 0;
  let coop = 0;
  const inno = [0, 0, 0, 0];
  let iss = 0;
  let fit = 0;
  for (let i = 0; i < n; i++) {
    sli += f.depth[i]!;
    lo += f.lo[i]!;
    const b = popcount(heldTypes(w, i));
    breadth += b;
    if (b > 0) coop++;
    for (let d = 0; d < 4; d++) inno[d]! += (f.innoTick[i]! >> d) & 1;
    iss += innovativeSalesShare(w, i);
    fit += f.fitnessNow[i]!;
  }
  return [
    t,
    w.delta,
    n,
    0,
    0,
    sli / n,
    lo / n,
    breadth / n,
    coop / n,
    inno[0]! / n,
    inno[1]! / n,
    inno[2]! / n,
    inno[3]! / n,
    iss / n,
    fit / n,
  ];
}
