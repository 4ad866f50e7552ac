/**
 * How pass rates are put in words and figures: the verdict across seeds, close calls, intervals, pooled
 * rates, and what a validation smaller than the calibration means. Shared by the terminal and the report.
 */
import { wilsonInterval } from '../verbs/stats.js';

/**
 * The verdict across master seeds, in words: "every target meets its threshold on all 3 seeds", or
 * "T9 fails on every seed; T10 fails on seed 7" (targets in the order given).
 */
export function seedsVerdict(
  seeds: number[],
  ids: string[],
  fails: (seed: number, id: string) => boolean,
): string {
  const failing = ids
    .map((id) => ({ id, on: seeds.filter((s) => fails(s, id)) }))
    .filter((f) => f.on.length > 0);
  if (failing.length === 0) return `every target meets its threshold on all ${seeds.length} seeds`;
  return failing
    .map((f) => {
      const where =
        f.on.length === seeds.length ? 'every seed' : `seed${f.on.length > 1 ? 's' : ''} ${f.on.join(', ')}`;
      return `${f.id} fails on ${where}`;
    })
    .join('; ');
}

/**
 * When a validation is smaller than the one the thresholds were calibrated on (scenarios/validation.yaml:
 * firms per run, replicates), what that means for reading its verdict; empty when it is not smaller.
 */
export function smallerThanCalibration(
  size: { firms: number; replicates: number },
  calibration: { firms: number; replicates: number },
): string {
  const fewer = [
    size.firms < calibration.firms &&
      `${size.firms.toLocaleString('en-US')} instead of ` +
        `${calibration.firms.toLocaleString('en-US')} firms per run`,
    size.replicates < calibration.replicates &&
      `${size.replicates} instead of ${calibration.replicates} replicates`,
  ].filter(Boolean);
  if (fewer.length === 0) return '';
  const why = [
    size.firms < calibration.firms &&
      'a smaller survey gives each test less power, so a pattern that holds is found less often',
    size.replicates < calibration.replicates &&
      `a pass rate from ${size.replicates} run${size.replicates === 1 ? '' : 's'} ` +
        `moves in steps of ${(1 / size.replicates).toFixed(2)}`,
  ].filter(Boolean);
  return (
    `This validation is smaller than the calibration (${fewer.join(', ')}): ${why.join(', and ')}. ` +
    'A miss here says less about the model than a miss at full size.'
  );
}

/** What `closeCalls` needs of a target's summary (validation.json from before 2026-11-28 has no interval). */
export type PassRateLine = {
  id: string;
  threshold: string;
  passRate: number;
  passRateLow?: number;
  passRateHigh?: number;
};

/**
 * The numeric threshold of a pass rate ('≥ 0.8' → 0.8, '≤ 0.2' → 0.2); undefined for 'holds' and
 * references.
 */
const thresholdValue = (threshold: string) =>
  /^[≥≤] /.test(threshold) ? Number(threshold.slice(2)) : undefined;

/**
 * Targets whose pass rate's 95% interval holds their threshold: another set of replicates could well
 * decide them the other way.
 */
export function closeCalls<T extends PassRateLine>(targets: T[]): T[] {
  return targets.filter((t) => {
    const at = thresholdValue(t.threshold);
    // no interval (a single test; NaN, or null once through JSON; or an older validation.json): no close call
    if (at === undefined || !Number.isFinite(t.passRateLow) || !Number.isFinite(t.passRateHigh)) return false;
    return t.passRateLow! <= at && at <= t.passRateHigh!;
  });
}

/** A pass rate as every table and sentence prints it: two decimals ("0.90", "1.00"), as its interval is. */
export const passRateText = (rate: number): string => rate.toFixed(2);

/**
 * A seed's cell in the tables across seeds: the pass rate, ' FAIL' when it misses its threshold, and '*'
 * when it is a close call.
 */
export function seedCell(t: PassRateLine & { pass: boolean }): string {
  return `${passRateText(t.passRate)}${t.pass ? '' : ' FAIL'}${closeCalls([t]).length > 0 ? '*' : ''}`;
}

/** What the '*' of `seedCell` means. */
export const CLOSE_CALL_LEGEND =
  "* close call: the seed's 95% interval holds the threshold, " +
  'so another set of replicates could decide it the other way';

/**
 * The 95% interval of a pass rate, as printed: "[0.71, 0.92]"; empty when there is none (summarise gives a
 * single test, such as T10's, none).
 */
export function passRateInterval(t: PassRateLine): string {
  if (!Number.isFinite(t.passRateLow) || !Number.isFinite(t.passRateHigh)) return '';
  return `[${passRateText(t.passRateLow!)}, ${passRateText(t.passRateHigh!)}]`;
}

/** One sentence on the close calls among decisive targets, or empty when there are none. */
export function closeCallNote(targets: PassRateLine[]): string {
  const close = closeCalls(targets);
  if (close.length === 0) return '';
  const each = close.map((t) => `${t.id} ${passRateText(t.passRate)} ${passRateInterval(t)}`);
  return (
    "Close to the threshold (it lies inside the pass rate's 95% interval, so another set of replicates " +
    `or another seed could decide ${close.length === 1 ? 'it' : 'them'} the other way): ${each.join(', ')}.`
  );
}

/** A target's runs over several seeds together: `passes` of `runs`, the rate and its Wilson 95% interval. */
export interface Pooled {
  seeds: number;
  runs: number;
  passes: number;
  passRate: number;
  passRateLow: number;
  passRateHigh: number;
}

/**
 * A target's pass rate over every seed's runs together, as `validate-model --seeds` shows it beside the
 * seeds. It decides nothing (the verdict is per seed); it says what the seeds show together, more
 * precisely than any one. Undefined when no seed has the target.
 */
export function poolPassRates(perSeed: { runs: number; passRate: number }[]): Pooled | undefined {
  if (perSeed.length === 0) return undefined;
  const passes = perSeed.reduce((s, t) => s + Math.round(t.passRate * t.runs), 0);
  const runs = perSeed.reduce((s, t) => s + t.runs, 0);
  const [passRateLow, passRateHigh] = wilsonInterval(passes, runs);
  return { seeds: perSeed.length, runs, passes, passRate: passes / runs, passRateLow, passRateHigh };
}

/**
 * The pooled pass rate as printed: "0.84 [0.77, 0.89]", or "3 of 3 seeds" for a target that is one test
 * per seed (T10).
 */
export function pooledPassRate(perSeed: { runs: number; passRate: number }[]): string {
  const p = poolPassRates(perSeed);
  if (!p) return '';
  if (p.runs === p.seeds) return `${p.passes} of ${p.seeds} seeds`;
  return `${passRateText(p.passRate)} [${passRateText(p.passRateLow)}, ${passRateText(p.passRateHigh)}]`;
}
