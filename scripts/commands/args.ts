/** Parsers and help of the command-line arguments several commands share. */
import { InvalidArgumentError } from 'commander';
import type { ColumnarFormat } from '../../sim/run/columnar.js';
import { parseShard } from './basics.js';

/** A whole number of at least 1, for the option `what`. */
export const count = (what: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`${what} must be a whole number of at least 1 (got '${v}')`);
  return n;
};
/** A master seed: a whole number ≥ 0. */
export const seedArg = (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InvalidArgumentError(`the seed must be a whole number ≥ 0 (got '${v}')`);
  return n;
};
/** A comma-separated list of distinct master seeds. */
export const seedsArg = (v: string) => {
  const seeds = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map(seedArg);
  if (seeds.length === 0)
    throw new InvalidArgumentError(`give a comma-separated list of seeds, e.g. 20261123,7,99 (got '${v}')`);
  if (new Set(seeds).size !== seeds.length) throw new InvalidArgumentError(`a seed appears twice in '${v}'`);
  return seeds;
};
/** The columnar formats to write besides CSV ('arrow', 'parquet'). */
export const formatsArg = (v: string) => {
  const list = v
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f && f !== 'csv');
  for (const f of list)
    if (f !== 'arrow' && f !== 'parquet')
      throw new InvalidArgumentError(
        `unknown format '${f}': use csv, arrow, parquet or a list like arrow,parquet`,
      );
  return list as ColumnarFormat[];
};
/** A shard 'i/n' (1-based). */
export const shardArg = (v: string) => {
  try {
    return parseShard(v);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
};

/** Collect a repeatable option's values. */
export const collect = (v: string, previous: string[] = []) => [...previous, v];
/** The help of --set. */
export const SET_HELP =
  'override a scenario field, e.g. --set sli.convergenceRate=2.2 (repeatable; checked like ' +
  'the file; `smesim describe` lists the fields)';
