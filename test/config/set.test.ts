import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, loadScenarioFile } from '../../sim/config/load.js';
import { shellQuote } from '../../scripts/commands/basics.js';
import { setArgs } from '../../scripts/commands/common.js';
import { tinyScenario } from '../run/helpers.js';
import { scratchDir } from '../scratch.js';

const CLI = join('dist', 'scripts', 'cli.js');
const BASELINE = join('scenarios', 'baseline.yaml');

/** The problems of a scenario that cannot be loaded, as printed. */
function problems(sets: string[], file = BASELINE): string[] {
  try {
    loadScenarioFile(file, sets);
  } catch (err) {
    if (err instanceof ScenarioError) return err.message.split('\n');
    throw err;
  }
  throw new Error('loaded without a problem');
}

describe('--set path=value: a scenario field overridden from the command line', () => {
  it('reads the value as YAML at the dotted path, on top of the file and what it extends; a later --set wins', () => {
    const plain = loadScenarioFile(join('scenarios', 'validation.yaml'));
    const {
      scenario: s,
      files,
      sets,
    } = loadScenarioFile(join('scenarios', 'validation.yaml'), [
      'sli.convergenceRate=2.2',
      'population=300',
      'population=400',
      'policies.training={start: 80, share: 0.3, amount: 0.2}',
      'sectors=[a, b]',
      'sli.lockIn=false',
    ]);
    expect(s.sli.convergenceRate).toBe(2.2);
    expect(s.population).toBe(400);
    expect(s.policies.training).toMatchObject({ start: 80, share: 0.3, amount: 0.2 });
    expect(s.sectors).toEqual(['a', 'b']);
    expect(s.sli.lockIn).toBe(false);
    expect(s.sli.switchingCost).toBe(plain.scenario.sli.switchingCost); // the rest of the group is the file's
    expect(s.replicates).toBe(plain.scenario.replicates);
    expect(files).toEqual(plain.files); // files stay files; the overrides are listed apart
    expect(sets).toHaveLength(6);
  });

  it('reports a bad override like a bad line of a file, naming the --set instead of a line', () => {
    expect(problems(['sli.convergenceRat=2', 'population=abc'])).toEqual([
      "--set population=abc: population: expected a whole number (got 'abc'); write a whole number without quotes, e.g. 1000",
      "--set sli.convergenceRat=2: sli.convergenceRat: is not a field (got 'convergenceRat'); did you mean 'convergenceRate'? Otherwise remove it (`smesim describe` lists every field).",
    ]);
    expect(problems(['sli.costSaving=5'])[0]).toBe(
      '--set sli.costSaving=5: sli.costSaving: must be at most 1 (got 5); use a value from 0 to 1 (share of revenue); for 5% write 0.05',
    );
    expect(problems(['population'])[0]).toMatch(
      /^--set population: expected a field's dotted path, '=' and a value \(got 'population'\); write e\.g\. --set sli\.convergenceRate=2\.2/,
    );
    expect(problems(['sli..x=1'])[0]).toMatch(/^--set sli\.\.x=1: expected a field's dotted path/);
    expect(problems(['name=a: b'])[0]).toMatch(
      /^--set name=a: b: name: the value cannot be read \(got 'a: b'\); put text that holds ': '/,
    );
    expect(problems(['population=5\nticks: 3']).join('\n')).toMatch(
      /^--set population=5\nticks: 3: population: the value cannot be read/,
    ); // a line break cannot add a field
    expect(problems(['extends=other.yaml'])[0]).toMatch(
      /^--set extends=other\.yaml: extends: cannot be set from the command line/,
    );
    // a problem of the file itself still points at its line
    const { file } = tinyScenario('surveyWindow: -1\n');
    expect(problems(['ticks=50'], file)).toEqual([expect.stringMatching(/tiny\.yaml:8:\d+: surveyWindow: /)]);
  });

  it('picks an element of a list the scenario has by its number, counting from 0 as problems name it', () => {
    const file = join('scenarios', 'dynamism-shock.yaml');
    const plain = loadScenarioFile(file).scenario;
    const { scenario: s } = loadScenarioFile(file, [
      'dynamism.shocks.0.magnitude=0.9',
      'dynamism.shocks.0.sectors.1=food-drink',
      'outputs.snapshots.0=140',
    ]);
    expect(s.dynamism.shocks).toEqual([
      { ...plain.dynamism.shocks[0], magnitude: 0.9, sectors: ['metal-products', 'food-drink'] },
    ]);
    expect(s.outputs.snapshots).toEqual([140]);
    expect(s.dynamism.schedule).toBe(plain.dynamism.schedule); // the rest of the group is the file's
    // a whole element, then a field of it
    const both = loadScenarioFile(file, [
      'dynamism.shocks.0={tick: 120, magnitude: 0.5}',
      'dynamism.shocks.0.tick=130',
    ]).scenario;
    expect(both.dynamism.shocks).toEqual([{ tick: 130, magnitude: 0.5, demandLoss: 0 }]);
    expect(problems(['dynamism.shocks.1.tick=120'], file)).toEqual([
      "--set dynamism.shocks.1.tick=120: dynamism.shocks.1.tick: the list has 1 element, number 0, so there is no element 1; to add one, set the whole list (got '120')",
    ]);
    expect(problems(['sli.0=1'], file)[0]).toMatch(
      /^--set sli\.0=1: sli: is not a list in this scenario \(got .*\), so '0' picks nothing; set the whole field instead/,
    );
    expect(problems(['dynamism.shocks.0.sectors.0=metals'], file)[0]).toMatch(
      /^--set dynamism\.shocks\.0\.sectors\.0=metals: dynamism\.shocks\.0\.sectors: unknown sector \(got 'metals'\)/,
    );
    expect(problems(['dynamism.shocks.0.magnitude=2'], file)[0]).toMatch(
      /^--set dynamism\.shocks\.0\.magnitude=2: dynamism\.shocks\.0\.magnitude: must be at most 1 \(got 2\)/,
    );
    // the --set holds a copy of the whole list, but a mistake in another field of the element is the file's
    const child = join(scratchDir('set-element'), 'child.yaml');
    writeFileSync(
      child,
      `extends: ${resolve(file)}\ndynamism:\n  shocks:\n    - tick: 150\n      magnitude: 0.5\n      sectors: [metals]\n`,
    );
    expect(problems(['dynamism.shocks.0.magnitude=0.9'], child)).toEqual([
      expect.stringMatching(
        /^.*child\.yaml:6:16: dynamism\.shocks\.0\.sectors: unknown sector \(got 'metals'\); did you mean 'metal-products'\?/,
      ),
    ]);
    // ... and a list set whole by --set is the --set's, even where a file's list had the field
    expect(problems(['dynamism.shocks=[{tick: 5}]'], file)).toEqual([
      '--set dynamism.shocks=[{tick: 5}]: dynamism.shocks.0.magnitude: is required (got nothing); add it as a number',
    ]);
    expect(problems(['0.tick=1'])[0]).toMatch(/^--set 0\.tick=1: expected a field's dotted path/);
  });

  it('on the CLI: check exits 2 naming the override, and a run records its overrides with the files (report footer, manifest)', () => {
    const bad = spawnSync('node', [CLI, 'check', BASELINE, '--set', 'sli.convergenceRate=fast'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(
      /^error: --set sli\.convergenceRate=fast: sli\.convergenceRate: expected a number/,
    );
    const compare = spawnSync(
      'node',
      [
        CLI,
        'compare',
        BASELINE,
        join('scenarios', 'training-programme.yaml'),
        '--set',
        'population=-1',
        '--out',
        join(tinyScenario().dir, 'c'),
      ],
      { encoding: 'utf8' },
    );
    expect(compare.status).toBe(2); // every scenario of a comparison gets the override, and is refused before any run
    expect(compare.stderr.match(/--set population=-1: population: /g)).toHaveLength(1); // the same problem in both files, said once
    const pair = tinyScenario('', 2);
    writeFileSync(join(pair.dir, 'policy.yaml'), 'extends: tiny.yaml\nname: tiny-policy\n');
    const compared = spawnSync(
      'node',
      [
        CLI,
        'compare',
        pair.file,
        join(pair.dir, 'policy.yaml'),
        '--set',
        'population=60',
        '--out',
        join(pair.dir, 'c'),
        '--workers',
        '1',
      ],
      { encoding: 'utf8' },
    );
    expect(compared.status, compared.stderr).toBe(0);
    for (const name of ['tiny', 'tiny-policy']) {
      const m = JSON.parse(readFileSync(join(pair.dir, 'c', name, 'manifest.json'), 'utf8'));
      expect([m.scenario.population, m.scenarioFiles[0]]).toEqual([60, '--set population=60']);
    }
    const ok = spawnSync('node', [CLI, 'check', BASELINE, '--set', 'population=300'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(
      /with --set population=300: 'baseline': \d+ runs \(\d+ replicates\) of 300 firms/,
    );
    const { dir, file } = tinyScenario('', 2);
    const out = join(dir, 'o');
    const run = (value: string) =>
      spawnSync(
        'node',
        [CLI, 'run', file, '--set', `sli.convergenceRate=${value}`, '--out', out, '--workers', '1'],
        { encoding: 'utf8' },
      );
    expect(run('2.2').status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.scenarioFiles).toEqual(['--set sli.convergenceRate=2.2', file]);
    expect(manifest.scenario.sli.convergenceRate).toBe(2.2);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
      '<code>--set sli.convergenceRate=2.2</code> → <code>',
    );
    // another value is another run set: refused in the same folder, as a changed file would be
    const other = run('2.3');
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(
      /holds a different run set .*: its scenario differs in sli\.convergenceRate \(2\.2 there, 2\.3 here\)/,
    );
    expect(existsSync(join(out, 'runs'))).toBe(true);
  });

  it('validate-model builds its variants on the overridden scenario and records the override in every run set', () => {
    const { dir } = tinyScenario();
    const out = join(dir, 'v');
    const r = spawnSync(
      'node',
      [
        CLI,
        'validate-model',
        '--targets',
        'T8-rising',
        '--replicates',
        '2',
        '--population',
        '200',
        '--set',
        'sli.convergenceRate=2.1',
        '--out',
        out,
        '--workers',
        '1',
      ],
      { encoding: 'utf8' },
    );
    expect([0, 1]).toContain(r.status);
    for (const set of [out, join(out, 'variants', 'ablation-rising')]) {
      const manifest = JSON.parse(readFileSync(join(set, 'manifest.json'), 'utf8'));
      expect(manifest.scenarioFiles[0]).toBe('--set sli.convergenceRate=2.1');
      expect(manifest.scenario.sli.convergenceRate).toBe(2.1);
    }
    expect(
      JSON.parse(readFileSync(join(out, 'variants', 'ablation-rising', 'manifest.json'), 'utf8')).scenario.sli
        .proposalSlope,
    ).toBe(0);
  });

  it('prints the overrides back, quoted for a shell where needed, in the command that resumes a run set', () => {
    expect(setArgs(['population=300', "name=it's mine", 'policies.training={start: 80}'])).toBe(
      " --set population=300 --set 'name=it'\\''s mine' --set 'policies.training={start: 80}'",
    );
    expect(setArgs(undefined)).toBe('');
    expect(['out/a-b', 'my file.yaml', 'x;rm', ''].map(shellQuote)).toEqual([
      'out/a-b',
      "'my file.yaml'",
      "'x;rm'",
      "''",
    ]);
  });
});
