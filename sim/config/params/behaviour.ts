/** How firms learn: knowledge transfer through ties, own search and the partner portfolio. */
import { z } from 'zod';
import { flag, int, num } from '../fields.js';

/** Knowledge transfer through ties: absorption, evaluation noise, competitor leaks (ODD §7.3). */
export const transferSchema = z
  .strictObject({
    absorptionScale: num(
      8,
      0.01,
      1000,
      'bits',
      'd0: a proposal is understood with probability exp(−d/(d0·A)).',
    ),
    capacityBase: num(0.14, 0, 1, 'capacity', 'a0 in A = a0 + a1·LO + a2·F_org + a3·size.'),
    capacityPerLO: num(0.5, 0, 1, 'capacity', 'a1 in A = a0 + a1·LO + a2·F_org + a3·size.'),
    capacityPerOrgFitness: num(0.3, 0, 1, 'capacity', 'a2 in A = a0 + a1·LO + a2·F_org + a3·size.'),
    capacityPerSize: num(
      0.2,
      0,
      1,
      'capacity',
      'a3: absorptive capacity added by size, a3·ln(employees/sizeMin)/ln(sizeMax/sizeMin) (0 for the ' +
        'smallest firm, a3 for the largest): larger firms have specialists who understand what partners offer.',
    ),
    evalNoise: num(
      0.05,
      0,
      1,
      'fitness',
      'Spread of perceived fitness change at A = 0 (falls linearly to the floor at A = 1).',
    ),
    evalNoiseFloor: num(0.005, 0, 1, 'fitness', 'Spread of perceived fitness change at A = 1.'),
    implementationCost: num(
      0,
      0,
      1000,
      'revenue units',
      'Cost of implementing an adopted change (new equipment, a product launch, training), paid when ' +
        'adopted. A change is adopted only if its perceived fitness gain exceeds this cost over ψ·revenue: ' +
        'the same change pays more in a larger firm, whose output spreads the cost.',
    ),
    maxBitsPerProposal: int(
      3,
      1,
      12,
      'bits',
      'A proposal carries 1 to this many of the partner’s differing bits.',
    ),
    complementaryAdjustment: flag(
      true,
      'After adopting an external change, try one flip of a bit that depends on the changed bits.',
    ),
    fitnessValue: num(
      1,
      0,
      1000,
      'reward per unit fitness',
      'ψ: converts fitness gained through a tie into tie value.',
    ),
    competitorLeak: num(
      0.3,
      0,
      1,
      'probability/quarter',
      'Chance per quarter that a competitor partner tries to copy one of the firm’s bits.',
    ),
    appropriationCost: num(
      0.03,
      0,
      10,
      'fitness',
      'Value the firm feels it loses each time a competitor partner tries to copy its knowledge ' +
        '(appropriability concern), charged to that tie.',
    ),
  })
  .prefault({});

/** Own search: how often a firm tries a change on its own and what it costs (ODD §7.5). */
export const searchSchema = z
  .strictObject({
    base: num(0.005, 0, 1, 'trials/quarter', 'Own search rate of a firm with LO = 0.'),
    perLO: num(0.05, 0, 1, 'trials/quarter', 'Extra own search rate per unit of learning orientation.'),
    sizeElasticity: num(
      1.1,
      0,
      2,
      'elasticity',
      'ε: search capacity grows as (employees/sizeMedian)^ε. It multiplies the own-search rate and the ' +
        'chance of looking for a new partner: larger firms have more engineers and managers to search.',
    ),
    costPerEmployee: num(
      0.01,
      0,
      10,
      'revenue units/employee',
      'R&D cost of one own-search trial per employee.',
    ),
  })
  .prefault({});

/** The partner portfolio: tie values, when to look for a tie, tie capacity (ODD §7.6). */
export const portfolioSchema = z
  .strictObject({
    learningRate: num(
      0.3,
      0,
      1,
      'share',
      'α: Bush–Mosteller learning rate of tie values and partner-type estimates.',
    ),
    dropAfter: int(
      6,
      1,
      100,
      'quarters',
      'A tie whose value stays below 0 this many quarters in a row is dropped.',
    ),
    searchBase: num(
      0.01,
      0,
      1,
      'probability/quarter',
      'Chance of looking for a new tie when performance is just below aspiration.',
    ),
    searchPerShortfall: num(
      0.015,
      0,
      1000,
      'probability per unit shortfall',
      'Extra chance per unit of margin shortfall below aspiration.',
    ),
    searchMax: num(0.5, 0, 1, 'probability/quarter', 'Upper bound of the chance of looking for a new tie.'),
    pricesKnown: flag(
      true,
      'Firms know what a tie costs before forming one: they choose a partner type by what they expect it ' +
        'to bring (learned) less its current cost as a share of their revenue. Off: by the learned value ' +
        'net of the costs they paid, so a type never tried keeps the starting value whatever it costs.',
    ),
    softmaxTemperature: num(
      0.06,
      0.0001,
      100,
      'value units',
      'Temperature of the softmax over partner-type estimates (fixed, not LO-dependent).',
    ),
    capacityBase: num(0.5, -10, 20, 'ties', 'c0: tie capacity = c0 + c1·ln(employees) − θ·x.'),
    capacityPerLogEmployees: num(0.6, 0, 10, 'ties', 'c1: tie capacity per unit of ln(employees).'),
    initialValue: num(
      0.01,
      -10,
      10,
      'value units',
      'Starting value of a new tie and of each partner-type estimate.',
    ),
    sameRegionCompetitor: num(
      0.8,
      0,
      1,
      'probability',
      'Chance that a competitor partner is sought in the firm’s own region.',
    ),
    affordQuarters: num(
      4,
      0,
      100,
      'quarters',
      'A tie is formed only if capital covers this many quarters of its cost.',
    ),
    maxTies: int(8, 1, 16, 'ties', 'Hard upper bound on portfolio ties per firm (storage).'),
    aspirationSpeed: num(0.1, 0, 1, 'share/quarter', 'How fast aspiration moves towards realised margin.'),
  })
  .prefault({});
