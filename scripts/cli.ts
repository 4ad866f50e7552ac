#!/usr/bin/env node
/** smesim: the command-line interface. Thin: parses arguments and calls into sim/ and analysis/. */
import { Command, InvalidArgumentError } from 'commander';
import { runCommand } from './commands/run.js';

const integer = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`'${v}' is not a whole number`);
  return n;
};

const program = new Command()
  .name('smesim')
  .description('Agent-based simulation of SME innovation: cooperation partners, supplier integration and dynamism.')
  .version('0.1.0')
  .showHelpAfterError();

program
  .command('run')
  .description('Run a scenario file and write its tables (runs.csv, timeseries.csv, survey.csv).')
  .argument('<scenario>', 'scenario YAML file')
  .option('-o, --out <dir>', 'output directory (default: out/<scenario name>)')
  .option('-r, --replicates <n>', 'override the number of replicates', integer)
  .option('-s, --seed <n>', 'override the master seed', integer)
  .option('--force', 'overwrite an existing output directory')
  .option('--json', 'print a machine-readable summary on stdout')
  .addHelpText('after', '\nExample:\n  $ smesim run scenarios/baseline.yaml --out out/baseline --replicates 5\n')
  .action(async (file: string, opts) => {
    process.exitCode = await runCommand(file, opts);
  });

await program.parseAsync(process.argv);
