/** Sweep figures: responses to each parameter, Sobol' indices, Morris μ*–σ, and the PRIM peeling trajectory. */
import type { MorrisMeasure } from '../verbs/morris.js';
import type { PrimBox } from '../verbs/prim.js';
import type { SobolIndex } from '../verbs/sobol.js';
import { COLOURS, type FigureSpec, baseLayout, plotText } from './spec.js';

/** Outcome (mean over replicates) at each design point against each swept parameter, side by side. */
export function responseFigure(
  points: { values: number[]; y: number }[],
  parameters: string[],
  outcome: string,
): FigureSpec {
  const k = parameters.length;
  const data = parameters.map((p, d) => ({
    type: 'scatter',
    mode: 'markers',
    name: plotText(p),
    x: points.map((pt) => pt.values[d]),
    y: points.map((pt) => pt.y),
    xaxis: d === 0 ? 'x' : `x${d + 1}`,
    yaxis: 'y',
    marker: { color: COLOURS[d % COLOURS.length], size: 6, opacity: 0.7 },
  }));
  const layout: Record<string, unknown> = baseLayout(
    `Response of ${outcome} to each swept parameter`,
    '',
    outcome,
    { grid: { rows: 1, columns: k, pattern: 'independent' }, showlegend: false },
  );
  parameters.forEach((p, d) => {
    layout[d === 0 ? 'xaxis' : `xaxis${d + 1}`] = {
      title: { text: plotText(p) },
      domain: [d / k + 0.02, (d + 1) / k - 0.02],
    };
  });
  return { data, layout };
}

/** First- and total-order indices with bootstrap CIs. */
export function sobolFigure(indices: SobolIndex[], outcome: string): FigureSpec {
  const bar = (
    name: string,
    key: 'first' | 'total',
    lo: 'firstLo' | 'totalLo',
    hi: 'firstHi' | 'totalHi',
    colour: string,
  ) => ({
    type: 'bar',
    name,
    x: indices.map((i) => plotText(i.parameter)),
    y: indices.map((i) => i[key]),
    error_y: {
      type: 'data',
      symmetric: false,
      array: indices.map((i) => i[hi] - i[key]),
      arrayminus: indices.map((i) => i[key] - i[lo]),
    },
    marker: { color: colour },
  });
  return {
    data: [
      bar('first order S', 'first', 'firstLo', 'firstHi', COLOURS[0]!),
      bar('total order ST', 'total', 'totalLo', 'totalHi', COLOURS[1]!),
    ],
    layout: baseLayout(`Sobol' indices for ${outcome}`, 'parameter', 'share of output variance', {
      barmode: 'group',
    }),
  };
}

/** Morris screening: μ* against σ, one labelled point per parameter. */
export function morrisFigure(measures: MorrisMeasure[], outcome: string): FigureSpec {
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers+text',
        x: measures.map((m) => m.muStar),
        y: measures.map((m) => m.sigma),
        text: measures.map((m) => plotText(m.parameter)),
        textposition: 'top center',
        marker: { size: 10, color: COLOURS[0] },
      },
    ],
    layout: baseLayout(
      `Morris screening for ${outcome}`,
      'μ* (mean absolute elementary effect)',
      'σ (interactions, non-linearity)',
      { showlegend: false },
    ),
  };
}

/** PRIM peeling trajectory: coverage against density; the chosen box highlighted. */
export function primFigure(trajectory: PrimBox[], chosen: PrimBox, condition: string): FigureSpec {
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: 'peeling trajectory',
        x: trajectory.map((b) => b.coverage),
        y: trajectory.map((b) => b.density),
        marker: { color: COLOURS[0], size: 6 },
      },
      {
        type: 'scatter',
        mode: 'markers',
        name: 'reported box',
        x: [chosen.coverage],
        y: [chosen.density],
        marker: { color: COLOURS[3], size: 14, symbol: 'star' },
      },
    ],
    layout: baseLayout(
      `PRIM boxes for ${condition}`,
      'coverage (share of cases found)',
      'density (share of box that are cases)',
      { xaxis: { title: { text: 'coverage (share of cases found)' }, autorange: 'reversed' } },
    ),
  };
}
