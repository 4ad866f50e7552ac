/** `smesim serve`'s options and help text. */
import type { Command } from 'commander';
import { act } from './act.js';

/** Registers `smesim serve` on the program; its module loads when it runs. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'Start the workbench: a page in your browser to set policy levers, run them against the ' +
        'baseline and read the answer (local only; prints a URL with an access token).',
    )
    .option('-p, --port <n>', 'port (0 = any free port)', Number, 8321)
    .option('-d, --dir <folder>', 'folder of scenario files', 'scenarios')
    .option('-o, --out <folder>', 'folder of the comparisons', 'out')
    .option(
      '--host <address>',
      'listen on this address instead of 127.0.0.1 (the token is then all that protects it)',
    )
    .option('-w, --workers <n>', 'worker threads per comparison (default: all cores)', Number)
    .action(act(async (opts) => (await import('../serve.js')).serveCommand(opts)));
}
