/** The world firms live in: landscapes, external organisations and the partner type table. */
import { z } from 'zod';
import { int, num } from '../fields.js';

/** One partner type's row of the partner table (ODD §2). */
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

/** The technology landscape of each regional industry: NK epistasis and how fast it changes (ODD §2, §7.1). */
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

/** How many external organisations of each type every region has (ODD §2). */
export const organisationsSchema = z
  .strictObject({
    supplier: int(8, 1, 1000, 'organisations/region', 'Supplier organisations per region.'),
    customer: int(8, 0, 1000, 'organisations/region', 'Customer organisations per region.'),
    consultant: int(4, 0, 1000, 'organisations/region', 'Consultancies per region.'),
    university: int(1, 0, 1000, 'organisations/region', 'Universities per region.'),
    research: int(2, 0, 1000, 'organisations/region', 'Public research institutes per region.'),
  })
  .prefault({});

/** The partner type table: cost, proposal rate and adaptation of each partner type (ODD §2). */
export const partnersSchema = z
  .strictObject({
    supplier: partnerRow(0.15, 0.8, 2, 1, 'supplier'),
    customer: partnerRow(0.15, 0.5, 1, 1, 'customer'),
    competitor: partnerRow(0.22, 0.5, 0, 1, 'competitor'),
    consultant: partnerRow(1.0, 1.2, 0.3, 1, 'consultant'),
    university: partnerRow(0.6, 0.4, 1, 3, 'university'),
    research: partnerRow(0.6, 0.7, 1, 2, 'research-institute'),
  })
  .prefault({});
