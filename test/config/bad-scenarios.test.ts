import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, formatProblem, loadScenarioFile, shownPath } from '../../sim/config/load.js';
import { scenarioSchema } from '../../sim/config/scenario.js';
import { scratchDir } from '../scratch.js';

const DIR = join('test', 'fixtures', 'bad-scenarios');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** Each fixture's first line says which line must be reported and with what message fragment. */
function expectation(file: string): { line: number; fragment: string } {
  const m = /^# expect line (\d+): (.*)$/.exec(readFileSync(join(DIR, file), 'utf8').split('\n')[0]!);
  if (!m) throw new Error(`${file} has no '# expect line N: …' header`);
  return { line: Number(m[1]), fragment: m[2]! };
}

describe('bad scenario files', () => {
  it('has a corpus of at least 30 broken files', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of files) {
    it(`${file}: reports the problem at its line with file name and a fix`, () => {
      const { line, fragment } = expectation(file);
      let error: unknown;
      try {
        loadScenarioFile(join(DIR, file));
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ScenarioError);
      const problems = (error as ScenarioError).problems;
      const hit = problems.find((p) => p.line === line && formatProblem(p).includes(fragment));
      expect(hit, `problems were:\n${problems.map(formatProblem).join('\n')}`).toBeDefined();
      expect(formatProblem(hit!)).toMatch(
        new RegExp(`^test/fixtures/bad-scenarios/[\\w-]+\\.yaml:${line}:\\d+: `),
      );
    });
  }

  it('reports every problem of a file at once', () => {
    try {
      loadScenarioFile(join('test', 'fixtures', 'many-problems.yaml'));
      expect.unreachable();
    } catch (err) {
      expect((err as ScenarioError).problems.length).toBeGreaterThanOrEqual(5);
    }
  });

  it('names a missing file', () => {
    expect(() => loadScenarioFile('no/such/scenario.yaml')).toThrow(
      /^no\/such\/scenario\.yaml: cannot read the file/,
    );
    expect(() => loadScenarioFile('scenarios')).toThrow(
      /^scenarios: cannot read the file \(got path .*\); it is a folder, not a file; give a scenario YAML file inside it$/,
    );
  });

  it('suggests the scenario files that were probably meant, or says that the folder is missing', () => {
    const msg = (path: string): string => {
      try {
        loadScenarioFile(path);
      } catch (err) {
        return (err as Error).message;
      }
      return expect.unreachable();
    };
    expect(msg('scenarios/basline.yaml')).toMatch(
      /the file exists; did you mean 'scenarios\/baseline\.yaml'\?$/,
    );
    expect(msg('scenarios/baseline')).toMatch(/did you mean 'scenarios\/baseline\.yaml'\?$/);
    expect(msg('scenarios/cooperation-subsidy.yaml')).toMatch(
      /did you mean 'scenarios\/cooperation-subsidy-demand-led\.yaml' or 'scenarios\/cooperation-subsidy-supply-led\.yaml'\?$/,
    );
    expect(msg('scenarios/zzz.yaml')).toMatch(/check the path and that the file exists$/);
    expect(msg('no/such/scenario.yaml')).toMatch(
      /the file exists; the folder 'no\/such' does not exist either$/,
    );
  });

  it('points an example copied out of scenarios/ back to the scenario it extends, and spots a typo in extends', () => {
    const dir = scratchDir('extends');
    const copy = join(dir, 'my-training.yaml');
    copyFileSync(join('scenarios', 'training-programme.yaml'), copy); // extends: baseline.yaml, which is not beside it
    expect(() => loadScenarioFile(copy)).toThrow(
      `to build on smesim's own baseline.yaml, write extends: ${resolve('scenarios', 'baseline.yaml')}`,
    );
    copyFileSync(join('scenarios', 'baseline.yaml'), join(dir, 'base.yaml'));
    writeFileSync(copy, 'extends: bse.yaml\npopulation: 200\n');
    expect(() => loadScenarioFile(copy)).toThrow(
      /extends: no such file \(got 'bse\.yaml', .*\); the path is relative to this file's folder; did you mean 'base\.yaml'\?$/,
    );
    // the file it builds on is named relative to the working folder, or absolute when that is shorter
    expect(loadScenarioFile(join('scenarios', 'training-programme.yaml')).files).toEqual([
      join('scenarios', 'training-programme.yaml'),
      join('scenarios', 'baseline.yaml'),
    ]);
    expect(shownPath('/home/ana/scenarios/base.yaml', '/home/ana/work')).toBe('../scenarios/base.yaml');
    expect(shownPath('/opt/smesim/scenarios/baseline.yaml', '/home/ana/work')).toBe(
      '/opt/smesim/scenarios/baseline.yaml',
    ); // not ../../../opt/…
  });

  it('quotes at most about 80 characters of a bad value, and never a whole file that is no scenario', () => {
    const dir = scratchDir('quotes');
    const file = join(dir, 'long.yaml');
    writeFileSync(file, `name: long\nextends: ../../etc/passwd\nstart: ${'x'.repeat(300)}\n`);
    let message = '';
    try {
      loadScenarioFile(file);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toContain('x'.repeat(81));
    const notScenario = join(dir, 'extends-text.yaml');
    writeFileSync(notScenario, `name: t\nextends: ${resolve(DIR, '..', 'not-a-scenario.txt')}\n`);
    try {
      loadScenarioFile(notScenario);
      expect.unreachable();
    } catch (err) {
      const problems = (err as ScenarioError).problems;
      expect(problems.map(formatProblem)).toEqual([
        expect.stringMatching(
          /extends-text\.yaml:2:10: extends: '.*not-a-scenario\.txt' is not a scenario file/,
        ),
      ]);
      expect(formatProblem(problems[0]!).length).toBeLessThan(300);
    }
  });

  it('locates a mistake in the file whose list is used, not in a parent list element of the same number', () => {
    const dir = scratchDir('extends-list');
    const child = join(dir, 'my-shock.yaml');
    // the parent's shock 0 has a magnitude (scenarios/dynamism-shock.yaml line 21); this file's list replaces it
    writeFileSync(
      child,
      `extends: ${resolve('scenarios', 'dynamism-shock.yaml')}\nname: my-shock\ndynamism:\n  shocks:\n    - tick: 150\n      domains: [process]\n`,
    );
    try {
      loadScenarioFile(child);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const text = (e as ScenarioError).problems.map(formatProblem).join('\n');
      expect(text).toMatch(/my-shock\.yaml:5:7: dynamism\.shocks\.0\.magnitude: is required/);
      expect(text).not.toContain('dynamism-shock.yaml');
    }
    // a group is merged field by field: a mistake in a list the child does not replace is the parent's
    writeFileSync(join(dir, 'parent.yaml'), 'dynamism:\n  shocks:\n    - tick: 10\n      magnitude: 2\n');
    writeFileSync(child, 'extends: parent.yaml\ndynamism:\n  level: 0.7\n');
    expect(() => loadScenarioFile(child)).toThrow(
      /parent\.yaml:4:18: dynamism\.shocks\.0\.magnitude: must be at most 1 \(got 2\)/,
    );
  });

  it('names mistakes in single fields and between fields in one round, judging a rule only on valid fields', () => {
    const dir = scratchDir('cross-field');
    const problems = (text: string) => {
      const file = join(dir, 'x.yaml');
      writeFileSync(file, text);
      try {
        loadScenarioFile(file);
      } catch (err) {
        return (err as ScenarioError).problems.map((p) => `${p.line}: ${p.path}: ${p.message}`);
      }
      return [];
    };
    // a wrong share and a start after the end, both at once
    const both = problems('ticks: 100\npolicies:\n  training:\n    start: 150\n    share: 2\n');
    expect(both).toHaveLength(2);
    expect(both[0]).toMatch(
      /^4: policies\.training\.start: is after the run's last quarter \(got 150 with ticks = 100/,
    );
    expect(both[1]).toMatch(/^5: policies\.training\.share: /);
    // a rule that reads a wrong field stays silent: only the field's own mistake is named
    expect(problems('ticks: many\npolicies:\n  training: {start: 150}\n')).toEqual([
      expect.stringMatching(/^1: ticks: /),
    ]);
    expect(problems('ticks: 50\nburnIn: -1\nsurveyWindow: 80\n')).toEqual([
      expect.stringMatching(/^2: burnIn: /),
      expect.stringMatching(/^3: surveyWindow: is longer than the run \(got 80 with ticks = 50\)/),
    ]);
    // a broken shock, and another with a wrong magnitude whose quarter is after the end and whose sector is unknown
    const shocks = problems(
      'dynamism:\n  shocks:\n    - null\n    - {tick: 300, magnitude: 5, sectors: [food]}\n',
    );
    expect(shocks).toEqual([
      expect.stringMatching(/^3: dynamism\.shocks\.0: /),
      expect.stringMatching(
        /^4: dynamism\.shocks\.1\.tick: is after the run's last quarter \(got 300 with ticks = 200/,
      ), // in the order of the line
      expect.stringMatching(/^4: dynamism\.shocks\.1\.magnitude: must be at most 1 \(got 5\)/),
      expect.stringMatching(
        /^4: dynamism\.shocks\.1\.sectors: unknown sector \(got 'food'\); did you mean 'food-drink'\?/,
      ),
    ]);
    // what is not a group of fields at all gets that one issue (the rules between fields do not trip over it)
    for (const value of [
      null,
      'x',
      [],
      5,
      { dynamism: { shocks: [null, 5] } },
      { policies: null, outputs: null },
    ])
      expect(scenarioSchema.safeParse(value).success).toBe(false);
    // an unknown field does not silence the rules about its neighbours
    expect(problems('firms:\n  sizeMin: 100\n  sizeMax: 50\n  sizeMean: 20\n')).toEqual([
      expect.stringMatching(/^2: firms\.sizeMin: exceeds sizeMax/),
      expect.stringMatching(/^4: firms\.sizeMean: is not a field/),
    ]);
  });

  it('makes the CLI exit with code 2 and create no output directory, for every broken file', () => {
    const root = scratchDir('bad');
    for (const file of files) {
      const out = join(root, file);
      const r = spawnSync(
        'node',
        [join('dist', 'scripts', 'cli.js'), 'run', join(DIR, file), '--out', out, '--workers', '1'],
        { encoding: 'utf8' },
      );
      expect(r.status, `${file}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(file);
      expect(existsSync(out), file).toBe(false);
    }
  });
});
