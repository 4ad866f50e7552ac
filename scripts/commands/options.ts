/** The options the executing commands share (run, sweep, compare), with their help. */
import { type Command, Option } from 'commander';
import { SET_HELP, collect, count, formatsArg, seedArg, shardArg } from './args.js';
import { DEFAULT_MAX_RUNS } from './basics.js';

/** Options every executing command shares. */
export function executionOptions(cmd: Command, defaultOut = 'out/<scenario name>'): Command {
  return cmd
    .option('-o, --out <dir>', `output directory (default: ${defaultOut})`)
    .option('-r, --replicates <n>', 'override the number of replicates', count('--replicates'))
    .option('-s, --seed <n>', 'override the master seed', seedArg)
    .option('-w, --workers <n>', 'worker threads (default: all cores; 1 = no pool)', count('--workers'))
    .option('--force', 'replace an output directory that holds a different run set')
    .addOption(
      new Option('--max-runs <n>', 'refuse plans with more runs than this')
        .argParser(count('--max-runs'))
        .default(DEFAULT_MAX_RUNS),
    )
    .option('--allow-large', 'allow populations over 10 million firms or runs over 100,000 quarters')
    .option(
      '--format <list>',
      'also write the tables as arrow and/or parquet (CSV is always written)',
      formatsArg,
    )
    .option('--no-report', 'do not write report.html')
    .option('--json', 'print a machine-readable summary on stdout');
}

/** Options of the commands that execute one plan (run, sweep). */
export function planOptions(cmd: Command): Command {
  return executionOptions(cmd)
    .option('--shard <i/n>', 'run only share i of n (for clusters; join with `smesim merge`)', shardArg)
    .option('--set <path=value>', SET_HELP, collect)
    .option('--retry-failed', 'run again the runs that failed last time')
    .option(
      '--dry-run',
      'print the plan size, an estimated wall time and the disk space it needs; run nothing',
    );
}
