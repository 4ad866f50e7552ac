/** A fresh folder for one test, inside the test run's scratch folder (removed after the run; test/setup/scratch.ts). */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  interface ProvidedContext {
    /** The test run's scratch folder, made by test/setup/scratch.ts. */
    scratchRoot: string;
  }
}

export function scratchDir(prefix: string): string {
  return mkdtempSync(join(inject('scratchRoot'), `${prefix}-`));
}
