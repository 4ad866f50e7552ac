/**
 * A generation run in shards (one cluster task each, `smesim calibrate --shard i/n`) comes back into the
 * calibration here: the shards' finished runs (their result files and ledger lines) are copied into the
 * generation's own folder, which then resumes as if it had run them itself (same plan, same results:
 * the tables are the same bytes). Runs no shard finished are run by the command that imports.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Scenario } from '../../sim/config/scenario.js';
import type { RunPlan } from '../../sim/plan/plan.js';
import type { Shard } from '../../sim/run/execute.js';
import { latestEntries, readLedger, readResult, storedResultFile } from '../../sim/run/ledger.js';
import { buildManifest, planHash, readManifest } from '../../sim/run/manifest.js';
import { writeAtomic } from '../../sim/run/outputs.js';

/** The folder of shard i of n of generation g (0-based): shards/gen-002/shard-1-of-4. */
export function shardDir(outDir: string, g: number, shard: Shard): string {
  return join(
    outDir,
    'shards',
    `gen-${String(g + 1).padStart(3, '0')}`,
    `shard-${shard.index}-of-${shard.count}`,
  );
}

/**
 * Copy the runs the shards of generation g finished into its folder `dir`, when that folder has not
 * started yet (a started folder resumes on its own). Returns how many runs were copied.
 */
export function importShards(
  outDir: string,
  g: number,
  dir: string,
  scenario: Scenario,
  plan: RunPlan,
  scenarioFiles: string[],
): number {
  const root = join(outDir, 'shards', `gen-${String(g + 1).padStart(3, '0')}`);
  if (!existsSync(root) || readManifest(dir)) return 0;
  const wanted = new Set(plan.specs.map((s) => s.runId));
  const lines: string[] = [];
  mkdirSync(join(dir, 'runs'), { recursive: true });
  const hash = planHash(plan);
  for (const name of readdirSync(root).sort()) {
    const shard = join(root, name);
    if (readManifest(shard)?.planHash !== hash) continue; // another plan's shard (left from an earlier calibration)
    for (const [runId, entry] of latestEntries(readLedger(shard))) {
      // only runs of this very plan, finished, whose result parses
      if (!wanted.has(runId) || entry.status !== 'ok' || !readResult(shard, runId)) continue;
      const file = storedResultFile(shard, runId)!;
      copyFileSync(file, join(dir, 'runs', basename(file)));
      lines.push(JSON.stringify(entry));
      wanted.delete(runId);
    }
  }
  // the manifest first: executePlan then takes the folder for this plan's own, and resumes from its ledger
  writeAtomic(
    join(dir, 'manifest.json'),
    JSON.stringify(buildManifest(scenario, plan, scenarioFiles, null), null, 2) + '\n',
  );
  writeAtomic(join(dir, 'ledger.jsonl'), lines.length > 0 ? lines.join('\n') + '\n' : '');
  return lines.length;
}
