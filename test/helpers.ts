/** Shared test helpers: small scenarios and worlds. */
import { type ScenarioInput, makeScenario } from '../sim/config/scenario.js';
import { createWorld } from '../sim/model/init.js';

/** A small scenario (few firms, short run) with overrides merged one level deep. */
export function smallScenario(over: ScenarioInput = {}) {
  return makeScenario({
    population: 120,
    ticks: 60,
    burnIn: 20,
    replicates: 2,
    sectors: ['a', 'b'],
    regions: 2,
    ...over,
  });
}

/** A world built from a small scenario. */
export function smallWorld(over: ScenarioInput = {}, seed = 7) {
  return createWorld(smallScenario(over), seed);
}
