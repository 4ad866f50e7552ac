/** `smesim validate-model`'s options and help text. */
import type { Command } from 'commander';
import { SET_HELP, collect, count, seedArg, seedsArg } from '../args.js';
import { examplesOf } from '../examples.js';
import { act } from './act.js';

/** Registers `smesim validate-model` on the program; its module loads when it runs. */
export function registerValidateModel(program: Command): void {
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
    .option(
      '--dry-run',
      'print the run sets, an estimated wall time and the disk space they need; run nothing',
    )
    .addHelpText('after', examplesOf('validate-model'))
    .action(
      act(async (opts) => {
        const { validateCommand } = await import('../validate.js');
        return validateCommand(opts);
      }),
    );
}
