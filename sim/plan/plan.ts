/** The run plan: a pure expansion of a scenario into RunSpecs, each with its own derived seed. */
import type { Scenario } from '../config/scenario.js';
import { deriveRunSeed } from '../rng.js';
import type { RunSpec } from '../runOne.js';

/** Zero-padded replicate id, e.g. r007. */
export function replicateId(rep: number, total: number): string {
  return `r${String(rep).padStart(Math.max(3, String(total).length), '0')}`;
}

/**
 * One RunSpec per replicate: runId `<scenario>/rNNN`. The seed hashes the master seed with the
 * replicate id only, so a policy scenario and its baseline with the same master seed share their
 * world, environment and initial firms replicate by replicate (common random numbers).
 */
export function makeRunPlan(scenario: Scenario): RunSpec[] {
  const specs: RunSpec[] = [];
  for (let rep = 1; rep <= scenario.replicates; rep++) {
    const rid = replicateId(rep, scenario.replicates);
    specs.push({ runId: `${scenario.name}/${rid}`, scenario, replicate: rep, seed: deriveRunSeed(scenario.seed, rid) });
  }
  return specs;
}
