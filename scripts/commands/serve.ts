/**
 * `smesim serve`: the workbench, a local web page to set the
 * levers, run against the baseline and read the answer.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { startWorkbench } from '../serve/server.js';
import { newToken } from '../serve/security.js';
import { InputError } from './basics.js';

/** Options of `smesim serve`. */
export interface ServeOptions {
  port?: number;
  dir?: string;
  out?: string;
  host?: string;
  workers?: number;
}

/** Start the server and print its URL (with the token, as Jupyter does); runs until stopped. */
export async function serveCommand(opts: ServeOptions): Promise<number> {
  const scenarioDir = resolve(opts.dir ?? 'scenarios');
  if (!existsSync(scenarioDir) || !statSync(scenarioDir).isDirectory())
    throw new InputError(
      `--dir ${opts.dir ?? 'scenarios'}: no such folder; give the folder of your scenario files`,
    );
  const port = opts.port ?? 8321;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InputError(`--port must be a whole number from 0 to 65535 (got ${String(opts.port)})`);
  const host = opts.host ?? '127.0.0.1';
  const wb = await startWorkbench(
    { scenarioDir, outRoot: resolve(opts.out ?? 'out') },
    { host, port, token: newToken(), workers: opts.workers },
  ).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new InputError(`port ${port} is in use; choose another with --port`);
    throw err;
  });
  if (host !== '127.0.0.1' && host !== 'localhost')
    process.stderr.write(
      `note: the workbench listens on ${host}: anyone who can reach ` +
        'it and has the token can run and save scenarios\n',
    );
  process.stdout.write(
    `smesim workbench: scenarios in ${scenarioDir}, comparisons in ${resolve(opts.out ?? 'out')}\n` +
      `open this URL in your browser (it holds the access token):\n\n    ${wb.url}\n\n` +
      'stop with Ctrl-C; a comparison still running resumes at the next start\n',
  );
  await new Promise<never>(() => {}); // serve until the process is stopped
  return 0;
}
