/** Innovation incidence by breadth bin and by partner type: per-run rates, then mean and 95% CI across runs. */
import { COOP_COLUMNS, INNOVATION_COLUMNS } from '../../sim/model/survey.js';
import { groupBy } from './groups.js';
import { type Interval, tInterval } from './stats.js';

type Row = Record<string, unknown>;

/** The four innovation types (survey columns). */
export const INNOVATION_TYPES = INNOVATION_COLUMNS;
/** Breadth bins of docs/VALIDATION.md (conventions of the pattern targets). */
export const BREADTH_BINS = [
  { label: '0', from: 0, to: 0 },
  { label: '1–2', from: 1, to: 2 },
  { label: '3–4', from: 3, to: 4 },
  { label: '5–6', from: 5, to: 6 },
] as const;
/** Partner types (survey coop_* columns). */
export const PARTNER_COLUMNS = COOP_COLUMNS;

/** One cell: an outcome's incidence in a group, with the number of firms pooled over runs. */
export interface IncidenceCell extends Interval {
  group: string;
  outcome: string;
  firms: number;
}

/** Per-run rate of `outcome` among rows passing `keep`, summarised across runs that have such rows. */
export function acrossRuns(
  rows: Row[],
  outcome: string,
  keep: (r: Row) => boolean,
): { interval: Interval; firms: number } {
  const kept = rows.filter(keep);
  const rates = [...groupBy(kept, (r) => String(r.run_id)).values()].map(
    (run) => run.reduce((s, r) => s + Number(r[outcome]), 0) / run.length,
  );
  return { interval: tInterval(rates), firms: kept.length };
}

/** Incidence of each innovation type (and mean ISS) by breadth bin. */
export function incidenceByBreadth(survey: Row[]): IncidenceCell[] {
  const out: IncidenceCell[] = [];
  for (const bin of BREADTH_BINS) {
    for (const outcome of [...INNOVATION_TYPES, 'iss']) {
      const { interval, firms } = acrossRuns(
        survey,
        outcome,
        (r) => Number(r.breadth) >= bin.from && Number(r.breadth) <= bin.to,
      );
      out.push({ group: bin.label, outcome, firms, ...interval });
    }
  }
  return out;
}

/** Incidence of each innovation type among firms cooperating with each partner type, and among non-cooperators. */
export function incidenceByPartner(survey: Row[]): IncidenceCell[] {
  const out: IncidenceCell[] = [];
  const groups: [string, (r: Row) => boolean][] = [
    ['none', (r) => Number(r.coop_any) === 0],
    ...PARTNER_COLUMNS.map(
      (c) => [c.replace('coop_', ''), (r: Row) => Number(r[c]) === 1] as [string, (r: Row) => boolean],
    ),
  ];
  for (const [group, keep] of groups) {
    for (const outcome of INNOVATION_TYPES) {
      const { interval, firms } = acrossRuns(survey, outcome, keep);
      out.push({ group, outcome, firms, ...interval });
    }
  }
  return out;
}
