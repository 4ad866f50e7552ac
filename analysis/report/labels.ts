/**
 * Plain-language names of the outcome columns (runs.csv, compare.csv, timeseries.csv), for the
 * report's axes, legends and readings; a column without one is shown by its own name.
 */
export const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  coop_any: 'firms cooperating with any partner (share)',
  coop_supplier: 'cooperating with suppliers (share)',
  coop_customer: 'cooperating with customers (share)',
  coop_competitor: 'cooperating with competitors (share)',
  coop_consultant: 'cooperating with consultants (share)',
  coop_university: 'cooperating with universities (share)',
  coop_research: 'cooperating with research institutes (share)',
  mean_breadth: 'partner types per firm (breadth)',
  inno_product: 'product innovators (share)',
  inno_process: 'process innovators (share)',
  inno_org: 'organisational innovators (share)',
  inno_marketing: 'marketing innovators (share)',
  mean_iss: 'innovative sales share (mean)',
  mean_sli: 'supplier integration SLI (mean)',
  mean_lo: 'learning orientation (mean)',
  exits: 'exits over the run (count)',
};

/** Per-quarter columns of timeseries.csv, which differ in meaning from the survey-window ones. */
export const TIMESERIES_LABELS: Readonly<Record<string, string>> = {
  inno_product: 'firms with a product innovation in the quarter (share)',
  inno_process: 'firms with a process innovation in the quarter (share)',
  inno_org: 'firms with an organisational innovation in the quarter (share)',
  inno_marketing: 'firms with a marketing innovation in the quarter (share)',
  coop_share: 'firms with a cooperation tie (share)',
  mean_sli: 'supplier integration SLI (mean)',
  mean_lo: 'learning orientation (mean)',
  mean_iss: 'innovative sales share (mean)',
};

/** The plain-language name of an outcome column (its own name when it has none). */
export const outcomeLabel = (
  column: string,
  labels: Readonly<Record<string, string>> = OUTCOME_LABELS,
): string => labels[column] ?? column;
