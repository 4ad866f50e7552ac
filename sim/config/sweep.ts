/** The `sweep:` block of a scenario: a design over named numeric parameters (executed by the run plan). */
import { z } from 'zod';
import { int } from './fields.js';

const sweepParameterSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .meta({ description: 'Dotted path of a numeric parameter, e.g. sli.convergenceRate.' }),
    min: z
      .number()
      .optional()
      .meta({ description: 'Lower end of the range (lhs, sobol, morris; grid with steps).' }),
    max: z.number().optional().meta({ description: 'Upper end of the range.' }),
    levels: z
      .array(z.number())
      .min(1)
      .optional()
      .meta({ description: 'grid only: the exact values to run.' }),
    steps: z
      .int()
      .min(2)
      .max(10_000)
      .optional()
      .meta({ description: 'grid only: evenly spaced values from min to max.' }),
  })
  .meta({ description: 'One swept parameter.' });

export const sweepSchema = z
  .strictObject({
    design: z.enum(['grid', 'lhs', 'sobol', 'morris']).meta({
      description:
        'grid: every combination; lhs: Latin hypercube; sobol: Saltelli sampling for Sobol ' +
        'indices; morris: elementary-effects trajectories.',
    }),
    parameters: z.array(sweepParameterSchema).min(1).meta({ description: 'The parameters to vary.' }),
    samples: int(
      16,
      1,
      1_000_000,
      'points',
      'lhs: design points; sobol: base sample N (runs N·(k+2)); morris: trajectories (runs r·(k+1)).',
    ),
    morrisLevels: int(4, 2, 100, 'levels', 'morris only: grid levels p of each parameter.'),
  })
  .meta({ description: 'Parameter sweep over the scenario: replicates are run at every design point.' });

/** A validated sweep block. */
export type Sweep = z.output<typeof sweepSchema>;
