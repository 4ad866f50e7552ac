/**
 * A lock on an output folder, so that two processes never run the same run set at once (each would do
 * every run, and the ledger would record them twice). The lock is a file holding the owner's process id
 * and host; a lock whose process no longer runs (killed, crashed) is stale and is taken over.
 */
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The lock's file name inside an output folder (ignored when judging whether the folder is empty). */
export const LOCK_FILE = '.smesim.lock';

/** Raised when another live process holds the folder; the message names it and what to do. */
export class OutputLockedError extends Error {}

interface Holder {
  pid: number;
  host: string;
}

/** Whether a process of this host runs (a process of another user counts: signalling it is refused). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder a lock file names; undefined when it cannot be read (being written, or garbage). */
function holderOf(path: string): Holder | undefined {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return Number.isInteger(h.pid) && typeof h.host === 'string' ? (h as Holder) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Create the lock file only if there is none; false when one is there. The holder is written to a temp
 * file first and hard-linked into place (which fails if the lock exists), so a lock is never seen half
 * written, even when its process is killed while taking it.
 */
function create(path: string): boolean {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ pid: process.pid, host: hostname() }) + '\n');
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    // EEXIST: held; ENOENT: the holder's clean-up of partial files took our temp file, so it holds the lock
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') return false;
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Take the lock on `dir` (which exists) for this process; returns the function that releases it. A
 * second process gets an OutputLockedError naming the holder; a stale lock is taken over. The lock is
 * also released when the process exits (Ctrl-C included).
 */
export function lockOutputDir(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; !create(path); attempt++) {
    const holder = holderOf(path);
    const stale = holder !== undefined && holder.host === hostname() && !running(holder.pid);
    if (!stale || attempt > 0) {
      const who = holder
        ? `process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}`
        : 'another process';
      throw new OutputLockedError(
        `output directory ${dir} is in use by ${who}, which is running a run set into it; ` +
          `wait until it has finished (then run this command again to resume), or choose another --out ` +
          `(if that process no longer runs, remove ${path})`,
      );
    }
    rmSync(path, { force: true }); // stale: its process was killed or crashed
  }
  const release = () => {
    process.off('exit', release);
    if (holderOf(path)?.pid === process.pid) rmSync(path, { force: true });
  };
  process.on('exit', release);
  return release;
}
