/** Helpers for the workbench tests: a folder of small example scenarios, and a server started through the CLI. */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scratchDir } from '../scratch.js';
import { CLI } from '../run/helpers.js';

/**
 * A copy of the shipped scenarios in `<scratch>/sc` with a small baseline (every example extends it), so a
 * comparison takes seconds: 150 firms, 110 quarters (the examples' policies start at quarter 100).
 */
export function smallScenarioFolder(prefix: string, population = 150): { root: string; dir: string } {
  const root = scratchDir(prefix);
  const dir = join(root, 'sc');
  mkdirSync(dir);
  for (const f of readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f)))
    cpSync(join('scenarios', f), join(dir, f));
  const base = join(dir, 'baseline.yaml');
  writeFileSync(
    base,
    readFileSync(base, 'utf8')
      .replace(/^population: \d+/m, `population: ${population}`)
      .replace(/^ticks: \d+/m, 'ticks: 110'),
  );
  return { root, dir };
}

/** A workbench server running in a child process, as `smesim serve` starts it. */
export interface Served {
  child: ChildProcess;
  base: string;
  token: string;
  /** fetch with the token and the page's Origin (override either in `init.headers`). */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

/** Servers still running; killed when the test process ends, even after a test timed out before its cleanup. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Start `smesim serve --port 0` in `root` over `sc/` and `out/`; resolves once it prints its URL. */
export function serve(root: string, extra: string[] = []): Promise<Served> {
  const child = spawn(
    process.execPath,
    [resolve(CLI), 'serve', '--port', '0', '--dir', 'sc', '--out', 'out', ...extra],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let text = '';
  return new Promise((ok, fail) => {
    child.stderr!.on('data', (b: Buffer) => (text += b.toString()));
    child.on('exit', (code) => fail(new Error(`serve exited (${code}): ${text}`)));
    child.stdout!.on('data', (b: Buffer) => {
      text += b.toString();
      const m = /(http:\/\/[^\s/]+)\/\?token=([0-9a-f]+)/.exec(text);
      if (!m) return;
      const [, base, token] = m as unknown as [string, string, string];
      ok({
        child,
        base,
        token,
        api: (path, init = {}) => {
          const headers = {
            'x-smesim-token': token,
            origin: base,
            ...(init.headers as Record<string, string>),
          };
          const body = init.json === undefined ? init.body : JSON.stringify(init.json);
          return fetch(`${base}${path}`, {
            ...init,
            headers,
            body,
            method: init.method ?? (body ? 'POST' : 'GET'),
          });
        },
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Wait until `test` holds (polling), or fail after `ms`. */
export async function waitFor(
  test: () => boolean | Promise<boolean>,
  ms = 60_000,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
