/** The scenario schema: the one source of truth for every input of a run. */
import { z } from 'zod';
import { int } from './fields.js';
import { dynamismSchema, policiesSchema } from './levers.js';
import * as p from './params.js';
import { sweepSchema } from './sweep.js';

export const DEFAULT_SECTORS = [
  'food-drink',
  'textiles-clothing',
  'wood-furniture',
  'paper-printing',
  'metal-products',
  'non-metallic-minerals',
];

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Path of the JSON Schema, for editors.' }),
    extends: z.string().optional().meta({ description: 'Path (relative to this file) of a scenario this one builds on; fields here win.' }),
    name: z.string().min(1).regex(/^[A-Za-z0-9._-]+$/).default('scenario').meta({ description: 'Short name used in run ids and reports (letters, digits, . _ -).' }),
    description: z.string().default('').meta({ description: 'What question this scenario answers.' }),
    seed: int(20261123, 0, Number.MAX_SAFE_INTEGER, 'integer', 'Master seed; each run’s seed is a hash of it and the replicate id.'),
    replicates: int(10, 1, 1_000_000, 'runs', 'Independent replicate runs.'),
    ticks: int(200, 1, 10_000_000, 'quarters', 'Length of a run.'),
    burnIn: int(80, 0, 100_000, 'quarters', 'Quarters before policies may start and before results are summarised.'),
    surveyWindow: int(12, 1, 1000, 'quarters', 'The survey asks about the last this-many quarters.'),
    population: int(1000, 2, 1_000_000_000, 'firms', 'Number of firms (kept constant: entrants replace exits).'),
    sectors: z.array(z.string().min(1)).min(1).max(255).default(DEFAULT_SECTORS).meta({ description: 'Sector names.' }),
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
  })
  .superRefine((s, ctx) => {
    if (s.burnIn >= s.ticks) ctx.addIssue({ code: 'custom', path: ['burnIn'], message: `burn-in (${s.burnIn}) must be shorter than the run (ticks = ${s.ticks})` });
    if (s.surveyWindow > s.ticks) ctx.addIssue({ code: 'custom', path: ['surveyWindow'], message: `survey window (${s.surveyWindow}) is longer than the run (ticks = ${s.ticks})` });
    if (s.firms.sizeMin > s.firms.sizeMax) ctx.addIssue({ code: 'custom', path: ['firms', 'sizeMin'], message: `sizeMin (${s.firms.sizeMin}) exceeds sizeMax (${s.firms.sizeMax})` });
    if (s.landscape.multiplierMin > s.landscape.multiplierMax) ctx.addIssue({ code: 'custom', path: ['landscape', 'multiplierMin'], message: 'multiplierMin exceeds multiplierMax' });
    if (new Set(s.sectors).size !== s.sectors.length) ctx.addIssue({ code: 'custom', path: ['sectors'], message: 'sector names must be distinct' });
    for (const [i, shock] of s.dynamism.shocks.entries()) {
      for (const name of shock.sectors ?? []) {
        if (!s.sectors.includes(name)) ctx.addIssue({ code: 'custom', path: ['dynamism', 'shocks', i, 'sectors'], message: `unknown sector '${name}' (sectors are: ${s.sectors.join(', ')})` });
      }
    }
  });

/** A complete, validated scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
/** What a scenario file may contain (every field optional where it has a default). */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** Parse a plain object into a complete Scenario (throws a ZodError on bad input). */
export function makeScenario(input: unknown = {}): Scenario {
  return scenarioSchema.parse(input);
}
