/** `smesim check`: validate scenario files without running anything. */
import { makeRunPlan } from '../../sim/plan/plan.js';
import { DEFAULT_MAX_RUNS, EXIT_BAD_INPUT, EXIT_OK, type Guards, InputError, checkGuards } from './basics.js';
import { loadOrFail } from './loadScenario.js';

/**
 * Check each file as run, sweep and compare would, size limits included (`guards`: lifted by the same
 * flags); print 'ok' lines or every problem; returns the exit code.
 */
export function checkCommand(
  files: string[],
  sets: string[] = [],
  guards: Guards = { maxRuns: DEFAULT_MAX_RUNS, allowLarge: false },
): number {
  let bad = 0;
  for (const file of files) {
    try {
      const { scenario: s, files: chain } = loadOrFail(file, sets);
      const plan = makeRunPlan(s);
      try {
        checkGuards(s, plan, guards); // 'would this run?': the same limits, lifted by the same flags
      } catch (err) {
        throw err instanceof InputError ? new InputError(`${file}: ${err.message}`) : err;
      }
      const sweep = s.sweep ? `, ${s.sweep.design} sweep of ${plan.points.length} points` : '';
      const ext = chain.length > 1 ? ` (extends ${chain.slice(1).join(' → ')})` : '';
      const set = sets.length > 0 ? ` with ${sets.map((a) => `--set ${a}`).join(' ')}` : '';
      process.stdout.write(
        `ok: ${file}${set}: '${s.name}'${ext}: ${plan.specs.length} runs (${s.replicates} ` +
          `replicates${sweep}) of ${s.population} firms × ${s.ticks} quarters\n`,
      );
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      process.stderr.write(`error: ${err.message}\n`);
      bad++;
    }
  }
  return bad > 0 ? EXIT_BAD_INPUT : EXIT_OK;
}
