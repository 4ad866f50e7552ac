/**
 * The state of one run: landscapes, organisations and firms as structure-of-arrays typed arrays.
 * Firms live in fixed slots 0..population-1; an entrant takes the slot of the firm that exited.
 */
import type { Outlays } from './outlays.js';
import type { Scenario } from '../config/scenario.js';
import type { Rng } from '../rng.js';
import type { Firms } from './firmState.js';
import type { Landscapes } from './landscape.js';

export type { Firms } from './firmState.js';

/** Named random streams of a run (docs/ODD.md §1 and §4: common random numbers). */
export interface Streams {
  /** Landscapes, multipliers, redraws and shocks. */
  world: Rng;
  /** The initial population. */
  init: Rng;
  /** Firm behaviour, entry. */
  firms: Rng;
  /** Policy targeting (who is trained, who is assigned a tie). */
  policy: Rng;
  /** Survey sampling and measurement noise. */
  survey: Rng;
}

/** Per-tick counters the observer reads. */
export interface TickCounters {
  entries: number;
  exits: number;
}

/** Organisations: one configuration per sector of their region. */
export interface Orgs {
  count: number;
  type: Uint8Array;
  region: Uint8Array;
  /** Quarter from which the organisation can be chosen as a partner. */
  activeFrom: Int32Array;
  /** Configuration per (org, sector). */
  config: Uint16Array;
  /** Bits each (org, sector) configuration changed in this tick's adaptation: its progress. */
  progress: Uint16Array;
  /** Each organisation's own stream, so adding organisations never shifts another's draws. */
  rng: Rng[];
  /** Organisation indexes by region and org-type index (ORG_TYPES order). */
  byRegionType: number[][][];
}

/** Everything a run's tick needs. */
export interface World {
  s: Scenario;
  runSeed: number;
  rng: Streams;
  nSectors: number;
  nRegions: number;
  nIndustries: number;
  maxTies: number;
  ls: Landscapes;
  /** Dynamism multiplier m_c per regional industry. */
  multiplier: Float64Array;
  /** Demand per regional industry before the trend: tick 0's, less any shock's demand loss. */
  demand0: Float64Array;
  /** Cumulative initial firm count by industry (entrants are drawn in proportion). */
  industryCdf: Float64Array;
  /** Sum of δ(t)·m_c over the survey window so far, per industry. */
  windowDynamism: Float64Array;
  windowStart: number;
  delta: number;
  /** The δ the rigidities have settled to: δ(t), or its lagged average with `sli.settleMemory` (see settle). */
  settledDelta: number;
  orgs: Orgs;
  firms: Firms;
  nextFirmId: number;
  counters: TickCounters;
  /** Competitor leaks queued this tick: [from firm, to firm] pairs. */
  leaks: number[];
  /** Firm slots grouped by regional industry (rebuilt each tick): members[memberStart[c] .. memberStart[c+1]). */
  members: Int32Array;
  memberStart: Int32Array;
  /** Tie cost per quarter this tick, by type × (assigned by a programme). */
  tieCostNow: Float64Array;
  /** Scratch space for per-type weights. */
  scratch6: Float64Array;
  /** Scratch space for attraction weights per firm and their sums per industry (market). */
  attraction: Float64Array;
  industryTotal: Float64Array;
  /** Process fitness per firm at market clearing (scratch). */
  processFitness: Float64Array;
  /** Firms that exited this run (for the exit-hazard analysis). */
  exitLog: ExitRecord[];
  /** Programme outlays and innovative sales so far (bookkeeping only; the model never reads them). */
  outlays: Outlays;
}

/** One exit: who left, when, and the state that might explain it. */
export interface ExitRecord {
  tick: number;
  firmId: number;
  sector: number;
  region: number;
  employees: number;
  ageQuarters: number;
  lo: number;
  depth: number;
}

/** Set a firm's integration depth (and its cached power depth^k). */
export function setDepth(w: World, i: number, x: number): void {
  const k = w.s.sli.depthExponent;
  w.firms.depth[i] = x;
  // integer exponents by multiplication: this runs for every firm every quarter
  w.firms.depthK[i] = k === 3 ? x * x * x : k === 2 ? x * x : k === 1 ? x : Math.pow(x, k);
}
