/**
 * Vitest global setup: install the Debian packages some tests need (chromium for the report test,
 * slurm-wlm and munge for the cluster test) once, before any test file runs, so two tests never
 * run apt-get at the same time. Only as root; a test whose package is still missing skips and says why.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDED: [binary: string, pkg: string][] = [
  ['/usr/bin/chromium', 'chromium'],
  ['/usr/sbin/slurmctld', 'slurm-wlm'],
  ['/usr/sbin/munged', 'munge'],
];

export default function setup(): void {
  if (process.getuid?.() !== 0 || process.platform !== 'linux') return;
  const missing = NEEDED.filter(([bin]) => !existsSync(bin)).map(([, pkg]) => pkg);
  if (process.env.SMESIM_SKIP_CLUSTER)
    missing.splice(0, missing.length, ...missing.filter((p) => p === 'chromium'));
  if (missing.length === 0) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  process.stderr.write(`test setup: installing ${missing.join(', ')} from Debian's packages…\n`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', timeout: 300_000, env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], {
    stdio: 'ignore',
    timeout: 900_000,
    env,
  });
  process.stderr.write(
    `test setup: apt-get install ${r.status === 0 ? 'done' : `failed (exit ${r.status}); the tests that need these packages will skip`}\n`,
  );
}
