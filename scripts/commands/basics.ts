/**
 * What the CLI needs before it loads a command: exit codes, InputError, the --shard parser and the
 * message printed on Ctrl-C. Kept free of heavy imports (zod, arquero, piscina …) so that `--help`,
 * `--version` and the signal handlers are ready at once; each command's module is imported when it runs.
 */
import type { Scenario } from '../../sim/config/scenario.js';
import { firmStateBytes } from '../../sim/model/firmState.js';
import type { RunPlan } from '../../sim/plan/plan.js';
import type { Shard } from '../../sim/run/execute.js';

/** Exit codes: 0 ok, 1 runs failed, 2 bad input. */
export const EXIT_OK = 0;
export const EXIT_RUNS_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

/** Raised for bad input; the CLI prints the message and exits 2. */
export class InputError extends Error {}

/** --max-runs when it is not given. */
export const DEFAULT_MAX_RUNS = 100_000;

/** Limits that protect a laptop from a typo; each can be lifted with the flag named in the message. */
export interface Guards {
  maxRuns: number;
  allowLarge: boolean;
}

/** Refuse absurd sizes before anything runs. */
export function checkGuards(s: Scenario, plan: RunPlan, g: Guards): void {
  if (!g.allowLarge && s.population > 10_000_000) {
    const gb = (s.population * firmStateBytes(s)) / 1e9;
    throw new InputError(
      `population ${s.population} is over 10 million firms (their state alone takes about ` +
        `${gb.toFixed(0)} GB of memory per run); if you mean it, add --allow-large`,
    );
  }
  if (!g.allowLarge && s.ticks > 100_000)
    throw new InputError(
      `ticks ${s.ticks} is over 100,000 quarters (25,000 years); if you mean it, add --allow-large`,
    );
  if (plan.specs.length > g.maxRuns) {
    throw new InputError(
      `the plan has ${plan.specs.length} runs, more than --max-runs ${g.maxRuns}; lower ` +
        `replicates or sweep samples, or raise --max-runs`,
    );
  }
}

/** Parse `i/n` (1-based) for --shard. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count)
    throw new InputError(`--shard expects i/n with 1 ≤ i ≤ n, e.g. --shard 2/4 (got '${text}')`);
  return { index, count };
}

/** An argument as a POSIX shell reads it back: as it is when it holds only safe characters, else in single quotes. */
export function shellQuote(arg: string): string {
  return /^[\w./,=:+@%-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The run set being executed, for the message printed when the command is stopped. */
export const executing: {
  outDir?: string;
  done: number;
  total: number;
  stopProgress?: () => void;
  /** Set when a report could not be written: the command then exits 1 (the tables are complete). */
  reportFailed?: boolean;
} = {
  done: 0,
  total: 0,
};

/** What to print when the command is stopped by Ctrl-C or a TERM signal: what is kept, and the command that resumes. */
export function interruptMessage(argv: string[]): string {
  const kept = executing.outDir
    ? ` ${executing.done} of ${executing.total} runs of ${executing.outDir} are finished and kept;`
    : '';
  const command = ['smesim', ...argv.map(shellQuote)].join(' ');
  return `interrupted:${kept} run the same command again to resume:\n  ${command}\n`;
}
