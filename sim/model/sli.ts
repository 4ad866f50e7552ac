/**
 * Supplier logistics integration (docs/ODD.md §7.4): the main supplier's proposals (rising limb), the dyad
 * view's progress and convergence, interface realignment, the myopic drift of depth and reassessment.
 */
import { ADOPTED } from './change.js';
import { PARTNER_DOMAIN_MASK, T_SUPPLIER } from './domains.js';
import { eventCount, offer } from './transfer.js';
import { settle } from './dynamism.js';
import { type World, setDepth } from './world.js';

const SUPPLIER_DOMAINS = PARTNER_DOMAIN_MASK[T_SUPPLIER];

/** The main supplier proposes from the dyad view at rate p_s0 + p_s1·x; returns proposals adopted. */
export function supplierProposals(w: World, i: number, t: number): number {
  const f = w.firms;
  const sli = w.s.sli;
  const n = eventCount(w.rng.firms, sli.proposalBase + sli.proposalSlope * f.depth[i]!);
  let adopted = 0;
  for (let k = 0; k < n; k++) if (offer(w, i, f.dyad[i]!, SUPPLIER_DOMAINS, t) === ADOPTED) adopted++;
  const W = sli.reassessWindow;
  const at = i * W + (t % W);
  f.supplierAdoptSum[i]! += adopted - f.supplierAdoptRing[at]!;
  f.supplierAdoptRing[at] = adopted;
  return adopted;
}

/**
 * Dyad view update, in this order (the order shapes the curve, §5): first each bit the supplier
 * organisation changed in this tick's adaptation (its progress) is copied with probability μ where the
 * dyad still differs from it; then, with convergence on, each differing bit in the supplier's domains copies the firm's
 * value with probability γ·x^k·(1 − ω·LO)·settle — a learning-oriented firm keeps the dyad a two-way relation,
 * and where the market moves fast the dyad's routines do not settle (see `settle`).
 */
export function updateDyad(w: World, i: number): void {
  const f = w.firms;
  const sli = w.s.sli;
  const rng = w.rng.firms;
  let dyad = f.dyad[i]!;
  const at = f.supplier[i]! * w.nSectors + f.sector[i]!;
  let diff = (dyad ^ w.orgs.config[at]!) & w.orgs.progress[at]!;
  while (diff !== 0) {
    const b = diff & -diff;
    diff ^= b;
    if (rng() < sli.supplierProgress) dyad ^= b;
  }
  if (sli.convergence) {
    const p = sli.convergenceRate * f.depthK[i]! * (1 - sli.convergenceLOShield * f.lo[i]!) * settle(w, i);
    let conv = (dyad ^ f.config[i]!) & SUPPLIER_DOMAINS;
    while (conv !== 0) {
      const b = conv & -conv;
      conv ^= b;
      if (rng() < p) dyad ^= b;
    }
  }
  f.dyad[i] = dyad;
  if (f.aligned[i] === 0 && --f.realignLeft[i]! <= 0) f.aligned[i] = 1;
}

/**
 * Depth: a small step η towards the realised marginal net benefit σ·aligned·revenue − 2ι·x·employees;
 * with probability r0 + r1·LO a reassessment cuts depth when the supplier gave fewer than k_r adopted
 * proposals in the window and lock-in bound in that span. A supplier-diversity cap bounds depth.
 */
export function updateDepth(w: World, i: number, t: number, cap: number): void {
  const f = w.firms;
  const sli = w.s.sli;
  let x = f.depth[i]!;
  const benefit =
    sli.costSaving * f.aligned[i]! * f.revenue[i]! - 2 * f.integrationCost[i]! * x * f.employees[i]!;
  if (benefit > 0) x += sli.driftStep;
  else if (benefit < 0) x -= sli.driftStep;
  if (w.rng.firms() < sli.reassessBase + sli.reassessPerLO * f.lo[i]!) {
    const starved = f.supplierAdoptSum[i]! < sli.reassessMinAdoptions;
    const bound = f.lastLockTick[i]! > t - sli.reassessWindow;
    if (starved && bound) x -= sli.reassessCut;
  }
  setDepth(w, i, Math.min(cap, Math.max(0, x)));
}
