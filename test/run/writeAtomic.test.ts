/** writeAtomic leaves no temp file behind when the write or the rename fails (a full disk, say). */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scratchDir } from '../scratch.js';

/** When set, node:fs's writeFileSync writes part of the content, then fails as a full disk does. */
const disk = vi.hoisted(() => ({ full: false }));

vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return {
    ...real,
    writeFileSync: (...args: Parameters<typeof real.writeFileSync>) => {
      if (!disk.full) return real.writeFileSync(...args);
      real.writeFileSync(args[0], 'half of it');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
        code: 'ENOSPC',
        syscall: 'write',
      });
    },
  };
});

const { writeAtomic } = await import('../../sim/run/outputs.js');

afterEach(() => {
  disk.full = false;
});

describe('writeAtomic', () => {
  it('on a full disk: throws ENOSPC, keeps the old content and leaves no temp file', () => {
    const dir = scratchDir('atomic-full');
    const path = join(dir, 'survey.csv');
    writeAtomic(path, 'old\n');
    disk.full = true;
    expect(() => writeAtomic(path, 'new\n')).toThrow(/ENOSPC/);
    disk.full = false;
    expect(fs.readFileSync(path, 'utf8')).toBe('old\n');
    expect(fs.readdirSync(dir)).toEqual(['survey.csv']);
  });

  it('when the rename fails (a folder in the way): throws and leaves no temp file', () => {
    const dir = scratchDir('atomic-rename');
    fs.mkdirSync(join(dir, 'report.html'));
    expect(() => writeAtomic(join(dir, 'report.html'), '<html>')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['report.html']);
  });

  it('writes the whole content otherwise', () => {
    const dir = scratchDir('atomic-ok');
    writeAtomic(join(dir, 'a', 'b.txt'), 'content');
    expect(fs.readFileSync(join(dir, 'a', 'b.txt'), 'utf8')).toBe('content');
    expect(fs.readdirSync(join(dir, 'a'))).toEqual(['b.txt']);
  });
});
