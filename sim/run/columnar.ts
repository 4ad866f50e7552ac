/** Columnar copies of the tables for large sweeps: Arrow IPC (flechette) and Parquet (hyparquet-writer). */
import { float64, int64, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { SNAPSHOT_COLUMNS } from '../model/snapshot.js';
import type { SUMMARY_COLUMNS } from '../model/summary.js';
import { COOP_COLUMNS, INNOVATION_COLUMNS, type SURVEY_COLUMNS } from '../model/survey.js';
import type { TIMESERIES_COLUMNS } from '../model/observe.js';
import type { EXIT_COLUMNS, Table } from '../runOne.js';

/** Output formats besides CSV. */
export type ColumnarFormat = 'arrow' | 'parquet';

/** The tables that get columnar copies, by their key in a run's output. */
export type TableKey = 'summary' | 'timeseries' | 'survey' | 'exits' | 'snapshots';

type Names<T extends readonly string[]> = readonly T[number][];

/**
 * The columns of each table that hold whole numbers (ids, counts, quarters, 0/1 answers), written as
 * 64-bit integers so that pandas, R and DuckDB read them as integers. Typed by each table's own column
 * list, so a name that is not a column of its table does not compile.
 */
const INTEGER_COLUMNS: {
  summary: Names<typeof SUMMARY_COLUMNS>;
  timeseries: Names<typeof TIMESERIES_COLUMNS>;
  survey: Names<typeof SURVEY_COLUMNS>;
  exits: Names<typeof EXIT_COLUMNS>;
  snapshots: Names<typeof SNAPSHOT_COLUMNS>;
} = {
  summary: ['replicate', 'seed', 'firms', 'surveyed', 'exits'],
  timeseries: ['tick', 'firms', 'entries', 'exits'],
  survey: [
    'replicate',
    'seed',
    'firm_id',
    'region',
    'employees',
    'coop_any',
    ...COOP_COLUMNS,
    'breadth',
    ...INNOVATION_COLUMNS,
  ],
  exits: ['tick', 'firm_id', 'region', 'employees', 'age_quarters'],
  snapshots: ['tick', 'firm_id', 'region', 'employees', 'age_quarters'],
};

type Kind = 'integer' | 'double' | 'text';

/** Columns of a table with their kind: a listed integer column whose values are all whole, other numbers, text. */
function columns(table: Table, key: TableKey | undefined) {
  const integers: readonly string[] = key ? INTEGER_COLUMNS[key] : [];
  return table.columns.map((name, j) => {
    const numeric = table.rows.every((r) => typeof r[j] === 'number');
    const whole = numeric && table.rows.every((r) => Number.isSafeInteger(r[j]));
    const kind: Kind = !numeric ? 'text' : integers.includes(name) && whole ? 'integer' : 'double';
    const values =
      kind === 'text'
        ? table.rows.map((r) => String(r[j] ?? ''))
        : kind === 'integer'
          ? table.rows.map((r) => BigInt(r[j] as number))
          : Float64Array.from(table.rows, (r) => r[j] as number);
    return { name, kind, values };
  });
}

/** The table as an Arrow IPC file (`key`: which table it is, for its integer columns). */
export function toArrow(table: Table, key?: TableKey): Uint8Array {
  const cols = columns(table, key);
  const data = Object.fromEntries(cols.map((c) => [c.name, c.values]));
  const type = { integer: int64, double: float64, text: utf8 };
  const types = Object.fromEntries(cols.map((c) => [c.name, type[c.kind]()]));
  return tableToIPC(tableFromArrays(data, { types }), { format: 'file' }) as Uint8Array;
}

/** The table as a Parquet file (`key`: which table it is, for its integer columns). */
export function toParquet(table: Table, key?: TableKey): Uint8Array {
  const type = { integer: 'INT64', double: 'DOUBLE', text: 'STRING' } as const;
  const columnData = columns(table, key).map((c) => ({
    name: c.name,
    data: c.kind === 'double' ? Array.from(c.values as Float64Array) : (c.values as string[] | bigint[]),
    type: type[c.kind],
  }));
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}
