/**
 * paydown's library API: the CLI and the server call these same functions.
 *
 * @example
 * import { loadSystem, loadEvidence, check } from 'paydown';
 * const result = check(await loadSystem('examples/ad-click'), { evidence: await loadEvidence([]) });
 */
export { PaydownError, formatLocation, type PaydownErrorCode, type Problem, type SourceLocation } from './errors.js';
export { loadSystem, parseManifests, type LoadedSystem, type LoadOptions, type ManifestText } from './manifest/load-system.js';
export { parseRef, type System, type SystemObject, type Ref } from './manifest/system.js';
export { manifestJsonSchema, manifestKinds, type ManifestKind } from './manifest/schema.js';
export { loadEvidence, emptyEvidence, type Evidence } from './evidence/load-evidence.js';
export { parseOpenLineage, type LineageObservation } from './evidence/openlineage.js';
export { ImportanceSchema, parseImportance, type ImportanceDoc, type ImportanceEvidence } from './evidence/importance.js';
export { buildGraph } from './graph/build-graph.js';
export { DependencyGraph, type GraphEdge, type GraphNode, type NodeKind } from './graph/graph.js';
export { upstream, downstream, consumersOf, impact, pathBetween, type ImpactAnswer, type QueryNode } from './graph/queries.js';
export { check, type CheckOptions, type CheckResult, type CheckSummary } from './check/check.js';
export type { Finding, SuppressedFinding } from './check/finding.js';
export { readBaseline, writeBaseline, baselineOf, type Baseline } from './check/baseline.js';
export { rules, allRules } from './rules/index.js';
export type { Rule, RuleMeta, RuleContext, RuleVisitors, Severity } from './rules/rule.js';
export { formatText } from './format/text.js';
export { formatJson } from './format/json.js';
export { formatSarif } from './format/sarif.js';
export { formatMarkdown } from './format/markdown.js';
export { resolveConfigs, type ResolvedConfig, type ConfigResolution } from './config/resolve-config.js';
export { explainConfig } from './config/explain-config.js';
export { diffConfigs } from './config/diff-configs.js';
export { learners } from './config/learners.js';
export {
  loadTrainingData,
  logisticRegression,
  gradientBoostedTrees,
  parseModelFile,
  readModelFile,
  MODEL_FILE_FORMAT,
  type LoadedTrainingData,
  type ServableModel,
  type ModelFile,
  type Learner,
  type FittedModel,
  type TrainingData,
  type FeatureColumn,
} from './learn/index.js';
export { lofo, modelInputs, toImportanceEvidence, formatLofoText, renderLofoHtml, type LofoOptions, type LofoResult, type FeatureImportance } from './eval/lofo/index.js';
export { ThresholdSchema, parseThreshold, isThresholdEvidence, THRESHOLD_FORMAT, type ThresholdDoc, type ThresholdEvidence } from './evidence/threshold.js';
export {
  rocAuc,
  logLoss,
  brierScore,
  calibration,
  predictionBias,
  rocCurve,
  precisionRecallCurve,
  metricsAtThreshold,
  aucDeLong,
  bootstrapInterval,
  SeededRandom,
  type Calibration,
  type ReliabilityBin,
  type PrecisionRecallCurve,
  type RocCurve,
  type ThresholdMetrics,
  type BootstrapInterval,
} from './eval/metrics/index.js';
export { readPredictions, type Predictions, type PredictionColumns } from './eval/predictions/read-predictions.js';
export { learnThreshold, thresholdReport, parseObjective, describeObjective, type ThresholdObjective, type ThresholdReport, type LearnedThreshold } from './eval/threshold/index.js';
export { slicesReport, type SlicesReport, type SliceMetrics } from './eval/slices/index.js';
export { alignPredictions, compareReport, type CompareReport, type SliceComparison } from './eval/compare/index.js';
export { execute } from './cli/main.js';
