/** Worker entry: receives a RunSpec, returns a RunRecord (output already serialised). runOne never throws. */
import { type RunSpec, runOne } from '../runOne.js';
import { type RunRecord, WORKER_LOADED, toRecord } from './evaluator.js';
import { faultFor, injectFault } from './faults.js';
import { parentPort, threadId } from 'node:worker_threads';

// Queued as a microtask, so it is sent only after the loader has finished with this module.
queueMicrotask(() => parentPort?.postMessage({ [WORKER_LOADED]: threadId }));

export default function work(spec: RunSpec): RunRecord | Promise<RunRecord> {
  const fault = faultFor(spec.runId); // test seam (faults.ts): undefined unless SMESIM_FAULTS is set
  if (fault) {
    const pending = injectFault(fault);
    if (pending) return pending;
  }
  return toRecord(runOne(spec));
}
