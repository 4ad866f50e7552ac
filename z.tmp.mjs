import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
const errors = []; page.on('pageerror', (e) => errors.push(String(e))); page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
await page.goto('file://' + process.argv[2]); await page.waitForTimeout(1200);
const n = await page.locator('section').count();
console.log('sections', n, 'plots', await page.locator('.js-plotly-plot').count(), 'errors', errors);
for (const k of process.argv.slice(3).map(Number)) await page.locator('section').nth(k < 0 ? n + k : k).screenshot({ path: `/tmp/s${k}.png` });
await browser.close();
