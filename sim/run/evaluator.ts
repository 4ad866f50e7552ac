/** Evaluators run RunSpecs and hand back RunRecords; the sequential one is the reference for the pool. */
import { type RunResult, type RunSpec, runOne } from '../runOne.js';

/** The message a pool worker sends, with its threadId, once the worker file is loaded (see PoolEvaluator.close). */
export const WORKER_LOADED = 'smesim-worker-loaded';

/**
 * A finished run as the sink needs it: status, and for a successful run its RunOutput as JSON text.
 * Workers serialise the output themselves, so the main thread only writes a string (a single copy
 * crosses the thread boundary instead of thousands of table cells).
 */
export interface RunRecord {
  runId: string;
  ok: boolean;
  error?: string;
  json?: string;
}

/** Encode a RunResult as a RunRecord. */
export function toRecord(result: RunResult): RunRecord {
  return result.ok ? { runId: result.runId, ok: true, json: JSON.stringify(result) } : { runId: result.runId, ok: false, error: result.error };
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
