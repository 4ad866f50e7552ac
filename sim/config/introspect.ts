/**
 * Reading the scenario schema itself: the list of parameters with default, range, unit and description
 * (for `describe`, the docs and sweep validation) and the fields allowed at a path (for did-you-mean).
 */
import { z } from 'zod';

/** One documented field of the scenario. */
export interface ParamInfo {
  path: string;
  kind: 'number' | 'integer' | 'boolean' | 'enum' | 'string' | 'list' | 'group';
  default?: unknown;
  min?: number;
  max?: number;
  unit?: string;
  description?: string;
  values?: string[];
  /** For fields that exist only under one dynamism schedule. */
  onlyWhen?: string;
  /** A field without a default that must be set whenever its group or list element is written. */
  required?: boolean;
}

type AnySchema = z.core.$ZodType;

/** The parts of zod's internal definition that introspection reads. */
interface Def {
  type: string;
  format?: string;
  innerType?: AnySchema;
  defaultValue?: unknown;
  in?: AnySchema;
  shape?: Record<string, AnySchema>;
  options?: AnySchema[];
  discriminator?: string;
  element?: AnySchema;
  entries?: Record<string, string>;
  values?: unknown[];
}

const defOf = (s: AnySchema) => s._zod.def as unknown as Def;

interface Unwrapped {
  core: AnySchema;
  meta: Record<string, unknown>;
  defaultValue?: unknown;
  /** Whether the field may be left out (it has a default or is optional). */
  optional: boolean;
}

/** Strip default/prefault/optional wrappers, collecting metadata and the default on the way. */
function unwrap(schema: AnySchema): Unwrapped {
  let s = schema;
  const meta: Record<string, unknown> = {};
  let defaultValue: unknown;
  let optional = false;
  for (;;) {
    for (const [k, v] of Object.entries(z.globalRegistry.get(s) ?? {})) if (!(k in meta)) meta[k] = v;
    const def = defOf(s);
    if ((def.type === 'default' || def.type === 'prefault') && def.innerType) {
      if (defaultValue === undefined) defaultValue = def.defaultValue;
      optional = true;
      s = def.innerType;
    } else if (
      (def.type === 'optional' || def.type === 'nullable' || def.type === 'readonly') &&
      def.innerType
    ) {
      optional ||= def.type === 'optional';
      s = def.innerType;
    } else if (def.type === 'pipe' && def.in) s = def.in;
    else return { core: s, meta, defaultValue, optional };
  }
}

/** The kind of a core schema. */
function kindOf(core: AnySchema): ParamInfo['kind'] {
  const def = defOf(core);
  switch (def.type) {
    case 'number':
      return def.format && def.format.includes('int') ? 'integer' : 'number';
    case 'boolean':
      return 'boolean';
    case 'enum':
    case 'literal':
      return 'enum';
    case 'array':
      return 'list';
    case 'object':
    case 'union':
      return 'group';
    default:
      return 'string';
  }
}

/** Allowed values of an enum or literal schema. */
function valuesOf(core: AnySchema): string[] {
  const def = defOf(core);
  return (def.entries ? Object.values(def.entries) : (def.values ?? [])).map(String);
}

interface Field {
  key: string;
  schema: AnySchema;
  onlyWhen?: string;
}

/** Fields of an object schema, or of every option of a discriminated union (merged, tagged by option). */
function shapesOf(core: AnySchema): Field[] {
  const def = defOf(core);
  if (def.type === 'object' && def.shape)
    return Object.entries(def.shape).map(([key, schema]) => ({ key, schema }));
  if (def.type !== 'union' || !def.options || !def.discriminator) return [];
  const tagKey = def.discriminator;
  const tags = def.options.map((o) => valuesOf(unwrap(defOf(o).shape![tagKey]!).core)[0]!);
  const tagSchema = z
    .enum(tags as [string, ...string[]])
    .default(tags[0]!)
    .meta({ description: `Which kind of ${tagKey}: ${tags.join(', ')}.` });
  const out: Field[] = [{ key: tagKey, schema: tagSchema }];
  const seen = new Set<string>([tagKey]);
  def.options.forEach((option, k) => {
    for (const [key, schema] of Object.entries(defOf(option).shape!)) {
      if (key === tagKey) continue;
      const common = def.options!.every((o) => key in defOf(o).shape!);
      if (common && seen.has(key)) continue;
      seen.add(key);
      out.push(common ? { key, schema } : { key, schema, onlyWhen: `${tagKey}: ${tags[k]}` });
    }
  });
  return out;
}

/** What the schema says of one field: kind, default, range, unit, description. */
function infoOf(path: string, child: AnySchema, onlyWhen?: string): ParamInfo {
  const u = unwrap(child);
  const kind = kindOf(u.core);
  const info: ParamInfo = {
    path,
    kind,
    description: u.meta.description as string | undefined,
    unit: u.meta.unit as string | undefined,
  };
  if (onlyWhen) info.onlyWhen = onlyWhen;
  if (!u.optional) info.required = true;
  if (u.defaultValue !== undefined && kind !== 'group') info.default = u.defaultValue;
  if (kind === 'number' || kind === 'integer') {
    const num = u.core as unknown as { minValue: number | null; maxValue: number | null };
    if (num.minValue !== null && Number.isFinite(num.minValue)) info.min = num.minValue;
    if (num.maxValue !== null && Number.isFinite(num.maxValue)) info.max = num.maxValue;
  }
  if (kind === 'enum') info.values = valuesOf(u.core);
  return info;
}

/**
 * Every field of the schema, depth first, in declaration order. With `elements`, the fields of each
 * element of a list of groups follow the list as `list[].field` (e.g. `dynamism.shocks[].tick`);
 * without, lists are not entered (the paths a scenario or `--set` can name).
 */
export function listParameters(schema: AnySchema, prefix = '', elements = false): ParamInfo[] {
  const out: ParamInfo[] = [];
  for (const { key, schema: child, onlyWhen } of shapesOf(unwrap(schema).core)) {
    if (key === '$schema') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const info = infoOf(path, child, onlyWhen);
    out.push(info);
    if (info.kind === 'group') out.push(...listParameters(child, path, elements));
    const element = elements && info.kind === 'list' ? defOf(unwrap(child).core).element : undefined;
    if (element && kindOf(unwrap(element).core) === 'group')
      out.push(...listParameters(element, `${path}[]`, elements));
  }
  return out;
}

/**
 * The field at a dotted path that may pass through list elements by number (e.g.
 * `dynamism.shocks.0.magnitude`), or undefined when the schema has no such field.
 */
export function paramAt(schema: AnySchema, path: string): ParamInfo | undefined {
  let s = schema;
  let onlyWhen: string | undefined;
  for (const key of path.split('.')) {
    const def = defOf(unwrap(s).core);
    if (def.type === 'array' && def.element) {
      if (!/^\d+$/.test(key)) return undefined;
      s = def.element;
      onlyWhen = undefined;
      continue;
    }
    const next = shapesOf(unwrap(s).core).find((e) => e.key === key);
    if (!next) return undefined;
    s = next.schema;
    onlyWhen = next.onlyWhen;
  }
  return infoOf(path, s, onlyWhen);
}

/** Field names allowed directly under `path` (for did-you-mean suggestions). */
export function fieldsAt(schema: AnySchema, path: (string | number)[]): string[] {
  let s: AnySchema = schema;
  for (const key of path) {
    const core = unwrap(s).core;
    const def = defOf(core);
    if (def.type === 'array' && def.element) {
      s = def.element;
      continue;
    }
    const next = shapesOf(core).find((e) => e.key === key);
    if (!next) return [];
    s = next.schema;
  }
  return shapesOf(unwrap(s).core).map((e) => e.key);
}
