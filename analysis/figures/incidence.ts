/** Innovation incidence by breadth bin and by partner type: grouped bars with 95% CI error bars. */
import type { IncidenceCell } from '../verbs/incidence.js';
import { COLOURS, type FigureSpec, baseLayout, plotText } from './spec.js';

const TYPE_LABELS: Record<string, string> = {
  inno_product: 'product',
  inno_process: 'process',
  inno_org: 'organisational',
  inno_marketing: 'marketing',
  iss: 'innovative sales share',
};

/** How a figure differs from the survey-window incidence it was made for. */
export interface IncidenceOptions {
  /** y-axis title (default: share of firms over the survey window). */
  yTitle?: string;
  /** Fit the y axis to the data from 0 instead of showing 0–1 (for small shares). */
  autorange?: boolean;
  /** Series count different firms (e.g. terciles): label each group with the sum, not the shared count. */
  seriesPartitionGroup?: boolean;
}

/** Bars per group (x), one series per outcome, labelled with the firms behind each group. */
export function incidenceFigure(
  cells: IncidenceCell[],
  outcomes: string[],
  title: string,
  xTitle: string,
  opts: IncidenceOptions = {},
): FigureSpec {
  const groups = [...new Set(cells.map((c) => c.group))];
  const firms = (g: string) =>
    opts.seriesPartitionGroup
      ? cells.filter((c) => c.group === g).reduce((n, c) => n + c.firms, 0)
      : (cells.find((c) => c.group === g)?.firms ?? 0);
  const labels = groups.map((g) => `${plotText(g)}<br>n = ${firms(g)}`);
  const data = outcomes.map((outcome, k) => {
    const row = groups.map((g) => cells.find((c) => c.group === g && c.outcome === outcome));
    return {
      type: 'bar',
      name: plotText(TYPE_LABELS[outcome] ?? outcome),
      x: labels,
      y: row.map((c) => (c && Number.isFinite(c.mean) ? c.mean : null)),
      // shares: intervals clipped to [0, 1] (a bin with few runs has a wide t interval)
      error_y: {
        type: 'data',
        symmetric: false,
        array: row.map((c) => (c && Number.isFinite(c.hi) ? Math.min(1, c.hi) - c.mean : 0)),
        arrayminus: row.map((c) => (c && Number.isFinite(c.lo) ? c.mean - Math.max(0, c.lo) : 0)),
      },
      customdata: row.map((c) => c?.firms ?? 0),
      hovertemplate: '%{y:.3f} (%{customdata} firms)<extra>%{fullData.name}</extra>',
      marker: { color: COLOURS[k % COLOURS.length] },
    };
  });
  const yaxis = {
    title: { text: plotText(opts.yTitle ?? 'share of firms (survey window)') },
    ...(opts.autorange ? { rangemode: 'tozero' } : { range: [0, 1] }),
  };
  return { data, layout: baseLayout(title, xTitle, 'share of firms', { barmode: 'group', yaxis }) };
}
