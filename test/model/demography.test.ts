/** Creating firms, exit and entry, the industry index (docs/ODD.md §5, §7.8). */
import { describe, expect, it } from 'vitest';
import { drawIndustry, exitAndEntry, indexMembers, placeFirm } from '../../sim/model/demography.js';
import { makeStream } from '../../sim/rng.js';
import { smallWorld } from '../helpers.js';

describe('placeFirm', () => {
  it('draws size within bounds, a main supplier of the region active at t, and the capital of an entrant or incumbent', () => {
    const w = smallWorld({ firms: { sizeMin: 20, sizeMax: 40 } });
    const f = w.firms;
    const fs = w.s.firms;
    const rng = makeStream(5, 'test');
    for (let k = 0; k < 200; k++) {
      const industry = k % w.nIndustries;
      placeFirm(w, 0, industry, rng, k % 2 === 0, 10);
      expect(f.industry[0]).toBe(industry);
      expect(f.sector[0]).toBe(industry % w.nSectors);
      expect(f.region[0]).toBe(Math.floor(industry / w.nSectors));
      expect(f.employees[0]).toBeGreaterThanOrEqual(20);
      expect(f.employees[0]).toBeLessThanOrEqual(40);
      expect(w.orgs.type[f.supplier[0]!]).toBe(0);
      expect(w.orgs.region[f.supplier[0]!]).toBe(f.region[0]);
      expect(f.dyad[0]).toBe(w.orgs.config[f.supplier[0]! * w.nSectors + f.sector[0]!]);
      const perEmployee = k % 2 === 0 ? fs.entrantCapitalPerEmployee : fs.initialCapitalPerEmployee;
      expect(f.capital[0]).toBe(perEmployee * f.employees[0]!);
      expect(f.revenue[0]).toBe(w.s.market.demandPerEmployee * f.employees[0]!);
      if (k % 2 === 0) expect(f.age[0]).toBe(0);
      else {
        expect(f.age[0]).toBeGreaterThanOrEqual(fs.initialAgeMin);
        expect(f.age[0]).toBeLessThanOrEqual(fs.initialAgeMax);
      }
      expect(f.tieSlots[0]).toBe(0);
    }
  });

  it('gives each new firm a new id', () => {
    const w = smallWorld();
    const before = w.nextFirmId;
    placeFirm(w, 3, 0, makeStream(1, 'test'), true, 0);
    placeFirm(w, 3, 0, makeStream(2, 'test'), true, 0);
    expect(w.firms.id[3]).toBe(before + 1);
    expect(w.nextFirmId).toBe(before + 2);
  });
});

describe('drawIndustry', () => {
  it('draws industries in proportion to the initial population (cumulative counts 1, 1, 4 → ¼, 0, ¾)', () => {
    const w = smallWorld({ sectors: ['a'], regions: 3 });
    w.industryCdf.set([1, 1, 4]);
    const rng = makeStream(9, 'test');
    const counts = [0, 0, 0];
    const n = 40_000;
    for (let k = 0; k < n; k++) counts[drawIndustry(w, rng)]!++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[0]! / n - 0.25)).toBeLessThan(3 * Math.sqrt((0.25 * 0.75) / n));
  });
});

describe('exitAndEntry', () => {
  it('replaces exactly the firms with negative capital, logs them, counts them, and ages everyone a quarter', () => {
    const w = smallWorld();
    const f = w.firms;
    f.capital.fill(1);
    f.capital[4] = -0.5;
    f.capital[9] = -2;
    f.capital[10] = 0; // zero is not below zero: it stays
    const ages = Array.from(f.age);
    const ids = Array.from(f.id);
    const exited = { lo: f.lo[9]!, depth: f.depth[9]!, employees: f.employees[9]! };
    exitAndEntry(w, 33);
    expect(w.exitLog.map((e) => e.firmId)).toEqual([ids[4], ids[9]]);
    expect(w.exitLog[1]).toMatchObject({ tick: 33, ageQuarters: ages[9]! + 1, ...exited });
    expect(w.counters).toEqual({ exits: 2, entries: 2 });
    for (let i = 0; i < f.n; i++) {
      if (i === 4 || i === 9) {
        expect(f.id[i]).not.toBe(ids[i]);
        expect(f.age[i]).toBe(0);
        expect(f.capital[i]).toBe(w.s.firms.entrantCapitalPerEmployee * f.employees[i]!);
      } else {
        expect(f.id[i]).toBe(ids[i]);
        expect(f.age[i]).toBe(ages[i]! + 1);
      }
    }
  });
});

describe('indexMembers', () => {
  it('lists every firm slot under its regional industry, in slot order', () => {
    const w = smallWorld();
    const f = w.firms;
    for (let i = 0; i < f.n; i++) f.industry[i] = (i * 7) % w.nIndustries;
    indexMembers(w);
    for (let c = 0; c < w.nIndustries; c++) {
      const members = Array.from(w.members.subarray(w.memberStart[c]!, w.memberStart[c + 1]!));
      const want = Array.from({ length: f.n }, (_, i) => i).filter((i) => f.industry[i] === c);
      expect(members).toEqual(want);
    }
    expect(w.memberStart[w.nIndustries]).toBe(f.n);
  });
});
