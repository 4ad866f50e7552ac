/**
 * A comparison's answer: the key numbers beside the baseline's, then the report's own sections (forest
 * plot, costs, time series) with their one-sentence readings, and links to the report, tables and scenario.
 */
import { el, esc, fmt, get } from './api.js';

interface Section {
  title: string;
  reading: string;
  figure?: { data: unknown; layout: unknown };
  /** HTML the report built from escaped values only. */
  html?: string;
}
interface Row {
  policy: string;
  outcome: string;
  baseline_mean: number | null;
  policy_mean: number | null;
  diff_mean: number | null;
  ci_low: number | null;
  ci_high: number | null;
}
interface Result {
  folder: string;
  sections: Section[];
  rows: Row[];
  files: string[];
  scenarioFile?: string;
}

const isCost = (outcome: string) => outcome === 'outlay_total' || outcome.endsWith('_per_outlay');

/** Show the result of the comparison in `folder`. */
export async function showResult(main: HTMLElement, folder: string): Promise<void> {
  const r = await get<Result>('result', { folder });
  const out = (f: string) =>
    `/out/${encodeURIComponent(folder)}/${f.split('/').map(encodeURIComponent).join('/')}`;
  const links = el(
    'p',
    { id: 'links' },
    ...r.files.flatMap((f) => [
      el('a', { href: out(f), target: '_blank' }, f === 'report.html' ? 'Full report (report.html)' : f),
      ' · ',
    ]),
    ...(r.scenarioFile
      ? [
          el(
            'a',
            { href: `/scenarios/${encodeURIComponent(r.scenarioFile)}`, target: '_blank' },
            `scenario ${r.scenarioFile}`,
          ),
        ]
      : []),
  );
  const keyRows = r.rows.filter((x) => !isCost(x.outcome));
  const sig = (x: Row) => (x.ci_low ?? 0) > 0 || (x.ci_high ?? 0) < 0;
  const key = el('section', { id: 'key-numbers' }, el('h2', {}, 'Key numbers beside the baseline'));
  const table = el('table');
  table.innerHTML =
    '<thead><tr><th>policy</th><th>outcome</th><th>baseline</th>' +
    '<th>policy</th><th>difference</th><th>95% CI</th></tr></thead><tbody>' +
    keyRows
      .map(
        (x) =>
          `<tr${sig(x) ? ' style="font-weight:600"' : ''}><td>${esc(x.policy)}</td><td>` +
          `${esc(x.outcome)}</td><td class="num">${fmt(x.baseline_mean)}</td><td ` +
          `class="num">${fmt(x.policy_mean)}</td><td class="num">${fmt(x.diff_mean)}</td>` +
          `<td class="num">${fmt(x.ci_low)} to ${fmt(x.ci_high)}</td></tr>`,
      )
      .join('') +
    '</tbody>';
  key.append(el('p', { class: 'muted' }, 'Bold: the 95% CI of the difference excludes zero.'), table);
  const plots: [HTMLElement, NonNullable<Section['figure']>][] = [];
  const sections = r.sections.map((s, k) => {
    const node = el(
      'section',
      { 'data-section': String(k) },
      el('h2', {}, s.title),
      el('p', { class: 'reading' }, s.reading),
    );
    if (s.figure) {
      const plot = el('div', { class: 'plot', id: `plot-${k}` });
      node.append(plot);
      plots.push([plot, s.figure]);
    }
    if (s.html) node.insertAdjacentHTML('beforeend', s.html);
    return node;
  });
  main.replaceChildren(
    el('h2', {}, `Comparison ${folder}`),
    links,
    ...sections.slice(0, 1),
    key,
    ...sections.slice(1),
  );
  // plotted once on the page (Plotly measures its box); the first plot's time is kept for the timing test
  for (const [k, [div, figure]] of plots.entries()) {
    await Plotly.newPlot(div, figure.data, figure.layout, { responsive: true, displaylogo: false });
    if (k === 0) document.body.dataset.firstPlot = String(performance.now());
  }
}
