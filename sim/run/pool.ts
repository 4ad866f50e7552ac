/**
 * The worker-pool evaluator (piscina). A worker that crashes, exits or runs out of memory fails only
 * its own run: piscina rejects that task and starts a new worker; the rejection becomes a failed result.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { RunSpec } from '../runOne.js';
import { type Evaluator, type RunRecord, WORKER_LOADED } from './evaluator.js';
import { packageRoot } from '../packageRoot.js';

/**
 * The compiled file of a worker module (workers load JavaScript): `worker.js` beside the module at
 * `importMetaUrl` when that is compiled, else, under a TS loader, the build in dist/ at `distPath`.
 */
export function compiledWorker(importMetaUrl: string, distPath: string[]): string {
  const here = fileURLToPath(importMetaUrl);
  const sibling = join(here, '..', 'worker.js');
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  const built = join(packageRoot(), 'dist', ...distPath);
  if (!existsSync(built)) throw new Error(`worker file ${built} is missing; run 'npm run build' first`);
  return built;
}

/** The compiled run worker. */
function workerFile(): string {
  return compiledWorker(import.meta.url, ['sim', 'run', 'worker.js']);
}

/**
 * A piscina pool of a fixed number of threads that can be closed safely. Its worker file must post
 * `{ [WORKER_LOADED]: threadId }` once loaded (see `close`). `tasksPerThread` > 1 hands each thread that
 * many tasks ahead (piscina's `concurrentTasksPerWorker`; a thread still runs them one at a time), so the
 * threads stay busy while this thread computes something else for a while without yielding.
 */
export class ThreadPool {
  private readonly pool: Piscina;
  /** Threads that have finished loading the worker file. */
  private readonly loaded = new Set<number>();
  constructor(filename: string, threads: number, maxHeapMb?: number, tasksPerThread = 1) {
    this.pool = new Piscina({
      filename,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      concurrentTasksPerWorker: tasksPerThread,
      ...(maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } } : {}),
    });
    this.pool.on('message', (m: unknown) => {
      const id = (m as Record<string, unknown> | null)?.[WORKER_LOADED];
      if (typeof id === 'number') this.loaded.add(id);
    });
  }

  run<T>(task: unknown): Promise<T> {
    return this.pool.run(task) as Promise<T>;
  }

  /**
   * Stop the workers, once each has finished loading the worker file. Node 20 aborts the whole
   * process ("v8::Module::IsGraphAsync must be used on an instantiated module") when a worker is
   * terminated while piscina's require() is instantiating that file; a pool closed soon after it
   * started (a resumed run set with nothing left to run, on a busy machine) hit it. Waits at most
   * about 30 s, in case a worker never loads.
   */
  async close(): Promise<void> {
    for (let i = 0; i < 3000 && !this.pool.threads.every((w) => this.loaded.has(w.threadId)); i++)
      await new Promise((r) => setTimeout(r, 10));
    await this.pool.destroy();
  }
}

/** Options of the pool. */
export interface PoolOptions {
  /** Heap limit per worker in MB (a run over it fails alone); default SMESIM_WORKER_HEAP_MB or 4096. */
  maxHeapMb?: number;
}

/** Runs specs on a pool of worker threads. */
export class PoolEvaluator implements Evaluator {
  private readonly threads: ThreadPool;
  constructor(
    readonly workers: number,
    opts: PoolOptions = {},
  ) {
    this.threads = new ThreadPool(
      workerFile(),
      workers,
      opts.maxHeapMb ?? (Number(process.env.SMESIM_WORKER_HEAP_MB) || 4096),
    );
  }

  async evaluate(specs: RunSpec[], onRecord: (record: RunRecord, durationMs: number) => void): Promise<void> {
    await Promise.all(
      specs.map(async (spec) => {
        const start = process.hrtime.bigint();
        let record: RunRecord;
        try {
          record = await this.threads.run<RunRecord>(spec);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          record = { ok: false, runId: spec.runId, error: `worker failed: ${message}` };
        }
        onRecord(record, Number(process.hrtime.bigint() - start) / 1e6);
      }),
    );
  }

  close(): Promise<void> {
    return this.threads.close();
  }
}
