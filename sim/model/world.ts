/**
 * The state of one run: landscapes, organisations and firms as structure-of-arrays typed arrays.
 * Firms live in fixed slots 0..population-1; an entrant takes the slot of the firm that exited.
 */
import type { Scenario } from '../config/scenario.js';
import type { Rng } from '../rng.js';
import { N_TYPES } from './domains.js';
import type { Landscapes } from './landscape.js';

/** Named random streams of a run (MODEL.md §1: common random numbers). */
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

/** Firm state, one entry per slot. */
export interface Firms {
  n: number;
  id: Int32Array;
  sector: Uint8Array;
  region: Uint8Array;
  industry: Uint16Array;
  age: Int32Array;
  employees: Float64Array;
  /** c0 + c1·ln(employees): tie capacity before crowding (fixed for a firm's life). */
  capacityBase: Float64Array;
  config: Uint16Array;
  /** Configurations at the start of the firm phase of the tick (what partners see). */
  snap: Uint16Array;
  capital: Float64Array;
  lo: Float64Array;
  absorptive: Float64Array;
  depth: Float64Array;
  /** depth^k (k = sli.depthExponent), kept with depth by setDepth: convergence and lock-in read it. */
  depthK: Float64Array;
  integrationCost: Float64Array;
  revenue: Float64Array;
  /** Overall fitness F at market clearing this quarter (read by the observer). */
  fitnessNow: Float64Array;
  margin: Float64Array;
  aspiration: Float64Array;
  /** Spending this tick on own search. */
  searchSpend: Float64Array;
  /** Partner-type value estimates Q, firm × type. */
  typeValue: Float64Array;
  // main supplier relation
  supplier: Int32Array;
  dyad: Uint16Array;
  aligned: Uint8Array;
  realignLeft: Int32Array;
  /** Adopted main-supplier proposals per quarter, ring over the reassessment window: firm × window. */
  supplierAdoptRing: Uint8Array;
  supplierAdoptSum: Int32Array;
  /** Last quarter in which lock-in bound (a change with positive perceived gain rejected for its switching cost). */
  lastLockTick: Int32Array;
  // portfolio ties, firm × maxTies; tieType −1 = empty
  /** Bit k set when slot k of the firm holds a tie (so loops visit only held ties). */
  tieSlots: Uint16Array;
  tieType: Int8Array;
  tiePartner: Int32Array;
  /** For competitor ties: the partner firm's id (the slot may be taken by an entrant). */
  tiePartnerId: Int32Array;
  tieValue: Float64Array;
  tieNegative: Uint8Array;
  /** 1 if the tie was assigned by a supply-led programme. */
  tieAssigned: Uint8Array;
  /** Fitness gained through the tie this tick. */
  tieGain: Float64Array;
  // vintages: raw weights born per quarter in a ring of length youngAge
  vintageRing: Float64Array;
  youngWeight: Float64Array;
  oldWeight: Float64Array;
  // innovation and cooperation masks
  innoTick: Uint8Array;
  innoWindow: Uint8Array;
  coopWindow: Uint8Array;
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

/** Allocate zeroed firm arrays for n slots. */
export function allocFirms(n: number, maxTies: number, window: number, youngAge: number): Firms {
  const f64 = () => new Float64Array(n);
  return {
    n,
    id: new Int32Array(n),
    sector: new Uint8Array(n),
    region: new Uint8Array(n),
    industry: new Uint16Array(n),
    age: new Int32Array(n),
    employees: f64(),
    capacityBase: f64(),
    config: new Uint16Array(n),
    snap: new Uint16Array(n),
    capital: f64(),
    lo: f64(),
    absorptive: f64(),
    depth: f64(),
    depthK: f64(),
    integrationCost: f64(),
    revenue: f64(),
    fitnessNow: f64(),
    margin: f64(),
    aspiration: f64(),
    searchSpend: f64(),
    typeValue: new Float64Array(n * N_TYPES),
    supplier: new Int32Array(n),
    dyad: new Uint16Array(n),
    aligned: new Uint8Array(n),
    realignLeft: new Int32Array(n),
    supplierAdoptRing: new Uint8Array(n * window),
    supplierAdoptSum: new Int32Array(n),
    lastLockTick: new Int32Array(n).fill(-1_000_000),
    tieSlots: new Uint16Array(n),
    tieType: new Int8Array(n * maxTies).fill(-1),
    tiePartner: new Int32Array(n * maxTies),
    tiePartnerId: new Int32Array(n * maxTies),
    tieValue: new Float64Array(n * maxTies),
    tieNegative: new Uint8Array(n * maxTies),
    tieAssigned: new Uint8Array(n * maxTies),
    tieGain: new Float64Array(n * maxTies),
    vintageRing: new Float64Array(n * youngAge),
    youngWeight: f64(),
    oldWeight: f64(),
    innoTick: new Uint8Array(n),
    innoWindow: new Uint8Array(n),
    coopWindow: new Uint8Array(n),
  };
}
