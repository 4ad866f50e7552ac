import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from '@uwdata/flechette';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { makeScenario } from '../../sim/config/scenario.js';
import { makeRunPlan } from '../../sim/plan/plan.js';
import { formatCell, toCsv } from '../../sim/run/csv.js';
import { shapeOfResults, shapeOfRuns, tableFiles, writeTables } from '../../sim/run/outputs.js';
import { type RunOutput, runOne } from '../../sim/runOne.js';
import { cli, tinyScenario } from './helpers.js';
import { scratchDir } from '../scratch.js';

describe('columnar outputs', () => {
  it('writes Arrow IPC and Parquet copies with the same rows as the CSV', async () => {
    const { dir, file } = tinyScenario('', 2);
    const out = join(dir, 'o');
    expect(cli(['run', file, '--out', out, '--workers', '1', '--format', 'arrow,parquet']).status).toBe(0);
    const csv = aq.fromCSV(readFileSync(join(out, 'survey.csv'), 'utf8')).objects() as Record<
      string,
      unknown
    >[];
    const arrow = tableFromIPC(readFileSync(join(out, 'survey.arrow'))).toArray();
    const buf = readFileSync(join(out, 'survey.parquet'));
    const parquet = await parquetReadObjects({
      file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength),
    });
    expect(arrow).toHaveLength(csv.length);
    expect(parquet).toHaveLength(csv.length);
    expect(arrow[3]!.run_id).toBe(csv[3]!.run_id);
    // the CSV holds the same doubles as the Parquet copy, not rounded ones
    for (const k of [0, 5, csv.length - 1])
      for (const col of ['lo_true', 'sli_true', 'dyn_true', 'iss'])
        expect(Number(csv[k]![col])).toBe(parquet[k]![col]);
  });

  it('writes integer columns (ids, counts, quarters, 0/1 answers) as 64-bit integers, the rest as doubles', async () => {
    const { dir, file } = tinyScenario('outputs: {snapshots: [30]}\n', 2);
    const out = join(dir, 'o');
    expect(cli(['run', file, '--out', out, '--workers', '1', '--format', 'arrow,parquet']).status).toBe(0);
    /** Each column's physical type, as the Parquet footer declares it (read by hyparquet, not the writer). */
    const parquetTypes = (name: string) => {
      const buf = readFileSync(join(out, `${name}.parquet`));
      const meta = parquetMetadata(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      return Object.fromEntries(meta.schema.slice(1).map((e) => [e.name, e.type]));
    };
    expect(parquetTypes('survey')).toMatchObject({
      run_id: 'BYTE_ARRAY',
      replicate: 'INT64',
      seed: 'INT64',
      firm_id: 'INT64',
      region: 'INT64',
      employees: 'INT64',
      coop_any: 'INT64',
      breadth: 'INT64',
      inno_product: 'INT64',
      age_years: 'DOUBLE',
      lo_likert: 'DOUBLE',
      iss: 'DOUBLE',
    });
    expect(parquetTypes('runs')).toMatchObject({ firms: 'INT64', exits: 'INT64', coop_any: 'DOUBLE' });
    expect(parquetTypes('timeseries')).toMatchObject({ tick: 'INT64', entries: 'INT64', delta: 'DOUBLE' });
    expect(parquetTypes('exits')).toMatchObject({ tick: 'INT64', age_quarters: 'INT64', sli: 'DOUBLE' });
    expect(parquetTypes('snapshots')).toMatchObject({ firm_id: 'INT64', capital: 'DOUBLE' });
    // the values are the CSV's, and Arrow declares the same integer columns
    const buf = readFileSync(join(out, 'survey.parquet'));
    const rows = await parquetReadObjects({
      file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength),
    });
    const csv = aq.fromCSV(readFileSync(join(out, 'survey.csv'), 'utf8')).objects() as Record<
      string,
      unknown
    >[];
    expect(rows.map((r) => String(r.seed))).toEqual(csv.map((r) => String(r.seed)));
    expect(rows.map((r) => Number(r.employees))).toEqual(csv.map((r) => Number(r.employees)));
    const arrow = tableFromIPC(readFileSync(join(out, 'survey.arrow')));
    const field = (name: string) => arrow.schema.fields.find((f) => f.name === name)!.type;
    expect(field('seed')).toMatchObject({ typeId: 2, bitWidth: 64, signed: true }); // Int64
    expect(field('iss')).toMatchObject({ typeId: 3 }); // floating point
  });

  it('writes every number exactly: tiny p-values stay above 0, doubles read back unchanged', () => {
    const values = [0.1 + 0.2, 1 / 3, 3.2e-12, -7.5e-9, 0.0012345678901234, 123456789.123, 1e21, 42, -0];
    expect(values.map((v) => Number(formatCell(v)))).toEqual(values.map((v) => (Object.is(v, -0) ? 0 : v)));
    expect(formatCell(3.2e-12)).toBe('3.2e-12');
    expect(formatCell(-0)).toBe('0');
    expect([Infinity, -Infinity, NaN].map(formatCell)).toEqual(['Inf', '-Inf', 'NaN']);
    expect(toCsv({ columns: ['a', 'note'], rows: [[0.30000000000000004, 'x, "y"']] })).toBe(
      'a,note\n0.30000000000000004,"x, ""y"""\n',
    );
  });

  it('lists, in tableFiles, exactly what writeTables writes (a resumed complete run set checks those files)', () => {
    const s = makeScenario({
      name: 'list',
      population: 40,
      ticks: 30,
      burnIn: 10,
      replicates: 2,
      outputs: { network: true, snapshots: [20] },
      sweep: { design: 'lhs', samples: 2, parameters: [{ name: 'sli.convergenceRate', min: 1, max: 2 }] },
    });
    const plan = makeRunPlan(s);
    const results = plan.specs.map((spec) => runOne(spec) as RunOutput);
    const dir = scratchDir('tables');
    for (const formats of [[], ['arrow', 'parquet']] as const) {
      const listed = tableFiles(dir, shapeOfResults(results), plan, [...formats]);
      expect(writeTables(dir, results, plan, [...formats])).toEqual(listed);
      expect(listed.filter((f) => /snapshots|design|graphml/.test(f)).length).toBe(
        2 + formats.length + results.length,
      );
    }
  });

  it('knows from the scenario alone which tables its successful runs fill (a resumed complete run set checks them without reading a result)', () => {
    const outputs = [
      { network: true, snapshots: [20] },
      { exits: false },
      {},
      { network: true, snapshots: [5, 25], exits: false },
    ];
    for (const o of outputs) {
      const s = makeScenario({
        name: 'shape',
        population: 30,
        ticks: 30,
        burnIn: 10,
        replicates: 3,
        outputs: o,
      });
      const results = makeRunPlan(s).specs.map((spec) => runOne(spec) as RunOutput);
      const ok = results.filter((_, k) => k !== 1); // as if the second run had failed
      expect(
        shapeOfRuns(
          s.outputs,
          ok.map((r) => r.runId),
        ),
        JSON.stringify(o),
      ).toEqual(shapeOfResults(ok));
      expect(shapeOfRuns(s.outputs, [])).toEqual(shapeOfResults([]));
    }
  });

  it('leaves exits.csv out when outputs.exits is false; the exit counts and every other table stay the same', () => {
    const { dir, file } = tinyScenario('', 2);
    const withExits = join(dir, 'with');
    expect(cli(['run', file, '--out', withExits, '--workers', '1', '--no-report']).status).toBe(0);
    const without = join(dir, 'without');
    const r = cli(['run', file, '--out', without, '--workers', '1', '--set', 'outputs.exits=false']);
    expect(r.status, r.stderr).toBe(0);
    expect(
      readdirSync(without)
        .filter((f) => f.endsWith('.csv'))
        .sort(),
    ).toEqual(['runs.csv', 'survey.csv', 'timeseries.csv']);
    expect(readFileSync(join(withExits, 'exits.csv'), 'utf8').split('\n').length).toBeGreaterThan(10); // there were exits to leave out
    for (const t of ['runs.csv', 'survey.csv', 'timeseries.csv'])
      expect(readFileSync(join(without, t), 'utf8')).toBe(readFileSync(join(withExits, t), 'utf8'));
    expect(existsSync(join(without, 'report.html'))).toBe(true);
    expect(cli(['replay', without, 'tiny/r002']).stdout).toContain('tiny/r002: identical');
  });

  it('writes the exits from outputs.exitsFrom on: the same rows as the whole log from that quarter, the exit counts unchanged', () => {
    const { dir, file } = tinyScenario('', 2);
    const all = join(dir, 'all');
    expect(cli(['run', file, '--out', all, '--workers', '1', '--no-report']).status).toBe(0);
    const late = join(dir, 'late');
    const r = cli([
      'run',
      file,
      '--out',
      late,
      '--workers',
      '1',
      '--no-report',
      '--set',
      'outputs.exitsFrom=30',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const [header, ...rows] = readFileSync(join(all, 'exits.csv'), 'utf8').trimEnd().split('\n');
    const tick = header!.split(',').indexOf('tick');
    const kept = rows.filter((line) => Number(line.split(',')[tick]) >= 30);
    expect(kept.length).toBeGreaterThan(5); // exits to keep…
    expect(kept.length).toBeLessThan(rows.length); // …and earlier ones to leave out
    expect(readFileSync(join(late, 'exits.csv'), 'utf8')).toBe([header, ...kept].join('\n') + '\n');
    for (const t of ['runs.csv', 'survey.csv', 'timeseries.csv'])
      expect(readFileSync(join(late, t), 'utf8')).toBe(readFileSync(join(all, t), 'utf8'));
    expect(cli(['replay', late, 'tiny/r001']).stdout).toContain('tiny/r001: identical');
  });
});
