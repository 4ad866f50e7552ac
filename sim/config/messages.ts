/**
 * Turning validation issues into messages an analyst can act on:
 * `what is wrong (got VALUE); how to fix`, with a did-you-mean where a name is close to a real one.
 */
import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { ParamInfo } from './introspect.js';

/** The closest candidate to `word`, if close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * A misspelt field name written without its group ('trainig'): the hint "did you mean 'training'
 * (policies.training)?", naming the nearest field's own name (the last part of its path) and every path that
 * ends in it, or undefined when no name is near.
 */
export function nearestFieldHint(word: string, paths: readonly string[]): string | undefined {
  const nameOf = (path: string) => path.slice(path.lastIndexOf('.') + 1);
  const name = closest(word, [...new Set(paths.map(nameOf))]);
  return name === undefined
    ? undefined
    : `did you mean '${name}' (${paths.filter((p) => nameOf(p) === name).join(', ')})?`;
}

/**
 * A shock's sector that the scenario does not have: the message, with the sector probably meant ('metals' →
 * 'metal-products').
 */
export function unknownSector(name: string, sectors: readonly string[]): string {
  // a typo, or a word of the name: 'food' or 'drink' for food-drink, 'metals' for metal-products
  const word = name.toLowerCase();
  const byWord = (match: (w: string) => boolean) => sectors.find((x) => x.split('-').some(match));
  const near =
    closest(name, sectors) ??
    (word.length >= 4
      ? (byWord((w) => w === word) ??
        byWord((w) => w.length >= 4 && (w.startsWith(word) || word.startsWith(w))))
      : undefined);
  return (
    `unknown sector (got ${show(name)}); ${near ? `did you mean '${near}'? ` : ''}use one of: ` +
    `${sectors.join(', ')}`
  );
}

/** How many elements a list has and their numbers, as problems name them: "1 element, number 0". */
export function listElements(length: number): string {
  return length === 0
    ? 'no elements'
    : length === 1
      ? '1 element, number 0'
      : `${length} elements, numbers 0 to ${length - 1}`;
}

/** A value as it should appear in a message. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `'${brief(v)}'`;
  return brief(JSON.stringify(v) ?? String(v));
}

/** Longest quotation of a bad value in a message: enough to recognise it, never a whole file. */
const QUOTE_MAX = 80;

/** Text as a message quotes it: on one line, and cut to `QUOTE_MAX` characters with '…'. */
export function brief(text: string, max = QUOTE_MAX): string {
  const line = text.replace(/\s*\n\s*/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list, e.g. [a, b]',
  object: 'a group of indented `field: value` lines',
};

/** Range text of a numeric parameter. */
function rangeText(info: ParamInfo | undefined): string {
  if (!info || info.min === undefined || info.max === undefined) return '';
  return `use a value from ${info.min} to ${info.max}${info.unit ? ` (${info.unit})` : ''}`;
}

/** Message for one zod issue; `value` is what the file says at the issue's path. */
export function issueMessage(issue: z.core.$ZodIssue, value: unknown, info: ParamInfo | undefined): string {
  switch (issue.code) {
    case 'invalid_type': {
      const want =
        info?.kind === 'integer' ? TYPE_WORDS.int! : (TYPE_WORDS[issue.expected] ?? issue.expected);
      if (value === undefined) return `is required (got nothing); add it as ${want}`;
      const example =
        info?.default !== undefined && typeof info.default !== 'object'
          ? `, e.g. ${String(info.default)}`
          : '';
      const percent = typeof value === 'string' ? /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(value) : null;
      if (percent && issue.expected === 'number')
        return (
          `expected a number (got ${show(value)}); write ` +
          `${info?.unit?.startsWith('share') ? 'a share as a number from 0 to 1' : 'a plain number'}: ` +
          `${Number(percent[1]) / 100} for ${percent[1]}%`
        );
      const hint = typeof value === 'string' && issue.expected.match(/number|int/) ? ' without quotes' : '';
      if (issue.expected === 'int' && typeof value === 'number')
        return `must be a whole number (got ${show(value)}); ${rangeText(info) || 'drop the decimals'}`;
      if (issue.expected === 'array' && (typeof value === 'number' || typeof value === 'string'))
        return (
          `expected a list (got ${show(value)}); put the value in brackets, [${String(value)}], or ` +
          `list several: [${String(value)}, …]`
        );
      if (
        issue.expected === 'array' &&
        issue.path.join('.') === 'sweep.parameters' &&
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value)
      ) {
        const first = Object.keys(value)[0] ?? 'sli.convergenceRate';
        return (
          `expected a list with one item per parameter (got ${show(value)}); write each as an item ` +
          `that starts with '- name:', e.g. '- name: ${first}' with 'levels: [1, 2]' below it (grid) ` +
          `or 'min:' and 'max:' (lhs, sobol, morris), as in scenarios/sweep-example.yaml`
        );
      }
      return `expected ${want} (got ${show(value)}); write ${want}${hint}${example}`;
    }
    case 'too_big':
    case 'too_small': {
      const isBig = issue.code === 'too_big';
      const bound = isBig
        ? (issue as { maximum: number | bigint }).maximum
        : (issue as { minimum: number | bigint }).minimum;
      const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
      if (issue.origin === 'array')
        return (
          `needs ${isBig ? 'at most' : 'at least'} ${bound} item${Number(bound) === 1 ? '' : 's'} ` +
          `(got ${Array.isArray(value) ? value.length : show(value)})`
        );
      if (issue.origin === 'string') return `must not be empty (got ${show(value)}); write some text`;
      const word = isBig ? (inclusive ? 'at most' : 'below') : inclusive ? 'at least' : 'above';
      // an exclusive bound (a shock's magnitude above 0): the range text's "from 0" would contradict it
      const other = isBig
        ? info?.min !== undefined
          ? `, at least ${info.min}`
          : ''
        : info?.max !== undefined
          ? `, at most ${info.max}`
          : '';
      const exclusive = `use a value ${word} ${bound}${other}${info?.unit ? ` (${info.unit})` : ''}`;
      // a percentage where a share is asked for (share: 30): the share it probably means (not for a 2 or a 1.5,
      // more likely a value on another scale than a percentage)
      const percent =
        isBig && info?.unit?.startsWith('share') && typeof value === 'number' && value >= 5 && value <= 100
          ? `; for ${value}% write ${value / 100}`
          : '';
      return (
        `must be ${word} ${bound} (got ${show(value)}); ` +
        `${inclusive ? rangeText(info) || `use a value ${word} ${bound}` : exclusive}${percent}`
      );
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const guess = typeof value === 'string' ? closest(value, options) : undefined;
      return (
        `not an allowed value (got ${show(value)}); ${guess ? `did you mean '${guess}'? ` : ''}use ` +
        `one of: ${options.join(', ')}`
      );
    }
    case 'invalid_union': {
      const u = issue as { discriminator?: string; options?: unknown[] };
      if (u.discriminator && u.options) {
        // undefined: a branch that is the default when the field is left out
        const options = u.options.filter((o) => o !== undefined).map(String);
        const guess = typeof value === 'string' ? closest(value, options) : undefined;
        return (
          `not an allowed value (got ${show(value)}); ${guess ? `did you mean '${guess}'? ` : ''}use ` +
          `one of: ${options.join(', ')}`
        );
      }
      return `does not match any allowed form (got ${show(value)})`;
    }
    case 'invalid_format': {
      const fixed =
        typeof value === 'string'
          ? value
              .trim()
              .replace(/\s+/g, '-')
              .replace(/[^A-Za-z0-9._-]/g, '')
          : '';
      return (
        `has the wrong form (got ${show(value)}); ` +
        (issue.format === 'regex'
          ? `use only letters, digits, dots, dashes and underscores${fixed ? `, e.g. '${fixed}'` : ''}`
          : `expected ${issue.format}`)
      );
    }
    default:
      return `${issue.message} (got ${show(value)})`;
  }
}
