import { isCostRow } from '../../analysis/verbs/costEffect.js';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRows } from '../../analysis/io.js';
import { buildReport } from '../../analysis/report/build.js';
import { detectableEffectSize } from '../../analysis/verbs/paired.js';
import { cli, tinyScenario } from '../run/helpers.js';
import { CHROMIUM_ARGS, ensureChromium } from './browser.js';

let outDir = '';
let sweepDir = '';
let compareDir = '';

beforeAll(() => {
  // a small run whose description and sector names try to inject markup
  // (and asks for a snapshot after quarter 60, for the section on who exits after it)
  const { dir, file } = tinyScenario(
    'description: "<script>alert(1)</script> & <b>bold</b>"\noutputs:\n  snapshots: [60]\n',
    3,
    200,
    100,
  );
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('sectors: [a, b]', 'sectors: ["<img src=x onerror=alert(2)>", b]'),
  );
  outDir = join(dir, 'run');
  expect(cli(['run', file, '--out', outDir, '--workers', '2']).status).toBe(0);
  const sweep = tinyScenario(
    'sweep:\n  design: lhs\n  samples: 24\n  parameters:\n    - name: sli.proposalSlope\n      min: 0.5\n      max: 2.5\n    - name: sli.convergenceRate\n      min: 0.5\n      max: 2.5\n',
    1,
    80,
    40,
  );
  sweepDir = join(sweep.dir, 'sweep');
  expect(cli(['sweep', sweep.file, '--out', sweepDir, '--workers', '2']).status).toBe(0);
  const base = tinyScenario('', 3, 80, 40);
  writeFileSync(
    join(base.dir, 'policy.yaml'),
    readFileSync(base.file, 'utf8').replace(
      'name: tiny',
      'name: subsidy\npolicies:\n  cooperationSubsidy:\n    start: 12\n    share: 0.9',
    ),
  );
  compareDir = join(base.dir, 'cmp');
  expect(
    cli(['compare', base.file, join(base.dir, 'policy.yaml'), '--out', compareDir, '--workers', '2']).status,
  ).toBe(0);
}, 300_000);

describe('report.html', () => {
  it('is written by run, sweep and compare, and rebuilt from the files alone by `smesim report`', () => {
    for (const dir of [outDir, sweepDir, compareDir])
      expect(statSync(join(dir, 'report.html')).size).toBeGreaterThan(4_000_000);
    const before = readFileSync(join(outDir, 'report.html'), 'utf8');
    expect(cli(['report', outDir]).status).toBe(0);
    expect(readFileSync(join(outDir, 'report.html'), 'utf8')).toBe(before);
  });

  it('of a run set that has not finished: says so, with how many runs are recorded and how to finish it (exit 2)', () => {
    const dir = join(outDir, '..', 'unfinished');
    mkdirSync(dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, finished: null }));
    writeFileSync(
      join(dir, 'ledger.jsonl'),
      readFileSync(join(outDir, 'ledger.jsonl'), 'utf8').split('\n')[0] + '\n',
    );
    expect(() => buildReport(dir)).toThrow(
      `${dir} has no tables yet: its run set has not finished (1 of 3 runs recorded); run the command that made it again, which resumes, merges the tables and writes the report`,
    );
    const r = cli(['report', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: .* has no tables yet/);
    // the outer folder of a compare that stopped before compare.csv
    expect(() => buildReport(join(dir, '..'))).toThrow(
      /holds the run sets of a compare that has not finished \(.*run.*unfinished.*; no compare\.csv yet\); run the compare again/,
    );
    expect(() => buildReport(join(dir, 'manifest.json'))).toThrow(/has no manifest\.json/);
  });

  it('inlines Plotly once, loads nothing from the network, and stays a reasonable size', () => {
    const html = readFileSync(join(outDir, 'report.html'), 'utf8');
    expect(html.match(/\* plotly\.js v\d+\.\d+\.\d+/g)).toHaveLength(1); // the bundle's header comment, exactly once
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    const size = statSync(join(outDir, 'report.html')).size;
    expect(size).toBeLessThan(6_000_000); // Plotly's minified bundle (4.8 MB) once, plus small figure data
  });

  it('shows who exits after a snapshot, when the scenario asked for one', () => {
    const html = readFileSync(join(outDir, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Who exits after quarter 60</h2>');
    expect(html).toMatch(
      /Of the [\d,]+ firms alive after quarter 60 \(pooled over runs\), \d+\.\d% exited within the next 20 quarters/,
    );
    expect(readFileSync(join(compareDir, 'report.html'), 'utf8')).not.toContain('Who exits');
    // exits.csv starting after the quarter the figure needs (outputs.exitsFrom): a note, not a figure that undercounts
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
    const late = join(outDir, '..', 'late-exits');
    mkdirSync(late, { recursive: true });
    for (const f of ['runs.csv', 'timeseries.csv', 'survey.csv', 'exits.csv', 'snapshots.csv'])
      writeFileSync(join(late, f), readFileSync(join(outDir, f)));
    const withFrom = (from: number) =>
      writeFileSync(
        join(late, 'manifest.json'),
        JSON.stringify({
          ...manifest,
          scenario: { ...manifest.scenario, outputs: { ...manifest.scenario.outputs, exitsFrom: from } },
        }),
      );
    withFrom(62);
    const noted = buildReport(late);
    expect(noted).toContain('<h2>Who exits after quarter 60</h2>');
    expect(noted).toContain(
      'Not shown: exits.csv holds the exits from quarter 62 on (outputs.exitsFrom), and the figure needs them from quarter 61, the one after the first snapshot. Set outputs.exitsFrom to at most 61 to see it.',
    );
    withFrom(61); // exactly the quarter after the snapshot: the figure, as before
    expect(buildReport(late)).toMatch(/Of the [\d,]+ firms alive after quarter 60 \(pooled over runs\)/);
    // a policy on the baseline's own firms: every gap between the lines is the policy's
    expect(readFileSync(join(compareDir, 'report.html'), 'utf8')).toContain(
      'all scenarios share their worlds replicate by replicate, so gaps between lines come from the policies',
    );
    // ... and the lines are the baseline's until the policy acts (the subsidy starts in quarter 12): the reading says where they part
    const parted = [
      ...readFileSync(join(compareDir, 'report.html'), 'utf8').matchAll(
        /Up to quarter (\d+) every scenario&#39;s line is the same as the baseline&#39;s, which is drawn over them; they part from quarter (\d+) on\./g,
      ),
    ];
    expect(parted).toHaveLength(3);
    // each scenario's own report is linked, baseline first, and is there
    const links = [
      ...readFileSync(join(compareDir, 'report.html'), 'utf8').matchAll(/<a href="([^"]+)\/report\.html">/g),
    ].map((m) => m[1]!);
    expect(links).toEqual(['tiny', 'subsidy']);
    for (const d of links) expect(existsSync(join(compareDir, d, 'report.html'))).toBe(true);
    for (const m of parted) {
      expect(Number(m[2])).toBe(Number(m[1]) + 1);
      expect(Number(m[2])).toBeGreaterThanOrEqual(12);
    }
  });

  it('of a compare tells how small an effect its replicates could miss (compare.csv detectable_diff)', () => {
    const rows = loadRows(compareDir, 'compare.csv').filter((r) => !isCostRow(String(r.outcome)));
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      expect(r.n).toBe(3);
      expect(Number(r.detectable_diff)).toBeCloseTo(detectableEffectSize(3) * Number(r.diff_sd), 12);
    }
    expect(readFileSync(join(compareDir, 'report.html'), 'utf8')).toMatch(
      /with 3 replicate pairs, a difference shows reliably \(8 times in 10\) only from about ±[\d.]+% to ±[\d.]+% of the baseline/,
    );
  });

  it('of a sweep opens with the sweep: the response section first, then the pooled sections, marked as pooled', () => {
    const titles = [
      ...readFileSync(join(sweepDir, 'report.html'), 'utf8').matchAll(/<h2>([^<]*)<\/h2>/g),
    ].map((m) => m[1]!);
    expect(titles[0]).toBe('Sweep: response of inno_product to each parameter');
    expect(
      titles[
        titles.indexOf(
          'Key numbers (survey window: the last 12 quarters; every design point of the sweep pooled)',
        ) - 1
      ],
    ).toMatch(/^(Sweep|Scenario discovery)/);
    expect(readFileSync(join(outDir, 'report.html'), 'utf8')).toContain(
      '<h2>Key numbers (survey window: the last 12 quarters)</h2>',
    );
    // its readings say what the numbers can bear: p-values, one run per point, PRIM's density against the base rate
    const html = readFileSync(join(sweepDir, 'report.html'), 'utf8');
    expect(html).toMatch(
      /Strongest rank correlation with product innovators \(share\): sli\.\w+ [+−]0\.\d\d \(p (&lt; )?[\d.]+; the outcome (tends to )?(rise|fall)s? with it\)/,
    );
    expect(html).toContain(
      'With 24 design points a rank correlation must be beyond ±0.40 to differ from 0 at 5%',
    );
    expect(html).toContain(
      'Each design point ran once, so the model’s own randomness is mixed into these responses',
    );
    expect(html).toMatch(
      /of the points inside it meet the condition, against [\d.]+% of all design points\./,
    );
  });

  it('escapes every user-supplied string', () => {
    const html = readFileSync(join(outDir, 'report.html'), 'utf8');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    // a name that could never pass validation is still escaped by the report itself
    const manifestPath = join(outDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const copy = join(outDir, '..', 'evil');
    mkdirSync(copy, { recursive: true });
    for (const f of ['runs.csv', 'timeseries.csv', 'survey.csv', 'exits.csv'])
      writeFileSync(join(copy, f), readFileSync(join(outDir, f)));
    writeFileSync(
      join(copy, 'manifest.json'),
      JSON.stringify({ ...manifest, scenario: { ...manifest.scenario, name: '<script>alert(1)</script>' } }),
    );
    const evil = buildReport(copy);
    expect(evil).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(evil).not.toContain('<script>alert(1)</script>');
  });

  it('renders every figure in headless Chromium with no console error and no network request', async (ctx) => {
    const browser = ensureChromium();
    if (!browser.path) {
      console.warn(`SKIPPED: ${browser.why}`);
      ctx.skip();
      return;
    }
    const b = await chromium.launch({ executablePath: browser.path, args: CHROMIUM_ARGS });
    try {
      mkdirSync('test-output', { recursive: true });
      for (const [name, dir, minFigures] of [
        ['run', outDir, 7],
        ['sweep', sweepDir, 8],
        ['compare', compareDir, 4],
      ] as const) {
        const page = await b.newPage({ viewport: { width: 1200, height: 900 } });
        const errors: string[] = [];
        const requests: string[] = [];
        const dialogs: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('request', (r) => !r.url().startsWith('file:') && requests.push(r.url()));
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        await page.goto(`file://${join(dir, 'report.html')}`);
        const specs = await page.locator('script[id^="spec-"]').count();
        await page.waitForFunction(
          (n) => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n,
          specs,
          { timeout: 30_000 },
        );
        expect(specs, name).toBeGreaterThanOrEqual(minFigures);
        expect(await page.locator('.js-plotly-plot').count(), name).toBe(specs);
        expect(errors, name).toEqual([]);
        expect(requests, name).toEqual([]);
        expect(dialogs, name).toEqual([]);
        await page.screenshot({ path: join('test-output', `report-${name}.png`), fullPage: true });
        await page.close();
      }
    } finally {
      await b.close();
    }
  });
});
