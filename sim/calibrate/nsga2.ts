/**
 * NSGA-II (Deb, Pratap, Agarwal, Meyarivan 2002) on the unit box [0, 1]^n: binary tournaments by the
 * crowded-comparison operator, simulated binary crossover (SBX, Deb and Agrawal 1995) and polynomial
 * mutation, both in the bounded form of Deb's reference implementation (nsga2-gnuplot 1.1.6,
 * `realcross` and `real_mutate_ind`), then elitist selection of the next parents from parents and
 * offspring by front and crowding distance. Written as ask/tell on a plain state object so the state
 * after a generation can be stored as JSON and a resumed search continues with the very same numbers.
 */
import type { Rng } from '../rng.js';
import { crowdingDistances, nonDominatedFronts } from './pareto.js';

/** One evaluated member: its point in the unit box and its objectives (minimised). */
export interface Member {
  x: number[];
  f: number[];
}

/** The state of a search: the current parents, with their front ranks and crowding distances. */
export interface Nsga2State {
  n: number;
  /** Population size N (offspring per generation too). */
  size: number;
  parents: Member[];
  /** Front rank of each parent (0 = non-dominated). */
  rank: number[];
  /** Crowding distance of each parent within its front (JSON stores ∞ as null). */
  crowding: (number | null)[];
  generation: number;
}

/**
 * Operator settings: distribution indices and probabilities (Deb et
 * al. 2002 used η_c = 20, η_m = 20, p_c = 0.9, p_m = 1/n).
 */
export interface Nsga2Options {
  etaCrossover: number;
  etaMutation: number;
  crossoverProbability: number;
  /** Per-variable mutation probability; default 1/n. */
  mutationProbability?: number;
}

/** The operator settings of Deb et al. (2002). */
export const NSGA2_DEFAULTS: Nsga2Options = { etaCrossover: 20, etaMutation: 20, crossoverProbability: 0.9 };

/** A new search on n variables with N members per generation (N even, at least 4). */
export function nsga2Init(n: number, size: number): Nsga2State {
  if (size < 4 || size % 2 !== 0)
    throw new Error(`NSGA-II needs an even population of at least 4 (got ${size})`);
  return { n, size, parents: [], rank: [], crowding: [], generation: 0 };
}

const EPS = 1e-14;

/** Bounded SBX on one variable pair in [0, 1] (Deb's `realcross`); returns the two children's values. */
function sbxPair(rng: Rng, y1: number, y2: number, eta: number): [number, number] {
  if (Math.abs(y1 - y2) <= EPS) return [y1, y2];
  const [lo, hi] = y1 < y2 ? [y1, y2] : [y2, y1];
  const u = rng();
  const child = (beta: number, sign: -1 | 1) => {
    const alpha = 2 - Math.pow(beta, -(eta + 1));
    const betaq =
      u <= 1 / alpha ? Math.pow(u * alpha, 1 / (eta + 1)) : Math.pow(1 / (2 - u * alpha), 1 / (eta + 1));
    return 0.5 * (lo + hi + sign * betaq * (hi - lo));
  };
  const c1 = child(1 + (2 * lo) / (hi - lo), -1);
  const c2 = child(1 + (2 * (1 - hi)) / (hi - lo), 1);
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  return rng() <= 0.5 ? [clip(c2), clip(c1)] : [clip(c1), clip(c2)];
}

/** Bounded polynomial mutation of one variable in [0, 1] (Deb's `real_mutate_ind`). */
function mutate(rng: Rng, y: number, eta: number): number {
  const [d1, d2] = [y, 1 - y];
  const r = rng();
  const power = 1 / (eta + 1);
  const dq =
    r <= 0.5
      ? Math.pow(2 * r + (1 - 2 * r) * Math.pow(1 - d1, eta + 1), power) - 1
      : 1 - Math.pow(2 * (1 - r) + 2 * (r - 0.5) * Math.pow(1 - d2, eta + 1), power);
  return Math.min(1, Math.max(0, y + dq));
}

/**
 * The crowded-comparison winner of two parents: lower rank,
 * then larger crowding distance, then the first drawn.
 */
function tournament(state: Nsga2State, rng: Rng): Member {
  const a = Math.floor(rng() * state.size);
  const b = Math.floor(rng() * state.size);
  const crowd = (k: number) => state.crowding[k] ?? Infinity;
  if (state.rank[a]! !== state.rank[b]!) return state.parents[state.rank[a]! < state.rank[b]! ? a : b]!;
  return state.parents[crowd(b) > crowd(a) ? b : a]!;
}

/** The points of the next generation: uniform in the box at first, then offspring of the parents. */
export function nsga2Ask(state: Nsga2State, rng: Rng, opts: Nsga2Options = NSGA2_DEFAULTS): number[][] {
  const { n, size } = state;
  if (state.parents.length === 0)
    return Array.from({ length: size }, () => Array.from({ length: n }, () => rng()));
  const pm = opts.mutationProbability ?? 1 / n;
  const children: number[][] = [];
  while (children.length < size) {
    const p1 = tournament(state, rng).x;
    const p2 = tournament(state, rng).x;
    const c1 = [...p1];
    const c2 = [...p2];
    if (rng() <= opts.crossoverProbability)
      for (let i = 0; i < n; i++)
        if (rng() <= 0.5) [c1[i], c2[i]] = sbxPair(rng, p1[i]!, p2[i]!, opts.etaCrossover);
    for (const c of [c1, c2])
      for (let i = 0; i < n; i++) if (rng() <= pm) c[i] = mutate(rng, c[i]!, opts.etaMutation);
    children.push(c1, c2);
  }
  return children;
}

/** The state after a generation: the best N of parents and the evaluated `points`, by front then crowding. */
export function nsga2Tell(state: Nsga2State, points: number[][], objectives: number[][]): Nsga2State {
  if (points.length !== state.size || objectives.length !== state.size)
    throw new Error(`NSGA-II expects ${state.size} points and objective vectors (got ${points.length})`);
  const pool: Member[] = [...state.parents, ...points.map((x, k) => ({ x, f: objectives[k]! }))];
  const fs = pool.map((m) => m.f);
  const chosen: { k: number; rank: number; crowding: number }[] = [];
  for (const [r, front] of nonDominatedFronts(fs).entries()) {
    const distance = crowdingDistances(fs, front);
    const members = front.map((k, i) => ({ k, rank: r, crowding: distance[i]! }));
    if (chosen.length + members.length <= state.size) chosen.push(...members);
    else {
      members.sort((a, b) => b.crowding - a.crowding || a.k - b.k);
      chosen.push(...members.slice(0, state.size - chosen.length));
    }
    if (chosen.length === state.size) break;
  }
  return {
    ...state,
    parents: chosen.map((c) => pool[c.k]!),
    rank: chosen.map((c) => c.rank),
    crowding: chosen.map((c) => (Number.isFinite(c.crowding) ? c.crowding : null)),
    generation: state.generation + 1,
  };
}
