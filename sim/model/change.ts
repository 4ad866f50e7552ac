/**
 * Evaluating and adopting a change to a firm's configuration (docs/ODD.md §7.3 evaluation, §7.4 lock-in),
 * and counting what an adopted change is: an innovation of each domain whose fitness it raises.
 */
import { normal } from '../rng.js';
import { DOMAIN_MASK, INTERFACE_MASK, PRODUCT } from './domains.js';
import { domainFitness, domainSum, fitness } from './landscape.js';
import { settle } from './dynamism.js';
import type { World } from './world.js';

/** Outcome codes of a proposed change. */
export const NOTHING = 0;
export const ADOPTED = 1;
export const REJECTED = 2;
/** Rejected only because of the perceived switching cost of an interface change. */
export const LOCKED = 3;
/** The proposal was not understood (absorption failed). */
export const NOT_ABSORBED = 4;

/** True fitness gain of the last adopted change (read right after an ADOPTED result). */
export const lastChange = { gain: 0 };

/** Spread of a firm's perception error: falls linearly with absorptive capacity A. */
function perceptionSd(w: World, A: number): number {
  const tr = w.s.transfer;
  return tr.evalNoise * (1 - A) + tr.evalNoiseFloor;
}

/**
 * The perceived fitness gain a change must exceed to be worth implementing: its implementation cost as
 * a share of the firm's quarterly revenue, at the exchange rate ψ (`transfer.fitnessValue`) that ties use.
 * The same change pays more in a larger firm (cost spreading): its gain scales with output, its cost does not.
 */
function implementationHurdle(w: World, i: number): number {
  const cost = w.s.transfer.implementationCost;
  if (cost === 0) return 0;
  return cost / Math.max(w.s.transfer.fitnessValue * w.firms.revenue[i]!, 1e-9);
}

/**
 * The firm perceives the fitness change of moving to `next` with noise and adopts it when that exceeds
 * the implementation hurdle plus the perceived switching cost of touching the logistics interface
 * (∝ x^k·(1 − LO)). A change worth implementing but for the switching cost is LOCKED.
 */
export function tryChange(w: World, i: number, next: number, t: number): number {
  const f = w.firms;
  const c = f.industry[i]!;
  const current = f.config[i]!;
  const gain = fitness(w.ls, c, next) - fitness(w.ls, c, current);
  const perceived = gain + perceptionSd(w, f.absorptive[i]!) * normal(w.rng.firms);
  const sli = w.s.sli;
  const switching =
    sli.lockIn && ((current ^ next) & INTERFACE_MASK) !== 0
      ? sli.switchingCost * f.depthK[i]! * (1 - f.lo[i]!) * settle(w, i)
      : 0;
  const hurdle = implementationHurdle(w, i);
  if (perceived <= hurdle + switching) {
    if (perceived > hurdle) {
      f.lastLockTick[i] = t;
      return LOCKED;
    }
    return REJECTED;
  }
  adopt(w, i, next, t);
  f.searchSpend[i]! += w.s.transfer.implementationCost;
  lastChange.gain = gain;
  return ADOPTED;
}

/** Apply a change: record innovations per domain, start a product vintage, break the interface if touched. */
export function adopt(w: World, i: number, next: number, t: number): void {
  const f = w.firms;
  const c = f.industry[i]!;
  const current = f.config[i]!;
  const changed = current ^ next;
  let mask = 0;
  for (let d = 0; d < 4; d++) {
    if ((changed & DOMAIN_MASK[d]!) !== 0 && domainSum(w.ls, c, d, next) > domainSum(w.ls, c, d, current))
      mask |= 1 << d;
  }
  if (mask & (1 << PRODUCT)) {
    const m = w.s.market;
    const weight =
      m.vintageBase +
      m.vintageGain * (domainFitness(w.ls, c, PRODUCT, next) - domainFitness(w.ls, c, PRODUCT, current));
    f.vintageRing[i * m.youngAge + (t % m.youngAge)]! += weight;
    f.youngWeight[i]! += weight;
  }
  f.innoTick[i]! |= mask;
  f.config[i] = next;
  const sli = w.s.sli;
  if (sli.lockIn && (changed & INTERFACE_MASK) !== 0 && f.depth[i]! > 0) {
    f.aligned[i] = 0;
    f.realignLeft[i] = Math.ceil(sli.realignTicksPerDepth * f.depth[i]! * settle(w, i));
  }
}
