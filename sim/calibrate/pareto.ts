/**
 * Pareto dominance for minimised objectives: the fast non-dominated sort and the crowding distance of
 * K. Deb, A. Pratap, S. Agarwal, T. Meyarivan, "A fast and elitist multiobjective genetic algorithm:
 * NSGA-II", IEEE Trans. Evol. Comput. 6(2), 2002, §III-A and §III-B; and the hypervolume of two
 * objectives, by which a front is judged. A NaN objective counts as +∞ (the worst).
 */

const value = (v: number) => (Number.isNaN(v) ? Infinity : v);

/** Whether a dominates b: no worse in every objective and better in one. */
export function dominates(a: number[], b: number[]): boolean {
  let better = false;
  for (let k = 0; k < a.length; k++) {
    const [x, y] = [value(a[k]!), value(b[k]!)];
    if (x > y) return false;
    if (x < y) better = true;
  }
  return better;
}

/** The fronts of the fast non-dominated sort: indices of front 0 (non-dominated), front 1, …, each ascending. */
export function nonDominatedFronts(objectives: number[][]): number[][] {
  const n = objectives.length;
  const dominated: number[][] = Array.from({ length: n }, () => []);
  const count = new Array<number>(n).fill(0);
  for (let p = 0; p < n; p++)
    for (let q = p + 1; q < n; q++) {
      if (dominates(objectives[p]!, objectives[q]!)) {
        dominated[p]!.push(q);
        count[q]!++;
      } else if (dominates(objectives[q]!, objectives[p]!)) {
        dominated[q]!.push(p);
        count[p]!++;
      }
    }
  const fronts: number[][] = [];
  let front = count.flatMap((c, p) => (c === 0 ? [p] : []));
  while (front.length > 0) {
    fronts.push(front);
    const next: number[] = [];
    for (const p of front) for (const q of dominated[p]!) if (--count[q]! === 0) next.push(q);
    front = next.sort((a, b) => a - b);
  }
  return fronts;
}

/** The rank (front number, 0 = non-dominated) of every point. */
export function paretoRanks(objectives: number[][]): number[] {
  const rank = new Array<number>(objectives.length).fill(0);
  nonDominatedFronts(objectives).forEach((front, r) => front.forEach((p) => (rank[p] = r)));
  return rank;
}

/** Crowding distance of each member of one front (∞ at each objective's extremes), in the front's order. */
export function crowdingDistances(objectives: number[][], front: number[]): number[] {
  const distance = new Array<number>(front.length).fill(0);
  if (front.length === 0) return distance;
  const m = objectives[front[0]!]!.length;
  for (let k = 0; k < m; k++) {
    const at = (i: number) => value(objectives[front[i]!]![k]!);
    const order = front.map((_, i) => i).sort((a, b) => at(a) - at(b) || a - b);
    const [lo, hi] = [at(order[0]!), at(order[order.length - 1]!)];
    distance[order[0]!] = Infinity;
    distance[order[order.length - 1]!] = Infinity;
    const span = hi - lo;
    if (!(span > 0) || !Number.isFinite(span)) continue;
    for (let r = 1; r < order.length - 1; r++)
      distance[order[r]!]! += (at(order[r + 1]!) - at(order[r - 1]!)) / span;
  }
  return distance;
}

/** The area dominated by a set of two-objective points and bounded by the reference point (both minimised). */
export function hypervolume2d(points: number[][], reference: [number, number]): number {
  const inside = points
    .map((p) => [value(p[0]!), value(p[1]!)] as [number, number])
    .filter(([a, b]) => a < reference[0] && b < reference[1])
    .sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  let area = 0;
  let ceiling = reference[1];
  for (const [a, b] of inside) {
    if (b >= ceiling) continue; // dominated by a point to its left
    area += (reference[0] - a) * (ceiling - b);
    ceiling = b;
  }
  return area;
}
