/**
 * The `calibrate:` block of a scenario: which parameters `smesim
 * calibrate` searches, towards which targets, how.
 */
import { z } from 'zod';
import { int, num } from './fields.js';

/** One searched parameter: its path, range, scale and rounding. */
export const calibrateParameterSchema = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .meta({ description: 'Dotted path of a numeric parameter, e.g. portfolio.searchPerShortfall.' }),
    min: z.number().meta({ description: 'Lowest value searched.' }),
    max: z.number().meta({ description: 'Highest value searched.' }),
    scale: z
      .enum(['linear', 'log'])
      .default('linear')
      .meta({
        description:
          'linear: search the values evenly; log: search their logarithm ' +
          '(for a range over powers of ten; min above 0).',
      }),
    integer: z.boolean().default(false).meta({
      unit: 'on/off',
      description: 'Round the value to a whole number (integer parameters always are).',
    }),
  })
  .meta({ description: 'One parameter searched, and its range.' });

/** A target: one value, or a range [lo, hi] inside which the objective has no loss. */
const targetSchema = z
  .union([z.number(), z.tuple([z.number(), z.number()])])
  .meta({ description: 'A value, e.g. 0.3, or a range [lo, hi], e.g. [0.2, 0.45] (no loss inside it).' });

/** One objective: a statistic, its target, weight and scale. */
export const objectiveSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/)
      .optional()
      .meta({
        description:
          'Column name in calibration.csv (letters, digits, . _ -; default: the statistic with ' +
          'other characters as _, e.g. L1, T5_passRate, share_coop_any_innovators).',
      }),
    statistic: z
      .string()
      .min(1)
      .meta({
        description:
          'What is measured on the candidate’s survey: a level target (L1, L2, L3-any, ' +
          'L3-product, L3-process, L4); share(column) or mean(column), optionally among a ' +
          'subgroup, e.g. share(coop_any | innovators); a ratio of two such, e.g. ' +
          'share(inno_any | medium) / share(inno_any | small); or a validation target’s ' +
          'mean statistic T1 … T7, or its pass rate, e.g. T5:passRate.',
      }),
    target: targetSchema.optional().meta({
      description: 'A value or a range [lo, hi]; a level target L1 … L4 defaults to its survey range.',
    }),
    weight: num(
      1,
      0,
      1e6,
      'weight',
      'Weight of this objective in the loss CMA-ES minimises and in picking the best candidate.',
    ),
    scale: z
      .number()
      .positive()
      .optional()
      .meta({
        description:
          'What one unit of distance from the target is (default: the size of the target’s ' +
          'midpoint, 1 when that is 0); the loss adds weight × (distance / scale)².',
      }),
  })
  .meta({ description: 'One objective: a statistic of the survey and the target it should meet.' });

/** The calibrate block. */
export const calibrateSchema = z
  .strictObject({
    algorithm: z
      .enum(['cmaes', 'nsga2'])
      .default('cmaes')
      .meta({
        description:
          'cmaes: CMA-ES (Hansen) on the weighted loss of all objectives; nsga2: ' +
          'NSGA-II (Deb et al. 2002), a Pareto set of the objectives.',
      }),
    parameters: z.array(calibrateParameterSchema).min(1).meta({ description: 'The parameters searched.' }),
    objectives: z.array(objectiveSchema).min(1).meta({ description: 'The targets the search aims at.' }),
    budget: int(64, 1, 1_000_000, 'candidates', 'Candidates evaluated in all (whole generations).'),
    generationSize: int(
      8,
      2,
      10_000,
      'candidates',
      'Candidates per generation (CMA-ES’s λ, NSGA-II’s population; ' +
        'NSGA-II needs an even number of at least 4).',
    ),
    replicates: int(
      4,
      1,
      10_000,
      'runs',
      'Runs per candidate; replicate r of every candidate faces the same world (common random numbers).',
    ),
    population: z.int().min(2).max(1_000_000_000).optional().meta({
      unit: 'firms',
      description: 'Firms per run while calibrating (default: the scenario’s population).',
    }),
    seed: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional().meta({
      unit: 'integer',
      description: 'Seed of the search and of the runs’ worlds (default: the scenario’s seed).',
    }),
    sigma: num(
      0.3,
      0.001,
      1,
      'share of range',
      'CMA-ES’s initial step size, as a share of each parameter’s ' +
        'range (its start is the middle of the range).',
    ),
  })
  .meta({ description: 'Calibration by `smesim calibrate`: search parameter values that meet targets.' });

/** A validated calibrate block. */
export type Calibrate = z.output<typeof calibrateSchema>;
/** One objective of a calibrate block. */
export type Objective = z.output<typeof objectiveSchema>;
