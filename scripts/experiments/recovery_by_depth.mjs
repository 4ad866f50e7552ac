#!/usr/bin/env node
/**
 * How fast firms win back the fitness a one-off dynamism shock takes, by depth of supplier integration
 * and learning orientation (docs/CALIBRATION.md, T9).
 *
 * Runs the validation scenario (its defaults, reserve included) with and without the shock that
 * `smesim validate-model` uses for T9 (60% of contribution entries redrawn 30 quarters before the end),
 * under common random numbers, and prints for firms alive before the shock and at every lag in both
 * runs the mean fitness difference (shock − none) 0, 1, 2, 4 and 8 quarters after it, by depth fifth and
 * LO below / above 0.5, with the standard error of the lag-4 and lag-8 means and the share of the
 * first-quarter loss won back after four quarters.
 *
 * Usage (after `npm run build`):
 *   node scripts/experiments/recovery_by_depth.mjs [seeds=1,2,3,4,5,6,7,8]
 */
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../dist/sim/config/load.js';
import { scenarioSchema } from '../../dist/sim/config/scenario.js';
import { simulate } from '../../dist/sim/runOne.js';

const seeds = (process.argv[2] ?? '1,2,3,4,5,6,7,8').split(',').map(Number);
const base = loadScenarioFile(
  fileURLToPath(new URL('../../scenarios/validation.yaml', import.meta.url)),
).scenario;
const t0 = base.ticks - 30;
const lags = [0, 1, 2, 4, 8];

/** Per firm alive at t0 − 1: depth, LO and its fitness at each lag after t0. */
function run(seed, shock) {
  const s = scenarioSchema.parse({
    ...structuredClone(base),
    dynamism: shock ? { ...base.dynamism, shocks: [{ tick: t0, magnitude: 0.6 }] } : base.dynamism,
  });
  const firms = new Map();
  simulate(s, seed, (row, w) => {
    const t = row[0];
    const f = w.firms;
    for (let i = 0; i < f.n; i++) {
      if (t === t0 - 1) firms.set(f.id[i], { x: f.depth[i], lo: f.lo[i], fit: {} });
      const r = firms.get(f.id[i]);
      if (r && lags.includes(t - t0)) r.fit[t - t0] = f.fitnessNow[i];
    }
  });
  return firms;
}

const cells = Array.from({ length: 5 }, () =>
  Array.from({ length: 2 }, () => ({
    n: 0,
    sum: Object.fromEntries(lags.map((l) => [l, 0])),
    sq: Object.fromEntries(lags.map((l) => [l, 0])),
  })),
);
for (const seed of seeds) {
  const without = run(seed, false);
  const withShock = run(seed, true);
  for (const [id, a] of without) {
    const b = withShock.get(id);
    if (!b || lags.some((l) => a.fit[l] === undefined || b.fit[l] === undefined)) continue; // exited in one of the runs
    const c = cells[Math.min(4, Math.floor(a.x * 5))][a.lo < 0.5 ? 0 : 1];
    c.n++;
    for (const l of lags) {
      const d = b.fit[l] - a.fit[l];
      c.sum[l] += d;
      c.sq[l] += d * d;
    }
  }
}
const mean = (c, l) => c.sum[l] / c.n;
const se = (c, l) => Math.sqrt((c.sq[l] / c.n - mean(c, l) ** 2) / (c.n - 1));
console.log(
  `seeds ${seeds.join(', ')}; fitness with the shock − without (×1000) at lags ${lags.join(', ')} quarters; ± standard error at lags 4 and 8`,
);
for (let xb = 0; xb < 5; xb++) {
  for (let lb = 0; lb < 2; lb++) {
    const c = cells[xb][lb];
    const at = lags.map((l) => (1000 * mean(c, l)).toFixed(1).padStart(7)).join('');
    console.log(
      `  x ${(xb / 5).toFixed(1)}–${((xb + 1) / 5).toFixed(1)}, LO ${lb ? '≥' : '<'} 0.5, ${String(c.n).padStart(5)} firms:${at}   (±${(1000 * se(c, 4)).toFixed(1)}, ±${(1000 * se(c, 8)).toFixed(1)})   won back after 4 quarters: ${(100 * (1 - mean(c, 4) / mean(c, 0))).toFixed(0)}%`,
    );
  }
}
