import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tables, tinyScenario } from './helpers.js';

describe('shards and merge', () => {
  const sweep =
    'sweep:\n  design: grid\n  parameters:\n    - name: sli.convergenceRate\n      levels: [0.5, 1.5]\n';

  it('merges shards 1/3, 2/3, 3/3 into tables byte-identical to the unsharded sweep', () => {
    const { dir, file } = tinyScenario(sweep, 3);
    const whole = join(dir, 'whole');
    expect(cli(['sweep', file, '--out', whole, '--workers', '2']).status).toBe(0);
    const shards = [1, 2, 3].map((i) => join(dir, `shard-${i}`));
    shards.forEach((out, k) =>
      expect(cli(['sweep', file, '--shard', `${k + 1}/3`, '--out', out, '--workers', '1']).status).toBe(0),
    );
    const merged = join(dir, 'merged');
    const m = cli(['merge', ...shards, '--out', merged]);
    expect(m.status, m.stderr).toBe(0);
    expect(tables(merged)).toEqual(tables(whole));
    expect(tables(whole)['runs.csv']!.split('\n')[0]).toMatch(/^run_id,sli\.convergenceRate,scenario,/);
    // a shard's own report says it holds only that shard's runs
    shards.forEach((out, k) => {
      const mine = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n').length - 1;
      expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
        `this folder is shard ${k + 1}/3, and this report shows only its ${mine} run${mine === 1 ? '' : 's'} (smesim merge`,
      );
    });
    // the merged run set gets its report, as a run or sweep does (--no-report skips it)
    expect(m.stdout).toContain(`report: ${join(merged, 'report.html')}`);
    expect(existsSync(join(merged, 'report.html'))).toBe(true);
    const bare = join(dir, 'merged-bare');
    expect(cli(['merge', ...shards, '--out', bare, '--no-report']).status).toBe(0);
    expect(existsSync(join(bare, 'report.html'))).toBe(false);
  });

  it('refuses a missing shard, a shard given twice, and a shard of another plan', () => {
    const { dir, file } = tinyScenario(sweep, 2);
    const shards = [1, 2].map((i) => join(dir, `s${i}`));
    shards.forEach((out, k) => cli(['sweep', file, '--shard', `${k + 1}/2`, '--out', out, '--workers', '1']));
    const missing = cli(['merge', shards[0]!, '--out', join(dir, 'm1')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/in no shard/);
    const twice = cli(['merge', shards[0]!, shards[0]!, shards[1]!, '--out', join(dir, 'm2')]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/more than one shard/);
    const other = tinyScenario(sweep.replace('1.5', '1.7'), 2);
    const foreign = join(other.dir, 'f');
    cli(['sweep', other.file, '--shard', '2/2', '--out', foreign, '--workers', '1']);
    const mixed = cli(['merge', shards[0]!, foreign, '--out', join(dir, 'm3')]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/another plan/);
  });

  it('replays a run identically', () => {
    const { dir, file } = tinyScenario('', 2);
    const out = join(dir, 'o');
    cli(['run', file, '--out', out, '--workers', '1']);
    const r = cli(['replay', out, 'tiny/r002']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/identical/);
  });
});
