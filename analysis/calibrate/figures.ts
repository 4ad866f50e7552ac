/** Calibration figures: a statistic or value per generation (convergence, parameter traces) and the Pareto front. */
import { COLOURS, type FigureSpec, baseLayout, plotText, translucent } from '../figures/spec.js';

/** Median of finite values (NaN when none). */
export function median(xs: number[]): number {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

/**
 * One quantity per candidate against its generation: every candidate as a dot, the generation's median as
 * a line, and the target's range as a band (when there is one).
 */
export function generationFigure(
  title: string,
  yTitle: string,
  points: { generation: number; y: number }[],
  band?: { lo: number; hi: number },
  logY = false,
): FigureSpec {
  const generations = [...new Set(points.map((p) => p.generation))].sort((a, b) => a - b);
  const medians = generations.map((g) => median(points.filter((p) => p.generation === g).map((p) => p.y)));
  const finite = points.map((p) => p.y).filter(Number.isFinite);
  const lowest = Math.min(...finite);
  const highest = Math.max(...finite);
  const data: Record<string, unknown>[] = [
    {
      type: 'scatter',
      mode: 'markers',
      name: 'candidates',
      x: points.map((p) => p.generation),
      y: points.map((p) => (Number.isFinite(p.y) ? p.y : null)),
      marker: { color: COLOURS[0], size: 6, opacity: 0.5 },
    },
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'median of the generation',
      x: generations,
      y: medians.map((m) => (Number.isFinite(m) ? m : null)),
      line: { color: COLOURS[3], width: 2 },
    },
  ];
  const shapes =
    band && (Number.isFinite(band.lo) || Number.isFinite(band.hi))
      ? [
          {
            type: 'rect',
            xref: 'paper',
            x0: 0,
            x1: 1,
            y0: Number.isFinite(band.lo) ? band.lo : Math.min(lowest, band.hi),
            y1: Number.isFinite(band.hi) ? band.hi : Math.max(highest, band.lo),
            fillcolor: translucent(COLOURS[2]!, 0.15),
            line: { width: band.lo === band.hi ? 2 : 0, color: COLOURS[2] },
          },
        ]
      : [];
  return {
    data,
    layout: baseLayout(title, 'generation', yTitle, {
      shapes,
      yaxis: { title: { text: plotText(yTitle) }, type: logY ? 'log' : 'linear' },
    }),
  };
}

/** Two objectives' distances from their targets, every candidate, the Pareto-optimal ones highlighted. */
export function paretoFigure(
  names: [string, string],
  points: { x: number; y: number; optimal: boolean; label: string }[],
): FigureSpec {
  const trace = (optimal: boolean, name: string, colour: string) => {
    const set = points.filter((p) => p.optimal === optimal);
    return {
      type: 'scatter',
      mode: 'markers',
      name,
      x: set.map((p) => p.x),
      y: set.map((p) => p.y),
      text: set.map((p) => plotText(p.label)),
      marker: { color: colour, size: optimal ? 9 : 6, opacity: optimal ? 0.95 : 0.45 },
    };
  };
  return {
    data: [trace(false, 'other candidates', COLOURS[0]!), trace(true, 'Pareto-optimal', COLOURS[3]!)],
    layout: baseLayout(
      `Distance from target: ${names[0]} against ${names[1]}`,
      `${names[0]}: distance from target`,
      `${names[1]}: distance from target`,
    ),
  };
}
