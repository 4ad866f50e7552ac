import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tables } from '../run/helpers.js';
import { slurmUnavailable, startSlurm, waitFor } from './localSlurm.js';
import { scratchDir } from '../scratch.js';

const SWEEP = `name: cluster-sweep
replicates: 4
population: 60
ticks: 40
burnIn: 10
regions: 2
sectors: [a, b]
sweep:
  design: grid
  parameters:
    - name: sli.convergenceRate
      levels: [0.5, 1, 1.5]
    - name: sli.proposalSlope
      levels: [1, 2]
`;

describe('a sweep as a real Slurm job array', () => {
  it('runs 24 runs as a 4-task array plus an afterok merge job, byte-identical to a local run', async (ctx) => {
    const why = slurmUnavailable();
    if (why) {
      console.warn(`SKIPPED: ${why}`);
      ctx.skip();
      return;
    }
    const started = Date.now();
    const dir = scratchDir('cluster');
    const scenario = join(dir, 'sweep.yaml');
    writeFileSync(scenario, SWEEP);
    const local = join(dir, 'local');
    expect(cli(['sweep', scenario, '--out', local, '--workers', '2', '--no-report']).status).toBe(0);

    const cluster = await startSlurm();
    try {
      const out = join(dir, 'cluster');
      const submit = spawnSync('bash', [resolve('scripts/cluster/slurm-array.sh'), scenario, out, '4'], {
        encoding: 'utf8',
        env: { ...cluster.env, CPUS_PER_TASK: '1' },
      });
      expect(submit.status, submit.stderr + submit.stdout).toBe(0);
      const m = /submitted array job (\d+) \(4 tasks\) and merge job (\d+)/.exec(submit.stdout);
      expect(m, submit.stdout).not.toBeNull();
      const [arrayId, mergeId] = [m![1]!, m![2]!];
      await waitFor(
        'the array and merge jobs to finish',
        240,
        () =>
          spawnSync('squeue', ['-h', '-j', `${arrayId},${mergeId}`], {
            env: cluster.env,
            encoding: 'utf8',
          }).stdout.trim() === '',
      ).catch((err) => {
        throw new Error(`${err.message}\n${cluster.log()}`);
      });
      const merged = join(out, 'merged');
      expect(
        existsSync(join(merged, 'runs.csv')),
        `merge job output missing; merge log:\n${existsSync(join(out, 'logs', 'merge.out')) ? readFileSync(join(out, 'logs', 'merge.out'), 'utf8') : '(none)'}\n${cluster.log()}`,
      ).toBe(true);
      for (let k = 0; k < 4; k++)
        expect(readFileSync(join(out, 'logs', `shard-${k}.out`), 'utf8')).toMatch(/runs ok/);
      expect(tables(merged)).toEqual(tables(local));
      // the report comes from the merge job, with all shards' runs; the shards write none
      expect(existsSync(join(merged, 'report.html'))).toBe(true);
      expect(existsSync(join(out, 'shard-0', 'report.html'))).toBe(false);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.info(`Slurm test: array job ${arrayId}, merge job ${mergeId}, ${seconds} s in all`);
      writeFileSync(join(dir, 'job-ids.txt'), `${arrayId} ${mergeId} ${seconds}\n`);
    } finally {
      await cluster.stop();
    }
  }, 900_000);
});
