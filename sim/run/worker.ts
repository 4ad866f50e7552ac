/** Worker entry: receives a RunSpec, returns a RunResult. runOne never throws, so nothing crosses as an exception. */
import { type RunResult, type RunSpec, runOne } from '../runOne.js';
import { faultFor, injectFault } from './faults.js';

export default function work(spec: RunSpec): RunResult | Promise<RunResult> {
  const fault = faultFor(spec.runId);
  if (fault) return injectFault(fault) ?? runOne(spec);
  return runOne(spec);
}
