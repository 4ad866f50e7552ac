/** Worker entry: receives a RunSpec, returns a RunResult. runOne never throws, so nothing crosses as an exception. */
import { type RunResult, type RunSpec, runOne } from '../runOne.js';

export default function work(spec: RunSpec): RunResult {
  return runOne(spec);
}
