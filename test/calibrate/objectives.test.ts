/** The calibrate block's statistics, objectives and search space; bad blocks stop the command before anything runs. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distance, lossOf, measure, meets, resolveObjectives } from '../../analysis/calibrate/objectives.js';
import { LEVEL_TARGETS } from '../../analysis/validation/levels.js';
import { t3 } from '../../analysis/validation/targets.js';
import { SUBGROUPS, levelRatio, surveyLevel } from '../../analysis/verbs/surveyLevel.js';
import { LEVEL_IDS, SUBGROUP_NAMES, objectiveName, parseStatistic } from '../../sim/calibrate/statistic.js';
import { valueAt } from '../../sim/calibrate/space.js';
import { makeScenario } from '../../sim/config/scenario.js';
import { makeRunPlan } from '../../sim/plan/plan.js';
import { type RunOutput, runOne } from '../../sim/runOne.js';
import { rowsOfTable } from '../../analysis/io.js';
import { calibrationCsv } from '../../analysis/calibrate/outputs.js';
import { calibrationSetup } from '../../analysis/calibrate/search.js';
import { columnsOf } from '../../sim/run/codebook.js';
import { cli } from '../run/helpers.js';
import { scratchDir } from '../scratch.js';

const SECTORS = ['a', 'b'];

/** Two runs' surveys of a small world. */
function survey() {
  const s = makeScenario({
    population: 150,
    ticks: 50,
    burnIn: 10,
    replicates: 2,
    sectors: SECTORS,
    regions: 2,
  });
  return makeRunPlan(s).specs.flatMap((spec) => rowsOfTable((runOne(spec) as RunOutput).survey));
}

describe('calibrate statistics', () => {
  it('name the level targets and subgroups the analysis verbs have', () => {
    expect([...LEVEL_IDS]).toEqual(LEVEL_TARGETS.map((t) => t.id));
    expect([...SUBGROUP_NAMES]).toEqual([...SUBGROUPS]);
  });

  it('parse every documented form, and explain what is wrong with a bad one', () => {
    expect(parseStatistic('L3-any', SECTORS)).toEqual({ kind: 'level', id: 'L3-any' });
    expect(parseStatistic('T5:passRate', SECTORS)).toEqual({ kind: 'target', id: 'T5', read: 'passRate' });
    expect(parseStatistic('share(coop_any | innovators)', SECTORS)).toEqual({
      kind: 'aggregate',
      spec: { stat: 'share', column: 'coop_any', among: 'innovators' },
    });
    expect(parseStatistic('mean(breadth|sector=b)', SECTORS)).toEqual({
      kind: 'aggregate',
      spec: { stat: 'mean', column: 'breadth', among: 'sector=b' },
    });
    expect(parseStatistic('share(inno_any | medium) / share(inno_any | small)', SECTORS)).toMatchObject({
      kind: 'ratio',
      denominator: { among: 'small' },
    });
    expect(parseStatistic('L5', SECTORS)).toMatch(/^unknown statistic 'L5'; did you mean 'L1'\?/);
    expect(parseStatistic('T9', SECTORS)).toMatch(/T8–T10 need the ablation, shock and subsidy runs/);
    expect(parseStatistic('share(coop_any | sector=c)', SECTORS)).toMatch(/'c' is not a sector/);
    expect(parseStatistic('share(coop_any | large)', SECTORS)).toMatch(/'large' is not a subgroup/);
    expect(parseStatistic('median(iss)', SECTORS)).toMatch(/is not of the form share\(column\)/);
    expect(objectiveName('share(coop_any | innovators)', 0)).toBe('share_coop_any_innovators');
    expect(objectiveName('T5:passRate', 0)).toBe('T5_passRate');
  });

  it('are computed by the verbs validate-model uses', () => {
    const rows = survey();
    const level = (id: string) => LEVEL_TARGETS.find((t) => t.id === id)!.measure(rows);
    expect(measure({ kind: 'level', id: 'L1' }, rows)).toEqual({
      value: level('L1').value,
      se: level('L1').se,
    });
    const spec = { column: 'coop_any', stat: 'share' as const, among: 'innovators' };
    expect(measure({ kind: 'aggregate', spec }, rows).value).toBe(surveyLevel(rows, spec).value);
    const [a, b] = [
      { column: 'inno_any', stat: 'share' as const, among: 'medium' },
      { column: 'inno_any', stat: 'share' as const, among: 'small' },
    ];
    expect(measure({ kind: 'ratio', numerator: a, denominator: b }, rows).value).toBe(
      levelRatio(rows, a, b).value,
    );
    // T3 per run, then the mean over runs: as validate-model's mean statistic of the full, Likert rows
    const perRun = ['r001', 'r002'].map(
      (r) => t3(rows.filter((x) => String(x.run_id).endsWith(r))).statistic,
    );
    expect(measure({ kind: 'target', id: 'T3', read: 'statistic' }, rows).value).toBeCloseTo(
      (perRun[0]! + perRun[1]!) / 2,
      12,
    );
  });
});

describe('calibrate objectives and space', () => {
  const block = makeScenario({
    calibrate: {
      parameters: [{ path: 'portfolio.searchPerShortfall', min: 0.1, max: 10, scale: 'log' }],
      objectives: [
        { statistic: 'L1' },
        { statistic: 'L4', weight: 2 },
        { statistic: 'share(coop_any)', target: 0.5 },
        { statistic: 'mean(breadth)', target: [1, 2], scale: 0.5 },
      ],
    },
  }).calibrate!;
  const objectives = resolveObjectives(block, SECTORS);

  it('take a level target’s survey range, a value or a range, and weigh squared distances', () => {
    expect(objectives.map((o) => [o.name, o.lo, o.hi])).toEqual([
      ['L1', 0.2, 0.45],
      ['L4', 1.2, Infinity],
      ['share_coop_any', 0.5, 0.5],
      ['mean_breadth', 1, 2],
    ]);
    expect(distance(objectives[0]!, 0.3)).toBe(0);
    expect(distance(objectives[0]!, 0.5)).toBeCloseTo(0.05 / 0.325, 12);
    expect(distance(objectives[1]!, 5)).toBe(0);
    expect(distance(objectives[3]!, 3)).toBe(2);
    // L1 0.5 (0.05 / 0.325 outside), L4 1.1 (weight 2, 0.1 / 1.2), share 0.5 exactly, breadth 3 (2 units of 0.5)
    expect(lossOf(objectives, [0.5, 1.1, 0.5, 3])).toBeCloseTo(
      (0.05 / 0.325) ** 2 + 2 * (0.1 / 1.2) ** 2 + 4,
      12,
    );
    expect(lossOf(objectives, [NaN, 1.3, 0.5, 1])).toBe(Infinity);
    expect(meets(objectives[2]!, { value: 0.52, se: 0.011 })).toBe(true);
    expect(meets(objectives[2]!, { value: 0.53, se: 0.011 })).toBe(false);
  });

  it('are written to calibration.csv under the columns the codebook documents', () => {
    const setup = calibrationSetup(makeScenario({ sectors: SECTORS, calibrate: block }));
    const header = calibrationCsv(setup, []).trim().split(',');
    const expected = columnsOf('calibration.csv').flatMap((c) =>
      c === '<parameter>'
        ? block.parameters.map((p) => p.path)
        : c === '<objective>'
          ? objectives.flatMap((o) => [o.name, `${o.name}_se`])
          : c === '<objective>_se'
            ? []
            : [c],
    );
    expect(header).toEqual(expected);
  });

  it('map the unit box to values linearly, on the log scale and rounded', () => {
    const p = block.parameters[0]!;
    expect(valueAt(p, 0)).toBeCloseTo(0.1, 12);
    expect(valueAt(p, 0.5)).toBeCloseTo(1, 12);
    expect(valueAt(p, 1)).toBeCloseTo(10, 12);
    const n = { path: 'population', min: 10, max: 20, scale: 'linear' as const, integer: true };
    expect(valueAt(n, 0.26)).toBe(13);
  });
});

describe('smesim calibrate --dry-run', () => {
  it('prints the runs, the time and the disk of the example, and runs nothing', () => {
    const out = join(scratchDir('calibrate-dry'), 'out');
    const file = join('scenarios', 'calibration-example.yaml');
    const r = cli(['calibrate', file, '--dry-run', '--workers', '2', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^calibration-example: cmaes, 12 generations × 8 candidates × 4 replicates = 384 runs of 1000 firms × 200 quarters\nestimated wall time on 2 worker\(s\): [\d.]+ (s|min) \([\d.]+ s a generation, measuring the objectives included\)\ndisk: roughly [\d.]+ MB in all/,
    );
    expect(existsSync(out)).toBe(false);
    const json = cli(['calibrate', file, '--dry-run', '--json', '--workers', '2']);
    expect(JSON.parse(json.stdout)).toMatchObject({ generations: 12, generationSize: 8, runs: 384 });
  });
});

describe('smesim calibrate with bad input', () => {
  it('exits 2 before anything runs, naming the file, line and fix, for every bad calibrate block', () => {
    const dir = join('test', 'fixtures', 'bad-scenarios');
    const bad = readdirSync(dir).filter((f) => f.startsWith('calibrate-'));
    expect(bad.length).toBeGreaterThanOrEqual(6);
    const scratch = scratchDir('calibrate-bad');
    for (const f of bad) {
      const out = join(scratch, f);
      const r = cli(['calibrate', join(dir, f), '--out', out]);
      expect(r.status, f).toBe(2);
      expect(r.stderr, f).toMatch(
        new RegExp(`^error: test/fixtures/bad-scenarios/${f}:\\d+:\\d+: calibrate\\.`),
      );
      expect(r.stderr, f).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(out), f).toBe(false);
    }
    const none = cli(['calibrate', join('scenarios', 'baseline.yaml'), '--out', join(scratch, 'none')]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(
      /has no 'calibrate:' block; add one \(see scenarios\/calibration-example\.yaml/,
    );
  });
});
