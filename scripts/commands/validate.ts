/** `smesim validate-model`: run the validation scenario and its variants, evaluate T1–T10, write the verdict. */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { loadRows, loadRowsBetween, rowsOfTable, sharingReads } from '../../analysis/io.js';
import {
  CLOSE_CALL_LEGEND,
  closeCallNote,
  type EstimationTask,
  fallingRowsOfRun,
  risingRowsOfRun,
  surveyRowsOfRun,
  isReference,
  passRateInterval,
  passRateText,
  poolPassRates,
  pooledPassRate,
  seedCell,
  seedsVerdict,
  smallerThanCalibration,
  targetOf,
  shockEffectRows,
  shockRows,
  subsidyRow,
  summarise,
  surveyTasks,
  type TargetSummary,
  type ValidationRow,
} from '../../analysis/validation/evaluate.js';
import type { Scenario } from '../../sim/config/scenario.js';
import { makeRunPlan } from '../../sim/plan/plan.js';
import { columnsOf } from '../../sim/run/codebook.js';
import { toCsv } from '../../sim/run/csv.js';
import { packageRoot } from '../../sim/packageRoot.js';
import { writeAtomic } from '../../sim/run/outputs.js';
import { EXIT_OK, EXIT_RUNS_FAILED, InputError } from './basics.js';
import { Estimator } from '../../analysis/validation/parallel.js';
import { executeWithProgress, loadOrFail, makeEvaluator, sources, tryReport } from './common.js';
import { PROBE_FIRMS, formatBytes, formatSeconds, probeRun, runSetSeconds } from './run.js';
import { reportBaseBytes } from '../../analysis/report/html.js';
import { shockOption } from './t9Shock.js';
import {
  SHOCK_HORIZON,
  type T9Shock,
  shockTickOf,
  validationVariants,
  withExitsAfter,
} from '../../analysis/validation/variants.js';
import { shockText } from '../../analysis/report/validationSection.js';

/** Options of `smesim validate-model`. */
export interface ValidateOptions {
  scenario?: string;
  out?: string;
  replicates?: number;
  population?: number;
  seed?: number;
  workers?: number;
  force?: boolean;
  json?: boolean;
  /** Only these targets (and the variants they need); default all. */
  targets?: string;
  /** Several master seeds: each validated in its own folder `seed-<n>`, then a table across them (seeds.csv). */
  seeds?: number[];
  /** `--set path=value` overrides, applied on top of the validation scenario. */
  set?: string[];
  /** Print the run sets, an estimated wall time and the disk space; run nothing. */
  dryRun?: boolean;
  /** T9's shock, as the fields of one dynamism shock without its quarter (YAML, e.g. `{magnitude: 1, domains: [process]}`). */
  shock?: string;
  /** One seed of --seeds: print only the verdict line (`line`) or nothing (`silent`, under --json). */
  brief?: 'line' | 'silent';
}

/** Every target id, and the variant run set each needs besides the main one. */
const TARGET_VARIANT: Record<string, string | undefined> = {
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
      `--targets: unknown target (got '${bad.join(', ') || list}'); use a comma-separated list of ${all.join(', ')} (T8 = both ablations)`,
    );
  return all.filter((t) => ids.includes(t));
}

function printTable(summaries: TargetSummary[], primary: TargetSummary[]): void {
  const header = `${'target'.padEnd(22)}${'sample'.padEnd(14)}${'measure'.padEnd(8)}${'runs'.padStart(5)}${'pass rate'.padStart(11)}${'95% CI'.padStart(14)}${'mean stat'.padStart(11)}  needed     `;
  const line = (t: TargetSummary, verdict: string) => {
    const stat = Number.isFinite(t.meanStatistic) ? t.meanStatistic.toFixed(2) : '';
    return `${t.id.padEnd(22)}${t.sample.padEnd(14)}${t.measure.padEnd(8)}${String(t.runs).padStart(5)}${passRateText(t.passRate).padStart(11)}${passRateInterval(t).padStart(14)}${stat.padStart(11)}  ${t.threshold.padEnd(10)} ${verdict}\n`;
  };
  process.stdout.write('\nTargets (these decide the verdict and the exit code):\n' + header + 'verdict\n');
  for (const t of primary) process.stdout.write(line(t, t.pass ? 'pass' : 'FAIL'));
  // the same targets read another way (true values, 300 firms, clustered SEs) first, then the references without a threshold
  const others = summaries
    .filter((t) => !primary.includes(t))
    .sort((a, b) => Number(isReference(a.id, a.sample)) - Number(isReference(b.id, b.sample)));
  if (others.length === 0) return;
  process.stdout.write('\nAlso reported, without a verdict:\n' + header + 'reading\n');
  for (const t of others)
    process.stdout.write(
      line(t, isReference(t.id, t.sample) ? '(no verdict)' : t.pass ? 'meets it' : 'below it'),
    );
}

/** Let the event loop run (the estimation pool hands its threads their next tasks). */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * T9 on the shock runs, and its two references: on the validation runs, and the shock's effect (the two
 * paired). It runs on this thread while the pool estimates the surveys, yielding between its steps.
 */
async function t9Rows(mainDir: string, shockDir: string, shockTick: number): Promise<ValidationRow[]> {
  // exits in the quarters T9 looks at (shockTick … shockTick + horizon − 1), the others are never read
  const read = async (dir: string) => {
    const snapshots = loadRows(dir, 'snapshots.csv');
    await yieldToLoop();
    const exits = loadRowsBetween(dir, 'exits.csv', 'tick', shockTick, shockTick + SHOCK_HORIZON - 1);
    await yieldToLoop();
    return { snapshots, exits };
  };
  await yieldToLoop(); // first, so that the pool hands out the tasks just submitted
  const without = await read(mainDir);
  const withShock = await read(shockDir);
  const shocked = shockRows(withShock.snapshots, withShock.exits, shockTick, SHOCK_HORIZON);
  await yieldToLoop();
  const reference = shockRows(without.snapshots, without.exits, shockTick, SHOCK_HORIZON, 'no-shock');
  await yieldToLoop();
  return [...shocked, ...reference, ...shockEffectRows(without, withShock, shockTick, SHOCK_HORIZON)];
}

/**
 * `--seeds`: validate each master seed in its own folder (`seed-<n>`, each a complete validation output,
 * resumable on its own), then print and write (`seeds.csv`) the decisive targets' pass rates across the
 * seeds. Exit 0 only when every target holds on every seed — the calibration condition of the issue
 * (the default seed and at least two others) in one command.
 */
async function validateSeeds(opts: ValidateOptions, seeds: number[]): Promise<number> {
  const outDir = opts.out ?? join('out', 'validation');
  let failedRuns = false;
  const perSeed: { seed: number; dir: string; allPass: boolean; targets: TargetSummary[]; small: string }[] =
    [];
  let shock: T9Shock | undefined; // the same on every seed: it depends only on the scenario and --shock
  for (const seed of seeds) {
    const dir = join(outDir, `seed-${seed}`);
    const verdict = await runValidation({
      ...opts,
      seed,
      out: dir,
      brief: opts.json ? 'silent' : 'line',
      json: false,
    });
    if (verdict.failedRuns > 0) failedRuns = true;
    perSeed.push({ seed, dir, allPass: verdict.allPass, targets: verdict.primary, small: verdict.small });
    shock = verdict.shock;
  }
  const ids = [...new Set(perSeed.flatMap((p) => p.targets.map((t) => t.id)))];
  const find = (p: (typeof perSeed)[number], id: string) => p.targets.find((t) => t.id === id);
  // summarise leaves a single test (T10) without an interval (NaN); seeds.csv writes that as empty
  const interval = (t: TargetSummary) =>
    Number.isFinite(t.passRateLow) ? [t.passRateLow, t.passRateHigh] : ['', ''];
  const rows = perSeed.flatMap((p) =>
    p.targets.map(
      (t) =>
        [
          p.seed,
          t.id,
          t.sample,
          t.measure,
          t.runs,
          t.passRate,
          ...interval(t),
          t.meanStatistic,
          t.threshold,
          t.pass ? 1 : 0,
        ] as (string | number)[],
    ),
  );
  writeAtomic(join(outDir, 'seeds.csv'), toCsv({ columns: columnsOf('seeds.csv'), rows }));
  const allPass = perSeed.every((p) => p.allPass);
  const report = await tryReport(outDir);
  const acrossSeeds = (id: string) => perSeed.map((p) => find(p, id)).filter((t) => t !== undefined);
  if (opts.json) {
    const pooled = Object.fromEntries(ids.map((id) => [id, poolPassRates(acrossSeeds(id))]));
    process.stdout.write(
      JSON.stringify({
        outDir,
        allPass,
        ...(shock ? { shock } : {}),
        report: report ?? null,
        seeds: perSeed.map((p) => ({ seed: p.seed, outDir: p.dir, allPass: p.allPass, targets: p.targets })),
        pooled,
      }) + '\n',
    );
  } else {
    const width = Math.max(12, ...seeds.map((s) => String(s).length + 7));
    process.stdout.write(
      `\nPass rates by master seed (decisive targets; FAIL = misses its threshold):\n${'target'.padEnd(12)}${'needed'.padEnd(9)}${seeds.map((s) => String(s).padStart(width)).join('')}${'all seeds'.padStart(22)}\n`,
    );
    for (const id of ids) {
      const threshold = perSeed.map((p) => find(p, id)?.threshold).find(Boolean) ?? '';
      const cells = perSeed.map((p) => {
        const t = find(p, id);
        return (t ? seedCell(t) : '–').padStart(width);
      });
      const pooled = pooledPassRate(acrossSeeds(id));
      process.stdout.write(`${id.padEnd(12)}${threshold.padEnd(9)}${cells.join('')}${pooled.padStart(22)}\n`);
    }
    process.stdout.write(
      `all seeds: every seed's runs together, with its 95% interval; it decides nothing (the verdict is per seed)\n${CLOSE_CALL_LEGEND}\n`,
    );
    const bySeed = new Map(perSeed.map((p) => [p.seed, p]));
    const verdict = seedsVerdict(seeds, ids, (seed, id) => find(bySeed.get(seed)!, id)?.pass === false);
    process.stdout.write(
      `\n${verdict}; per seed in ${join(outDir, 'seed-<n>')}, the table in ${join(outDir, 'seeds.csv')}\n`,
    );
    if (perSeed[0]?.small) process.stdout.write(`note: ${perSeed[0].small}\n`);
    if (shock && opts.shock !== undefined)
      process.stdout.write(`note: T9's shock (--shock): ${shockText(shock)}\n`);
    if (report) process.stdout.write(`report: ${report}\n`);
  }
  return allPass && !failedRuns ? EXIT_OK : EXIT_RUNS_FAILED;
}

/** Firms per run and replicates of the validation the thresholds were calibrated on: the packaged scenarios/validation.yaml. */
function calibrationSize(): { firms: number; replicates: number } {
  const { population, replicates } = loadOrFail(join(packageRoot(), 'scenarios', 'validation.yaml')).scenario;
  return { firms: population, replicates };
}

/** Run, evaluate, write validation.csv / validation.json / report.html; exit 0 only when every target holds. */
export async function validateCommand(opts: ValidateOptions): Promise<number> {
  if (opts.seeds && opts.seed !== undefined)
    throw new InputError(
      `give either --seed or --seeds, not both (got --seed ${opts.seed} and --seeds ${opts.seeds.join(',')}); --seeds validates each seed in its own folder`,
    );
  if (opts.dryRun) return validateDryRun(opts);
  if (opts.seeds) return validateSeeds(opts, opts.seeds);
  const { failedRuns, allPass } = await runValidation(opts);
  return failedRuns === 0 && allPass ? EXIT_OK : EXIT_RUNS_FAILED;
}

/** The validation scenario with the command line's changes, the targets to check and the run sets they need (folder below --out, scenario, variant name or '' for the validation runs). */
function validationPlan(opts: ValidateOptions) {
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
function validateDryRun(opts: ValidateOptions): number {
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
    const eligible = (s.population * rows.length) / Math.min(s.population, PROBE_FIRMS); // the probe's share of surveyed firms
    const surveyed = s.survey.sampleSize > 0 ? Math.min(s.survey.sampleSize, eligible) : eligible;
    estimateSeconds += (perFirm * surveyed * scenario.replicates) / workers;
  }
  const total = seeds * (fixed + runSeconds + estimateSeconds);
  const reports = seeds > 1 ? seeds + 1 : 1; // one per seed, and one across seeds
  const names = sets.map(([, sc]) => sc.name).join(', ');
  process.stdout.write(
    `validate-model: ${sets.length} run set${sets.length === 1 ? '' : 's'} (${names}) × ${s.replicates} replicates = ${sets.length * s.replicates} runs${seeds > 1 ? ` per seed, × ${seeds} seeds` : ''}; checks ${targets.join(', ')}\n`,
  );
  process.stdout.write(
    `each run: ${s.population} firms × ${s.ticks} quarters; estimated wall time on ${workers} worker(s): ${formatSeconds(total)} (runs ${formatSeconds(seeds * (fixed + runSeconds))}, estimating the targets ${formatSeconds(seeds * estimateSeconds)}; building the report${reports === 1 ? '' : 's'} is not counted)\n`,
  );
  if (Number.isFinite(bytes))
    process.stdout.write(
      `disk: roughly ${formatBytes(seeds * bytes + reports * reportBaseBytes())} in all (tables, per-run records and ${reports === 1 ? 'report.html' : `${reports} report.html files`})\n`,
    );
  return EXIT_OK;
}

/** One validation (one master seed): run, evaluate, write and print; returns the verdict on the decisive targets. */
async function runValidation(opts: ValidateOptions): Promise<{
  allPass: boolean;
  failedRuns: number;
  primary: TargetSummary[];
  small: string;
  shock: T9Shock | undefined;
}> {
  const { loaded, s, targets, needed, shockTick, shock, sets } = validationPlan(opts);
  const outDir = opts.out ?? join('out', 'validation');
  const evaluator = makeEvaluator(opts.workers);
  let failed = 0;
  try {
    for (const [sub, scenario] of sets) {
      const plan = makeRunPlan(scenario);
      const summary = await executeWithProgress(scenario, plan, {
        outDir: join(outDir, sub),
        evaluator,
        scenarioFiles: sources(loaded),
        force: opts.force,
      });
      failed += summary.failed.length;
      if (!opts.json) process.stderr.write(`${scenario.name}: ${summary.ok}/${summary.planned} runs ok\n`);
    }
  } finally {
    await evaluator.close();
  }
  const v = (n: string) => join(outDir, 'variants', n);
  const want = (...ids: string[]) => ids.some((t) => targets.includes(t));
  // One pool estimates every survey, one task per run, on as many threads as the runs had; each task
  // carries its run's lines of survey.csv, parsed on the thread that estimates them.
  const estimator = new Estimator(evaluator.workers);
  const estimated = async (kind: EstimationTask['kind'], dir: string) =>
    (await estimator.estimate(surveyTasks(kind, dir, s.seed))).flat();
  // T9 and the report read the same snapshots and exits (main and shock runs): each is parsed once
  return sharingReads(['snapshots.csv', 'exits.csv'], async () => {
    let rows: ValidationRow[];
    try {
      // Every survey's tasks are handed to the pool first (each run's lines as text: a survey costs this
      // thread a read and a split), then T9 is computed here while the threads estimate them.
      const batch = (kind: EstimationTask['kind'], dir: string, wanted: boolean) => {
        const p = wanted ? estimated(kind, dir) : Promise.resolve([]);
        p.catch(() => undefined); // awaited below; this only keeps a failure meanwhile from counting as unhandled
        return p;
      };
      const ablations = want('T8-falling', 'T8-rising');
      const survey = batch('survey', outDir, want('T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'));
      const falling = batch(
        'ablation-falling',
        v('ablation-falling'),
        ablations && needed.has('ablation-falling'),
      );
      const rising = batch(
        'ablation-rising',
        v('ablation-rising'),
        ablations && needed.has('ablation-rising'),
      );
      const t9 = want('T9') ? await t9Rows(outDir, v('shock'), shockTick) : [];
      rows = [
        ...(await survey),
        ...(await falling),
        ...(await rising),
        ...t9,
        ...(want('T10')
          ? [subsidyRow(loadRows(outDir, 'runs.csv'), loadRows(v('subsidy'), 'runs.csv'))]
          : []),
      ].filter((r) => targets.includes(targetOf(r.target)));
    } finally {
      await estimator.close();
    }
    const summaries = summarise(rows);
    const primary = summaries.filter(
      (t) =>
        t.sample === 'full' &&
        !isReference(t.id, t.sample) &&
        (t.measure === 'likert' || !/^T[1-7]$/.test(t.id)),
    );
    const allPass = primary.every((t) => t.pass);
    writeAtomic(
      join(outDir, 'validation.csv'),
      toCsv({
        columns: columnsOf('validation.csv'),
        rows: rows.map((r) => [
          r.runId,
          r.target,
          r.sample,
          r.measure,
          r.statistic,
          r.pValue,
          r.pass ? 1 : 0,
          r.note,
        ]),
      }),
    );
    const partial = targets.length < Object.keys(TARGET_VARIANT).length;
    const calibration = calibrationSize();
    const small = smallerThanCalibration({ firms: s.population, replicates: s.replicates }, calibration);
    writeAtomic(
      join(outDir, 'validation.json'),
      JSON.stringify(
        {
          allPass,
          ...(partial ? { checked: targets } : {}),
          firms: s.population,
          replicates: s.replicates,
          calibration,
          seed: s.seed,
          ...(needed.has('shock') ? { shock } : {}),
          targets: primary,
          all: summaries,
        },
        null,
        2,
      ) + '\n',
    );
    const report = await tryReport(outDir);
    const t9Shock = needed.has('shock') ? shock : undefined;
    if (opts.json)
      process.stdout.write(
        JSON.stringify({
          outDir,
          allPass,
          failedRuns: failed,
          ...(t9Shock ? { shock: t9Shock } : {}),
          targets: primary,
          report: report ?? null,
          ...(small ? { note: small } : {}),
        }) + '\n',
      );
    else {
      const scope = partial ? `only ${targets.join(', ')} checked: ` : '';
      const failing = primary.filter((t) => !t.pass).map((t) => t.id);
      const verdict = allPass
        ? `every ${partial ? 'checked ' : ''}target meets its threshold`
        : failing.length === 1
          ? `${failing[0]} does not meet its threshold`
          : `${failing.join(', ')} do not meet their thresholds`;
      if (opts.brief === 'line')
        process.stdout.write(
          `seed ${s.seed}: ${scope}${verdict}; details in ${join(outDir, 'validation.csv')}\n`,
        );
      else if (!opts.brief) {
        printTable(summaries, primary);
        process.stdout.write(`\n${scope}${verdict}; details in ${join(outDir, 'validation.csv')}\n`);
        const close = closeCallNote(primary);
        if (close) process.stdout.write(`note: ${close}\n`);
        if (t9Shock && opts.shock !== undefined)
          process.stdout.write(`note: T9's shock (--shock): ${shockText(t9Shock)}\n`);
        if (small) process.stdout.write(`note: ${small}\n`);
        if (report) process.stdout.write(`report: ${report}\n`);
      }
    }
    return { allPass, failedRuns: failed, primary, small, shock: t9Shock };
  });
}
