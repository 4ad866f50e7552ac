/**
 * `smesim calibrate` on the model: a one-parameter calibration recovers the value that generated its
 * target; 1 and 2 workers, and a kill -9 followed by the same command, give the same bytes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOfCsv, rowsOfTable } from '../../analysis/io.js';
import { surveyLevel } from '../../analysis/verbs/surveyLevel.js';
import { makeScenario } from '../../sim/config/scenario.js';
import { makeRunPlan } from '../../sim/plan/plan.js';
import { type RunOutput, runOne } from '../../sim/runOne.js';
import { spawn } from 'node:child_process';
import { CLI, cli, cliAsync } from '../run/helpers.js';
import { scratchDir } from '../scratch.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The world of both tests: 300 firms, 60 quarters (20 of burn-in), 2 sectors × 2 regions. */
const WORLD = { population: 300, ticks: 60, burnIn: 20, sectors: ['a', 'b'], regions: 2 };
const worldYaml = `population: 300\nticks: 60\nburnIn: 20\nsectors: [a, b]\nregions: 2\n`;

/** The value that generates the target, and the replicates and seed of the run that measures it. */
// where the share of cooperating firms responds to it (the default is 0.015; far above, search saturates)
const TRUE_VALUE = 0.03;
const TARGET_REPLICATES = 6;

describe('smesim calibrate on the model', () => {
  it('recovers portfolio.searchPerShortfall from the share of cooperating firms it produced, within its standard error', () => {
    // the target: share(coop_any) of a run set at the true value, on worlds of another seed than the calibration's
    const truth = makeScenario({
      ...WORLD,
      name: 'truth',
      seed: 99,
      replicates: TARGET_REPLICATES,
      portfolio: { searchPerShortfall: TRUE_VALUE },
    });
    const rows = makeRunPlan(truth).specs.flatMap((spec) => rowsOfTable((runOne(spec) as RunOutput).survey));
    const target = surveyLevel(rows, { column: 'coop_any', stat: 'share' });
    const dir = scratchDir('calibrate-e2e');
    const file = join(dir, 'recover.yaml');
    // budget: 5 generations of 6 candidates × 4 replicates = 120 runs (about 10 s on 2 workers)
    writeFileSync(
      file,
      `name: recover\nseed: 5\n${worldYaml}calibrate:\n  algorithm: cmaes\n  budget: 30\n  generationSize: 6\n  replicates: 4\n` +
        `  parameters:\n    - path: portfolio.searchPerShortfall\n      min: 0.003\n      max: 0.3\n      scale: log\n` +
        `  objectives:\n    - statistic: share(coop_any)\n      target: ${target.value}\n`,
    );
    const out = join(dir, 'out');
    const r = cli(['calibrate', file, '--out', out, '--workers', '2', '--no-report']);
    expect(r.status, r.stderr).toBe(0);
    const candidates = rowsOfCsv(readFileSync(join(out, 'calibration.csv'), 'utf8'));
    expect(candidates).toHaveLength(30);
    const best = [...candidates].sort((a, b) => Number(a.loss) - Number(b.loss))[0]!;
    const found = Number(best['portfolio.searchPerShortfall']);
    // the parameter's standard error by the delta method: the statistic's SE (target and candidate, independent
    // worlds) over the local slope of the statistic in log(value), fitted on the candidates within a factor 2
    const near = candidates.filter(
      (c) => Math.abs(Math.log(Number(c['portfolio.searchPerShortfall']) / found)) < Math.log(2),
    );
    const xs = near.map((c) => Math.log(Number(c['portfolio.searchPerShortfall'])));
    const ys = near.map((c) => Number(c.share_coop_any));
    const mx = xs.reduce((a, v) => a + v, 0) / xs.length;
    const my = ys.reduce((a, v) => a + v, 0) / ys.length;
    const slope =
      xs.reduce((a, x, k) => a + (x - mx) * (ys[k]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    expect(near.length).toBeGreaterThanOrEqual(5);
    expect(slope).toBeGreaterThan(0); // more search, more cooperation: the level responds monotonically
    const se = Math.sqrt(target.se ** 2 + Number(best.share_coop_any_se) ** 2) / slope;
    // measured: 0.0342 found for 0.03, |ln(0.0342/0.03)| = 0.131 against an SE of 0.211 (slope 0.146 per unit of ln)
    expect(Math.abs(Math.log(found / TRUE_VALUE))).toBeLessThan(se);
    // and the search did narrow: the parameter's SE is well below the searched log range (ln 100 = 4.6)
    expect(se).toBeLessThan(0.5);
    const yaml = readFileSync(join(out, 'best.yaml'), 'utf8');
    expect(yaml).toMatch(/^extends: \.\.\/recover\.yaml$/m);
    expect(yaml).toContain(`searchPerShortfall: ${found}`);
    expect(yaml).toMatch(/^# {3}met {4}share_coop_any = /m);
    const check = cli(['check', join(out, 'best.yaml')]);
    expect(check.status, check.stderr).toBe(0);
  });
});

describe('smesim calibrate: the same bytes however it runs', () => {
  // NSGA-II on two parameters and two objectives: 3 generations of 4 candidates × 2 replicates = 24 runs
  const TWO =
    `name: two\nseed: 3\n${worldYaml.replace('300', '150')}calibrate:\n  algorithm: nsga2\n  budget: 12\n  generationSize: 4\n  replicates: 2\n` +
    `  parameters:\n    - path: portfolio.searchPerShortfall\n      min: 0.05\n      max: 5\n      scale: log\n` +
    `    - path: search.sizeElasticity\n      min: 0\n      max: 1\n` +
    `  objectives:\n    - statistic: L1\n    - statistic: L3-any\n`;
  const files = ['calibration.csv', 'best.yaml', 'report.html'];
  const read = (out: string) => Object.fromEntries(files.map((f) => [f, readFileSync(join(out, f), 'utf8')]));
  const ledger = (out: string, g: number) => join(out, `gen-00${g}`, 'ledger.jsonl');
  const lines = (path: string) =>
    existsSync(path)
      ? readFileSync(path, 'utf8')
          .split('\n')
          .filter((l) => l.endsWith('}')).length
      : 0;
  let dir = '';
  let file = '';
  let reference: Record<string, string> = {};

  beforeAll(() => {
    dir = scratchDir('calibrate-resume');
    file = join(dir, 'two.yaml');
    writeFileSync(file, TWO);
    const one = join(dir, 'one');
    const r1 = cli(['calibrate', file, '--out', one, '--workers', '1']);
    expect(r1.status, r1.stderr).toBe(0);
    reference = read(one);
  });

  it('writes the same calibration.csv, best.yaml and report.html with 1 or 2 workers', () => {
    expect(reference['calibration.csv']!.split('\n')[0]).toBe(
      'generation,candidate,portfolio.searchPerShortfall,search.sizeElasticity,L1,L1_se,L3-any,L3-any_se,loss,pareto_rank,met,failed_runs',
    );
    const two = join(dir, 'two');
    expect(cli(['calibrate', file, '--out', two, '--workers', '2']).status).toBe(0);
    expect(read(two)).toEqual(reference);
  });

  it('resumes to the same bytes after kill -9 in the first and in the third generation', async () => {
    // kill the CLI when it has finished 3 runs of the first generation, then 2 runs into the third
    for (const [g, runs] of [
      [1, 3],
      [3, 2],
    ] as const) {
      const out = join(dir, `killed-${g}`);
      const child = cliAsync(['calibrate', file, '--out', out, '--workers', '2']);
      let finished = false;
      const exited = new Promise((r) => child.once('exit', () => r((finished = true))));
      const started = Date.now();
      while (!finished && Date.now() - started < 60_000 && lines(ledger(out, g)) < runs) await sleep(5);
      child.kill('SIGKILL');
      await exited;
      expect(existsSync(join(out, 'best.yaml')), `killed in generation ${g}, before the end`).toBe(false);
      const again = cli(['calibrate', file, '--out', out, '--workers', '2']);
      expect(again.status, again.stderr).toBe(0);
      expect(read(out)).toEqual(reference);
    }
  }, 300_000);

  it('on Ctrl-C says what is kept and the command that resumes, which ends with the same bytes', async () => {
    const interrupted = join(dir, 'interrupted');
    const args = ['calibrate', file, '--out', interrupted, '--workers', '2'];
    const child = spawn('node', [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const started = Date.now();
    while (lines(ledger(interrupted, 2)) < 1 && Date.now() - started < 60_000) await sleep(5);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(
      /interrupted: \d+ of 24 runs of .*interrupted are finished and kept; run the same command again to resume:\n {2}smesim calibrate .*two\.yaml --out .*interrupted --workers 2\n/,
    );
    expect(cli(args).status).toBe(0);
    expect(read(interrupted)).toEqual(reference);
  }, 300_000);

  it('runs a generation in shards, taken in by the command without --shard, to the same bytes', () => {
    // on a cluster: each generation's runs in 2 shards (array tasks), then the command without --shard at that
    // budget takes them in and tells the generation (the job that depends on the array)
    const sharded = join(dir, 'sharded');
    for (const budget of [4, 8, 12]) {
      for (const shard of ['1/2', '2/2']) {
        const task = cli(['calibrate', file, '--out', sharded, '--budget', `${budget}`, '--shard', shard]);
        expect(task.status, task.stderr).toBe(0);
      }
      const early = cli(['calibrate', file, '--out', sharded, '--budget', `${budget + 4}`, '--shard', '1/2']);
      expect(early.status).toBe(2); // generation budget/4 + 1 cannot run before generation budget/4 is told
      expect(early.stderr).toMatch(/has told \d generation\(s\); run the calibration without --shard/);
      const driver = cli(['calibrate', file, '--out', sharded, '--budget', `${budget}`, '--workers', '1']);
      expect(driver.status, driver.stderr).toBe(0);
    }
    expect(read(sharded)).toEqual(reference);
    // the driver ran nothing itself: every run of generation 3 came from a shard
    expect(
      readFileSync(join(sharded, 'gen-003', 'ledger.jsonl'), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(8);
  }, 300_000);
});
