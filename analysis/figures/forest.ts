/** Compare: policy − baseline differences with 95% CIs, one row per outcome (a forest plot). */
import { COLOURS, type FigureSpec, baseLayout, plotText } from './spec.js';

/** A compare.csv row. */
export interface CompareRow {
  policy: string;
  outcome: string;
  diff_mean: number;
  ci_low: number;
  ci_high: number;
  baseline_mean: number;
  /** Replicate pairs (compare.csv; absent in rows built by hand). */
  n?: number;
  /** The minimum detectable difference at 80% power (compare.csv from 2026-11-28 on). */
  detectable_diff?: number;
}

/**
 * Differences on a relative scale (per cent of the baseline mean) so outcomes of different units share an
 * axis. One row per outcome (named by `labels`, else by its column); with several policies each gets its
 * own line inside the row, so that every CI bar can be told apart.
 */
export function forestFigure(
  rows: CompareRow[],
  outcomes: string[],
  title: string,
  labels: Readonly<Record<string, string>> = {},
): FigureSpec {
  const policies = [...new Set(rows.map((r) => r.policy))];
  const rel = (v: number, base: number) => (base !== 0 ? (100 * v) / Math.abs(base) : 0);
  const step = policies.length > 1 ? Math.min(0.25, 0.7 / (policies.length - 1)) : 0;
  const name = (o: string) => plotText(labels[o] ?? o);
  const data = policies.map((policy, k) => {
    const rs = outcomes
      .map((o) => rows.find((r) => r.policy === policy && r.outcome === o))
      .filter((r): r is CompareRow => !!r);
    return {
      type: 'scatter',
      mode: 'markers',
      name: plotText(policy),
      y: rs.map((r) => outcomes.indexOf(r.outcome) + (k - (policies.length - 1) / 2) * step),
      x: rs.map((r) => rel(r.diff_mean, r.baseline_mean)),
      error_x: {
        type: 'data',
        symmetric: false,
        array: rs.map((r) => rel(r.ci_high - r.diff_mean, r.baseline_mean)),
        arrayminus: rs.map((r) => rel(r.diff_mean - r.ci_low, r.baseline_mean)),
      },
      customdata: rs.map((r) => [r.diff_mean, r.ci_low, r.ci_high, name(r.outcome)]),
      hovertemplate:
        '%{customdata[3]}: difference %{customdata[0]:.4f} [%{customdata[1]:.4f}, ' +
        '%{customdata[2]:.4f}], %{x:+.1f}% of the baseline<extra>%{fullData.name}</extra>',
      marker: { color: COLOURS[k % COLOURS.length], size: 9 },
    };
  });
  return {
    data,
    layout: baseLayout(title, 'difference from baseline, % of the baseline mean (95% CI)', '', {
      yaxis: {
        autorange: 'reversed',
        automargin: true,
        tickmode: 'array',
        tickvals: outcomes.map((_, i) => i),
        ticktext: outcomes.map(name),
        zeroline: false,
      },
      shapes: [
        { type: 'line', x0: 0, x1: 0, yref: 'paper', y0: 0, y1: 1, line: { color: '#555', dash: 'dot' } },
      ],
      height: 120 + (20 + 10 * policies.length) * outcomes.length,
    }),
  };
}
