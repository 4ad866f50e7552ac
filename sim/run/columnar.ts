/** Columnar copies of the tables for large sweeps: Arrow IPC (flechette) and Parquet (hyparquet-writer). */
import { float64, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Table } from '../runOne.js';

/** Output formats besides CSV. */
export type ColumnarFormat = 'arrow' | 'parquet';

/** Columns of a table: numeric columns as Float64Array, others (or mixed) as strings. */
function columns(table: Table): { name: string; numeric: boolean; values: Float64Array | string[] }[] {
  return table.columns.map((name, j) => {
    const numeric = table.rows.every((r) => typeof r[j] === 'number');
    return {
      name,
      numeric,
      values: numeric
        ? Float64Array.from(table.rows, (r) => r[j] as number)
        : table.rows.map((r) => String(r[j] ?? '')),
    };
  });
}

/** The table as an Arrow IPC file. */
export function toArrow(table: Table): Uint8Array {
  const cols = columns(table);
  const data = Object.fromEntries(cols.map((c) => [c.name, c.values]));
  const types = Object.fromEntries(cols.map((c) => [c.name, c.numeric ? float64() : utf8()]));
  return tableToIPC(tableFromArrays(data, { types }), { format: 'file' }) as Uint8Array;
}

/** The table as a Parquet file. */
export function toParquet(table: Table): Uint8Array {
  const columnData = columns(table).map((c) => ({
    name: c.name,
    data: c.numeric ? Array.from(c.values as Float64Array) : (c.values as string[]),
    type: c.numeric ? ('DOUBLE' as const) : ('STRING' as const),
  }));
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}
