export { learnThreshold, type LearnedThreshold } from './learn-threshold.js';
export { bestPoint, describeObjective, parseObjective, objectiveKinds, type ThresholdObjective, type ObjectiveFlags } from './objective.js';
export { thresholdReport, CURVE_POINTS, type ThresholdReport, type ThresholdReportOptions, type ThresholdResult, type SliceThreshold } from './threshold-report.js';
export { formatThresholdText, renderThresholdHtml } from './render-threshold.js';
