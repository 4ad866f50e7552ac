import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../scratch.js';

const CLI = join('dist', 'scripts', 'cli.js');

// Benchmarks print figures and are never timed by tests; this only checks that `smesim bench --quick`
// still runs every benchmark and writes a complete results file where it is told to.
describe('smesim bench --quick (built CLI)', () => {
  it('runs every quick benchmark and writes their rows to --out', () => {
    const out = join(scratchDir('bench'), 'results.json');
    const printed = execFileSync('node', [CLI, 'bench', '--quick', '--out', out], { encoding: 'utf8' });
    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      quick: boolean;
      rows: { benchmark: string; seconds: number; note: string }[];
    };
    expect(results.quick).toBe(true);
    expect(results.rows.map((r) => r.benchmark)).toEqual([
      'engine',
      'engine',
      'sweep',
      'sweep',
      'tiny-runs',
      'estimation',
      'estimation-surveys',
      'estimation-surveys',
      'exit-log',
    ]);
    for (const r of results.rows) expect(r.seconds).toBeGreaterThan(0);
    expect(results.rows.at(-4)!.note).toMatch(/^14 target evaluations/);
    expect(results.rows.at(-2)!.note).toMatch(/^4 surveys of [\d,]+ firms; median of T1\/\(2·T2\)/);
    expect(results.rows.at(-1)!.note).toMatch(
      /^T9's window: [\d,]+ of 100,000 exits .*parsed whole and then filtered: [\d.]+ s$/,
    );
    expect(printed).toContain(`written: ${out}`);
  });
});
