/**
 * NK technology landscapes, one per regional industry, stored side by side in flat typed arrays.
 * Contributions are integers in [0, 2^24) (U(0,1) at 2^-24 resolution), so fitness sums are exact
 * and comparisons between configurations never depend on rounding.
 */
import { type Rng, randInt } from '../rng.js';
import { ALL_BITS, DOMAIN_OF_BIT, DOMAIN_SIZE, N_BITS } from './domains.js';

/** Contribution resolution. */
export const SCALE = 1 << 24;

/** All landscapes of a run. Index `c` is a regional industry. */
export interface Landscapes {
  readonly count: number;
  readonly K: number;
  /** Entries per bit: 2^(K+1). */
  readonly entries: number;
  /** Positions each bit depends on: [bit, n_1..n_K] per bit, per industry. */
  readonly neighbours: Uint8Array;
  /** Contribution tables: industry × bit × entry. */
  readonly contrib: Int32Array;
  /**
   * Entry index of each bit from the configuration's low 6 bits and from its high 6 bits:
   * entry = entryLow[(c·12 + b)·64 + (cfg & 63)] | entryHigh[(c·12 + b)·64 + (cfg >> 6)].
   * Fitness is then computed directly from the industry's 12·2^(K+1) contributions (under 1 KB,
   * always in cache) — no tables to rebuild when the landscape changes.
   */
  readonly entryLow: Uint8Array;
  readonly entryHigh: Uint8Array;
  /** For each industry and bit b: mask of bits whose contribution depends on b (b excluded). */
  readonly dependents: Uint16Array;
}

/** Draw K neighbours per bit: from another domain with probability kappa, else from the bit's own domain. */
function drawNeighbours(rng: Rng, K: number, kappa: number): number[][] {
  const result: number[][] = [];
  for (let b = 0; b < N_BITS; b++) {
    const own = DOMAIN_OF_BIT[b]!;
    const chosen: number[] = [b];
    while (chosen.length < K + 1) {
      const wantOther = rng() < kappa;
      const pool: number[] = [];
      for (let j = 0; j < N_BITS; j++) {
        if (chosen.includes(j)) continue;
        if ((DOMAIN_OF_BIT[j] !== own) === wantOther) pool.push(j);
      }
      // Fall back to any free bit when the wanted pool is empty (e.g. a 2-bit domain with K = 3).
      const source =
        pool.length > 0
          ? pool
          : Array.from({ length: N_BITS }, (_, j) => j).filter((j) => !chosen.includes(j));
      chosen.push(source[randInt(rng, source.length)]!);
    }
    result.push(chosen);
  }
  return result;
}

/** Entry index of bit b's contribution table read by configuration `config` (reference implementation). */
export function entryIndex(ls: Landscapes, industry: number, bit: number, config: number): number {
  const base = (industry * N_BITS + bit) * (ls.K + 1);
  let e = 0;
  for (let j = 0; j <= ls.K; j++) e |= ((config >> ls.neighbours[base + j]!) & 1) << j;
  return e;
}

/** Create `count` landscapes with random structure and contributions drawn from `rng`. */
export function createLandscapes(rng: Rng, count: number, K: number, kappa: number): Landscapes {
  const entries = 1 << (K + 1);
  const ls: Landscapes = {
    count,
    K,
    entries,
    neighbours: new Uint8Array(count * N_BITS * (K + 1)),
    contrib: new Int32Array(count * N_BITS * entries),
    entryLow: new Uint8Array(count * N_BITS * 64),
    entryHigh: new Uint8Array(count * N_BITS * 64),
    dependents: new Uint16Array(count * N_BITS),
  };
  for (let c = 0; c < count; c++) {
    const nb = drawNeighbours(rng, K, kappa);
    for (let b = 0; b < N_BITS; b++) {
      const at = c * N_BITS + b;
      for (let j = 0; j <= K; j++) {
        const pos = nb[b]![j]!;
        ls.neighbours[at * (K + 1) + j] = pos;
        if (j > 0) ls.dependents[c * N_BITS + pos]! |= 1 << b;
      }
      for (let e = 0; e < entries; e++) ls.contrib[at * entries + e] = Math.floor(rng() * SCALE);
      for (let half = 0; half < 64; half++) {
        ls.entryLow[at * 64 + half] = entryIndex(ls, c, b, half);
        ls.entryHigh[at * 64 + half] = entryIndex(ls, c, b, half << 6);
      }
    }
  }
  return ls;
}

/** Replace one contribution entry. */
function setContribution(ls: Landscapes, c: number, bit: number, entry: number, value: number): void {
  ls.contrib[(c * N_BITS + bit) * ls.entries + entry] = value;
}

/**
 * Redraw each contribution entry of industry c independently with probability q
 * (geometric skipping: cost proportional to the number of redraws); only the entries of the
 * bits in `bits` (a mask; all bits by default) — a shock to some domains.
 * Returns the number of entries redrawn.
 */
export function redraw(ls: Landscapes, rng: Rng, c: number, q: number, bits: number = ALL_BITS): number {
  if (q <= 0) return 0;
  // the bits redrawn, in order; for all bits, position k of the entries is bit k (the usual case)
  const chosen =
    bits === ALL_BITS
      ? undefined
      : Array.from({ length: N_BITS }, (_, b) => b).filter((b) => (bits >> b) & 1);
  const bitAt = (k: number) => (chosen ? chosen[k]! : k);
  const total = (chosen ? chosen.length : N_BITS) * ls.entries;
  let count = 0;
  if (q >= 1) {
    for (let i = 0; i < total; i++)
      setContribution(ls, c, bitAt((i / ls.entries) | 0), i % ls.entries, Math.floor(rng() * SCALE));
    return total;
  }
  const logq = Math.log(1 - q);
  let pos = -1;
  for (;;) {
    pos += 1 + Math.floor(Math.log(1 - rng()) / logq);
    if (pos >= total) return count;
    setContribution(ls, c, bitAt((pos / ls.entries) | 0), pos % ls.entries, Math.floor(rng() * SCALE));
    count++;
  }
}

/** First bit and end of each domain (the domains are contiguous bit ranges). */
const DOMAIN_FROM = [0, 4, 7, 10] as const;
const DOMAIN_TO = [4, 7, 10, 12] as const;

/** Raw (integer) sum of a domain's contributions, for exact comparisons. */
export function domainSum(ls: Landscapes, c: number, domain: number, config: number): number {
  const low = config & 63;
  const high = config >> 6;
  const entries = ls.entries;
  let sum = 0;
  for (let b = DOMAIN_FROM[domain]!; b < DOMAIN_TO[domain]!; b++) {
    const at = c * N_BITS + b;
    sum += ls.contrib[at * entries + (ls.entryLow[at * 64 + low]! | ls.entryHigh[at * 64 + high]!)]!;
  }
  return sum;
}

/** Raw (integer) sum of all contributions, for exact comparisons. */
export function fitnessSum(ls: Landscapes, c: number, config: number): number {
  const low = config & 63;
  const high = config >> 6;
  const entries = ls.entries;
  let sum = 0;
  for (let b = 0; b < N_BITS; b++) {
    const at = c * N_BITS + b;
    sum += ls.contrib[at * entries + (ls.entryLow[at * 64 + low]! | ls.entryHigh[at * 64 + high]!)]!;
  }
  return sum;
}

/** Overall fitness F of a configuration in industry c (mean of the 12 contributions, in [0, 1)). */
export function fitness(ls: Landscapes, c: number, config: number): number {
  return fitnessSum(ls, c, config) / (N_BITS * SCALE);
}

/** Domain fitness F_d (mean over the domain's bits). */
export function domainFitness(ls: Landscapes, c: number, domain: number, config: number): number {
  return domainSum(ls, c, domain, config) / (DOMAIN_SIZE[domain]! * SCALE);
}
