/** A Plotly figure as plain JSON: data traces and layout. */
export interface FigureSpec {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

/** Colours used across figures (colour-blind safe, Okabe–Ito). */
export const COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000',
];
/** The baseline's colour where it is drawn beside policies (compare). */
export const BASELINE_COLOUR = '#555555';

/** A colour with transparency, for confidence bands. */
export function translucent(hex: string, alpha = 0.18): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255},${alpha})`;
}

/** Escape text that Plotly would read as markup (titles, legends and hover labels accept some HTML). */
export function plotText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The shared layout: readable fonts, a title, axis titles. */
export function baseLayout(
  title: string,
  x: string,
  y: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    title: { text: plotText(title), font: { size: 16 } },
    xaxis: { title: { text: plotText(x) }, zeroline: false },
    yaxis: { title: { text: plotText(y) }, zeroline: false },
    margin: { l: 70, r: 20, t: 50, b: 100 },
    // At the foot of the figure whatever its height (a paper-relative position drifts away on tall plots).
    legend: { orientation: 'h', yref: 'container', y: 0, yanchor: 'bottom', traceorder: 'normal' },
    font: { family: 'system-ui, -apple-system, Segoe UI, sans-serif', size: 13 },
    ...extra,
  };
}
