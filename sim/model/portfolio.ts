/**
 * The partner portfolio (docs/ODD.md §7.6): proposals through portfolio ties, tie values and partner-type
 * estimates (Bush–Mosteller), the drop rule, capacity (with attention crowding) and new ties.
 */
import { PARTNER_TYPES } from '../config/fields.js';
import { popcount, randInt } from '../rng.js';
import { ADOPTED, lastChange } from './change.js';
import { N_TYPES, PARTNER_DOMAIN_MASK, T_COMPETITOR } from './domains.js';
import { eventCount, offer, searchCapacity } from './transfer.js';
import type { World } from './world.js';

/** Org-type index (ORG_TYPES order) of a partner type, or −1 for competitors. */
const ORG_TYPE_OF = [0, 1, -1, 2, 3, 4] as const;

/** Whether the cooperation subsidy is running at tick t. */
function subsidyActive(w: World, t: number): boolean {
  const sub = w.s.policies.cooperationSubsidy;
  return sub !== undefined && t >= sub.start && (sub.end === undefined || t <= sub.end);
}

/** Cost per quarter of a tie of `type` to the firm, after any subsidy (assigned = given by a supply-led programme). */
function tieCostAt(w: World, type: number, assigned: boolean, t: number): number {
  const name = PARTNER_TYPES[type]!;
  const base = w.s.partners[name].cost;
  const sub = w.s.policies.cooperationSubsidy;
  if (!sub || !subsidyActive(w, t) || !sub.types.includes(name)) return base;
  if (sub.mode === 'supply-led' && !assigned) return base;
  return base * (1 - sub.share);
}

/** Fill the tick's tie-cost table (type × assigned) so the hot loops make one look-up per tie. */
export function refreshTieCosts(w: World, t: number): void {
  for (let type = 0; type < N_TYPES; type++) {
    w.tieCostNow[type * 2] = tieCostAt(w, type, false, t);
    w.tieCostNow[type * 2 + 1] = tieCostAt(w, type, true, t);
  }
}

/** Cost this tick of a tie of `type` (see refreshTieCosts). */
export function tieCost(w: World, type: number, assigned: boolean): number {
  return w.tieCostNow[type * 2 + (assigned ? 1 : 0)]!;
}

/** Configuration a tie's partner offers this tick (competitors: their start-of-tick configuration), or −1 if gone. */
function partnerConfig(w: World, i: number, slot: number): number {
  const f = w.firms;
  const partner = f.tiePartner[slot]!;
  if (f.tieType[slot] === T_COMPETITOR) return f.id[partner] === f.tiePartnerId[slot] ? f.snap[partner]! : -1;
  return w.orgs.config[partner * w.nSectors + f.sector[i]!]!;
}

/** Index of the lowest set bit of a non-zero mask. */
export function lowBit(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}

/** Remove the tie in `slot` (of firm i). */
export function dropTie(w: World, i: number, slot: number): void {
  w.firms.tieType[slot] = -1;
  w.firms.tieSlots[i]! &= ~(1 << (slot - i * w.maxTies));
}

/** Proposals through each portfolio tie; records each tie's fitness gain; returns the mask of tie types held. */
export function tieProposals(w: World, i: number, t: number): number {
  const f = w.firms;
  const rng = w.rng.firms;
  let types = 0;
  for (let held = f.tieSlots[i]!; held !== 0; held &= held - 1) {
    const slot = i * w.maxTies + lowBit(held);
    const type = f.tieType[slot]!;
    const partner = partnerConfig(w, i, slot);
    if (partner < 0) {
      dropTie(w, i, slot); // the competitor exited
      continue;
    }
    types |= 1 << type;
    let gain = 0;
    const n = eventCount(rng, w.s.partners[PARTNER_TYPES[type]!].proposalRate);
    for (let k = 0; k < n; k++)
      if (offer(w, i, partner, PARTNER_DOMAIN_MASK[type]!, t) === ADOPTED) gain += lastChange.gain;
    if (type === T_COMPETITOR && rng() < w.s.transfer.competitorLeak) {
      w.leaks.push(i, f.tiePartner[slot]!);
      gain -= w.s.transfer.appropriationCost; // the firm feels its knowledge walking out of the door
    }
    f.tieGain[slot] = gain;
  }
  return types;
}

/** Tie capacity: c0 + c1·ln(employees) − θ·x^k_c (crowding), floored, within 0..maxTies. */
export function tieCapacity(w: World, i: number): number {
  const f = w.firms;
  const sli = w.s.sli;
  let crowd = 0;
  if (sli.crowding) {
    const x = f.depth[i]!;
    const kc = sli.crowdingExponent;
    crowd = sli.crowdingSlope * (kc === 1 ? x : kc === sli.depthExponent ? f.depthK[i]! : Math.pow(x, kc));
  }
  return Math.max(0, Math.min(w.maxTies, Math.floor(f.capacityBase[i]! - crowd)));
}

/** Update tie values and type estimates with this tick's rewards, drop failing ties, trim to capacity. */
export function reviseTies(w: World, i: number, t: number): void {
  const f = w.firms;
  const pf = w.s.portfolio;
  const alpha = pf.learningRate;
  const revenue = Math.max(f.revenue[i]!, 1e-9);
  const protectAssigned = subsidyActive(w, t);
  let held = 0;
  let guarded = 0;
  for (let slots = f.tieSlots[i]!; slots !== 0; slots &= slots - 1) {
    const slot = i * w.maxTies + lowBit(slots);
    const type = f.tieType[slot]!;
    const benefit = w.s.transfer.fitnessValue * f.tieGain[slot]!;
    const reward = benefit - tieCost(w, type, f.tieAssigned[slot] === 1) / revenue;
    f.tieGain[slot] = 0;
    f.tieValue[slot]! += alpha * (reward - f.tieValue[slot]!);
    // with known prices the type estimate learns what a tie brings; the cost is read when choosing
    const learned = pf.pricesKnown ? benefit : reward;
    f.typeValue[i * N_TYPES + type]! += alpha * (learned - f.typeValue[i * N_TYPES + type]!);
    f.tieNegative[slot] = f.tieValue[slot]! < 0 ? Math.min(255, f.tieNegative[slot]! + 1) : 0;
    const keep = protectAssigned && f.tieAssigned[slot] === 1;
    if (!keep && f.tieNegative[slot]! >= pf.dropAfter) dropTie(w, i, slot);
    else held++;
    if (keep) guarded++;
  }
  const cap = Math.max(tieCapacity(w, i), guarded);
  for (; held > cap; held--) dropTie(w, i, weakestTie(w, i, protectAssigned)); // assigned ties go last
}

/** Slot of firm i's lowest-valued tie (−1 if none); with `protectAssigned`, programme-assigned ties rank last. */
export function weakestTie(w: World, i: number, protectAssigned: boolean): number {
  const f = w.firms;
  let worst = -1;
  let worstRank = Infinity;
  for (let slots = f.tieSlots[i]!; slots !== 0; slots &= slots - 1) {
    const slot = i * w.maxTies + lowBit(slots);
    const rank = (protectAssigned && f.tieAssigned[slot] === 1 ? 1e9 : 0) + f.tieValue[slot]!;
    if (rank < worstRank) {
      worst = slot;
      worstRank = rank;
    }
  }
  return worst;
}

/**
 * What firm i expects of a new tie of each type: its learned estimate, less the tie's current cost as a
 * share of its revenue when prices are known (`portfolio.pricesKnown`). Written into `w.scratch6`.
 */
function expectedTieValues(w: World, i: number): Float64Array {
  const f = w.firms;
  const known = w.s.portfolio.pricesKnown;
  const revenue = Math.max(f.revenue[i]!, 1e-9);
  const values = w.scratch6;
  for (let k = 0; k < N_TYPES; k++)
    values[k] = f.typeValue[i * N_TYPES + k]! - (known ? tieCost(w, k, false) / revenue : 0);
  return values;
}

/** Choose a partner type by softmax over the firm's expected values, among types with a partner available. */
export function chooseType(w: World, i: number): number {
  const f = w.firms;
  const temp = w.s.portfolio.softmaxTemperature;
  const byType = w.orgs.byRegionType[f.region[i]!]!;
  const weights = expectedTieValues(w, i);
  let max = -Infinity;
  for (let k = 0; k < N_TYPES; k++) max = Math.max(max, weights[k]!);
  let total = 0;
  for (let k = 0; k < N_TYPES; k++) {
    const available = k === T_COMPETITOR || byType[ORG_TYPE_OF[k]!]!.length > 0;
    weights[k] = available ? Math.exp((weights[k]! - max) / temp) : 0;
    total += weights[k]!;
  }
  let u = w.rng.firms() * total;
  for (let k = 0; k < N_TYPES; k++) {
    u -= weights[k]!;
    if (u < 0 && weights[k]! > 0) return k;
  }
  return T_COMPETITOR;
}

/** Whether firm i already has a tie of `type` to `partner`. */
function hasTie(w: World, i: number, type: number, partner: number): boolean {
  for (let slots = w.firms.tieSlots[i]!; slots !== 0; slots &= slots - 1) {
    const slot = i * w.maxTies + lowBit(slots);
    if (w.firms.tieType[slot] === type && w.firms.tiePartner[slot] === partner) return true;
  }
  return false;
}

/** Draw a concrete partner of `type` for firm i (org from its region; competitor from its sector), or −1. */
export function drawPartner(w: World, i: number, type: number, t: number, rng: () => number): number {
  const f = w.firms;
  for (let attempt = 0; attempt < 8; attempt++) {
    let partner: number;
    if (type === T_COMPETITOR) {
      const region = rng() < w.s.portfolio.sameRegionCompetitor ? f.region[i]! : randInt(rng, w.nRegions);
      const c = region * w.nSectors + f.sector[i]!;
      const from = w.memberStart[c]!;
      const size = w.memberStart[c + 1]! - from;
      if (size === 0) continue;
      partner = w.members[from + randInt(rng, size)]!;
      if (partner === i) continue;
    } else {
      const pool = w.orgs.byRegionType[f.region[i]!]![ORG_TYPE_OF[type]!]!;
      if (pool.length === 0) return -1;
      partner = pool[randInt(rng, pool.length)]!;
      if (w.orgs.activeFrom[partner]! > t) continue;
    }
    if (!hasTie(w, i, type, partner)) return partner;
  }
  return -1;
}

/** Put a new tie into a free slot (the caller has checked capacity). Returns the slot or −1. */
export function formTie(
  w: World,
  i: number,
  type: number,
  partner: number,
  assigned: boolean,
  t: number,
): number {
  const f = w.firms;
  const free = ~f.tieSlots[i]! & ((1 << w.maxTies) - 1);
  if (free === 0) return -1;
  {
    const slot = i * w.maxTies + lowBit(free);
    f.tieSlots[i]! |= 1 << (slot - i * w.maxTies);
    f.tieType[slot] = type;
    f.tiePartner[slot] = partner;
    f.tiePartnerId[slot] = type === T_COMPETITOR ? f.id[partner]! : -1;
    f.tieValue[slot] = w.s.portfolio.initialValue;
    f.tieNegative[slot] = 0;
    f.tieAssigned[slot] = assigned ? 1 : 0;
    f.tieGain[slot] = 0;
    if (t >= w.windowStart) f.coopWindow[i]! |= 1 << type;
    return slot;
  }
}

/** Mask of the partner types among firm i's current ties. */
export function heldTypes(w: World, i: number): number {
  let mask = 0;
  for (let slots = w.firms.tieSlots[i]!; slots !== 0; slots &= slots - 1)
    mask |= 1 << w.firms.tieType[i * w.maxTies + lowBit(slots)]!;
  return mask;
}

/** Count of ties firm i holds. */
export function tieCount(w: World, i: number): number {
  return popcount(w.firms.tieSlots[i]!);
}

/** Below aspiration, look for a new tie with a chance rising in the shortfall; adapt aspiration. */
export function seekTie(w: World, i: number, t: number): void {
  const f = w.firms;
  const pf = w.s.portfolio;
  const rng = w.rng.firms;
  const shortfall = f.aspiration[i]! - f.margin[i]!;
  f.aspiration[i]! += pf.aspirationSpeed * (f.margin[i]! - f.aspiration[i]!);
  if (shortfall <= 0) return;
  const chance = (pf.searchBase + pf.searchPerShortfall * shortfall) * searchCapacity(w, i);
  if (rng() >= Math.min(pf.searchMax, chance)) return;
  if (tieCount(w, i) >= tieCapacity(w, i)) return;
  const type = chooseType(w, i);
  if (f.capital[i]! < pf.affordQuarters * tieCost(w, type, false)) return;
  const partner = drawPartner(w, i, type, t, rng);
  if (partner >= 0) formTie(w, i, type, partner, false, t);
}
