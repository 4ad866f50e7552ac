/**
 * `smesim validate-model --seeds`: validate each master seed in its own folder (`seed-<n>`, each a
 * complete validation output, resumable on its own), then print and write (`seeds.csv`) the decisive
 * targets, the levels and the stricter readings across the seeds. Exit 0 only when every target and
 * level holds on every seed.
 */
import { join } from 'node:path';
import { type TargetSummary } from '../../analysis/validation/summary.js';
import { poolPassRates, seedsVerdict } from '../../analysis/validation/wording.js';
import type { LevelSummary } from '../../analysis/validation/levels.js';
import type { T9Shock } from '../../analysis/validation/variants.js';
import { shockText } from '../../analysis/report/validationReadings.js';
import { columnsOf } from '../../sim/run/codebook.js';
import { toCsv } from '../../sim/run/csv.js';
import { writeAtomic } from '../../sim/run/outputs.js';
import { EXIT_OK, EXIT_RUNS_FAILED } from './basics.js';
import { tryReport } from './common.js';
import { type SeedResult, printSeeds } from './validateTables.js';
import type { ValidateOptions, ValidationVerdict } from './validate.js';

type Cell = string | number;

/** seeds.csv's row of a target's summary on one seed (`role`: verdict or reading). */
function targetRow(seed: number, t: TargetSummary, role: string): Cell[] {
  // summarise leaves a single test (T10) without an interval (NaN); seeds.csv writes that as empty
  const interval = Number.isFinite(t.passRateLow) ? [t.passRateLow, t.passRateHigh] : ['', ''];
  return [
    seed,
    t.id,
    role,
    t.sample,
    t.measure,
    t.runs,
    t.passRate,
    ...interval,
    t.meanStatistic,
    '',
    '',
    '',
    t.threshold,
    t.pass ? 1 : 0,
  ];
}

/** seeds.csv's row of a level target on one seed. */
function levelRow(seed: number, l: LevelSummary): Cell[] {
  const value = [l.value, l.low, l.high];
  return [
    seed,
    l.id,
    'level',
    'full',
    'true',
    l.runs,
    l.runsInRange,
    '',
    '',
    '',
    ...value,
    l.range,
    l.pass ? 1 : 0,
  ];
}

/** Validate every seed, then the table across them; the exit code says whether all held on every seed. */
export async function validateSeeds(
  opts: ValidateOptions,
  seeds: number[],
  runValidation: (o: ValidateOptions) => Promise<ValidationVerdict>,
): Promise<number> {
  const outDir = opts.out ?? join('out', 'validation');
  let failedRuns = false;
  const perSeed: (SeedResult & { dir: string; allPass: boolean; small: string })[] = [];
  let shock: T9Shock | undefined; // the same on every seed: it depends only on the scenario and --shock
  for (const seed of seeds) {
    const dir = join(outDir, `seed-${seed}`);
    const brief = opts.json ? ('silent' as const) : ('line' as const);
    const verdict = await runValidation({ ...opts, seed, out: dir, brief, json: false });
    if (verdict.failedRuns > 0) failedRuns = true;
    perSeed.push({ seed, dir, ...verdict, targets: verdict.primary });
    shock = verdict.shock;
  }
  const rows = perSeed.flatMap((p) => [
    ...p.targets.map((t) => targetRow(p.seed, t, 'verdict')),
    ...p.levels.map((l) => levelRow(p.seed, l)),
    ...p.readings.map((t) => targetRow(p.seed, t, 'reading')),
    ...p.predictions.map((t) => targetRow(p.seed, t, 'prediction')),
  ]);
  writeAtomic(join(outDir, 'seeds.csv'), toCsv({ columns: columnsOf('seeds.csv'), rows }));
  const allPass = perSeed.every((p) => p.allPass);
  const report = await tryReport(outDir);
  const ids = [...new Set(perSeed.flatMap((p) => p.targets.map((t) => t.id)))];
  const levelIds = [...new Set(perSeed.flatMap((p) => p.levels.map((l) => l.id)))];
  if (opts.json) {
    const acrossSeeds = (id: string) =>
      perSeed.map((p) => p.targets.find((t) => t.id === id)).filter((t) => t !== undefined);
    const pooled = Object.fromEntries(ids.map((id) => [id, poolPassRates(acrossSeeds(id))]));
    const each = perSeed.map((p) => ({
      seed: p.seed,
      outDir: p.dir,
      allPass: p.allPass,
      targets: p.targets,
      levels: p.levels,
      readings: p.readings,
      predictions: p.predictions,
    }));
    const head = { outDir, allPass, ...(shock ? { shock } : {}), report: report ?? null };
    process.stdout.write(JSON.stringify({ ...head, seeds: each, pooled }) + '\n');
  } else {
    printSeeds(perSeed);
    const bySeed = new Map(perSeed.map((p) => [p.seed, p]));
    const fails = (seed: number, id: string) => {
      const p = bySeed.get(seed)!;
      const found = p.targets.find((t) => t.id === id) ?? p.levels.find((l) => l.id === id);
      return found?.pass === false;
    };
    const all = [...ids, ...levelIds];
    const verdict =
      all.length === 0 ? 'no target with a verdict was checked' : seedsVerdict(seeds, all, fails);
    const where = `per seed in ${join(outDir, 'seed-<n>')}, the table in ${join(outDir, 'seeds.csv')}`;
    process.stdout.write(`\n${verdict}; ${where}\n`);
    if (perSeed[0]?.small) process.stdout.write(`note: ${perSeed[0].small}\n`);
    if (shock && opts.shock !== undefined)
      process.stdout.write(`note: T9's shock (--shock): ${shockText(shock)}\n`);
    if (report) process.stdout.write(`report: ${report}\n`);
  }
  return allPass && !failedRuns ? EXIT_OK : EXIT_RUNS_FAILED;
}
