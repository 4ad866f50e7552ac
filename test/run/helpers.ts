/** Helpers for runner tests: a tiny scenario file, the built CLI, table comparison. */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../scratch.js';

export const CLI = join('dist', 'scripts', 'cli.js');
export const TABLE_FILES = ['runs.csv', 'timeseries.csv', 'survey.csv', 'exits.csv'];

/** A temporary directory with a small scenario file in it. */
export function tinyScenario(
  extra = '',
  replicates = 8,
  population = 80,
  ticks = 40,
): { dir: string; file: string } {
  const dir = scratchDir('run');
  const file = join(dir, 'tiny.yaml');
  writeFileSync(
    file,
    `name: tiny\nreplicates: ${replicates}\npopulation: ${population}\nticks: ${ticks}\nburnIn: 10\nregions: 2\nsectors: [a, b]\n${extra}`,
  );
  return { dir, file };
}

/** Run the CLI to completion. */
export function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync('node', [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

/** Start the CLI and return the child process (for kill tests). */
export function cliAsync(args: string[]) {
  return spawn('node', [CLI, ...args], { stdio: 'ignore' });
}

/** The merged tables of an output directory, as text. */
export function tables(dir: string): Record<string, string> {
  return Object.fromEntries(TABLE_FILES.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}
