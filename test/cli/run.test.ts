import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../scratch.js';
import { makeScenario } from '../../sim/config/scenario.js';
import { firmStateBytes } from '../../sim/model/firmState.js';

const CLI = join('dist', 'scripts', 'cli.js');

describe('smesim run (built CLI)', () => {
  it('the built CLI is a program: `npx smesim` runs dist/scripts/cli.js itself, which needs the executable bit the build sets', () => {
    if (process.platform === 'win32') return; // no executable bit there; npm writes a .cmd shim instead
    expect(statSync(CLI).mode & 0o111).toBe(0o111);
    expect(execFileSync(join(process.cwd(), CLI), ['--version'], { encoding: 'utf8' }).trim()).toBe(
      JSON.parse(readFileSync('package.json', 'utf8')).version,
    );
  });

  it('--version comes from package.json, not from a literal in cli.ts', () => {
    expect(readFileSync(join('scripts', 'cli.ts'), 'utf8')).not.toMatch(/\.version\(\s*['"`]/);
  });

  it('exits 1 when the report cannot be written, naming the cause and the command that rebuilds it', () => {
    const dir = scratchDir('run-report-fails');
    const scenario = join(dir, 'tiny.yaml');
    writeFileSync(scenario, 'name: tiny\nreplicates: 1\npopulation: 30\nticks: 20\nburnIn: 4\n');
    const out = join(dir, 'out');
    expect(spawnSync('node', [CLI, 'run', scenario, '--out', out, '--no-report']).status).toBe(0);
    mkdirSync(join(out, 'report.html')); // a folder in the report's way
    const again = spawnSync('node', [CLI, 'run', scenario, '--out', out], { encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`error: could not write the report of ${out}: EISDIR`);
    expect(again.stderr).toContain(`rebuild the report with:\n  smesim report ${out}\n`);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const json = spawnSync('node', [CLI, 'run', scenario, '--out', out, '--json'], { encoding: 'utf8' });
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ report: null, exitCode: 1 });
  });

  it('names the survey window the scenario asks for, on the terminal and in the report (surveyWindow: 4)', () => {
    const dir = scratchDir('run-window');
    const scenario = join(dir, 'window.yaml');
    writeFileSync(
      scenario,
      'name: window\nreplicates: 2\npopulation: 40\nticks: 24\nburnIn: 4\nsurveyWindow: 4\n',
    );
    const printed = execFileSync(
      'node',
      [CLI, 'run', scenario, '--out', join(dir, 'out'), '--workers', '1'],
      {
        encoding: 'utf8',
      },
    );
    expect(printed).toContain('survey window (the last 4 quarters), mean over 2 runs [95% CI]:');
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toContain(
      '<h2>Key numbers (survey window: the last 4 quarters)</h2>',
    );
  });

  it('writes the tables with all replicates, sorted by run_id, byte-identical with 1 and 2 workers', () => {
    const dir = scratchDir('run');
    const scenario = join(dir, 'tiny.yaml');
    writeFileSync(
      scenario,
      'name: tiny\nreplicates: 3\npopulation: 60\nticks: 40\nburnIn: 10\nregions: 2\nsectors: [a, b]\n',
    );
    const printed = execFileSync('node', [CLI, 'run', scenario, '--out', join(dir, 'a'), '--workers', '1'], {
      encoding: 'utf8',
    });
    execFileSync('node', [CLI, 'run', scenario, '--out', join(dir, 'b'), '--workers', '2']);
    // the terminal gives the report's key numbers: the mean over runs.csv's runs, with its 95% CI
    const runs = readFileSync(join(dir, 'a', 'runs.csv'), 'utf8')
      .trim()
      .split('\n');
    const column = runs[0]!.split(',').indexOf('inno_product');
    const product = runs.slice(1).reduce((a, l) => a + Number(l.split(',')[column]), 0) / 3;
    expect(printed).toContain('survey window (the last 12 quarters), mean over 3 runs [95% CI]:');
    const line = /\n {2}product innovators \(share\) +([\d.]+) +\[([-\d.]+), ([-\d.]+)\]\n/.exec(printed);
    expect(line, printed).not.toBeNull();
    const decimals = line!.slice(1).map((x) => (x.split('.')[1] ?? '').length);
    expect(new Set(decimals).size).toBe(1); // the mean and its interval to the same decimals
    expect(Math.abs(Number(line![1]) - product)).toBeLessThanOrEqual(0.5 * 10 ** -decimals[0]! + 1e-12);
    expect(Number(line![2])).toBeLessThanOrEqual(Number(line![1]));
    expect(Number(line![3])).toBeGreaterThanOrEqual(Number(line![1]));
    for (const file of ['runs.csv', 'timeseries.csv', 'survey.csv']) {
      const a = readFileSync(join(dir, 'a', file), 'utf8');
      expect(a).toBe(readFileSync(join(dir, 'b', file), 'utf8'));
      const ids = a
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]!);
      expect(new Set(ids)).toEqual(new Set(['tiny/r001', 'tiny/r002', 'tiny/r003']));
      expect([...ids].sort()).toEqual(ids);
    }
    expect(readFileSync(join(dir, 'a', 'survey.csv'), 'utf8').split('\n')[0]).toBe(
      'run_id,scenario,replicate,seed,firm_id,sector,region,employees,age_years,lo_likert,sli_likert,dyn_likert,lo_true,sli_true,dyn_true,coop_any,coop_supplier,coop_customer,coop_competitor,coop_consultant,coop_university,coop_research,breadth,inno_product,inno_process,inno_org,inno_marketing,iss',
    );
  });

  it('refuses to write a different scenario into an existing output directory without --force', () => {
    const dir = scratchDir('run');
    const scenario = join(dir, 'tiny.yaml');
    writeFileSync(
      scenario,
      'name: tiny\nreplicates: 1\npopulation: 30\nticks: 20\nburnIn: 5\nregions: 1\nsectors: [a]\n',
    );
    execFileSync('node', [CLI, 'run', scenario, '--out', join(dir, 'o')]);
    const same = spawnSync('node', [CLI, 'run', scenario, '--out', join(dir, 'o')], { encoding: 'utf8' });
    expect(same.status).toBe(0); // the same run set resumes: nothing left to do
    expect(same.stdout).toMatch(/1 already done/);
    writeFileSync(
      scenario,
      'name: tiny\nreplicates: 1\npopulation: 31\nticks: 20\nburnIn: 5\nregions: 1\nsectors: [a]\n',
    );
    const other = spawnSync('node', [CLI, 'run', scenario, '--out', join(dir, 'o')], { encoding: 'utf8' });
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/different run set.*--force/);
    expect(other.stderr).toContain(
      'its scenario differs in population (30 there, 31 here); choose another --out',
    );
    // a folder written by a version whose scenarios lack a field this one has: the message says so
    const manifestFile = join(dir, 'o', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    delete manifest.scenario.outputs.exits;
    writeFileSync(
      manifestFile,
      JSON.stringify({ ...manifest, version: '0.0.9', gitCommit: 'abcdef0123456789' }),
    );
    const older = spawnSync('node', [CLI, 'run', scenario, '--out', join(dir, 'o')], { encoding: 'utf8' });
    expect(older.status).toBe(2);
    expect(older.stderr).toContain(
      'its scenario differs in population (30 there, 31 here), outputs.exits (absent there, true here); it was written by smesim 0.0.9 (abcdef01), whose scenarios lack fields this version has; choose another --out, or add --force',
    );
    const forced = spawnSync('node', [CLI, 'run', scenario, '--out', join(dir, 'o'), '--force'], {
      encoding: 'utf8',
    });
    expect(forced.status).toBe(0);
  });

  it('exits 2 with file and line for a bad scenario, writing nothing', () => {
    const dir = scratchDir('run');
    const scenario = join(dir, 'bad.yaml');
    writeFileSync(scenario, 'name: bad\npopulation: -5\n');
    const r = spawnSync('node', [CLI, 'run', scenario, '--out', join(dir, 'o')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${scenario}:2:13: population`);
    expect(existsSync(join(dir, 'o'))).toBe(false);
  });

  it('exits 2 with one clear line, not a stack trace, for an output folder that cannot be used', () => {
    const dir = scratchDir('run');
    const scenario = join(dir, 'tiny.yaml');
    writeFileSync(
      scenario,
      'name: tiny\nreplicates: 1\npopulation: 30\nticks: 20\nburnIn: 5\nregions: 1\nsectors: [a]\n',
    );
    writeFileSync(join(dir, 'afile'), 'in the way\n');
    const onFile = spawnSync('node', [CLI, 'run', scenario, '--out', join(dir, 'afile')], {
      encoding: 'utf8',
    });
    expect(onFile.status).toBe(2);
    expect(onFile.stderr).toBe(
      `error: cannot use ${join(dir, 'afile')} as the output folder: it is a file, not a folder; choose another --out\n`,
    );
    execFileSync('node', [CLI, 'run', scenario, '--out', join(dir, 'o'), '--no-report']);
    const under = spawnSync('node', [CLI, 'merge', join(dir, 'o'), '--out', join(dir, 'afile', 'sub')], {
      encoding: 'utf8',
    });
    expect(under.status).toBe(2);
    expect(under.stderr).toBe(
      `error: cannot use ${join(dir, 'afile', 'sub')} as the output folder: ${join(dir, 'afile')} is a file, not a folder; choose another --out\n`,
    );
    const bad = spawnSync('node', [CLI, 'run', scenario, '--workers', '0'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      "error: option '-w, --workers <n>' argument '0' is invalid. --workers must be a whole number of at least 1 (got '0')\n(add --help for the options and examples)\n",
    );
  });
});

describe('smesim compare (built CLI)', () => {
  it('says when a scenario has other firms than the baseline (population, regions, sectors), on the terminal and in the report', () => {
    const dir = scratchDir('cmp');
    const base = 'replicates: 2\nticks: 30\nburnIn: 10\nregions: 2\nsectors: [a, b]\n';
    writeFileSync(join(dir, 'base.yaml'), `name: base\npopulation: 60\n${base}`);
    writeFileSync(
      join(dir, 'same.yaml'),
      `name: same\npopulation: 60\n${base}policies:\n  training:\n    start: 12\n`,
    );
    writeFileSync(join(dir, 'bigger.yaml'), `name: bigger\npopulation: 70\n${base}`);
    const r = spawnSync(
      'node',
      [
        CLI,
        'compare',
        join(dir, 'base.yaml'),
        join(dir, 'same.yaml'),
        join(dir, 'bigger.yaml'),
        '--out',
        join(dir, 'out'),
        '--workers',
        '1',
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "bigger.yaml differs from the baseline in population (70 against 60): its firms are not the baseline's",
    );
    expect(r.stderr).not.toContain('same.yaml differs');
    // and the report does not claim that every gap between the scenarios' lines comes from a policy
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain(
      'but bigger has other firms than the baseline (population, regions or sectors differ), so its gaps come from that too',
    );
    expect(html).not.toContain('all scenarios share their worlds');
  });

  it('--dry-run prints runs, wall time and a disk estimate within a factor of two of what the run writes, and writes nothing', () => {
    const dir = scratchDir('dry');
    writeFileSync(
      join(dir, 's.yaml'),
      'name: s\npopulation: 200\nticks: 60\nburnIn: 20\nreplicates: 2\nregions: 2\nsectors: [a, b]\n',
    );
    const out = join(dir, 'out');
    /** A dry run's output and its disk estimate in bytes. */
    const dryRun = (...extra: string[]) => {
      const r = spawnSync(
        'node',
        [CLI, 'run', join(dir, 's.yaml'), '--out', out, '--workers', '1', '--dry-run', ...extra],
        { encoding: 'utf8' },
      );
      const found = /disk: roughly .* per run, ([\d.]+) (B|kB|MB|GB) in all/.exec(r.stdout);
      expect(found, r.stdout).not.toBeNull();
      return { r, bytes: Number(found![1]) * { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[found![2] as 'B']! };
    };
    const { r: dry, bytes: estimate } = dryRun('--no-report');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('s: 2 replicates = 2 runs');
    expect(dry.stdout).toMatch(/estimated wall time on 1 worker\(s\): [\d.]+ (s|min|h)/);
    // the memory figure comes from the declaration of firm state: 200 firms × its bytes per firm
    const perFirm = firmStateBytes(
      makeScenario({ population: 200, ticks: 60, burnIn: 20, regions: 2, sectors: ['a', 'b'] }),
    );
    expect(dry.stdout).toContain(
      `memory: the firm state takes ${((200 * perFirm) / 1e3).toFixed(0)} kB per run`,
    );
    expect(dry.stdout).toContain(`(${perFirm} bytes per firm)`);
    expect(existsSync(out)).toBe(false);
    expect(
      spawnSync('node', [CLI, 'run', join(dir, 's.yaml'), '--out', out, '--workers', '1', '--no-report'], {
        encoding: 'utf8',
      }).status,
    ).toBe(0);
    const size = (f: string) => statSync(f).size;
    const written =
      readdirSync(out)
        .filter((f) => f.endsWith('.csv'))
        .reduce((a, f) => a + size(join(out, f)), 0) +
      readdirSync(join(out, 'runs')).reduce((a, f) => a + size(join(out, 'runs', f)), 0);
    expect(estimate / written).toBeGreaterThan(0.5);
    expect(estimate / written).toBeLessThan(2);
    // exits written from quarter 40 on only: a smaller estimate, by the exits of the quarters left out
    expect(dryRun('--no-report', '--set', 'outputs.exitsFrom=40').bytes).toBeLessThan(0.9 * estimate);
    // with its report (Plotly inlined, about 5 MB)
    expect(dryRun().bytes).toBeGreaterThan(estimate + 4e6);
  });

  it("notes what makes a compare less than like for like: another number of quarters, or a file's own replicates that give way to the baseline's", () => {
    const dir = scratchDir('cmpnote');
    const base = 'population: 40\nburnIn: 5\nregions: 2\nsectors: [a]\n';
    writeFileSync(join(dir, 'base.yaml'), `name: base\nticks: 20\nreplicates: 2\n${base}`);
    writeFileSync(join(dir, 'long.yaml'), `name: long\nticks: 30\nreplicates: 5\n${base}`);
    const run = (...extra: string[]) =>
      spawnSync(
        'node',
        [
          CLI,
          'compare',
          join(dir, 'base.yaml'),
          join(dir, 'long.yaml'),
          '--out',
          join(dir, `out${extra.length}`),
          '--workers',
          '1',
          '--no-report',
          ...extra,
        ],
        { encoding: 'utf8' },
      );
    const plain = run();
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stderr).toContain("long.yaml runs with seed 20261123 and 2 replicates (the baseline's)");
    expect(plain.stderr).toContain(
      'long.yaml differs from the baseline in ticks (30 against 20): its survey covers other quarters',
    );
    const overridden = run('--replicates', '2');
    expect(overridden.status, overridden.stderr).toBe(0);
    expect(overridden.stderr).not.toContain("(the baseline's)"); // --replicates sets them for every file
    expect(overridden.stderr).toContain('differs from the baseline in ticks (30 against 20)');
  });

  it('says that one replicate gives no confidence interval instead of printing NaN', () => {
    const dir = scratchDir('cmp1');
    const base = 'population: 40\nticks: 20\nburnIn: 5\nregions: 2\nsectors: [a]\n';
    writeFileSync(join(dir, 'base.yaml'), `name: base\n${base}`);
    writeFileSync(join(dir, 'train.yaml'), `name: train\n${base}policies:\n  training:\n    start: 6\n`);
    const r = spawnSync(
      'node',
      [
        CLI,
        'compare',
        join(dir, 'base.yaml'),
        join(dir, 'train.yaml'),
        '--replicates',
        '1',
        '--out',
        join(dir, 'out'),
        '--workers',
        '1',
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('NaN');
    expect(r.stdout).toMatch(/coop_any .* n\/a\n/);
    expect(r.stdout).toContain('One replicate gives no confidence interval');
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('One replicate gives no confidence interval');
    expect(html).toContain('1 replicate each');
    expect(html).toContain('One run per scenario (a single replicate, so no bands)');
    expect(readFileSync(join(dir, 'out', 'base', 'report.html'), 'utf8')).toContain('one run, so no bands');
    expect(readFileSync(join(dir, 'out', 'compare.csv'), 'utf8').split('\n')[1]).toMatch(
      /,NaN,NaN,NaN,NaN,NaN$/,
    ); // diff_sd, CI, p, detectable: not estimable
  });
});
