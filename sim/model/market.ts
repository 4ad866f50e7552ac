/** The market of each regional industry (docs/ODD.md §7.7): logit shares, revenue, costs, profit, vintages. */
import { DOMAIN_SIZE, MARKETING, N_BITS, ORG, PROCESS, PRODUCT } from './domains.js';
import { SCALE, domainSum } from './landscape.js';
import { lowBit, tieCost } from './portfolio.js';
import type { World } from './world.js';

/** Innovative sales share: revenue share of vintages younger than youngAge. */
export function innovativeSalesShare(w: World, i: number): number {
  const f = w.firms;
  const young = Math.max(0, f.youngWeight[i]!);
  return young / (w.s.market.establishedWeight + young + Math.max(0, f.oldWeight[i]!));
}

/**
 * Age the vintages at the start of tick t: every weight decays, and the vintage born youngAge
 * quarters ago moves from young to old.
 */
export function ageVintages(w: World, t: number): void {
  const f = w.firms;
  const m = w.s.market;
  const Y = m.youngAge;
  const expiring = Math.pow(m.vintageDecay, Y);
  const slot = t % Y;
  for (let i = 0; i < f.n; i++) {
    const at = i * Y + slot;
    const leaving = f.vintageRing[at]! * expiring;
    f.vintageRing[at] = 0;
    f.youngWeight[i] = Math.max(0, f.youngWeight[i]! * m.vintageDecay - leaving);
    f.oldWeight[i] = f.oldWeight[i]! * m.vintageDecay + leaving;
  }
}

/** Shares ∝ employees·exp(β·u), revenue, unit and fixed costs, tie, search and integration costs, profit. */
export function clearMarkets(w: World, t: number): void {
  const f = w.firms;
  const m = w.s.market;
  const ls = w.ls;
  const total = w.industryTotal.fill(0);
  for (let i = 0; i < f.n; i++) {
    const c = f.industry[i]!;
    const cfg = f.config[i]!;
    const product = domainSum(ls, c, PRODUCT, cfg);
    const process = domainSum(ls, c, PROCESS, cfg);
    const marketing = domainSum(ls, c, MARKETING, cfg);
    f.fitnessNow[i] = (product + process + marketing + domainSum(ls, c, ORG, cfg)) / (N_BITS * SCALE);
    const u =
      (m.weightProduct * product) / (DOMAIN_SIZE[PRODUCT] * SCALE) +
      (m.weightMarketing * marketing) / (DOMAIN_SIZE[MARKETING] * SCALE) +
      m.weightNewness * innovativeSalesShare(w, i);
    w.processFitness[i] = process / (DOMAIN_SIZE[PROCESS] * SCALE);
    const a = f.employees[i]! * Math.exp(m.shareSensitivity * u);
    w.attraction[i] = a;
    total[c]! += a;
  }
  const growth = Math.pow(1 + m.demandTrend, t);
  const saving = w.s.sli.costSaving;
  const reserve = w.s.firms.reservePerEmployee;
  for (let i = 0; i < f.n; i++) {
    const c = f.industry[i]!;
    const revenue = (w.demand0[c]! * growth * w.attraction[i]!) / total[c]!;
    const x = f.depth[i]!;
    const unitCost = Math.max(
      0,
      m.unitCost * (1 - m.processCostCut * w.processFitness[i]!) - saving * x * f.aligned[i]!,
    );
    let ties = 0;
    for (let held = f.tieSlots[i]!; held !== 0; held &= held - 1) {
      const slot = i * w.maxTies + lowBit(held);
      ties += tieCost(w, f.tieType[slot]!, f.tieAssigned[slot] === 1);
    }
    const profit =
      revenue * (1 - unitCost) -
      m.fixedCostPerEmployee * f.employees[i]! -
      ties -
      f.searchSpend[i]! -
      f.integrationCost[i]! * x * x * f.employees[i]!;
    f.capital[i]! += profit;
    if (reserve > 0 && f.capital[i]! > reserve * f.employees[i]!) f.capital[i] = reserve * f.employees[i]!;
    f.revenue[i] = revenue;
    f.margin[i] = revenue > 0 ? profit / revenue : -1;
    f.searchSpend[i] = 0;
  }
}
