/** The output folder's lock: one process at a time; a stale lock from a killed process is taken over. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, OutputLockedError, lockOutputDir } from '../../sim/run/lock.js';
import { scratchDir } from '../scratch.js';
import { cli, cliAsync, tinyScenario } from './helpers.js';

/** The id of a process that has ended. */
function deadPid(): number {
  return spawnSync('node', ['-e', '']).pid!;
}

/** Wait until `ok()` holds (polling), or fail after `ms`. */
async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('lockOutputDir', () => {
  it('refuses a second holder while the first holds it, naming the holder, and frees it on release', () => {
    const dir = scratchDir('lock');
    const release = lockOutputDir(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toEqual({
      pid: process.pid,
      host: hostname(),
    });
    expect(() => lockOutputDir(dir)).toThrow(OutputLockedError);
    expect(() => lockOutputDir(dir)).toThrow(`is in use by process ${process.pid}`);
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockOutputDir(dir)();
  });

  it('takes over a stale lock whose process no longer runs', () => {
    const dir = scratchDir('lock-stale');
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname() }));
    const release = lockOutputDir(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    release();
  });

  it("does not take over another host's lock (it cannot tell whether that process runs)", () => {
    const dir = scratchDir('lock-host');
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: 'elsewhere' }));
    expect(() => lockOutputDir(dir)).toThrow(/in use by process \d+ on elsewhere/);
  });
});

describe('two smesim processes on one output folder', () => {
  it('the second says which process holds the folder and exits 2; the first does every run once', async () => {
    const { dir, file } = tinyScenario('', 6, 1500, 60);
    const out = join(dir, 'out');
    const first = cliAsync(['run', file, '--out', out, '--workers', '1', '--no-report']);
    const done = new Promise<number | null>((r) => first.on('exit', r));
    await until(() => existsSync(join(out, LOCK_FILE)));
    const second = cli(['run', file, '--out', out, '--workers', '1', '--no-report']);
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`is in use by process ${first.pid}`);
    expect(await done).toBe(0);
    expect(readFileSync(join(out, 'ledger.jsonl'), 'utf8').trim().split('\n')).toHaveLength(6);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  }, 60_000);

  it('a folder whose process was killed is taken over, and its run set resumes', async () => {
    const { dir, file } = tinyScenario('', 6, 1500, 60);
    const out = join(dir, 'out');
    const first = cliAsync(['run', file, '--out', out, '--workers', '1', '--no-report']);
    const killed = new Promise((r) => first.on('exit', r));
    await until(() => existsSync(join(out, LOCK_FILE)));
    first.kill('SIGKILL'); // no exit handler runs: the lock stays behind
    await killed;
    expect(existsSync(join(out, LOCK_FILE))).toBe(true);
    const again = cli(['run', file, '--out', out, '--workers', '1', '--no-report']);
    expect(again.status, again.stderr).toBe(0);
    const ids = readFileSync(join(out, 'ledger.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { runId: string }).runId);
    expect(new Set(ids).size).toBe(6);
  }, 60_000);
});
