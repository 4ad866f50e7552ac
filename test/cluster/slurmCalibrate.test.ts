import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../run/helpers.js';
import { slurmUnavailable, startSlurm, waitFor } from './localSlurm.js';
import { scratchDir } from '../scratch.js';

const CALIBRATION = `name: cluster-calibration
seed: 4
population: 80
ticks: 40
burnIn: 10
regions: 2
sectors: [a, b]
calibrate:
  algorithm: cmaes
  budget: 8
  generationSize: 4
  replicates: 2
  parameters:
    - path: portfolio.searchPerShortfall
      min: 0.05
      max: 5
      scale: log
  objectives:
    - statistic: share(coop_any)
      target: 0.5
`;

const FILES = ['calibration.csv', 'best.yaml', 'report.html'];

describe('a calibration as a chain of real Slurm job arrays', () => {
  it('runs 2 generations as 2-task arrays, each followed by an afterok tell job, byte-identical to a local calibration', async (ctx) => {
    const why = slurmUnavailable();
    if (why) {
      console.warn(`SKIPPED: ${why}`);
      ctx.skip();
      return;
    }
    const dir = scratchDir('cluster-calibrate');
    const scenario = join(dir, 'calibration.yaml');
    writeFileSync(scenario, CALIBRATION);
    const local = join(dir, 'local');
    expect(cli(['calibrate', scenario, '--out', local, '--workers', '2']).status).toBe(0);

    const cluster = await startSlurm();
    try {
      const out = join(dir, 'cluster');
      const submit = spawnSync('bash', [resolve('scripts/cluster/slurm-calibrate.sh'), scenario, out, '2'], {
        encoding: 'utf8',
        env: { ...cluster.env, CPUS_PER_TASK: '1' },
      });
      expect(submit.status, submit.stderr + submit.stdout).toBe(0);
      const jobs = [...submit.stdout.matchAll(/array job (\d+) \(2 tasks\), tell job (\d+)/g)].flatMap(
        (m) => [m[1]!, m[2]!],
      );
      expect(jobs, submit.stdout).toHaveLength(4);
      await waitFor(
        'the arrays and tell jobs to finish',
        300,
        () =>
          spawnSync('squeue', ['-h', '-j', jobs.join(',')], {
            env: cluster.env,
            encoding: 'utf8',
          }).stdout.trim() === '',
      ).catch((err) => {
        throw new Error(`${err.message}\n${cluster.log()}`);
      });
      const log = (name: string) => readFileSync(join(out, 'logs', name), 'utf8');
      const logs = readdirSync(join(out, 'logs'))
        .sort()
        .map((f) => `--- ${f}\n${log(f)}`)
        .join('\n');
      expect(existsSync(join(out, 'logs', 'gen-2-tell.out')), `${logs}\n${cluster.log()}`).toBe(true);
      expect(log('gen-2-shard-1.out')).toMatch(/generation 2, shard 1\/2: \d+\/\d+ runs ok/);
      for (const f of FILES)
        expect(readFileSync(join(out, f), 'utf8'), `${f}\n${log('gen-2-tell.out')}`).toBe(
          readFileSync(join(local, f), 'utf8'),
        );
    } finally {
      await cluster.stop();
    }
  }, 900_000);
});
