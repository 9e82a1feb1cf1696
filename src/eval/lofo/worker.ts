/**
 * A LOFO worker thread: receives the shared data once (workerData), then fit tasks one message
 * at a time, and answers each with its metric or its error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PaydownError } from '../../errors.js';
import type { FitSettings, FitTask } from './fit-task.js';
import { runFitTask } from './fit-task.js';
import { builtInLearner, type LearnerSpec } from './learners.js';
import { fromShared, type SharedLofoData } from './shared-data.js';
import type { WorkerReply } from './worker-pool.js';

interface LofoWorkerData {
  readonly shared: SharedLofoData;
  readonly learner: LearnerSpec;
  readonly settings: FitSettings;
}

const { shared, learner: spec, settings } = workerData as LofoWorkerData;
const { data, split } = fromShared(shared);
const learner = builtInLearner(spec);
const port = parentPort;
if (port === null) throw new Error('the LOFO worker must run in a worker thread');

port.on('message', (task: FitTask) => {
  let reply: WorkerReply;
  try {
    reply = { index: task.index, metric: runFitTask(learner, data, split, settings, task) };
  } catch (error) {
    reply = {
      index: task.index,
      error: { message: error instanceof Error ? error.message : String(error), ...(error instanceof PaydownError ? { code: error.code } : {}) },
    };
  }
  port.postMessage(reply);
});
