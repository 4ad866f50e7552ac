/**
 * What `smesim validate-model` will run: the validation scenario with the command line's changes, the
 * targets to check and the run sets they need; and `--dry-run`'s estimate of its time and disk.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { rowsOfTable } from '../../analysis/io.js';
import { fallingRowsOfRun, risingRowsOfRun, surveyRowsOfRun } from '../../analysis/validation/evaluate.js';
import { reportBaseBytes } from '../../analysis/report/html.js';
import { shockTickOf, validationVariants, withExitsAfter } from '../../analysis/validation/variants.js';
import type { Scenario } from '../../sim/config/scenario.js';
import { PROBE_FIRMS, probeRun, runSetSeconds } from '../../sim/run/costProbe.js';
import { EXIT_OK, InputError } from './basics.js';
import { loadOrFail } from './common.js';
import { packageRoot } from '../../sim/packageRoot.js';
import { shockOption } from './t9Shock.js';
import { formatBytes, formatSeconds } from './units.js';
import type { ValidateOptions } from './validate.js';

/** Every target id, and the variant run set each needs besides the main one. */
export const TARGET_VARIANT: Record<string, string | undefined> = {
  T1: undefined,
  T2: undefined,
  T3: undefined,
  T4: undefined,
  T5: undefined,
  T6: undefined,
  T7: undefined,
  'T8-falling': 'ablation-falling',
  'T8-rising': 'ablation-rising',
  T9: 'shock',
  T10: 'subsidy',
  L1: undefined,
  L2: undefined,
  L3: undefined,
  L4: undefined,
};

/** Parse --targets: ids separated by commas; T8 means both ablations. Undefined → all. */
export function parseTargets(list: string | undefined): string[] {
  const all = Object.keys(TARGET_VARIANT);
  if (list === undefined) return all;
  const asked = list
    .split(',')
    .map((t) => t.trim().toUpperCase().replace('-FALLING', '-falling').replace('-RISING', '-rising'))
    .filter(Boolean);
  const ids = asked.flatMap((t) => (t === 'T8' ? ['T8-falling', 'T8-rising'] : [t]));
  const bad = ids.filter((t) => !(t in TARGET_VARIANT));
  if (bad.length > 0 || ids.length === 0)
    throw new InputError(
      `--targets: unknown target (got '${bad.join(', ') || list}'); ` +
        `use a comma-separated list of ${all.join(', ')} (T8 = both ablations)`,
    );
  return all.filter((t) => ids.includes(t));
}

/**
 * The validation scenario with the command line's changes, the targets to check and the run sets they
 * need (folder below --out, scenario, variant name or '' for the validation runs).
 */
export function validationPlan(opts: ValidateOptions) {
  const file = opts.scenario ?? join(packageRoot(), 'scenarios', 'validation.yaml');
  const loaded = loadOrFail(file, opts.set);
  let s = loaded.scenario;
  if (opts.replicates !== undefined) s = { ...s, replicates: opts.replicates };
  if (opts.population !== undefined) s = { ...s, population: opts.population };
  if (opts.seed !== undefined) s = { ...s, seed: opts.seed };
  if (s.sweep) throw new InputError(`${file}: the validation scenario must not have a sweep block`);
  if (s.ticks < 60)
    throw new InputError(`validation needs at least 60 quarters (got ${s.ticks}) for the shock of T9`);
  const targets = parseTargets(opts.targets);
  const needed = new Set(targets.map((t) => TARGET_VARIANT[t]).filter((v) => v !== undefined));
  // The validation runs also keep a snapshot before T9's shock quarter, so that T9's regression can be
  // read on them too: a reference without the shock (observation only; the runs are otherwise the same).
  // Always, whichever targets are checked, so that the run set stays the same one and can be resumed.
  // They write their exits (T9's reference reads them) from the quarter after the first snapshot on
  // (`withExitsAfter`: about an eighth of the whole exit log of validation.yaml).
  const shockTick = shockTickOf(s);
  const snapshots = s.outputs.snapshots.includes(shockTick - 1)
    ? s.outputs.snapshots
    : [...s.outputs.snapshots, shockTick - 1];
  const withSnapshot = { ...s, outputs: withExitsAfter(s.outputs, snapshots) };
  const shock = shockOption(opts.shock, s);
  const sets: [string, Scenario, string][] = [
    ['', withSnapshot, ''],
    ...validationVariants(s, shock)
      .filter(([n]) => needed.has(n))
      .map(([n, v]) => [join('variants', n), v, n] as [string, Scenario, string]),
  ];
  return { loaded, s, targets, needed, shockTick, shock, sets };
}

/**
 * `--dry-run`: the run sets and their runs, an estimated wall time and the disk space, from probe runs
 * of each run set (as `run --dry-run`) and the estimation timed on the main scenario's probe survey,
 * scaled by the surveyed firms; T9 is computed while the threads estimate, and the report is not counted.
 */
export function validateDryRun(opts: ValidateOptions): number {
  const { s, targets, sets } = validationPlan(opts);
  const seeds = opts.seeds?.length ?? 1;
  const workers = Math.max(1, opts.workers ?? availableParallelism());
  let runSeconds = 0;
  let bytes = 0;
  let fixed = 0;
  let estimateSeconds = 0;
  for (const [, scenario, variant] of sets) {
    const cost = probeRun(scenario);
    fixed = cost.fixedSeconds; // the same for every run set: measured by the first probe
    runSeconds += runSetSeconds(cost, scenario.replicates, workers);
    bytes += cost.bytes * scenario.replicates;
    const probe = cost.probe?.survey;
    const kind =
      variant === ''
        ? 'survey'
        : variant === 'ablation-falling'
          ? 'falling'
          : variant === 'ablation-rising'
            ? 'rising'
            : undefined;
    const wanted = kind === 'survey' ? targets.some((t) => /^T[1-7]$/.test(t)) : kind !== undefined;
    if (!probe || !kind || !wanted || probe.rows.length === 0) continue;
    const rows = rowsOfTable(probe);
    const estimate = () =>
      kind === 'survey'
        ? surveyRowsOfRun('probe/r001', rows, s.seed)
        : kind === 'falling'
          ? fallingRowsOfRun('probe/r001', rows)
          : risingRowsOfRun('probe/r001', rows);
    let perFirm: number;
    try {
      estimate(); // once to let V8 compile the estimators, then timed
      const start = process.hrtime.bigint();
      estimate();
      perFirm = Number(process.hrtime.bigint() - start) / 1e9 / rows.length;
    } catch {
      continue; // a probe survey the estimators cannot take (too few firms): no figure for its estimation
    }
    // the probe's share of surveyed firms
    const eligible = (s.population * rows.length) / Math.min(s.population, PROBE_FIRMS);
    const surveyed = s.survey.sampleSize > 0 ? Math.min(s.survey.sampleSize, eligible) : eligible;
    estimateSeconds += (perFirm * surveyed * scenario.replicates) / workers;
  }
  const total = seeds * (fixed + runSeconds + estimateSeconds);
  const reports = seeds > 1 ? seeds + 1 : 1; // one per seed, and one across seeds
  const names = sets.map(([, sc]) => sc.name).join(', ');
  process.stdout.write(
    `validate-model: ${sets.length} run set${sets.length === 1 ? '' : 's'} (${names}) ` +
      `× ${s.replicates} replicates = ${sets.length * s.replicates} runs` +
      `${seeds > 1 ? ` per seed, × ${seeds} seeds` : ''}; checks ${targets.join(', ')}\n`,
  );
  process.stdout.write(
    `each run: ${s.population} firms × ${s.ticks} quarters; ` +
      `estimated wall time on ${workers} worker(s): ${formatSeconds(total)} ` +
      `(runs ${formatSeconds(seeds * (fixed + runSeconds))}, ` +
      `estimating the targets ${formatSeconds(seeds * estimateSeconds)}; ` +
      `building the report${reports === 1 ? '' : 's'} is not counted)\n`,
  );
  if (Number.isFinite(bytes))
    process.stdout.write(
      `disk: roughly ${formatBytes(seeds * bytes + reports * reportBaseBytes())} in all ` +
        `(tables, per-run records and ${reports === 1 ? 'report.html' : `${reports} report.html files`})\n`,
    );
  return EXIT_OK;
}
