/**
 * Field builders for the scenario schema: every parameter carries its default, range, unit and
 * a one-line description here, and `describe`, the JSON Schema and the docs table are made from it.
 */
import { z } from 'zod';

/** A real-valued parameter with default, inclusive range, unit and description. */
export function num(def: number, min: number, max: number, unit: string, description: string) {
  return z.number().min(min).max(max).default(def).meta({ unit, description });
}

/** An integer parameter with default, inclusive range, unit and description. */
export function int(def: number, min: number, max: number, unit: string, description: string) {
  return z.int().min(min).max(max).default(def).meta({ unit, description });
}

/** An on/off switch. */
export function flag(def: boolean, description: string) {
  return z.boolean().default(def).meta({ unit: 'on/off', description });
}

/** The six partner types, in the order used for arrays and output columns. */
export const PARTNER_TYPES = [
  'supplier',
  'customer',
  'competitor',
  'consultant',
  'university',
  'research',
] as const;
/** The five kinds of external organisation (competitors are other firms). */
export const ORG_TYPES = ['supplier', 'customer', 'consultant', 'university', 'research'] as const;
