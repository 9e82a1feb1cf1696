/** Leave-one-feature-out importance (`paydown lofo`); see docs/lofo.md. */
export { lofo, DEFAULT_EPSILON, DEFAULT_FOLDS, DEFAULT_SEED, type LofoOptions, type LofoTrainer } from './lofo.js';
export type { LofoResult, FeatureImportance, FoldMeasure, EpsilonSource } from './result.js';
export { stratifiedFolds, type FoldSplit } from './folds.js';
export { summariseDrops, type DropSummary } from './drop-summary.js';
export { verdictOf, type Verdict } from './verdict.js';
export { studentTCdf, studentTQuantile, studentTTwoSided, regularizedBeta } from './student-t.js';
export { featureSets, parseGroups, type FeatureGroup, type FeatureSet } from './feature-sets.js';
export { computeMetric, metricDrop, lofoMetrics, type LofoMetric } from './metric.js';
export { builtInLearnerNames, type BuiltInLearnerName, type LearnerSpec } from './learners.js';
export { parseTrainerOutput, runTrainer, type TrainerRequest } from './external-trainer.js';
export { toImportanceEvidence } from './to-evidence.js';
export { formatLofoText } from './render-text.js';
export { renderLofoHtml } from './render-html.js';
export { modelInputs, type ModelInputs } from './model-inputs.js';
