/**
 * PRIM scenario discovery (Friedman & Fisher 1999): peel a box around the design points where a
 * condition on an outcome holds, trading coverage for density.
 */

/** One box of the peeling trajectory. */
export interface PrimBox {
  /** [lower, upper] bound per parameter. */
  bounds: [number, number][];
  /** Share of all points of interest that lie in the box. */
  coverage: number;
  /** Share of points in the box that are of interest. */
  density: number;
  /** Share of all points in the box. */
  support: number;
}

/** Peel with step `alpha` until the box holds less than `minSupport` of the points. */
export function primPeel(X: number[][], interesting: boolean[], alpha = 0.05, minSupport = 0.05): PrimBox[] {
  const n = X.length;
  const k = X[0]?.length ?? 0;
  const total = interesting.filter(Boolean).length;
  let inside = X.map((_, i) => i);
  let bounds: [number, number][] = Array.from({ length: k }, (_, d) => [
    Math.min(...X.map((x) => x[d]!)),
    Math.max(...X.map((x) => x[d]!)),
  ]);
  const describe = (idx: number[], b: [number, number][]): PrimBox => {
    const hits = idx.filter((i) => interesting[i]).length;
    return {
      bounds: b.map((x) => [...x] as [number, number]),
      coverage: total ? hits / total : 0,
      density: idx.length ? hits / idx.length : 0,
      support: idx.length / n,
    };
  };
  const trajectory = [describe(inside, bounds)];
  while (inside.length / n > minSupport) {
    let best: { idx: number[]; bounds: [number, number][]; density: number } | undefined;
    for (let d = 0; d < k; d++) {
      const values = inside.map((i) => X[i]![d]!).sort((a, b) => a - b);
      const lowCut = values[Math.floor(alpha * values.length)]!;
      const highCut = values[Math.ceil((1 - alpha) * values.length) - 1]!;
      for (const side of ['low', 'high'] as const) {
        const idx = inside.filter((i) =>
          side === 'low'
            ? X[i]![d]! >= lowCut && X[i]![d]! > values[0]!
            : X[i]![d]! <= highCut && X[i]![d]! < values[values.length - 1]!,
        );
        if (idx.length === 0 || idx.length === inside.length) continue;
        const density = idx.filter((i) => interesting[i]).length / idx.length;
        if (!best || density > best.density) {
          const nb = bounds.map((x) => [...x] as [number, number]);
          if (side === 'low') nb[d]![0] = Math.min(...idx.map((i) => X[i]![d]!));
          else nb[d]![1] = Math.max(...idx.map((i) => X[i]![d]!));
          best = { idx, bounds: nb, density };
        }
      }
    }
    if (!best || best.idx.length / n < minSupport) break;
    inside = best.idx;
    bounds = best.bounds;
    trajectory.push(describe(inside, bounds));
  }
  return trajectory;
}

/** The box to report: the densest box that still covers at least `minCoverage` of the points of interest. */
export function chooseBox(trajectory: PrimBox[], minCoverage = 0.5): PrimBox {
  const eligible = trajectory.filter((b) => b.coverage >= minCoverage);
  return (eligible.length ? eligible : trajectory).reduce((a, b) => (b.density > a.density ? b : a));
}
