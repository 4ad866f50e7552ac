/**
 * NK technology landscapes, one per regional industry, stored side by side in flat typed arrays.
 * Contributions are integers in [0, 2^24) (U(0,1) at 2^-24 resolution) so that the tabulated fitness
 * of all 4,096 configurations can be updated incrementally and still equal a brute-force sum exactly.
 */
import { type Rng, randInt } from '../rng.js';
import { DOMAIN_OF_BIT, DOMAIN_SIZE, N_BITS, N_CONFIGS } from './domains.js';

/** Contribution resolution. */
export const SCALE = 1 << 24;
/** Record length of `sums`. */
export const STRIDE = 4;

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
   * Fitness sums per (industry, configuration), interleaved in records of STRIDE = 4: [product, process,
   * organisational, marketing] (16 bytes), so one look-up touches one cache line. The overall sum is
   * the sum of the four (kept implicit: a redraw then writes one number per configuration, not two).
   */
  readonly sums: Int32Array;
  /** Configurations whose bit b reads entry e: (industry × 12 + b) × entries + e → list of 4096/entries configs. */
  readonly matches: Uint16Array;
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
      const source = pool.length > 0 ? pool : Array.from({ length: N_BITS }, (_, j) => j).filter((j) => !chosen.includes(j));
      chosen.push(source[randInt(rng, source.length)]!);
    }
    result.push(chosen);
  }
  return result;
}

/** Entry index of bit b's contribution table read by configuration `config`. */
export function entryIndex(ls: Landscapes, industry: number, bit: number, config: number): number {
  const base = (industry * N_BITS + bit) * (ls.K + 1);
  let e = 0;
  for (let j = 0; j <= ls.K; j++) e |= ((config >> ls.neighbours[base + j]!) & 1) << j;
  return e;
}

/** Create `count` landscapes with random structure and contributions drawn from `rng`. */
export function createLandscapes(rng: Rng, count: number, K: number, kappa: number): Landscapes {
  const entries = 1 << (K + 1);
  const perEntry = N_CONFIGS / entries;
  const ls: Landscapes = {
    count,
    K,
    entries,
    neighbours: new Uint8Array(count * N_BITS * (K + 1)),
    contrib: new Int32Array(count * N_BITS * entries),
    sums: new Int32Array(count * N_CONFIGS * STRIDE),
    matches: new Uint16Array(count * N_BITS * N_CONFIGS),
    dependents: new Uint16Array(count * N_BITS),
  };
  for (let c = 0; c < count; c++) {
    const nb = drawNeighbours(rng, K, kappa);
    for (let b = 0; b < N_BITS; b++) {
      for (let j = 0; j <= K; j++) {
        const pos = nb[b]![j]!;
        ls.neighbours[(c * N_BITS + b) * (K + 1) + j] = pos;
        if (j > 0) ls.dependents[c * N_BITS + pos]! |= 1 << b;
      }
      for (let e = 0; e < entries; e++) ls.contrib[(c * N_BITS + b) * entries + e] = Math.floor(rng() * SCALE);
      const fill = new Int32Array(entries);
      for (let cfg = 0; cfg < N_CONFIGS; cfg++) {
        const e = entryIndex(ls, c, b, cfg);
        ls.matches[((c * N_BITS + b) * entries + e) * perEntry + fill[e]!] = cfg;
        fill[e]!++;
      }
    }
    recomputeFitness(ls, c);
  }
  return ls;
}

/** Recompute industry c's fitness tables from its contributions (brute force). */
export function recomputeFitness(ls: Landscapes, c: number): void {
  for (let cfg = 0; cfg < N_CONFIGS; cfg++) {
    const dom = [0, 0, 0, 0];
    for (let b = 0; b < N_BITS; b++) dom[DOMAIN_OF_BIT[b]!]! += ls.contrib[(c * N_BITS + b) * ls.entries + entryIndex(ls, c, b, cfg)]!;
    const at = (c * N_CONFIGS + cfg) * STRIDE;
    for (let d = 0; d < 4; d++) ls.sums[at + d] = dom[d]!;
  }
}

/** Replace one contribution entry and update the fitness tables of the configurations that read it. */
export function setContribution(ls: Landscapes, c: number, bit: number, entry: number, value: number): void {
  const at = (c * N_BITS + bit) * ls.entries + entry;
  const delta = value - ls.contrib[at]!;
  if (delta === 0) return;
  ls.contrib[at] = value;
  const perEntry = N_CONFIGS / ls.entries;
  const from = at * perEntry;
  const base = c * N_CONFIGS * STRIDE + DOMAIN_OF_BIT[bit]!;
  for (let k = from; k < from + perEntry; k++) ls.sums[base + ls.matches[k]! * STRIDE]! += delta;
}

/**
 * Redraw each contribution entry of industry c independently with probability q
 * (geometric skipping: cost proportional to the number of redraws).
 * Returns the number of entries redrawn.
 */
export function redraw(ls: Landscapes, rng: Rng, c: number, q: number): number {
  if (q <= 0) return 0;
  const total = N_BITS * ls.entries;
  let count = 0;
  if (q >= 1) {
    for (let i = 0; i < total; i++) setContribution(ls, c, (i / ls.entries) | 0, i % ls.entries, Math.floor(rng() * SCALE));
    return total;
  }
  const logq = Math.log(1 - q);
  let pos = -1;
  for (;;) {
    pos += 1 + Math.floor(Math.log(1 - rng()) / logq);
    if (pos >= total) return count;
    setContribution(ls, c, (pos / ls.entries) | 0, pos % ls.entries, Math.floor(rng() * SCALE));
    count++;
  }
}

/** Overall fitness F of a configuration in industry c (mean of the 12 contributions, in [0, 1)). */
export function fitness(ls: Landscapes, c: number, config: number): number {
  return fitnessSum(ls, c, config) / (N_BITS * SCALE);
}

/** Raw (integer) sum of all contributions, for exact comparisons. */
export function fitnessSum(ls: Landscapes, c: number, config: number): number {
  const at = (c * N_CONFIGS + config) * STRIDE;
  const s = ls.sums;
  return s[at]! + s[at + 1]! + s[at + 2]! + s[at + 3]!;
}

/** Domain fitness F_d (mean over the domain's bits). */
export function domainFitness(ls: Landscapes, c: number, domain: number, config: number): number {
  return ls.sums[(c * N_CONFIGS + config) * STRIDE + domain]! / (DOMAIN_SIZE[domain]! * SCALE);
}

/** Raw (integer) domain sum, for exact comparisons. */
export function domainSum(ls: Landscapes, c: number, domain: number, config: number): number {
  return ls.sums[(c * N_CONFIGS + config) * STRIDE + domain]!;
}
