/** One tick (one quarter) of the model, in the order of docs/ODD.md §3. */
import { exitAndEntry, indexMembers } from './model/demography.js';
import { deltaAt } from './model/dynamism.js';
import { domainFitness, redraw } from './model/landscape.js';
import { ageVintages, clearMarkets } from './model/market.js';
import { adaptOrgs } from './model/orgs.js';
import { applyPolicies, depthCap } from './model/policies.js';
import { heldTypes, refreshTieCosts, reviseTies, seekTie, tieProposals } from './model/portfolio.js';
import { popcount } from './rng.js';
import { supplierProposals, updateDepth, updateDyad } from './model/sli.js';
import { applyLeaks, ownSearch } from './model/transfer.js';
import { ALL_BITS, DOMAIN_MASK, DOMAIN_NAMES, ORG } from './model/domains.js';
import { observe, timeseriesIndex } from './model/observe.js';
import { recordOutlays } from './model/outlays.js';
import type { World } from './model/world.js';

/** The bits a shock redraws: those of its domains, or all. */
const shockBits = (domains: readonly (typeof DOMAIN_NAMES)[number][] | undefined) =>
  domains ? domains.reduce((m, d) => m | DOMAIN_MASK[DOMAIN_NAMES.indexOf(d)]!, 0) : ALL_BITS;

/**
 * Step 1: δ(t) and the settled dynamism (ODD §7.4); redraw contribution entries with probability ρ·δ·m_c;
 * shocks (redraw, demand loss).
 */
export function environmentPhase(w: World, t: number): void {
  const s = w.s;
  w.delta = deltaAt(s.dynamism, t);
  const memory = s.sli.settleMemory;
  w.settledDelta = memory <= 1 || t === 0 ? w.delta : w.settledDelta + (w.delta - w.settledDelta) / memory;
  for (let c = 0; c < w.nIndustries; c++) {
    const intensity = w.delta * w.multiplier[c]!;
    redraw(w.ls, w.rng.world, c, s.landscape.redrawRate * intensity);
    if (t >= w.windowStart) w.windowDynamism[c]! += intensity;
  }
  for (const shock of s.dynamism.shocks) {
    if (shock.tick !== t) continue;
    const bits = shockBits(shock.domains);
    for (let c = 0; c < w.nIndustries; c++) {
      if (shock.sectors && !shock.sectors.includes(s.sectors[c % w.nSectors]!)) continue;
      redraw(w.ls, w.rng.world, c, shock.magnitude, bits);
      w.demand0[c]! *= 1 - shock.demandLoss;
    }
  }
}

/** Where a firm's size lies between the smallest and the largest SME, on a log scale: 0 … 1. */
function sizeScore(w: World, i: number): number {
  const { sizeMin, sizeMax } = w.s.firms;
  if (sizeMax <= sizeMin) return 0;
  const score = Math.log(w.firms.employees[i]! / sizeMin) / Math.log(sizeMax / sizeMin);
  return Math.min(1, Math.max(0, score));
}

/** Absorptive capacity A = a0 + a1·LO + a2·F_org + a3·sizeScore, clipped to [0.05, 1]. */
function updateAbsorptive(w: World, i: number): void {
  const f = w.firms;
  const tr = w.s.transfer;
  const c = f.industry[i]!;
  const fOrg = domainFitness(w.ls, c, ORG, f.config[i]!);
  const bySize = tr.capacityPerSize === 0 ? 0 : tr.capacityPerSize * sizeScore(w, i);
  const capacity = tr.capacityBase + tr.capacityPerLO * f.lo[i]! + tr.capacityPerOrgFitness * fOrg + bySize;
  f.absorptive[i] = Math.min(1, Math.max(0.05, capacity));
}

/** Step 3: every firm, against the start-of-tick snapshot of the others. */
function firmPhase(w: World, t: number): void {
  const f = w.firms;
  f.snap.set(f.config);
  f.innoTick.fill(0);
  const cap = depthCap(w, t);
  const inWindow = t >= w.windowStart;
  // Slot order; any fixed order is fair, since everyone reads the start-of-tick snapshot. (Visiting
  // firms grouped by industry was tried: it scatters access over the firm arrays and ran 35% slower.)
  for (let i = 0; i < f.n; i++) {
    updateAbsorptive(w, i);
    const held = tieProposals(w, i, t); // 3a: portfolio ties
    if (inWindow) f.coopWindow[i]! |= held;
    supplierProposals(w, i, t); // 3a: main supplier
    ownSearch(w, i, t); // 3b
    updateDyad(w, i); // 3c
    updateDepth(w, i, t, cap);
    reviseTies(w, i, t); // 3d
    seekTie(w, i, t);
  }
  applyLeaks(w, t);
}

/** Advance the world by one quarter; returns the tick's time-series row (without run_id). */
export function tick(w: World, t: number): number[] {
  w.counters.entries = 0;
  w.counters.exits = 0;
  environmentPhase(w, t);
  adaptOrgs(w.s, w.orgs, w.ls, w.nSectors);
  applyPolicies(w, t);
  refreshTieCosts(w, t);
  ageVintages(w, t);
  firmPhase(w, t);
  clearMarkets(w, t);
  recordOutlays(w, t);
  const f = w.firms;
  if (t >= w.windowStart) for (let i = 0; i < f.n; i++) f.innoWindow[i]! |= f.innoTick[i]!;
  const row = observe(w, t);
  exitAndEntry(w, t);
  indexMembers(w);
  row[timeseriesIndex('entries')] = w.counters.entries;
  row[timeseriesIndex('exits')] = w.counters.exits;
  return row;
}

/** Distinct partner types among firm i's current ties. */
export function breadthNow(w: World, i: number): number {
  return popcount(heldTypes(w, i));
}
