/** Supplier logistics integration (SLI): the mechanisms behind the inverted U. */
import { z } from 'zod';
import { flag, int, num } from '../fields.js';

/** Supplier integration: the rising limb, the three falling-limb mechanisms and how depth is chosen (ODD §7.4). */
export const sliSchema = z
  .strictObject({
    proposalBase: num(0.02, 0, 10, 'proposals/quarter', 'p_s0: main-supplier proposal rate at depth 0.'),
    proposalSlope: num(
      1.1,
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
      'ω_D: rigidities settle only where the market holds still. Convergence, the perceived ' +
        'switching cost and the realignment time are multiplied by 1 − ω_D·δ·m_c (at least 0) of ' +
        'the firm’s regional industry.',
    ),
    settleMemory: num(
      0,
      0,
      1000,
      'quarters',
      'How long rigidities take to form and to dissolve: the δ in the settling factor 1 − ' +
        'ω_D·δ·m_c is an exponential average of δ(t) with this mean lag (up to 1: the current ' +
        'quarter’s δ). One-off shocks do not enter it.',
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
      'k_c: attention crowding takes θ·x^k_c of tie capacity (default 3, like depthExponent; 1 = ' +
        'linear in depth, the first design).',
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
      'k: convergence and lock-in act through x^k (convergence rate, switching cost); 1 = linear ' +
        'in depth. Crowding has its own exponent, crowdingExponent.',
    ),
  })
  .prefault({});
