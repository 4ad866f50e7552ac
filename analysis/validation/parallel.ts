/**
 * Estimating the validation targets of many runs on worker threads. Each task is one run's survey and
 * the estimation is the same pure function whether it runs here or in a worker, so the rows, returned in
 * task order, are the same to the bit with any number of workers (tested: test/validation/parallel.test.ts,
 * and validate-model with 1 and 2 workers).
 */
import { ThreadPool, compiledWorker } from '../../sim/run/pool.js';
import { type EstimationTask, estimate } from './evaluate.js';
import type { ValidationRow } from './summary.js';

/** The compiled worker file of the estimation pool. */
export const estimationWorker = () =>
  compiledWorker(import.meta.url, ['analysis', 'validation', 'worker.js']);

/**
 * Tasks a thread is handed ahead. A survey task takes about half a second on a 5,000-firm survey; T9,
 * which validate-model computes on the main thread meanwhile, holds it for up to about 4 s between
 * yields, and the threads should not run dry in that time. More would let one slow thread keep more
 * tasks at the end while the other waits.
 */
const TASKS_PER_THREAD = 16;

/**
 * One pool for every survey a validation estimates (the main survey and both ablations), started with
 * the first tasks that need it. `estimate` returns at once, so the main thread can work on something
 * else (T9) while the threads estimate; it should yield to the event loop now and then, so that the
 * threads are handed their next tasks.
 */
export class Estimator {
  private pool: ThreadPool | undefined;
  constructor(private readonly workers: number) {}

  /**
   * The validation rows of every task, in task order: on the pool's threads, or here when it has one
   * thread or there is at most one task. A task whose worker fails (it ran out of memory, say) is
   * estimated again here.
   */
  estimate(tasks: EstimationTask[]): Promise<ValidationRow[][]> {
    if (this.workers <= 1 || (tasks.length <= 1 && !this.pool)) return Promise.resolve(tasks.map(estimate));
    const pool = (this.pool ??= new ThreadPool(
      estimationWorker(),
      this.workers,
      undefined,
      TASKS_PER_THREAD,
    ));
    return Promise.all(tasks.map((task) => pool.run<ValidationRow[]>(task).catch(() => estimate(task))));
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}

/** `Estimator.estimate` on a pool of its own, closed afterwards. */
export async function estimateAll(tasks: EstimationTask[], workers: number): Promise<ValidationRow[][]> {
  const estimator = new Estimator(Math.min(workers, tasks.length));
  try {
    return await estimator.estimate(tasks);
  } finally {
    await estimator.close();
  }
}
