/** The report's compare section: policy − baseline differences with their CIs (forest plot and table). */
import { forestFigure, type CompareRow } from '../figures/forest.js';
import { isCostRow } from '../verbs/costEffect.js';
import { SINGLE_PAIR } from '../verbs/paired.js';
import { costSection } from './costSection.js';
import { type Section, formatNumber, htmlTable, percentChange } from './html.js';
import { OUTCOME_LABELS, outcomeLabel } from './labels.js';

/** A difference in per cent of the baseline mean, or as a number when that mean is 0. */
const relative = (v: number, base: number): string =>
  percentChange(v, base) ?? `${v > 0 ? '+' : ''}${formatNumber(v)}`;

/**
 * What a CI that includes zero does not show: the range, over the outcomes, of the smallest difference the
 * replicates detect 8 times in 10 (compare.csv's detectable_diff), as a share of the baseline mean. Empty
 * when compare.csv has no such column (written before it existed).
 */
function detectableReading(rows: CompareRow[], anySig: boolean): string {
  const shares = rows
    .filter(
      (r) => Number.isFinite(r.detectable_diff) && Number.isFinite(r.baseline_mean) && r.baseline_mean !== 0,
    )
    .map((r) => (100 * r.detectable_diff!) / Math.abs(r.baseline_mean));
  if (shares.length === 0) return '';
  const n = Math.max(...rows.map((r) => r.n ?? 0));
  const range = (lo: number, hi: number) =>
    formatNumber(lo) === formatNumber(hi)
      ? `±${formatNumber(lo)}%`
      : `±${formatNumber(lo)}% to ±${formatNumber(hi)}%`;
  return (
    ` That does not show ${anySig ? 'the other effects are' : 'every effect is'} zero: with ` +
    `${n > 0 ? `${n} replicate pairs` : 'these replicates'}, a difference shows reliably (8 ` +
    `times in 10) only from about ${range(Math.min(...shares), Math.max(...shares))} of the ` +
    `baseline, depending on the outcome (column "detectable" of the table); smaller effects ` +
    `can be real and still have a CI that includes zero. Four times the replicates halve that.`
  );
}

/**
 * The compare forest plot and table. The reading names, policy by policy, each outcome whose 95% CI
 * excludes zero, in plain words, with its size relative to the baseline mean and its CI.
 */
export function compareSections(
  allRows: CompareRow[],
  otherFirms: string[] = [],
  otherClock: string[] = [],
): Section[] {
  const rows = allRows.filter((r) => !isCostRow(r.outcome));
  const costs = allRows.some((r) => isCostRow(r.outcome)) ? [costSection(allRows)] : [];
  const outcomes = [...new Set(rows.map((r) => r.outcome))];
  const policies = [...new Set(rows.map((r) => r.policy))];
  const sig = (r: CompareRow) => r.ci_low > 0 || r.ci_high < 0;
  const MAX = 8;
  const perPolicy = policies.map((policy) => {
    const found = rows.filter((r) => r.policy === policy && sig(r));
    if (found.length === 0) return `${policy}: none`;
    const each = found
      .slice(0, MAX)
      .map(
        (r) =>
          `${outcomeLabel(r.outcome)} ${relative(r.diff_mean, r.baseline_mean)} (95% CI ` +
          `${relative(r.ci_low, r.baseline_mean)} to ${relative(r.ci_high, r.baseline_mean)})`,
      );
    return `${policy}: ${each.join('; ')}${found.length > MAX ? `; and ${found.length - MAX} more (table below)` : ''}`;
  });
  const anySig = rows.some(sig);
  // one pair: no spread between replicates, so no CI (older compare.csv files have no n: their CIs are NaN then)
  const single = rows.every((r) => (r.n === undefined ? !Number.isFinite(r.ci_low) : r.n < 2));
  return [
    {
      title:
        otherFirms.length === 0
          ? 'Policy minus baseline (paired by replicate, same worlds)'
          : 'Scenario minus baseline (paired by replicate, same technology and environment)',
      reading:
        (single
          ? SINGLE_PAIR
          : (anySig
              ? `Differences whose 95% CI excludes zero, as a share of the baseline mean — ` +
                `${perPolicy.join('. ')}. Every other difference is within what chance across the ` +
                `replicates allows.`
              : 'No difference has a 95% CI that excludes zero: with these replicates, no policy effect ' +
                'can be told apart from chance.') + detectableReading(rows, anySig)) +
        (otherFirms.length === 0
          ? ''
          : ` ${otherFirms.join(', ')} ${otherFirms.length === 1 ? 'has' : 'have'} other firms than ` +
            `the baseline (population, regions or sectors differ), so ` +
            `${otherFirms.length === 1 ? 'its' : 'their'} differences come from that as well as from ` +
            `the policy.`) +
        (otherClock.length === 0
          ? ''
          : ` ${otherClock.join(', ')} ${otherClock.length === 1 ? 'runs' : 'run'} for another number ` +
            `of quarters than the baseline (ticks differ), so ` +
            `${otherClock.length === 1 ? 'its' : 'their'} survey covers other quarters and ` +
            `${otherClock.length === 1 ? 'its' : 'their'} differences come from that too.`),
      figure: forestFigure(rows, outcomes, 'Differences from the baseline with 95% CIs', OUTCOME_LABELS),
      html: `<details><summary>Table</summary>${htmlTable(
        ['policy', 'outcome', 'baseline', 'policy', 'difference', 'CI low', 'CI high', 'detectable (±)'],
        rows.map((r) => [
          r.policy,
          outcomeLabel(r.outcome),
          r.baseline_mean,
          r.baseline_mean + r.diff_mean,
          r.diff_mean,
          r.ci_low,
          r.ci_high,
          r.detectable_diff ?? NaN,
        ]),
      )}</details>`,
    },
    ...costs,
  ];
}
