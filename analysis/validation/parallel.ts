/**
 * Estimating the validation targets of many runs on worker threads. Each task is one run's survey and
 * the estimation is the same pure function whether it runs here or in a worker, so the rows, returned in
 * task order, are the same to the bit with any number of workers (tested: test/validation/parallel.test.ts, and validate-model with 1 and 2 workers).
 */
import { ThreadPool, compiledWorker } from '../../sim/run/pool.js';
import { type EstimationTask, type ValidationRow, estimate } from './evaluate.js';

/** The compiled worker file of the estimation pool. */
export const estimationWorker = () => compiledWorker(import.meta.url, ['analysis', 'validation', 'worker.js']);

/**
 * The validation rows of every task, in task order, on `workers` threads (here, when 1 or there is at
 * most one task). A task whose worker fails (it ran out of memory, say) is estimated again here.
 */
export async function estimateAll(tasks: EstimationTask[], workers: number): Promise<ValidationRow[][]> {
  const threads = Math.min(workers, tasks.length);
  if (threads <= 1) return tasks.map(estimate);
  const pool = new ThreadPool(estimationWorker(), threads);
  try {
    return await Promise.all(tasks.map((task) => pool.run<ValidationRow[]>(task).catch(() => estimate(task))));
  } finally {
    await pool.close();
  }
}
