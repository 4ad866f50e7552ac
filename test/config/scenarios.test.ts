import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deepMerge } from '../../sim/config/data.js';
import { loadScenarioFile } from '../../sim/config/load.js';
import { paramIndex } from '../../sim/config/paramIndex.js';
import { parametersBySymbol as bySymbol } from '../../sim/config/symbols.js';
import { scenarioJsonSchema, scenarioReadme } from '../../scripts/commands/describe.js';
import { sliSchema } from '../../sim/config/params.js';
import { scratchDir } from '../scratch.js';

const GAMMA = sliSchema.parse({}).convergenceRate;

const CLI = join('dist', 'scripts', 'cli.js');
const cli = (...args: string[]) => spawnSync('node', [CLI, ...args], { encoding: 'utf8' });
const examples = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

describe('example scenarios and generated docs', () => {
  it('ships every example the analysts asked for, each valid, with a question and the schema reference', () => {
    for (const name of [
      'baseline',
      'validation',
      'stable-environment',
      'turbulent-environment',
      'dynamism-shock',
      'training-programme',
      'cooperation-subsidy-demand-led',
      'cooperation-subsidy-supply-led',
      'university-links',
      'supplier-diversity',
      'sweep-example',
    ]) {
      expect(examples).toContain(`${name}.yaml`);
    }
    const r = cli('check', ...examples.map((f) => join('scenarios', f)));
    expect(r.status, r.stderr).toBe(0);
    for (const f of examples) {
      const text = readFileSync(join('scenarios', f), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
      expect(text, f).toMatch(/^# Question: .+\?$/m);
    }
  });

  it('keeps scenarios/README.md equal to `smesim describe --markdown` (run `npm run docs` after schema changes)', () => {
    expect(readFileSync(join('scenarios', 'README.md'), 'utf8')).toBe(scenarioReadme());
    expect(cli('describe', '--markdown').stdout).toBe(scenarioReadme());
  });

  it('keeps scenarios/scenario.schema.json equal to the schema (run `npm run docs` after schema changes)', () => {
    expect(readFileSync(join('scenarios', 'scenario.schema.json'), 'utf8')).toBe(scenarioJsonSchema());
    const schema = JSON.parse(scenarioJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.sli.properties.convergenceRate.default).toBe(GAMMA);
  });

  it('describes a parameter, and suggests the right name for a wrong one', () => {
    const ok = cli('describe', 'sli.convergenceRate');
    expect(ok.stdout).toContain(`default: ${GAMMA}`);
    expect(ok.stdout).toMatch(/range: 0 … 10/);
    const bad = cli('describe', 'sli.convergenceRat');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/did you mean 'sli\.convergenceRate'/);
    // a field named without its group: every field or group of that name
    const short = cli('describe', 'convergenceRate');
    expect(short.status).toBe(0);
    expect(short.stdout).toMatch(/^sli\.convergenceRate\n/);
    expect(short.stdout).toContain(`default: ${GAMMA}`);
    expect(cli('describe', 'training').stdout).toMatch(
      /^policies\.training \(group\)[\s\S]*\npolicies\.training\.share\n/,
    );
    expect(cli('describe', 'cost').stdout.match(/^partners\.\w+\.cost$/gm)).toHaveLength(6);
    // and such a name misspelt: the name it probably is, with where it lives
    expect(cli('describe', 'trainig').stderr).toContain(
      "'trainig' is not a parameter; did you mean 'training' (policies.training)?",
    );
    expect(cli('describe', 'strat').stderr).toContain(
      "did you mean 'start' (dynamism.start, policies.training.start, policies.cooperationSubsidy.start, policies.supplierDiversity.start)?",
    );
  });

  it('describes the fields of a list element (a shock, a swept parameter), by name, by number or under the list', () => {
    const magnitude = cli('describe', 'magnitude');
    expect(magnitude.status).toBe(0);
    expect(magnitude.stdout).toMatch(/^dynamism\.shocks\[\]\.magnitude\n/);
    expect(magnitude.stdout).toContain('required in every element of the list');
    // the path --set and sweeps use, with the element's number
    expect(cli('describe', 'dynamism.shocks.0.magnitude').stdout).toBe(magnitude.stdout);
    const shocks = cli('describe', 'dynamism.shocks').stdout;
    expect(shocks.match(/^dynamism\.shocks\[\]\.\w+$/gm)).toEqual(
      ['tick', 'sectors', 'magnitude', 'demandLoss', 'domains'].map((f) => `dynamism.shocks[].${f}`),
    );
    expect(shocks).toMatch(/dynamism\.shocks\[\]\.demandLoss\n.*\n.*\n {2}default: 0\n/);
    expect(shocks.match(/required in every element/g)).toHaveLength(2); // tick and magnitude
    expect(cli('describe', 'sweep.parameters').stdout).toMatch(
      /^sweep\.parameters\[\]\.name\n[\s\S]*required/m,
    );
    expect(cli('describe', 'sweep.design').stdout).toContain('required whenever `sweep` is written');
    expect(scenarioReadme()).toMatch(
      /^\| `dynamism\.shocks\[\]\.tick` \| required \| 0 … 100000 \| quarter \|/m,
    );
    // the paths a scenario can name are unchanged: no `[]` among them
    expect([...paramIndex().keys()].filter((k) => k.includes('['))).toEqual([]);
  });

  it('finds a parameter by its symbol in docs/ODD.md, spelled in Greek letters or by name', () => {
    const parametersBySymbol = (name: string) => bySymbol(name, paramIndex().values());
    expect(parametersBySymbol('gamma')).toEqual(['sli.convergenceRate']);
    expect(parametersBySymbol('sli.γ')).toEqual(['sli.convergenceRate']);
    expect(parametersBySymbol('omega_D')).toEqual(['sli.dynamismShield']);
    expect(parametersBySymbol('omega')).toEqual(['sli.convergenceLOShield']);
    expect(parametersBySymbol('p_s1')).toEqual(['sli.proposalSlope']);
    expect(parametersBySymbol('K')).toEqual(['landscape.K']);
    expect(parametersBySymbol('k')).toEqual(['sli.depthExponent']);
    expect(parametersBySymbol('c_0')).toEqual(['market.unitCost']);
    expect(parametersBySymbol('C0').sort()).toEqual(['market.unitCost', 'portfolio.capacityBase']);
    expect(parametersBySymbol('convergenceRate')).toEqual([]);
    expect(parametersBySymbol('epsilon')).toEqual(['search.sizeElasticity']);
    expect(parametersBySymbol('zeta')).toEqual([]);
    // every symbol ODD.md's parameter table uses for a scenario parameter is found
    for (const name of [
      'rho',
      'kappa',
      'psi',
      'mu',
      'theta',
      'lambda',
      'sigma',
      'eta',
      'iota',
      'alpha',
      'beta',
      'R',
    ])
      expect(parametersBySymbol(name), name).toHaveLength(1);
    const gamma = cli('describe', 'sli.gamma');
    expect(gamma.status).toBe(0);
    expect(gamma.stdout).toMatch(/^sli\.convergenceRate\n {2}γ: /);
    expect(cli('describe', 'C0').stdout.match(/^\S+$/gm)).toEqual([
      'portfolio.capacityBase',
      'market.unitCost',
    ]);
  });
});

describe('extends', () => {
  it('merges groups field by field, the child winning, and replaces lists', () => {
    expect(deepMerge({ a: 1, g: { x: 1, y: 2 }, l: [1, 2] }, { g: { y: 3 }, l: [9] })).toEqual({
      a: 1,
      g: { x: 1, y: 3 },
      l: [9],
    });
    const { scenario, files } = loadScenarioFile(join('scenarios', 'training-programme.yaml'));
    expect(files).toEqual([join('scenarios', 'training-programme.yaml'), join('scenarios', 'baseline.yaml')]);
    expect(scenario.seed).toBe(20261123); // from the baseline
    expect(scenario.policies.training?.share).toBe(0.3); // its own
  });
});

describe('defaults', () => {
  it('reads a dynamism block without a schedule as constant: shocks alone, or a level alone', () => {
    const dir = scratchDir('dyn');
    writeFileSync(
      join(dir, 'shock.yaml'),
      'name: s\ndynamism:\n  shocks:\n    - tick: 100\n      magnitude: 0.5\n',
    );
    writeFileSync(join(dir, 'level.yaml'), 'name: l\ndynamism:\n  level: 0.9\n');
    const shock = loadScenarioFile(join(dir, 'shock.yaml')).scenario.dynamism;
    expect(shock).toEqual({
      schedule: 'constant',
      level: 0.5,
      shocks: [{ tick: 100, magnitude: 0.5, demandLoss: 0 }],
    });
    expect(loadScenarioFile(join(dir, 'level.yaml')).scenario.dynamism).toEqual({
      schedule: 'constant',
      level: 0.9,
      shocks: [],
    });
  });

  it('runs an empty file on the defaults, but says so (on stderr; the exit code stays 0)', () => {
    const dir = scratchDir('empty');
    writeFileSync(join(dir, 'empty.yaml'), '# nothing here yet\n');
    writeFileSync(join(dir, 'one.yaml'), 'name: one\n');
    const r = cli('check', join(dir, 'empty.yaml'), join(dir, 'one.yaml'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ok: .*empty\.yaml: 'scenario'/);
    expect(r.stderr).toMatch(/note: .*empty\.yaml sets no field, so every value is its default/);
    expect(r.stderr).not.toMatch(/one\.yaml/);
    expect(loadScenarioFile(join(dir, 'empty.yaml'), ['population=300']).notes).toEqual([]);
  });
});

describe('resource guards', () => {
  it('refuses absurd sizes before running, naming the flag that lifts the guard', () => {
    const dir = scratchDir('guard');
    writeFileSync(join(dir, 'huge.yaml'), 'name: huge\npopulation: 20000000\n');
    const r = cli('run', join(dir, 'huge.yaml'), '--out', join(dir, 'o'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--allow-large/);
    writeFileSync(join(dir, 'many.yaml'), 'name: many\nreplicates: 500\n');
    const m = cli('run', join(dir, 'many.yaml'), '--out', join(dir, 'o'), '--max-runs', '100');
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/500 runs, more than --max-runs 100/);
    // check answers 'would this run?': it refuses what run refuses, lifted by the same flags
    writeFileSync(join(dir, 'long.yaml'), 'name: long\nticks: 10000000\n');
    const c = cli('check', join(dir, 'huge.yaml'), join(dir, 'many.yaml'), join(dir, 'long.yaml'));
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(
      /error: .*huge\.yaml: population 20000000 is over 10 million firms.*--allow-large/,
    );
    expect(c.stderr).toMatch(/error: .*long\.yaml: ticks 10000000 is over 100,000 quarters.*--allow-large/);
    expect(c.stderr).not.toMatch(/many\.yaml/);
    expect(cli('check', join(dir, 'huge.yaml'), join(dir, 'long.yaml'), '--allow-large').status).toBe(0);
    const runs = cli('check', join(dir, 'many.yaml'), '--max-runs', '100');
    expect(runs.status).toBe(2);
    expect(runs.stderr).toMatch(/500 runs, more than --max-runs 100/);
  });
});

describe('the analyst workflow', () => {
  it('copy an example, change two numbers, check it, compare it with the baseline, read differences with CIs', () => {
    const dir = scratchDir('analyst');
    cpSync('scenarios', join(dir, 'scenarios'), { recursive: true });
    const mine = join(dir, 'scenarios', 'my-training.yaml');
    const text = readFileSync(join(dir, 'scenarios', 'training-programme.yaml'), 'utf8')
      .replace('name: training-programme', 'name: my-training')
      .replace('share: 0.3 ', 'share: 0.6 ')
      .replace('amount: 0.25', 'amount: 0.4');
    writeFileSync(mine, text);
    // keep the test quick: a small population (the baseline gets the same through its own copy)
    for (const f of ['baseline.yaml']) {
      const p = join(dir, 'scenarios', f);
      writeFileSync(
        p,
        readFileSync(p, 'utf8')
          .replace('population: 1000', 'population: 150')
          .replace('ticks: 200 ', 'ticks: 120 '),
      );
    }
    expect(cli('check', mine).status).toBe(0);
    const out = join(dir, 'cmp');
    const r = cli(
      'compare',
      join(dir, 'scenarios', 'baseline.yaml'),
      mine,
      '--replicates',
      '3',
      '--out',
      out,
      '--workers',
      '1',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/my-training − baseline \(paired by replicate, n = 3/);
    const csv = readFileSync(join(out, 'compare.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(
      'policy,outcome,n,baseline_mean,policy_mean,diff_mean,diff_sd,ci_low,ci_high,p_value,detectable_diff',
    );
    const lo = csv.find((l) => l.startsWith('my-training,mean_lo,'))!.split(',');
    // the printed line also gives the change relative to the baseline mean (difference / baseline), flagged
    const line = r.stdout
      .split('\n')
      .find((l) => l.trim().startsWith('mean_lo '))!
      .trim()
      .split(/\s+/);
    expect(line.slice(4, 6)).toEqual([`+${((100 * Number(lo[5])) / Number(lo[3])).toFixed(1)}%`, '*']);
    // the trained firms' learning orientation is higher, and the CI says so
    expect(Number(lo[5])).toBeGreaterThan(0.05);
    expect(Number(lo[7])).toBeGreaterThan(0);
    // the last column is the smallest difference 3 pairs would detect, and the note under the table says what it means
    // (to the decimals of the difference and its CI, which it is read against)
    const decimals = (line[3]!.split('.')[1] ?? '').length;
    expect(line.at(-1)).toBe(`±${Number(lo[10]).toFixed(decimals)}`);
    expect(line[3]).toBe(Number(lo[5]).toFixed(decimals));
    expect(r.stdout).toContain(
      'detectable: the smallest difference that 3 replicate pairs show (its 95% CI excluding 0) 8 times in 10.',
    );
  });
});
