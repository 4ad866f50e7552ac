import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRows } from '../../analysis/io.js';
import { surveyRows } from '../../analysis/validation/evaluate.js';
import { surveyTargetsByMeasure } from '../../analysis/validation/targets.js';
import { makeStream, randInt } from '../../sim/rng.js';
import { cli, tinyScenario } from '../run/helpers.js';

type Row = Record<string, unknown>;

/** The paper-scale sample as documented: 300 rows drawn by a seeded partial Fisher–Yates shuffle, in survey order. */
function paperSample(rows: Row[], seed: number, runId: string): Row[] {
  const rng = makeStream(seed, `paper-sample:${runId}`);
  const idx = rows.map((_, i) => i);
  for (let j = 0; j < 300; j++) {
    const r = j + randInt(rng, idx.length - j);
    [idx[j], idx[r]] = [idx[r]!, idx[j]!];
  }
  return idx
    .slice(0, 300)
    .sort((a, b) => a - b)
    .map((i) => rows[i]!);
}

/** Surveyed product or process innovators, as T4's note counts them. */
const innovators = (note: string) => Number(/^(\d+) innovators/.exec(note)?.[1]);

describe('the paper-scale sample (300 firms)', () => {
  it('of a larger survey: 300 of its firms, drawn by the seed, with their own statistics', () => {
    const { dir, file } = tinyScenario('', 1, 900, 40);
    const out = join(dir, 'o');
    expect(cli(['run', file, '--out', out, '--workers', '1', '--no-report']).status).toBe(0);
    const survey = loadRows(out, 'survey.csv');
    expect(survey.length).toBeGreaterThan(600); // so that a sample of 300 is a real subset
    const rows = surveyRows(survey, 7);
    const paper = rows.filter((r) => r.sample === 'paper-300');
    const full = rows.filter((r) => r.sample === 'full' && !r.target.includes('two-lines'));
    expect(paper.map((r) => [r.target, r.measure])).toEqual(full.map((r) => [r.target, r.measure]));
    for (const r of paper) expect(r.note).not.toContain('the whole survey');
    // the targets on exactly the 300 firms the seed draws, not on the full survey
    const runId = String(survey[0]!.run_id);
    const drawn = paperSample(survey, 7, runId);
    const expected = surveyTargetsByMeasure(drawn, ['likert', 'true']);
    expect(paper.map((r) => r.statistic)).toEqual(
      [...expected.likert!, ...expected.true!].map((r) => r.statistic),
    );
    expect(paper.map((r) => r.statistic)).not.toEqual(full.map((r) => r.statistic));
    const t4 = (rs: typeof rows) => innovators(rs.find((r) => r.target === 'T4')!.note);
    expect(t4(paper)).toBeLessThanOrEqual(300);
    expect(t4(paper)).toBeLessThan(t4(full));
    // another master seed draws other firms
    const other = surveyRows(survey, 8).filter((r) => r.sample === 'paper-300');
    expect(other.map((r) => r.statistic)).not.toEqual(paper.map((r) => r.statistic));
  }, 60_000);

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
