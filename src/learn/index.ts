/**
 * The built-in learners and their data: load a dataset once into typed columns, fit a learner
 * on any rows and features of it, save the model as a `paydown.model/v1` file and serve it.
 *
 * @example
 * import { loadTrainingData, logisticRegression } from './learn/index.js';
 * const data = await loadTrainingData('bank.csv', { target: 'y' });
 * const rows = Uint32Array.from({ length: data.rowCount }, (_, i) => i);
 * const model = logisticRegression().fit({ data, rows, features: data.columns.map((_, i) => i), seed: 1 }, data.task);
 */
export type { FeatureColumn, FitRequest, FittedModel, Learner, Task, TrainingData } from './learner.js';
export { loadTrainingData, type LoadTrainingDataOptions, type LoadedTrainingData } from './load-training-data.js';
export { logisticRegression, type FittedLinearModel, type LinearLearner, type LogisticRegressionOptions } from './logistic-regression.js';
export { gradientBoostedTrees, type GradientBoostedTreesOptions } from './gradient-boosted-trees.js';
export {
  MODEL_FILE_FORMAT,
  ModelFileSchema,
  parseModelFile,
  readModelFile,
  type GbdtModelFile,
  type LinearModelFile,
  type ModelFile,
  type ServableModel,
  type TreeNode,
} from './model-file.js';
