import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from '@uwdata/flechette';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { cli, tinyScenario } from './helpers.js';

describe('columnar outputs', () => {
  it('writes Arrow IPC and Parquet copies with the same rows as the CSV', async () => {
    const { dir, file } = tinyScenario('', 2);
    const out = join(dir, 'o');
    expect(cli(['run', file, '--out', out, '--workers', '1', '--format', 'arrow,parquet']).status).toBe(0);
    const csv = aq.fromCSV(readFileSync(join(out, 'survey.csv'), 'utf8')).objects();
    const arrow = tableFromIPC(readFileSync(join(out, 'survey.arrow'))).toArray();
    const buf = readFileSync(join(out, 'survey.parquet'));
    const parquet = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) });
    expect(arrow).toHaveLength(csv.length);
    expect(parquet).toHaveLength(csv.length);
    expect(arrow[3]!.run_id).toBe(csv[3]!.run_id);
    expect(parquet[5]!.sli_true).toBeCloseTo(Number(csv[5]!.sli_true), 6);
  });
});
