/** The SLI curve by moderator tercile: binned product-innovation rates and the fitted logit curves. */
import type { SliCurve } from '../verbs/sliCurve.js';
import { COLOURS, type FigureSpec, baseLayout, plotText } from './spec.js';

/** One colour per tercile; markers with CIs for bins, a line for the fitted curve. */
export function sliCurveFigure(curves: SliCurve[], moderator: string, title: string): FigureSpec {
  const data: Record<string, unknown>[] = [];
  curves.forEach((c, k) => {
    const colour = [COLOURS[5], COLOURS[1], COLOURS[3]][k]!;
    const name = plotText(`${c.group} ${moderator} (${c.firms} firms)`);
    data.push({
      type: 'scatter',
      mode: 'markers',
      name,
      legendgroup: c.group,
      x: c.bins.map((b) => b.x),
      y: c.bins.map((b) => b.rate),
      error_y: {
        type: 'data',
        symmetric: false,
        array: c.bins.map((b) => (Number.isFinite(b.hi) ? b.hi - b.rate : 0)),
        arrayminus: c.bins.map((b) => (Number.isFinite(b.lo) ? b.rate - b.lo : 0)),
        thickness: 1,
      },
      marker: { color: colour, size: 7 },
    });
    if (c.fitted.length)
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `${name}: fitted logit`,
        legendgroup: c.group,
        showlegend: false,
        x: c.fitted.map((f) => f.x),
        y: c.fitted.map((f) => f.p),
        line: { color: colour, width: 2 },
      });
  });
  return {
    data,
    layout: baseLayout(
      title,
      'supplier logistics integration (SLI, 0–1)',
      'share of firms with a product innovation',
      { xaxis: { title: { text: 'supplier logistics integration (SLI, 0–1)' }, range: [0, 1] } },
    ),
  };
}
