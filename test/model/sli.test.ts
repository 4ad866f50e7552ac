import { describe, expect, it } from 'vitest';
import { popcount } from '../../sim/rng.js';
import { PARTNER_DOMAIN_MASK, T_SUPPLIER } from '../../sim/model/domains.js';
import { tieCapacity } from '../../sim/model/portfolio.js';
import { simulate } from '../../sim/runOne.js';
import { LOCKED, adopt, tryChange } from '../../sim/model/change.js';
import { updateDyad } from '../../sim/model/sli.js';
import { settle } from '../../sim/model/dynamism.js';
import { smallScenario, smallWorld } from '../helpers.js';
import { fitnessSum } from '../../sim/model/landscape.js';
import type { ScenarioInput } from '../../sim/config/scenario.js';
import { type World, setDepth } from '../../sim/model/world.js';

const SUPPLIER = PARTNER_DOMAIN_MASK[T_SUPPLIER];

/** Mean Hamming distance (supplier domains) between dyad view and firm, over established firms with depth ≥ 0.5. */
function dyadDistance(w: World): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < w.firms.n; i++) {
    if (w.firms.depth[i]! < 0.5 || w.firms.age[i]! < 30) continue; // entrants start from the supplier's view
    sum += popcount((w.firms.dyad[i]! ^ w.firms.config[i]!) & SUPPLIER);
    n++;
  }
  return sum / n;
}

/** Deeply integrated firms whose configuration changes only through their main supplier. */
/** Mean dyad distance over the last 20 ticks of a 120-tick run. */
function lateDistance(over: ScenarioInput): number {
  let sum = 0;
  simulate(smallScenario({ ticks: 120, ...over }), 11, (row, w) => {
    if (row[0]! >= 100) sum += dyadDistance(w);
  });
  return sum / 20;
}

const deepFirms: ScenarioInput = {
  firms: { depthAlpha: 50, depthBeta: 5 },
  sli: { driftStep: 0, reassessBase: 0, reassessPerLO: 0 },
  search: { base: 0, perLO: 0 },
  portfolio: { searchBase: 0, searchPerShortfall: 0 },
  transfer: { complementaryAdjustment: false },
};

describe('supplier integration', () => {
  it('converges the supplier onto the firm on a static landscape, but not under dynamism', () => {
    const still = lateDistance({ ...deepFirms, dynamism: { schedule: 'constant', level: 0 } });
    const moving = lateDistance({ ...deepFirms, dynamism: { schedule: 'constant', level: 1.5 } });
    expect(still).toBe(0);
    expect(moving).toBeGreaterThan(0.01);
  });

  it('switching convergence off keeps the supplier’s distance on a static landscape', () => {
    const off = lateDistance({
      ...deepFirms,
      dynamism: { schedule: 'constant', level: 0 },
      sli: { ...deepFirms.sli, convergence: false },
    });
    expect(off).toBeGreaterThan(0.2);
  });

  it('lock-in: an interface change at depth x is rejected for its switching cost, and only when lock-in is on', () => {
    const countLocks = (lockIn: boolean) => {
      const w = smallWorld({
        transfer: { evalNoise: 0, evalNoiseFloor: 0 },
        sli: { lockIn, switchingCost: 10 },
      });
      let locked = 0;
      for (let i = 0; i < w.firms.n; i++) {
        setDepth(w, i, 1);
        w.firms.lo[i] = 0;
        const cfg = w.firms.config[i]!;
        const c = w.firms.industry[i]!;
        // Any gaining change of interface bit 0 is held back by the switching cost.
        if (fitnessSum(w.ls, c, cfg ^ 1) > fitnessSum(w.ls, c, cfg)) {
          const code = tryChange(w, i, cfg ^ 1, 0);
          if (code === LOCKED) locked++;
          else expect(lockIn).toBe(false);
        }
      }
      return locked;
    };
    expect(countLocks(true)).toBeGreaterThan(10);
    expect(countLocks(false)).toBe(0);
  });

  it('lock-in breaks alignment for about λ·x quarters after an interface change', () => {
    const w = smallWorld({ sli: { realignTicksPerDepth: 10 } });
    setDepth(w, 0, 0.5);
    w.firms.aligned[0] = 1;
    adopt(w, 0, w.firms.config[0]! ^ 0b10000, 1); // bit 4 is on the interface
    expect(w.firms.aligned[0]).toBe(0);
    expect(w.firms.realignLeft[0]).toBe(5);
    for (let k = 0; k < 5; k++) updateDyad(w, 0);
    expect(w.firms.aligned[0]).toBe(1);
    const off = smallWorld({ sli: { lockIn: false } });
    setDepth(off, 0, 0.5);
    adopt(off, 0, off.firms.config[0]! ^ 0b10000, 1);
    expect(off.firms.aligned[0]).toBe(1);
  });

  it('crowding takes tie capacity with depth, and only when switched on', () => {
    const on = smallWorld({ sli: { crowding: true, crowdingSlope: 2 } });
    const off = smallWorld({ sli: { crowding: false, crowdingSlope: 2 } });
    for (const w of [on, off]) {
      w.firms.employees[0] = 100;
      setDepth(w, 0, 0);
    }
    const free = tieCapacity(on, 0);
    setDepth(on, 0, 1);
    setDepth(off, 0, 1);
    expect(tieCapacity(on, 0)).toBe(Math.max(0, free - 2));
    expect(tieCapacity(off, 0)).toBe(free);
  });

  it('crowding takes θ·x^k_c: cubic by default, linear with k_c = 1', () => {
    const linear = smallWorld({ sli: { crowding: true, crowdingSlope: 4, crowdingExponent: 1 } });
    const cubic = smallWorld({ sli: { crowding: true, crowdingSlope: 4 } });
    for (const w of [linear, cubic]) {
      w.firms.employees[0] = 200;
      w.firms.capacityBase[0] = 5.5;
      setDepth(w, 0, 0.5);
    }
    expect(tieCapacity(linear, 0)).toBe(3); // ⌊5.5 − 4·0.5⌋
    expect(tieCapacity(cubic, 0)).toBe(5); // ⌊5.5 − 4·0.125⌋
  });

  it('settledness: rigidities fade with the regional industry’s dynamism (1 − ω_D·δ·m_c, at least 0)', () => {
    const w = smallWorld({
      sli: { dynamismShield: 1.2, realignTicksPerDepth: 10, convergenceRate: 10, convergenceLOShield: 0 },
    });
    const c = w.firms.industry[0]!;
    w.multiplier[c] = 1.5;
    const at = (delta: number) => (w.settledDelta = delta); // as environmentPhase sets it without a memory
    at(0);
    expect(settle(w, 0)).toBe(1);
    at(0.25);
    expect(settle(w, 0)).toBeCloseTo(1 - 1.2 * 0.25 * 1.5, 12);
    at(1);
    expect(settle(w, 0)).toBe(0);
    // Realignment takes ⌈λ·x·s⌉ quarters: s = 0.55 at δ = 0.25, so ⌈10 · 1 · 0.55⌉ = 6 instead of 10.
    at(0.25);
    setDepth(w, 0, 1);
    adopt(w, 0, w.firms.config[0]! ^ 0b10000, 1);
    expect(w.firms.realignLeft[0]).toBe(6);
    // Fully unsettled (s = 0): a deep dyad does not converge on the firm at all, even at γ = 10.
    at(1);
    w.orgs.progress.fill(0);
    const before = w.firms.dyad[0]!;
    expect(popcount((before ^ w.firms.config[0]!) & SUPPLIER)).toBeGreaterThan(0);
    updateDyad(w, 0);
    expect(w.firms.dyad[0]).toBe(before);
    // Settled (s = 1): it converges completely in one quarter.
    at(0);
    updateDyad(w, 0);
    expect((w.firms.dyad[0]! ^ w.firms.config[0]!) & SUPPLIER).toBe(0);
    // ω_D = 0 switches the rule off whatever the dynamism.
    const off = smallWorld({ sli: { dynamismShield: 0 } });
    off.settledDelta = 5;
    expect(settle(off, 0)).toBe(1);
  });
});
