/** The one-row summary of a run (docs/ODD.md §4, Observation), computed from the final state and the survey rows. */
import { PARTNER_TYPES } from '../config/fields.js';
import { COOP_COLUMNS, INNOVATION_COLUMNS, SURVEY_COLUMNS } from './survey.js';
import type { World } from './world.js';

/** Summary columns, in order. */
export const SUMMARY_COLUMNS = [
  'run_id',
  'scenario',
  'replicate',
  'seed',
  'firms',
  'surveyed',
  'exits',
  'coop_any',
  ...COOP_COLUMNS,
  'mean_breadth',
  ...INNOVATION_COLUMNS,
  'mean_iss',
  'mean_sli',
  'mean_lo',
  ...PARTNER_TYPES.map((type) => `outlay_subsidy_${type}` as const),
  'outlay_training',
  'outlay_total',
  'innovative_sales',
] as const;

/** Survey-window means over surveyed firms, plus run-level counts (columns after run_id…seed). */
export function summarise(w: World, survey: (string | number)[][]): number[] {
  const col = (name: (typeof SURVEY_COLUMNS)[number]) => SURVEY_COLUMNS.indexOf(name);
  const mean = (name: (typeof SURVEY_COLUMNS)[number]) => {
    if (survey.length === 0) return 0;
    const k = col(name);
    return survey.reduce((acc, row) => acc + Number(row[k]), 0) / survey.length;
  };
  return [
    w.firms.n,
    survey.length,
    w.exitLog.length,
    mean('coop_any'),
    mean('coop_supplier'),
    mean('coop_customer'),
    mean('coop_competitor'),
    mean('coop_consultant'),
    mean('coop_university'),
    mean('coop_research'),
    mean('breadth'),
    mean('inno_product'),
    mean('inno_process'),
    mean('inno_org'),
    mean('inno_marketing'),
    mean('iss'),
    mean('sli_true'),
    mean('lo_true'),
    ...w.outlays.subsidy,
    w.outlays.training,
    w.outlays.subsidy.reduce((a, v) => a + v, 0) + w.outlays.training,
    w.outlays.innovativeSales,
  ];
}
