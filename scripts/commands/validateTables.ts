/** What `smesim validate-model` prints: the targets' pass rates, the levels beside the surveys, and the seeds. */
import { type TargetSummary, isReference } from '../../analysis/validation/summary.js';
import {
  CLOSE_CALL_LEGEND,
  passRateInterval,
  passRateText,
  pooledPassRate,
  seedCell,
} from '../../analysis/validation/wording.js';
import type { LevelSummary } from '../../analysis/validation/levels.js';

const out = (text: string) => process.stdout.write(text);

/** The decisive targets' table, then the same targets read other ways and the references. */
export function printTargets(summaries: TargetSummary[], primary: TargetSummary[]): void {
  const header =
    'target'.padEnd(22) +
    'sample'.padEnd(14) +
    'measure'.padEnd(8) +
    'runs'.padStart(5) +
    'pass rate'.padStart(11) +
    '95% CI'.padStart(14) +
    'mean stat'.padStart(11) +
    '  needed     ';
  const line = (t: TargetSummary, verdict: string) => {
    const stat = Number.isFinite(t.meanStatistic) ? t.meanStatistic.toFixed(2) : '';
    return (
      t.id.padEnd(22) +
      t.sample.padEnd(14) +
      t.measure.padEnd(8) +
      String(t.runs).padStart(5) +
      passRateText(t.passRate).padStart(11) +
      passRateInterval(t).padStart(14) +
      stat.padStart(11) +
      `  ${t.threshold.padEnd(10)} ${verdict}\n`
    );
  };
  out('\nTargets (these decide the verdict and the exit code, with the levels below):\n');
  out(header + 'verdict\n');
  for (const t of primary) out(line(t, t.pass ? 'pass' : 'FAIL'));
  // the stricter and other readings first (true values, 300 firms, clustered SEs, two lines), then references
  const others = summaries
    .filter((t) => !primary.includes(t))
    .sort((a, b) => Number(isReference(a.id, a.sample)) - Number(isReference(b.id, b.sample)));
  if (others.length === 0) return;
  out('\nAlso reported, without a verdict:\n' + header + 'reading\n');
  for (const t of others)
    out(line(t, isReference(t.id, t.sample) ? '(no verdict)' : t.pass ? 'meets it' : 'below it'));
}

/** A level's value as printed: three decimals ("0.446"), so that a value near a bound shows which side it is on. */
export const levelText = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');

/** The level targets beside the surveys' ranges, pooled over the runs. */
export function printLevels(levels: LevelSummary[]): void {
  if (levels.length === 0) return;
  out('\nLevels beside the innovation surveys (pooled over the runs; these decide the verdict too):\n');
  out(
    'target'.padEnd(12) +
      'value'.padStart(7) +
      '95% CI'.padStart(17) +
      '  surveys    ' +
      'runs in range'.padStart(14) +
      '  verdict  what\n',
  );
  for (const l of levels)
    out(
      l.id.padEnd(12) +
        levelText(l.value).padStart(7) +
        `[${levelText(l.low)}, ${levelText(l.high)}]`.padStart(17) +
        `  ${l.range.padEnd(11)}` +
        passRateText(l.runsInRange).padStart(14) +
        `  ${(l.pass ? 'pass' : 'FAIL').padEnd(9)}${l.description}\n`,
    );
  out('surveys: EU Community Innovation Survey (Eurostat); sources per target in validation.json\n');
}

/** One master seed's results, as the table across seeds reads them. */
export interface SeedResult {
  seed: number;
  targets: TargetSummary[];
  readings: TargetSummary[];
  predictions: TargetSummary[];
  levels: LevelSummary[];
}

/** The targets across seeds: decisive pass rates, levels, then the stricter readings. */
export function printSeeds(perSeed: SeedResult[]): void {
  const seeds = perSeed.map((p) => p.seed);
  const width = Math.max(12, ...seeds.map((s) => String(s).length + 7));
  const head = (title: string) =>
    `\n${title}\n${'target'.padEnd(22)}${'needed'.padEnd(11)}` +
    `${seeds.map((s) => String(s).padStart(width)).join('')}${'all seeds'.padStart(22)}\n`;
  const key = (t: TargetSummary) => `${t.id}|${t.sample}|${t.measure}`;
  const rowsOf = (pick: (p: SeedResult) => TargetSummary[], miss = ' FAIL') => {
    const keys = [...new Set(perSeed.flatMap((p) => pick(p).map(key)))];
    for (const k of keys) {
      const each = perSeed.map((p) => pick(p).find((t) => key(t) === k));
      const first = each.find((t) => t !== undefined)!;
      const label = first.sample === 'full' ? first.id : `${first.id} ${first.sample}`;
      const cell = (t: TargetSummary | undefined) => (t ? seedCell(t).replace(' FAIL', miss) : '–');
      const cells = each.map((t) => cell(t).padStart(width)).join('');
      const pooled = pooledPassRate(each.filter((t) => t !== undefined));
      out(`${label.padEnd(22)}${first.threshold.padEnd(11)}${cells}${pooled.padStart(22)}\n`);
    }
  };
  out(head('Pass rates by master seed (decisive targets; FAIL = misses its threshold):'));
  rowsOf((p) => p.targets);
  const levelIds = [...new Set(perSeed.flatMap((p) => p.levels.map((l) => l.id)))];
  if (levelIds.length > 0) {
    out(head('Levels by master seed (pooled over each seed’s runs; FAIL = outside the surveys’ range):'));
    for (const id of levelIds) {
      const each = perSeed.map((p) => p.levels.find((l) => l.id === id));
      const range = each.find((l) => l !== undefined)!.range;
      const cell = (l: LevelSummary | undefined) =>
        (l ? `${levelText(l.value)}${l.pass ? '' : ' FAIL'}` : '–').padStart(width);
      out(`${id.padEnd(22)}${range.padEnd(11)}${each.map(cell).join('')}\n`);
    }
  }
  if (perSeed.some((p) => p.readings.length > 0)) {
    out(head('Stricter readings by master seed (no verdict; below = misses the threshold):'));
    rowsOf((p) => p.readings, ' below');
  }
  if (perSeed.some((p) => p.predictions.length > 0)) {
    out(head("T9, the model's prediction, by master seed (no verdict: share of runs showing the pattern):"));
    rowsOf((p) => p.predictions, '');
  }
  out("all seeds: every seed's runs together, with its 95% interval; it decides nothing\n");
  out(`${CLOSE_CALL_LEGEND}\n`);
}
