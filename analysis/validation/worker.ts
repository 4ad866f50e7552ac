/** Worker entry of `estimateAll`: receives an EstimationTask, returns its validation rows. */
import { parentPort, threadId } from 'node:worker_threads';
import { WORKER_LOADED } from '../../sim/run/evaluator.js';
import { type EstimationTask, estimate } from './evaluate.js';
import type { ValidationRow } from './summary.js';

// Queued as a microtask, so it is sent only after the loader has finished with this module (see ThreadPool.close).
queueMicrotask(() => parentPort?.postMessage({ [WORKER_LOADED]: threadId }));

export default function work(task: EstimationTask): ValidationRow[] {
  return estimate(task);
}
