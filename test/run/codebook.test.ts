import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeScenario } from '../../sim/config/scenario.js';
import { makeRunPlan } from '../../sim/plan/plan.js';
import { CODEBOOK, codebookMarkdown, columnsOf } from '../../sim/run/codebook.js';
import { writeTables } from '../../sim/run/outputs.js';
import { type RunOutput, runOne } from '../../sim/runOne.js';
import { packageRoot } from '../../sim/packageRoot.js';
import { scratchDir } from '../scratch.js';

describe('the codebook (docs/columns.md)', () => {
  it('names exactly the columns each table is written with, in their order (swept parameters after run_id)', () => {
    const swept = ['sli.convergenceRate', 'market.shareSensitivity'];
    for (const design of ['sobol', 'morris'] as const) {
      const s = makeScenario({
        name: 'cb',
        population: 40,
        ticks: 30,
        burnIn: 10,
        replicates: 1,
        outputs: { snapshots: [20] },
        sweep: { design, samples: 1, parameters: swept.map((name) => ({ name, min: 1, max: 2 })) },
      });
      const plan = makeRunPlan(s);
      const dir = scratchDir('codebook');
      writeTables(
        dir,
        plan.specs.slice(0, 2).map((spec) => runOne(spec) as RunOutput),
        plan,
      );
      for (const file of [
        'runs.csv',
        'timeseries.csv',
        'survey.csv',
        'exits.csv',
        'snapshots.csv',
        'design.csv',
      ]) {
        const header = readFileSync(join(dir, file), 'utf8').split('\n')[0]!.split(',');
        const documented = columnsOf(file);
        const expected =
          file === 'design.csv'
            ? [...documented, ...swept]
            : [documented[0]!, ...swept, ...documented.slice(1)];
        expect(header, `${file} (${design})`).toEqual(expected);
      }
    }
  });

  it('gives every column a meaning, once per table', () => {
    for (const t of CODEBOOK) {
      expect(new Set(t.columns.map(([name]) => name)).size, t.file).toBe(t.columns.length);
      for (const [name, meaning] of t.columns)
        expect(meaning.length, `${t.file} ${name}`).toBeGreaterThan(10);
    }
  });

  it('is what docs/columns.md says (run `npm run docs` after changing sim/run/codebook.ts)', () => {
    expect(readFileSync(join(packageRoot(), 'docs', 'columns.md'), 'utf8')).toBe(codebookMarkdown());
  });
});
