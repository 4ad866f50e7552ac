/**
 * `smesim validate-model`: run the validation scenario and its variants, evaluate T1–T10 and the level
 * targets L1–L4 (docs/VALIDATION.md), write validation.csv, validation.json and the report.
 */
import { join } from 'node:path';
import { loadRows, loadRowsBetween, sharingReads } from '../../analysis/io.js';
import {
  type EstimationTask,
  shockEffectRows,
  shockRows,
  subsidyRow,
  surveyTasks,
} from '../../analysis/validation/evaluate.js';
import {
  type TargetSummary,
  type ValidationRow,
  isDecisive,
  isReference,
  stricterReadings,
  summarise,
  targetOf,
} from '../../analysis/validation/summary.js';
import { closeCallNote, smallerThanCalibration } from '../../analysis/validation/wording.js';
import {
  type LevelSummary,
  levelRows,
  levelSummaries,
  levelTargets,
} from '../../analysis/validation/levels.js';
import { Estimator } from '../../analysis/validation/parallel.js';
import { SHOCK_HORIZON, type T9Shock } from '../../analysis/validation/variants.js';
import { shockText } from '../../analysis/report/validationReadings.js';
import { makeRunPlan } from '../../sim/plan/plan.js';
import { packageRoot } from '../../sim/packageRoot.js';
import { columnsOf } from '../../sim/run/codebook.js';
import { toCsv } from '../../sim/run/csv.js';
import { writeAtomic } from '../../sim/run/outputs.js';
import { EXIT_OK, EXIT_RUNS_FAILED, InputError } from './basics.js';
import { executeWithProgress, loadOrFail, makeEvaluator, sources, tryReport } from './common.js';
import { printLevels, printTargets } from './validateTables.js';
import { TARGET_VARIANT, validateDryRun, validationPlan } from './validatePlan.js';
import { validateSeeds } from './validateSeeds.js';

export { parseTargets } from './validatePlan.js';

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
  /** Several master seeds: each validated in its own folder `seed-<n>`, then a table across them. */
  seeds?: number[];
  /** `--set path=value` overrides, applied on top of the validation scenario. */
  set?: string[];
  /** Print the run sets, an estimated wall time and the disk space; run nothing. */
  dryRun?: boolean;
  /** T9's shock, as the fields of one dynamism shock without its quarter (YAML). */
  shock?: string;
  /** One seed of --seeds: print only the verdict line (`line`) or nothing (`silent`, under --json). */
  brief?: 'line' | 'silent';
}

/** One master seed's verdict: the decisive targets, the levels and the stricter readings. */
export interface ValidationVerdict {
  allPass: boolean;
  failedRuns: number;
  primary: TargetSummary[];
  levels: LevelSummary[];
  readings: TargetSummary[];
  /** T9 and its references: the model's prediction, without a verdict. */
  predictions: TargetSummary[];
  small: string;
  shock: T9Shock | undefined;
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

/** Firms per run and replicates the thresholds were calibrated on: the packaged scenarios/validation.yaml. */
function calibrationSize(): { firms: number; replicates: number } {
  const file = join(packageRoot(), 'scenarios', 'validation.yaml');
  const { population, replicates } = loadOrFail(file).scenario;
  return { firms: population, replicates };
}

/** Run, evaluate, write validation.csv / validation.json / report.html; exit 0 only when every target holds. */
export async function validateCommand(opts: ValidateOptions): Promise<number> {
  if (opts.seeds && opts.seed !== undefined)
    throw new InputError(
      `give either --seed or --seeds, not both (got --seed ${opts.seed} and --seeds ${opts.seeds.join(',')}); ` +
        '--seeds validates each seed in its own folder',
    );
  if (opts.dryRun) return validateDryRun(opts);
  if (opts.seeds) return validateSeeds(opts, opts.seeds, runValidation);
  const { failedRuns, allPass } = await runValidation(opts);
  return failedRuns === 0 && allPass ? EXIT_OK : EXIT_RUNS_FAILED;
}

/** Whether a level target (L3-any …) is among the targets asked for (L3). */
const levelWanted = (targets: string[], id: string) => targets.includes(id.split('-')[0]!);

/** One validation (one master seed): run, evaluate, write and print; returns the verdict. */
async function runValidation(opts: ValidateOptions): Promise<ValidationVerdict> {
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
  return sharingReads(['snapshots.csv', 'exits.csv', 'survey.csv'], async () => {
    let rows: ValidationRow[];
    let levels: LevelSummary[] = [];
    try {
      // Every survey's tasks are handed to the pool first (each run's lines as text: a survey costs this
      // thread a read and a split), then T9 is computed here while the threads estimate them.
      const batch = (kind: EstimationTask['kind'], dir: string, wanted: boolean) => {
        const p = wanted ? estimated(kind, dir) : Promise.resolve([]);
        p.catch(() => undefined); // awaited below; this only keeps a failure meanwhile from counting as unhandled
        return p;
      };
      const ablations = want('T8-falling', 'T8-rising');
      const surveyed = batch('survey', outDir, want('T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'));
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
      // the levels read the whole survey, pooled over the runs, here while the threads estimate
      const wantLevels = targets.some((t) => t.startsWith('L'));
      const survey = wantLevels ? loadRows(outDir, 'survey.csv') : [];
      const measured = levelTargets(survey); // once, for the pooled verdict and the per-run rows
      levels = levelSummaries(survey, measured).filter((l) => levelWanted(targets, l.id));
      const perRunLevels = levelRows(survey, measured).filter((r) => levelWanted(targets, r.target));
      rows = [
        ...(await surveyed),
        ...(await falling),
        ...(await rising),
        ...t9,
        ...(want('T10')
          ? [subsidyRow(loadRows(outDir, 'runs.csv'), loadRows(v('subsidy'), 'runs.csv'))]
          : []),
      ].filter((r) => targets.includes(targetOf(r.target)));
      rows.push(...perRunLevels);
    } finally {
      await estimator.close();
    }
    // the levels' per-run rows are in validation.csv; their verdict is on the pooled value
    const summaries = summarise(rows.filter((r) => !r.target.startsWith('L')));
    const primary = summaries.filter(isDecisive);
    const readings = stricterReadings(summaries);
    const predictions = summaries.filter((t) => isReference(t.id, t.sample));
    const allPass = primary.every((t) => t.pass) && levels.every((l) => l.pass);
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
          levels,
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
          levels,
          report: report ?? null,
          ...(small ? { note: small } : {}),
        }) + '\n',
      );
    else {
      const scope = partial ? `only ${targets.join(', ')} checked: ` : '';
      const failing = [...primary, ...levels].filter((t) => !t.pass).map((t) => t.id);
      const verdict =
        primary.length + levels.length === 0
          ? 'no target with a verdict was checked (T9 is a prediction, reported without one)'
          : allPass
            ? `every ${partial ? 'checked ' : ''}target meets its threshold`
            : failing.length === 1
              ? `${failing[0]} does not meet its threshold`
              : `${failing.join(', ')} do not meet their thresholds`;
      if (opts.brief === 'line')
        process.stdout.write(
          `seed ${s.seed}: ${scope}${verdict}; details in ${join(outDir, 'validation.csv')}\n`,
        );
      else if (!opts.brief) {
        printTargets(summaries, primary);
        printLevels(levels);
        process.stdout.write(`\n${scope}${verdict}; details in ${join(outDir, 'validation.csv')}\n`);
        const close = closeCallNote(primary);
        if (close) process.stdout.write(`note: ${close}\n`);
        if (t9Shock && opts.shock !== undefined)
          process.stdout.write(`note: T9's shock (--shock): ${shockText(t9Shock)}\n`);
        if (small) process.stdout.write(`note: ${small}\n`);
        if (report) process.stdout.write(`report: ${report}\n`);
      }
    }
    return { allPass, failedRuns: failed, primary, levels, readings, predictions, small, shock: t9Shock };
  });
}
