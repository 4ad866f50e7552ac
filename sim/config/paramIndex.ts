/** The scenario's parameters by dotted path, looked up by the loader, the sweep check and `describe`. */
import { listParameters, paramAt, type ParamInfo } from './introspect.js';
import { scenarioSchema } from './scenario.js';

let PARAMS: Map<string, ParamInfo> | undefined;
/** Parameter facts by dotted path (array indexes removed). */
export function paramIndex(): Map<string, ParamInfo> {
  PARAMS ??= new Map(listParameters(scenarioSchema).map((p) => [p.path, p]));
  return PARAMS;
}

/** Parameter facts at a dotted path, which may pick list elements by number (`dynamism.shocks.0.magnitude`). */
export function paramInfo(path: string): ParamInfo | undefined {
  return paramIndex().get(path) ?? (/\.\d+(\.|$)/.test(path) ? paramAt(scenarioSchema, path) : undefined);
}
