/** The plain data of scenario files before validation: merging layers and reading values by path. */

/** A group of `field: value` pairs as read from YAML. */
export type Obj = Record<string, unknown>;

/** Whether a value is a group of fields (not a list, not null). */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge: groups merge field by field; everything else (values, lists) the child replaces. */
export function deepMerge(parent: Obj, child: Obj): Obj {
  const out: Obj = { ...parent };
  for (const [k, v] of Object.entries(child))
    out[k] = isObj(v) && isObj(out[k]) ? deepMerge(out[k] as Obj, v) : v;
  return out;
}

/** Value at a path of a plain object. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Obj)[k as string] : undefined;
  return v;
}
