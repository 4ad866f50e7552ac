/** Evaluators run RunSpecs and hand back RunRecords; the sequential one is the reference for the pool. */
import { gzipSync } from 'node:zlib';
import { type RunResult, type RunSpec, runOne } from '../runOne.js';

/** The message a pool worker sends, with its threadId, once the worker file is loaded (see PoolEvaluator.close). */
export const WORKER_LOADED = 'smesim-worker-loaded';

/**
 * A finished run as the sink needs it: status, and for a successful run its RunOutput as gzipped JSON,
 * the bytes of its result file. Workers serialise and compress the output themselves, so the main
 * thread only writes bytes (a single buffer crosses the thread boundary instead of thousands of table
 * cells, and the compression runs in parallel).
 */
export interface RunRecord {
  runId: string;
  ok: boolean;
  error?: string;
  stored?: Uint8Array;
}

/**
 * gzip level of the result files. Level 1 keeps 31% of a 5,000-firm run's JSON (3.8 MB → 1.2 MB) in
 * about 50 ms; the default level 6 keeps 28% in twice the time.
 */
const GZIP_LEVEL = 1;

/** Encode a RunResult as a RunRecord. */
export function toRecord(result: RunResult): RunRecord {
  return result.ok
    ? { runId: result.runId, ok: true, stored: gzipSync(JSON.stringify(result), { level: GZIP_LEVEL }) }
    : { runId: result.runId, ok: false, error: result.error };
}

/** Runs specs, calling `onRecord` once per spec (in any order); never rejects for a failed run. */
export interface Evaluator {
  readonly workers: number;
  evaluate(specs: RunSpec[], onRecord: (record: RunRecord, durationMs: number) => void): Promise<void>;
  close(): Promise<void>;
}

/** Runs specs one after another on this thread. */
export class SequentialEvaluator implements Evaluator {
  readonly workers = 1;
  async evaluate(specs: RunSpec[], onRecord: (record: RunRecord, durationMs: number) => void): Promise<void> {
    for (const spec of specs) {
      const start = process.hrtime.bigint();
      const record = toRecord(runOne(spec));
      onRecord(record, Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  async close(): Promise<void> {}
}
