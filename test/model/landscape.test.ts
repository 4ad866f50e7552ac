import { describe, expect, it } from 'vitest';
import { makeStream } from '../../sim/rng.js';
import {
  DOMAIN_MASK,
  DOMAIN_OF_BIT,
  DOMAIN_SIZE,
  INTERFACE_MASK,
  N_BITS,
  N_CONFIGS,
} from '../../sim/model/domains.js';
import {
  SCALE,
  createLandscapes,
  domainFitness,
  entryIndex,
  fitness,
  redraw,
} from '../../sim/model/landscape.js';
import { environmentPhase } from '../../sim/step.js';
import { smallWorld } from '../helpers.js';

/** Fitness recomputed from scratch: mean over bits of the contribution read by the configuration. */
function bruteForce(ls: ReturnType<typeof createLandscapes>, c: number, cfg: number) {
  let all = 0;
  const dom = [0, 0, 0, 0];
  for (let b = 0; b < N_BITS; b++) {
    const v = ls.contrib[(c * N_BITS + b) * ls.entries + entryIndex(ls, c, b, cfg)]!;
    all += v;
    dom[DOMAIN_OF_BIT[b]!]! += v;
  }
  return { all: all / (N_BITS * SCALE), dom: dom.map((v, d) => v / (DOMAIN_SIZE[d]! * SCALE)) };
}

describe('landscape', () => {
  it('splits the 12 bits into product 0–3, process 4–6, organisational 7–9, marketing 10–11', () => {
    expect(DOMAIN_MASK.map((m) => m.toString(2))).toEqual(['1111', '1110000', '1110000000', '110000000000']);
    expect(DOMAIN_OF_BIT).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3]);
    expect(INTERFACE_MASK).toBe(0b1110001);
  });

  it('keeps fitness equal to a brute-force recomputation through many redraws', () => {
    const rng = makeStream(1, 'test');
    const ls = createLandscapes(rng, 3, 3, 0.6);
    for (let round = 0; round < 30; round++) for (let c = 0; c < 3; c++) redraw(ls, rng, c, 0.2);
    for (let c = 0; c < 3; c++) {
      for (let cfg = 0; cfg < N_CONFIGS; cfg += 7) {
        const want = bruteForce(ls, c, cfg);
        expect(fitness(ls, c, cfg)).toBe(want.all);
        for (let d = 0; d < 4; d++) expect(domainFitness(ls, c, d, cfg)).toBe(want.dom[d]);
      }
    }
  });

  it('gives each bit K distinct neighbours, from other domains more often when kappa is high', () => {
    const crossShare = (kappa: number) => {
      const ls = createLandscapes(makeStream(2, 'k'), 40, 3, kappa);
      let cross = 0;
      let all = 0;
      for (let c = 0; c < 40; c++)
        for (let b = 0; b < N_BITS; b++) {
          const nb = Array.from(ls.neighbours.subarray((c * N_BITS + b) * 4, (c * N_BITS + b) * 4 + 4));
          expect(nb[0]).toBe(b);
          expect(new Set(nb).size).toBe(4);
          for (const j of nb.slice(1)) {
            all++;
            if (DOMAIN_OF_BIT[j] !== DOMAIN_OF_BIT[b]) cross++;
          }
        }
      return cross / all;
    };
    expect(crossShare(0.9)).toBeGreaterThan(0.8);
    expect(crossShare(0.1)).toBeLessThan(0.35);
  });

  it('redraws entries at rate ρ·δ·m_c', () => {
    const w = smallWorld({ landscape: { redrawRate: 0.2 }, dynamism: { schedule: 'constant', level: 0.5 } });
    const before = Int32Array.from(w.ls.contrib);
    const changed = new Float64Array(w.nIndustries);
    const ticks = 200;
    for (let t = 0; t < ticks; t++) {
      const prev = Int32Array.from(w.ls.contrib);
      environmentPhase(w, t);
      const per = w.ls.entries * N_BITS;
      for (let k = 0; k < prev.length; k++) if (prev[k] !== w.ls.contrib[k]) changed[(k / per) | 0]!++;
    }
    expect(before.length).toBe(w.ls.contrib.length);
    for (let c = 0; c < w.nIndustries; c++) {
      const q = 0.2 * 0.5 * w.multiplier[c]!;
      const n = ticks * w.ls.entries * N_BITS;
      const observed = changed[c]! / n;
      // binomial standard error; 5 SE bound (a redraw to the same value is negligible at 2^-24)
      expect(Math.abs(observed - q)).toBeLessThan(5 * Math.sqrt((q * (1 - q)) / n));
    }
  });

  it('shocks redraw the given share of entries, and cut demand by demandLoss, in the named sectors only', () => {
    const w = smallWorld({
      dynamism: {
        schedule: 'constant',
        level: 0,
        shocks: [{ tick: 3, sectors: ['b'], magnitude: 0.5, demandLoss: 0.25 }],
      },
    });
    const before = Int32Array.from(w.ls.contrib);
    const demand = Float64Array.from(w.demand0);
    environmentPhase(w, 2); // not the shock's quarter: nothing happens (δ = 0)
    expect(Array.from(w.demand0)).toEqual(Array.from(demand));
    environmentPhase(w, 3);
    const per = w.ls.entries * N_BITS;
    for (let c = 0; c < w.nIndustries; c++) {
      let n = 0;
      for (let k = c * per; k < (c + 1) * per; k++) if (before[k] !== w.ls.contrib[k]) n++;
      if (c % 2 === 0) expect(n).toBe(0);
      else expect(n / per).toBeGreaterThan(0.3);
      expect(w.demand0[c]).toBeCloseTo(c % 2 === 0 ? demand[c]! : 0.75 * demand[c]!, 12);
    }
  });

  it('a shock with domains redraws the entries of those domains’ bits only, at its magnitude', () => {
    const w = smallWorld({
      dynamism: {
        schedule: 'constant',
        level: 0,
        shocks: [{ tick: 3, magnitude: 0.5, domains: ['process', 'marketing'] }],
      },
    });
    const before = Int32Array.from(w.ls.contrib);
    environmentPhase(w, 3);
    const hit = DOMAIN_MASK[1] | DOMAIN_MASK[3];
    let changed = 0;
    let entries = 0;
    for (let c = 0; c < w.nIndustries; c++) {
      for (let b = 0; b < N_BITS; b++) {
        let n = 0;
        for (let e = 0; e < w.ls.entries; e++) {
          const k = (c * N_BITS + b) * w.ls.entries + e;
          if (before[k] !== w.ls.contrib[k]) n++;
        }
        if ((hit >> b) & 1) {
          changed += n;
          entries += w.ls.entries;
        } else expect(n).toBe(0);
      }
    }
    // binomial standard error; 5 SE bound
    expect(Math.abs(changed / entries - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / entries));
  });

  it('settled δ: δ(t) at once without a memory, an exponential average with one; shocks stay out', () => {
    const dynamism = {
      schedule: 'step' as const,
      before: 0.2,
      after: 1,
      at: 2,
      shocks: [{ tick: 2, magnitude: 0.5 }],
    };
    const now = smallWorld({ dynamism });
    const lag = smallWorld({ dynamism, sli: { settleMemory: 4 } });
    const expected = [0.2, 0.2, 0.2 + 0.8 / 4]; // starts at δ(0), then moves a quarter of the way each quarter
    expected.push(expected[2]! + (1 - expected[2]!) / 4);
    for (let t = 0; t < 4; t++) {
      environmentPhase(now, t);
      environmentPhase(lag, t);
      expect(now.settledDelta).toBe(now.delta);
      expect(lag.settledDelta).toBeCloseTo(expected[t]!, 12);
    }
  });
});
