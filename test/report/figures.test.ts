import { describe, expect, it } from 'vitest';
import { forestFigure } from '../../analysis/figures/forest.js';
import { incidenceFigure } from '../../analysis/figures/incidence.js';
import { sliCurveFigure } from '../../analysis/figures/sliCurve.js';
import { timeseriesFigure } from '../../analysis/figures/timeseries.js';
import { sobolFigure } from '../../analysis/figures/sweep.js';
import { compareSections } from '../../analysis/report/compareSection.js';
import {
  morrisReading,
  replicateNoiseReading,
  responseReading,
  sobolReading,
} from '../../analysis/report/sweepSection.js';
import { validationSection } from '../../analysis/report/validationSection.js';
import { SINGLE_PAIR } from '../../analysis/verbs/paired.js';
import { correlationP, criticalCorrelation } from '../../analysis/verbs/stats.js';
import { formatTogether } from '../../analysis/report/html.js';

describe('figure builders (pure: table → Plotly spec)', () => {
  it('draws a time series as a band (two invisible edges, filled) plus a line per outcome', () => {
    const rows = [0, 1, 2].flatMap((tick) => [
      { tick, outcome: 'a', n: 3, mean: 0.5, sd: 0.1, lo: 0.4, hi: 0.6 },
    ]);
    const f = timeseriesFigure(rows, { a: 'A' }, 'T', 'y', 1);
    expect(f.data).toHaveLength(3);
    expect(f.data[1]!.fill).toBe('tonexty');
    expect(f.data[2]).toMatchObject({ name: 'A', x: [0, 1, 2], y: [0.5, 0.5, 0.5] });
    expect((f.layout.shapes as unknown[]).length).toBe(1); // the burn-in shade
  });

  it('clips share intervals to [0, 1] and labels bins with their firm counts', () => {
    const cells = [
      { group: '0', outcome: 'inno_product', firms: 40, n: 3, mean: 0.9, sd: 0.2, lo: 0.5, hi: 1.3 },
    ];
    const f = incidenceFigure(cells, ['inno_product'], 'T', 'x');
    const err = f.data[0]!.error_y as { array: number[]; arrayminus: number[] };
    expect(err.array[0]).toBeCloseTo(0.1, 12);
    expect(err.arrayminus[0]).toBeCloseTo(0.4, 12);
    expect(f.data[0]!.x).toEqual(['0<br>n = 40']);
  });

  it('puts each tercile’s binned rates and fitted curve in one legend group', () => {
    const curve = (group: 'low' | 'middle' | 'high') => ({
      group,
      firms: 10,
      bins: [{ x: 0.5, rate: 0.4, n: 10, lo: 0.3, hi: 0.5 }],
      fitted: [
        { x: 0, p: 0.3 },
        { x: 1, p: 0.2 },
      ],
    });
    const f = sliCurveFigure([curve('low'), curve('middle'), curve('high')], 'LO', 'T');
    expect(f.data).toHaveLength(6);
    expect(new Set(f.data.map((d) => d.legendgroup))).toEqual(new Set(['low', 'middle', 'high']));
  });

  it('shows compare differences relative to the baseline mean, with asymmetric CI bars', () => {
    const f = forestFigure(
      [{ policy: 'p', outcome: 'x', diff_mean: 0.1, ci_low: 0.05, ci_high: 0.2, baseline_mean: 0.5 }],
      ['x'],
      'T',
    );
    expect(f.data[0]!.x).toEqual([20]);
    const err = f.data[0]!.error_x as { array: number[]; arrayminus: number[] };
    expect(err.array[0]).toBeCloseTo(20, 12);
    expect(err.arrayminus[0]).toBeCloseTo(10, 12);
  });

  it('gives each policy its own line inside an outcome row, named in plain words', () => {
    const row = (policy: string, outcome: string, diff: number) => ({
      policy,
      outcome,
      diff_mean: diff,
      ci_low: diff - 0.01,
      ci_high: diff + 0.01,
      baseline_mean: 0.5,
    });
    const rows = [
      row('a', 'coop_any', 0.1),
      row('b', 'coop_any', 0.2),
      row('a', 'mean_lo', 0),
      row('b', 'mean_lo', 0),
    ];
    const f = forestFigure(rows, ['coop_any', 'mean_lo'], 'T', { coop_any: 'firms cooperating' });
    const ys = f.data.map((d) => d.y as number[]);
    expect(ys[0]![0]).toBeLessThan(0); // row 0, policy a above the row's centre (the axis is reversed)
    expect(ys[1]![0]).toBeGreaterThan(0);
    expect(ys[0]![1]! - ys[0]![0]!).toBe(1); // one row apart
    expect((f.layout.yaxis as { ticktext: string[] }).ticktext).toEqual(['firms cooperating', 'mean_lo']);
  });

  it('reads a comparison policy by policy: plain-language outcomes, size relative to the baseline, CI', () => {
    const rows = [
      {
        policy: 'subsidy',
        outcome: 'coop_university',
        diff_mean: 0.02,
        ci_low: 0.01,
        ci_high: 0.03,
        baseline_mean: 0.1,
      },
      { policy: 'subsidy', outcome: 'exits', diff_mean: -5, ci_low: -12, ci_high: 2, baseline_mean: 100 },
      { policy: 'training', outcome: 'exits', diff_mean: 1, ci_low: -3, ci_high: 5, baseline_mean: 100 },
    ];
    const [section] = compareSections(rows);
    expect(section!.reading).toContain(
      'subsidy: cooperating with universities (share) +20.0% (95% CI +10.0% to +30.0%)',
    );
    expect(section!.reading).toContain('training: none');
    expect(section!.reading).not.toContain('exits');
    expect(compareSections(rows.slice(1))[0]!.reading).toMatch(
      /^No difference has a 95% CI that excludes zero/,
    );
    expect(section!.title).toContain('same worlds');
    // a scenario with other firms than the baseline: the title and the reading say so
    const [other] = compareSections(rows, ['training']);
    expect(other!.title).not.toContain('same worlds');
    expect(compareSections(rows.map((r) => ({ ...r, ci_low: NaN, ci_high: NaN })))[0]!.reading).toMatch(
      /^One replicate gives no confidence interval/,
    );
    expect(other!.reading).toMatch(
      /training has other firms than the baseline .* so its differences come from that as well as from the policy\.$/,
    );
    expect(section!.reading).not.toContain('detectable'); // a compare.csv written before the column existed
    expect(compareSections(rows, [], ['training'])[0]!.reading).toMatch(
      / training runs for another number of quarters than the baseline \(ticks differ\), so its survey covers other quarters and its differences come from that too\.$/,
    );
    expect(section!.reading).not.toContain('another number of quarters');
  });

  it('says how small an effect the replicates could have missed, from compare.csv’s n and detectable_diff', () => {
    const row = (outcome: string, diff: number, detectable: number, n = 10) => ({
      policy: 'p',
      outcome,
      n,
      diff_mean: diff,
      ci_low: diff - detectable / 2,
      ci_high: diff + detectable / 2,
      baseline_mean: 0.5,
      detectable_diff: detectable,
    });
    const reading = compareSections([row('coop_any', 0.1, 0.025), row('inno_org', 0.001, 0.05)])[0]!.reading;
    expect(reading).toContain(
      'That does not show the other effects are zero: with 10 replicate pairs, a difference shows reliably (8 times in 10) only from about ±5% to ±10% of the baseline',
    );
    expect(compareSections([row('inno_org', 0.001, 0.05)])[0]!.reading).toMatch(
      /^No difference .*That does not show every effect is zero: .* only from about ±10% of the baseline/,
    );
    // the table lists it
    expect(compareSections([row('inno_org', 0.001, 0.05)])[0]!.html).toContain('detectable (±)');
    // one pair: the CI is missing for a reason, and n says so even where a CI would be finite
    expect(compareSections([row('coop_any', 0.1, NaN, 1)])[0]!.reading).toBe(SINGLE_PAIR);
  });

  it('reads a sweep response as rank correlations, strongest first, ties averaged, constant parameters n/a', () => {
    const points = [1, 2, 3, 4, 5].map((v, i) => ({ values: [v, 6 - v, 7], y: [5, 6, 7, 8, 7][i]! }));
    expect(responseReading(points, ['a', 'b', 'c'], 'inno_product')).toBe(
      // ranks of y 1, 2, 3.5, 5, 3.5: Pearson 8/√95 = 0.8208; scipy.stats.spearmanr: p 0.08858700531354384
      'Strongest rank correlation with product innovators (share): a +0.82 (p 0.089; the outcome tends to rise with it); then b −0.82 (p 0.089), c n/a (constant). With 5 design points a rank correlation must be beyond ±0.88 to differ from 0 at 5%: none does here, so more design points (or replicates, which make each point less noisy) would be needed to tell.',
    );
    expect(Math.abs(correlationP(8 / Math.sqrt(95), 5) / 0.08858700531354384 - 1)).toBeLessThan(1e-9);
    expect(criticalCorrelation(16)).toBeCloseTo(0.49730903545939303, 8); // scipy: t.ppf(0.975, 14) / sqrt(14 + t²)
    // enough points: the strongest correlation is significant, and the reading says so plainly
    const many = Array.from({ length: 30 }, (_, k) => ({ values: [k], y: k + 5 * Math.sin(k) }));
    expect(responseReading(many, ['a'], 'inno_product')).toMatch(
      /^Strongest rank correlation with product innovators \(share\): a \+0\.\d\d \(p < 0\.001; the outcome rises with it\)\. With 30 design points a rank correlation must be beyond ±0\.36 to differ from 0 at 5%\.$/,
    );
    expect(responseReading(points.slice(0, 3), ['a', 'b', 'c'], 'inno_product')).toBe(''); // too few points to read
    const flat = [1, 2, 3, 4].map((v) => ({ values: [v], y: 0.5 }));
    expect(responseReading(flat, ['a'], 'inno_product')).toBe(
      'No parameter moves product innovators (share) in one direction (rank correlations are all 0 or undefined).',
    );
  });

  it('colours a compare time series by scenario, and can list the baseline first', () => {
    const rows = [0, 1].flatMap((tick) =>
      ['p', 'base'].map((outcome) => ({ tick, outcome, n: 1, mean: 0.5, sd: NaN, lo: NaN, hi: NaN })),
    );
    const f = timeseriesFigure(rows, { p: 'policy', base: 'baseline' }, 'T', 'y', 0, {
      colours: { base: '#555555' },
      legendRank: { base: 1, p: 2 },
    });
    expect(f.data).toHaveLength(2); // no bands from one run
    expect(f.data[1]).toMatchObject({ name: 'baseline', line: { color: '#555555' }, legendrank: 1 });
    expect(f.data[0]).toMatchObject({ name: 'policy', legendrank: 2 });
  });

  it('says how much of a sweep outcome’s variance is between replicates of one design point', () => {
    const run = (point: number, rep: number, y: number) => ({
      run_id: `s/p${String(point).padStart(4, '0')}/r00${rep}`,
      inno_product: y,
    });
    // within-point variance (2 + 2) / 2 = 2; variance of all runs 20 / 3; share 0.3
    expect(
      replicateNoiseReading([run(1, 1, 1), run(1, 2, 3), run(2, 1, 5), run(2, 2, 7)], 'inno_product'),
    ).toBe(
      'Replicates of the same design point differ too: 30% of the variance of product innovators (share) across runs is between replicates (the model’s own randomness), the rest comes with the parameters.',
    );
    // numpy: mean of var(ddof=1) per point / var(all, ddof=1) = 0.5133
    const noisy = [run(1, 1, 0), run(1, 2, 6), run(2, 1, 1), run(2, 2, 7), run(3, 1, 10), run(3, 2, 16)];
    expect(replicateNoiseReading(noisy, 'inno_product')).toMatch(
      /: 51% of .* the rest comes with the parameters; with that much noise, more replicates per point sharpen the responses\.$/,
    );
    expect(replicateNoiseReading([run(1, 1, 1), run(2, 1, 3)], 'inno_product')).toMatch(
      /^Each design point ran once/,
    );
  });

  it('reads Morris screening by μ* and the shape its σ/μ* suggests', () => {
    const m = (parameter: string, muStar: number, sigma: number) => ({
      parameter,
      muStar,
      sigma,
      effects: 10,
    });
    expect(morrisReading([m('a', 0.2, 0.05), m('b', 0.5, 0.6)])).toBe(
      "b has the largest mean absolute effect (μ* = 0.5, from 10 elementary effects); σ/μ* = 1.20: its effect is non-linear or depends on the other parameters (Garcia Sanchez et al. 2014). A high σ means a parameter's effect depends on where the others are.",
    );
    expect(morrisReading([m('a', 0.2, 0.01)])).toContain('σ/μ* = 0.05: its effect is almost linear');
    expect(morrisReading([m('a', 0.2, 0.06)])).toContain('its effect is monotonic');
    expect(morrisReading([m('a', 0, 0)])).not.toContain('σ/μ*'); // no effect at all: no shape to read
  });

  it('reads Sobol indices with their CIs, and says when the ranking of the top two is not settled', () => {
    const index = (parameter: string, first: number, total: number, half: number) => ({
      parameter,
      first,
      firstLo: first - half,
      firstHi: first + half,
      total,
      totalLo: total - half,
      totalHi: total + half,
    });
    expect(sobolReading([index('a', 0.5, 0.6, 0.05), index('b', 0.1, 0.2, 0.05)], 64)).toBe(
      'a matters most: it accounts for 0.5 (95% CI 0.45 to 0.55) of the variance alone and 0.6 (95% CI 0.55 to 0.65) with its interactions (64 base samples; bars: 95% bootstrap CIs).',
    );
    const close = sobolReading([index('b', 0.1, 0.45, 0.1), index('a', -0.02, 0.5, 0.1)], 8);
    expect(close).toMatch(/^a matters most: it accounts for −?-?0\.02 \(below 0: sampling noise around 0; /);
    expect(close).toContain(
      "Its total index's CI overlaps that of b (0.45, 95% CI 0.35 to 0.55), so which of them matters most is not settled: more base samples would tell.",
    );
    expect(close).not.toContain('too imprecise');
    expect(sobolReading([index('a', 0.5, 0.6, 0.3), index('b', 0.1, 0.2, 0.05)], 8)).toMatch(
      /With 8 base samples some intervals are wider than 0\.5 of the variance, too imprecise to read much into; Sobol' estimates usually need hundreds of base samples \(sweep\.samples\)\.$/,
    );
  });

  it('escapes markup in parameter names', () => {
    const f = sobolFigure(
      [
        {
          parameter: '<b>x</b>',
          first: 0.1,
          firstLo: 0,
          firstHi: 0.2,
          total: 0.3,
          totalLo: 0.2,
          totalHi: 0.4,
        },
      ],
      'y',
    );
    expect(f.data[0]!.x).toEqual(['&lt;b&gt;x&lt;/b&gt;']);
  });
});

describe('validation section of the report', () => {
  const target = (id: string, pass: boolean) => ({
    id,
    description: `<${id}>`,
    measure: 'likert',
    runs: 50,
    passRate: pass ? 0.9 : 0.1,
    threshold: '≥ 0.8',
    pass,
  });
  it('counts the targets that hold, escapes the text, and points to CALIBRATION.md only when one fails', () => {
    const failing = validationSection({
      replicates: 50,
      firms: 5000,
      targets: [target('T1', true), target('T9', false)],
    });
    expect(failing.reading).toMatch(
      /^1 of 2 targets meet their threshold; T9 \(pass rate 0\.10, needs ≥ 0\.8\) does not \(full survey of 5,000 firms, 50 replicates/,
    );
    const two = validationSection({
      replicates: 50,
      firms: 5000,
      targets: [target('T1', false), target('T9', false)],
    });
    expect(two.reading).toMatch(
      /^0 of 2 targets meet their threshold; T1 \(pass rate 0\.10, needs ≥ 0\.8\), T9 \(pass rate 0\.10, needs ≥ 0\.8\) do not \(/,
    );
    expect(failing.reading).toMatch(/replicates\)\.$/); // one sentence: the verdict; the rest are notes under the table
    expect(failing.html).toContain('docs/CALIBRATION.md');
    expect(failing.html).toContain('&lt;T9&gt;');
    expect(failing.html).toContain('<td class="fail">fail</td>');
    const passing = validationSection({ replicates: 50, firms: 5000, targets: [target('T1', true)] });
    expect(passing.reading).toMatch(/^1 of 1 targets meet their threshold \(/);
    expect(passing.html).not.toContain('CALIBRATION');
    expect(passing.html).not.toContain('without the shock');
  });

  it('gives each pass rate its 95% interval and names the close calls, when validation.json has the intervals', () => {
    const close = {
      ...target('T6', true),
      passRate: 0.84,
      passRateLow: 0.7148578393696499,
      passRateHigh: 0.9166257932196658,
    };
    const clear = { ...target('T1', true), passRate: 1, passRateLow: 0.9286524008666412, passRateHigh: 1 };
    const s = validationSection({ replicates: 50, firms: 5000, targets: [clear, close] });
    expect(s.html).toContain('<th>pass rate</th><th>95% CI</th>');
    expect(s.html).toContain('<td class="num">0.84</td><td class="num interval">[0.71, 0.92]</td>');
    expect(s.html).toContain('could decide it the other way): T6 0.84 [0.71, 0.92].');
    const old = validationSection({ replicates: 50, firms: 5000, targets: [target('T6', true)] }); // validation.json without intervals
    expect(old.html).toContain('<td class="num">0.90</td><td class="num interval"></td>'); // two decimals, as the CLI prints it
    expect(old.html).not.toContain('Close to the threshold');
  });

  it('says how to read a validation smaller than the calibration, and only then', () => {
    const calibration = { firms: 5000, replicates: 50 };
    expect(
      validationSection({ replicates: 50, firms: 5000, calibration, targets: [target('T1', true)] }).reading,
    ).not.toContain('smaller');
    expect(
      validationSection({ replicates: 12, firms: 5000, calibration, targets: [target('T1', false)] }).reading,
    ).toContain(
      'This validation is smaller than the calibration (12 instead of 50 replicates): a pass rate from 12 runs moves in steps of 0.08. A miss here says less about the model than a miss at full size.',
    );
    expect(
      validationSection({ replicates: 50, firms: 1000, calibration, targets: [target('T1', false)] }).reading,
    ).toContain('(1,000 instead of 5,000 firms per run): a smaller survey gives each test less power');
    expect(
      validationSection({ replicates: 5, firms: 500, targets: [target('T1', false)] }).reading,
    ).not.toContain('smaller'); // validation.json written before it had a calibration
  });

  it("reports T9 as a prediction beside its no-shock reference and the shock's own effect, in words", () => {
    const t9 = { ...target('T9', false), sample: 'full', passRate: 0.3, meanStatistic: 1.52 };
    const reference = {
      ...t9,
      sample: 'no-shock',
      passRate: 0.28,
      meanStatistic: 1.49,
      threshold: 'reference',
      pass: true,
    };
    const t1 = target('T1', true);
    const s = validationSection({ replicates: 50, firms: 5000, targets: [t1], all: [t1, t9, reference] });
    expect(s.html).toContain(
      '<p class="note">T9 without the shock (its regression on the validation runs themselves, same quarters): exit hazard rising with SLI·(1 − LO) at 5% in 0.28 of the runs, mean z 1.49; with the shock: 0.30, mean z 1.52',
    );
    expect(s.html).not.toMatch(/<td>T9<\/td>/); // a prediction: not a row of the verdict table
    expect(s.reading).toMatch(/^1 of 1 targets meet their threshold/); // and not counted in it
    expect(s.html).toContain('do not reliably exit more often after the shock (in 0.30 of the runs)');
    expect(s.html).toContain('about as often as without any shock (0.28)');
    expect(s.html).not.toContain('What the shock adds');
    const effect = {
      ...t9,
      sample: 'shock-effect',
      runs: 50,
      passRate: 0.04,
      meanStatistic: 0.11,
      threshold: 'reference',
      pass: false,
    };
    const both = validationSection({
      replicates: 50,
      firms: 5000,
      targets: [t1],
      all: [t1, t9, reference, effect],
    });
    expect(both.html).toContain('What the shock adds, tested directly');
    expect(both.html).toContain('positive at 5% in 0.04 of 50 pairs, mean z 0.11.');
    expect(both.html).toContain(
      'the shock itself adds nothing measurable (its own effect significant in only 0.04',
    );
    const sharpened = validationSection({
      replicates: 50,
      firms: 5000,
      targets: [t1],
      all: [t1, { ...t9, passRate: 0.9 }, { ...reference, passRate: 0.3 }, { ...effect, passRate: 0.85 }],
    });
    expect(sharpened.html).toContain(
      'exit more often after the shock (in 0.90 of the runs), more often than',
    );
    expect(sharpened.html).toContain('the shock itself sharpens that pattern');
  });

  it('shows the levels L1–L4 beside the surveys, counts them in the verdict and names those outside', () => {
    const level = (id: string, value: number, pass: boolean) => ({
      id,
      description: `<${id}>`,
      value,
      low: value - 0.01,
      high: value + 0.01,
      runs: 50,
      firms: 200000,
      range: '0.20–0.45',
      source: 'CIS (Eurostat)',
      pass,
      runsInRange: pass ? 1 : 0,
    });
    const s = validationSection({
      replicates: 50,
      firms: 5000,
      targets: [target('T1', true)],
      levels: [level('L1', 0.31, true), level('L4', 1.05, false)],
    });
    expect(s.reading).toMatch(
      /^2 of 3 targets and levels meet their threshold; L4 \(1\.050, surveys 0\.20–0\.45\)/,
    );
    expect(s.html).toContain(
      '<td class="num interval">0.310 [0.300, 0.320]</td><td class="interval">0.20–0.45</td><td class="pass">in range',
    );
    expect(s.html).toContain('<td class="fail">outside</td>');
    expect(s.html).toContain('Source: CIS (Eurostat).');
  });

  it('shows the same targets on the true values and on the paper-scale sample in a second table, without a verdict', () => {
    const t1 = { ...target('T1', true), sample: 'full', meanStatistic: 5.3 };
    const also = (sample: string, measure: string, passRate: number) => ({
      ...t1,
      sample,
      measure,
      passRate,
      pass: passRate >= 0.8,
      meanStatistic: 0.9,
    });
    const s = validationSection({
      replicates: 50,
      firms: 5000,
      targets: [t1],
      all: [t1, also('full', 'true', 1), also('paper-300', 'likert', 0.12), also('paper-300', 'true', 0.14)],
    });
    expect(s.html).toContain('<h3>The same targets, without a verdict</h3>');
    expect(s.html).toContain(
      'as the studies had, 0 of 1 of these targets reach their threshold: a survey that small often misses',
    );
    expect(s.html).toMatch(
      /<tr><td>T1<\/td><td>≥ 0\.8<\/td><td class="num">1\.00 <span class="note">\(0\.9\)<\/span><\/td><td class="num">0\.12 .*<td class="num">0\.14 /,
    );
    const fine = validationSection({
      replicates: 50,
      firms: 5000,
      targets: [t1],
      all: [t1, also('paper-300', 'likert', 0.9)],
    });
    expect(fine.html).toContain('1 of 1 of these targets reach their threshold.');
    expect(fine.html).toContain('<td class="num">–</td>'); // no true-value row given: a dash, not a made-up number
    expect(validationSection({ replicates: 50, firms: 5000, targets: [t1], all: [t1] }).html).not.toContain(
      'without a verdict',
    );
    // the clustered reference: a fourth column, read in the note, and absent (no note) when validation.json has none
    expect(s.html).not.toContain('clustered by regional industry (sector × region)');
    const clustered = validationSection({
      replicates: 50,
      firms: 5000,
      targets: [t1],
      all: [t1, also('paper-300', 'likert', 0.12), also('clustered', 'likert', 0.7)],
    });
    expect(clustered.html).toContain('<th>full survey, SEs clustered by regional industry</th>');
    expect(clustered.html).toMatch(/<td class="num">0\.70 <span class="note">\(0\.9\)<\/span><\/td><\/tr>/);
    expect(clustered.html).toContain('with those errors clustered by regional industry (sector × region)');
    expect(clustered.html).toContain('0 of 1 reach their threshold that way.');
  });

  it('reads the two-lines test beside T5 and T8-falling, and the quadratic reference beside T8-rising', () => {
    const t5 = target('T5', true);
    const two = (id: string, passRate: number) => ({
      ...target(`${id}-two-lines`, false),
      passRate,
      threshold: '≥ 0.8',
    });
    const quadratic = { ...target('T8-rising-quadratic', false), passRate: 0.22, threshold: '≤ 0.2' };
    const s = validationSection({
      replicates: 50,
      firms: 5000,
      targets: [t5],
      all: [t5, two('T5', 0.52), two('T8-falling', 0), quadratic],
    });
    expect(s.html).toContain(
      'finds a rising and a falling line in 0.52 of the runs of the full model (T5) and 0.00 of the runs with the falling-limb mechanisms off.',
    );
    expect(s.html).toContain('is significantly positive in 0.22 of the same runs');
    expect(s.html).not.toMatch(/<td>T[58][^<]*-two-lines<\/td>/); // a reading: not a row of the verdict table
    expect(validationSection({ replicates: 50, firms: 5000, targets: [t5], all: [t5] }).html).not.toContain(
      'two-lines',
    );
  });
});

describe('numbers for people', () => {
  it('gives a mean and its interval the same decimals, without inventing digits', () => {
    expect(formatTogether([0.8, 0.817])).toEqual(['0.800', '0.817']); // not "0.8 – 0.817"
    expect(formatTogether([0.809, 0.8001, 0.817])).toEqual(['0.809', '0.800', '0.817']);
    expect(formatTogether([0.45, 0.55])).toEqual(['0.45', '0.55']); // not 0.450
    expect(formatTogether([1.4, 1.38, 1.42])).toEqual(['1.40', '1.38', '1.42']);
    expect(formatTogether([0.0001, 0.05])).toEqual(['0.0001', '0.0500']);
    expect(formatTogether([-0.0144, 0.0234])).toEqual(['-0.0144', '0.0234']);
    expect(formatTogether([812, 753, 871])).toEqual(['812', '753', '871']);
    expect(formatTogether([24900.2, 25500.7])).toEqual(['24900', '25500']); // 3 significant digits, as formatNumber
    expect(formatTogether([2e-7, 1e-7])).toEqual(['2e-7', '1e-7']);
    expect(formatTogether([NaN, 1])).toEqual(['–', '1']);
    expect(formatTogether([99.96, 98.5])).toEqual(['100', '98.5']); // not '100.0': the largest as shown sets the decimals
    expect(formatTogether([0.9996, 0.95])).toEqual(['1.00', '0.95']);
  });
});
