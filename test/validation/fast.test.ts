import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRows } from '../../analysis/io.js';
import { surveyDesign } from '../../analysis/verbs/design.js';
import { coefOf, fitGlm } from '../../analysis/verbs/glm.js';
import { INNOVATION_TYPES } from '../../analysis/verbs/incidence.js';
import { cli, tinyScenario } from '../run/helpers.js';

/**
 * The row of a target read another way says 'meets it' exactly when its pass rate is at least its threshold
 * of 0.8, and 'below it' otherwise (accepting either word would let a wrong one pass).
 */
function expectVerdictWord(table: string, row: string): void {
  const line = new RegExp(`\\n${row} +5 +(\\d\\.\\d\\d) .*≥ 0\\.8 +(meets it|below it)`).exec(table);
  expect(line, `no row ${row} with a pass rate, ≥ 0.8 and its verdict word in:\n${table}`).not.toBeNull();
  expect(line![2]).toBe(Number(line![1]) >= 0.8 ? 'meets it' : 'below it');
}

describe('validate-model, fast variant (5 replicates × 500 firms)', () => {
  it('runs end to end and the survey shows the signs of T1 (cooperation), T2 (breadth) and T5 (inverted U)', () => {
    const { dir } = tinyScenario();
    const out = join(dir, 'validation');
    const r = cli([
      'validate-model',
      '--replicates',
      '5',
      '--population',
      '500',
      '--out',
      out,
      '--workers',
      '2',
    ]);
    expect([0, 1]).toContain(r.status); // 1 = some target below its threshold: reported, not an error
    expect(r.stdout).toMatch(/T5 +full +likert +5/);
    // two tables: the targets that decide the exit code, then what is reported without a verdict
    const [decisive = '', reported = ''] = r.stdout.split('Also reported, without a verdict');
    expect(decisive).toContain('Targets (these decide the verdict and the exit code');
    // each pass rate with its 95% (Wilson) interval; T10, one paired test over all replicates, has none
    expect(decisive).toMatch(/runs +pass rate +95% CI +mean stat +needed/);
    expect(decisive).toMatch(/\nT1 +full +likert +5 +\d\.\d\d +\[\d\.\d\d, \d\.\d\d\] /);
    expect(decisive).toMatch(/\nT10 +full +true +1 +\d\.\d\d +-?\d[\d.]* +holds /);
    expect(decisive).not.toMatch(/paper-300|T[1-7] +full +true/); // T1–T7 on true values and the paper-scale sample are not decisive
    expectVerdictWord(reported, 'T1 +paper-300 +likert');
    expect(reported).not.toMatch(/\b(pass|FAIL)\n/);
    // the two-lines test beside T5 and T8-falling, and the quadratic test beside T8-rising: readings, no verdict
    expect(decisive).not.toMatch(/two-lines|quadratic/);
    for (const [id, needed] of [
      ['T5-two-lines', '≥ 0\\.8'],
      ['T8-falling-two-lines', '≤ 0\\.2'],
      ['T8-rising-quadratic', '≤ 0\\.2'],
    ])
      expect(reported).toMatch(new RegExp(`${id} +full +likert +5 .*${needed} +(meets it|below it)`));
    // the levels L1–L4, pooled, beside the surveys' ranges: they decide the verdict too
    expect(r.stdout).toMatch(/Levels beside the innovation surveys[^\n]*\ntarget +value +95% CI +surveys/);
    expect(r.stdout).toMatch(
      /\nL1 +\d\.\d{3} +\[-?\d\.\d{3}, \d\.\d{3}\] +0\.20–0\.45 +\d\.\d\d +(pass|FAIL) /,
    );
    expect(r.stdout).toMatch(/\nL4 +\d\.\d{3} +\[-?\d\.\d{3}, \d\.\d{3}\] +≥ 1\.20 /);
    const twoLines = readFileSync(join(out, 'validation.csv'), 'utf8')
      .split('\n')
      .filter((l) => l.includes(',T5-two-lines,full,likert,'));
    expect(twoLines).toHaveLength(5);
    for (const l of twoLines)
      expect(l).toMatch(/,(-?\d[^,]*,[^,]+,[01],"?break at SLI|NaN,NaN,0,"?no two lines)/); // a z, or the reason there was no break to test
    const verdict = JSON.parse(readFileSync(join(out, 'validation.json'), 'utf8'));
    const failing = [...verdict.targets, ...verdict.levels]
      .filter((t: { pass: boolean }) => !t.pass)
      .map((t: { id: string }) => t.id);
    expect(r.stdout).toContain(
      failing.length === 0
        ? 'every target meets its threshold'
        : `${failing.join(', ')} ${failing.length === 1 ? 'does not meet its threshold' : 'do not meet their thresholds'}`,
    );
    expect(verdict.targets.map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8-falling', 'T8-rising', 'T10']),
    );
    expect(verdict.targets.map((t: { id: string }) => t.id)).not.toContain('T9'); // a prediction, no verdict
    expect(verdict.levels.map((l: { id: string }) => l.id)).toEqual([
      'L1',
      'L2',
      'L3-any',
      'L3-product',
      'L3-process',
      'L4',
    ]);
    const l1 = verdict.levels[0];
    expect(l1.pass).toBe(l1.value >= 0.2 && l1.value <= 0.45); // the verdict is the pooled value in the range
    const l1Runs = readFileSync(join(out, 'validation.csv'), 'utf8')
      .split('\n')
      .filter((l) => l.includes(',L1,full,true,'));
    expect(l1Runs).toHaveLength(5); // and each run's own value is in validation.csv
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report.match(/<h2>[^<]*<\/h2>/)![0]).toBe('<h2>Validation targets (docs/VALIDATION.md)</h2>'); // the verdict comes first
    // smaller than the calibration (scenarios/validation.yaml): the terminal and the report say how to read a miss
    expect(verdict.calibration).toEqual({ firms: 5000, replicates: 50 });
    const small =
      'This validation is smaller than the calibration (500 instead of 5,000 firms per run, 5 instead of 50 replicates)';
    expect(r.stdout).toContain(`note: ${small}`);
    expect(report).toContain(small);
    expect(report).toContain('the two-lines test (Simonsohn 2018');
    // T1, T2, T4 and T5 again with SEs clustered by regional industry: beside the verdict, in the terminal, validation.csv and the report
    for (const id of ['T1', 'T2', 'T4', 'T5']) expectVerdictWord(reported, `${id} +clustered +likert`);
    expect(decisive).not.toContain('clustered');
    expect(reported.indexOf('T5                    clustered')).toBeLessThan(
      reported.indexOf('T9                    no-shock'),
    ); // read-another-way rows before the references
    expect(readFileSync(join(out, 'validation.csv'), 'utf8')).toMatch(
      /,T5,clustered,likert,.*SEs clustered by regional industry \(\d+ clusters\)/,
    );
    expect(report).toContain('full survey, SEs clustered by regional industry');
    expect(report).toContain('<h2>Shock variant (T9): who exits after quarter 169</h2>'); // the snapshot before the shock at 170
    // T9's reference without the shock: the validation runs keep the same snapshot, and the regression is read on them
    expect(report).toContain('<h2>Who exits after quarter 169</h2>');
    expect(report).toContain('T9 without the shock');
    const reference = verdict.all.find(
      (t: { id: string; sample: string }) => t.id === 'T9' && t.sample === 'no-shock',
    );
    expect(reference).toMatchObject({ runs: 5, threshold: 'reference' });
    expect(verdict.all.find((t: { id: string }) => t.id === 'T9').sample).toBe('full'); // read on the shock runs
    expect(r.stdout).toMatch(/T9 +no-shock +true +5 .*reference +\(no verdict\)/);
    // …and the shock's own effect, each validation run paired with its shock run (same firms before the shock)
    expect(r.stdout).toMatch(/T9 +shock-effect +true +5 .*reference +\(no verdict\)/);
    expect(report).toContain('What the shock adds, tested directly');
    const pairs = readFileSync(join(out, 'validation.csv'), 'utf8')
      .split('\n')
      .filter((l) => l.includes(',T9,shock-effect,'));
    expect(pairs).toHaveLength(5);
    expect(pairs[0]).toMatch(/r001 \+ .*-shock\/r001,T9,shock-effect,true,-?\d/); // estimated: a finite z, not 'not estimable'

    // signs on the pooled survey of the five runs (2,500 firms): sturdier than single-run pass rates
    const survey = loadRows(out, 'survey.csv');
    for (const y of INNOVATION_TYPES) {
      const coop = surveyDesign(survey, y, [['coop_any', (row) => Number(row.coop_any)]]);
      expect(coefOf(fitGlm(coop.y, coop.X, coop.names), 'coop_any').coef, `T1 ${y}`).toBeGreaterThan(0);
      const breadth = surveyDesign(survey, y, [['breadth', (row) => Number(row.breadth)]]);
      expect(coefOf(fitGlm(breadth.y, breadth.X, breadth.names), 'breadth').coef, `T2 ${y}`).toBeGreaterThan(
        0,
      );
    }
    const sli = (row: Record<string, unknown>) => (Number(row.sli_likert) - 1) / 6;
    const u = surveyDesign(survey, 'inno_product', [
      ['sli', sli],
      ['sli2', (row) => sli(row) ** 2],
    ]);
    const fit = fitGlm(u.y, u.X, u.names);
    expect(coefOf(fit, 'sli2').coef, 'T5: β2 < 0').toBeLessThan(0);
    expect(coefOf(fit, 'sli').coef, 'T5: rising at the start').toBeGreaterThan(0);
  });

  it('gives byte-identical validation.csv and validation.json with 1 and 2 workers, and again when resumed', () => {
    const { dir } = tinyScenario();
    const args = (out: string, workers: string) => [
      'validate-model',
      '--replicates',
      '2',
      '--population',
      '300',
      '--out',
      join(dir, out),
      '--workers',
      workers,
    ];
    const one = cli(args('one', '1'));
    const two = cli(args('two', '2'));
    expect([0, 1]).toContain(one.status);
    expect(two.status).toBe(one.status);
    for (const file of [
      'validation.csv',
      'validation.json',
      'survey.csv',
      join('variants', 'shock', 'exits.csv'),
    ]) {
      expect(readFileSync(join(dir, 'two', file), 'utf8'), file).toBe(
        readFileSync(join(dir, 'one', file), 'utf8'),
      );
    }
    // exits are written where T9 reads them (the validation runs and the shock), not for the ablations and the subsidy
    const withExits = [
      '.',
      ...['ablation-falling', 'ablation-rising', 'shock', 'subsidy'].map((v) => join('variants', v)),
    ].filter((d) => existsSync(join(dir, 'one', d, 'exits.csv')));
    expect(withExits).toEqual(['.', join('variants', 'shock')]);
    // …and only from the quarter after their snapshot (169) on, the first one T9 and the report read
    for (const d of withExits) {
      const ticks = loadRows(join(dir, 'one', d), 'exits.csv').map((e) => Number(e.tick));
      expect(ticks.length, d).toBeGreaterThan(0);
      expect(Math.min(...ticks), d).toBeGreaterThanOrEqual(170);
    }
    const before = readFileSync(join(dir, 'one', 'validation.csv'), 'utf8');
    const ledger = readFileSync(join(dir, 'one', 'variants', 'shock', 'ledger.jsonl'), 'utf8');
    const again = cli(args('one', '2')); // every run is in the ledger: nothing is simulated again, the verdict is recomputed
    expect(again.status).toBe(one.status);
    expect(readFileSync(join(dir, 'one', 'variants', 'shock', 'ledger.jsonl'), 'utf8')).toBe(ledger);
    expect(readFileSync(join(dir, 'one', 'validation.csv'), 'utf8')).toBe(before);
  });

  it('--dry-run lists the run sets the targets need, with an estimated time and disk space, and runs nothing', () => {
    const { dir } = tinyScenario();
    const out = join(dir, 'dry');
    const dry = (...extra: string[]) =>
      cli([
        'validate-model',
        '--replicates',
        '2',
        '--population',
        '300',
        '--out',
        out,
        '--workers',
        '1',
        '--dry-run',
        ...extra,
      ]);
    const all = dry();
    expect(all.status, all.stderr).toBe(0);
    expect(all.stdout).toContain(
      'validate-model: 5 run sets (validation, validation-ablation-falling, validation-ablation-rising, validation-shock, validation-subsidy) × 2 replicates = 10 runs; checks T1, T2, T3, T4, T5, T6, T7, T8-falling, T8-rising, T9, T10',
    );
    expect(all.stdout).toMatch(
      /estimated wall time on 1 worker\(s\): [\d.]+ (s|min|h) \(runs [\d.]+ (s|min|h), estimating the targets [\d.]+ (s|min|h); building the report is not counted\)/,
    );
    expect(all.stdout).toMatch(/disk: roughly [\d.]+ MB in all \(tables, per-run records and report\.html\)/);
    const some = dry('--targets', 'T5');
    expect(some.stdout).toContain(
      'validate-model: 1 run set (validation) × 2 replicates = 2 runs; checks T5',
    );
    const seeds = dry('--seeds', '1,2');
    expect(seeds.stdout).toContain('= 10 runs per seed, × 2 seeds');
    expect(seeds.stdout).toContain('3 report.html files');
    expect(existsSync(out)).toBe(false);
  });

  it('checks only the targets asked for, runs only the variants they need, and refuses an unknown one', () => {
    const { dir } = tinyScenario();
    const out = join(dir, 'only-t9');
    const r = cli([
      'validate-model',
      '--replicates',
      '2',
      '--population',
      '300',
      '--out',
      out,
      '--workers',
      '2',
      '--targets',
      't9',
    ]);
    expect([0, 1]).toContain(r.status);
    expect(readdirSync(join(out, 'variants'))).toEqual(['shock']);
    const verdict = JSON.parse(readFileSync(join(out, 'validation.json'), 'utf8'));
    expect(verdict.checked).toEqual(['T9']);
    expect(verdict.targets).toEqual([]); // T9 is a prediction: no verdict
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('only T9 checked: no target with a verdict was checked');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
      'No target with a verdict was checked (asked for: T9)',
    );
    // the default shock, recorded and described
    expect(verdict.shock).toEqual({ tick: 170, magnitude: 0.6 });
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
      'T9&#39;s shock: in quarter 170, 60% of the contribution entries redrawn in every sector and in every domain',
    );
    const bad = cli(['validate-model', '--out', join(dir, 'bad'), '--targets', 'T5,T11']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--targets: unknown target (got 'T11')");
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });

  it('--shock runs T9 under another shock, records it, and refuses a bad one before anything runs', () => {
    const { dir } = tinyScenario();
    const out = join(dir, 'crisis');
    const args = (shock: string, where = out) => [
      'validate-model',
      '--replicates',
      '2',
      '--population',
      '300',
      '--out',
      where,
      '--workers',
      '2',
      '--targets',
      'T9',
      '--shock',
      shock,
    ];
    const r = cli(args('{magnitude: 1, domains: [process], demandLoss: 0.3}'));
    expect([0, 1]).toContain(r.status);
    const words =
      "in quarter 170, 100% of the contribution entries redrawn in every sector and in the process domain, and 30% of the hit industries' demand lost for good";
    expect(r.stdout).toContain(`note: T9's shock (--shock): ${words}\n`);
    // --json (the runs resumed, not repeated) says which shock too
    const json = JSON.parse(
      cli([...args('{magnitude: 1, domains: [process], demandLoss: 0.3}'), '--json']).stdout,
    );
    expect(json.shock).toEqual({ tick: 170, magnitude: 1, domains: ['process'], demandLoss: 0.3 });
    expect(JSON.parse(readFileSync(join(out, 'validation.json'), 'utf8')).shock).toEqual({
      tick: 170,
      magnitude: 1,
      domains: ['process'],
      demandLoss: 0.3,
    });
    const manifest = JSON.parse(readFileSync(join(out, 'variants', 'shock', 'manifest.json'), 'utf8'));
    expect(manifest.scenario.dynamism.shocks).toEqual([
      { tick: 170, magnitude: 1, domains: ['process'], demandLoss: 0.3 },
    ]);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
      'T9&#39;s shock: in quarter 170, 100% of the contribution entries redrawn in every sector and in the process domain, and 30% of the hit industries&#39; demand lost for good',
    );
    // the same folder with another shock is another run set: refused without --force, nothing touched
    const other = cli(args('{magnitude: 0.6}'));
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/dynamism/);
    // mistakes: every one named, exit 2, no folder
    const bad = cli(args('{magnitud: 2, sectors: [food], tick: 5}', join(dir, 'bad')));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("tick: T9's shock hits in quarter 170");
    expect(bad.stderr).toContain(
      "magnitud: is not a field of a shock (got 'magnitud'); did you mean 'magnitude'?",
    ); // all at once, one per line
    expect(bad.stderr.split('\n').filter((l) => l.includes('--shock {magnitud: 2'))).toHaveLength(4); // tick, magnitude missing, magnitud, sector
    const typo = cli(args('{magnitud: 0.5, domains: [proces]}', join(dir, 'bad')));
    expect(typo.stderr).toContain(
      "magnitud: is not a field of a shock (got 'magnitud'); did you mean 'magnitude'?",
    );
    expect(typo.stderr).toContain("domains.0: not an allowed value (got 'proces'); did you mean 'process'?");
    expect(cli(args('{magnitude: 0.5, sectors: [food]}', join(dir, 'bad'))).stderr).toContain(
      "sectors: unknown sector (got 'food'); did you mean 'food-drink'?",
    );
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});
