/**
 * Firm state, declared once: every per-firm field with its array type, how many entries a firm has and
 * the value a new firm starts from. Allocation (`allocFirms`), the reset of a slot that an entrant takes
 * over (`resetFirm`) and the memory figure (`firmStateBytes`) are all made from this one list, so a field
 * added here is allocated, reset on entry and counted without further code, and an entrant never inherits
 * the state of the firm that exited.
 */
import type { Scenario } from '../config/scenario.js';
import { N_TYPES } from './domains.js';

/** The typed arrays firm state is kept in. */
type ArrayType =
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Float64ArrayConstructor;

/** How many entries one firm has in a field: one, or one per partner type, tie slot, or quarter of a ring. */
type Width = 'one' | 'partnerTypes' | 'tieSlots' | 'reassessWindow' | 'youngAge';

/** One per-firm field. */
interface FirmField<A extends ArrayType = ArrayType> {
  array: A;
  width: Width;
  /** The value every entry starts from in a new firm, before `placeFirm` draws the firm's own values. */
  initial: number | ((s: Scenario) => number);
  /** Drawn or derived anew by `placeFirm` for every firm (the firm's identity and starting position). */
  drawn: boolean;
}

const field = <A extends ArrayType>(array: A, width: Width, initial: FirmField['initial'] = 0) => ({
  array,
  width,
  initial,
  drawn: false,
});
/** A field that `placeFirm` draws or derives for every new firm (it still starts from 0 before the draw). */
const drawn = <A extends ArrayType>(array: A, width: Width = 'one') => ({
  array,
  width,
  initial: 0,
  drawn: true,
});

/** Every per-firm field; the `Firms` type, allocation, reset and the memory figure follow from it. */
export const FIRM_FIELDS = {
  id: drawn(Int32Array),
  sector: drawn(Uint8Array),
  region: drawn(Uint8Array),
  industry: drawn(Uint16Array),
  age: drawn(Int32Array),
  employees: drawn(Float64Array),
  /** c0 + c1·ln(employees): tie capacity before crowding (fixed for a firm's life). */
  capacityBase: drawn(Float64Array),
  config: drawn(Uint16Array),
  /** Configurations at the start of the firm phase of the tick (what partners see). */
  snap: field(Uint16Array, 'one'),
  capital: drawn(Float64Array),
  lo: drawn(Float64Array),
  absorptive: field(Float64Array, 'one'),
  depth: drawn(Float64Array),
  /** depth^k (k = sli.depthExponent), kept with depth by setDepth: convergence and lock-in read it. */
  depthK: drawn(Float64Array),
  integrationCost: drawn(Float64Array),
  revenue: drawn(Float64Array),
  /** Overall fitness F at market clearing this quarter (read by the observer). */
  fitnessNow: field(Float64Array, 'one'),
  margin: field(Float64Array, 'one'),
  aspiration: field(Float64Array, 'one'),
  /** Spending this tick on own search. */
  searchSpend: field(Float64Array, 'one'),
  /** Partner-type value estimates Q, firm × type. */
  typeValue: field(Float64Array, 'partnerTypes', (s) => s.portfolio.initialValue),
  // main supplier relation
  supplier: drawn(Int32Array),
  dyad: drawn(Uint16Array),
  aligned: field(Uint8Array, 'one', 1),
  realignLeft: field(Int32Array, 'one'),
  /** Adopted main-supplier proposals per quarter, ring over the reassessment window: firm × window. */
  supplierAdoptRing: field(Uint8Array, 'reassessWindow'),
  supplierAdoptSum: field(Int32Array, 'one'),
  /** Last quarter in which lock-in bound (a change with positive perceived gain rejected for its switching cost). */
  lastLockTick: field(Int32Array, 'one', -1_000_000),
  // portfolio ties, firm × maxTies; tieType −1 = empty
  /** Bit k set when slot k of the firm holds a tie (so loops visit only held ties). */
  tieSlots: field(Uint16Array, 'one'),
  tieType: field(Int8Array, 'tieSlots', -1),
  tiePartner: field(Int32Array, 'tieSlots'),
  /** For competitor ties: the partner firm's id (the slot may be taken by an entrant). */
  tiePartnerId: field(Int32Array, 'tieSlots'),
  tieValue: field(Float64Array, 'tieSlots'),
  tieNegative: field(Uint8Array, 'tieSlots'),
  /** 1 if the tie was assigned by a supply-led programme. */
  tieAssigned: field(Uint8Array, 'tieSlots'),
  /** Fitness gained through the tie this tick. */
  tieGain: field(Float64Array, 'tieSlots'),
  // vintages: raw weights born per quarter in a ring of length youngAge
  vintageRing: field(Float64Array, 'youngAge'),
  youngWeight: field(Float64Array, 'one'),
  oldWeight: field(Float64Array, 'one'),
  // innovation and cooperation masks
  innoTick: field(Uint8Array, 'one'),
  innoWindow: field(Uint8Array, 'one'),
  coopWindow: field(Uint8Array, 'one'),
} satisfies Record<string, FirmField>;

/** The name of a per-firm field. */
export type FirmFieldName = keyof typeof FIRM_FIELDS;

/** One field's array as allocated for a run: its entries per firm and the value a new firm starts from. */
export interface FieldLayout {
  name: FirmFieldName;
  array: InstanceType<ArrayType>;
  width: number;
  initial: number;
  drawn: boolean;
}

/** Firm state, one entry (or `width` entries) per slot, in structure-of-arrays form. */
export type Firms = {
  n: number;
  /** Every field's array with its width and initial value under this run's scenario (for reset and tests). */
  layout: readonly FieldLayout[];
} & {
  [K in FirmFieldName]: InstanceType<(typeof FIRM_FIELDS)[K]['array']>;
};

const FIELD_NAMES = Object.keys(FIRM_FIELDS) as FirmFieldName[];

/** Entries per firm of each width under a scenario. */
function widthOf(width: Width, s: Scenario): number {
  switch (width) {
    case 'one':
      return 1;
    case 'partnerTypes':
      return N_TYPES;
    case 'tieSlots':
      return s.portfolio.maxTies;
    case 'reassessWindow':
      return s.sli.reassessWindow;
    case 'youngAge':
      return s.market.youngAge;
  }
}

/** Allocate the firm arrays for n slots, every entry at its field's initial value. */
export function allocFirms(n: number, s: Scenario): Firms {
  const layout = FIELD_NAMES.map((name): FieldLayout => {
    const spec: FirmField = FIRM_FIELDS[name];
    const width = widthOf(spec.width, s);
    const initial = typeof spec.initial === 'number' ? spec.initial : spec.initial(s);
    const array = new spec.array(n * width);
    if (initial !== 0) array.fill(initial);
    return { name, array, width, initial, drawn: spec.drawn };
  });
  // Object.fromEntries gives an object with fast properties: the hot loops read these arrays constantly
  return Object.fromEntries([
    ['n', n],
    ['layout', layout],
    ...layout.map((l) => [l.name, l.array] as const),
  ]) as Firms;
}

/** Put every field of slot i back to its initial value: the slot is then a new firm before its draws. */
export function resetFirm(f: Firms, i: number): void {
  for (const { array, width, initial } of f.layout) {
    if (width === 1) array[i] = initial;
    else array.fill(initial, i * width, (i + 1) * width);
  }
}

/** Bytes of firm state per firm under a scenario (the typed arrays; the run's other state is not counted). */
export function firmStateBytes(s: Scenario): number {
  return FIELD_NAMES.reduce((sum, name) => {
    const spec: FirmField = FIRM_FIELDS[name];
    return sum + spec.array.BYTES_PER_ELEMENT * widthOf(spec.width, s);
  }, 0);
}
