import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputPathError, fsReason, makeFolder, prepareOutputDir } from '../../sim/run/outputs.js';
import { scratchDir } from '../scratch.js';

describe('prepareOutputDir', () => {
  it('creates missing folders, parents included, and accepts an existing one', () => {
    const dir = scratchDir('outdir');
    const deep = join(dir, 'a', 'b', 'c');
    prepareOutputDir(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    prepareOutputDir(deep); // again: nothing to do
  });

  it('takes a folder another process made between its look and its mkdir, but not a file in the way', () => {
    // two shards of one calibration generation, started at once on a cluster, both create shards/gen-NNN
    const dir = scratchDir('outdir');
    const made = join(dir, 'made-by-the-other');
    makeFolder(made);
    expect(() => makeFolder(made)).not.toThrow(); // a plain mkdir throws EEXIST here
    expect(statSync(made).isDirectory()).toBe(true);
    writeFileSync(join(dir, 'file'), '');
    expect(() => makeFolder(join(dir, 'file'))).toThrow(expect.objectContaining({ code: 'EEXIST' }));
  });

  it('says which part of the path is a file', () => {
    const dir = scratchDir('outdir');
    writeFileSync(join(dir, 'f'), '');
    expect(() => prepareOutputDir(join(dir, 'f'))).toThrow(
      new OutputPathError(
        `cannot use ${join(dir, 'f')} as the output folder: it is a file, not a folder; choose another --out`,
      ),
    );
    expect(() => prepareOutputDir(join(dir, 'f', 'g', 'h'))).toThrow(
      `${join(dir, 'f')} is a file, not a folder`,
    );
    expect(existsSync(join(dir, 'f', 'g'))).toBe(false);
  });

  it.runIf(existsSync('/proc/self'))(
    'returns with an error where a recursive mkdir would never return (/proc on Node 20)',
    () => {
      expect(() => prepareOutputDir('/proc/smesim-out/x')).toThrow(
        /cannot use \/proc\/smesim-out\/x as the output folder: .*\(ENOENT\)/,
      );
    },
  );

  it('words file-system error codes', () => {
    expect(fsReason(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe(
      'no space left on the device (ENOSPC)',
    );
    expect(fsReason(Object.assign(new Error('odd'), { code: 'EWHAT' }))).toBe('odd (EWHAT)');
    expect(fsReason(new Error('plain'))).toBe('plain');
    // a missing path means different things when creating a folder and when reading a file
    expect(fsReason(Object.assign(new Error('x'), { code: 'ENOENT', syscall: 'mkdir' }))).toBe(
      'a part of the path does not exist and cannot be created (ENOENT)',
    );
    expect(fsReason(Object.assign(new Error('x'), { code: 'ENOENT', syscall: 'open' }))).toBe(
      'no such file or folder (ENOENT)',
    );
  });
});
