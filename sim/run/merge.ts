/**
 * Joining shard directories into one run set. The shards must come from one plan; together they must
 * hold every run exactly once. The merged tables equal those of a single-machine run, byte for byte.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { makeRunPlan } from '../plan/plan.js';
import type { RunOutput } from '../runOne.js';
import type { ColumnarFormat } from './columnar.js';
import { type LedgerEntry, latestEntries, readLedger, readResult, storedResultFile } from './ledger.js';
import { type Manifest, planHash, readManifest } from './manifest.js';
import { prepareOutputDir, writeAtomic, writeTables } from './outputs.js';

/** Raised when shards cannot be merged; the message says what is wrong. */
export class MergeError extends Error {}

/** What a merge did. */
export interface MergeSummary {
  runs: number;
  ok: number;
  failed: { runId: string; error: string }[];
  files: string[];
}

/** Merge shard directories into outDir. */
export function mergeShards(
  dirs: string[],
  outDir: string,
  formats: ColumnarFormat[] = [],
  force = false,
): MergeSummary {
  const manifests: Manifest[] = dirs.map((d) => {
    const m = readManifest(d);
    if (!m)
      throw new MergeError(
        `${d} has no manifest.json: it is not a smesim output directory (or the shard never started)`,
      );
    return m;
  });
  const first = manifests[0]!;
  manifests.forEach((m, k) => {
    if (m.planHash !== first.planHash)
      throw new MergeError(
        `${dirs[k]} belongs to another plan (${m.planHash.slice(0, 8)} ≠ ` +
          `${first.planHash.slice(0, 8)} of ${dirs[0]}); merge only shards of one sweep`,
      );
  });
  const plan = makeRunPlan(first.scenario);
  if (planHash(plan) !== first.planHash)
    throw new MergeError(
      `the shards were planned by another version of smesim (plan hash differs); merge with the ` +
        `version that ran them (${first.version})`,
    );
  prepareOutputDir(outDir);
  if (readdirSync(outDir).length > 0 && !force)
    throw new MergeError(`output directory ${outDir} is not empty; choose another --out or add --force`);

  const found = new Map<string, { dir: string; entry: LedgerEntry }>();
  const duplicates: string[] = [];
  dirs.forEach((dir) => {
    for (const [runId, entry] of latestEntries(readLedger(dir))) {
      if (found.has(runId)) duplicates.push(`${runId} (in ${found.get(runId)!.dir} and ${dir})`);
      found.set(runId, { dir, entry });
    }
  });
  if (duplicates.length > 0)
    throw new MergeError(
      `runs recorded by more than one shard: ` +
        `${duplicates.slice(0, 5).join(', ')}${duplicates.length > 5 ? ', …' : ''}; merge each ` +
        `shard once`,
    );
  const missing = plan.specs.filter((s) => !found.has(s.runId)).map((s) => s.runId);
  if (missing.length > 0) {
    throw new MergeError(
      `${missing.length} of ${plan.specs.length} runs are in no shard (e.g. ` +
        `${missing.slice(0, 3).join(', ')}); finish the shards that hold them (rerun their ` +
        `command: it resumes) or add the missing directories`,
    );
  }

  mkdirSync(join(outDir, 'runs'), { recursive: true });
  const results: RunOutput[] = [];
  const failed: MergeSummary['failed'] = [];
  const ledger: string[] = [];
  for (const spec of plan.specs) {
    const { dir, entry } = found.get(spec.runId)!;
    const result = entry.status === 'ok' ? readResult(dir, spec.runId) : undefined;
    if (result) {
      const file = storedResultFile(dir, spec.runId)!;
      copyFileSync(file, join(outDir, 'runs', basename(file)));
      results.push(result);
      ledger.push(JSON.stringify(entry));
    } else {
      failed.push({ runId: spec.runId, error: entry.error ?? 'result file missing' });
      ledger.push(JSON.stringify({ ...entry, status: 'error', error: entry.error ?? 'result file missing' }));
    }
  }
  writeAtomic(join(outDir, 'ledger.jsonl'), ledger.join('\n') + '\n');
  const files = writeTables(outDir, results, plan, formats);
  const started = manifests.map((m) => m.started).sort()[0]!;
  const finished =
    manifests
      .map((m) => m.finished ?? '')
      .sort()
      .reverse()[0] || null;
  writeAtomic(
    join(outDir, 'manifest.json'),
    JSON.stringify({ ...first, shard: null, started, finished, mergedFrom: dirs }, null, 2) + '\n',
  );
  return { runs: plan.specs.length, ok: results.length, failed, files };
}
