/** Firms and their markets: the initial population, entrants, demand and costs. */
import { z } from 'zod';
import { int, num } from '../fields.js';

/** The market of each regional industry: demand, shares, costs and product vintages (ODD §7.7). */
export const marketSchema = z
  .strictObject({
    demandPerEmployee: num(
      1,
      0.001,
      1000,
      'revenue units/employee/quarter',
      'Initial demand of a regional industry per employee of its firms.',
    ),
    demandTrend: num(0, -0.1, 0.1, 'growth/quarter', 'Demand growth per quarter.'),
    shareSensitivity: num(6, 0, 100, '1/attractiveness', 'β: market shares ∝ employees·exp(β·u).'),
    weightProduct: num(1, 0, 10, 'weight', 'w_q: weight of product fitness in attractiveness u.'),
    weightMarketing: num(0.5, 0, 10, 'weight', 'w_m: weight of marketing fitness in attractiveness u.'),
    weightNewness: num(
      0.3,
      0,
      10,
      'weight',
      'w_v: weight of newness (young-vintage share) in attractiveness u.',
    ),
    unitCost: num(
      0.8,
      0,
      2,
      'share of revenue',
      'c_0: variable cost per unit of revenue before process fitness and integration.',
    ),
    processCostCut: num(0.3, 0, 1, 'share', 'a_p: unit cost = c_0·(1 − a_p·F_process) − σ·x·aligned.'),
    fixedCostPerEmployee: num(
      0.2,
      0,
      100,
      'revenue units/employee/quarter',
      'Fixed cost per employee per quarter.',
    ),
    vintageBase: num(0.5, 0, 100, 'weight', 'Weight of a new product vintage with zero fitness gain.'),
    vintageGain: num(
      10,
      0,
      1000,
      'weight per unit fitness',
      'Extra vintage weight per unit of product-fitness gain.',
    ),
    vintageDecay: num(0.85, 0, 1, 'factor/quarter', 'Vintage weights are multiplied by this each quarter.'),
    establishedWeight: num(2, 0, 100, 'weight', 'Weight of the established product line every firm sells.'),
    youngAge: int(12, 1, 200, 'quarters', 'Vintages younger than this count as innovative sales.'),
  })
  .prefault({});

/** The initial population and entrants: LO, depth, size, capital and age distributions. */
export const firmsSchema = z
  .strictObject({
    loAlpha: num(2, 0.01, 100, 'shape', 'Learning orientation ~ Beta(loAlpha, loBeta).'),
    loBeta: num(2, 0.01, 100, 'shape', 'Learning orientation ~ Beta(loAlpha, loBeta).'),
    depthAlpha: num(2, 0.01, 100, 'shape', 'Initial integration depth ~ Beta(depthAlpha, depthBeta).'),
    depthBeta: num(2, 0.01, 100, 'shape', 'Initial integration depth ~ Beta(depthAlpha, depthBeta).'),
    sizeMedian: num(30, 1, 10000, 'employees', 'Median of the log-normal firm size distribution.'),
    sizeLogSd: num(0.9, 0, 5, 'log units', 'Spread of the log-normal firm size distribution.'),
    sizeMin: int(10, 1, 10000, 'employees', 'Smallest firm (SME definition: 10).'),
    sizeMax: int(249, 1, 100000, 'employees', 'Largest firm (SME definition: 249).'),
    initialCapitalPerEmployee: num(
      1,
      0,
      1000,
      'revenue units/employee',
      'Starting capital of the initial firms.',
    ),
    entrantCapitalPerEmployee: num(0.3, 0, 1000, 'revenue units/employee', 'Starting capital of entrants.'),
    reservePerEmployee: num(
      4,
      0,
      1000,
      'revenue units/employee',
      'R: owners take out capital above this reserve at the end of each quarter (0 = never: all ' +
        'profit is retained, and established firms hardly ever exit).',
    ),
    initialAgeMin: int(12, 0, 10000, 'quarters', 'Youngest initial firm.'),
    initialAgeMax: int(160, 0, 10000, 'quarters', 'Oldest initial firm.'),
  })
  .prefault({});
