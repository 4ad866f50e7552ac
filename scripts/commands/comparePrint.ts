/** The terminal's view of compare.csv: the outcome table of each policy, then what it costs. */
import { join } from 'node:path';
import { formatTogether, percentChange } from '../../analysis/report/html.js';
import { isCostRow } from '../../analysis/verbs/costEffect.js';
import { SINGLE_PAIR, detectableNote } from '../../analysis/verbs/paired.js';

/** One compare.csv row by column name. */
export interface CompareCsvRow {
  policy: string;
  outcome: string;
  n: number;
  baseline_mean: number;
  policy_mean: number;
  diff_mean: number;
  diff_sd: number;
  ci_low: number;
  ci_high: number;
  p_value: number;
  detectable_diff: number;
  [column: string]: string | number;
}

/**
 * A readable table: each outcome's difference, as a change relative to the baseline mean too, and 95% CI,
 * flagged when the CI excludes zero, and the smallest difference the replicates can detect; then the costs.
 */
export function printComparison(rows: CompareCsvRow[], baseline: string, outDir: string): void {
  const out = (line: string) => process.stdout.write(line + '\n');
  for (const policy of [...new Set(rows.map((r) => r.policy))]) {
    const own = rows.filter((r) => r.policy === policy);
    out(`\n${policy} − ${baseline} (paired by replicate, n = ${own[0]!.n}; * = 95% CI excludes 0)`);
    out(
      `  ${'outcome'.padEnd(16)}${'baseline'.padStart(10)}${'policy'.padStart(10)}` +
        `${'difference'.padStart(12)}${'change'.padStart(9)}   ${'95% CI'.padEnd(24)}detectable`,
    );
    for (const r of own.filter((r) => !isCostRow(r.outcome))) out(outcomeLine(r));
    printCosts(own, out);
  }
  const n = Math.max(...rows.map((r) => r.n));
  out(rows.some((r) => r.n < 2) ? `\n${SINGLE_PAIR}` : `\n${detectableNote(n)}`);
  out(`\nwritten: ${join(outDir, 'compare.csv')}`);
}

/** One outcome's line of the table. */
function outcomeLine(r: CompareCsvRow): string {
  const sig = r.ci_low > 0 || r.ci_high < 0 ? '*' : ' ';
  const change = percentChange(r.diff_mean, r.baseline_mean, '-') ?? '–';
  // the two means to the same decimals, and the difference with its CI and detectable size to theirs
  const [base, policy] = formatTogether([r.baseline_mean, r.policy_mean]);
  const hasCi = Number.isFinite(r.ci_low) && Number.isFinite(r.ci_high);
  const hasDetectable = Number.isFinite(r.detectable_diff);
  const [diff, lo, hi, detect] = formatTogether([
    r.diff_mean,
    ...(hasCi ? [r.ci_low, r.ci_high] : [0, 0]),
    hasDetectable ? r.detectable_diff : 0,
  ]);
  const ci = hasCi ? `[${lo}, ${hi}]` : 'n/a';
  const detectable = hasDetectable ? `±${detect}` : 'n/a';
  return (
    `  ${r.outcome.padEnd(16)}${base!.padStart(10)}${policy!.padStart(10)}` +
    `${diff!.padStart(12)}${change.padStart(9)} ${sig} ${ci.padEnd(24)}${detectable}`
  );
}

/** The policy's additional outlay and what one unit of it buys, or that its costs are not priced. */
function printCosts(own: CompareCsvRow[], out: (line: string) => void): void {
  const outlay = own.find((r) => r.outcome === 'outlay_total');
  const bought = own.filter((r) => r.outcome.endsWith('_per_outlay'));
  if (!outlay) return;
  if (bought.every((r) => !Number.isFinite(r.diff_mean))) {
    out(
      '  costs: not priced (no unit cost for a lever this policy uses, e.g. ' +
        'policies.training.costPerFirm, or no outlay beyond the baseline’s)',
    );
    return;
  }
  const [total, lo, hi] = formatTogether([outlay.diff_mean, outlay.ci_low, outlay.ci_high]);
  out(`  additional outlay over the run: ${total} revenue units (95% CI [${lo}, ${hi}]); per unit outlay:`);
  for (const r of bought) {
    const [v, l, h] = formatTogether([r.diff_mean, r.ci_low, r.ci_high]);
    const sig = r.ci_low > 0 || r.ci_high < 0 ? '*' : ' ';
    const ci = Number.isFinite(r.ci_low) ? `[${l}, ${h}]` : 'n/a';
    out(`    ${r.outcome.replace('_per_outlay', '').padEnd(22)}${v!.padStart(12)} ${sig} ${ci}`);
  }
}
