/** Time series of replicate means with 95% CI bands. */
import type { TickSummary } from '../verbs/aggregate.js';
import { COLOURS, type FigureSpec, baseLayout, plotText, translucent } from './spec.js';

/** One line per outcome (labels give display names), band = 95% CI across runs. */
export function timeseriesFigure(
  rows: TickSummary[],
  labels: Record<string, string>,
  title: string,
  yTitle: string,
  burnIn?: number,
  style: { colours?: Record<string, string>; legendRank?: Record<string, number> } = {},
): FigureSpec {
  const data: Record<string, unknown>[] = [];
  Object.entries(labels).forEach(([outcome, label], k) => {
    const r = rows.filter((x) => x.outcome === outcome);
    const colour = style.colours?.[outcome] ?? COLOURS[k % COLOURS.length]!;
    const hasBand = r.some((x) => Number.isFinite(x.lo));
    if (hasBand) {
      data.push({
        x: r.map((x) => x.tick),
        y: r.map((x) => x.hi),
        type: 'scatter',
        mode: 'lines',
        line: { width: 0 },
        showlegend: false,
        hoverinfo: 'skip',
      });
      data.push({
        x: r.map((x) => x.tick),
        y: r.map((x) => x.lo),
        type: 'scatter',
        mode: 'lines',
        line: { width: 0 },
        fill: 'tonexty',
        fillcolor: translucent(colour),
        showlegend: false,
        hoverinfo: 'skip',
      });
    }
    const rank = style.legendRank?.[outcome];
    data.push({
      x: r.map((x) => x.tick),
      y: r.map((x) => x.mean),
      type: 'scatter',
      mode: 'lines',
      name: plotText(label),
      line: { color: colour, width: 2 },
      ...(rank === undefined ? {} : { legendrank: rank }),
    });
  });
  const shapes = burnIn
    ? [
        {
          type: 'rect',
          xref: 'x',
          yref: 'paper',
          x0: 0,
          x1: burnIn,
          y0: 0,
          y1: 1,
          fillcolor: 'rgba(0,0,0,0.05)',
          line: { width: 0 },
        },
      ]
    : [];
  return { data, layout: baseLayout(title, 'quarter', yTitle, { shapes }) };
}
