/** Building the world of a run at tick 0 (ODD: Initialisation). */
import { emptyOutlays } from './outlays.js';
import type { Scenario } from '../config/scenario.js';
import { makeStream } from '../rng.js';
import { indexMembers, placeFirm } from './demography.js';
import { createLandscapes } from './landscape.js';
import { createOrgs } from './orgs.js';
import { allocFirms } from './firmState.js';
import type { World } from './world.js';

/** Create the world: landscapes and multipliers (world stream), organisations, the initial firms (init stream). */
export function createWorld(input: Scenario, runSeed: number): World {
  // A plain-JSON copy: objects built by the validator can have slow property layouts in V8,
  // and the hot loop reads parameters millions of times.
  const s = JSON.parse(JSON.stringify(input)) as Scenario;
  const rng = {
    world: makeStream(runSeed, 'world'),
    init: makeStream(runSeed, 'init'),
    firms: makeStream(runSeed, 'firms'),
    policy: makeStream(runSeed, 'policy'),
    survey: makeStream(runSeed, 'survey'),
  };
  const nSectors = s.sectors.length;
  const nRegions = s.regions;
  const nIndustries = nSectors * nRegions;
  const ls = createLandscapes(rng.world, nIndustries, s.landscape.K, s.landscape.kappa);
  const multiplier = new Float64Array(nIndustries);
  const { multiplierMin: lo, multiplierMax: hi } = s.landscape;
  for (let c = 0; c < nIndustries; c++) multiplier[c] = lo + (hi - lo) * rng.world();
  const n = s.population;
  const w: World = {
    s,
    runSeed,
    rng,
    nSectors,
    nRegions,
    nIndustries,
    maxTies: s.portfolio.maxTies,
    ls,
    multiplier,
    demand0: new Float64Array(nIndustries),
    industryCdf: new Float64Array(nIndustries),
    windowDynamism: new Float64Array(nIndustries),
    windowStart: s.ticks - s.surveyWindow,
    delta: 0,
    settledDelta: 0,
    orgs: createOrgs(s, runSeed, nRegions, nSectors),
    firms: allocFirms(n, s),
    nextFirmId: 1,
    counters: { entries: 0, exits: 0 },
    leaks: [],
    members: new Int32Array(n),
    memberStart: new Int32Array(nIndustries + 1),
    tieCostNow: new Float64Array(12),
    scratch6: new Float64Array(6),
    attraction: new Float64Array(n),
    processFitness: new Float64Array(n),
    industryTotal: new Float64Array(nIndustries),
    exitLog: [],
    outlays: emptyOutlays(),
  };
  for (let i = 0; i < n; i++) {
    // Sector and region uniformly at random: every regional industry is populated on average.
    const industry = Math.floor(rng.init() * nIndustries);
    placeFirm(w, i, industry, rng.init, false, 0);
    w.demand0[industry]! += s.market.demandPerEmployee * w.firms.employees[i]!;
    w.industryCdf[industry]!++;
  }
  for (let c = 1; c < nIndustries; c++) w.industryCdf[c]! += w.industryCdf[c - 1]!;
  indexMembers(w);
  return w;
}
