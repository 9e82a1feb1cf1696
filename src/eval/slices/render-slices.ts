import { reliabilityChart } from '../report/charts.js';
import { formatNumber, textTable, withInterval } from '../report/format.js';
import { renderEvalReport } from '../report/render-eval-report.js';
import type { SliceMetrics, SlicesReport } from './slice-report.js';

const HEAD = ['slice', 'rows', 'positives', 'AUC [interval]', 'log loss [interval]', 'Brier', 'ECE [interval]', 'bias [interval]', 'flags'];

function cells(m: SliceMetrics): string[] {
  return [
    m.name,
    String(m.rows),
    String(m.positives),
    withInterval(m.auc.value, m.auc),
    withInterval(m.logLoss.value, m.logLoss),
    formatNumber(m.brier.value),
    withInterval(m.ece.value, m.ece),
    withInterval(m.bias.value, m.bias),
    m.flags.join('; '),
  ];
}

function intervalNote(report: SlicesReport): string {
  const { resamples, seed, level } = report.bootstrap;
  return `${Math.round(level * 100)}% percentile bootstrap intervals (${resamples} resamples, seed ${seed}); ECE over ${report.bins} equal-width bins; bias = mean score − observed rate`;
}

/**
 * The slices report as plain text, worst slice first.
 *
 * @example
 * process.stdout.write(formatSlicesText(report));
 */
export function formatSlicesText(report: SlicesReport): string {
  const lines = [
    `slices: ${report.source} (${report.overall.rows} rows, ${report.overall.positives} positives), label ${report.label}, score ${report.score}, by ${report.by.join(', ')}`,
    `worst first by ${report.sortedBy}; ${intervalNote(report)}`,
    '',
    ...textTable(HEAD, [cells(report.overall), ...report.slices.map(cells)]),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The slices report as a self-contained HTML page with a reliability diagram.
 *
 * @example
 * await writeFile('slices.html', renderSlicesHtml(report));
 */
export function renderSlicesHtml(report: SlicesReport, { maxCurves = 8 }: { maxCurves?: number } = {}): string {
  const shown = report.slices.slice(0, maxCurves);
  return renderEvalReport({
    title: 'paydown slices report',
    subtitle: `${report.source} · by ${report.by.join(', ')}`,
    sections: [
      {
        title: 'Metrics by slice, worst first',
        kind: 'slices',
        summary: `${report.slices.length} slices, sorted by ${report.sortedBy}. ${intervalNote(report)}. Highlighted: flagged slices.`,
        table: { head: HEAD, rows: [cells(report.overall), ...report.slices.map(cells)], flagged: [false, ...report.slices.map((s) => s.flags.length > 0)] },
      },
      {
        title: 'Reliability diagram',
        kind: 'reliability',
        summary: `Observed rate of positives against mean predicted probability per bin (${report.bins} equal-width bins)${report.slices.length > shown.length ? `; the ${shown.length} worst slices of ${report.slices.length}` : ''}. Points under the diagonal: the model over-predicts there.`,
        charts: [{ title: 'reliability diagram', spec: reliabilityChart([{ label: 'all rows', bins: report.overall.reliability }, ...shown.map((s) => ({ label: s.name, bins: s.reliability }))]) }],
      },
    ],
  });
}
