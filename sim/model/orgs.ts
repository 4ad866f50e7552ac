/** External organisations: five types per region, each adapting its knowledge per sector (docs/ODD.md §2, §7.2). */
import { ORG_TYPES } from '../config/fields.js';
import type { Scenario } from '../config/scenario.js';
import { makeStream, randInt } from '../rng.js';
import { N_BITS, N_CONFIGS } from './domains.js';
import { type Landscapes, fitness } from './landscape.js';
import type { Orgs } from './world.js';

/** Partner-table row of an org-type index (ORG_TYPES order). */
function orgRow(s: Scenario, orgType: number) {
  return s.partners[ORG_TYPES[orgType]!];
}

/**
 * Create the organisations: the scenario's counts per region and type, then any extra suppliers of a
 * supplier-diversity policy (appended last, active from the policy start). Each has its own stream.
 */
export function createOrgs(s: Scenario, runSeed: number, nRegions: number, nSectors: number): Orgs {
  const types: number[] = [];
  const regions: number[] = [];
  const activeFrom: number[] = [];
  for (let r = 0; r < nRegions; r++) {
    ORG_TYPES.forEach((name, k) => {
      for (let j = 0; j < s.organisations[name]; j++) {
        types.push(k);
        regions.push(r);
        activeFrom.push(0);
      }
    });
  }
  const extra = s.policies.supplierDiversity;
  if (extra && extra.extraSuppliers > 0) {
    for (let r = 0; r < nRegions; r++) {
      for (let j = 0; j < extra.extraSuppliers; j++) {
        types.push(0);
        regions.push(r);
        activeFrom.push(extra.start);
      }
    }
  }
  const count = types.length;
  const orgs: Orgs = {
    count,
    type: Uint8Array.from(types),
    region: Uint8Array.from(regions),
    activeFrom: Int32Array.from(activeFrom),
    config: new Uint16Array(count * nSectors),
    progress: new Uint16Array(count * nSectors),
    rng: [],
    byRegionType: Array.from({ length: nRegions }, () => ORG_TYPES.map(() => [] as number[])),
  };
  for (let o = 0; o < count; o++) {
    const rng = makeStream(runSeed, `org:${o}`);
    orgs.rng.push(rng);
    for (let sec = 0; sec < nSectors; sec++) orgs.config[o * nSectors + sec] = randInt(rng, N_CONFIGS);
    orgs.byRegionType[orgs.region[o]!]![orgs.type[o]!]!.push(o);
  }
  return orgs;
}

/** Each organisation takes its hill-climbing steps on each sector's landscape of its region. */
export function adaptOrgs(s: Scenario, orgs: Orgs, ls: Landscapes, nSectors: number): void {
  for (let o = 0; o < orgs.count; o++) {
    const row = orgRow(s, orgs.type[o]!);
    const rng = orgs.rng[o]!;
    const whole = Math.floor(row.adaptRate);
    const frac = row.adaptRate - whole;
    for (let sec = 0; sec < nSectors; sec++) {
      const industry = orgs.region[o]! * nSectors + sec;
      const steps = whole + (rng() < frac ? 1 : 0);
      let cfg = orgs.config[o * nSectors + sec]!;
      let f = fitness(ls, industry, cfg);
      for (let k = 0; k < steps; k++) {
        let trial = cfg;
        for (let b = 0; b < row.exploreBits; b++) {
          // Flip exploreBits distinct bits: draw until a bit not yet flipped in this trial.
          let bit: number;
          do bit = 1 << randInt(rng, N_BITS);
          while (((trial ^ cfg) & bit) !== 0);
          trial ^= bit;
        }
        const ft = fitness(ls, industry, trial);
        if (ft > f) {
          cfg = trial;
          f = ft;
        }
      }
      orgs.progress[o * nSectors + sec] = cfg ^ orgs.config[o * nSectors + sec]!;
      orgs.config[o * nSectors + sec] = cfg;
    }
  }
}
