/** The scenario schema: the one source of truth for every input of a run. */
import { z } from 'zod';
import { int } from './fields.js';
import { dynamismSchema, policiesSchema } from './levers.js';
import * as p from './params.js';
import { sweepSchema } from './sweep.js';
import { calibrateSchema } from './calibrate.js';
import { unknownSector } from './messages.js';

export const DEFAULT_SECTORS = [
  'food-drink',
  'textiles-clothing',
  'wood-furniture',
  'paper-printing',
  'metal-products',
  'non-metallic-minerals',
];

const scenarioObject = z.strictObject({
  $schema: z.string().optional().meta({ description: 'Path of the JSON Schema, for editors.' }),
  extends: z
    .string()
    .optional()
    .meta({ description: 'Path (relative to this file) of a scenario this one builds on; fields here win.' }),
  name: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9._-]+$/)
    .default('scenario')
    .meta({ description: 'Short name used in run ids and reports (letters, digits, . _ -).' }),
  description: z.string().default('').meta({ description: 'What question this scenario answers.' }),
  seed: int(
    20261123,
    0,
    Number.MAX_SAFE_INTEGER,
    'integer',
    'Master seed; each run’s seed is a hash of it and the replicate id.',
  ),
  replicates: int(10, 1, 1_000_000, 'runs', 'Independent replicate runs.'),
  ticks: int(200, 1, 10_000_000, 'quarters', 'Length of a run.'),
  burnIn: int(
    80,
    0,
    100_000,
    'quarters',
    'Quarters the model runs to settle before anything is changed or surveyed: no policy may start ' +
      'and the survey window may not begin before it, and figures shade it. The engine runs these ' +
      'quarters like any other (timeseries.csv and exit counts include them).',
  ),
  surveyWindow: int(12, 1, 1000, 'quarters', 'The survey asks about the last this-many quarters.'),
  population: int(
    1000,
    2,
    1_000_000_000,
    'firms',
    'Number of firms (kept constant: entrants replace exits).',
  ),
  sectors: z
    .array(z.string().min(1))
    .min(1)
    .max(255)
    .default(DEFAULT_SECTORS)
    .meta({ description: 'Sector names.' }),
  regions: int(7, 1, 255, 'regions', 'Number of regions.'),
  landscape: p.landscapeSchema,
  dynamism: dynamismSchema,
  organisations: p.organisationsSchema,
  partners: p.partnersSchema,
  transfer: p.transferSchema,
  search: p.searchSchema,
  sli: p.sliSchema,
  portfolio: p.portfolioSchema,
  market: p.marketSchema,
  firms: p.firmsSchema,
  survey: p.surveySchema,
  policies: policiesSchema,
  outputs: p.outputsSchema,
  sweep: sweepSchema.optional(),
  calibrate: calibrateSchema.optional(),
});

// Cross-field rules run even when other fields are wrong (`when`), so that a file with both kinds of
// mistake is told about all of them at once; each rule reads only fields that are valid themselves.
export const scenarioSchema = scenarioObject.superRefine(crossFieldRules, { when: () => true });

/**
 * Rules that relate several fields (a start quarter and the run's length, a minimum and its maximum). The
 * value may hold invalid fields when other issues exist: a rule runs only when every field it reads is
 * valid, i.e. no issue lies at, inside or above it (an unknown field does not make its neighbours invalid).
 */
function crossFieldRules(
  s: z.output<typeof scenarioObject>,
  ctx: z.core.$RefinementCtx<z.output<typeof scenarioObject>>,
) {
  if (typeof s !== 'object' || s === null) return; // not a group of fields at all: that is the one issue
  const bad = ctx.issues.filter((i) => i.code !== 'unrecognized_keys').map((i) => i.path ?? []);
  const within = (a: PropertyKey[], b: PropertyKey[]) =>
    a.length <= b.length && a.every((k, n) => k === b[n]);
  const valid = (...paths: PropertyKey[][]) =>
    paths.every((path) => !bad.some((b) => within(b, path) || within(path, b)));
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  if (valid(['burnIn'], ['ticks']) && s.burnIn >= s.ticks)
    issue(
      ['burnIn'],
      `must be shorter than the run (got ${s.burnIn} with ticks = ${s.ticks}); lower burnIn or raise ticks`,
    );
  if (valid(['surveyWindow'], ['ticks']) && s.surveyWindow > s.ticks)
    issue(
      ['surveyWindow'],
      `is longer than the run (got ${s.surveyWindow} with ticks = ${s.ticks}); shorten the window or raise ticks`,
    );
  if (
    valid(['surveyWindow'], ['ticks'], ['burnIn']) &&
    s.surveyWindow <= s.ticks &&
    s.burnIn < s.ticks &&
    s.ticks - s.surveyWindow < s.burnIn
  )
    issue(
      ['surveyWindow'],
      `reaches into the burn-in (the window starts at quarter ${s.ticks - s.surveyWindow}, ` +
        `burnIn = ${s.burnIn}); shorten the window to at most ${s.ticks - s.burnIn}, lower burnIn ` +
        `or raise ticks`,
    );
  if (valid(['firms', 'sizeMin'], ['firms', 'sizeMax']) && s.firms.sizeMin > s.firms.sizeMax)
    issue(
      ['firms', 'sizeMin'],
      `exceeds sizeMax (got ${s.firms.sizeMin} > ${s.firms.sizeMax}); make sizeMin at most sizeMax`,
    );
  if (
    valid(['landscape', 'multiplierMin'], ['landscape', 'multiplierMax']) &&
    s.landscape.multiplierMin > s.landscape.multiplierMax
  )
    issue(
      ['landscape', 'multiplierMin'],
      `exceeds multiplierMax (got ${s.landscape.multiplierMin} > ${s.landscape.multiplierMax}); swap the two`,
    );
  const sectors = valid(['sectors']) ? s.sectors : undefined;
  const repeated = sectors?.filter((name, k) => sectors.indexOf(name) !== k) ?? [];
  if (repeated.length > 0)
    issue(['sectors'], `sector names must be distinct (got '${repeated[0]}' twice); rename one of them`);
  // A quarter at or after the end of the run would silently never happen.
  const last = s.ticks - 1;
  const inRun = (path: (string | number)[], t: number, what: string) => {
    if (valid(path, ['ticks']) && t > last)
      issue(
        path,
        `is after the run's last quarter (got ${t} with ticks = ${s.ticks}, so quarters run 0 to ` +
          `${last}); ${what} never happens: use a quarter from 0 to ${last} or raise ticks`,
      );
  };
  const shocks = Array.isArray(s.dynamism?.shocks) ? s.dynamism.shocks : [];
  for (const [i, shock] of shocks.entries()) {
    if (!valid(['dynamism', 'shocks', i]) && (typeof shock !== 'object' || shock === null)) continue;
    inRun(['dynamism', 'shocks', i, 'tick'], shock.tick, 'the shock');
    if (!sectors || !valid(['dynamism', 'shocks', i, 'sectors'])) continue;
    for (const name of shock.sectors ?? []) {
      if (!sectors.includes(name)) issue(['dynamism', 'shocks', i, 'sectors'], unknownSector(name, sectors));
    }
  }
  // A policy acting while the model settles would be measured against a world that is not yet settled.
  const afterBurnIn = (path: (string | number)[], t: number, what: string) => {
    inRun(path, t, what);
    if (valid(path, ['burnIn']) && t < s.burnIn)
      issue(
        path,
        `is inside the burn-in (got ${t} with burnIn = ${s.burnIn}); ${what} may start at quarter ` +
          `${s.burnIn} at the earliest: start it later or lower burnIn`,
      );
  };
  const { training, cooperationSubsidy: subsidy, supplierDiversity } = s.policies ?? {};
  if (training) afterBurnIn(['policies', 'training', 'start'], training.start, 'the training programme');
  if (subsidy) afterBurnIn(['policies', 'cooperationSubsidy', 'start'], subsidy.start, 'the subsidy');
  if (
    subsidy?.end !== undefined &&
    valid(['policies', 'cooperationSubsidy', 'start'], ['policies', 'cooperationSubsidy', 'end']) &&
    subsidy.end < subsidy.start
  )
    issue(
      ['policies', 'cooperationSubsidy', 'end'],
      `is before start (got end ${subsidy.end} < start ${subsidy.start}); the subsidy runs from ` +
        `start to end: make end at least start, or omit it for an open-ended subsidy`,
    );
  if (supplierDiversity)
    afterBurnIn(['policies', 'supplierDiversity', 'start'], supplierDiversity.start, 'the measure');
  if (valid(['outputs', 'snapshots']))
    s.outputs.snapshots.forEach((t, i) => inRun(['outputs', 'snapshots', i], t, 'the snapshot'));
  if (
    valid(['outputs', 'exits'], ['outputs', 'exitsFrom'], ['ticks']) &&
    s.outputs.exits &&
    s.outputs.exitsFrom > last
  )
    issue(
      ['outputs', 'exitsFrom'],
      `is after the run's last quarter (got ${s.outputs.exitsFrom} with ticks = ${s.ticks}, so ` +
        `quarters run 0 to ${last}); exits.csv would stay empty: use a quarter from 0 to ${last}, ` +
        `or set outputs.exits: false to leave the table out`,
    );
}

/**
 * Where a scenario's firms differ from a baseline's under the same seed: population, regions or sectors,
 * each as "population (500 against 200)". Empty when common random numbers give both the same firms.
 */
export function firmDifferences(
  s: Pick<Scenario, 'population' | 'regions' | 'sectors'>,
  base: Pick<Scenario, 'population' | 'regions' | 'sectors'>,
): string[] {
  const differs = (name: string, a: unknown, b: unknown) =>
    a !== b ? [`${name} (${String(a)} against ${String(b)})`] : [];
  return [
    ...differs('population', s.population, base.population),
    ...differs('regions', s.regions, base.regions),
    ...differs('sectors', s.sectors.join(', '), base.sectors.join(', ')),
  ];
}

/**
 * How a scenario's horizon differs from a baseline's: a compare pairs their runs' survey windows (the last
 * `surveyWindow` quarters), which cover other quarters when `ticks` differs. (The engine does not read
 * the burn-in: it bounds when policies start and shades the figures.)
 */
export function timingDifferences(s: Pick<Scenario, 'ticks'>, base: Pick<Scenario, 'ticks'>): string[] {
  return s.ticks !== base.ticks ? [`ticks (${s.ticks} against ${base.ticks})`] : [];
}

/** A complete, validated scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
/** What a scenario file may contain (every field optional where it has a default). */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** Parse a plain object into a complete Scenario (throws a ZodError on bad input). */
export function makeScenario(input: unknown = {}): Scenario {
  return scenarioSchema.parse(input);
}
