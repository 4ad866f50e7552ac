/**
 * Programme outlays and innovative sales, recorded per run. Pure bookkeeping: it reads the world after the
 * market has cleared and changes nothing the model reads, so a run's course is the same with or without it.
 */
import { PARTNER_TYPES } from '../config/fields.js';
import { N_TYPES } from './domains.js';
import { innovativeSalesShare } from './market.js';
import { lowBit } from './portfolio.js';
import type { World } from './world.js';

/** What the programmes have paid so far in the run, and the innovative sales summed over its quarters. */
export interface Outlays {
  /** Subsidy paid by partner type (PARTNER_TYPES order): the subsidised share of the tie costs. */
  subsidy: Float64Array;
  /** Training delivered: firms trained × `policies.training.costPerFirm` (NaN when no cost is given). */
  training: number;
  /** Revenue from products of the young vintages, summed over firms and quarters. */
  innovativeSales: number;
}

/** Fresh, empty books. */
export function emptyOutlays(): Outlays {
  return { subsidy: new Float64Array(N_TYPES), training: 0, innovativeSales: 0 };
}

/**
 * Book tick t, after the market clears (the ties held then are the ones paid for): the subsidised part of
 * each held tie's cost (its full cost less what the firm paid), the training delivered in the programme's
 * quarter (as many firms as `applyPolicies` trains), and every firm's innovative sales.
 */
export function recordOutlays(w: World, t: number): void {
  const books = w.outlays;
  const f = w.firms;
  const training = w.s.policies.training;
  if (training && training.start === t)
    books.training += Math.round(training.share * f.n) * (training.costPerFirm ?? NaN);
  const full = PARTNER_TYPES.map((name) => w.s.partners[name].cost);
  let subsidised = false;
  for (let k = 0; k < 2 * N_TYPES; k++) subsidised ||= w.tieCostNow[k] !== full[k >> 1];
  for (let i = 0; i < f.n; i++) {
    books.innovativeSales += f.revenue[i]! * innovativeSalesShare(w, i);
    if (!subsidised) continue;
    for (let held = f.tieSlots[i]!; held !== 0; held &= held - 1) {
      const slot = i * w.maxTies + lowBit(held);
      const type = f.tieType[slot]!;
      books.subsidy[type]! += full[type]! - w.tieCostNow[type * 2 + f.tieAssigned[slot]!]!;
    }
  }
}
