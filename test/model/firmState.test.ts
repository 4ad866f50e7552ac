import { describe, expect, it } from 'vitest';
import { FIRM_FIELDS, allocFirms, firmStateBytes, type Firms } from '../../sim/model/firmState.js';
import { createWorld } from '../../sim/model/init.js';
import { exitAndEntry } from '../../sim/model/demography.js';
import { tick } from '../../sim/step.js';
import { smallScenario } from '../helpers.js';

type AnyArray = Firms['id'] | Firms['tieType'] | Firms['sector'] | Firms['config'] | Firms['capital'];

/** Every typed array the firm state object holds, by name: what is really there, declared or not. */
function arraysOf(f: Firms): [string, AnyArray][] {
  return Object.entries(f).filter((e): e is [string, AnyArray] => ArrayBuffer.isView(e[1]));
}

/** A value no field can hold in a new firm: the type's largest value, or NaN for floats. */
function sentinel(a: AnyArray): number {
  if (a instanceof Float64Array) return NaN;
  if (a instanceof Int8Array) return 127;
  if (a instanceof Uint8Array) return 255;
  if (a instanceof Uint16Array) return 65535;
  return 2 ** 31 - 1;
}

/** Slot i's entries of a field. */
const entries = (f: Firms, name: string, i: number): number[] => {
  const { width } = f.layout.find((l) => l.name === name)!;
  return Array.from((f as unknown as Record<string, AnyArray>)[name]!.subarray(i * width, (i + 1) * width));
};

describe('firm state is declared once (FIRM_FIELDS)', () => {
  const s = smallScenario({ population: 40, ticks: 60, portfolio: { maxTies: 5 } });

  it('allocates every declared field, and only those, at n × width entries', () => {
    const f = allocFirms(7, s);
    const names = arraysOf(f).map(([name]) => name);
    expect(names).toEqual(Object.keys(FIRM_FIELDS));
    expect(f.tieType.length).toBe(7 * 5);
    expect(f.typeValue.length).toBe(7 * 6);
    expect(f.supplierAdoptRing.length).toBe(7 * s.sli.reassessWindow);
    expect(f.vintageRing.length).toBe(7 * s.market.youngAge);
    expect(f.id.length).toBe(7);
    expect([...f.tieType]).toEqual(new Array(35).fill(-1));
    expect([...f.typeValue]).toEqual(new Array(42).fill(s.portfolio.initialValue));
  });

  it('the memory figure is the bytes of the arrays', () => {
    const f = allocFirms(9, s);
    const bytes = arraysOf(f).reduce((sum, [, a]) => sum + a.byteLength, 0);
    expect(firmStateBytes(s) * 9).toBe(bytes);
    // the declaration as it stands, by array type (update when a field is added): 15 one-entry Float64
    // fields, typeValue, two per tie slot, the vintage ring; 6 + 2 per tie slot Int32; 5 Uint16; 6 one-entry
    // Uint8, the adoption ring, 2 per tie slot; tieType
    const { youngAge } = s.market;
    const window = s.sli.reassessWindow;
    expect(firmStateBytes(s)).toBe(
      8 * (15 + 6 + 2 * 5 + youngAge) + 4 * (6 + 2 * 5) + 2 * 5 + (6 + window + 2 * 5) + 5,
    );
  });

  it('an entrant is a freshly initialised firm in every field it does not draw anew', () => {
    const w = createWorld(s, 3);
    for (let t = 0; t < 30; t++) tick(w, t); // slots now hold ties, vintages, windows, rings
    const slot = 11;
    // every entry of the slot set to a value no new firm has, so a field that is not reset shows
    for (const [, a] of arraysOf(w.firms)) {
      const width = a.length / w.firms.n;
      a.fill(sentinel(a), slot * width, (slot + 1) * width);
    }
    w.firms.capital[slot] = -1; // the firm exits; an entrant takes the slot
    exitAndEntry(w, 30);
    expect(w.exitLog.some((e) => e.tick === 30 && e.firmId === 2 ** 31 - 1)).toBe(true);
    const fresh = createWorld(s, 3).firms;
    const inherited: string[] = [];
    const notDrawn: string[] = [];
    for (const [name, a] of arraysOf(w.firms)) {
      const got = entries(w.firms, name, slot);
      const drawn = w.firms.layout.find((l) => l.name === name)!.drawn;
      if (drawn) {
        if (got.some((v) => Object.is(v, sentinel(a)))) notDrawn.push(name);
      } else if (!got.every((v, k) => Object.is(v, entries(fresh, name, slot)[k]))) inherited.push(name);
    }
    expect(inherited).toEqual([]);
    expect(notDrawn).toEqual([]);
    // what an entrant draws anew: its identity, position, size, configuration, LO, depth and supplier
    expect(
      w.firms.layout
        .filter((l) => l.drawn)
        .map((l) => l.name)
        .sort(),
    ).toEqual(
      [
        'age',
        'capacityBase',
        'capital',
        'config',
        'depth',
        'depthK',
        'dyad',
        'employees',
        'id',
        'industry',
        'integrationCost',
        'lo',
        'region',
        'revenue',
        'sector',
        'supplier',
      ].sort(),
    );
    expect(w.firms.age[slot]).toBe(0);
    expect(w.firms.capital[slot]).toBeCloseTo(
      s.firms.entrantCapitalPerEmployee * w.firms.employees[slot]!,
      12,
    );
  });
});
