import type { ReliabilityBin } from '../metrics/calibration.js';
import type { ChartSpec } from './render-eval-report.js';

const PALETTE = ['rgb(54, 118, 200)', 'rgb(230, 97, 40)', 'rgb(58, 154, 91)', 'rgb(150, 80, 190)', 'rgb(200, 160, 30)', 'rgb(40, 170, 180)', 'rgb(190, 60, 100)', 'rgb(110, 110, 110)'];

/** The colour of the k-th series. */
export function seriesColor(k: number): string {
  return PALETTE[k % PALETTE.length];
}

/**
 * At most `limit` points of a curve, evenly spaced by index, always keeping the first and last
 * (a chart of 100,000 thresholds draws no better than one of 400).
 *
 * @example
 * thin([{ x: 0, y: 0 }, { x: 0.5, y: 0.7 }, { x: 1, y: 1 }], 2); // first and last
 */
export function thin<T>(points: readonly T[], limit = 400): T[] {
  if (points.length <= limit) return [...points];
  const out: T[] = [];
  const step = (points.length - 1) / (limit - 1);
  for (let k = 0; k < limit; k++) out.push(points[Math.round(k * step)]);
  return out;
}

function xyOptions(xTitle: string, yTitle: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { position: 'bottom' } },
    scales: {
      x: { type: 'linear', min: 0, max: 1, title: { display: true, text: xTitle } },
      y: { type: 'linear', min: 0, max: 1, title: { display: true, text: yTitle } },
    },
    ...extra,
  };
}

/** One precision/recall curve to draw, with the chosen operating point. */
export interface PrCurveSeries {
  readonly label: string;
  readonly precision: ArrayLike<number>;
  readonly recall: ArrayLike<number>;
  readonly chosen?: { readonly precision: number; readonly recall: number; readonly threshold: number };
}

/**
 * A precision (y) against recall (x) chart, one line per series, the chosen thresholds as
 * large points.
 *
 * @example
 * prCurveChart([{ label: 'all rows', precision: curve.precision, recall: curve.recall }]);
 */
export function prCurveChart(series: readonly PrCurveSeries[]): ChartSpec {
  const datasets: Record<string, unknown>[] = [];
  series.forEach((one, k) => {
    const points = thin(Array.from({ length: one.precision.length }, (_, i) => ({ x: one.recall[i], y: one.precision[i] })));
    datasets.push({ label: one.label, data: points, showLine: true, pointRadius: 0, borderWidth: 2, borderColor: seriesColor(k), backgroundColor: seriesColor(k) });
    if (one.chosen !== undefined) {
      datasets.push({
        label: `${one.label}: threshold ${round(one.chosen.threshold)}`,
        data: [{ x: one.chosen.recall, y: one.chosen.precision }],
        pointRadius: 7,
        pointStyle: 'rectRot',
        borderColor: seriesColor(k),
        backgroundColor: seriesColor(k),
      });
    }
  });
  return { type: 'scatter', data: { datasets }, options: xyOptions('recall', 'precision') };
}

/**
 * A reliability diagram: observed rate of positives (y) against mean predicted probability (x)
 * per non-empty bin, one series each, with the diagonal of perfect calibration.
 *
 * @example
 * reliabilityChart([{ label: 'all rows', bins: calibration(labels, scores).bins }]);
 */
export function reliabilityChart(series: readonly { readonly label: string; readonly bins: readonly ReliabilityBin[] }[]): ChartSpec {
  const datasets: Record<string, unknown>[] = [
    { label: 'perfectly calibrated', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], showLine: true, pointRadius: 0, borderDash: [5, 4], borderColor: 'rgb(150, 150, 150)', borderWidth: 1 },
  ];
  series.forEach((one, k) => {
    datasets.push({
      label: one.label,
      data: one.bins.filter((bin) => bin.count > 0).map((bin) => ({ x: bin.meanScore, y: bin.observedRate, n: bin.count })),
      showLine: true,
      pointRadius: 4,
      borderColor: seriesColor(k),
      backgroundColor: seriesColor(k),
    });
  });
  return { type: 'scatter', data: { datasets }, options: xyOptions('mean predicted probability (bin)', 'observed rate of positives') };
}

/**
 * Overlaid histograms of scores on [0, 1] in `bins` equal-width bins, as shares of rows.
 *
 * @example
 * scoreHistogramChart([{ label: 'baseline', scores: a }, { label: 'candidate', scores: b }]);
 */
export function scoreHistogramChart(series: readonly { readonly label: string; readonly scores: ArrayLike<number> }[], bins = 20): ChartSpec {
  const labels = Array.from({ length: bins }, (_, b) => `${round(b / bins)}–${round((b + 1) / bins)}`);
  const datasets = series.map((one, k) => {
    const counts = new Array<number>(bins).fill(0);
    for (let i = 0; i < one.scores.length; i++) counts[Math.min(bins - 1, Math.floor(one.scores[i] * bins))]++;
    return {
      label: one.label,
      data: counts.map((c) => c / Math.max(1, one.scores.length)),
      backgroundColor: seriesColor(k).replace('rgb', 'rgba').replace(')', ', 0.45)'),
      borderColor: seriesColor(k),
      borderWidth: 1,
      grouped: false,
      barPercentage: 1,
      categoryPercentage: 1,
    };
  });
  return {
    type: 'bar',
    data: { labels, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { position: 'bottom' } },
      scales: { y: { beginAtZero: true, title: { display: true, text: 'share of rows' } }, x: { title: { display: true, text: 'score' } } },
    },
  };
}

function round(x: number): string {
  return String(Number(x.toPrecision(3)));
}
