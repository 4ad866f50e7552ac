/**
 * Reading scenario files: YAML → plain object → validated Scenario. Errors carry file, line and column,
 * the field's path, what is wrong and how to fix it.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { type Scenario, scenarioSchema } from './scenario.js';

/** One problem in a scenario file. */
export interface ScenarioProblem {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

/** Thrown when a scenario cannot be used; holds every problem found. */
export class ScenarioError extends Error {
  constructor(readonly problems: ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
  }
}

/** `file:line:col: path: message`. */
export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** Read and validate a scenario file. */
export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ScenarioError([{ file, line: 0, col: 0, path: '', message: 'cannot read the file; check the path' }]);
  }
  return parseScenarioText(text, file);
}

/** Validate scenario YAML text (file is used in messages). */
export function parseScenarioText(text: string, file: string): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const where = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => {
        const pos = where(e.pos[0]);
        return { file, line: pos.line, col: pos.col, path: '', message: `malformed YAML: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  const data = doc.toJS() ?? {};
  const result = scenarioSchema.safeParse(data);
  if (result.success) return result.data;
  throw new ScenarioError(
    result.error.issues.map((issue) => {
      const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number] } | undefined;
      const parentNode = doc.getIn(issue.path.slice(0, -1) as (string | number)[], true) as { range?: [number, number] } | undefined;
      const offset = node?.range?.[0] ?? parentNode?.range?.[0] ?? 0;
      const pos = where(offset);
      return { file, line: pos.line, col: pos.col, path: issue.path.join('.'), message: describeIssue(issue) };
    }),
  );
}

/** A readable message for a zod issue. */
function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.message;
}
