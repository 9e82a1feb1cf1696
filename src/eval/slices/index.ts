export { slicesReport, sortKeys, type SlicesReport, type SliceMetrics, type SlicesOptions, type SortKey, type MetricWithInterval } from './slice-report.js';
export { formatSlicesText, renderSlicesHtml } from './render-slices.js';
