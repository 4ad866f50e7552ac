/** External organisations (docs/ODD.md §2, §7.2): counts per region and type, hill climbing, progress. */
import { describe, expect, it } from 'vitest';
import { ORG_TYPES } from '../../sim/config/fields.js';
import { makeScenario } from '../../sim/config/scenario.js';
import { fitness } from '../../sim/model/landscape.js';
import { adaptOrgs, createOrgs } from '../../sim/model/orgs.js';
import { popcount } from '../../sim/rng.js';
import { smallWorld } from '../helpers.js';

describe('createOrgs', () => {
  it('creates the scenario’s count of each type in each region, each in its region-and-type list', () => {
    const s = makeScenario({
      organisations: { supplier: 3, customer: 2, consultant: 1, university: 0, research: 4 },
    });
    const orgs = createOrgs(s, 1, 3, 2);
    expect(orgs.count).toBe(3 * (3 + 2 + 1 + 0 + 4));
    expect(orgs.byRegionType.map((byType) => byType.map((list) => list.length))).toEqual([
      [3, 2, 1, 0, 4],
      [3, 2, 1, 0, 4],
      [3, 2, 1, 0, 4],
    ]);
    for (let r = 0; r < 3; r++)
      ORG_TYPES.forEach((_, k) =>
        orgs.byRegionType[r]![k]!.forEach((o) => {
          expect(orgs.region[o]).toBe(r);
          expect(orgs.type[o]).toBe(k);
          expect(orgs.activeFrom[o]).toBe(0);
        }),
      );
  });

  it('adds a supplier-diversity policy’s extra suppliers last, active from its start, leaving the others as they were', () => {
    const base = makeScenario({});
    const more = makeScenario({ policies: { supplierDiversity: { start: 90, extraSuppliers: 2 } } });
    const a = createOrgs(base, 4, 2, 3);
    const b = createOrgs(more, 4, 2, 3);
    expect(b.count).toBe(a.count + 4);
    expect(Array.from(b.config.subarray(0, a.config.length))).toEqual(Array.from(a.config)); // common random numbers
    for (let o = a.count; o < b.count; o++) {
      expect(b.type[o]).toBe(0);
      expect(b.activeFrom[o]).toBe(90);
    }
    expect(b.byRegionType[0]![0]!.length).toBe(a.byRegionType[0]![0]!.length + 2);
  });
});

describe('adaptOrgs', () => {
  it('never lowers an organisation’s fitness, and records what changed as its progress', () => {
    const w = smallWorld();
    const { orgs, nSectors } = w;
    for (let tick = 0; tick < 20; tick++) {
      const before = Array.from(orgs.config);
      adaptOrgs(w.s, orgs, w.ls, nSectors);
      for (let o = 0; o < orgs.count; o++)
        for (let sec = 0; sec < nSectors; sec++) {
          const j = o * nSectors + sec;
          const industry = orgs.region[o]! * nSectors + sec;
          expect(fitness(w.ls, industry, orgs.config[j]!)).toBeGreaterThanOrEqual(
            fitness(w.ls, industry, before[j]!),
          );
          expect(orgs.progress[j]).toBe(orgs.config[j]! ^ before[j]!);
        }
    }
  });

  it('takes adaptRate steps of exploreBits bits: with one step of 3 bits, a change flips exactly 3 bits', () => {
    const w = smallWorld({ partners: { university: { adaptRate: 1, exploreBits: 3 } } });
    const { orgs, nSectors } = w;
    const universities = orgs.byRegionType.flatMap((byType) => byType[ORG_TYPES.indexOf('university')]!);
    let changed = 0;
    for (let tick = 0; tick < 30; tick++) {
      adaptOrgs(w.s, orgs, w.ls, nSectors);
      for (const o of universities)
        for (let sec = 0; sec < nSectors; sec++) {
          const flipped = popcount(orgs.progress[o * nSectors + sec]!);
          expect([0, 3]).toContain(flipped);
          if (flipped > 0) changed++;
        }
    }
    expect(changed).toBeGreaterThan(0);
  });

  it('with adaptRate 0, never changes', () => {
    const w = smallWorld({ partners: { consultant: { adaptRate: 0 } } });
    const { orgs, nSectors } = w;
    const consultants = orgs.byRegionType.flatMap((byType) => byType[ORG_TYPES.indexOf('consultant')]!);
    const before = consultants.map((o) => orgs.config[o * nSectors]);
    for (let tick = 0; tick < 10; tick++) adaptOrgs(w.s, orgs, w.ls, nSectors);
    expect(consultants.map((o) => orgs.config[o * nSectors])).toEqual(before);
  });
});
