import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRows } from '../../analysis/io.js';
import { surveyRows } from '../../analysis/validation/evaluate.js';
import { cli, tinyScenario } from '../run/helpers.js';

describe('the paper-scale sample (300 firms)', () => {
  it('is the whole survey when that has 300 firms or fewer, and its rows say so', () => {
    const { dir, file } = tinyScenario('', 1, 80, 40);
    const out = join(dir, 'o');
    expect(cli(['run', file, '--out', out, '--workers', '1', '--no-report']).status).toBe(0);
    const survey = loadRows(out, 'survey.csv');
    expect(survey.length).toBeLessThanOrEqual(300);
    const rows = surveyRows(survey, 1);
    const paper = rows.filter((r) => r.sample === 'paper-300');
    const full = rows.filter((r) => r.sample === 'full' && !r.target.includes('two-lines'));
    expect(paper.length).toBe(full.length);
    for (const r of paper)
      expect(r.note).toMatch(
        new RegExp(`^the whole survey \\(${survey.length} firms, not more than 300\\): `),
      );
    for (const r of full) expect(r.note).not.toContain('the whole survey');
    // the same data, so the same statistics as the full survey
    expect(paper.map((r) => r.statistic)).toEqual(full.map((r) => r.statistic));
  });
});
