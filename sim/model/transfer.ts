/** Knowledge transfer through ties (docs/ODD.md §7.3): proposals, absorption, complementary adjustment, leaks. */
import { popcount, randInt, randomBitOf } from '../rng.js';
import { ADOPTED, NOT_ABSORBED, NOTHING, lastChange, tryChange } from './change.js';
import { ALL_BITS, N_BITS } from './domains.js';
import type { World } from './world.js';

/** Number of events this tick for an expected rate (whole part certain, fractional part a coin flip). */
export function eventCount(rng: () => number, rate: number): number {
  const whole = Math.floor(rate);
  return whole + (rng() < rate - whole ? 1 : 0);
}

/** Probability that a proposal at distance d is understood by a firm with absorptive capacity A. */
export function absorptionProbability(d: number, d0: number, A: number): number {
  return Math.exp(-d / (d0 * A));
}

/**
 * A partner with configuration `partner` proposes 1..maxBits of its differing bits within `domains`.
 * Returns NOTHING (no difference), NOT_ABSORBED, REJECTED (judged worse), LOCKED or ADOPTED;
 * after ADOPTED, `lastChange.gain` holds the true fitness gain of the proposal itself.
 */
export function offer(w: World, i: number, partner: number, domains: number, t: number): number {
  const f = w.firms;
  const rng = w.rng.firms;
  const current = f.config[i]!;
  const diff = (partner ^ current) & domains;
  if (diff === 0) return NOTHING;
  const d = popcount(diff);
  const k = 1 + randInt(rng, Math.min(w.s.transfer.maxBitsPerProposal, d));
  let bits = 0;
  let rest = diff;
  for (let j = 0; j < k; j++) {
    const b = randomBitOf(rng, rest);
    bits |= b;
    rest ^= b;
  }
  if (rng() >= absorptionProbability(d, w.s.transfer.absorptionScale, f.absorptive[i]!)) return NOT_ABSORBED;
  const code = tryChange(w, i, current ^ bits, t);
  if (code === ADOPTED && w.s.transfer.complementaryAdjustment) {
    const gain = lastChange.gain;
    complementaryAdjustment(w, i, bits, t);
    lastChange.gain = gain;
  }
  return code;
}

/** After an external change, try one flip of a bit whose contribution depends on the changed bits. */
export function complementaryAdjustment(w: World, i: number, changed: number, t: number): void {
  const base = w.firms.industry[i]! * N_BITS;
  let deps = 0;
  for (let b = 0; b < N_BITS; b++) if ((changed >> b) & 1) deps |= w.ls.dependents[base + b]!;
  const candidates = deps & ~changed & ALL_BITS;
  if (candidates === 0) return;
  tryChange(w, i, w.firms.config[i]! ^ randomBitOf(w.rng.firms, candidates), t);
}

/**
 * A firm's search capacity relative to a firm of median size: (employees/sizeMedian)^ε. Searching takes
 * people, so larger firms try more changes and look for partners more often (1 when ε = 0).
 */
export function searchCapacity(w: World, i: number): number {
  const e = w.s.search.sizeElasticity;
  return e === 0 ? 1 : Math.pow(w.firms.employees[i]! / w.s.firms.sizeMedian, e);
}

/**
 * Own search: (base + perLO·LO)·searchCapacity trials a quarter (`eventCount`), each a flip of one bit,
 * kept if perceived better; every trial costs costPerEmployee·employees.
 */
export function ownSearch(w: World, i: number, t: number): void {
  const f = w.firms;
  const sr = w.s.search;
  const rng = w.rng.firms;
  const trials = eventCount(rng, (sr.base + sr.perLO * f.lo[i]!) * searchCapacity(w, i));
  for (let k = 0; k < trials; k++) {
    f.searchSpend[i]! += sr.costPerEmployee * f.employees[i]!;
    tryChange(w, i, f.config[i]! ^ (1 << randInt(rng, N_BITS)), t);
  }
}

/**
 * Competitor ties leak: queued leaks (from → to) are applied after all firms have moved, in queue
 * order; the receiving competitor may copy one of the sender's (start-of-tick) bits if it judges it better.
 */
export function applyLeaks(w: World, t: number): void {
  const f = w.firms;
  for (let q = 0; q < w.leaks.length; q += 2) {
    const from = w.leaks[q]!;
    const to = w.leaks[q + 1]!;
    const diff = (f.snap[from]! ^ f.config[to]!) & ALL_BITS;
    if (diff === 0) continue;
    tryChange(w, to, f.config[to]! ^ randomBitOf(w.rng.firms, diff), t);
  }
  w.leaks.length = 0;
}
