/**
 * The validation scenario's variants, run on the same seeds as the validation runs: the two ablations
 * (T8), the dynamism shock (T9) and the demand-led cooperation subsidy (T10). They say what the model's
 * mechanisms are switched to for each target, so they live beside the targets, not in the command.
 */
import type { z } from 'zod';
import type { shockSchema } from '../../sim/config/levers.js';
import { type Scenario, scenarioSchema } from '../../sim/config/scenario.js';

/** T9's shock: one dynamism shock of a scenario, its fields as given (defaults left out). */
export type T9Shock = z.input<typeof shockSchema>;

/** Quarters after the shock in which an exit counts for T9. */
export const SHOCK_HORIZON = 20;

/** Quarter of T9's shock: 30 quarters before the end, so that exits can be followed for 20 quarters. */
export const shockTickOf = (s: Scenario) => s.ticks - 30;

/**
 * The outputs a run set needs for T9 and the report's exit figure: snapshots after these quarters, and the
 * exits from the quarter after the first of them on (nothing earlier is read), even if the scenario leaves
 * exits out.
 */
export const withExitsAfter = (outputs: Scenario['outputs'], snapshots: number[]): Scenario['outputs'] => ({
  ...outputs,
  snapshots,
  exits: true,
  exitsFrom: Math.min(...snapshots) + 1,
});

/**
 * The validation scenario and its variants (ablations, shock, subsidy), all on the same seeds. Only the
 * shock variant writes exits (T9 reads them, from the shock's quarter on); the others are read for their surveys
 * and summaries.
 */
export function validationVariants(s: Scenario, shock: T9Shock): [name: string, scenario: Scenario][] {
  const shockTick = shockTickOf(s);
  const set = (
    over: Record<string, unknown>,
    name: string,
    outputs: Partial<Scenario['outputs']> = { exits: false },
  ) => scenarioSchema.parse({ ...structuredClone(s), ...over, outputs: { ...s.outputs, ...outputs }, name });
  return [
    [
      'ablation-falling',
      set(
        { sli: { ...s.sli, convergence: false, lockIn: false, crowding: false } },
        `${s.name}-ablation-falling`,
      ),
    ],
    ['ablation-rising', set({ sli: { ...s.sli, proposalSlope: 0 } }, `${s.name}-ablation-rising`)],
    [
      'shock',
      set(
        { dynamism: { ...s.dynamism, shocks: [...s.dynamism.shocks, shock] } },
        `${s.name}-shock`,
        withExitsAfter(s.outputs, [shockTick - 1]),
      ),
    ],
    [
      'subsidy',
      set(
        {
          policies: {
            ...s.policies,
            cooperationSubsidy: {
              start: s.burnIn,
              mode: 'demand-led',
              share: 0.5,
              types: ['supplier', 'customer', 'competitor', 'consultant', 'university', 'research'],
              targetShare: 0.2,
            },
          },
        },
        `${s.name}-subsidy`,
      ),
    ],
  ];
}
