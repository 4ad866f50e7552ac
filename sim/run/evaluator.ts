/** Evaluators run RunSpecs and hand back RunResults; the sequential one is the reference for the pool. */
import { type RunResult, type RunSpec, runOne } from '../runOne.js';

/** Runs specs, calling `onResult` once per spec (in any order); never rejects for a failed run. */
export interface Evaluator {
  readonly workers: number;
  evaluate(specs: RunSpec[], onResult: (result: RunResult, durationMs: number) => void): Promise<void>;
  close(): Promise<void>;
}

/** Runs specs one after another on this thread. */
export class SequentialEvaluator implements Evaluator {
  readonly workers = 1;
  async evaluate(specs: RunSpec[], onResult: (result: RunResult, durationMs: number) => void): Promise<void> {
    for (const spec of specs) {
      const start = process.hrtime.bigint();
      const result = runOne(spec);
      onResult(result, Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  async close(): Promise<void> {}
}
