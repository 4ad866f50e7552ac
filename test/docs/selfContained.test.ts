/**
 * The repository is self-contained: no tracked file names a document the project does not hold (the
 * retired external specification) or a folder outside the repository (the shared design folder).
 * The specification lives in docs/ODD.md and docs/VALIDATION.md.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

/** Names of files outside the repository, built so that this file does not contain them itself. */
const OUTSIDE = [['MODEL', 'md'].join('.'), ['..', 'shared'].join('/'), ['shared', 'design'].join('/')];

/**
 * Files other changes still have to clean; each must shrink to nothing, not grow. Remove an entry
 * once its file no longer names anything outside the repository (the test says so).
 */
const NOT_YET: readonly string[] = [
  'analysis/report/validationSection.ts',
  'analysis/validation/targets.ts',
  'docs/CALIBRATION.md',
  'docs/columns.md',
  'sim/model/policies.ts',
  'sim/run/codebook.ts',
  'test/validation/fast.test.ts',
];

const tracked = (): string[] =>
  execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);

/** The outside names a file's text holds (binary files are skipped). */
function outsideNames(file: string): string[] {
  const text = readFileSync(root + file, 'utf8');
  if (text.includes('\0')) return [];
  return OUTSIDE.filter((name) => text.includes(name));
}

describe('the repository references only files it holds', () => {
  it('no tracked file names the external specification or a folder outside the repository', () => {
    const offenders = tracked()
      .filter((f) => !NOT_YET.includes(f))
      .map((f) => ({ f, names: outsideNames(f) }))
      .filter((o) => o.names.length > 0)
      .map((o) => `${o.f}: ${o.names.join(', ')}`);
    expect(offenders).toEqual([]);
  });

  it('every file on the not-yet list still needs it (remove the entries that are clean)', () => {
    const files = new Set(tracked());
    const clean = NOT_YET.filter((f) => !files.has(f) || outsideNames(f).length === 0);
    expect(clean).toEqual([]);
  });

  it('the specification documents exist', () => {
    const files = tracked();
    expect(files).toContain('docs/ODD.md');
    expect(files).toContain('docs/VALIDATION.md');
  });
});
