/** Scenario inputs that change over time: the dynamism schedule with shocks, and the policy levers. */
import { z } from 'zod';
import { int, num, PARTNER_TYPES } from './fields.js';
import { DOMAIN_NAMES } from '../model/domains.js';

const level = (def: number, what: string) => num(def, 0, 10, 'dynamism δ', what);
const tick = (def: number, what: string) => int(def, 0, 100_000, 'quarter', what);

export const shockSchema = z.strictObject({
  tick: z
    .int()
    .min(0)
    .max(100_000)
    .meta({ unit: 'quarter', description: 'Quarter in which the shock hits.' }),
  sectors: z
    .array(z.string())
    .optional()
    .meta({ description: 'Sectors hit (names); all sectors when omitted.' }),
  magnitude: z.number().gt(0).max(1).meta({
    unit: 'share',
    description: 'Share of contribution entries redrawn at once (above 0, at most 1).',
  }),
  demandLoss: z.number().min(0).max(0.95).default(0).meta({
    unit: 'share',
    description: 'Share of the hit industries’ demand lost for good from the shock on (0 = none).',
  }),
  domains: z
    .array(z.enum(DOMAIN_NAMES))
    .min(1)
    .optional()
    .meta({
      description:
        'Technology domains whose entries are redrawn (product, process, org = organisational, ' +
        'marketing); all four when omitted. E.g. [process] for a new production technology.',
    }),
});

const shocks = z
  .array(shockSchema)
  .default([])
  .meta({
    description:
      'One-off shocks on top of the schedule, each `{tick, sectors, magnitude, demandLoss, ' +
      'domains}`: in quarter `tick`, a `magnitude` share (above 0, at most 1) of the ' +
      'contribution entries of the named `sectors` (all when omitted) and `domains` (any of ' +
      'product, process, org, marketing; all when omitted) is redrawn at once, and a ' +
      '`demandLoss` share (0 to 0.95, default 0) of their demand is lost for good.',
  });

export const dynamismSchema = z
  .discriminatedUnion('schedule', [
    // 'constant' is the default: a dynamism block without a schedule (only shocks, say) takes this branch
    z.strictObject({
      schedule: z.literal('constant').default('constant'),
      level: level(0.5, 'δ in every quarter.'),
      shocks,
    }),
    z.strictObject({
      schedule: z.literal('step'),
      before: level(0.5, 'δ before the step.'),
      after: level(1, 'δ from the step on.'),
      at: tick(100, 'Quarter of the step.'),
      shocks,
    }),
    z.strictObject({
      schedule: z.literal('ramp'),
      from: level(0.5, 'δ up to the start of the ramp.'),
      to: level(1, 'δ at and after the end of the ramp.'),
      start: tick(80, 'First quarter of the ramp.'),
      end: tick(200, 'Last quarter of the ramp.'),
      shocks,
    }),
    z.strictObject({
      schedule: z.literal('cycle'),
      mean: level(0.5, 'Mean δ of the cycle.'),
      amplitude: level(0.25, 'Amplitude of the cycle (δ = mean + amplitude·sin).'),
      period: int(40, 2, 100_000, 'quarters', 'Length of one cycle.'),
      shocks,
    }),
  ])
  .prefault({ schedule: 'constant' })
  .meta({
    description: 'Schedule of environmental dynamism δ(t): constant, step, ramp or cycle, plus shocks.',
  });

const trainingSchema = z
  .strictObject({
    start: tick(80, 'Quarter in which the programme trains the firms.'),
    share: num(0.3, 0, 1, 'share of firms', 'Share of firms trained (drawn at random).'),
    amount: num(0.2, 0, 1, 'LO units', 'Rise in learning orientation of a trained firm (capped at 1).'),
    costPerFirm: z
      .number()
      .min(0)
      .max(1_000_000)
      .optional()
      .meta({
        unit: 'revenue units/firm',
        description:
          'What training one firm costs the programme (a median firm’s revenue is ~30 a quarter). ' +
          'Only for the cost accounting (runs.csv outlay_training); costs are not priced when omitted.',
      }),
  })
  .meta({ description: 'Training programme: raises learning orientation of a share of firms.' });

const subsidySchema = z
  .strictObject({
    start: tick(80, 'First quarter of the subsidy.'),
    end: z
      .int()
      .min(0)
      .max(100_000)
      .optional()
      .meta({ unit: 'quarter', description: 'Last quarter of the subsidy (open-ended when omitted).' }),
    types: z
      .array(z.enum(PARTNER_TYPES))
      .min(1)
      .default([...PARTNER_TYPES])
      .meta({ description: 'Partner types whose ties are subsidised.' }),
    share: num(0.5, 0, 1, 'share of tie cost', 'Share of the tie cost the programme pays.'),
    mode: z.enum(['demand-led', 'supply-led']).default('demand-led').meta({
      description: 'demand-led: firms choose, subsidy follows; supply-led: the programme assigns ties.',
    }),
    targetShare: num(
      0.2,
      0,
      1,
      'share of firms',
      'supply-led only: share of firms assigned a subsidised tie at the start.',
    ),
  })
  .meta({ description: 'Cooperation subsidy: cuts the cost of ties of the listed partner types.' });

const supplierDiversitySchema = z
  .strictObject({
    start: tick(80, 'Quarter from which the measure applies.'),
    extraSuppliers: int(
      0,
      0,
      1000,
      'organisations/region',
      'Additional supplier organisations per region, open for ties from the start.',
    ),
    depthCap: num(1, 0, 1, 'depth', 'Upper bound on integration depth x from the start.'),
  })
  .meta({ description: 'Supplier diversity: more suppliers per region and/or a cap on integration depth.' });

export const policiesSchema = z
  .strictObject({
    training: trainingSchema.optional(),
    cooperationSubsidy: subsidySchema.optional(),
    supplierDiversity: supplierDiversitySchema.optional(),
  })
  .prefault({})
  .meta({ description: 'Policy levers; each is off when omitted.' });
