import { scoreHistogramChart } from '../report/charts.js';
import { formatNumber, textTable } from '../report/format.js';
import { renderEvalReport, type ReportSection } from '../report/render-eval-report.js';
import type { AlignedPredictions } from './align-predictions.js';
import type { CompareReport, MetricDelta, SliceComparison } from './compare-report.js';

function delta(d: MetricDelta | undefined): string {
  if (d === undefined) return '-';
  if (d.verdict === 'undefined') return 'n/a';
  const sign = d.delta > 0 ? '+' : '';
  const mark = d.verdict === 'worse' ? ' ▼' : d.verdict === 'better' ? ' ▲' : '';
  return `${sign}${formatNumber(d.delta, 3)} [${formatNumber(d.low, 3)}, ${formatNumber(d.high, 3)}]${mark}`;
}

function head(report: CompareReport): string[] {
  const base = ['slice', 'rows', 'status', 'flips', 'KS D', 'W1', 'mean Δ'];
  return report.label === undefined ? base : [...base, 'ΔAUC', 'Δlog loss', 'ΔECE', 'Δ|bias|'];
}

function cells(report: CompareReport, s: SliceComparison): string[] {
  const base = [s.name, String(s.rows), s.status, `${formatNumber(s.flips.share * 100, 3)}%`, formatNumber(s.shift.ks, 3), formatNumber(s.shift.wasserstein, 3), formatNumber(s.shift.meanDelta, 3)];
  return report.label === undefined ? base : [...base, delta(s.deltas?.auc), delta(s.deltas?.logLoss), delta(s.deltas?.ece), delta(s.deltas?.bias)];
}

function notes(report: CompareReport): string[] {
  const { resamples, seed, level } = report.bootstrap;
  const lines = [
    `pairs joined by ${report.joinedBy === 'row order' ? 'row order' : `key ${report.joinedBy.key}`}; flips at threshold ${report.threshold} (score ≥ threshold is positive)`,
    `shift: two-sample KS statistic D and Wasserstein-1 distance of the scores (descriptive: the samples are paired), mean Δ = mean(candidate − baseline)`,
  ];
  if (report.label !== undefined) lines.push(`Δ = candidate − baseline with ${Math.round(level * 100)}% paired bootstrap intervals (${resamples} resamples, seed ${seed}); ▼ worse, ▲ better (interval excludes 0); ECE over ${report.bins} equal-width bins`);
  if (report.unmatched.baseline + report.unmatched.candidate > 0) lines.push(`NOT ALL ROWS PAIRED: ${report.unmatched.baseline} baseline and ${report.unmatched.candidate} candidate rows have no partner and are left out`);
  return lines;
}

function verdictLine(report: CompareReport, worse: number): string {
  const total = { worse: 'the total got worse', better: 'the total got better', unchanged: 'the total did not change clearly', 'no labels': '' }[report.overall.status];
  if (!report.worse) return `no slice got worse; ${total}`;
  return `WORSE: ${worse} of ${report.slices.length} slices got worse${report.overall.status === 'better' ? ', although the total got better' : `; ${total}`}`;
}

/**
 * The comparison as plain text: the total, then the slices, worse first.
 *
 * @example
 * process.stdout.write(formatCompareText(report));
 */
export function formatCompareText(report: CompareReport): string {
  const worse = report.slices.filter((s) => s.status === 'worse').length;
  const lines = [
    `compare: ${report.baseline} → ${report.candidate} (${report.overall.rows} paired rows${report.label === undefined ? ', no labels' : `, label ${report.label}`}), score ${report.score}`,
    ...notes(report),
    '',
    ...textTable(head(report), [cells(report, report.overall), ...report.slices.map((s) => cells(report, s))]),
    '',
    report.label === undefined
      ? 'no labels: only shifts and flips are compared'
      : verdictLine(report, worse),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The comparison as a self-contained HTML page: the table (worse slices highlighted) and the
 * overlaid score distributions.
 *
 * @example
 * await writeFile('compare.html', renderCompareHtml(report, aligned));
 */
export function renderCompareHtml(report: CompareReport, aligned: AlignedPredictions): string {
  const sections: ReportSection[] = [
    {
      title: 'Changes by slice, worse first',
      kind: 'compare',
      summary: notes(report).join('. '),
      table: {
        head: head(report),
        rows: [cells(report, report.overall), ...report.slices.map((s) => cells(report, s))],
        flagged: [report.overall.status === 'worse', ...report.slices.map((s) => s.status === 'worse')],
      },
    },
    {
      title: 'Score distributions',
      kind: 'distributions',
      summary: 'Shares of rows per score bin, baseline in blue and candidate in orange, for all paired rows.',
      charts: [{ title: 'scores of all paired rows', spec: scoreHistogramChart([{ label: `baseline (${report.baseline})`, scores: aligned.baseline }, { label: `candidate (${report.candidate})`, scores: aligned.candidate }]) }],
    },
  ];
  return renderEvalReport({ title: 'paydown compare report', subtitle: `${report.baseline} → ${report.candidate}`, sections });
}
