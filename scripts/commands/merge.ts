/** `smesim merge` and `smesim replay`. */
import { MergeError, mergeShards } from '../../sim/run/merge.js';
import type { ColumnarFormat } from '../../sim/run/columnar.js';
import { readManifest } from '../../sim/run/manifest.js';
import { readResult } from '../../sim/run/ledger.js';
import { makeRunPlan } from '../../sim/plan/plan.js';
import { runOne } from '../../sim/runOne.js';
import { EXIT_OK, EXIT_RUNS_FAILED, InputError } from './basics.js';

/**
 * Merge shard directories, then write the merged run set's report (unless `report` is false); returns the
 * exit code.
 */
export async function mergeCommand(
  dirs: string[],
  opts: { out: string; format?: ColumnarFormat[]; force?: boolean; json?: boolean; report?: boolean },
): Promise<number> {
  let s: ReturnType<typeof mergeShards>;
  try {
    s = mergeShards(dirs, opts.out, opts.format ?? [], opts.force ?? false);
  } catch (err) {
    if (err instanceof MergeError) throw new InputError(err.message);
    throw err;
  }
  // the report's module (and common.js, with the worker pool) only when it is wanted: replay shares this file
  const report = opts.report === false ? undefined : await (await import('./common.js')).tryReport(opts.out);
  if (opts.json)
    process.stdout.write(JSON.stringify({ outDir: opts.out, ...s, report: report ?? null }) + '\n');
  else
    process.stdout.write(
      `merged ${dirs.length} shard(s): ${s.ok}/${s.runs} runs ok; tables in ${opts.out}\n` +
        `${report ? `report: ${report}\n` : ''}`,
    );
  for (const f of s.failed.slice(0, 10))
    process.stderr.write(`  failed: ${f.runId}: ${f.error.split('\n')[0]}\n`);
  return s.failed.length > 0 ? EXIT_RUNS_FAILED : EXIT_OK;
}

/** Re-run one run from a run set's manifest and compare with the stored result; returns the exit code. */
export function replayCommand(outDir: string, runId: string): number {
  const manifest = readManifest(outDir);
  if (!manifest)
    throw new InputError(`${outDir} has no manifest.json; give the output directory of a run set`);
  const spec = makeRunPlan(manifest.scenario).specs.find((s) => s.runId === runId);
  if (!spec)
    throw new InputError(
      `run '${runId}' is not in the plan of ${outDir} (run ids look like ${manifest.scenario.name}/r001)`,
    );
  const stored = readResult(outDir, runId);
  if (!stored)
    throw new InputError(`run '${runId}' has no stored result in ${outDir} (it failed or has not run)`);
  const fresh = runOne(spec);
  if (!fresh.ok) {
    process.stdout.write(`replay of ${runId} failed: ${fresh.error.split('\n')[0]}\n`);
    return EXIT_RUNS_FAILED;
  }
  const keys = (['summary', 'timeseries', 'survey', 'exits'] as const).filter(
    (key) => stored[key] !== undefined || fresh[key] !== undefined,
  );
  for (const key of keys) {
    const a = stored[key] ?? { columns: [], rows: [] };
    const b = fresh[key] ?? { columns: [], rows: [] };
    const n = Math.max(a.rows.length, b.rows.length);
    for (let r = 0; r < n; r++) {
      const ra = a.rows[r];
      const rb = b.rows[r];
      const c = ra && rb ? ra.findIndex((v, j) => v !== rb[j]) : 0;
      if (!ra || !rb || c >= 0) {
        const col = a.columns[c] ?? '?';
        process.stdout.write(
          `${runId}: DIFFERS. First difference in ${key}, row ${r + 1}, column ${col}: stored ` +
            `${JSON.stringify(ra?.[c])}, replayed ${JSON.stringify(rb?.[c])}\n`,
        );
        return EXIT_RUNS_FAILED;
      }
    }
  }
  process.stdout.write(`${runId}: identical (${keys.join(', ')} replayed bit for bit)\n`);
  return EXIT_OK;
}
