/** Shared HTML and text pieces of the evaluation reports. */
export { renderEvalReport, type ChartSpec, type EvalReport, type ReportSection, type ReportTable } from './render-eval-report.js';
export { prCurveChart, reliabilityChart, scoreHistogramChart, seriesColor, thin, type PrCurveSeries } from './charts.js';
export { formatNumber, withInterval, textTable, finiteOrNull } from './format.js';
