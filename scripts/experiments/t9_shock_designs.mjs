#!/usr/bin/env node
/**
 * T9 under other shock designs (docs/CALIBRATION.md, T9): does any shock make exits rise with SLI·(1 − LO)
 * more than they already do without one?
 *
 * For each seed it runs the validation scenario twice under common random numbers — without a shock and
 * with the design given as JSON (it replaces the scenario's `dynamism`; default: the 60% redraw 30 quarters
 * before the end that `smesim validate-model` uses) — and estimates T9's logit (exit within 20 quarters of
 * the shock quarter on SLI·(1 − LO), SLI, LO, log(size), sector, region; `analysis/validation/policyTargets.ts`)
 * on the firms alive just before it, in both runs. It prints the mean z and the share of runs with z > 1.96
 * (all firms, and firms at least 12 quarters old), and the 20-quarter exit shares of established firms by
 * depth fifth and LO (< 0.35, 0.35–0.65, > 0.65), without → with the shock.
 *
 * Usage (after `npm run build`; about 1.3 s per run on this machine):
 *   node scripts/experiments/t9_shock_designs.mjs SEEDS [PARAMS_JSON] [DYNAMISM_JSON]
 *   node scripts/experiments/t9_shock_designs.mjs 1,2,3 '{}' '{"schedule":"constant","level":0.5,"shocks":[{"tick":170,"magnitude":1}]}'
 *   node scripts/experiments/t9_shock_designs.mjs 1,2,3 '{"sli":{"settleMemory":12}}' '{"schedule":"step","before":0.5,"at":170,"after":1.5}'
 *   node scripts/experiments/t9_shock_designs.mjs 1,2,3 '{}' '{"schedule":"constant","level":0.5,"shocks":[{"tick":170,"magnitude":0.6,"demandLoss":0.3}]}'
 *   node scripts/experiments/t9_shock_designs.mjs 1,2,3 '{}' '{"schedule":"constant","level":0.5,"shocks":[{"tick":170,"magnitude":1,"domains":["process"]}]}'
 *   node scripts/experiments/t9_shock_designs.mjs 1,2,3 '{}' '{"schedule":"constant","level":0.5}' '{"wave":0.6}'
 * PARAMS_JSON is merged into the scenario of both runs (e.g. a parameter to try).
 * AT_SHOCK_JSON (optional) changes the shocked run at the shock quarter in ways no scenario field expresses
 * (side experiments of 2026-11-28/29, not in the model):
 *   weightNewness  customers value new products more from then on: market.weightNewness w_v set to this;
 *   wave           a technology wave: this share of all contribution entries is each replaced by the larger
 *                  of itself and a fresh U(0,1) draw (new possibilities; nothing gets worse), from the run
 *                  seed's stream 'wave' (sim/rng.ts makeStream).
 */
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../dist/sim/config/load.js';
import { scenarioSchema } from '../../dist/sim/config/scenario.js';
import { simulate } from '../../dist/sim/runOne.js';
import { t9 } from '../../dist/analysis/validation/policyTargets.js';
import { makeStream } from '../../dist/sim/rng.js';

const seeds = (process.argv[2] ?? '1,2,3,4').split(',').map(Number);
const params = JSON.parse(process.argv[3] ?? '{}');
const base = loadScenarioFile(
  fileURLToPath(new URL('../../scenarios/validation.yaml', import.meta.url)),
).scenario;
const t0 = base.ticks - 30;
const design = process.argv[4]
  ? JSON.parse(process.argv[4])
  : { schedule: 'constant', level: base.dynamism.level, shocks: [{ tick: t0, magnitude: 0.6 }] };
const atShock = JSON.parse(process.argv[5] ?? '{}');
const HORIZON = 20;

/** The changes of AT_SHOCK_JSON, made at the end of quarter t0 − 1 of the shocked run. */
function changeAtShock(world, seed) {
  if (atShock.weightNewness !== undefined) world.s.market.weightNewness = atShock.weightNewness;
  if (atShock.wave !== undefined) {
    const rng = makeStream(seed, 'wave');
    const c = world.ls.contrib;
    for (let k = 0; k < c.length; k++)
      if (rng() < atShock.wave) c[k] = Math.max(c[k], Math.floor(rng() * (1 << 24)));
  }
}

/** Merge plain objects (arrays and scalars replace). */
const merge = (a, b) => {
  const o = structuredClone(a);
  for (const [k, v] of Object.entries(b))
    o[k] = v && typeof v === 'object' && !Array.isArray(v) ? merge(o[k] ?? {}, v) : v;
  return o;
};

/** Firms alive after quarter t0 − 1 (as snapshot rows) and the run's exits. */
function run(seed, shocked) {
  const s = scenarioSchema.parse({ ...merge(base, params), ...(shocked ? { dynamism: design } : {}) });
  const alive = [];
  const w = simulate(s, seed, (row, world) => {
    if (row[0] !== t0 - 1) return;
    if (shocked) changeAtShock(world, seed);
    const f = world.firms;
    for (let i = 0; i < f.n; i++)
      alive.push({
        run_id: 'r',
        firm_id: f.id[i],
        sector: s.sectors[f.sector[i]],
        region: f.region[i] + 1,
        employees: f.employees[i],
        age: f.age[i],
        lo: f.lo[i],
        sli: f.depth[i],
      });
  });
  return { alive, exits: w.exitLog.map((e) => ({ run_id: 'r', firm_id: e.firmId, tick: e.tick })) };
}

const z = { none: [], shock: [], noneOld: [], shockOld: [] };
const cells = { none: new Map(), shock: new Map() };
const exited = { none: 0, shock: 0 };
for (const seed of seeds) {
  for (const kind of ['none', 'shock']) {
    const { alive, exits } = run(seed, kind === 'shock');
    const established = alive.filter((r) => r.age >= 12);
    z[kind].push(t9(alive, exits, t0, HORIZON).statistic);
    z[`${kind}Old`].push(t9(established, exits, t0, HORIZON).statistic);
    const gone = new Set(exits.filter((e) => e.tick >= t0 && e.tick < t0 + HORIZON).map((e) => e.firm_id));
    exited[kind] += alive.filter((r) => gone.has(r.firm_id)).length;
    for (const r of established) {
      const key = `${Math.min(4, Math.floor(r.sli * 5))},${r.lo < 0.35 ? 0 : r.lo < 0.65 ? 1 : 2}`;
      const c = cells[kind].get(key) ?? [0, 0];
      c[0]++;
      if (gone.has(r.firm_id)) c[1]++;
      cells[kind].set(key, c);
    }
  }
}
const mean = (a) => (a.reduce((x, y) => x + y, 0) / a.length).toFixed(2);
const pass = (a) => (a.filter((v) => v > 1.96).length / a.length).toFixed(2);
console.log(
  `seeds ${seeds.join(',')}; params ${JSON.stringify(params)}; design ${JSON.stringify(design)}; at the shock ${JSON.stringify(atShock)}`,
);
console.log(
  `firms alive before quarter ${t0} that exit within ${HORIZON} quarters, per run: ${(exited.none / seeds.length).toFixed(0)} without, ${(exited.shock / seeds.length).toFixed(0)} with the shock`,
);
console.log(
  `T9 z, mean (share > 1.96): without ${mean(z.none)} (${pass(z.none)}), with ${mean(z.shock)} (${pass(z.shock)}); established firms only: without ${mean(z.noneOld)} (${pass(z.noneOld)}), with ${mean(z.shockOld)} (${pass(z.shockOld)})`,
);
console.log(
  'established firms, exit share % without → with (firms): depth fifth × LO < 0.35 / 0.35–0.65 / > 0.65',
);
for (let xb = 0; xb < 5; xb++) {
  const row = [0, 1, 2].map((l) => {
    const [n, a] = cells.none.get(`${xb},${l}`) ?? [0, 0];
    const [m, b] = cells.shock.get(`${xb},${l}`) ?? [0, 0];
    return `${((100 * a) / n).toFixed(1)} → ${((100 * b) / m).toFixed(1)} (${n})`.padStart(24);
  });
  console.log(`  x ${(xb / 5).toFixed(1)}–${((xb + 1) / 5).toFixed(1)}${row.join('')}`);
}
