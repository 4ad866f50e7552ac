import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { csvByRun, loadRows, loadRowsBetween, rowsOfCsv, sharingReads } from '../../analysis/io.js';
import { incidenceFigure } from '../../analysis/figures/incidence.js';
import { exitsBy } from '../../analysis/verbs/exitsBy.js';
import { surveyTasks } from '../../analysis/validation/evaluate.js';
import { scratchDir } from '../scratch.js';

/** Snapshot rows after quarter 10: six firms per run with SLI and LO chosen to land in known cells. */
function snapshot(run: string) {
  const firms = [
    [1, 0.1, 0.1],
    [2, 0.1, 0.5],
    [3, 0.1, 0.9],
    [4, 1.0, 0.1], // SLI exactly 1 belongs to the last bin
    [5, 0.9, 0.5],
    [6, 0.9, 0.9],
  ];
  return firms.map(([id, sli, lo]) => ({ run_id: run, tick: 10, firm_id: id, sli, lo }));
}

describe('exitsBy (who exits after a snapshot)', () => {
  const snapshots = [
    ...snapshot('r1'),
    ...snapshot('r2'),
    { run_id: 'r1', tick: 30, firm_id: 1, sli: 0.1, lo: 0.1 },
  ];
  const exits = [
    { run_id: 'r1', tick: 10, firm_id: 2 }, // in the snapshot's own quarter: before it, not counted
    { run_id: 'r1', tick: 11, firm_id: 4 }, // first quarter after: counted
    { run_id: 'r2', tick: 15, firm_id: 4 }, // last quarter of the horizon: counted
    { run_id: 'r2', tick: 16, firm_id: 1 }, // after the horizon: not counted
    { run_id: 'r3', tick: 12, firm_id: 6 }, // another run's firm 6: not counted
  ];
  const r = exitsBy(snapshots, exits, 5);

  it('uses the first snapshot quarter and counts exits in (T, T + horizon] of the same run', () => {
    expect(r.tick).toBe(10);
    expect(r.firms).toBe(12);
    expect(r.exited).toBe(2);
  });

  it('puts firms in depth fifths × LO terciles, with per-run rates across runs', () => {
    const cell = (group: string, outcome: string) =>
      r.cells.find((c) => c.group === group && c.outcome === outcome)!;
    expect(r.cells).toHaveLength(15);
    expect(cell('0.8–1.0', 'low LO')).toMatchObject({ firms: 2, n: 2, mean: 1 });
    expect(cell('0.0–0.2', 'low LO')).toMatchObject({ firms: 2, n: 2, mean: 0 });
    expect(cell('0.0–0.2', 'middle LO')).toMatchObject({ firms: 2, mean: 0 });
    expect(cell('0.8–1.0', 'high LO')).toMatchObject({ firms: 2, mean: 0 });
    expect(cell('0.4–0.6', 'low LO')).toMatchObject({ firms: 0, n: 0 });
  });

  it('labels each depth bin with all its firms when the series split them', () => {
    const f = incidenceFigure(r.cells, ['low LO', 'middle LO', 'high LO'], 'T', 'x', {
      yTitle: 'share that exited',
      autorange: true,
      seriesPartitionGroup: true,
    });
    expect(f.data[0]!.x).toContain('0.8–1.0<br>n = 6');
    expect((f.layout.yaxis as { rangemode?: string; range?: unknown }).rangemode).toBe('tozero');
    expect((f.layout.yaxis as { range?: unknown }).range).toBeUndefined();
  });

  it('cuts the horizon at the run’s last quarter', () => {
    const short = exitsBy(snapshots, exits, 20, 13);
    expect(short.horizon).toBe(3);
    expect(short.exited).toBe(1); // r1 firm 4 at quarter 11; r2 firm 4 at quarter 15 lies beyond quarter 13
  });

  it('refuses an empty snapshot', () => {
    expect(() => exitsBy([], exits, 5)).toThrow(/no rows/);
  });
});

describe('loadRowsBetween (reading only the exits a horizon needs)', () => {
  it('keeps the rows whose column lies in [min, max], bounds included, in file order, with parsed values', () => {
    const dir = scratchDir('io');
    writeFileSync(
      join(dir, 'exits.csv'),
      'run_id,tick,firm_id,sector\nr1,9,1,a\nr1,10,2,"b, c"\nr2,12,3,a\nr1,15,4,b\nr2,16,5,a\n',
    );
    const rows = loadRowsBetween(dir, 'exits.csv', 'tick', 10, 15);
    expect(rows).toEqual([
      { run_id: 'r1', tick: 10, firm_id: 2, sector: 'b, c' },
      { run_id: 'r2', tick: 12, firm_id: 3, sector: 'a' },
      { run_id: 'r1', tick: 15, firm_id: 4, sector: 'b' },
    ]);
    expect(loadRowsBetween(dir, 'exits.csv', 'tick', 20, 30)).toEqual([]);
  });

  it('gives what filtering the whole parsed table gives: any column, the last one, empty and missing cells, no final newline, a quoted file', () => {
    const dir = scratchDir('io');
    const lines = ['run_id,firm_id,sli,tick'];
    for (let k = 0; k < 400; k++) lines.push(`r${k % 3},${k},${((k * 37) % 100) / 100},${k % 25}`);
    lines.push('r9,401,0.5,', 'r9,403'); // an empty cell (parsed as null, which Number makes 0) and a missing one
    const text = lines.join('\n');
    writeFileSync(join(dir, 'a.csv'), text);
    writeFileSync(join(dir, 'b.csv'), text.replace('r9,403', '"r9",403'));
    const whole = (column: string, min: number, max: number) =>
      (aq.fromCSV(text).objects() as Record<string, unknown>[]).filter(
        (d) => Number(d[column]) >= min && Number(d[column]) <= max,
      );
    for (const [column, min, max] of [
      ['tick', 0, 4],
      ['tick', 24, 30],
      ['sli', 0.2, 0.3],
      ['firm_id', 399, 402],
    ] as const) {
      const expected = whole(column, min, max);
      expect(expected.length).toBeGreaterThan(1);
      expect(loadRowsBetween(dir, 'a.csv', column, min, max)).toEqual(expected);
      expect(loadRowsBetween(dir, 'b.csv', column, min, max)).toEqual(expected);
    }
    expect(whole('tick', 0, 4).some((d) => d.firm_id === 401)).toBe(true); // the empty cell, kept for the parsed check
  });
});

describe('csvByRun (a survey handed to the worker threads run by run, as text)', () => {
  it('gives, parsed, the rows the whole file gives for each run, in run-id order, whatever order the runs are in', () => {
    const dir = scratchDir('io');
    const lines = ['run_id,scenario,firm_id,sector,region,lo_likert,sli_true,inno_product,iss'];
    // runs interleaved and out of order; a run whose lo_likert values are all whole numbers, another with fractions
    for (let k = 0; k < 300; k++) {
      const run = ['v/r002', 'v/r001', 'v/r010'][k % 3]!;
      const lo = run === 'v/r001' ? String(1 + (k % 7)) : String(1 + (k % 7) + 1 / 3);
      lines.push(
        `${run},v,${k},metal-products,${k % 7},${lo},${((k * 37) % 100) / 100},${k % 2},${(k % 10) / 10}`,
      );
    }
    writeFileSync(join(dir, 'survey.csv'), lines.join('\n') + '\n');
    const perRun = csvByRun(readFileSync(join(dir, 'survey.csv'), 'utf8'))!;
    expect(perRun.map(([runId]) => runId)).toEqual(['v/r001', 'v/r002', 'v/r010']);
    const whole = loadRows(dir, 'survey.csv');
    for (const [runId, csv] of perRun)
      expect(rowsOfCsv(csv)).toEqual(whole.filter((r) => r.run_id === runId));
    expect(perRun.reduce((n, [, csv]) => n + rowsOfCsv(csv).length, 0)).toBe(300);
  });

  it('leaves a table with a quoted field, or without run_id first, to be parsed whole', () => {
    expect(csvByRun('run_id,sector\nr1,"a, b"\n')).toBeUndefined();
    expect(csvByRun('firm_id,run_id\n1,r1\n')).toBeUndefined();
    // validate-model's tasks then carry the rows of the whole file, run by run
    const dir = scratchDir('io');
    writeFileSync(join(dir, 'survey.csv'), 'run_id,sector,x\nr2,"a, b",1\nr1,c,2.5\nr2,d,3\n');
    const tasks = surveyTasks('survey', dir, 7);
    expect(tasks.map((t) => [t.runId, 'rows' in t ? t.rows : t.csv])).toEqual([
      ['r1', [{ run_id: 'r1', sector: 'c', x: 2.5 }]],
      [
        'r2',
        [
          { run_id: 'r2', sector: 'a, b', x: 1 },
          { run_id: 'r2', sector: 'd', x: 3 },
        ],
      ],
    ]);
    writeFileSync(join(dir, 'survey.csv'), 'run_id,sector,x\nr2,a,1\nr1,c,2.5\n');
    expect(surveyTasks('survey', dir, 7).map((t) => [t.runId, 'csv' in t ? t.csv : t.rows])).toEqual([
      ['r1', 'run_id,sector,x\nr1,c,2.5\n'],
      ['r2', 'run_id,sector,x\nr2,a,1\n'],
    ]);
  });
});

describe('sharingReads (T9 and the report parse the same snapshots and exits once)', () => {
  it('returns the first read’s rows for the same file and range while it runs, and reads again when the file, the range or the scope differ', async () => {
    const dir = scratchDir('share');
    writeFileSync(join(dir, 'exits.csv'), 'run_id,tick\na,1\na,5\nb,9\n');
    writeFileSync(join(dir, 'survey.csv'), 'run_id,x\na,1\n');
    const outside = loadRowsBetween(dir, 'exits.csv', 'tick', 1, 5);
    await sharingReads(['exits.csv'], async () => {
      const first = loadRowsBetween(dir, 'exits.csv', 'tick', 1, 5);
      expect(first).toEqual(outside);
      expect(first).not.toBe(outside);
      expect(loadRowsBetween(dir, 'exits.csv', 'tick', 1, 5)).toBe(first);
      expect(loadRowsBetween(dir, 'exits.csv', 'tick', 1, 9)).toHaveLength(3);
      expect(loadRows(dir, 'survey.csv')).not.toBe(loadRows(dir, 'survey.csv')); // not a shared file
      writeFileSync(join(dir, 'exits.csv'), 'run_id,tick\na,2\n'); // changed (size): read again
      expect(loadRowsBetween(dir, 'exits.csv', 'tick', 1, 5)).toEqual([{ run_id: 'a', tick: 2 }]);
    });
    expect(loadRowsBetween(dir, 'exits.csv', 'tick', 1, 5)).not.toBe(
      loadRowsBetween(dir, 'exits.csv', 'tick', 1, 5),
    );
  });
});
