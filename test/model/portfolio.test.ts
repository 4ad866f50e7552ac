/** Partner choice (docs/ODD.md §7.6): the type by softmax over expected values, the partner, the search for a tie. */
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../sim/config/scenario.js';
import {
  N_TYPES,
  T_COMPETITOR,
  T_CONSULTANT,
  T_CUSTOMER,
  T_RESEARCH,
  T_SUPPLIER,
  T_UNIVERSITY,
} from '../../sim/model/domains.js';
import {
  chooseType,
  drawPartner,
  formTie,
  refreshTieCosts,
  seekTie,
  tieCapacity,
  tieCount,
} from '../../sim/model/portfolio.js';
import type { World } from '../../sim/model/world.js';
import { makeStream } from '../../sim/rng.js';
import { smallWorld } from '../helpers.js';

/** A world whose tie costs are set for quarter 0, and firm 0 with the given value estimates. */
function worldWith(values: number[], over: ScenarioInput = {}): World {
  const w = smallWorld(over);
  refreshTieCosts(w, 0);
  values.forEach((v, k) => (w.firms.typeValue[k] = v));
  return w;
}

/** Choice by learned values alone (prices not known) at temperature 0.01, where the odds are easy to state. */
const LEARNED: ScenarioInput = { portfolio: { pricesKnown: false, softmaxTemperature: 0.01 } };

/** How often chooseType picks each type for firm 0 in `n` draws. */
function shares(w: World, n: number): number[] {
  const counts = new Array<number>(N_TYPES).fill(0);
  for (let k = 0; k < n; k++) counts[chooseType(w, 0)]!++;
  return counts.map((c) => c / n);
}

describe('chooseType: softmax over expected values', () => {
  it('picks the type worth clearly most (0.1 above the rest at temperature 0.01: odds e^10 against each)', () => {
    const w = worldWith([0, 0, 0, 0.1, 0, 0], LEARNED);
    const p = shares(w, 20_000);
    const other = Math.exp(-10) / (1 + 5 * Math.exp(-10)); // 4.5e-5 for each other type
    expect(p[T_CONSULTANT]).toBeGreaterThan(1 - 5 * other - 0.001);
  });

  it('picks equally valued types equally often (1/6 each, within 3 standard errors)', () => {
    const n = 60_000;
    const p = shares(worldWith([0.02, 0.02, 0.02, 0.02, 0.02, 0.02], LEARNED), n);
    const se = Math.sqrt((1 / 6) * (5 / 6) * (1 / n));
    for (const share of p) expect(Math.abs(share - 1 / 6)).toBeLessThan(3 * se);
  });

  it('follows exp(ΔQ/temperature): a gap of 0.01 at temperature 0.01 gives odds of e', () => {
    const n = 60_000;
    const p = shares(worldWith([0.01, 0, 0, 0, 0, 0], LEARNED), n);
    const want = Math.E / (Math.E + 5);
    expect(Math.abs(p[T_SUPPLIER]! - want)).toBeLessThan(3 * Math.sqrt((want * (1 - want)) / n));
  });

  it('never picks a type with no organisation in the firm’s region, however valued; competitors are always there', () => {
    const w = worldWith([0, 0, 0, 0, 1, 0], { organisations: { university: 0 } });
    const p = shares(w, 20_000);
    expect(p[T_UNIVERSITY]).toBe(0);
    // suppliers are required (every firm has a main one); with no other organisation, competitors stay
    const w2 = worldWith([0, 0, 0, 1, 1, 1], {
      organisations: { supplier: 1, customer: 0, consultant: 0, university: 0, research: 0 },
    });
    const p2 = shares(w2, 4000);
    expect([T_CUSTOMER, T_CONSULTANT, T_UNIVERSITY, T_RESEARCH].map((k) => p2[k])).toEqual([0, 0, 0, 0]);
    expect(p2[T_COMPETITOR]).toBeGreaterThan(0.45);
    expect(p2[T_SUPPLIER]! + p2[T_COMPETITOR]!).toBe(1);
  });

  it('with known prices, subtracts each type’s cost as a share of revenue from its value', () => {
    const w = worldWith([0, 0, 0, 0, 0, 0], { portfolio: { pricesKnown: true } });
    w.firms.revenue[0] = 1;
    const cost = [T_SUPPLIER, T_CUSTOMER, T_COMPETITOR, T_CONSULTANT, T_UNIVERSITY, T_RESEARCH].map(
      (k) => w.tieCostNow[k * 2]!,
    );
    const weights = cost.map((c) => Math.exp((Math.min(...cost) - c) / w.s.portfolio.softmaxTemperature));
    const total = weights.reduce((a, b) => a + b, 0);
    const n = 60_000;
    const p = shares(w, n);
    for (let k = 0; k < N_TYPES; k++) {
      const want = weights[k]! / total;
      expect(Math.abs(p[k]! - want), `type ${k}`).toBeLessThanOrEqual(
        3 * Math.sqrt((want * (1 - want)) / n) + 1e-12,
      );
    }
  });
});

describe('drawPartner', () => {
  it('draws an organisation of the type from the firm’s own region, active at t, not one already tied', () => {
    const w = worldWith([0, 0, 0, 0, 0, 0]);
    const rng = makeStream(1, 'test');
    const region = w.firms.region[0]!;
    const pool = w.orgs.byRegionType[region]![0]!; // suppliers (org type 0)
    const seen = new Set<number>();
    for (let k = 0; k < 500; k++) seen.add(drawPartner(w, 0, T_SUPPLIER, 0, rng));
    expect([...seen].sort((a, b) => a - b)).toEqual([...pool].sort((a, b) => a - b));
    // tied to all but one: only that one is left
    for (const o of pool.slice(1)) formTie(w, 0, T_SUPPLIER, o, false, 0);
    for (let k = 0; k < 50; k++) {
      const p = drawPartner(w, 0, T_SUPPLIER, 0, rng);
      expect([pool[0], -1]).toContain(p); // eight draws may all hit tied ones
    }
  });

  it('returns −1 when the region has none of the type, or none active yet', () => {
    const rng = makeStream(2, 'test');
    const none = worldWith([], { organisations: { university: 0 } });
    expect(drawPartner(none, 0, T_UNIVERSITY, 0, rng)).toBe(-1);
    const later = worldWith([]);
    later.orgs.activeFrom.fill(50);
    expect(drawPartner(later, 0, T_CONSULTANT, 10, rng)).toBe(-1);
    expect(drawPartner(later, 0, T_CONSULTANT, 50, rng)).toBeGreaterThanOrEqual(0);
  });

  it('draws a competitor of the same sector, never the firm itself; from its region with sameRegionCompetitor 1', () => {
    const rng = makeStream(3, 'test');
    const w = worldWith([], { portfolio: { sameRegionCompetitor: 1 } });
    const f = w.firms;
    for (let k = 0; k < 300; k++) {
      const p = drawPartner(w, 0, T_COMPETITOR, 0, rng);
      if (p < 0) continue;
      expect(p).not.toBe(0);
      expect(f.sector[p]).toBe(f.sector[0]);
      expect(f.region[p]).toBe(f.region[0]);
    }
    const anywhere = worldWith([], { portfolio: { sameRegionCompetitor: 0 } });
    const regions = new Set<number>();
    for (let k = 0; k < 300; k++) {
      const p = drawPartner(anywhere, 0, T_COMPETITOR, 0, rng);
      if (p >= 0) regions.add(anywhere.firms.region[p]!);
    }
    expect(regions.size).toBe(anywhere.nRegions); // a random region each time: every one turns up
  });
});

describe('seekTie', () => {
  /** Firm 0 below its aspiration by `shortfall`, searching for a tie for sure when it is below. */
  function seeking(shortfall: number, over: ScenarioInput = {}): World {
    const w = worldWith([0, 0, 0, 0, 0, 0], {
      ...over,
      portfolio: { searchBase: 1, searchMax: 1, ...over.portfolio },
    });
    w.firms.margin[0] = 0.1;
    w.firms.aspiration[0] = 0.1 + shortfall;
    return w;
  }

  it('at or above aspiration: forms no tie, and aspiration moves aspirationSpeed of the way to the margin', () => {
    const w = seeking(-0.2);
    seekTie(w, 0, 0);
    expect(tieCount(w, 0)).toBe(0);
    expect(w.firms.aspiration[0]).toBeCloseTo(-0.1 + w.s.portfolio.aspirationSpeed * 0.2, 12);
  });

  it('below aspiration, with room and capital: forms one tie of the chosen type', () => {
    const w = seeking(0.2);
    w.firms.capital[0] = 1e6;
    expect(tieCapacity(w, 0)).toBeGreaterThan(0);
    seekTie(w, 0, 0);
    expect(tieCount(w, 0)).toBe(1);
  });

  it('forms none when capital does not cover affordQuarters of the tie’s cost', () => {
    const w = seeking(0.2);
    w.firms.capital[0] = 0;
    seekTie(w, 0, 0);
    expect(tieCount(w, 0)).toBe(0);
  });

  it('forms none when the portfolio is at capacity', () => {
    const w = seeking(0.2, { portfolio: { capacityBase: 0, capacityPerLogEmployees: 0 } });
    w.firms.capital[0] = 1e6;
    expect(tieCapacity(w, 0)).toBe(0);
    seekTie(w, 0, 0);
    expect(tieCount(w, 0)).toBe(0);
  });
});
