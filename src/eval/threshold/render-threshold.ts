import { prCurveChart } from '../report/charts.js';
import { formatNumber, textTable, withInterval } from '../report/format.js';
import { renderEvalReport, type ReportSection } from '../report/render-eval-report.js';
import type { ThresholdReport, ThresholdResult } from './threshold-report.js';

function intervalText(result: ThresholdResult): string {
  const { interval } = result;
  if (Number.isNaN(interval.low)) return 'no interval (no resample met the objective)';
  const dropped = interval.resamples - interval.used;
  return `${Math.round(interval.level * 100)}% interval [${formatNumber(interval.low)}, ${formatNumber(interval.high)}] (${interval.method}, ${interval.resamples} resamples, seed ${interval.seed}${dropped > 0 ? `; ${dropped} resamples left out: one class, or no threshold met the objective` : ''})`;
}

function metricsText(result: ThresholdResult): string {
  const m = result.metrics;
  const f = m.beta === 1 ? 'F1' : `F${formatNumber(m.beta)}`;
  return `precision ${formatNumber(m.precision)}, recall ${formatNumber(m.recall)}, ${f} ${formatNumber(m.fBeta)}, false-positive rate ${formatNumber(m.falsePositiveRate)}, accuracy ${formatNumber(m.accuracy)} (tp ${m.truePositives}, fp ${m.falsePositives}, tn ${m.trueNegatives}, fn ${m.falseNegatives})`;
}

/**
 * The threshold report as plain text.
 *
 * @example
 * process.stdout.write(formatThresholdText(report));
 */
export function formatThresholdText(report: ThresholdReport): string {
  const overall = report.overall;
  const lines = [
    `threshold: ${report.source} (${overall.rows} rows, ${overall.positives} positives), label ${report.label}, score ${report.score}`,
    `objective: ${report.objective} (predict positive at score ≥ threshold)`,
    '',
    `threshold ${formatNumber(overall.threshold)}  ${intervalText(overall)}`,
    `at it: ${metricsText(overall)}`,
  ];
  if (report.slices !== undefined) {
    lines.push('', 'per slice:');
    const rows = report.slices.map((slice) =>
      slice.result === undefined
        ? [slice.name, String(slice.rows), String(slice.positives), '-', '-', '-', '-', `skipped: ${slice.skipped ?? ''}`]
        : [
            slice.name,
            String(slice.rows),
            String(slice.positives),
            withInterval(slice.result.threshold, slice.result.interval),
            formatNumber(slice.result.metrics.precision),
            formatNumber(slice.result.metrics.recall),
            formatNumber(slice.result.metrics.falsePositiveRate),
            '',
          ],
    );
    lines.push(...textTable(['slice', 'rows', 'positives', 'threshold [interval]', 'precision', 'recall', 'fpr', ''], rows).map((line) => `  ${line}`));
  }
  if (report.evidence !== undefined) lines.push('', `evidence: model ${report.evidence.model} version ${report.evidence.modelVersion} (${report.evidence.format})`);
  return `${lines.join('\n')}\n`;
}

/**
 * The threshold report as a self-contained HTML page with the precision/recall curves.
 *
 * @example
 * await writeFile('threshold.html', renderThresholdHtml(report));
 */
export function renderThresholdHtml(report: ThresholdReport): string {
  const chosen = (result: ThresholdResult): { precision: number; recall: number; threshold: number } => ({ precision: result.metrics.precision, recall: result.metrics.recall, threshold: result.threshold });
  const series = [{ label: 'all rows', precision: report.overall.curve.precision, recall: report.overall.curve.recall, chosen: chosen(report.overall) }];
  for (const slice of report.slices ?? []) {
    if (slice.result !== undefined) series.push({ label: slice.name, precision: slice.result.curve.precision, recall: slice.result.curve.recall, chosen: chosen(slice.result) });
  }
  const sections: ReportSection[] = [
    {
      title: `Threshold ${formatNumber(report.overall.threshold)}`,
      kind: 'threshold',
      summary: `${report.objective} on ${report.source}: ${intervalText(report.overall)}. At it: ${metricsText(report.overall)}.`,
      charts: [{ title: 'precision/recall curve (diamonds: the learned thresholds)', spec: prCurveChart(series) }],
    },
  ];
  if (report.slices !== undefined) {
    sections.push({
      title: 'Per slice',
      kind: 'slices',
      table: {
        head: ['slice', 'rows', 'positives', 'threshold [interval]', 'precision', 'recall', 'false-positive rate', 'note'],
        rows: report.slices.map((slice) =>
          slice.result === undefined
            ? [slice.name, String(slice.rows), String(slice.positives), '–', '–', '–', '–', slice.skipped ?? '']
            : [slice.name, String(slice.rows), String(slice.positives), withInterval(slice.result.threshold, slice.result.interval), formatNumber(slice.result.metrics.precision), formatNumber(slice.result.metrics.recall), formatNumber(slice.result.metrics.falsePositiveRate), ''],
        ),
        flagged: report.slices.map((slice) => slice.result === undefined),
      },
    });
  }
  return renderEvalReport({ title: 'paydown threshold report', subtitle: `${report.source} · ${report.objective}`, sections });
}
