#!/usr/bin/env node
/**
 * smesim: the command-line interface. Thin: parses arguments and calls the commands. Each command's
 * module is imported when it runs, so that `--help`, `--version` and a mistyped option answer at
 * once and the Ctrl-C handler is in place before anything heavy loads.
 */
import { Command } from 'commander';
import {
  DEFAULT_MAX_RUNS,
  EXIT_BAD_INPUT,
  InputError,
  executing,
  interruptMessage,
} from './commands/basics.js';
import { SET_HELP, collect, count, formatsArg } from './commands/args.js';
import { examplesOf } from './commands/examples.js';
import { executionOptions, planOptions } from './commands/options.js';
import { act } from './commands/register/act.js';
import { registerCalibrate } from './commands/register/calibrate.js';
import { registerServe } from './commands/register/serve.js';
import { registerValidateModel } from './commands/register/validateModel.js';
import { packageVersion } from '../sim/packageRoot.js';

/** Commands, loaded when they run. */
const commands = {
  run: () => import('./commands/run.js'),
  compare: () => import('./commands/compare.js'),
  merge: () => import('./commands/merge.js'),
  check: () => import('./commands/check.js'),
  describe: () => import('./commands/describe.js'),
  report: () => import('../analysis/report/build.js'),
  bench: () => import('./bench.js'),
};

// Ctrl-C or a TERM signal (a cluster's time limit): every finished run is already in the ledger and
// tables are written atomically, so say what is kept and how to resume, and stop (exit 130 / 143).
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    executing.stopProgress?.();
    process.stderr.write(`\n${interruptMessage(process.argv.slice(2))}`);
    process.exit(code);
  });
}

const program = new Command()
  .name('smesim')
  .description(
    'Agent-based simulation of SME innovation: cooperation partners, supplier integration and ' +
      'dynamism.\n' +
      'Exit codes: 0 ok, 1 some runs failed (validate-model: a target missed), 2 bad input, ' +
      '130/143 interrupted by Ctrl-C/TERM (run the same command again to resume).',
  )
  .version(packageVersion())
  .showHelpAfterError('(add --help for the options and examples)')
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_BAD_INPUT));

planOptions(
  program
    .command('run')
    .description(
      'Run a scenario (all replicates, and its sweep if it has one); resumes an interrupted run set.',
    )
    .argument('<scenario>', 'scenario YAML file'),
)
  .addHelpText('after', examplesOf('run'))
  .action(act(async (file: string, opts) => (await commands.run()).runCommand(file, opts, 'run')));

planOptions(
  program
    .command('sweep')
    .description(
      "Run a scenario's sweep design (grid, lhs, sobol, morris) × replicates; resumable and shardable.",
    )
    .argument('<scenario>', 'scenario YAML file with a sweep: block'),
)
  .addHelpText('after', examplesOf('sweep'))
  .action(act(async (file: string, opts) => (await commands.run()).runCommand(file, opts, 'sweep')));

executionOptions(
  program
    .command('compare')
    .description(
      'Run a baseline and one or more policy scenarios on the same worlds (common random ' +
        'numbers) and report paired differences with 95% CIs and the smallest difference the ' +
        'replicates can detect (compare.csv).',
    )
    .argument('<baseline>', 'baseline scenario file')
    .argument('<policy...>', 'policy scenario file(s)'),
  'out/compare-<baseline>-vs-<policy>…, one folder per scenario inside it',
)
  .option('--set <path=value>', `${SET_HELP}; applied to every scenario file`, collect)
  .addHelpText('after', examplesOf('compare'))
  .action(
    act(async (baseline: string, policies: string[], opts) =>
      (await commands.compare()).compareCommand(baseline, policies, opts),
    ),
  );

program
  .command('report')
  .description(
    'Rebuild report.html of an output directory (run, sweep, ' +
      'compare or validate-model) from its files alone.',
  )
  .argument('<outdir>', 'output directory')
  .option(
    '--outcome <column>',
    'sweeps: outcome for responses, sensitivity indices and PRIM (a runs.csv column)',
    'inno_product',
  )
  .option(
    '--threshold <value>',
    'sweeps: PRIM looks for design points with the outcome at least this (default: upper quartile)',
    Number,
  )
  .addHelpText('after', examplesOf('report'))
  .action(
    act(async (outDir: string, opts: { outcome: string; threshold?: number }) => {
      const { writeReport } = await commands.report();
      try {
        process.stdout.write(
          `report: ${writeReport(outDir, { sweepOutcome: opts.outcome, primThreshold: opts.threshold })}\n`,
        );
      } catch (err) {
        throw new InputError((err as Error).message);
      }
      return 0;
    }),
  );

program
  .command('merge')
  .description(
    'Join shard output directories of one sweep into one run set ' +
      '(checks that no run is missing or duplicated).',
  )
  .argument('<dirs...>', 'shard output directories')
  .requiredOption('-o, --out <dir>', 'output directory of the merged run set')
  .option('--format <list>', 'also write the tables as arrow and/or parquet', formatsArg)
  .option('--force', 'write into a non-empty output directory')
  .option('--json', 'print a machine-readable summary on stdout')
  .option('--no-report', 'do not write report.html')
  .addHelpText('after', examplesOf('merge'))
  .action(act(async (dirs: string[], opts) => (await commands.merge()).mergeCommand(dirs, opts)));

program
  .command('replay')
  .description(
    'Re-run one run of a run set from its manifest and confirm the ' +
      'result is identical (or show the first difference).',
  )
  .argument('<outdir>', 'output directory of a run set')
  .argument('<runId>', 'run id, e.g. baseline/r003')
  .addHelpText('after', examplesOf('replay'))
  .action(
    act(async (outDir: string, runId: string) => (await commands.merge()).replayCommand(outDir, runId)),
  );

registerValidateModel(program);
registerCalibrate(program);

program
  .command('bench')
  .description(
    'Benchmark this machine: engine speed and memory by population, pool efficiency, pool ' +
      'overhead; writes bench/results.json.',
  )
  .option('--quick', 'smaller sizes (about a minute)')
  .option('-w, --workers <n>', 'workers for the parallel benchmarks', count('--workers'), 2)
  .option('-o, --out <file>', 'where to write the results (default bench/results.json in the package)')
  .addHelpText('after', examplesOf('bench'))
  .action(
    act(async (opts: { quick?: boolean; workers: number; out?: string }) => {
      const { runBenchmarks } = await commands.bench();
      await runBenchmarks(opts);
      return 0;
    }),
  );

program
  .command('check')
  .description('Validate scenario files without running them (exit 2 on any problem).')
  .argument('<scenario...>', 'scenario YAML file(s)')
  .option('--set <path=value>', SET_HELP, collect)
  .option(
    '--allow-large',
    'accept populations over 10 million firms or runs over 100,000 quarters, as run does',
  )
  .option('--max-runs <n>', 'refuse plans with more runs, as run does', count('--max-runs'), DEFAULT_MAX_RUNS)
  .addHelpText('after', examplesOf('check'))
  .action(
    act(async (files: string[], opts: { set?: string[]; allowLarge?: boolean; maxRuns: number }) =>
      (await commands.check()).checkCommand(files, opts.set, {
        maxRuns: opts.maxRuns,
        allowLarge: opts.allowLarge ?? false,
      }),
    ),
  );

program
  .command('describe')
  .description('List every scenario parameter with its default, range, unit and description.')
  .argument(
    '[param]',
    'a parameter or group, e.g. sli.convergenceRate or portfolio; or a field by its own name ' +
      '(convergenceRate, training) or its symbol in docs/ODD.md (gamma)',
  )
  .option('--markdown', 'print the Markdown reference (scenarios/README.md)')
  .addHelpText('after', examplesOf('describe'))
  .action(
    act(async (param: string | undefined, opts: { markdown?: boolean }) =>
      (await commands.describe()).describeCommand(param, opts),
    ),
  );

registerServe(program);

await program.parseAsync(process.argv);
