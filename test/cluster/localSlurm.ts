/**
 * A single-node Slurm cluster on localhost for tests (see docs/cluster.md): installs
 * Debian's slurm-wlm and munge if missing, starts munged, slurmctld and slurmd from a generated
 * config in a temp directory, and stops exactly the processes it started (by PID).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running local cluster. */
export interface LocalSlurm {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Stop the daemons this cluster started (by PID), wait until they are gone, remove the directory. */
  stop: () => Promise<void>;
  log: () => string;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Why a cluster cannot be started here (undefined when it can). */
export function slurmUnavailable(): string | undefined {
  if (process.env.SMESIM_SKIP_CLUSTER) return 'SMESIM_SKIP_CLUSTER is set';
  if (process.platform !== 'linux') return 'the Slurm test needs Linux';
  if (process.getuid?.() !== 0)
    return 'the Slurm test needs root (it installs slurm-wlm and starts its daemons)';
  if (!existsSync('/usr/sbin/slurmctld') || !existsSync('/usr/sbin/munged')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', timeout: 300_000, env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', 'slurm-wlm', 'munge'], {
      stdio: 'ignore',
      timeout: 600_000,
      env,
    });
    if (!existsSync('/usr/sbin/slurmctld'))
      return `apt-get install slurm-wlm munge failed (exit ${r.status})`;
  }
  for (const port of [6817, 6818]) {
    const ss = spawnSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' });
    if (ss.status === 0 && ss.stdout.trim()) return `port ${port} is in use; stop whatever listens there`;
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until `done` returns true or the time runs out (then throw with `what`). */
export async function waitFor(what: string, seconds: number, done: () => boolean): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (done()) return;
    await sleep(500);
  }
  throw new Error(`timed out after ${seconds} s waiting for ${what}`);
}

/** Start munged, slurmctld and slurmd on 127.0.0.1. */
export async function startSlurm(): Promise<LocalSlurm> {
  const dir = mkdtempSync(join(tmpdir(), 'smesim-slurm-'));
  const host = hostname().split('.')[0]!;
  const munge = join(dir, 'munge');
  mkdirSync(munge);
  chmodSync(dir, 0o755);
  chmodSync(munge, 0o755); // munged refuses a socket directory without execute permission for all
  for (const d of ['state', 'spool']) mkdirSync(join(dir, d));
  const key = join(munge, 'munge.key');
  const socket = join(munge, 'munge.socket');
  const children: ChildProcess[] = [];
  const pids: number[] = [];
  const stop = async () => {
    for (const pid of [...pids].reverse()) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    // Daemons write their state while shutting down: wait (bounded), then force the stragglers.
    const end = Date.now() + 15_000;
    while (pids.some(alive) && Date.now() < end) await sleep(100);
    for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
    while (pids.some(alive) && Date.now() < end + 5_000) await sleep(100);
  };
  try {
    const mk = spawnSync('mungekey', ['--create', `--keyfile=${key}`], { encoding: 'utf8' });
    if (mk.status !== 0) throw new Error(`mungekey failed: ${mk.stderr}`);
    const md = spawnSync(
      'munged',
      [
        `--key-file=${key}`,
        `--socket=${socket}`,
        `--pid-file=${join(munge, 'munged.pid')}`,
        `--log-file=${join(munge, 'munged.log')}`,
        `--seed-file=${join(munge, 'munged.seed')}`,
        '--force',
      ],
      { encoding: 'utf8' },
    );
    if (md.status !== 0) throw new Error(`munged failed: ${md.stderr}`);
    pids.push(Number(readFileSync(join(munge, 'munged.pid'), 'utf8')));
    const conf = join(dir, 'slurm.conf');
    writeFileSync(
      conf,
      [
        'ClusterName=smesimtest',
        `SlurmctldHost=${host}(127.0.0.1)`,
        'SlurmUser=root',
        'SlurmctldPort=6817',
        'SlurmdPort=6818',
        'AuthType=auth/munge',
        `AuthInfo=socket=${socket}`,
        `StateSaveLocation=${join(dir, 'state')}`,
        `SlurmdSpoolDir=${join(dir, 'spool')}`,
        `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
        `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
        `SlurmctldLogFile=${join(dir, 'slurmctld.log')}`,
        `SlurmdLogFile=${join(dir, 'slurmd.log')}`,
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_Core',
        'MpiDefault=none',
        'MailProg=/bin/true',
        'ReturnToService=2',
        'DependencyParameters=kill_invalid_depend',
        `NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus().length} State=UNKNOWN`,
        `PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
        '',
      ].join('\n'),
    );
    const env = { ...process.env, SLURM_CONF: conf };
    for (const daemon of ['slurmctld', 'slurmd']) {
      const child = spawn(daemon, ['-D', '-f', conf], { env, stdio: 'ignore' });
      children.push(child);
      pids.push(child.pid!);
    }
    const cluster: LocalSlurm = {
      dir,
      env,
      stop: async () => {
        await stop();
        rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      },
      log: () =>
        ['slurmctld.log', 'slurmd.log']
          .map((f) =>
            existsSync(join(dir, f)) ? `--- ${f}\n${readFileSync(join(dir, f), 'utf8').slice(-3000)}` : '',
          )
          .join('\n'),
    };
    await waitFor(
      'the node to become idle',
      60,
      () => spawnSync('sinfo', ['-h', '-o', '%t'], { env, encoding: 'utf8' }).stdout.trim() === 'idle',
    );
    return cluster;
  } catch (err) {
    await stop();
    throw err;
  }
}
