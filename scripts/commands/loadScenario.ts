/**
 * Loading a scenario for a command, apart from the run machinery (worker pool, ledger, progress bar), so
 * that `smesim check` loads only what checking needs.
 */
import { ScenarioError, loadScenarioFile, type LoadedScenario } from '../../sim/config/load.js';
import { InputError } from './basics.js';

/**
 * Load a scenario file, with `--set path=value` overrides on top (its notes on stderr), or throw InputError
 * with every problem listed.
 */
export function loadOrFail(file: string, sets: string[] = []): LoadedScenario {
  try {
    const loaded = loadScenarioFile(file, sets);
    for (const note of loaded.notes) process.stderr.write(`note: ${note}\n`);
    return loaded;
  } catch (err) {
    if (err instanceof ScenarioError) throw new InputError(err.message);
    throw err;
  }
}
