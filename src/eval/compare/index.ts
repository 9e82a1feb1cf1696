export { alignPredictions, type AlignedPredictions } from './align-predictions.js';
export { compareReport, type CompareReport, type CompareOptions, type SliceComparison, type MetricDelta } from './compare-report.js';
export { formatCompareText, renderCompareHtml } from './render-compare.js';
