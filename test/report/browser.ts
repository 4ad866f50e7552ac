/** Find or install Debian's Chromium for the report tests; say why when it cannot be had. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Path of a Chromium binary, installing Debian's package when possible (root, apt). */
export function ensureChromium(): { path?: string; why?: string } {
  const found = CANDIDATES.find(existsSync);
  if (found) return { path: found };
  if (process.getuid?.() !== 0)
    return { why: 'Chromium is not installed and installing it needs root (apt-get install chromium)' };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', timeout: 300_000, env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'ignore',
    timeout: 600_000,
    env,
  });
  const path = CANDIDATES.find(existsSync);
  return path
    ? { path }
    : {
        why: `apt-get install chromium failed (exit ${r.status}); the report test needs Debian's chromium package`,
      };
}

/** Chromium flags for a closed network and a root user. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
