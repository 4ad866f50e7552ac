import {
  appendFileSync,
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cli, cliAsync, tables, tinyScenario } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kill -9 and resume', () => {
  it('after SIGKILL at several moments, the same command finishes with tables identical to an uninterrupted run', async () => {
    const { dir, file } = tinyScenario('', 16, 150, 80);
    const clean = join(dir, 'clean');
    expect(cli(['run', file, '--out', clean, '--workers', '2']).status).toBe(0);
    const recorded = (out: string) => {
      const ledger = join(out, 'ledger.jsonl');
      return existsSync(ledger)
        ? readFileSync(ledger, 'utf8')
            .split('\n')
            .filter((l) => l.endsWith('}')).length
        : 0;
    };
    // Kill when the run set has reached a given stage: just started, and after 3, 7 and 11 of 16 runs.
    for (const stage of [0, 3, 7, 11]) {
      const out = join(dir, `killed-at-${stage}`);
      const child = cliAsync(['run', file, '--out', out, '--workers', '2']);
      let finished = false;
      const exited = new Promise((r) => child.once('exit', () => r((finished = true))));
      const started = Date.now();
      while (
        !finished &&
        Date.now() - started < 60_000 &&
        !(existsSync(join(out, 'manifest.json')) && recorded(out) >= stage)
      )
        await sleep(5);
      child.kill('SIGKILL');
      await exited;
      const before = recorded(out);
      expect(before, `killed at stage ${stage}`).toBeLessThan(16);
      const again = cli(['run', file, '--out', out, '--workers', '2']);
      expect(again.status, again.stderr).toBe(0);
      if (before > 0) expect(again.stdout).toMatch(new RegExp(`\\(${before} already done, resumed\\)`));
      expect(tables(out)).toEqual(tables(clean));
    }
  });

  it('Ctrl-C (SIGINT) says how many runs are kept and the command that resumes; that command finishes identically', async () => {
    const { dir, file } = tinyScenario('', 16, 150, 80);
    const clean = join(dir, 'clean');
    expect(cli(['run', file, '--out', clean, '--workers', '2', '--no-report']).status).toBe(0);
    const out = join(dir, 'interrupted');
    const args = ['run', file, '--out', out, '--workers', '2', '--no-report'];
    const child = spawn('node', [join('dist', 'scripts', 'cli.js'), ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const ledger = join(out, 'ledger.jsonl');
    const recorded = () =>
      existsSync(ledger)
        ? readFileSync(ledger, 'utf8')
            .split('\n')
            .filter((l) => l.endsWith('}')).length
        : 0;
    const started = Date.now();
    while (recorded() < 3 && Date.now() - started < 60_000) await sleep(5);
    child.kill('SIGINT');
    const code = await exited;
    const kept = recorded();
    expect(kept, 'interrupted before the end').toBeLessThan(16);
    expect(code).toBe(130);
    expect(stderr).toContain(
      `interrupted: ${kept} of 16 runs of ${out} are finished and kept; run the same command again to resume:\n  smesim ${args.join(' ')}\n`,
    );
    const again = cli(args);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`(${kept} already done, resumed)`);
    expect(tables(out)).toEqual(tables(clean));
  });

  it('discards half-written files and a torn ledger line', () => {
    const { dir, file } = tinyScenario('', 4);
    const out = join(dir, 'o');
    expect(cli(['run', file, '--out', out, '--workers', '1']).status).toBe(0);
    const clean = tables(out);
    // simulate a crash: a partial temp file, a torn last ledger line, a run file cut short, and the manifest
    // a killed invocation leaves (not finished: it is marked so only after the merge)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, finished: null }));
    writeFileSync(join(out, 'runs', 'tiny__r009.json.gz.tmp-12345'), '{"ok":tr');
    appendFileSync(join(out, 'ledger.jsonl'), '{"runId":"tiny/r003","sta');
    writeFileSync(
      join(out, 'runs', 'tiny__r004.json.gz'),
      readFileSync(join(out, 'runs', 'tiny__r004.json.gz')).subarray(0, 100),
    );
    const again = cli(['run', file, '--out', out, '--workers', '1']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/3 already done/); // r004 had a broken file, so it ran again
    expect(existsSync(join(out, 'runs', 'tiny__r009.json.gz.tmp-12345'))).toBe(false);
    expect(tables(out)).toEqual(clean);
  });

  it('stores each run compressed, and resumes a run set whose results are plain JSON (written before they were compressed)', () => {
    const { dir, file } = tinyScenario('', 4);
    const out = join(dir, 'o');
    expect(cli(['run', file, '--out', out, '--workers', '1', '--no-report']).status).toBe(0);
    const clean = tables(out);
    const stored = readdirSync(join(out, 'runs')).sort();
    expect(stored).toEqual([
      'tiny__r001.json.gz',
      'tiny__r002.json.gz',
      'tiny__r003.json.gz',
      'tiny__r004.json.gz',
    ]);
    for (const name of stored) {
      const plain = gunzipSync(readFileSync(join(out, 'runs', name)));
      expect((JSON.parse(plain.toString('utf8')) as { runId: string }).runId).toBe(
        `tiny/${name.slice(6, 10)}`,
      );
      writeFileSync(join(out, 'runs', name.replace(/\.gz$/, '')), plain);
      rmSync(join(out, 'runs', name));
    }
    rmSync(join(out, 'survey.csv')); // so that the tables are merged again, from the plain files
    const again = cli(['run', file, '--out', out, '--workers', '1', '--no-report']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/4 already done/);
    expect(tables(out)).toEqual(clean);
  });

  it('a complete run set run again is not merged again (tables untouched); a table removed since is written again, identical', () => {
    const { dir, file } = tinyScenario('outputs:\n  network: true\n  snapshots: [20]\n', 3);
    const out = join(dir, 'o');
    const args = ['run', file, '--out', out, '--workers', '1', '--format', 'arrow,parquet', '--no-report'];
    expect(cli(args).status).toBe(0);
    const files = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? (e.name === 'runs' ? [] : files(join(d, e.name))) : [join(d, e.name)],
      );
    const tableFiles = files(out).filter((f) => !/(manifest\.json|ledger\.jsonl)$/.test(f));
    expect(tableFiles.map((f) => f.slice(out.length + 1)).sort()).toEqual(
      ['exits', 'runs', 'snapshots', 'survey', 'timeseries']
        .flatMap((t) => [`${t}.arrow`, `${t}.csv`, `${t}.parquet`])
        .concat(['networks/tiny__r001.graphml', 'networks/tiny__r002.graphml', 'networks/tiny__r003.graphml'])
        .sort(),
    );
    const stamp = () => Object.fromEntries(tableFiles.map((f) => [f, statSync(f).mtimeMs]));
    const content = () => Object.fromEntries(tableFiles.map((f) => [f, readFileSync(f)]));
    const [before, bytes] = [stamp(), content()];
    const finished = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).finished;
    const again = cli(args);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/3 already done/);
    expect(stamp()).toEqual(before);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).finished).toBe(finished);
    for (const gone of ['survey.parquet', 'networks/tiny__r002.graphml']) {
      rmSync(join(out, gone));
      expect(cli(args).status).toBe(0);
      expect(content()).toEqual(bytes);
    }
    // a complete run set's results are not read again: a result file spoilt since goes unnoticed while the
    // tables are current (they were merged from it), and is run again once a table has to be rewritten
    writeFileSync(join(out, 'runs', 'tiny__r002.json.gz'), 'spoilt');
    const untouched = cli(args);
    expect(untouched.stdout).toMatch(/3 already done/);
    expect(readFileSync(join(out, 'runs', 'tiny__r002.json.gz'), 'utf8')).toBe('spoilt');
    rmSync(join(out, 'runs.csv'));
    const rewritten = cli(args);
    expect(rewritten.stdout).toMatch(/2 already done/);
    expect(content()).toEqual(bytes);
    // an invocation killed after its runs but before its merge leaves the manifest unfinished: the next one merges
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, finished: null }));
    writeFileSync(join(out, 'survey.csv'), 'stale\n');
    expect(cli(args).status).toBe(0);
    expect(content()).toEqual(bytes);
  });
});
