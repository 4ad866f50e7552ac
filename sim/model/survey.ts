/**
 * The virtual survey at the last tick (docs/ODD.md §7.10; columns in docs/VALIDATION.md): one row per
 * surveyed firm, exactly these columns.
 */
import { normal, randInt } from '../rng.js';
import { PARTNER_TYPES } from '../config/fields.js';
import { DOMAIN_NAMES, N_TYPES } from './domains.js';
import { deltaRange } from './dynamism.js';
import { innovativeSalesShare } from './market.js';
import type { World } from './world.js';

/** The survey's cooperation columns, one per partner type, in PARTNER_TYPES order. */
export const COOP_COLUMNS = PARTNER_TYPES.map((t) => `coop_${t}` as const);
/** The survey's innovation columns, one per domain, in DOMAIN_NAMES order. */
export const INNOVATION_COLUMNS = DOMAIN_NAMES.map((d) => `inno_${d}` as const);

/** Survey columns, in order. */
export const SURVEY_COLUMNS = [
  'run_id',
  'scenario',
  'replicate',
  'seed',
  'firm_id',
  'sector',
  'region',
  'employees',
  'age_years',
  'lo_likert',
  'sli_likert',
  'dyn_likert',
  'lo_true',
  'sli_true',
  'dyn_true',
  'coop_any',
  ...COOP_COLUMNS,
  'breadth',
  ...INNOVATION_COLUMNS,
  'iss',
] as const;

/** One 1–7 Likert item measuring a true value v ∈ [0, 1] with noise. */
function likert(rng: () => number, v: number, noise: number): number {
  return Math.min(7, Math.max(1, Math.round(1 + 6 * v + noise * normal(rng))));
}

/** Slots of the surveyed firms: every firm old enough, or a random sample of them, in slot order. */
function sampleFirms(w: World): number[] {
  const f = w.firms;
  const eligible: number[] = [];
  for (let i = 0; i < f.n; i++) if (f.age[i]! >= w.s.survey.minAge) eligible.push(i);
  const k = w.s.survey.sampleSize;
  if (k === 0 || k >= eligible.length) return eligible;
  for (let j = 0; j < k; j++) {
    const r = j + randInt(w.rng.survey, eligible.length - j);
    [eligible[j], eligible[r]] = [eligible[r]!, eligible[j]!];
  }
  return eligible.slice(0, k).sort((a, b) => a - b);
}

/** Run the survey; the prefix columns (run_id … seed) are supplied by the caller. */
export function runSurvey(w: World, prefix: (string | number)[]): (string | number)[][] {
  const f = w.firms;
  const s = w.s;
  const noise = s.survey.likertNoise;
  const rng = w.rng.survey;
  const [dMin, dMax] = deltaRange(s.dynamism, s.ticks);
  const dynLo = dMin * s.landscape.multiplierMin;
  const dynHi = dMax * s.landscape.multiplierMax;
  const rows: (string | number)[][] = [];
  for (const i of sampleFirms(w)) {
    const lo = f.lo[i]!;
    const x = f.depth[i]!;
    const dyn = w.windowDynamism[f.industry[i]!]! / s.surveyWindow;
    const loItems = likert(rng, lo, noise) + likert(rng, lo, noise) + likert(rng, lo, noise);
    const dynScaled = dynHi > dynLo ? (dyn - dynLo) / (dynHi - dynLo) : 0.5;
    const coop: number[] = [];
    for (let k = 0; k < N_TYPES; k++) coop.push((f.coopWindow[i]! >> k) & 1);
    const breadth = coop.reduce((a, b) => a + b, 0);
    rows.push([
      ...prefix,
      f.id[i]!,
      s.sectors[f.sector[i]!]!,
      f.region[i]! + 1,
      f.employees[i]!,
      Math.floor(f.age[i]! / 4),
      loItems / 3,
      likert(rng, x, noise),
      likert(rng, dynScaled, noise),
      lo,
      x,
      dyn,
      breadth > 0 ? 1 : 0,
      ...coop,
      breadth,
      ...[0, 1, 2, 3].map((d) => (f.innoWindow[i]! >> d) & 1),
      innovativeSalesShare(w, i),
    ]);
  }
  return rows;
}
