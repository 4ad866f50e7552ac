/**
 * Vitest global setup: one scratch folder for the whole test run (`smesim-test-*` in the system's temp
 * folder), handed to the test workers through `provide`, and removed when every test file has finished.
 * Tests make their folders inside it with `scratchDir` (test/scratch.ts), so `npm test` leaves nothing
 * behind in the temp folder. Set SMESIM_KEEP_TEST_FILES=1 to keep it for a look after a failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type {} from '../scratch.js';

export default function setup({ provide }: TestProject): () => void {
  const root = mkdtempSync(join(tmpdir(), 'smesim-test-'));
  provide('scratchRoot', root);
  return () => {
    if (process.env.SMESIM_KEEP_TEST_FILES) process.stderr.write(`test files kept in ${root}\n`);
    else rmSync(root, { recursive: true, force: true });
  };
}
