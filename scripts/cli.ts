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
  EXIT_RUNS_FAILED,
  InputError,
  executing,
  interruptMessage,
} from './commands/basics.js';
import { SET_HELP, collect, count, formatsArg, seedArg, seedsArg, shardArg } from './commands/args.js';
import { examplesOf } from './commands/examples.js';
import { executionOptions, planOptions } from './commands/options.js';
import { packageVersion } from '../sim/packageRoot.js';

/**
 * Run a command body. Bad input (a scenario, an argument, a sweep point that makes an invalid
 * scenario, an output folder that cannot be used) becomes exit code 2 with the message on stderr; a
 * file-system failure on the way (a full disk, a folder made read-only) becomes one line and exit
 * code 1: finished runs are in the ledger, so the same command resumes. Anything else is a bug and
 * keeps its stack trace.
 */
const act =
  <A extends unknown[]>(body: (...args: A) => number | Promise<number>) =>
  async (...args: A) => {
    try {
      const code = await body(...args);
      // a report that could not be written fails the command, whatever the command made of it
      process.exitCode = executing.reportFailed ? Math.max(code, EXIT_RUNS_FAILED) : code;
    } catch (err) {
      // the modules that define these errors are loaded by then if the command could raise them
      const [{ OutputPathError, fsReason }, { PlanError }] = await Promise.all([
        import('../sim/run/outputs.js'),
        import('../sim/plan/plan.js'),
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

/** Commands, loaded when they run. */
const commands = {
  run: () => import('./commands/run.js'),
  compare: () => import('./commands/compare.js'),
  merge: () => import('./commands/merge.js'),
  check: () => import('./commands/check.js'),
  describe: () => import('./commands/describe.js'),
  validate: () => import('./commands/validate.js'),
  report: () => import('../analysis/report/build.js'),
  bench: () => import('./bench.js'),
  serve: () => import('./commands/serve.js'),
  calibrate: () => import('./commands/calibrate.js'),
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
    'Rebuild report.html of an output directory (run, sweep, compare or validate-model) from its files alone.',
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
    'Join shard output directories of one sweep into one run set (checks that no run is missing or duplicated).',
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
    'Re-run one run of a run set from its manifest and confirm the result is identical (or show the first difference).',
  )
  .argument('<outdir>', 'output directory of a run set')
  .argument('<runId>', 'run id, e.g. baseline/r003')
  .addHelpText('after', examplesOf('replay'))
  .action(
    act(async (outDir: string, runId: string) => (await commands.merge()).replayCommand(outDir, runId)),
  );

program
  .command('validate-model')
  .description(
    'Run the validation scenario and its variants (ablations, shock, subsidy), test targets ' +
      'T1–T10 and L1–L4 of docs/VALIDATION.md, write validation.csv, validation.json and ' +
      'report.html; exit 0 only when every target holds.',
  )
  .option('--scenario <file>', 'validation scenario (default: scenarios/validation.yaml)')
  .option('-o, --out <dir>', 'output directory', 'out/validation')
  .option(
    '-r, --replicates <n>',
    'replicates per run set (default: the scenario’s, 50)',
    count('--replicates'),
  )
  .option('-p, --population <n>', 'firms per run (default: the scenario’s, 5,000)', count('--population'))
  .option('-s, --seed <n>', 'master seed', seedArg)
  .option(
    '--seeds <list>',
    'several master seeds, e.g. 20261123,7,99: each in its own folder (seed-<n>), then their ' +
      'pass rates side by side (seeds.csv, report.html); exit 0 only when every target holds on ' +
      'every seed',
    seedsArg,
  )
  .option(
    '-w, --workers <n>',
    'worker threads for the runs and for estimating their surveys (default: all cores)',
    count('--workers'),
  )
  .option(
    '-t, --targets <list>',
    'check only these targets and run only the variants they need, e.g. T5,T6,T7 or T8 (default: all)',
  )
  .option(
    '--set <path=value>',
    `${SET_HELP}; the ablation, shock and subsidy variants are built on the result`,
    collect,
  )
  .option(
    '--shock <fields>',
    "T9's shock: the fields of one scenario shock but its quarter (T9 sets it: ticks − 30), " +
      "e.g. '{magnitude: 1, domains: [process]}' (default: {magnitude: 0.6}, every sector and " +
      'domain)',
  )
  .option('--force', 'replace an output directory that holds a different run set')
  .option('--json', 'print a machine-readable summary on stdout')
  .option('--dry-run', 'print the run sets, an estimated wall time and the disk space they need; run nothing')
  .addHelpText('after', examplesOf('validate-model'))
  .action(
    act(async (opts) => {
      const { validateCommand } = await commands.validate();
      return validateCommand(opts);
    }),
  );

program
  .command('calibrate')
  .description(
    "Search parameter values that meet a scenario's calibrate: targets (CMA-ES or NSGA-II, each generation a run set on the worker pool); writes calibration.csv, best.yaml and report.html; resumes after an interruption.",
  )
  .argument('<scenario>', 'scenario YAML file with a calibrate: block')
  .option('-o, --out <dir>', 'output directory (default: out/calibrate-<scenario name>)')
  .option('-w, --workers <n>', 'worker threads (default: all cores; 1 = no pool)', count('--workers'))
  .option('-p, --population <n>', 'firms per run (default: calibrate.population)', count('--population'))
  .option('-r, --replicates <n>', 'runs per candidate (default: calibrate.replicates)', count('--replicates'))
  .option(
    '-b, --budget <n>',
    'candidates in all (default: calibrate.budget; raise it to go on)',
    count('--budget'),
  )
  .option('-s, --seed <n>', 'seed of the search and the worlds (default: calibrate.seed)', seedArg)
  .option('--force', 'replace an output directory that holds another calibration')
  .option(
    '--shard <i/n>',
    'run only share i of n of the last generation the budget allows (a cluster task; docs/cluster.md)',
    shardArg,
  )
  .option('--dry-run', 'print the runs, an estimated wall time and the disk space; run nothing')
  .option('--no-report', 'do not write report.html')
  .option('--json', 'print a machine-readable summary on stdout')
  .addHelpText(
    'after',
    '\nExamples:\n  $ smesim calibrate scenarios/calibration-example.yaml --dry-run\n  $ smesim calibrate scenarios/calibration-example.yaml --workers 2\n  $ smesim calibrate scenarios/calibration-example.yaml --budget 160  # go on from where its 96 candidates ended\n',
  )
  .action(act(async (file: string, opts) => (await commands.calibrate()).calibrateCommand(file, opts)));

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

program
  .command('serve')
  .description(
    'Start the workbench: a page in your browser to set policy levers, run them against the baseline and read the answer (local only; prints a URL with an access token).',
  )
  .option('-p, --port <n>', 'port (0 = any free port)', Number, 8321)
  .option('-d, --dir <folder>', 'folder of scenario files', 'scenarios')
  .option('-o, --out <folder>', 'folder of the comparisons', 'out')
  .option(
    '--host <address>',
    'listen on this address instead of 127.0.0.1 (the token is then all that protects it)',
  )
  .option('-w, --workers <n>', 'worker threads per comparison (default: all cores)', Number)
  .action(act(async (opts) => (await commands.serve()).serveCommand(opts)));

await program.parseAsync(process.argv);
