/**
 * T9's shock: when it hits (30 quarters before the end, so that exits can be followed for 20 quarters
 * after it) and what it is (a 60% redraw, or what `validate-model --shock` gives).
 */
import { parse as parseYaml } from 'yaml';
import { paramAt } from '../../sim/config/introspect.js';
import { shockSchema } from '../../sim/config/levers.js';
import { valueAt } from '../../sim/config/load.js';
import { closest, issueMessage, show, unknownSector } from '../../sim/config/messages.js';
import { type Scenario, scenarioSchema } from '../../sim/config/scenario.js';
import { InputError } from './basics.js';
import { SHOCK_HORIZON, type T9Shock, shockTickOf } from '../../analysis/validation/variants.js';

/** The parameter facts of a shock's field, for its messages. */
const shockParam = (path: string[]) =>
  paramAt(scenarioSchema, ['dynamism', 'shocks', '0', ...path].join('.'));
/** T9's shock unless --shock gives another: 60% of the contribution entries redrawn, in every sector and domain. */
const DEFAULT_SHOCK = { magnitude: 0.6 };

const SHOCK_EXAMPLE = "e.g. --shock '{magnitude: 1, domains: [process]}'";

/**
 * `--shock`: the fields of T9's shock (all of a scenario's shock fields but its quarter, which T9 sets), read
 * as YAML and checked like a shock in a scenario file; every mistake is named at once (exit 2, nothing run).
 */
export function shockOption(text: string | undefined, s: Scenario): T9Shock {
  if (text === undefined) return { tick: shockTickOf(s), ...DEFAULT_SHOCK };
  const fail = (problems: string[]) =>
    new InputError(problems.map((problem) => `--shock ${text}: ${problem}`).join('\n'));
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (err) {
    throw fail([
      `cannot be read (${(err as Error).message.split('\n')[0]}); write the shock's fields in braces, ${SHOCK_EXAMPLE}`,
    ]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw fail([`expected the shock's fields in braces (got ${show(value)}); ${SHOCK_EXAMPLE}`]);
  const { tick, ...fields } = value as Record<string, unknown>;
  const problems: string[] = [];
  if ('tick' in (value as object))
    problems.push(
      `tick: T9's shock hits in quarter ${shockTickOf(s)}, 30 quarters before the end, so that ` +
        `T9 can follow exits for ${SHOCK_HORIZON} quarters after it (got ${show(tick)}); leave ` +
        `tick out`,
    );
  const shock = { tick: shockTickOf(s), ...fields };
  const checked = shockSchema.safeParse(shock);
  const names = Object.keys(shockSchema.shape).filter((k) => k !== 'tick');
  for (const issue of checked.success ? [] : checked.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const near = closest(key, [...names, 'tick']);
        const hint =
          near === 'tick'
            ? `T9 sets the quarter (${shockTickOf(s)}), so leave it out; the other fields are`
            : near
              ? `did you mean '${near}'? The fields are`
              : 'the fields are';
        problems.push(`${key}: is not a field of a shock (got '${key}'); ${hint} ${names.join(', ')}`);
      }
      continue;
    }
    const path = issue.path.map(String);
    problems.push(`${path.join('.')}: ${issueMessage(issue, valueAt(shock, issue.path), shockParam(path))}`);
  }
  const sectors = Array.isArray(fields.sectors)
    ? fields.sectors.filter((x): x is string => typeof x === 'string')
    : [];
  for (const name of sectors)
    if (!s.sectors.includes(name)) problems.push(`sectors: ${unknownSector(name, s.sectors)}`);
  if (problems.length > 0) throw fail(problems);
  // as written (checked above), not the parsed value: a default the parse adds would change the shock
  // variant's scenario, and an existing folder would no longer resume
  return shock as T9Shock;
}
