#!/usr/bin/env node
/**
 * What a one-off dynamism shock does to firms, by depth and learning orientation (docs/CALIBRATION.md, T9).
 *
 * Runs the validation scenario twice per seed under common random numbers — without and with the shock
 * that `smesim validate-model` uses for T9 (60% of contribution entries redrawn 30 quarters before the
 * end) — and compares, for every firm alive just before the shock: its fitness in the quarter of the shock
 * and four quarters later, and its profit per employee summed over the 20 quarters after it.
 *
 * It also prints, by cell, how the shock moves a firm's fitness relative to its regional industry's mean.
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
const base = loadScenarioFile(
  fileURLToPath(new URL('../../scenarios/validation.yaml', import.meta.url)),
).scenario;
const t0 = base.ticks - 30;

/** Sums for a least-squares line of profit on revenue per employee (established firms at t0 − 1, runs without the shock). */
const line = { n: 0, x: 0, y: 0, xx: 0, xy: 0 };

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
    const sum = new Float64Array(w.nIndustries);
    const count = new Float64Array(w.nIndustries);
    if (t === t0 || t === t0 + 8) {
      // industry means, only in the two quarters that use them
      for (let i = 0; i < f.n; i++) {
        sum[f.industry[i]] += f.fitnessNow[i];
        count[f.industry[i]]++;
      }
    }
    const relative = (i) => f.fitnessNow[i] - sum[f.industry[i]] / count[f.industry[i]];
    for (let i = 0; i < f.n; i++) {
      if (t === t0 - 1)
        firms.set(f.id[i], { x: f.depth[i], lo: f.lo[i], capital: f.capital[i] / f.employees[i], profit: 0 });
      if (t === t0 - 1 && !shock && f.age[i] >= 12) {
        const [rev, pro] = [f.revenue[i] / f.employees[i], (f.margin[i] * f.revenue[i]) / f.employees[i]];
        Object.assign(line, {
          n: line.n + 1,
          x: line.x + rev,
          y: line.y + pro,
          xx: line.xx + rev * rev,
          xy: line.xy + rev * pro,
        });
      }
      const r = firms.get(f.id[i]);
      if (!r || t < t0 || t >= t0 + 20) continue;
      r.profit += (f.margin[i] * f.revenue[i]) / f.employees[i];
      if (t === t0) [r.fit0, r.rel0] = [f.fitnessNow[i], relative(i)];
      if (t === t0 + 4) r.fit4 = f.fitnessNow[i];
      if (t === t0 + 8) r.rel8 = relative(i);
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
  const tercile = (lo) =>
    lo < loCut[Math.floor(loCut.length / 3)] ? 0 : lo < loCut[Math.floor((2 * loCut.length) / 3)] ? 1 : 2;
  for (const [id, a] of without) {
    const b = withShock.get(id);
    if (a.fit4 === undefined || b.fit4 === undefined) continue; // exited in one of the two runs
    const key = `${Math.min(4, Math.floor(a.x * 5))},${tercile(a.lo)}`;
    const c = cells.get(key) ?? { n: 0, dProfit: 0, dRel0: 0, n8: 0, dRel8: 0 };
    c.n++;
    c.dProfit += b.profit - a.profit;
    c.dRel0 += b.rel0 - a.rel0;
    if (a.rel8 !== undefined && b.rel8 !== undefined) {
      c.n8++; // alive 8 quarters after the shock in both runs
      c.dRel8 += b.rel8 - a.rel8;
    }
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
console.log(
  `seeds ${seeds.join(', ')}; reserve ${reserve}; shock ${kind}; ${total.n} firm pairs alive through both runs`,
);
console.log(
  `fitness change from the shock: ${m(total.dFit0)} in its quarter, ${m(total.dFit4)} four quarters later`,
);
const slope = (line.xy - (line.x * line.y) / line.n) / (line.xx - (line.x * line.x) / line.n);
const intercept = line.y / line.n - (slope * line.x) / line.n;
console.log(
  `established firms before it (without the shock): mean revenue per employee ${(line.x / line.n).toFixed(3)}, profit per employee ≈ ${slope.toFixed(3)}·revenue ${intercept < 0 ? '−' : '+'} ${Math.abs(intercept).toFixed(3)}`,
);
console.log(
  `profit per employee over 20 quarters: ${m(total.profitBase)} without, ${m(total.profitShock)} with the shock; capital per employee before it: ${m(total.capital)}`,
);
/** One table by depth fifth (rows) and LO tercile (low, mid, high) of a per-cell mean. */
function table(title, value) {
  console.log(title);
  for (let xb = 0; xb < 5; xb++) {
    const row = [0, 1, 2].map((lb) => {
      const c = cells.get(`${xb},${lb}`);
      return c ? value(c).padStart(12) : '-'.padStart(12);
    });
    console.log(`  x ${(xb / 5).toFixed(1)}–${((xb + 1) / 5).toFixed(1)} ${row.join('')}`);
  }
}
table(
  'mean change in 20-quarter profit per employee (shock − none), by depth (rows) and LO tercile (low, mid, high):',
  (c) => (c.dProfit / c.n).toFixed(3),
);
table(
  'mean change in fitness relative to the regional industry mean (shock − none), ×1000, in the quarter of the shock / 8 quarters later:',
  (c) => `${((1000 * c.dRel0) / c.n).toFixed(1)}/${((1000 * c.dRel8) / c.n8).toFixed(1)}`,
);
