/** The run plan: a pure expansion of a scenario (replicates × sweep design points) into RunSpecs. */
import { type Scenario, scenarioSchema } from '../config/scenario.js';
import { deriveRunSeed } from '../rng.js';
import type { RunSpec } from '../runOne.js';
import { paramInfo } from '../config/paramIndex.js';
import { type DesignPoint, designPoints } from './designs.js';

/** Zero-padded id, e.g. r007 or p0012. */
function padded(prefix: string, k: number, total: number, width: number): string {
  return `${prefix}${String(k).padStart(Math.max(width, String(total).length), '0')}`;
}

/** Replicate id, e.g. r007. */
export function replicateId(rep: number, total: number): string {
  return padded('r', rep, total, 3);
}

/** Raised when a sweep's design point makes an invalid scenario (e.g. `ticks` swept below a policy's start). */
export class PlanError extends Error {}

/** A copy of the scenario with each dotted path set to its value (integers rounded), validated once. */
export function withParameters(s: Scenario, values: Record<string, number>): Scenario {
  const copy = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
  for (const [path, value] of Object.entries(values)) {
    const keys = path.split('.');
    let node = copy;
    for (const k of keys.slice(0, -1)) {
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]!] = value;
  }
  const result = scenarioSchema.safeParse(copy);
  if (result.success) return result.data;
  const point = Object.entries(values)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new PlanError(
    `the sweep's design point with ${point} makes an invalid scenario: ${problems}; narrow the ` +
      `sweep's range or change that field`,
  );
}

/** The plan of a scenario: its runs, and the design points when it has a sweep. */
export interface RunPlan {
  specs: RunSpec[];
  /** Swept parameter names, in design order. */
  parameters: string[];
  points: DesignPoint[];
}

/**
 * Expand a scenario into RunSpecs. Without a sweep: `<name>/rNNN`. With one: `<name>/pNNNN/rNNN` for
 * every design point and replicate. The seed hashes the master seed with the replicate id only, so
 * all design points, and a policy scenario and its baseline, share their worlds replicate by
 * replicate (common random numbers).
 */
export function makeRunPlan(scenario: Scenario): RunPlan {
  const reps = scenario.replicates;
  const seeds = Array.from({ length: reps }, (_, k) =>
    deriveRunSeed(scenario.seed, replicateId(k + 1, reps)),
  );
  const sweep = scenario.sweep;
  if (!sweep) {
    const specs = seeds.map((seed, k) => ({
      runId: `${scenario.name}/${replicateId(k + 1, reps)}`,
      scenario,
      replicate: k + 1,
      seed,
    }));
    return { specs, parameters: [], points: [] };
  }
  const parameters = sweep.parameters.map((p) => p.name);
  const points = designPoints(sweep, scenario.seed);
  const specs: RunSpec[] = [];
  const base: Scenario = { ...scenario, sweep: undefined };
  points.forEach((point, k) => {
    const params: Record<string, number> = {};
    parameters.forEach((name, d) => {
      params[name] = paramInfo(name)?.kind === 'integer' ? Math.round(point.values[d]!) : point.values[d]!;
    });
    const s = withParameters(base, params);
    const pid = padded('p', k, points.length, 4);
    seeds.forEach((seed, r) =>
      specs.push({
        runId: `${scenario.name}/${pid}/${replicateId(r + 1, reps)}`,
        scenario: s,
        replicate: r + 1,
        seed,
        params,
      }),
    );
  });
  return { specs, parameters, points };
}
