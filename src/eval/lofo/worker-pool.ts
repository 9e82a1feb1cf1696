import { Worker } from 'node:worker_threads';
import { PaydownError, type PaydownErrorCode } from '../../errors.js';
import { runFitTask, type FitSettings, type FitTask } from './fit-task.js';
import { builtInLearner, type LearnerSpec } from './learners.js';
import type { TrainingData } from '../../learn/learner.js';
import type { FoldSplit } from './folds.js';
import { toShared } from './shared-data.js';

/** What a worker answers for one task. */
export type WorkerReply =
  | { readonly index: number; readonly metric: number }
  | { readonly index: number; readonly error: { readonly message: string; readonly code?: PaydownErrorCode } };

/** A task that failed, with what it was; the caller names the fold and feature set. */
export class FitTaskError extends Error {
  readonly task: FitTask;
  readonly code: PaydownErrorCode | undefined;
  constructor(task: FitTask, message: string, code: PaydownErrorCode | undefined) {
    super(message);
    this.name = 'FitTaskError';
    this.task = task;
    this.code = code;
  }
}

/**
 * Runs fit tasks on `workers` worker threads that share the data (copied once into
 * SharedArrayBuffers, which every worker reads without a copy of its own); with one worker, in
 * this thread on the data as it is. Returns the metrics in task order, so the
 * result does not depend on the number of workers or on which task finishes first. The first
 * failure stops every worker and rejects with a FitTaskError.
 *
 * @example
 * const metrics = await runFitTasks(data, split, { name: 'logistic' }, settings, tasks, 2);
 */
export async function runFitTasks(
  data: TrainingData,
  split: FoldSplit,
  learner: LearnerSpec,
  settings: FitSettings,
  tasks: readonly FitTask[],
  workers: number,
  onDone: (done: number, total: number) => void = () => {},
): Promise<number[]> {
  const metrics = new Array<number>(tasks.length).fill(Number.NaN);
  if (workers <= 1 || tasks.length <= 1) {
    const made = builtInLearner(learner);
    for (const [position, task] of tasks.entries()) {
      try {
        metrics[position] = runFitTask(made, data, split, settings, task);
      } catch (error) {
        throw new FitTaskError(task, error instanceof Error ? error.message : String(error), error instanceof PaydownError ? error.code : undefined);
      }
      onDone(position + 1, tasks.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return metrics;
  }
  const shared = toShared(data, split);
  const positionOf = new Map(tasks.map((task, position) => [task.index, position]));
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      let failed = false;
      const fail = (error: Error): void => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const feed = (worker: Worker): void => {
        if (failed || next >= tasks.length) return;
        worker.postMessage(tasks[next]);
        next += 1;
      };
      const count = Math.min(workers, tasks.length);
      for (let w = 0; w < count; w += 1) {
        const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { shared, learner, settings } });
        pool.push(worker);
        worker.on('message', (reply: WorkerReply) => {
          const position = positionOf.get(reply.index)!;
          if ('error' in reply) {
            fail(new FitTaskError(tasks[position], reply.error.message, reply.error.code));
            return;
          }
          metrics[position] = reply.metric;
          done += 1;
          onDone(done, tasks.length);
          if (done === tasks.length) resolve();
          else feed(worker);
        });
        worker.on('error', (error) => fail(error));
        worker.on('exit', (code) => {
          if (code !== 0 && done < tasks.length) fail(new Error(`a LOFO worker stopped with exit code ${code}`));
        });
        feed(worker);
      }
    });
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return metrics;
}
