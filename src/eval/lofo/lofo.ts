import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PaydownError } from '../../errors.js';
import type { Task, TrainingData } from '../../learn/learner.js';
import { summariseDrops } from './drop-summary.js';
import { writeFoldFiles } from './exchange-files.js';
import { runTrainer, TrainerRunError, type TrainerRequest } from './external-trainer.js';
import type { FeatureGroup, FeatureSet } from './feature-sets.js';
import { featureSets } from './feature-sets.js';
import type { FitTask } from './fit-task.js';
import { stratifiedFolds, type FoldSplit } from './folds.js';
import type { LearnerSpec } from './learners.js';
import { metricDrop, metricInfo, type LofoMetric } from './metric.js';
import { deriveSeed } from './random.js';
import type { EpsilonSource, FeatureImportance, LofoResult } from './result.js';
import { verdictOf } from './verdict.js';
import { FitTaskError, runFitTasks } from './worker-pool.js';

/** How models are trained: a built-in learner on worker threads, or an external command. */
export type LofoTrainer =
  | { readonly kind: 'builtin'; readonly learner: LearnerSpec }
  | { readonly kind: 'command'; readonly command: string; readonly timeoutMs: number };

/** What `lofo` evaluates and how. */
export interface LofoOptions {
  readonly target: string;
  readonly task: Task;
  /** The features to evaluate (column names of the data); every column when left out. */
  readonly features?: readonly string[];
  readonly groups?: readonly FeatureGroup[];
  readonly folds?: number;
  readonly seed?: number;
  /** Default: `auc` for binary targets, `rmse` for regression. */
  readonly metric?: LofoMetric;
  readonly epsilon?: number;
  readonly epsilonSource?: EpsilonSource;
  readonly confidence?: number;
  readonly trainer: LofoTrainer;
  /** Worker threads (built-in learners) or concurrent trainer runs (command); default: the number of cores. */
  readonly workers?: number;
  readonly source?: string;
  readonly model?: string;
  readonly modelVersion?: string;
  readonly notInData?: readonly string[];
  /** Called after each fit with how many are done out of how many. */
  readonly onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_FOLDS = 5;
export const DEFAULT_SEED = 42;
export const DEFAULT_EPSILON = 0.001;

/**
 * Leave-one-feature-out importance, cross-validated: the data is split into K stratified folds
 * (deterministic for the seed); in each fold the model with every feature and one model per left
 * out feature or group are trained on the other folds and measured on this one. Per feature or
 * group: the mean and spread of the metric drop across folds, a paired t-test, a confidence
 * interval and a verdict against epsilon. Any failing fit fails the whole run.
 *
 * @example
 * const data = await loadTrainingData('clicks.parquet', { target: 'clicked' });
 * const result = await lofo(data, { target: 'clicked', task: data.task, trainer: { kind: 'builtin', learner: { name: 'logistic' } } });
 */
export async function lofo(data: TrainingData, options: LofoOptions): Promise<LofoResult> {
  const started = performance.now();
  const k = options.folds ?? DEFAULT_FOLDS;
  const seed = options.seed ?? DEFAULT_SEED;
  const metric = options.metric ?? (options.task === 'binary' ? 'auc' : 'rmse');
  if (metricInfo[metric].task !== options.task) {
    throw new PaydownError('PAYDOWN_USAGE', `--metric ${metric} needs a ${metricInfo[metric].task} target, but '${options.target}' is a ${options.task} target`);
  }
  const names = data.columns.map((column) => column.name);
  const features = options.features ?? names;
  if (features.length < 2) throw new PaydownError('PAYDOWN_USAGE', `leave-one-feature-out needs at least 2 features, not ${features.length}`);
  const repeated = features.find((feature, index) => features.indexOf(feature) !== index);
  if (repeated !== undefined) throw new PaydownError('PAYDOWN_USAGE', `feature '${repeated}' is listed twice`);
  const columnOf = new Map(names.map((name, index) => [name, index]));
  const missing = features.filter((feature) => !columnOf.has(feature));
  if (missing.length > 0) throw new PaydownError('PAYDOWN_USAGE', `the data has no column ${missing.map((m) => `'${m}'`).join(', ')}`);
  const sets = featureSets(features, options.groups ?? []);
  const split = stratifiedFolds(data.target, options.task, k, seed);
  const tasks = planTasks(features, sets, columnOf, k);
  const workers = Math.max(1, options.workers ?? os.availableParallelism());

  const metrics =
    options.trainer.kind === 'builtin'
      ? await runBuiltIn(data, split, options.trainer.learner, { task: options.task, metric, seed }, tasks, workers, sets, options.onProgress)
      : await runCommand(data, split, options, options.trainer, metric, seed, tasks, workers, sets, names);

  const fullPerFold = Array.from({ length: k }, (_, fold) => metrics[fold * (sets.length + 1)]);
  const epsilon = options.epsilon ?? DEFAULT_EPSILON;
  const confidence = options.confidence ?? 0.95;
  const results: FeatureImportance[] = sets.map((set, s) => {
    const folds = fullPerFold.map((full, fold) => {
      const without = metrics[fold * (sets.length + 1) + s + 1];
      return { fold, full, without, drop: metricDrop(metric, full, without) };
    });
    const drop = summariseDrops(
      folds.map((f) => f.drop),
      confidence,
    );
    return { name: set.name, kind: set.kind, members: set.members, drop, verdict: verdictOf(drop, k, epsilon), folds };
  });
  results.sort((a, b) => b.drop.mean - a.drop.mean || a.name.localeCompare(b.name));
  const fullMean = fullPerFold.reduce((sum, m) => sum + m, 0) / k;
  const fullStd = Math.sqrt(fullPerFold.reduce((sum, m) => sum + (m - fullMean) ** 2, 0) / (k - 1));
  return {
    format: 'paydown.lofo/v1',
    ...(options.source === undefined ? {} : { source: options.source }),
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.modelVersion === undefined ? {} : { modelVersion: options.modelVersion }),
    target: options.target,
    task: options.task,
    rows: data.rowCount,
    metric,
    higherIsBetter: metricInfo[metric].higherIsBetter,
    learner: options.trainer.kind === 'builtin' ? options.trainer.learner.name : `command: ${options.trainer.command}`,
    folds: k,
    seed,
    epsilon,
    epsilonSource: options.epsilonSource ?? (options.epsilon === undefined ? 'default' : 'flag'),
    confidence,
    complete: true,
    createdAt: new Date().toISOString(),
    full: { mean: fullMean, std: fullStd, folds: fullPerFold },
    results,
    notInData: options.notInData ?? [],
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** Fold-major: per fold, the full model first, then one model per feature set. */
function planTasks(features: readonly string[], sets: readonly FeatureSet[], columnOf: ReadonlyMap<string, number>, k: number): FitTask[] {
  const all = features.map((feature) => columnOf.get(feature)!);
  const tasks: FitTask[] = [];
  for (let fold = 0; fold < k; fold += 1) {
    tasks.push({ index: tasks.length, fold, leftOut: -1, features: all });
    sets.forEach((set, s) => {
      const out = new Set(set.members.map((member) => columnOf.get(member)!));
      tasks.push({ index: tasks.length, fold, leftOut: s, features: all.filter((column) => !out.has(column)) });
    });
  }
  return tasks;
}

function describeRun(task: { fold: number; leftOut: number }, sets: readonly FeatureSet[], k: number): string {
  const what = task.leftOut < 0 ? 'the model with every feature' : `the model without ${sets[task.leftOut].kind} '${sets[task.leftOut].name}'`;
  return `fold ${task.fold + 1} of ${k}, ${what}`;
}

async function runBuiltIn(
  data: TrainingData,
  split: FoldSplit,
  learner: LearnerSpec,
  settings: { task: Task; metric: LofoMetric; seed: number },
  tasks: readonly FitTask[],
  workers: number,
  sets: readonly FeatureSet[],
  onProgress: LofoOptions['onProgress'],
): Promise<number[]> {
  try {
    return await runFitTasks(data, split, learner, settings, tasks, workers, onProgress);
  } catch (error) {
    if (error instanceof FitTaskError) {
      const message = `LOFO failed in ${describeRun(error.task, sets, split.k)}: ${error.message}`;
      // A learner refuses bad data with a PaydownError; anything else is a bug, reported as one.
      throw error.code === undefined ? new Error(message) : new PaydownError(error.code, message);
    }
    throw error;
  }
}

async function runCommand(
  data: TrainingData,
  split: FoldSplit,
  options: LofoOptions,
  trainer: { command: string; timeoutMs: number },
  metric: LofoMetric,
  seed: number,
  tasks: readonly FitTask[],
  workers: number,
  sets: readonly FeatureSet[],
  names: readonly string[],
): Promise<number[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'paydown-lofo-'));
  try {
    const files = await writeFoldFiles(dir, data, options.target, split);
    const categorical = new Set(data.columns.filter((column) => column.kind === 'categorical').map((column) => column.name));
    const metrics = new Array<number>(tasks.length).fill(Number.NaN);
    const abort = new AbortController();
    let next = 0;
    let done = 0;
    let failure: Error | undefined;
    const runOne = async (): Promise<void> => {
      while (failure === undefined && next < tasks.length) {
        const task = tasks[next];
        next += 1;
        const used = task.features.map((column) => names[column]);
        const set = task.leftOut < 0 ? undefined : sets[task.leftOut];
        const request: TrainerRequest = {
          protocol: 'paydown.lofo-request/v1',
          fold: task.fold,
          folds: split.k,
          train: files[task.fold].train,
          validation: files[task.fold].validation,
          format: 'csv',
          target: options.target,
          task: options.task,
          metric,
          features: used,
          categorical: used.filter((name) => categorical.has(name)),
          leftOut: set === undefined ? null : { name: set.name, members: set.members },
          seed: deriveSeed(seed, task.fold),
        };
        try {
          metrics[task.index] = await runTrainer(trainer.command, request, trainer.timeoutMs, abort.signal);
          done += 1;
          options.onProgress?.(done, tasks.length);
        } catch (error) {
          if (failure === undefined) {
            const message = error instanceof TrainerRunError ? error.message : String(error);
            failure = new PaydownError('PAYDOWN_USAGE', `the trainer failed in ${describeRun(task, sets, split.k)}: '${trainer.command}' ${message}; no results were written`);
            abort.abort();
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(workers, tasks.length) }, () => runOne()));
    if (failure !== undefined) throw failure;
    return metrics;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
