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
      .map((f) => ({ f, names: outsideNames(f) }))
      .filter((o) => o.names.length > 0)
      .map((o) => `${o.f}: ${o.names.join(', ')}`);
    expect(offenders).toEqual([]);
  });

  it('the specification documents exist', () => {
    const files = tracked();
    expect(files).toContain('docs/ODD.md');
    expect(files).toContain('docs/VALIDATION.md');
  });
});
