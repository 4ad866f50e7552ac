import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { rowsOfCsv } from '../../analysis/io.js';
import { COMPARE_OUTCOMES } from '../../scripts/commands/compare.js';
import { CHROMIUM_ARGS, ensureChromium } from '../report/browser.js';
import { cli } from '../run/helpers.js';
import { serve, smallScenarioFolder } from './helpers.js';

const field = (path: string) => `[id="f-${path}"]`;
const problemOf = (path: string) => `.field[data-path="${path}"] .problem`;

describe('the workbench in Chromium', () => {
  it('sets two levers, rejects a typed mistake with check’s message, runs, plots, saves what the CLI reproduces', async (ctx) => {
    const browser = ensureChromium();
    if (!browser.path) {
      console.warn(`SKIPPED: ${browser.why}`);
      ctx.skip();
      return;
    }
    const { root, dir } = smallScenarioFolder('workbench');
    // a description that tries to inject markup: the page shows it as text
    writeFileSync(
      join(dir, 'markup.yaml'),
      'name: markup\nextends: baseline.yaml\ndescription: "<img src=x onerror=alert(1)> & <b>b</b>"\n',
    );
    const s = await serve(root, ['--workers', '2']);
    const b = await chromium.launch({ executablePath: browser.path, args: CHROMIUM_ARGS });
    try {
      const page = await b.newPage({ viewport: { width: 1300, height: 1000 } });
      const errors: string[] = [];
      const foreign: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on(
        'request',
        (r) => !r.url().startsWith(`${s.base}/`) && !r.url().startsWith('data:') && foreign.push(r.url()),
      );
      await page.goto(`${s.base}/?token=${s.token}`);
      await page.waitForSelector('a.card[data-file="markup.yaml"]');
      expect(await page.textContent('a.card[data-file="markup.yaml"]')).toContain(
        '<img src=x onerror=alert(1)> & <b>b</b>',
      );
      expect(await page.locator('main img, main b').count()).toBe(0);
      await page.click('a.card[data-file="training-programme.yaml"]');
      await page.waitForSelector(field('policies.training.share'));

      // two levers, then a typed mistake: the page shows `smesim check`'s own message under the field
      await page.fill(field('policies.training.share'), '0.5');
      await page.fill(field('policies.training.amount'), '0.3');
      await page.fill(field('policies.training.share'), '2');
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.textContent?.includes('at most 1'),
        problemOf('policies.training.share'),
      );
      const shown = (await page.textContent(problemOf('policies.training.share')))!;
      const check = cli([
        'check',
        join(dir, 'training-programme.yaml'),
        '--set',
        'policies.training.share=2',
      ]);
      expect(check.status).toBe(2);
      expect(check.stderr).toContain(shown.trim());
      expect(await page.isDisabled('#run')).toBe(true);
      await page.fill(field('policies.training.share'), '0.5');
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.textContent === '',
        problemOf('policies.training.share'),
      );
      expect(await page.getAttribute('.field[data-path="policies.training.share"]', 'class')).toContain(
        'changed',
      );

      // save as: a file that extends its parent with only the two changed fields
      await page.fill('#save-name', 'wb-training');
      await page.fill('#replicates', '3');
      await page.click('#save');
      await page.waitForSelector('#saved');
      const saved = readFileSync(join(dir, 'wb-training.yaml'), 'utf8');
      expect(saved).toContain('extends: training-programme.yaml');
      expect(saved).toMatch(/^ {4}share: 0\.5 {2}# /m);
      expect(saved).toMatch(/^ {4}amount: 0\.3 {2}# /m);
      expect(saved.split('\n').filter((l) => /^\s+\w+: [^#\s]/.test(l))).toHaveLength(2);

      // run against the baseline: the forest plot has a row per compared outcome
      await page.click('#run');
      await page.waitForSelector('[data-section="0"] .js-plotly-plot .ytick', { timeout: 120_000 });
      const runToPlot = await page.evaluate(
        () => Number(document.body.dataset.firstPlot) - Number(document.body.dataset.runClicked),
      );
      console.log(
        `workbench: ${Math.round(runToPlot)} ms from pressing Run to the first plot (3 replicates, 150 firms × 110 quarters)`,
      );
      expect(await page.locator('[data-section="0"] .ytick').count()).toBe(COMPARE_OUTCOMES.length);
      expect(await page.locator('#key-numbers tbody tr').count()).toBe(COMPARE_OUTCOMES.length);
      expect(await page.textContent('#links')).toContain('report.html');
      const shot = join(root, 'workbench.png');
      await page.screenshot({ path: shot, fullPage: false });
      if (process.env.SMESIM_UPDATE_SCREENSHOT) copyFileSync(shot, join('docs', 'workbench.png'));

      // the CLI's compare on the saved file gives the same tables, byte for byte
      const folder = join(root, 'out', 'compare-baseline-vs-wb-training');
      const again = join(root, 'cli-compare');
      const base = join(dir, 'baseline.yaml');
      const r = cli([
        'compare',
        base,
        join(dir, 'wb-training.yaml'),
        '--replicates',
        '3',
        '--out',
        again,
        '--workers',
        '2',
      ]);
      expect(r.status, r.stderr).toBe(0);
      for (const f of [
        'compare.csv',
        ...['baseline', 'wb-training'].flatMap((d) =>
          ['runs.csv', 'timeseries.csv', 'survey.csv'].map((t) => `${d}/${t}`),
        ),
      ])
        expect(readFileSync(join(again, f), 'utf8'), f).toBe(readFileSync(join(folder, f), 'utf8'));

      // back on the form, the detectable difference of 3 replicates is given from this run's spread, as compare.csv has it
      const shares = rowsOfCsv(readFileSync(join(folder, 'compare.csv'), 'utf8'))
        .filter((row) => COMPARE_OUTCOMES.includes(String(row.outcome)) && Number(row.baseline_mean) !== 0)
        .map((row) => (100 * Number(row.detectable_diff)) / Math.abs(Number(row.baseline_mean)));
      await page.goto(`${s.base}/#/scenario/training-programme.yaml`);
      await page.fill('#save-name', 'wb-training');
      await page.fill('#replicates', '3');
      await page.dispatchEvent('#save-name', 'change');
      await page.waitForFunction(() =>
        document
          .getElementById('detectable')
          ?.textContent?.includes(
            'With 3 replicate pairs, a difference shows reliably (8 times in 10) from about ±',
          ),
      );
      const text = (await page.textContent('#detectable'))!;
      expect(text).toContain(
        `±${Number(Math.min(...shares).toPrecision(3))}% to ±${Number(Math.max(...shares).toPrecision(3))}%`,
      );

      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await b.close();
      await s.stop();
    }
  });
});
