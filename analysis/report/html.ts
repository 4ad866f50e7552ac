/** Assembling the self-contained report page: escaped text, inlined Plotly, one figure per section. */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FigureSpec } from '../figures/spec.js';

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One section of the report: a heading, a one-sentence reading, and a figure or a (safe) HTML block. */
export interface Section {
  title: string;
  reading: string;
  figure?: FigureSpec;
  /** HTML built by the report code from escaped values only. */
  html?: string;
}

let plotlySource: string | undefined;
/** The minified Plotly bundle, read once. */
function plotly(): string {
  plotlySource ??= readFileSync(createRequire(import.meta.url).resolve('plotly.js-dist-min'), 'utf8').replace(
    /<\/script/gi,
    '<\\/script',
  );
  return plotlySource;
}

/** Bytes of a report.html before its figures: the inlined Plotly bundle (what a disk estimate adds per report). */
export function reportBaseBytes(): number {
  return statSync(createRequire(import.meta.url).resolve('plotly.js-dist-min')).size;
}

/** JSON that can sit inside a <script> element whatever strings it holds. */
function safeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #222; background: #fafafa; }
header { background: #0b3d5c; color: #fff; padding: 1.5rem 2rem; }
header h1 { margin: 0 0 .3rem; font-size: 1.6rem; }
header p { margin: .2rem 0; max-width: 60rem; }
header a { color: #bfe1ff; }
header a:visited { color: #e0c8ff; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 2rem 3rem; }
section { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; padding: 1rem 1.2rem; margin: 1.2rem 0; }
section h2 { font-size: 1.15rem; margin: 0 0 .4rem; }
.reading { margin: .2rem 0 .6rem; color: #333; }
.note { margin: .6rem 0 0; color: #444; font-size: .92rem; max-width: 62rem; }
.plot { width: 100%; min-height: 380px; }
table { border-collapse: collapse; font-size: .92rem; }
td, th { border-bottom: 1px solid #e5e5e5; padding: .3rem .7rem; text-align: left; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.interval { white-space: nowrap; }
.pass { color: #006d2c; font-weight: 600; } .fail { color: #b30000; font-weight: 600; }
details { margin-top: .5rem; } code { background: #f1f1f1; padding: 0 .25rem; border-radius: 3px; }
footer { color: #666; font-size: .85rem; max-width: 72rem; margin: 0 auto; padding: 0 2rem 2rem; }
`;

/** The whole page: header (already escaped HTML), sections, and Plotly inlined once. */
export function renderPage(
  title: string,
  headerHtml: string,
  sections: Section[],
  footerHtml: string,
): string {
  const body = sections
    .map((s, k) => {
      const plot = s.figure
        ? `<div class="plot" id="plot-${k}"></div><script type="application/json" ` +
          `id="spec-${k}">${safeJson(s.figure)}</script>`
        : '';
      return (
        `<section><h2>${escapeHtml(s.title)}</h2><p ` +
        `class="reading">${escapeHtml(s.reading)}</p>${plot}${s.html ?? ''}</section>`
      );
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style>
<script>${plotly()}</script></head>
<body><header>${headerHtml}</header><main>
${body}
</main><footer>${footerHtml}</footer>
<script>
document.querySelectorAll('script[type="application/json"][id^="spec-"]').forEach(function (el) {
  var spec = JSON.parse(el.textContent);
  var div = document.getElementById('plot-' + el.id.slice(5));
  Plotly.newPlot(div, spec.data, spec.layout, { responsive: true, displaylogo: false });
});
</script></body></html>
`;
}

/** A table from escaped cells (numbers right-aligned; `{ num: text }` is a number already formatted). */
export function htmlTable(columns: string[], rows: (string | number | { num: string })[][]): string {
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const cell = (v: string | number | { num: string }) =>
    typeof v === 'string'
      ? `<td>${escapeHtml(v)}</td>`
      : `<td class="num">${escapeHtml(typeof v === 'number' ? formatNumber(v) : v.num)}</td>`;
  const body = rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A number for people: 3 significant digits, integers as they are. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Number(v.toPrecision(3)).toString();
}

/**
 * A mean and its interval, or an interval, for people: each to 3 significant digits as formatNumber has
 * it, then all with the same number of decimals (at most the largest one's), so that "0.8 – 0.817" reads
 * "0.800 – 0.817" while "0.45 – 0.55" stays as it is; integers, values from 100 up and tiny ones as
 * formatNumber has them.
 */
export function formatTogether(values: number[]): string[] {
  const largest = Number(Math.max(...values.map(Math.abs)).toPrecision(3)); // as shown: 99.96 is 100
  // integers, and values too large or too small for plain decimals, as formatNumber has them
  if (
    !Number.isFinite(largest) ||
    largest >= 100 ||
    largest < 1e-4 ||
    values.every((v) => Number.isInteger(v))
  )
    return values.map(formatNumber);
  const most = 2 - Math.floor(Math.log10(largest));
  const decimalsOf = (v: number) => (Number(v.toPrecision(3)).toString().split('.')[1] ?? '').length;
  const decimals = Math.min(most, Math.max(...values.map(decimalsOf)));
  return values.map((v) => v.toFixed(decimals));
}

/**
 * A difference as a signed change in per cent of a baseline mean ("+3.0%", "−0.7%", "0.0%" when it rounds
 * to zero), or undefined when the baseline mean is 0 or not a number. `minus` is '-' for terminals.
 */
export function percentChange(diff: number, base: number, minus = '−'): string | undefined {
  if (base === 0 || !Number.isFinite(base) || !Number.isFinite(diff)) return undefined;
  const p = Number(((100 * diff) / Math.abs(base)).toFixed(1)); // the sign is taken after rounding
  return `${p > 0 ? '+' : p < 0 ? minus : ''}${Math.abs(p).toFixed(1)}%`;
}
