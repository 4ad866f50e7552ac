import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../analysis/verbs/stats.js';
import { cli } from '../run/helpers.js';
import { scratchDir } from '../scratch.js';

describe('validate-model --seeds: several master seeds, one folder each, pass rates side by side', () => {
  it('validates each seed as --seed would, tabulates them in seeds.csv, and exits 0 only when every target holds on every seed', () => {
    const dir = scratchDir('seeds');
    const common = ['--replicates', '2', '--population', '400', '--targets', 'T1,T5', '--workers', '2'];
    const multi = cli(['validate-model', '--seeds', '3,4', ...common, '--out', join(dir, 'multi')]);
    expect([0, 1]).toContain(multi.status);
    expect(multi.stdout).toMatch(/^seed 3: only T1, T5 checked: /m);
    expect(multi.stdout).toMatch(/^seed 4: only T1, T5 checked: /m);
    expect(multi.stdout).toMatch(/Pass rates by master seed[^\n]*\ntarget +needed +3 +4 +all seeds\n/);
    expect(multi.stdout).not.toContain('Also reported, without a verdict'); // one table for all seeds, not one per seed

    const rows = readFileSync(join(dir, 'multi', 'seeds.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(rows[0]).toBe(
      'seed,target,role,sample,measure,runs,pass_rate,pass_rate_low,pass_rate_high,mean_statistic,' +
        'value,value_low,value_high,threshold,pass',
    );
    for (const r of rows.slice(1)) {
      const [runs, rate, low, high] = r.split(',').slice(5, 9).map(Number);
      expect([low, high]).toEqual(wilsonInterval(Math.round(rate! * runs!), runs!)); // exactly what validation.json holds
    }
    // per seed: the decisive targets, then the stricter readings of them (300 firms, clustered SEs, two lines)
    const perSeed = (seed: number) => [
      `${seed},T1,verdict,full,likert`,
      `${seed},T5,verdict,full,likert`,
      `${seed},T1,reading,paper-300,likert`,
      `${seed},T5,reading,paper-300,likert`,
      `${seed},T5-two-lines,reading,full,likert`,
      `${seed},T1,reading,clustered,likert`,
      `${seed},T5,reading,clustered,likert`,
    ];
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 5).join(','))).toEqual([
      ...perSeed(3),
      ...perSeed(4),
    ]);
    const allPass = rows
      .slice(1)
      .filter((r) => r.includes(',verdict,'))
      .every((r) => r.endsWith(',1'));
    expect(multi.stdout).toMatch(/Stricter readings by master seed[^\n]*\ntarget +needed +3 +4 +all seeds\n/);
    expect(multi.stdout).toMatch(/\nT5 paper-300 +≥ 0\.8 +\d\.\d\d/);
    // all seeds: T1's passes over both seeds' 2 + 2 runs, with its interval; it decides nothing
    const t1Passes = rows
      .slice(1)
      .filter((r) => r.startsWith('3,T1,verdict') || r.startsWith('4,T1,verdict'))
      .reduce((s, r) => s + Math.round(Number(r.split(',')[6]) * 2), 0);
    expect(multi.stdout).toMatch(
      new RegExp(`\\nT1 +≥ 0\\.8 .* ${(t1Passes / 4).toFixed(2)} \\[\\d\\.\\d\\d, \\d\\.\\d\\d\\]\\n`),
    );
    expect(multi.stdout).toContain(
      "all seeds: every seed's runs together, with its 95% interval; it decides nothing",
    );
    expect(multi.stdout).toContain("* close call: the seed's 95% interval holds the threshold");
    expect(multi.status).toBe(allPass ? 0 : 1);
    expect(multi.stdout).toContain(allPass ? 'every target meets its threshold on all 2 seeds' : 'fails on');
    for (const seed of [3, 4])
      expect(
        JSON.parse(readFileSync(join(dir, 'multi', `seed-${seed}`, 'validation.json'), 'utf8')).seed,
      ).toBe(seed);

    // one report for the seeds together: the same verdict, a cell per seed and target, each seed's report linked
    expect(multi.stdout).toContain(`report: ${join(dir, 'multi', 'report.html')}`);
    const report = readFileSync(join(dir, 'multi', 'report.html'), 'utf8');
    const verdictLine = multi.stdout.split('\n').find((l) => l.includes('per seed in'))!;
    expect(report).toContain(
      `<p class="reading">${verdictLine.slice(0, verdictLine.indexOf('; per seed in')).replace(/'/g, '&#39;')}.</p>`,
    );
    expect(report).toContain('<h1>Validation across 2 master seeds</h1>');
    for (const seed of [3, 4])
      expect(report).toContain(`<a href="seed-${seed}/report.html">seed ${seed}</a>`);
    expect(
      report.match(
        /<tr><td>T[15]<\/td><td>≥ 0\.8<\/td>(<td class="num( fail)?">\d\.\d\d( FAIL)?\*?<\/td>){2}<td class="num interval">\d\.\d\d \[\d\.\d\d, \d\.\d\d\]<\/td><\/tr>/g,
      ),
    ).toHaveLength(2);
    expect(cli(['report', join(dir, 'multi')]).status).toBe(0);
    expect(readFileSync(join(dir, 'multi', 'report.html'), 'utf8')).toBe(report);

    // --json: one object for all seeds on stdout, nothing else (the runs are resumed, not repeated)
    const json = cli(['validate-model', '--seeds', '3,4', ...common, '--out', join(dir, 'multi'), '--json']);
    const summary = JSON.parse(json.stdout);
    expect(summary.allPass).toBe(allPass);
    expect(summary.pooled.T1).toMatchObject({ seeds: 2, runs: 4, passes: t1Passes, passRate: t1Passes / 4 }); // the 'all seeds' column, as numbers
    expect(summary.report).toBe(join(dir, 'multi', 'report.html'));
    expect(
      summary.seeds.map((x: { seed: number; targets: unknown[] }) => [x.seed, x.targets.length]),
    ).toEqual([
      [3, 2],
      [4, 2],
    ]);

    // each seed's folder is what a single --seed run writes
    const single = cli(['validate-model', '--seed', '4', ...common, '--out', join(dir, 'single')]);
    expect([0, 1]).toContain(single.status);
    expect(readFileSync(join(dir, 'multi', 'seed-4', 'validation.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'single', 'validation.csv'), 'utf8'),
    );
  });

  it('says which shock T9 was checked under, in its output, --json and report', () => {
    const dir = scratchDir('seeds');
    const args = [
      'validate-model',
      '--seeds',
      '3,4',
      '--replicates',
      '2',
      '--population',
      '300',
      '--targets',
      'T9',
      '--workers',
      '2',
      '--shock',
      '{magnitude: 1, sectors: [textiles-clothing]}',
      '--out',
      join(dir, 'shock'),
    ];
    const r = cli(args);
    expect([0, 1]).toContain(r.status);
    const words =
      'in quarter 170, 100% of the contribution entries redrawn in textiles-clothing and in every domain';
    expect(r.stdout).toContain(`note: T9's shock (--shock): ${words}\n`);
    expect(readFileSync(join(dir, 'shock', 'report.html'), 'utf8')).toContain(
      `T9&#39;s shock: ${words} (validate-model&#39;s option --shock sets another).</p>`,
    );
    expect(JSON.parse(cli([...args, '--json']).stdout).shock).toEqual({
      tick: 170,
      magnitude: 1,
      sectors: ['textiles-clothing'],
    });
  });

  it('refuses --seed with --seeds, and a seed given twice, before any run starts (exit 2)', () => {
    const dir = scratchDir('seeds');
    const both = cli(['validate-model', '--seed', '1', '--seeds', '2,3', '--out', join(dir, 'x')]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('give either --seed or --seeds, not both');
    const twice = cli(['validate-model', '--seeds', '2,2', '--out', join(dir, 'y')]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain("a seed appears twice in '2,2'");
  });
});
