/** The wrapper of every command body: exit codes for bad input and file-system failures. */
import { EXIT_BAD_INPUT, EXIT_RUNS_FAILED, InputError, executing } from '../basics.js';

/**
 * Run a command body. Bad input (a scenario, an argument, a sweep point that makes an invalid
 * scenario, an output folder that cannot be used) becomes exit code 2 with the message on stderr; a
 * file-system failure on the way (a full disk, a folder made read-only) becomes one line and exit
 * code 1: finished runs are in the ledger, so the same command resumes. Anything else is a bug and
 * keeps its stack trace.
 */
export const act =
  <A extends unknown[]>(body: (...args: A) => number | Promise<number>) =>
  async (...args: A) => {
    try {
      const code = await body(...args);
      // a report that could not be written fails the command, whatever the command made of it
      process.exitCode = executing.reportFailed ? Math.max(code, EXIT_RUNS_FAILED) : code;
    } catch (err) {
      // the modules that define these errors are loaded by then if the command could raise them
      const [{ OutputPathError, fsReason }, { PlanError }] = await Promise.all([
        import('../../../sim/run/outputs.js'),
        import('../../../sim/plan/plan.js'),
      ]);
      if (err instanceof InputError || err instanceof OutputPathError || err instanceof PlanError) {
        process.stderr.write(`error: ${err.message}\n`);
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      const e = err as NodeJS.ErrnoException;
      if (!e?.code || !e.syscall) throw err;
      process.stderr.write(
        `error: cannot ${e.syscall}${e.path ? ` ${e.path}` : ''}: ${fsReason(e)}; fix that and run ` +
          `the same command again (finished runs are kept)\n`,
      );
      process.exitCode = EXIT_RUNS_FAILED;
    }
  };
