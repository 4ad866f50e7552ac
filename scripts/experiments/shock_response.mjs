#!/usr/bin/env node
/**
 * What a one-off dynamism shock does to firms, by depth and learning orientation (docs/CALIBRATION.md, T9).
 *
 * Runs the validation scenario twice per seed under common random numbers — without and with the shock
 * that `smesim validate-model` uses for T9 (60% of contribution entries redrawn 30 quarters before the
 * end) — and compares, for every firm alive just before the shock: its fitness in the quarter of the shock
 * and four quarters later, and its profit per employee summed over the 20 quarters after it.
 *
 * With a third argument `step:D` the shock is instead a lasting rise of dynamism: δ steps from its level
 * to D at the same quarter (a turbulent period rather than a one-off redraw).
 *
 * Usage (after `npm run build`):
 *   node scripts/experiments/shock_response.mjs [seeds=1,2,3,4] [reservePerEmployee=0] [redraw|step:D]
 */
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../dist/sim/config/load.js';
import { scenarioSchema } from '../../dist/sim/config/scenario.js';
import { simulate } from '../../dist/sim/runOne.js';

const seeds = (process.argv[2] ?? '1,2,3,4').split(',').map(Number);
const reserve = Number(process.argv[3] ?? 0);
const kind = process.argv[4] ?? 'redraw';
const stepTo = kind.startsWith('step:') ? Number(kind.slice(5)) : undefined;
const base = loadScenarioFile(fileURLToPath(new URL('../../scenarios/validation.yaml', import.meta.url))).scenario;
const t0 = base.ticks - 30;

/** Per firm alive at t0 − 1: depth, LO, capital per employee, fitness at t0 and t0 + 4, profit per employee over 20 quarters. */
function run(seed, shock) {
  const s = scenarioSchema.parse({
    ...structuredClone(base),
    firms: { ...base.firms, reservePerEmployee: reserve },
    dynamism: !shock
      ? base.dynamism
      : stepTo === undefined
        ? { ...base.dynamism, shocks: [{ tick: t0, magnitude: 0.6 }] }
        : { schedule: 'step', before: base.dynamism.level, at: t0, after: stepTo, shocks: [] },
  });
  const firms = new Map();
  simulate(s, seed, (row, w) => {
    const t = row[0];
    const f = w.firms;
    for (let i = 0; i < f.n; i++) {
      if (t === t0 - 1) firms.set(f.id[i], { x: f.depth[i], lo: f.lo[i], capital: f.capital[i] / f.employees[i], profit: 0 });
      const r = firms.get(f.id[i]);
      if (!r || t < t0 || t >= t0 + 20) continue;
      r.profit += (f.margin[i] * f.revenue[i]) / f.employees[i];
      if (t === t0) r.fit0 = f.fitnessNow[i];
      if (t === t0 + 4) r.fit4 = f.fitnessNow[i];
    }
  });
  return firms;
}

const cells = new Map();
const total = { n: 0, capital: 0, profitBase: 0, profitShock: 0, dFit0: 0, dFit4: 0 };
for (const seed of seeds) {
  const without = run(seed, false);
  const withShock = run(seed, true);
  const loCut = [...without.values()].map((r) => r.lo).sort((a, b) => a - b);
  const tercile = (lo) => (lo < loCut[Math.floor(loCut.length / 3)] ? 0 : lo < loCut[Math.floor((2 * loCut.length) / 3)] ? 1 : 2);
  for (const [id, a] of without) {
    const b = withShock.get(id);
    if (a.fit4 === undefined || b.fit4 === undefined) continue; // exited in one of the two runs
    const key = `${Math.min(4, Math.floor(a.x * 5))},${tercile(a.lo)}`;
    const c = cells.get(key) ?? { n: 0, dProfit: 0 };
    c.n++;
    c.dProfit += b.profit - a.profit;
    cells.set(key, c);
    total.n++;
    total.capital += a.capital;
    total.profitBase += a.profit;
    total.profitShock += b.profit;
    total.dFit0 += b.fit0 - a.fit0;
    total.dFit4 += b.fit4 - a.fit4;
  }
}
const m = (v) => (v / total.n).toFixed(3);
console.log(`seeds ${seeds.join(', ')}; reserve ${reserve}; shock ${kind}; ${total.n} firm pairs alive through both runs`);
console.log(`fitness change from the shock: ${m(total.dFit0)} in its quarter, ${m(total.dFit4)} four quarters later`);
console.log(`profit per employee over 20 quarters: ${m(total.profitBase)} without, ${m(total.profitShock)} with the shock; capital per employee before it: ${m(total.capital)}`);
console.log('mean change in 20-quarter profit per employee (shock − none), by depth (rows) and LO tercile (low, mid, high):');
for (let xb = 0; xb < 5; xb++) {
  const row = [0, 1, 2].map((lb) => {
    const c = cells.get(`${xb},${lb}`);
    return c ? (c.dProfit / c.n).toFixed(3).padStart(8) : '       -';
  });
  console.log(`  x ${(xb / 5).toFixed(1)}–${((xb + 1) / 5).toFixed(1)} ${row.join('')}`);
}
