/** `smesim check`: validate scenario files without running anything. */
import { makeRunPlan } from '../../sim/plan/plan.js';
import { DEFAULT_MAX_RUNS, EXIT_BAD_INPUT, EXIT_OK, InputError, checkGuards } from './basics.js';
import { loadOrFail } from './loadScenario.js';

/** Check each file; print 'ok' lines or every problem; returns the exit code. */
export function checkCommand(files: string[], sets: string[] = []): number {
  let bad = 0;
  for (const file of files) {
    try {
      const { scenario: s, files: chain } = loadOrFail(file, sets);
      const plan = makeRunPlan(s);
      const sweep = s.sweep ? `, ${s.sweep.design} sweep of ${plan.points.length} points` : '';
      const ext = chain.length > 1 ? ` (extends ${chain.slice(1).join(' → ')})` : '';
      const set = sets.length > 0 ? ` with ${sets.map((a) => `--set ${a}`).join(' ')}` : '';
      process.stdout.write(
        `ok: ${file}${set}: '${s.name}'${ext}: ${plan.specs.length} runs (${s.replicates} replicates${sweep}) of ${s.population} firms × ${s.ticks} quarters\n`,
      );
      try {
        checkGuards(s, plan, { maxRuns: DEFAULT_MAX_RUNS, allowLarge: false });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        process.stderr.write(
          `note: ${file}: run, sweep and compare will refuse it without a flag: ${err.message}\n`,
        );
      }
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      process.stderr.write(`error: ${err.message}\n`);
      bad++;
    }
  }
  return bad > 0 ? EXIT_BAD_INPUT : EXIT_OK;
}
