/** The manifest of a run set: what was run, from which inputs, with which software. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../config/scenario.js';
import type { RunPlan } from '../plan/plan.js';
import { packageRoot, packageVersion } from '../packageRoot.js';

/** Contents of manifest.json. */
export interface Manifest {
  tool: 'smesim';
  version: string;
  gitCommit: string | null;
  node: string;
  scenarioFiles: string[];
  scenarioHash: string;
  planHash: string;
  masterSeed: number;
  runs: number;
  shard: { index: number; count: number } | null;
  started: string;
  finished: string | null;
  scenario: Scenario;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Hash of a resolved scenario. */
export function scenarioHash(s: Scenario): string {
  return sha256(JSON.stringify(s));
}

/** Hash of a run plan: every run id with its seed and parameter values. */
export function planHash(plan: RunPlan): string {
  return sha256(JSON.stringify(plan.specs.map((s) => [s.runId, s.seed, s.params ?? {}])));
}

function gitCommit(root: string): string | null {
  try {
    return (
      execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() || null
    );
  } catch {
    return null;
  }
}

/** Build the manifest of a run set about to start. */
export function buildManifest(
  scenario: Scenario,
  plan: RunPlan,
  files: string[],
  shard: Manifest['shard'],
): Manifest {
  const root = packageRoot();
  const version = packageVersion();
  return {
    tool: 'smesim',
    version,
    gitCommit: gitCommit(root),
    node: process.version,
    scenarioFiles: files,
    scenarioHash: scenarioHash(scenario),
    planHash: planHash(plan),
    masterSeed: scenario.seed,
    runs: plan.specs.length,
    shard,
    started: new Date().toISOString(),
    finished: null,
    scenario,
  };
}

/**
 * Where two resolved scenarios differ, as "path (value there, value here)" with dotted paths to the
 * fields (lists compared whole), `there` being the one already in a folder; a field only one of them
 * has (written by another version of smesim) is "absent" in the other.
 */
export function scenarioDifferences(there: unknown, here: unknown, path = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(there) && isObject(here)) {
    const keys = [...new Set([...Object.keys(there), ...Object.keys(here)])];
    return keys.flatMap((k) => scenarioDifferences(there[k], here[k], path ? `${path}.${k}` : k));
  }
  const show = (v: unknown) => {
    if (v === undefined) return 'absent';
    const text = JSON.stringify(v);
    return text.length > 40 ? `${text.slice(0, 37)}…` : text;
  };
  return JSON.stringify(there) === JSON.stringify(here)
    ? []
    : [`${path} (${show(there)} there, ${show(here)} here)`];
}

/** Read an output directory's manifest, if any. */
export function readManifest(outDir: string): Manifest | undefined {
  const path = join(outDir, 'manifest.json');
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}
