/**
 * The model's parameters, grouped as in MODEL.md. This is their single home: defaults, ranges,
 * units and descriptions live here and nowhere else.
 */
import { z } from 'zod';
import { flag, int, num } from './fields.js';

/** One partner type's row of the partner table (MODEL.md §2). */
function partnerRow(cost: number, rate: number, adapt: number, explore: number, who: string) {
  return z
    .strictObject({
      cost: num(
        cost,
        0,
        1000,
        'revenue units/quarter',
        `Cost of one ${who} tie per quarter (revenue of a median firm is ~30).`,
      ),
      proposalRate: num(
        rate,
        0,
        10,
        'proposals/quarter',
        `Expected proposals a ${who} tie makes per quarter.`,
      ),
      adaptRate: num(
        adapt,
        0,
        10,
        'steps/quarter',
        `Hill-climbing steps a ${who} organisation takes on the landscape per quarter.`,
      ),
      exploreBits: int(
        explore,
        1,
        6,
        'bits',
        `Bits a ${who} organisation flips per trial step (more = farther, more novel knowledge).`,
      ),
    })
    .prefault({});
}

export const landscapeSchema = z
  .strictObject({
    K: int(3, 0, 6, 'bits', 'K: epistasis, each decision bit’s contribution depends on K other bits.'),
    kappa: num(
      0.6,
      0,
      1,
      'probability',
      'κ: chance that a neighbour bit is drawn from another domain (cross-domain epistasis).',
    ),
    redrawRate: num(
      0.2,
      0,
      2,
      'share/quarter per unit dynamism',
      'ρ: contribution entries redrawn per quarter = ρ·δ(t)·m_c.',
    ),
    multiplierMin: num(0.25, 0, 10, 'factor', 'Lowest regional-industry dynamism multiplier m_c.'),
    multiplierMax: num(1.75, 0, 10, 'factor', 'Highest regional-industry dynamism multiplier m_c.'),
  })
  .prefault({});

export const organisationsSchema = z
  .strictObject({
    supplier: int(8, 1, 1000, 'organisations/region', 'Supplier organisations per region.'),
    customer: int(8, 0, 1000, 'organisations/region', 'Customer organisations per region.'),
    consultant: int(4, 0, 1000, 'organisations/region', 'Consultancies per region.'),
    university: int(1, 0, 1000, 'organisations/region', 'Universities per region.'),
    research: int(2, 0, 1000, 'organisations/region', 'Public research institutes per region.'),
  })
  .prefault({});

export const partnersSchema = z
  .strictObject({
    supplier: partnerRow(0.15, 0.8, 2, 1, 'supplier'),
    customer: partnerRow(0.15, 0.8, 1, 1, 'customer'),
    competitor: partnerRow(0.3, 0.5, 0, 1, 'competitor'),
    consultant: partnerRow(1.0, 1.2, 0.3, 1, 'consultant'),
    university: partnerRow(0.6, 0.4, 1, 3, 'university'),
    research: partnerRow(0.6, 0.7, 1, 2, 'research-institute'),
  })
  .prefault({});

export const transferSchema = z
  .strictObject({
    absorptionScale: num(
      8,
      0.01,
      1000,
      'bits',
      'd0: a proposal is understood with probability exp(−d/(d0·A)).',
    ),
    capacityBase: num(0.2, 0, 1, 'capacity', 'a0 in A = a0 + a1·LO + a2·F_org.'),
    capacityPerLO: num(0.5, 0, 1, 'capacity', 'a1 in A = a0 + a1·LO + a2·F_org.'),
    capacityPerOrgFitness: num(0.3, 0, 1, 'capacity', 'a2 in A = a0 + a1·LO + a2·F_org.'),
    evalNoise: num(
      0.05,
      0,
      1,
      'fitness',
      'Spread of perceived fitness change at A = 0 (falls linearly to the floor at A = 1).',
    ),
    evalNoiseFloor: num(0.005, 0, 1, 'fitness', 'Spread of perceived fitness change at A = 1.'),
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
      0.012,
      0,
      10,
      'fitness',
      'Value the firm feels it loses each time a competitor partner tries to copy its knowledge (appropriability concern), charged to that tie.',
    ),
  })
  .prefault({});

export const searchSchema = z
  .strictObject({
    base: num(0.02, 0, 1, 'trials/quarter', 'Own search rate of a firm with LO = 0.'),
    perLO: num(0.15, 0, 1, 'trials/quarter', 'Extra own search rate per unit of learning orientation.'),
    costPerEmployee: num(
      0.01,
      0,
      10,
      'revenue units/employee',
      'R&D cost of one own-search trial per employee.',
    ),
  })
  .prefault({});

export const sliSchema = z
  .strictObject({
    proposalBase: num(0.1, 0, 10, 'proposals/quarter', 'p_s0: main-supplier proposal rate at depth 0.'),
    proposalSlope: num(
      1.5,
      0,
      10,
      'proposals/quarter',
      'p_s1: extra main-supplier proposals per unit of depth (the rising limb).',
    ),
    supplierProgress: num(
      1,
      0,
      1,
      'probability/bit/quarter',
      'μ: chance per quarter that the dyad view copies a differing bit of the supplier organisation.',
    ),
    convergence: flag(true, 'Falling-limb mechanism 1: the dyad view converges on the firm’s own knowledge.'),
    convergenceRate: num(
      2.4,
      0,
      10,
      'probability/bit/quarter per depth',
      'γ: a differing dyad bit copies the firm’s value with probability γ·x^k·(1 − ω·LO)·(1 − ω_D·δ·m_c).',
    ),
    convergenceLOShield: num(
      0.95,
      0,
      1,
      'share',
      'ω: how much learning orientation keeps the dyad a two-way learning relation (slows convergence).',
    ),
    dynamismShield: num(
      1.1,
      0,
      10,
      'share per unit dynamism',
      'ω_D: rigidities settle only where the market holds still. Convergence, the perceived switching cost and the realignment time are multiplied by 1 − ω_D·δ·m_c (at least 0) of the firm’s regional industry.',
    ),
    settleMemory: num(
      0,
      0,
      1000,
      'quarters',
      'How long rigidities take to form and to dissolve: the δ in the settling factor 1 − ω_D·δ·m_c is an exponential average of δ(t) with this mean lag (up to 1: the current quarter’s δ). One-off shocks do not enter it.',
    ),
    lockIn: flag(
      true,
      'Falling-limb mechanism 2: changing the logistics interface breaks alignment; firms perceive a switching cost.',
    ),
    realignTicksPerDepth: num(
      8,
      0,
      1000,
      'quarters per unit depth',
      'λ: after a broken interface, the supplier realigns in about λ·x·(1 − ω_D·δ·m_c) quarters.',
    ),
    switchingCost: num(
      0.3,
      0,
      10,
      'fitness',
      'Perceived switching cost of an interface change, times x^k·(1 − LO)·(1 − ω_D·δ·m_c).',
    ),
    crowding: flag(
      true,
      'Falling-limb mechanism 3: deep integration takes tie capacity (attention crowding).',
    ),
    crowdingSlope: num(
      1.5,
      0,
      20,
      'ties per unit depth',
      'θ: tie capacity lost at full integration depth (θ·x^k_c).',
    ),
    crowdingExponent: num(
      3,
      0.5,
      5,
      'exponent',
      'k_c: attention crowding takes θ·x^k_c of tie capacity (default 3, like depthExponent; 1 = linear in depth, as MODEL.md writes it).',
    ),
    costSaving: num(
      0.06,
      0,
      1,
      'share of revenue',
      'σ: unit-cost cut per unit depth while the interface is aligned.',
    ),
    driftStep: num(
      0.005,
      0,
      1,
      'depth/quarter',
      'η: step of the myopic drift of depth towards the realised marginal net benefit.',
    ),
    integrationCostMedian: num(
      0.06,
      0,
      100,
      'revenue units/employee',
      'ι: median of the firm-specific integration cost (cost ι·x²·employees per quarter).',
    ),
    integrationCostLogSd: num(
      1.5,
      0,
      5,
      'log units',
      'Spread (sd of log) of the firm-specific integration cost.',
    ),
    reassessBase: num(
      0.02,
      0,
      1,
      'probability/quarter',
      'r0: chance per quarter of reassessing the supplier relation at LO = 0.',
    ),
    reassessPerLO: num(0.1, 0, 1, 'probability/quarter', 'r1: extra reassessment chance per unit LO.'),
    reassessMinAdoptions: int(
      1,
      0,
      100,
      'adoptions',
      'k_r: cut depth if the main supplier gave fewer adopted proposals than this in the window…',
    ),
    reassessWindow: int(8, 1, 32, 'quarters', '…over this many quarters, and lock-in bound in that span.'),
    reassessCut: num(0.15, 0, 1, 'depth', 'How far a reassessment cuts integration depth.'),
    depthExponent: num(
      3,
      0.5,
      5,
      'exponent',
      'k: convergence and lock-in act through x^k (convergence rate, switching cost); 1 = linear in depth. Crowding has its own exponent, crowdingExponent.',
    ),
  })
  .prefault({});

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
      1,
      0,
      1000,
      'probability per unit shortfall',
      'Extra chance per unit of margin shortfall below aspiration.',
    ),
    searchMax: num(0.5, 0, 1, 'probability/quarter', 'Upper bound of the chance of looking for a new tie.'),
    softmaxTemperature: num(
      0.01,
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
      'R: owners take out capital above this reserve at the end of each quarter (0 = never: all profit is retained, and established firms hardly ever exit).',
    ),
    initialAgeMin: int(12, 0, 10000, 'quarters', 'Youngest initial firm.'),
    initialAgeMax: int(160, 0, 10000, 'quarters', 'Oldest initial firm.'),
  })
  .prefault({});

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

export const outputsSchema = z
  .strictObject({
    network: flag(false, 'Write the final tie network as GraphML.'),
    exits: flag(
      true,
      'Write every exit (quarter, firm, size, age, LO, SLI) to exits.csv, the largest table (about 60% of a run’s tables); false leaves it out. Exit counts stay in runs.csv and timeseries.csv.',
    ),
    exitsFrom: int(
      0,
      0,
      10_000_000,
      'quarters',
      'First quarter whose exits are written to exits.csv (0 = every exit, burn-in included; e.g. 80 leaves out the burn-in, or the quarter of a shock). Exit counts in runs.csv and timeseries.csv stay complete.',
    ),
    snapshots: z.array(z.int().min(0).max(10_000_000)).default([]).meta({
      unit: 'quarters',
      description:
        'Quarters after which every firm’s state (size, age, LO, SLI) is written to snapshots.csv.',
    }),
  })
  .prefault({});
