/**
 * The process a workbench run set runs under: it starts the CLI (`smesim compare …`, arguments as given)
 * and stops it as Ctrl-C would when asked to (cancel: SIGTERM) or when the server goes away (its end of
 * the stdin pipe closes, even on a kill -9), so a run set never runs on without the server, and the next
 * start resumes it from the ledger. The CLI handles the signal between runs; one that is busy on its own
 * thread (--workers 1) is killed after a grace period, losing only the run in progress.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const GRACE_MS = 1500;
const cli = spawn(
  process.execPath,
  [fileURLToPath(new URL('../cli.js', import.meta.url)), ...process.argv.slice(2)],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  cli.kill('SIGTERM');
  setTimeout(() => cli.kill('SIGKILL'), GRACE_MS).unref();
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
cli.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGTERM' ? 143 : 137)));
