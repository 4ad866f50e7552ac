/** What a run reports: the virtual survey and optional outputs. */
import { z } from 'zod';
import { flag, int, num } from '../fields.js';

/** The virtual survey: whom it asks and how noisily it measures. */
export const surveySchema = z
  .strictObject({
    sampleSize: int(
      0,
      0,
      10_000_000,
      'firms',
      'Survey a random sample of this many eligible firms (0 = all).',
    ),
    minAge: int(12, 0, 10000, 'quarters', 'Only firms at least this old are surveyed.'),
    likertNoise: num(0.6, 0, 10, 'scale points', 'Measurement noise (sd) of each 1–7 Likert item.'),
  })
  .prefault({});

/** Optional outputs of a run: the tie network, exits, state snapshots. */
export const outputsSchema = z
  .strictObject({
    network: flag(false, 'Write the final tie network as GraphML.'),
    exits: flag(
      true,
      'Write every exit (quarter, firm, size, age, LO, SLI) to exits.csv, the largest table ' +
        '(about 60% of a run’s tables); false leaves it out. Exit counts stay in runs.csv and ' +
        'timeseries.csv.',
    ),
    exitsFrom: int(
      0,
      0,
      10_000_000,
      'quarters',
      'First quarter whose exits are written to exits.csv (0 = every exit, burn-in included; ' +
        'e.g. 80 leaves out the burn-in, or the quarter of a shock). Exit counts in runs.csv and ' +
        'timeseries.csv stay complete.',
    ),
    snapshots: z.array(z.int().min(0).max(10_000_000)).default([]).meta({
      unit: 'quarters',
      description:
        'Quarters after which every firm’s state (size, age, LO, SLI) is written to snapshots.csv.',
    }),
  })
  .prefault({});
