/** Worker entry: receives a RunSpec, returns a RunRecord (output already serialised). runOne never throws. */
import { type RunSpec, runOne } from '../runOne.js';
import { type RunRecord, toRecord } from './evaluator.js';
import { faultFor, injectFault } from './faults.js';

export default function work(spec: RunSpec): RunRecord | Promise<RunRecord> {
  const fault = faultFor(spec.runId);
  if (fault) {
    const pending = injectFault(fault);
    if (pending) return pending;
  }
  return toRecord(runOne(spec));
}
