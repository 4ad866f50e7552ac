/** `smesim calibrate`'s arguments, options and help text. */
import type { Command } from 'commander';
import { count, seedArg, shardArg } from '../args.js';
import { act } from './act.js';

/** Registers `smesim calibrate` on the program; its module loads when it runs. */
export function registerCalibrate(program: Command): void {
  program
    .command('calibrate')
    .description(
      "Search parameter values that meet a scenario's calibrate: targets (CMA-ES or " +
        'NSGA-II, each generation a run set on the worker pool); writes calibration.csv, ' +
        'best.yaml and report.html; resumes after an interruption.',
    )
    .argument('<scenario>', 'scenario YAML file with a calibrate: block')
    .option('-o, --out <dir>', 'output directory (default: out/calibrate-<scenario name>)')
    .option('-w, --workers <n>', 'worker threads (default: all cores; 1 = no pool)', count('--workers'))
    .option('-p, --population <n>', 'firms per run (default: calibrate.population)', count('--population'))
    .option(
      '-r, --replicates <n>',
      'runs per candidate (default: calibrate.replicates)',
      count('--replicates'),
    )
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
      '\nExamples:\n' +
        '  $ smesim calibrate scenarios/calibration-example.yaml --dry-run\n' +
        '  $ smesim calibrate scenarios/calibration-example.yaml --workers 2\n' +
        '  $ smesim calibrate scenarios/calibration-example.yaml --budget 160  # go on from where its 96 ' +
        'candidates ended\n',
    )
    .action(
      act(async (file: string, opts) => (await import('../calibrate.js')).calibrateCommand(file, opts)),
    );
}
