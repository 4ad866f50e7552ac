import { describe, expect, it } from 'vitest';
import { ADOPTED, NOT_ABSORBED, adopt } from '../../sim/model/change.js';
import { DOMAIN_MASK, MARKETING, PROCESS, PRODUCT } from '../../sim/model/domains.js';
import { domainFitness } from '../../sim/model/landscape.js';
import { absorptionProbability, offer } from '../../sim/model/transfer.js';
import { smallWorld } from '../helpers.js';
import { fitnessSum } from '../../sim/model/landscape.js';

describe('knowledge transfer', () => {
  it('understands a proposal with probability exp(−d/(d0·A))', () => {
    const w = smallWorld({ transfer: { absorptionScale: 4 } });
    const i = 0;
    for (const [d, A] of [
      [1, 0.3],
      [3, 0.6],
      [6, 0.9],
    ] as const) {
      let notAbsorbed = 0;
      const trials = 20000;
      const partner = (1 << d) - 1; // d differing bits in the low (product/process) domains
      for (let k = 0; k < trials; k++) {
        w.firms.config[i] = 0;
        w.firms.absorptive[i] = A;
        if (offer(w, i, partner, DOMAIN_MASK[PRODUCT] | DOMAIN_MASK[PROCESS], 0) === NOT_ABSORBED)
          notAbsorbed++;
      }
      const p = absorptionProbability(d, 4, A);
      expect(p).toBeCloseTo(Math.exp(-d / (4 * A)), 12);
      expect(Math.abs(1 - notAbsorbed / trials - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / trials));
    }
  });

  it('counts an adopted change as an innovation of each domain whose fitness it raises', () => {
    const w = smallWorld();
    const i = 0;
    const c = w.firms.industry[i]!;
    // Find a product-bit change that raises product fitness and one that lowers it.
    let up = -1;
    let down = -1;
    for (let cfg = 0; cfg < 4096 && (up < 0 || down < 0); cfg++) {
      const next = cfg ^ 1;
      const gain = domainFitness(w.ls, c, PRODUCT, next) - domainFitness(w.ls, c, PRODUCT, cfg);
      if (gain > 0 && up < 0) up = cfg;
      if (gain < 0 && down < 0) down = cfg;
    }
    w.firms.config[i] = up;
    w.firms.innoTick[i] = 0;
    adopt(w, i, up ^ 1, 5);
    expect(w.firms.innoTick[i]! & (1 << PRODUCT)).toBeTruthy();
    expect(w.firms.innoTick[i]! & (1 << MARKETING)).toBe(0);
    expect(w.firms.youngWeight[i]).toBeGreaterThan(0);
    w.firms.config[i] = down;
    w.firms.innoTick[i] = 0;
    adopt(w, i, down ^ 1, 6);
    expect(w.firms.innoTick[i]).toBe(0);
    expect(w.firms.config[i]).toBe(down ^ 1);
  });

  it('adopts clearly better proposals and rejects clearly worse ones when perception is exact', () => {
    const w = smallWorld({
      transfer: { evalNoise: 0, evalNoiseFloor: 0, absorptionScale: 1000, complementaryAdjustment: false },
      sli: { lockIn: false },
    });
    const i = 0;
    const c = w.firms.industry[i]!;
    let adopted = 0;
    let better = 0;
    for (let cfg = 0; cfg < 4096; cfg += 3) {
      w.firms.config[i] = cfg;
      w.firms.absorptive[i] = 1;
      const partner = cfg ^ 0b100; // exactly one differing bit: the proposal is that bit
      const gain = fitnessSum(w.ls, c, partner) - fitnessSum(w.ls, c, cfg);
      const code = offer(w, i, partner, 0xfff, 0);
      if (code === NOT_ABSORBED) continue; // exp(−1/1000) < 1: a few are still not understood
      if (gain > 0) better++;
      if (code === ADOPTED) {
        adopted++;
        expect(gain).toBeGreaterThan(0);
      }
    }
    expect(better).toBeGreaterThan(300);
    expect(adopted).toBe(better);
  });
});
