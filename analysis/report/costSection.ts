/**
 * The report's cost section: each policy's additional outlay and what one unit of it buys, or "not priced".
 */
import type { CompareRow } from '../figures/forest.js';
import { BOUGHT } from '../verbs/costEffect.js';
import { type Section, formatNumber, htmlTable } from './html.js';

const BOUGHT_WORDS: Record<(typeof BOUGHT)[number], string> = {
  innovators_product: 'additional product innovators',
  innovators_process: 'additional process innovators',
  innovators_org: 'additional organisational innovators',
  innovators_marketing: 'additional marketing innovators',
  innovative_sales: 'additional innovative sales (revenue units)',
};

/** Whether a policy has priced costs: its per-outlay rows hold numbers. */
export function isPricedPolicy(rows: CompareRow[], policy: string): boolean {
  return rows.some((r) => r.policy === policy && r.outcome.endsWith('_per_outlay') && !isNaN(r.diff_mean));
}

/** A value with its 95% CI, or 'n/a' when there is none. */
const withCi = (r: CompareRow | undefined): string =>
  !r || isNaN(r.diff_mean)
    ? 'n/a'
    : `${formatNumber(r.diff_mean)} (95% CI ${formatNumber(r.ci_low)} to ${formatNumber(r.ci_high)})`;

/**
 * The cost-effectiveness table of compare.csv's cost rows. The reading names each priced policy's outlay and
 * which outcomes per unit outlay have a CI that excludes zero,
 * and says of the others that they are not priced.
 */
export function costSection(rows: CompareRow[]): Section {
  const policies = [...new Set(rows.map((r) => r.policy))];
  const row = (policy: string, outcome: string) =>
    rows.find((r) => r.policy === policy && r.outcome === outcome);
  const sentences = policies.map((policy) => {
    if (!isPricedPolicy(rows, policy))
      return (
        `${policy}: costs not priced (a lever it uses has no unit cost, such as ` +
        'policies.training.costPerFirm, or it pays nothing beyond the baseline)'
      );
    const clear = BOUGHT.map((b) => row(policy, `${b}_per_outlay`)!)
      .filter((r) => r.ci_low > 0 || r.ci_high < 0)
      .map(
        (r) =>
          `${withCi(r)} ${BOUGHT_WORDS[r.outcome.replace('_per_outlay', '') as (typeof BOUGHT)[number]]}`,
      );
    return (
      `${policy} pays ${withCi(row(policy, 'outlay_total'))} revenue units more ` +
      'than the baseline; per unit of it, ' +
      `${clear.length > 0 ? clear.join('; ') : 'no outcome has a 95% CI that excludes zero'}`
    );
  });
  return {
    title: 'What the policies cost and what a unit of outlay buys',
    reading: `${sentences.join('. ')}.`,
    html: htmlTable(
      ['policy', 'additional outlay', ...BOUGHT.map((b) => `${BOUGHT_WORDS[b]} per unit outlay`)],
      policies.map((policy) =>
        isPricedPolicy(rows, policy)
          ? [
              policy,
              withCi(row(policy, 'outlay_total')),
              ...BOUGHT.map((b) => withCi(row(policy, `${b}_per_outlay`))),
            ]
          : [policy, 'not priced', ...BOUGHT.map(() => 'not priced')],
      ),
    ),
  };
}
