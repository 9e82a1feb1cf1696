import type { Learner, Task, TrainingData } from '../../learn/learner.js';
import type { FoldSplit } from './folds.js';
import { computeMetric, type LofoMetric } from './metric.js';
import { deriveSeed } from './random.js';

/** One unit of LOFO work: train on a fold's training rows with some features, score its validation rows. */
export interface FitTask {
  /** Position in the plan; results are put back in this order whatever finishes first. */
  readonly index: number;
  readonly fold: number;
  /** Index of the feature set left out, or -1 for the model with every feature. */
  readonly leftOut: number;
  /** Indices into the data's columns of the features to train with. */
  readonly features: readonly number[];
}

/** How every fit of a run is made and measured. */
export interface FitSettings {
  readonly task: Task;
  readonly metric: LofoMetric;
  readonly seed: number;
}

/**
 * Fits the learner on the fold's training rows with the task's features and returns the metric
 * on the fold's validation rows. The learner's seed depends only on the run's seed and the fold,
 * so the full model and each leave-out model of a fold differ only by the features left out.
 */
export function runFitTask(learner: Learner, data: TrainingData, split: FoldSplit, settings: FitSettings, task: FitTask): number {
  const rows = split.training[task.fold];
  const model = learner.fit({ data, rows, features: task.features, seed: deriveSeed(settings.seed, task.fold) }, settings.task);
  const validation = split.validation[task.fold];
  const scores = model.predict(data, validation);
  const labels = new Float64Array(validation.length);
  for (let i = 0; i < validation.length; i += 1) labels[i] = data.target[validation[i]];
  return computeMetric(settings.metric, labels, scores);
}
