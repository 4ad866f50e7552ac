/** Report sections of one run set: key numbers, time series, innovation by breadth and partner, SLI curves. */
import * as aq from 'arquero';
import { incidenceFigure } from '../figures/incidence.js';
import { sliCurveFigure } from '../figures/sliCurve.js';
import { timeseriesFigure } from '../figures/timeseries.js';
import { aggregateByTick, aggregateRuns } from '../verbs/aggregate.js';
import { exitsBy, LO_TERCILES } from '../verbs/exitsBy.js';
import {
  INNOVATION_TYPES,
  type IncidenceCell,
  incidenceByBreadth,
  incidenceByPartner,
} from '../verbs/incidence.js';
import { type SliCurve, sliCurves } from '../verbs/sliCurve.js';
import { type Section, formatNumber, formatTogether, htmlTable } from './html.js';
import { outcomeLabel } from './labels.js';

type Row = Record<string, unknown>;
const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(0)}%` : '–');
const pct1 = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '–');

const KEY_OUTCOMES: [string, string][] = [
  'coop_any',
  'mean_breadth',
  'inno_product',
  'inno_process',
  'inno_org',
  'inno_marketing',
  'mean_iss',
  'mean_sli',
  'exits',
].map((o) => [o, outcomeLabel(o)]);

/** What the key numbers of a sweep say first: they pool design points. */
const POOLED_NOTE =
  'These and the figures below pool all design points, whose parameters differ; the sweep sections ' +
  'above show how the outcome depends on them. ';

/** The survey window in words: 'the last 4 quarters' (`surveyWindow` of the scenario). */
const surveyWindowText = (quarters: number): string =>
  `the last ${quarters} quarter${quarters === 1 ? '' : 's'}`;

/** Key numbers of the survey window (`surveyWindow` quarters) with 95% CIs across runs. */
export function keyNumbers(runs: aq.ColumnTable, surveyWindow: number, pooled = false): Section {
  const stats = aggregateRuns(
    runs,
    KEY_OUTCOMES.map(([o]) => o),
  );
  const rows = stats.map((s, k) => {
    if (!Number.isFinite(s.lo)) return [KEY_OUTCOMES[k]![1], s.mean, 'one run: no interval'];
    const [mean, lo, hi] = formatTogether([s.mean, s.lo, s.hi]);
    return [KEY_OUTCOMES[k]![1], { num: mean! }, `${lo} – ${hi}`];
  });
  const coop = stats[0]!;
  return {
    title:
      `Key numbers (survey window: ${surveyWindowText(surveyWindow)}` +
      `${pooled ? '; every design point of the sweep pooled' : ''})`,
    reading:
      `${pooled ? POOLED_NOTE : ''}Across ` +
      `${coop.n} run${coop.n === 1 ? '' : 's'}, ${pct(coop.mean)} of surveyed firms cooperated ` +
      `with at least one partner and ${pct(stats[2]!.mean)} introduced a product innovation in ` +
      `the survey window.`,
    html: htmlTable(['outcome', 'mean over runs', '95% confidence interval'], rows),
  };
}

/**
 * The key numbers for the terminal, after a plain run: one line per outcome with its mean over runs and
 * 95% CI, the same numbers as the report's first table.
 */
export function keyNumbersText(runs: aq.ColumnTable, surveyWindow: number): string {
  const stats = aggregateRuns(
    runs,
    KEY_OUTCOMES.map(([o]) => o),
  );
  const n = stats[0]!.n;
  const width = Math.max(...KEY_OUTCOMES.map(([, label]) => label.length)) + 2;
  const lines = stats.map((s, k) => {
    const [mean, lo, hi] = Number.isFinite(s.lo)
      ? formatTogether([s.mean, s.lo, s.hi])
      : [formatNumber(s.mean)];
    const interval = lo !== undefined ? `[${lo}, ${hi}]` : '';
    return `  ${KEY_OUTCOMES[k]![1].padEnd(width)}${mean!.padStart(8)}   ${interval}`.trimEnd();
  });
  return (
    `survey window (${surveyWindowText(surveyWindow)}), mean over ${n} ` +
    `run${n === 1 ? '' : 's'}${n > 1 ? ' [95% CI]' : ' (one run: no interval)'}:\n` +
    `${lines.join('\n')}\n`
  );
}

/** Time series of innovation, cooperation and integration, replicate means with 95% bands. */
export function timeSeriesSections(ts: aq.ColumnTable, burnIn: number): Section[] {
  const inno = aggregateByTick(ts, [...INNOVATION_TYPES]);
  const coop = aggregateByTick(ts, ['coop_share', 'mean_sli', 'mean_lo', 'mean_iss']);
  const last = inno.filter((r) => r.outcome === 'inno_product').at(-1);
  const lastCoop = coop.filter((r) => r.outcome === 'coop_share').at(-1);
  const bands = inno.some((r) => r.n > 1); // an interval needs two runs or more
  return [
    {
      title: 'Innovation over time',
      reading:
        `In the last quarter ${pct(last?.mean ?? NaN)} of firms introduced a product innovation in ` +
        `that quarter (${bands ? 'bands: 95% CI across runs' : 'one run, so no bands'}); the ` +
        `shaded start is the burn-in, which results ignore.`,
      figure: timeseriesFigure(
        inno,
        {
          inno_product: 'product',
          inno_process: 'process',
          inno_org: 'organisational',
          inno_marketing: 'marketing',
        },
        'Share of firms innovating each quarter',
        'share of firms',
        burnIn,
      ),
    },
    {
      title: 'Cooperation, supplier integration and learning over time',
      reading:
        `At the end, ${pct(lastCoop?.mean ?? NaN)} of firms held at least one cooperation tie; the ` +
        `lines show how cooperation, integration depth (SLI), learning orientation and innovative ` +
        `sales evolve.`,
      figure: timeseriesFigure(
        coop,
        {
          coop_share: 'firms with a cooperation tie',
          mean_sli: 'mean SLI',
          mean_lo: 'mean learning orientation',
          mean_iss: 'mean innovative sales share',
        },
        'Cooperation and integration',
        'share / mean (0–1)',
        burnIn,
      ),
    },
  ];
}

/** Innovation by breadth bin and by partner type. */
export function cooperationSections(survey: Row[]): Section[] {
  const byBreadth = incidenceByBreadth(survey);
  const product = (g: string) => byBreadth.find((c) => c.group === g && c.outcome === 'inno_product');
  // A bin speaks for itself only with at least 30 firms (docs/VALIDATION.md's convention for breadth bins).
  const bins = ['0', '1–2', '3–4', '5–6'].filter((g) => (product(g)?.firms ?? 0) >= 30);
  const low = product(bins[0] ?? '0');
  const high = product(bins.at(-1) ?? '0');
  const byPartner = incidenceByPartner(survey);
  const partnerProduct = byPartner
    .filter((c) => c.outcome === 'inno_product' && c.group !== 'none' && c.firms > 0)
    .sort((a, b) => b.mean - a.mean);
  const none = byPartner.find((c) => c.group === 'none' && c.outcome === 'inno_product');
  return [
    {
      title: 'Innovation by cooperation breadth',
      reading:
        bins.length >= 2
          ? `Firms with ${bins.at(-1)} partner types introduced product innovations in ` +
            `${pct(high?.mean ?? NaN)} of cases, against ${pct(low?.mean ?? NaN)} for firms with ` +
            `${bins[0]} (error bars: 95% CI across runs; breadth = partner types in the survey window; ` +
            `n = firms pooled over runs).`
          : 'Too few firms in the breadth bins to compare them (a bin needs at least 30 firms).',
      figure: incidenceFigure(
        byBreadth,
        [...INNOVATION_TYPES, 'iss'],
        'Innovation incidence by number of partner types',
        'number of partner types (breadth)',
      ),
    },
    {
      title: 'Innovation by partner type',
      reading: partnerProduct.length
        ? `Product innovation was most frequent among firms cooperating with ` +
          `${partnerProduct[0]!.group}s (${pct(partnerProduct[0]!.mean)}) and least frequent among ` +
          `firms with no partner (${pct(none?.mean ?? NaN)}).`
        : 'No firm cooperated in the survey window.',
      figure: incidenceFigure(
        byPartner,
        [...INNOVATION_TYPES],
        'Innovation incidence by partner type (firms may have several)',
        'partner type',
      ),
    },
  ];
}

/** Slope of a fitted curve near x (finite difference). */
function slopeAt(c: SliCurve, x: number): number {
  const k = Math.min(c.fitted.length - 2, Math.max(0, Math.round(x * 50)));
  return c.fitted.length > 1 ? (c.fitted[k + 1]!.p - c.fitted[k]!.p) * 50 : NaN;
}

/** The SLI curve by learning-orientation tercile and by dynamism tercile. */
export function sliSections(survey: Row[]): Section[] {
  const sections: Section[] = [];
  for (const [moderator, label] of [
    ['lo_true', 'learning orientation'],
    ['dyn_true', 'dynamism'],
  ] as const) {
    const curves = sliCurves(survey, moderator);
    const lowSlope = slopeAt(curves[0]!, 0.9);
    const highSlope = slopeAt(curves[2]!, 0.9);
    const peak = curves[1]!.fitted.reduce((a, b) => (b.p > a.p ? b : a), { x: NaN, p: -1 });
    const flatter =
      Number.isFinite(lowSlope) && Number.isFinite(highSlope)
        ? highSlope > lowSlope
          ? 'less steeply'
          : 'more steeply'
        : 'differently';
    sections.push({
      title: `Supplier integration and product innovation, by ${label}`,
      reading:
        `For firms of middle ${label} the fitted curve peaks at SLI ≈ ${formatNumber(peak.x)}; at ` +
        `deep integration (SLI 0.9) it falls ${flatter} for high-${label} firms than for ` +
        `low-${label} firms (points: binned rates with 95% CIs; lines: logit fits on SLI and SLI²).`,
      figure: sliCurveFigure(curves, label, `Product innovation against SLI, by ${label} tercile`),
    });
  }
  return sections;
}

/** Quarters after a snapshot in which the report counts exits. */
export const EXIT_HORIZON = 20;

/**
 * Exits after the first snapshot, by depth and LO tercile (only when the scenario asked for snapshots);
 * `context` prefixes the title.
 */
export function exitSections(snapshots: Row[], exits: Row[], ticks: number, context = ''): Section[] {
  if (snapshots.length === 0) return [];
  const r = exitsBy(snapshots, exits, EXIT_HORIZON, ticks - 1);
  if (r.horizon < 1) return [];
  const shown = r.cells.filter((c) => c.firms >= 30 && Number.isFinite(c.mean));
  const most = shown.reduce<IncidenceCell | undefined>((a, c) => (!a || c.mean > a.mean ? c : a), undefined);
  const least = shown.reduce<IncidenceCell | undefined>((a, c) => (!a || c.mean < a.mean ? c : a), undefined);
  const extremes =
    most && least
      ? ` The highest rate is among ${most.outcome} firms with SLI ${most.group} ` +
        `(${pct1(most.mean)}), the lowest among ${least.outcome} firms with SLI ${least.group} ` +
        `(${pct1(least.mean)}); cells with fewer than 30 firms are not compared.`
      : '';
  return [
    {
      title: context ? `${context}who exits after quarter ${r.tick}` : `Who exits after quarter ${r.tick}`,
      reading:
        `Of the ${r.firms.toLocaleString('en-US')} firms alive after quarter ${r.tick} (pooled ` +
        `over runs), ${pct1(r.exited / r.firms)} exited within the next ${r.horizon} ` +
        `quarters.${extremes} Bars: per-run exit shares, mean and 95% CI across runs; depth and ` +
        `learning orientation as they were after quarter ${r.tick} (snapshots.csv).`,
      figure: incidenceFigure(
        r.cells,
        [...LO_TERCILES],
        `Exit within ${r.horizon} quarters after quarter ${r.tick}, by supplier integration and learning orientation`,
        'supplier logistics integration (SLI) after the snapshot',
        { yTitle: 'share of firms that exited', autorange: true, seriesPartitionGroup: true },
      ),
    },
  ];
}
