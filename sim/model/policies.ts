/** Policy levers (docs/ODD.md §7.9) that act on firms at a point in time; costs and caps are read where they apply. */
import { PARTNER_TYPES } from '../config/fields.js';
import { randInt } from '../rng.js';
import { drawPartner, dropTie, formTie, tieCapacity, tieCount, weakestTie } from './portfolio.js';
import type { World } from './world.js';

/** Pick round(share·n) distinct firm slots at random from the policy stream (partial Fisher–Yates). */
function pickFirms(w: World, share: number): Int32Array {
  const n = w.firms.n;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const k = Math.round(share * n);
  for (let j = 0; j < k; j++) {
    const r = j + randInt(w.rng.policy, n - j);
    const tmp = order[j]!;
    order[j] = order[r]!;
    order[r] = tmp;
  }
  return order.subarray(0, k);
}

/** Apply the levers that act at tick t: training raises LO; a supply-led subsidy assigns ties. */
export function applyPolicies(w: World, t: number): void {
  const pol = w.s.policies;
  if (pol.training && pol.training.start === t) {
    for (const i of pickFirms(w, pol.training.share))
      w.firms.lo[i] = Math.min(1, w.firms.lo[i]! + pol.training.amount);
  }
  const sub = pol.cooperationSubsidy;
  if (sub && sub.mode === 'supply-led' && sub.start === t) {
    for (const i of pickFirms(w, sub.targetShare)) {
      const type = PARTNER_TYPES.indexOf(sub.types[randInt(w.rng.policy, sub.types.length)]!);
      // The programme tie takes a free place; a firm at capacity makes room by dropping its weakest tie.
      if (tieCount(w, i) >= Math.max(1, tieCapacity(w, i))) dropWeakest(w, i);
      const partner = drawPartner(w, i, type, t, w.rng.policy);
      if (partner >= 0) formTie(w, i, type, partner, true, t);
    }
  }
}

/** Remove firm i's lowest-valued tie. */
function dropWeakest(w: World, i: number): void {
  const worst = weakestTie(w, i, false);
  if (worst >= 0) dropTie(w, i, worst);
}

/** The integration-depth cap in force at tick t (1 without a supplier-diversity policy). */
export function depthCap(w: World, t: number): number {
  const sd = w.s.policies.supplierDiversity;
  return sd && t >= sd.start ? sd.depthCap : 1;
}
