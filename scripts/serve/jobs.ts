/**
 * The run sets of the workbench: a queue with one comparison at a time on the worker pool. Each runs as
 * `smesim compare` in a child process, into an ordinary output folder that the CLI reads and resumes too;
 * progress is read from the folder's ledgers, cancel is the CLI's own interrupt, and a folder whose
 * comparison did not finish (the server was stopped) is taken up again at the next start.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { latestEntries, readLedger } from '../../sim/run/ledger.js';
import { writeAtomic } from '../../sim/run/outputs.js';

/** What a queued comparison is: the files (in the scenario folder), the replicates and its output folder. */
export interface JobSpec {
  baseline: string;
  policy: string;
  replicates: number;
  /** The output folder's name inside the output root. */
  folder: string;
  cancelled?: boolean;
}

/** A comparison the page follows. */
export interface Job extends JobSpec {
  state: 'queued' | 'running' | 'done' | 'cancelled' | 'failed';
  done: number;
  total: number;
  /** Seconds left, from the pace of the runs finished so far (undefined before the first). */
  etaSeconds?: number;
  /** What went wrong (the command's own message), or how it ended. */
  message?: string;
  /** The command line that does the same from a terminal (and resumes this folder). */
  command: string;
}

const JOB_FILE = 'workbench-job.json';

/** The queue and the one running comparison; `onChange` hears every change of any job. */
export class JobQueue {
  readonly jobs: Job[] = [];
  private child?: ChildProcess;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly scenarioDir: string,
    private readonly outRoot: string,
    private readonly workers: number | undefined,
    private readonly onChange: () => void,
  ) {}

  /** Folders of comparisons the workbench started that did not finish and were not cancelled: queue them again. */
  resumeUnfinished(): void {
    if (!existsSync(this.outRoot)) return;
    for (const folder of readdirSync(this.outRoot).sort()) {
      const file = join(this.outRoot, folder, JOB_FILE);
      if (!existsSync(file) || existsSync(join(this.outRoot, folder, 'compare.csv'))) continue;
      const spec = JSON.parse(readFileSync(file, 'utf8')) as JobSpec;
      if (!spec.cancelled) this.enqueue({ ...spec, folder }, 'resumed after the server stopped');
    }
  }

  /** Queue again a comparison the workbench started in `folder` (cancelled or stopped): it resumes from its ledger. */
  resume(folder: string): Job | undefined {
    const file = join(this.outRoot, folder, JOB_FILE);
    if (!existsSync(file)) return undefined;
    const spec = JSON.parse(readFileSync(file, 'utf8')) as JobSpec;
    return this.enqueue({ ...spec, folder, cancelled: false }, 'resumed');
  }

  /** Add a comparison to the queue (a folder already queued or running is not added twice). */
  enqueue(spec: JobSpec, message?: string): Job {
    const live = this.jobs.find((j) => j.folder === spec.folder && ['queued', 'running'].includes(j.state));
    if (live) return live;
    // an earlier, ended job of this folder gives way to the new one
    const ended = this.jobs.findIndex((j) => j.folder === spec.folder);
    if (ended >= 0) this.jobs.splice(ended, 1);
    const job: Job = {
      ...spec,
      cancelled: false,
      state: 'queued',
      done: 0,
      total: 2 * spec.replicates,
      message,
      command: this.command(spec).join(' '),
    };
    this.jobs.push(job);
    this.onChange();
    this.next();
    return job;
  }

  /** Stop a queued or running comparison; its finished runs stay in the folder, and it resumes when run again. */
  cancel(folder: string): Job | undefined {
    const job = this.jobs.find((j) => j.folder === folder && ['queued', 'running'].includes(j.state));
    if (!job) return undefined;
    job.cancelled = true;
    this.writeSpec(job);
    if (job.state === 'running') this.child?.kill('SIGTERM');
    else job.state = 'cancelled';
    this.onChange();
    return job;
  }

  /** Stop the running child (on server shutdown); its folder resumes at the next start. */
  stop(): void {
    clearInterval(this.timer);
    this.child?.kill('SIGTERM');
  }

  /** The CLI arguments of a comparison, paths relative to the working folder as a user would type them. */
  private command(spec: JobSpec): string[] {
    const rel = (p: string) => relative(process.cwd(), p) || '.';
    return [
      'smesim',
      'compare',
      rel(join(this.scenarioDir, spec.baseline)),
      rel(join(this.scenarioDir, spec.policy)),
      '--replicates',
      String(spec.replicates),
      '--out',
      rel(join(this.outRoot, spec.folder)),
    ];
  }

  /** Save a job's spec in its folder, so that a stopped server knows at its next start what to resume. */
  private writeSpec(job: JobSpec): void {
    const { baseline, policy, replicates, folder, cancelled } = job;
    writeAtomic(
      join(this.outRoot, folder, JOB_FILE),
      JSON.stringify({ baseline, policy, replicates, folder, cancelled }, null, 2) + '\n',
    );
  }

  /** Start the next queued comparison when none is running. */
  private next(): void {
    if (this.child) return;
    const job = this.jobs.find((j) => j.state === 'queued');
    if (!job) return;
    const dir = join(this.outRoot, job.folder);
    this.writeSpec(job);
    // the tables of an earlier comparison in this folder are no longer its result
    for (const f of ['compare.csv', 'report.html']) rmSync(join(dir, f), { force: true });
    const args = [...this.command(job).slice(1), '--force', '--json'];
    if (this.workers) args.push('--workers', String(this.workers));
    const childJs = fileURLToPath(new URL('./child.js', import.meta.url));
    const child = spawn(process.execPath, [childJs, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    job.state = 'running';
    const started = Date.now();
    const before = this.finished(dir);
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
    child.stdout!.resume();
    this.timer = setInterval(() => {
      job.done = this.finished(dir);
      const pace = (Date.now() - started) / 1000 / Math.max(1, job.done - before);
      job.etaSeconds = job.done > before ? Math.round(pace * (job.total - job.done)) : undefined;
      this.onChange();
    }, 400);
    child.on('exit', (code) => {
      clearInterval(this.timer);
      this.child = undefined;
      job.done = this.finished(dir);
      job.etaSeconds = undefined;
      const errors = stderr
        .split('\n')
        .filter((l) => l.startsWith('error'))
        .join('\n');
      if (job.cancelled) {
        job.state = 'cancelled';
        job.message = `cancelled with ${job.done} of ${job.total} runs finished; run it again to resume`;
      } else if (existsSync(join(dir, 'compare.csv'))) {
        job.state = 'done';
        job.message = code === 0 ? undefined : 'some runs failed; they are left out of the pairs';
      } else {
        job.state = 'failed';
        job.message = errors || stderr.trim().split('\n').slice(-3).join('\n') || `exit code ${code}`;
      }
      this.onChange();
      this.next();
    });
  }

  /** Runs recorded (ok or failed) in the ledgers of the folder's run sets. */
  private finished(dir: string): number {
    if (!existsSync(dir)) return 0;
    let n = 0;
    for (const sub of readdirSync(dir)) {
      if (existsSync(join(dir, sub, 'ledger.jsonl'))) n += latestEntries(readLedger(join(dir, sub))).size;
    }
    return n;
  }
}
